# ruff: noqa: RUF001  # typographic quotation marks and dashes are the subject of these tests
"""Direct quotes and their speakers in languages with a pack (pipeline/polyglot_quotes.py)."""

from __future__ import annotations

from article_pipeline.models import Organization, Person
from article_pipeline.pipeline.document import build_document
from article_pipeline.pipeline.polyglot_quotes import extract_quotes


def _speakers(
    text: str, language: str, people: list[Person], orgs: list[Organization] | None = None
) -> list[tuple[str | None, str]]:
    doc = build_document(text, language)
    return [(q.speaker, q.text) for q in extract_quotes(doc, people, orgs or [])]


def test_speaker_named_after_the_quote_in_an_inflected_form() -> None:
    # GIVEN a Russian quote attributed after it, the speaker written in the instrumental case
    text = "Переговоры продолжатся. «Мы готовы обсуждать все вопросы открыто», — сказал Лавров журналистам.\n"
    people = [Person(name="Сергей Лавров", aliases=["Лавров", "Лаврова"])]
    # WHEN quotes are read
    quotes = _speakers(text, "ru", people)
    # THEN the quote is his, under the entry's name
    assert quotes == [("Сергей Лавров", "Мы готовы обсуждать все вопросы открыто")]


def test_speaker_is_the_subject_before_the_quote() -> None:
    # GIVEN a Portuguese sentence whose subject introduces the quote
    text = "A advogada Maria Souza disse que a medida “não resolve o problema das famílias” ontem.\n"
    people = [Person(name="Maria Souza")]
    # WHEN quotes are read
    # THEN the subject is the speaker
    assert _speakers(text, "pt", people) == [("Maria Souza", "não resolve o problema das famílias")]


def test_a_verb_alone_after_the_quote_gives_it_to_the_person_just_written_about() -> None:
    # GIVEN a quote attributed by a verb only, after a sentence about one person
    text = (
        "Maria Souza criticou o projeto do governo. “Há ferramentas que precisam ser anônimas”, ponderou.\n"
    )
    people = [Person(name="Maria Souza")]
    # WHEN quotes are read
    # THEN the speaker is the person of the sentence before
    assert _speakers(text, "pt", people) == [("Maria Souza", "Há ferramentas que precisam ser anônimas")]


def test_an_unnamed_subject_after_the_verb_is_nobody_found() -> None:
    # GIVEN a French quote whose verb has a subject of its own that names no one
    text = (
        "Pierre Martin, le ministre, s'en défend. «Il n'y a pas de sujet sur ce dossier», "
        "précise un proche du ministre.\n"
    )
    people = [Person(name="Pierre Martin")]
    # WHEN quotes are read
    # THEN the quote is kept without a speaker, not given to the person named before
    assert _speakers(text, "fr", people) == [(None, "Il n'y a pas de sujet sur ce dossier")]


def test_dash_dialogue_is_speech_with_its_attribution() -> None:
    # GIVEN Polish dialogue written with dashes
    text = "Rozmowy trwały do nocy.\n– Nie zgodzimy się na takie warunki – powiedział Jan Kowalski.\n"
    people = [Person(name="Jan Kowalski")]
    # WHEN quotes are read
    # THEN the dash paragraph is a quote and the name after the second dash is its speaker
    assert _speakers(text, "pl", people) == [("Jan Kowalski", "Nie zgodzimy się na takie warunki")]


def test_a_name_in_quotation_marks_is_not_speech() -> None:
    # GIVEN a Ukrainian sentence naming a company in quotation marks after a person
    text = "Олег Петренко очолював КП «Обласна служба замовника» до червня.\n"
    people = [Person(name="Олег Петренко")]
    orgs = [Organization(name="Обласна служба замовника")]
    # WHEN quotes are read
    # THEN nothing is a quote
    assert _speakers(text, "uk", people, orgs) == []


def test_straight_quotes_out_of_step_do_not_make_a_quote_of_the_text_between() -> None:
    # GIVEN a Polish text with a quoted newspaper name and straight quotes
    text = 'Tak informuje "Guardian". Firma Discovery posiada w Europie ok. 100 kanałów. "Guardian" pisze dalej.\n'
    people: list[Person] = []
    orgs = [Organization(name="Discovery")]
    # WHEN quotes are read
    # THEN the text between a closing and an opening mark is not a quote of Discovery
    assert all(speaker != "Discovery" for speaker, _ in _speakers(text, "pl", people, orgs))


def test_a_continued_quote_in_the_same_paragraph_keeps_its_speaker() -> None:
    # GIVEN two German quotes in one paragraph, the first attributed
    text = (
        "„Wir werden die Kosten deutlich senken“, sagte Anna Weber. „Das braucht aber noch ein paar Jahre "
        "und viel Geld.“\n"
    )
    people = [Person(name="Anna Weber")]
    # WHEN quotes are read
    quotes = _speakers(text, "de", people)
    # THEN both are hers
    assert [speaker for speaker, _ in quotes] == ["Anna Weber", "Anna Weber"]


def test_a_cited_term_inside_a_sentence_is_not_speech() -> None:
    # GIVEN a Turkish sentence citing offences in quotation marks after an office
    text = (
        'İstanbul Başsavcılığı "suç işlemek amacıyla örgüt kurma ve yasa dışı bahis oynatma" suçlarına '
        "yönelik soruşturma başlattı.\n"
    )
    orgs = [Organization(name="İstanbul Başsavcılığı")]
    # WHEN quotes are read
    # THEN the cited term is not a quote of the office
    assert _speakers(text, "tr", [], orgs) == []


def test_a_straight_opening_mark_pairs_with_a_typographic_closing_one() -> None:
    # GIVEN a German quote opened with a straight mark and closed with a German closing mark
    text = 'Im ersten Schritt wird entladen. "Mit diesem Strom betreiben wir die Anlage“, sagt Hanna Berg.\n'
    people = [Person(name="Hanna Berg")]
    # WHEN quotes are read
    # THEN it is her quote
    assert _speakers(text, "de", people) == [("Hanna Berg", "Mit diesem Strom betreiben wir die Anlage")]


def test_a_title_alone_as_the_subject_is_the_one_person_with_that_title() -> None:
    # GIVEN Kazakh dash dialogue attributed to "the vice-minister", one person found with a minister's title
    text = (
        "Jıynda mınıstr Gúlnar Serikova sóz sóıledi.\n"
        "– Biz jańa aýrýhanalar salamyz, bul óte mańyzdy jumys, – dep atap ótti vıtse-mınıstr.\n"
    )
    people = [Person(name="Gúlnar Serikova", roles=["Densaýlyq saqtaý mınıstri"]), Person(name="Erlan Qarın")]
    # WHEN quotes are read
    # THEN the quote is hers
    assert _speakers(text, "kk", people) == [
        ("Gúlnar Serikova", "Biz jańa aýrýhanalar salamyz, bul óte mańyzdy jumys")
    ]


def test_a_title_inside_a_longer_subject_is_not_the_person_with_that_title() -> None:
    # GIVEN a French quote attributed to someone close to the minister, the minister being found
    text = (
        "Pierre Martin, le ministre, s'en défend. «Il n'y a pas de sujet sur ce dossier», "
        "précise un proche du ministre.\n"
    )
    people = [Person(name="Pierre Martin", roles=["ministre"])]
    # WHEN quotes are read
    # THEN the quote is not given to the minister
    assert _speakers(text, "fr", people) == [(None, "Il n'y a pas de sujet sur ce dossier")]


def test_a_dash_inside_dash_dialogue_does_not_end_the_speech() -> None:
    # GIVEN Polish dash dialogue whose speech holds a dash between words, attributed after a comma and a dash
    text = (
        "Rozmowy trwały.\n– To jest – naszym zdaniem – zły pomysł dla wszystkich, – powiedział Jan Nowak.\n"
    )
    people = [Person(name="Jan Nowak")]
    # WHEN quotes are read
    # THEN the whole speech is the quote and its speaker the name after the last dash
    assert _speakers(text, "pl", people) == [
        ("Jan Nowak", "To jest – naszym zdaniem – zły pomysł dla wszystkich")
    ]
