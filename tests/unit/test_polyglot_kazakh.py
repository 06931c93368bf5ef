# ruff: noqa: RUF001, RUF003  # Kazakh Latin letters are the subject of these tests
"""Kazakh names in the official Latin alphabet: case suffixes that must fit the stem (vowel harmony and
assimilation), family names told by their endings, titles written between two names, and organisation names
that capitalise only their first words. The texts are written for these tests (not taken from the corpus)."""

from __future__ import annotations

from article_pipeline.models import Organization, Person
from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document
from article_pipeline.pipeline.langpack import load_pack


def _entities(text: str) -> tuple[list[Person], list[Organization]]:
    people, orgs, _ = polyglot.extract_entities(build_document(text, "kk"))
    return people, orgs


def _person(people: list[Person], name: str) -> Person | None:
    return next((p for p in people if p.name == name), None)


def test_a_case_suffix_is_cut_only_where_its_form_fits_the_stem() -> None:
    # GIVEN the Kazakh pack and words that end in a suffix's letters
    pack = load_pack("kk")
    assert pack is not None
    # WHEN their case suffixes are looked for
    # THEN "-tyń" after a voiceless consonant and "-pen" are suffixes
    assert polyglot._case_suffix("Serikovtyń", pack) == 3
    assert polyglot._case_suffix("Ospanovpen", pack) == 3
    assert polyglot._case_suffix("Ermekovke", pack) == 2
    # ... but "-tan" after "l" (that stem takes "-dan") and "-na" after a bare stem are the name's own letters
    assert polyglot._case_suffix("Nursultan", pack) == 0
    assert polyglot._case_suffix("Aıdana", pack) == 0
    assert polyglot._case_suffix("Marına", pack) == 0


def test_a_name_seen_only_with_a_suffix_gets_its_nominative() -> None:
    # GIVEN a Kazakh name written only in the genitive, and another only in the instrumental
    text = "Berik Sadyqovtyń aıtýynsha, jospar oryndalady. Ol keshe Daýren Ermekovpen kezdesti."
    # WHEN the people are extracted
    people, _ = _entities(text)
    # THEN each name is its nominative and the written form an alias
    first = _person(people, "Berik Sadyqov")
    second = _person(people, "Daýren Ermekov")
    assert first is not None and "Berik Sadyqovtyń" in first.aliases
    assert second is not None and "Daýren Ermekovpen" in second.aliases


def test_a_title_between_two_names_gives_two_people() -> None:
    # GIVEN a Kazakh sentence where a country's title stands between a name and the next one
    text = "Memleket basshysy Erlan Serikov Qyrǵyzstan Prezıdenti Almaz Toqtarovpen telefon arqyly sóılesti."
    # WHEN the people are extracted
    people, _ = _entities(text)
    # THEN both are people, and the title with its country is the second one's role
    assert _person(people, "Erlan Serikov") is not None
    second = _person(people, "Almaz Toqtarov")
    assert second is not None and second.roles == ["Qyrǵyzstan Prezıdenti"]
    assert len(people) == 2


def test_a_title_closing_the_run_is_not_part_of_the_name() -> None:
    # GIVEN a Kazakh name followed by a capitalised title in the dative
    text = "Keshe Aıgerim Tólegenova Prezıdentke esep berdi."
    # WHEN the people are extracted
    people, _ = _entities(text)
    # THEN the person's name stops before the title
    assert [p.name for p in people] == ["Aıgerim Tólegenova"]


def test_a_family_name_closes_the_name_before_and_and_before_a_body() -> None:
    # GIVEN a patronymic-style family name before "jáne", and a family name before an organisation's name
    text = (
        "Keshe Marat Ospanuly jáne Senat tóraǵasy Asqar Nurbekuly keldi. "
        "Premer-mınıstr Oljas Beketov Ulttyq bank tóraǵasymen kezdesti."
    )
    # WHEN the entities are extracted
    people, orgs = _entities(text)
    # THEN the people stop at their family names and the body is an organisation of its own
    names = {p.name for p in people}
    assert {"Marat Ospanuly", "Asqar Nurbekuly", "Oljas Beketov"} <= names
    assert "Ulttyq bank" in {o.name for o in orgs}
    assert not any("Ospanuly" in o.name or "Beketov" in o.name for o in orgs)


def test_a_two_word_name_with_a_family_name_ending_is_a_person() -> None:
    # GIVEN a Kazakh name unknown to the given-name list, with no title, in the genitive
    text = "Búgin Qaırat Áliev pen Jandos Sársenovtiń kitaby jaryq kórdi."
    # WHEN the people are extracted
    people, orgs = _entities(text)
    # THEN both are people, none an organisation
    assert {"Qaırat Áliev", "Jandos Sársenov"} <= {p.name for p in people}
    assert orgs == []


def test_lower_case_words_up_to_a_head_are_the_organisations_name() -> None:
    # GIVEN Kazakh organisations whose names capitalise only their first words, in several cases
    text = (
        "Densaýlyq saqtaý mınıstrligi málimetinshe, jańa aýrýhana ashylady. "
        "Halyqaralyq Turızm keńesiniń otyrysy ótti. Ulttyq jastar quryltaıynda depýtattar sóıledi."
    )
    # WHEN the organisations are extracted
    _, orgs = _entities(text)
    names = {o.name for o in orgs}
    # THEN each name runs to its head, and a long case suffix is taken off the head
    assert "Densaýlyq saqtaý mınıstrligi" in names
    assert "Halyqaralyq Turızm keńesi" in names
    assert any(o.name.startswith("Ulttyq jastar quryltaı") for o in orgs)


def test_a_person_takes_no_lower_case_head_after_the_name() -> None:
    # GIVEN a Kazakh family name followed by an organisation head in the dative
    text = "Keshe Erjan Nurlanov ákimdikke bardy."
    # WHEN the entities are extracted
    people, orgs = _entities(text)
    # THEN the person is a person and no organisation is made of the name
    assert [p.name for p in people] == ["Erjan Nurlanov"]
    assert orgs == []


def test_a_sentence_opener_seen_in_lower_case_still_opens_an_organisations_name() -> None:
    # GIVEN a Kazakh organisation opening a sentence with a word the text also writes in lower case
    text = "Bul sport salasyna qatysty. Sport jáne týrızm mınıstrligi jańa jospar usyndy."
    # WHEN the organisations are extracted
    _, orgs = _entities(text)
    # THEN the opener is part of the name, which runs to its head
    assert "Sport jáne týrızm mınıstrligi" in {o.name for o in orgs}


def test_quoted_names_of_prizes_are_not_organisations() -> None:
    # GIVEN quoted names followed by "prize" (alone and in a list), and quoted names followed by "company"
    text = (
        "Olardyń qatarynda «Sunqar» memlekettik jastar syılyǵy, «Aqqý», «Jyl aqyny» halyqaralyq syılyǵy bar. "
        "Oǵan «Qazaqtelekom» kompanııasy jáne «Samuryq» qory qatysty."
    )
    # WHEN the organisations are extracted
    _, orgs = _entities(text)
    names = {o.name for o in orgs}
    # THEN the prizes are no organisations, the company and the fund are
    assert not names & {"Sunqar", "Aqqý", "Jyl aqyny"}
    assert {"Qazaqtelekom", "Samuryq"} <= names


def test_a_countrys_title_before_a_name_is_the_role_and_the_family_name_loses_its_suffix() -> None:
    # GIVEN a Kazakh sentence with "<country> Prezıdenti <name>" and a name in the accusative
    text = "Búgin Qyrǵyzstan Prezıdenti Almaz Toqtarov Joǵarǵy Keńes tóraǵasy Nurlan Sadyqovty qabyldady."
    # WHEN the entities are extracted
    people, _ = _entities(text)
    # THEN the title with its country is the role, not part of the name, and the accusative is cut
    first = _person(people, "Almaz Toqtarov")
    assert first is not None and first.roles == ["Qyrǵyzstan Prezıdenti"]
    second = _person(people, "Nurlan Sadyqov")
    assert second is not None and "Nurlan Sadyqovty" in second.aliases


def test_a_titles_complement_is_no_organisation() -> None:
    # GIVEN a Kazakh title whose complement is capitalised on its first word only, opening the sentence
    text = "Kezdesýge Syrtqy ister mınıstri Ruslan Qazybekov qatysty."
    # WHEN the entities are extracted
    people, orgs = _entities(text)
    # THEN the complement is neither an organisation nor part of the person
    assert orgs == []
    assert [p.name for p in people] == ["Ruslan Qazybekov"]


def test_a_kind_noun_after_a_name_only_types_it() -> None:
    # GIVEN a foreign organisation's name followed by the Kazakh word for "organisation" in the genitive
    text = "Ol keshe Global Chess uıymynyń jıynyna qatysty."
    # WHEN the organisations are extracted
    _, orgs = _entities(text)
    # THEN the name is the capitalised words alone
    assert [o.name for o in orgs] == ["Global Chess"]


def test_a_name_before_named_after_belongs_to_the_body() -> None:
    # GIVEN a body "named after" a writer, its name running over lower-case words to its head
    text = "Prezıdent S.Muqanov atyndaǵy Qazaq ulttyq opera teatrynyń ujymymen kezdesti."
    # WHEN the entities are extracted
    people, orgs = _entities(text)
    # THEN the writer is no person, the whole name is the organisation's, without the genitive
    assert people == []
    assert [o.name for o in orgs] == ["S.Muqanov atyndaǵy Qazaq ulttyq opera teatry"]


def test_a_word_in_an_oblique_case_before_a_name_is_not_part_of_it() -> None:
    # GIVEN Kazakh sentences opened by a capitalised word in the locative before a full name
    text = "Kezdesýde Almaz Toqtarov sóz sóıledi. Sammıtte Qaırat Áliev boldy."
    # WHEN the people are extracted
    people, orgs = _entities(text)
    # THEN the names start after the locative word
    assert {p.name for p in people} == {"Almaz Toqtarov", "Qaırat Áliev"}
    assert orgs == []
