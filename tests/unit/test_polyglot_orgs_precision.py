# ruff: noqa: RUF001  # Cyrillic letters in invented texts
"""Non-English organisations: capitalised runs that are no organisation's name (one test per class)."""

from __future__ import annotations

from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document


def _orgs(text: str, language: str) -> list[str]:
    _people, orgs, _places = polyglot.extract_entities(build_document(text, language))
    return [o.name for o in orgs]


def test_capitals_inside_a_web_address_are_no_organisation() -> None:
    # GIVEN an invented Italian offer list whose links end in codes of capitals and digits
    text = (
        "La Fonderia Ventoli vende il set a 20 euro http://shop.example/2Q7XKZB oppure qui "
        "https://negozio.example/ZQW9RT?ref=Lampo."
    )
    # WHEN its organisations are read
    orgs = _orgs(text, "it")
    # THEN the company named in the sentence stays, and nothing of the addresses is a name
    assert "Fonderia Ventoli" in orgs
    assert not any(code in name for name in orgs for code in ("XKZB", "ZQW9RT", "Lampo"))


def test_a_shouted_dictionary_word_beside_other_capitals_is_no_acronym() -> None:
    # GIVEN an invented Polish kicker in capitals ("TRZEBA PAMIĘTAĆ:") and a real acronym in a sentence
    text = "Spółka Zortex przejęła rywala. TRZEBA PAMIĘTAĆ:\nUmowę zatwierdził wcześniej KNF."
    # WHEN its organisations are read
    orgs = _orgs(text, "pl")
    # THEN the shouted verb is no organisation, while the acronym written alone stays one
    assert "PAMIĘTAĆ" not in orgs
    assert "KNF" in orgs


def test_a_capitalised_run_in_a_title_case_list_line_is_no_organisation() -> None:
    # GIVEN an invented Italian offer list: items written in title case, then a sentence of prose
    text = (
        "Le offerte della settimana:\n"
        "1) Notte Sul Faro Lontano (Edizione Vinile)\n"
        "2) Zaino Verde Montagna Deluxe\n"
        "Secondo il negozio, la catena Brivo Market ha venduto tutte le copie in un giorno."
    )
    # WHEN its organisations are read
    orgs = _orgs(text, "it")
    # THEN the titles and products of the list are no organisations, the company named in prose stays one
    assert not any(word in name for name in orgs for word in ("Notte", "Faro", "Zaino", "Montagna"))
    assert "Brivo Market" in orgs


def test_a_letter_label_before_a_full_stop_is_no_initial_of_a_name() -> None:
    # GIVEN invented Polish sentences: a share series labelled by a letter ends each, a common noun opens
    # the next
    texts = [
        "Zortex zapłacił w akcjach serii B. Realizacja umowy czekała na zgodę urzędu.",
        "Spółka wydała akcje serii D. Sprzedaż ruszyła w maju i została zakończona w czerwcu.",
    ]
    # WHEN their organisations are read
    found = [name for text in texts for name in _orgs(text, "pl")]
    # THEN the letter and the next sentence's noun make no name
    assert not any(word in name for name in found for word in ("Realizacj", "Sprzeda"))


def test_capitals_hyphenated_to_a_number_name_a_model_not_a_body() -> None:
    # GIVEN an invented Russian text: a drone model in capitals joined to its number, and its maker
    text = "Компания «Зоркий глаз» показала беспилотник ЗГК-7 на выставке. Его купило ведомство ГУРБ."
    # WHEN its organisations are read
    orgs = _orgs(text, "ru")
    # THEN the model is no organisation, the acronym written alone stays one
    assert "ЗГК" not in orgs
    assert "ГУРБ" in orgs


def test_an_acronym_of_an_organisations_initials_is_its_short_name() -> None:
    # GIVEN an invented Ukrainian text naming a bulletin in full, then by its initials alone
    text = "Оголошення з’явилося у «Віснику міських оголошень». За даними ВМО, тендер виграло ТОВ «Зоря»."
    # WHEN its organisations are read
    _people, orgs, _places = polyglot.extract_entities(build_document(text, "uk"))
    by_name = {o.name: o.aliases for o in orgs}
    # THEN the acronym is no organisation of its own but an alias of the bulletin
    assert "ВМО" not in by_name
    assert any("ВМО" in aliases for name, aliases in by_name.items() if name.startswith("Вісник"))


def test_a_unit_named_with_its_parent_acronym_is_two_organisations() -> None:
    # GIVEN an invented Portuguese text: a school of a university named by the university's acronym, and
    # an embassy of a country written as an acronym
    text = (
        "O concurso foi aberto pela Faculdade de Música Antiga da UFRV na semana passada. "
        "A Embaixada dos EUA não comentou."
    )
    # WHEN its organisations are read
    orgs = _orgs(text, "pt")
    # THEN the school and the university are each an organisation; the country stays in the embassy's name
    assert "Faculdade de Música Antiga" in orgs
    assert "UFRV" in orgs
    assert "Faculdade de Música Antiga da UFRV" not in orgs
    assert "EUA" not in orgs


def test_a_capitalised_short_form_of_an_organisations_initials_joins_it() -> None:
    # GIVEN an invented Italian text naming a newspaper by its initials written capitalised, then in full
    text = "Lo ha detto al Glm il sindaco. Secondo la Gazzetta Lombarda Milanese, il sindaco ha firmato."
    # WHEN its organisations are read
    _people, orgs, _places = polyglot.extract_entities(build_document(text, "it"))
    by_name = {o.name: o.aliases for o in orgs}
    # THEN the short form is no organisation of its own but an alias of the newspaper
    assert "Glm" not in by_name
    assert "Glm" in by_name["Gazzetta Lombarda Milanese"]


def test_a_name_before_a_year_is_an_event_and_its_closing_acronym_the_body() -> None:
    # GIVEN an invented Ukrainian text: a championship named with its federation's acronym and a year
    text = "Стадіон збудували до Чемпіонату Кубку ЄФКС 2012 у Києві, кажуть у мерії."
    # WHEN its organisations are read
    orgs = _orgs(text, "uk")
    # THEN the championship is no organisation, the federation is one
    assert not any(name.startswith("Чемпіонат") for name in orgs)
    assert "ЄФКС" in orgs


def test_a_name_after_a_plural_article_is_a_family_not_a_body() -> None:
    # GIVEN an invented French text: a family named with the plural article, a newspaper with the singular
    text = "Le fisc a réclamé deux millions aux parents, les Vantrebel, qui ont parlé au Dordomme hier."
    # WHEN its organisations are read
    orgs = _orgs(text, "fr")
    # THEN the family is no organisation, the newspaper after the singular article still is one
    assert "Vantrebel" not in orgs
    assert "Dordomme" in orgs
