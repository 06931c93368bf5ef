# ruff: noqa: RUF001  # Cyrillic letters are the subject of these tests
"""Non-English entity classes: organisations longer than their capitalised words, names cut at a change of
script, at a sentence-opening dictionary word and after a nationality, places in an inflected case. The texts
are written for these tests (not taken from the evaluation corpus)."""

from __future__ import annotations

from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document
from article_pipeline.pipeline.langpack import load_pack


def _entities(text: str, language: str) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    people, orgs, places = polyglot.extract_entities(build_document(text, language))
    return (
        [[p.name, *p.aliases] for p in people],
        [[o.name, *o.aliases] for o in orgs],
        [[p.name, *p.aliases] for p in places],
    )


def _has(entries: list[list[str]], form: str) -> bool:
    return any(form in forms for forms in entries)


def test_bare_french_head_takes_its_lowercase_tail() -> None:
    # GIVEN organisation heads followed by adjectives and "of" complements written in lower case
    text = (
        "Le Parti socialiste a réuni ses militants hier. Selon lui, le Conseil européen doit agir. "
        "Un porte-parole de l'Agence du revenu du Canada n'a pas répondu."
    )
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "fr")
    # THEN each organisation is named whole, not by its head alone
    assert _has(orgs, "Parti socialiste")
    assert _has(orgs, "Conseil européen")
    assert _has(orgs, "Agence du revenu du Canada")
    assert not _has(orgs, "Parti") and not _has(orgs, "Conseil")


def test_tail_stops_at_a_verb() -> None:
    # GIVEN a bare head followed by a finite verb
    _, orgs, _ = _entities("Hier, la Commission publiera ses prévisions pour la zone euro.", "fr")
    # THEN the verb is not part of the organisation's name
    assert not any(" publiera" in form for forms in orgs for form in forms)


def test_lowercase_head_with_of_word_joins_the_name() -> None:
    # GIVEN an Italian head in lower case, "di" and a city
    _, orgs, places = _entities("Gli agenti della questura di Milano hanno identificato i tifosi.", "it")
    # THEN the office is an organisation and the city stays a place
    assert _has(orgs, "questura di Milano")
    assert _has(places, "Milano")


def test_russian_genitive_tail_and_adjective_before_head() -> None:
    # GIVEN Russian organisations: a head with genitive complements and an adjective before a lower-case head
    text = (
        "Об этом говорится в докладе Организации объединенных наций. "
        "Профессор Казанского университета Иван Петров выступил против."
    )
    # WHEN the entities are extracted
    people, orgs, _ = _entities(text, "ru")
    # THEN both are organisations (inflected forms among the aliases) and the adjective is no person
    assert _has(orgs, "Организации объединенных наций")
    assert _has(orgs, "Казанского университета")
    assert not _has(people, "Казанского")
    assert _has(people, "Иван Петров")


def test_change_of_script_ends_a_name() -> None:
    # GIVEN a Latin-script company name just before a Cyrillic person's name
    people, _, _ = _entities("Основатель компании Tesla Илон Маск подписал письмо.", "ru")
    # THEN they are two entities: the person is not glued to the company
    assert _has(people, "Илон Маск")
    assert not any("Tesla" in form and "Маск" in form for forms in people for form in forms)


def test_latin_words_in_a_cyrillic_text_are_not_a_person_by_shape() -> None:
    # GIVEN two capitalised Latin words (a magazine) quoted in a Russian text
    people, _, _ = _entities("Как пишет издание Breaking News, испытания продолжатся.", "ru")
    # THEN they are not taken for a person's first and last name
    assert not _has(people, "Breaking News")


def test_sentence_opening_dictionary_word_is_not_part_of_a_name() -> None:
    # GIVEN a Russian sentence opening with a common noun followed by a surname in the genitive
    people, _, _ = _entities("Министр Иван Петров выступил. Заявление Петрова вызвало споры.", "ru")
    # THEN the noun is not part of the person's name
    assert not any("Заявление" in form for forms in people for form in forms)


def test_nationality_before_a_name_is_cut_off() -> None:
    # GIVEN a Polish demonym written before a person's name
    pack = load_pack("pl")
    assert pack is not None and pack.demonyms.get("polka")
    people, _, _ = _entities("W konkursie wygrała Polka Anna Nowak, która mieszka w Krakowie.", "pl")
    # THEN the person is named without it
    assert _has(people, "Anna Nowak")
    assert not any(form.startswith("Polka") for forms in people for form in forms)


def test_place_in_an_inflected_case_is_found_by_its_lemma() -> None:
    # GIVEN a city in the Polish locative
    _, _, places = _entities("Spółka ma biura w wielu miastach, a jej zarząd pracuje w Krakowie.", "pl")
    # THEN it is a place
    assert _has(places, "Krakowie")


def test_oblique_name_joins_the_same_name_in_the_nominative() -> None:
    # GIVEN a Russian woman named once in the nominative and once in the genitive
    text = "Шеф-повар Ирина Соколова открыла ресторан. Гости хвалят блюда Ирины Соколовой."
    # WHEN the entities are extracted
    people, _, _ = _entities(text, "ru")
    # THEN she is one person under her dictionary form, the genitive among the aliases
    matching = [forms for forms in people if "Ирина Соколова" in forms]
    assert len(matching) == 1 and matching[0][0] == "Ирина Соколова"
    assert "Ирины Соколовой" in matching[0]
