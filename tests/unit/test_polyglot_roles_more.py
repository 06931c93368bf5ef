"""Non-English roles: a title as the head of a compound, a title past an honorific, a title and its complement
before a comma, a title a copula gives after the name, and a title whose complement follows it. The texts are
written for these tests (not taken from the evaluation corpus)."""

from __future__ import annotations

from article_pipeline.models import Person
from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document


def _people(text: str, language: str) -> list[Person]:
    return polyglot.extract_entities(build_document(text, language))[0]


def _roles(people: list[Person], name: str) -> list[str] | None:
    return next((p.roles for p in people if p.name == name), None)


def test_a_german_compound_title_past_an_honorific_is_the_role() -> None:
    # GIVEN a compound title ("Kultur" + "bürgermeisterin") and "Dr." before the name
    text = "Die Kommission unter Leitung von Kulturbürgermeisterin Dr. Maren Sollwedel hat am Freitag entschieden."
    # WHEN the people are extracted
    roles = _roles(_people(text, "de"), "Maren Sollwedel")
    # THEN the compound is her role
    assert roles == ["Kulturbürgermeisterin"]


def test_a_title_a_copula_gives_after_the_name_is_the_role() -> None:
    # GIVEN "X wird neuer Geschäftsführer" and a hyphenated compound title in a headline
    text = (
        "Johannes Brettschneider wird Chor-Geschäftsführer\n\n"
        "Der Stadtrat hat am Montag entschieden. Johannes Brettschneider wird neuer Geschäftsführer des Chores."
    )
    # WHEN the people are extracted
    people = _people(text, "de")
    # THEN both titles are his, and the title's complement ("des Chores") is no person
    assert _roles(people, "Johannes Brettschneider") == ["Chor-Geschäftsführer", "Geschäftsführer"]
    assert _roles(people, "Chores") is None


def test_a_title_with_its_complement_before_a_comma_is_the_role() -> None:
    # GIVEN a Spanish title and its complement, then the name in apposition
    text = "“Es muy serio”, apunta el presidente de la Asociación Nacional de Enfermeras, Tomás García Olmedo, muy preocupado."
    # WHEN the people are extracted
    roles = _roles(_people(text, "es"), "Tomás García Olmedo")
    # THEN the title with its complement is his role
    assert roles == ["presidente de la Asociación Nacional de Enfermeras"]


def test_a_clause_before_a_comma_is_no_role() -> None:
    # GIVEN a clause, not a title's complement, before the comma and the name
    text = "El fiscal se entrevistó ayer con su superior, Antonio Salinas, en Madrid."
    # WHEN the people are extracted
    roles = _roles(_people(text, "es"), "Antonio Salinas")
    # THEN the clause is not taken for his role
    assert not roles or all("entrevistó" not in role for role in roles)


def test_a_title_followed_by_a_lower_case_word_leads_no_name_in_german() -> None:
    # GIVEN a German title followed by its object, then a genitive noun
    text = "Zuletzt verantwortete er als Bereichsleiter den Vertrieb des Unternehmens in Stuttgart."
    # WHEN the people are extracted
    people = _people(text, "de")
    # THEN the noun is no person with that title
    assert _roles(people, "Unternehmens") is None


def test_a_hyphenated_title_is_a_compound_only_where_the_language_writes_compounds() -> None:
    # GIVEN German, which joins a title to its complement with a hyphen, and Portuguese, where a hyphen
    # also joins a verb to its clitic pronoun
    from article_pipeline.pipeline.langpack import load_pack

    german, portuguese = load_pack("de"), load_pack("pt")
    assert german is not None and portuguese is not None
    # WHEN a hyphenated word ends in a title
    # THEN German reads the compound as that title; Portuguese takes only the titles its pack lists whole
    assert polyglot._is_role_word("orchester-geschäftsführer", german)
    assert not polyglot._is_role_word("ex-qualquer-presidente", portuguese)
    assert polyglot._is_role_word("presidente", portuguese)
