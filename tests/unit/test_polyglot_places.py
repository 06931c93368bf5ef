# ruff: noqa: RUF001  # Cyrillic letters are the subject of these tests
"""Non-English places: localised CLDR names (continents, world regions, cities) in their inflected forms,
adjectives of places kept out. The texts are written for these tests (not taken from the evaluation corpus)."""

from __future__ import annotations

from article_pipeline.pipeline import placenames, polyglot
from article_pipeline.pipeline.document import build_document


def _places(text: str, language: str) -> list[list[str]]:
    _, _, places = polyglot.extract_entities(build_document(text, language))
    return [[p.name, *p.aliases] for p in places]


def _has(entries: list[list[str]], form: str) -> bool:
    return any(form in forms for forms in entries)


def test_continents_in_inflected_cases_are_places() -> None:
    places = _places("Компания продаёт газ в Европу и в Азию. Цены в Европе растут.", "ru")
    assert _has(places, "Европу") and _has(places, "Азию")
    places = _places("Firma działa w Europie i w Afryce od lat.", "pl")
    assert _has(places, "Europie") and _has(places, "Afryce")


def test_localised_city_names_are_places() -> None:
    assert _has(_places("Un avion est arrivé à Katmandou mercredi matin.", "fr"), "Katmandou")
    assert _has(_places("La sanidad empeora en Cataluña y en Andalucía.", "es"), "Cataluña")


def test_inflection_needs_a_case_ending_not_just_a_shared_start() -> None:
    for word in ("тунец", "венера", "томат"):
        assert placenames.lookup("ru", [word], lambda w: w) is None
    assert placenames.lookup("ru", ["европу"], lambda w: w) == ""
    assert placenames.lookup("uk", ["варшаві"], lambda w: w) == "PL"
    # the adjective of a place is not the place
    assert placenames.lookup("ru", ["женевских"], lambda w: w, ("их", "ий")) is None


def test_adjective_before_a_place_head_is_one_place() -> None:
    places = _places("Школу збудують у Житомирській області до кінця року.", "uk")
    assert _has(places, "Житомирській області")
    assert not _has(places, "Житомирській")
    places = _places("Завод строят в Тверской области, в Конаковском районе.", "ru")
    assert _has(places, "Тверской области") and _has(places, "Конаковском районе")
    # a dictionary adjective opening the sentence, or one not derived from a place, is no place name
    assert not _places("Загальною площею володіє місто.", "uk")
    assert not _has(_places("Його прийняв Міжнародний аеропорт вчора.", "uk"), "Міжнародний аеропорт")


def _money(text: str, language: str) -> list[tuple[float, str]]:
    return [(m.amount, m.currency) for m in polyglot.extract_money(build_document(text, language))]


def test_compound_amounts_in_descending_groups() -> None:
    assert _money("Bakan, 3 milyar 120 milyon 45 bin 600 lira ödeme yapılacağını söyledi.", "tr") == [
        (3120045600.0, "TRY")
    ]
    assert _money("Бюджет составит 2 млрд 500 млн рублей.", "ru") == [(2500000000.0, "RUB")]
    assert _money("Çiftçilere 1,5 milyar lira destek.", "tr") == [(1500000000.0, "TRY")]


def test_cyrillic_city_outside_the_pack_is_found_romanised_in_the_gazetteer() -> None:
    places = _places("Проект впровадили у Дурбані та в Рівному минулого року.", "uk")
    assert _has(places, "Дурбані") and _has(places, "Рівному")
    # a sentence-opening verb is no place however it romanises
    assert not _places("Думать об этом рано, сказал он.", "ru")


def test_place_adjectives_and_quoted_names_are_no_places() -> None:
    assert not _places("Это нарушает положения Женевских конвенций.", "ru")
    places = _places("Угоду уклали з ТОВ «Поділля – Інвест Сіті» у Донецьку.", "uk")
    assert not _has(places, "Поділля")
    assert _has(places, "Донецьку")  # the city's own case forms stay places


def test_place_after_a_connector_closing_an_untyped_name_is_its_own() -> None:
    places = _places("Засновником фірми є Петро Іванович Коваль з Рівного. Він мовчить.", "uk")
    assert _has(places, "Рівного")
    places = _places("L'invasione a Ceuta e Melilla rischia di ripetersi.", "it")
    assert _has(places, "Ceuta") and _has(places, "Melilla")


def test_signed_range_with_one_scale_gives_both_ends() -> None:
    assert _money("Оренда коштує $80-90 тис. на рік.", "uk") == [(80000.0, "USD"), (90000.0, "USD")]
    assert _money("Budżet: €5-7 mln.", "pl") == [(5000000.0, "EUR"), (7000000.0, "EUR")]
    assert _money("Cena: $80 tys.", "pl") == [(80000.0, "USD")]


def test_a_place_name_opening_with_an_article_keeps_it() -> None:
    places = _places("Tampoco las que como La Rioja o Aragón han eludido aportar datos.", "es")
    assert any(p[0] == "La Rioja" for p in places)


def test_a_quotation_opening_with_a_place_keeps_the_place() -> None:
    places = _places("Trump groził: „USA zniszczą każdą elektrownię i każdy most w kraju”.", "pl")
    assert _has(places, "USA")


def test_macro_regions_and_a_district_after_a_village_name() -> None:
    assert _has(_places("Firma działa na Bliskim Wschodzie od lat.", "pl"), "Bliskim Wschodzie")
    places = _places("Школу збудують у с. Вишнівка Житомирського району до зими.", "uk")
    assert _has(places, "Житомирського району")
