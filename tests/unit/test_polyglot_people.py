# ruff: noqa: RUF001  # Kazakh Latin letters and Cyrillic are the subject of these tests
"""Non-English people and their roles: titles with an "of" complement, titles in apposition after the name,
shorter forms of one person's name, spaced dashes and lists of single names. The texts are written for these
tests (not taken from the evaluation corpus)."""

from __future__ import annotations

from article_pipeline.models import Person
from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document


def _people(text: str, language: str) -> list[Person]:
    return polyglot.extract_entities(build_document(text, language))[0]


def _person(people: list[Person], name: str) -> Person | None:
    return next((p for p in people if p.name == name), None)


def test_french_title_complement_is_not_a_person() -> None:
    # GIVEN a French title whose complement is capitalised, with no name after it
    text = "Hier soir, le ministre des Affaires sociales a annoncé une réforme des retraites."
    # WHEN the people are extracted
    people = _people(text, "fr")
    # THEN the complement is not taken for a person
    assert not any("Affaires" in p.name for p in people)


def test_italian_complement_run_into_the_name_is_split_off() -> None:
    # GIVEN an Italian title, its place complement and a full name written together
    text = "Alla cena c'era anche il senatore della Toscana Paolo Bianchini, accolto con calore."
    # WHEN the people are extracted
    people = _people(text, "it")
    # THEN the person starts at the given name and holds the whole title
    person = _person(people, "Paolo Bianchini")
    assert person is not None
    assert person.roles == ["senatore della Toscana"]
    assert not any("Toscana" in p.name for p in people)


def test_title_in_apposition_after_the_name_is_the_role() -> None:
    # GIVEN a French name followed by a comma and a title with its complement
    text = "Selon Claire Martin, la directrice générale de la Banque, les taux resteront stables."
    # WHEN the people are extracted
    person = _person(_people(text, "fr"), "Claire Martin")
    # THEN the title after the comma is the person's role
    assert person is not None
    assert person.roles == ["directrice générale de la Banque"]


def test_apposition_that_leads_the_next_name_is_not_the_role() -> None:
    # GIVEN a Spanish list where the title after a comma belongs to the following name
    text = "En la reunión estuvieron Luis Pardo, la ministra Elena Ruiz y otros cargos."
    # WHEN the people are extracted
    people = _people(text, "es")
    # THEN the first person does not take the second person's title
    first = _person(people, "Luis Pardo")
    assert first is not None and first.roles == []


def test_shorter_forms_join_the_one_full_name() -> None:
    # GIVEN an Italian person named in full, without the first given name, and by the given name alone
    text = (
        "L'imprenditore Carlo Alberto Ferrante ha parlato ieri. Alberto Ferrante conosce bene il settore. "
        "Secondo Ferrante il mercato crescerà, e Carlo ne è convinto."
    )
    # WHEN the people are extracted
    people = _people(text, "it")
    # THEN they are one person under the full name
    assert [p.name for p in people] == ["Carlo Alberto Ferrante"]
    assert {"Alberto Ferrante", "Ferrante", "Carlo"} <= set(people[0].aliases)


def test_spaced_dash_ends_a_name() -> None:
    # GIVEN a heading in capitals, a dash between spaces and a full name
    text = "DAL NOSTRO INVIATO - Giulia Ferrante è arrivata. Poi la ministra Ferrante ha parlato."
    # WHEN the people are extracted
    people = _people(text, "it")
    # THEN the name after the dash is a person of its own, and the surname joins it
    person = _person(people, "Giulia Ferrante")
    assert person is not None and "Ferrante" in person.aliases
    assert not any("-" in p.name for p in people)


def test_single_names_listed_with_a_person_are_people() -> None:
    # GIVEN an Italian list of surnames, one of them a person named in full elsewhere in the text
    text = (
        "Il ministro Marco Zanetti ha parlato ieri. "
        "Al tavolo sedevano Zanetti, Borromini, Castellucci e Perotta per discutere del bilancio."
    )
    # WHEN the people are extracted
    names = {p.name for p in _people(text, "it")}
    # THEN every item of the list is a person
    assert {"Marco Zanetti", "Borromini", "Castellucci", "Perotta"} <= names


def test_sentence_opener_before_a_comma_is_not_a_list_item() -> None:
    # GIVEN a Russian sentence opened by a capitalised adverbial participle and a comma before a surname
    text = "Министр Иван Петров выступил в парламенте. Подводя итоги, Петров подчеркнул важность диалога."
    # WHEN the people are extracted
    names = {p.name for p in _people(text, "ru")}
    # THEN the opener is not a person
    assert "Подводя" not in names


def test_french_adjective_in_er_stays_in_the_organisation_name() -> None:
    # GIVEN a French ministry whose name ends with an adjective whose lemma ends in -er
    text = "La visite a été confirmée jeudi par le ministère des Affaires étrangères."
    # WHEN the organisations are extracted
    orgs = polyglot.extract_entities(build_document(text, "fr"))[1]
    # THEN the adjective is part of the name, not a verb that ends it
    assert [o.name for o in orgs] == ["ministère des Affaires étrangères"]


def test_title_before_a_place_is_not_an_organisation() -> None:
    # GIVEN an Italian title whose stem also starts an organisation head ("senat*")
    text = "Ieri il senatore della Toscana ha presentato una proposta di legge."
    # WHEN the organisations are extracted
    orgs = polyglot.extract_entities(build_document(text, "it"))[1]
    # THEN the title and its place make no organisation
    assert not any("senatore" in o.name for o in orgs)


def test_capitals_before_a_spaced_dash_are_a_kicker_not_a_name() -> None:
    # GIVEN a text opened by unknown words in capitals and a dash between spaces
    text = "DALLA NOSTRA INVIATAVENEZIA NORD - La giunta ha approvato il bilancio ieri sera."
    # WHEN the organisations are extracted
    orgs = polyglot.extract_entities(build_document(text, "it"))[1]
    # THEN the kicker is not taken for an organisation
    assert orgs == []


def test_kazakh_case_forms_of_a_name_are_one_person() -> None:
    # GIVEN a Kazakh (Latin alphabet) person named in full, then by the surname with case suffixes
    text = (
        "Mınıstr Erlan Sársenbaev jıynda sóz sóiledi. Sársenbaevtyń aıtýynsha, jospar oryndalady. "
        "Jýrnalıster Sársenbaevpen kezdesti."
    )
    # WHEN the people are extracted
    people = _people(text, "kk")
    # THEN the inflected forms join the full name
    assert [p.name for p in people] == ["Erlan Sársenbaev"]
    assert {"Sársenbaevtyń", "Sársenbaevpen"} <= set(people[0].aliases)


def test_ukrainian_copular_title_is_the_role_in_its_dictionary_form() -> None:
    # GIVEN a Ukrainian clause that names a company's head with a title in the instrumental and "є"
    text = "Від минулого року директором фірми є Петро Гончаренко, повідомляє реєстр."
    # WHEN the people are extracted
    person = _person(_people(text, "uk"), "Петро Гончаренко")
    # THEN the title, in the nominative, with its short complement, is the person's role
    assert person is not None
    assert person.roles == ["директор фірми"]


def test_single_word_after_a_copula_is_not_a_person_by_the_title() -> None:
    # GIVEN a Ukrainian copular clause that ends with one capitalised word
    text = "Від минулого року директором фірми стала Харківщина."
    # WHEN the people are extracted
    # THEN the title alone does not make the word a person
    assert _people(text, "uk") == []


def test_misspelt_surname_joins_the_one_full_name() -> None:
    # GIVEN a Russian person named in full, later by the surname with one letter more
    text = "Компанию основала Ирина Самойленко. Позже директор Самойлненко продала долю."
    # WHEN the people are extracted
    people = _people(text, "ru")
    # THEN the misspelt surname is an alias of the full name
    person = _person(people, "Ирина Самойленко")
    assert person is not None and "Самойлненко" in person.aliases
