# ruff: noqa: RUF001  # Cyrillic letters and typographic apostrophes are the subject of these tests
"""Money, topics and keywords of the language packs' articles (polyglot.py), one test per class of case."""

from __future__ import annotations

import pytest

from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document
from article_pipeline.pipeline.langpack import lemma_languages


def _money(text: str, language: str, country: str | None = None) -> list[tuple[float, str]]:
    return [
        (m.amount, m.currency)
        for m in polyglot.extract_money(build_document(text, language), country=country)
    ]


# --------------------------------------------------------------------------------------------------
# Money


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ru", "Выделено 1,5 млрд рублей и 300 тыс. евро.", [(1.5e9, "RUB"), (300_000.0, "EUR")]),
        ("uk", "Уряд виділив 15 мільйонів гривень і 2 мільярди доларів.", [(15e6, "UAH"), (2e9, "USD")]),
        ("kk", "Жобаға 5 млрд теңге және 10 млн АҚШ доллары бөлінді.", [(5e9, "KZT"), (10e6, "USD")]),
        (
            "de",
            "Die Regierung stellt 86 Milliarden Euro und 1,5 Mrd. US-Dollar bereit.",
            [(86e9, "EUR"), (1.5e9, "USD")],
        ),
        (
            "fr",
            "Le plan prévoit 1,2 milliard d’euros et 300 000 euros par an.",
            [(1.2e9, "EUR"), (300_000.0, "EUR")],
        ),
        (
            "es",
            "Destinará 1.200 millones de euros y 15 mil millones de dólares.",
            [(1.2e9, "EUR"), (15e9, "USD")],
        ),
        ("it", "Ha stanziato 1,5 miliardi di euro e 4 mld. di euro.", [(1.5e9, "EUR"), (4e9, "EUR")]),
        (
            "pt",
            "Investimento de 2 mil milhões de euros e 300 milhões de reais.",
            [(2e9, "EUR"), (300e6, "BRL")],
        ),
        ("pl", "Rząd przeznaczy 2,5 mld zł i 15 miliardów złotych.", [(2.5e9, "PLN"), (15e9, "PLN")]),
        ("tr", "Toplam 402 milyon lira ve 5 milyar dolar.", [(402e6, "TRY"), (5e9, "USD")]),
    ],
)
def test_scale_words_and_decimal_commas_of_each_language(
    language: str, text: str, expected: list[tuple[float, str]]
) -> None:
    assert _money(text, language) == expected


def test_number_words_before_a_scale() -> None:
    assert _money("Das kostet eine Milliarde Euro und zwei Millionen Dollar.", "de") == [
        (1e9, "EUR"),
        (2e6, "USD"),
    ]
    # "mil" after a number is part of the scale ("15 mil millones"), never a second amount of 1000 million
    assert _money("una inversión de 15 mil millones de dólares", "es") == [(15e9, "USD")]


def test_abbreviated_currency_words_with_their_dot() -> None:
    assert _money("Сумма составила 2,3 млн долл. США и 120 млн руб.", "ru") == [
        (2.3e6, "USD"),
        (120e6, "RUB"),
    ]
    found = polyglot.extract_money(build_document("Выделено 500 000 рублей.", "ru"))
    assert [m.text for m in found] == ["500 000 рублей"]  # a stem does not swallow the sentence's dot


def test_inflected_currency_forms_each_listed_once_in_the_pack() -> None:
    assert _money("100 лир и 5 млн турецких лир", "ru") == [(100.0, "TRY"), (5e6, "TRY")]
    assert _money("3,5 milyon TL ve 5 mln franków", "tr")[:1] == [(3.5e6, "TRY")]
    assert _money("Koszt: 5 mln franków.", "pl") == [(5e6, "CHF")]


def test_a_stem_does_not_reach_into_the_next_word() -> None:
    found = polyglot.extract_money(
        build_document("Компания вложила 50 миллиардов долларов и 2 млн евро.", "ru")
    )
    assert [m.text for m in found] == ["50 миллиардов долларов", "2 млн евро"]


def test_turkish_capitals_with_dotted_i() -> None:
    assert _money("402 MİLYON LİRALIK MAL VARLIĞI", "tr") == [(402e6, "TRY")]


def test_scale_glued_to_a_currency_sign() -> None:
    assert _money("Un budget de 40 M€ et 12 Md€.", "fr") == [(40e6, "EUR"), (12e9, "EUR")]


def test_signs_and_codes_before_or_after_the_amount() -> None:
    assert _money("Es geht um 4,5 Mrd. EUR, 200 Mio. USD und €20 Millionen.", "de") == [
        (4.5e9, "EUR"),
        (200e6, "USD"),
        (20e6, "EUR"),
    ]
    assert _money("O governo anunciou R$ 1,5 bilhão e US$ 5 milhões.", "pt") == [(1.5e9, "BRL"), (5e6, "USD")]


def test_range_with_one_scale_and_currency_gives_both_ends() -> None:
    assert _money("от 10 до 15 млрд рублей", "ru") == [(10e9, "RUB"), (15e9, "RUB")]
    assert _money("Kosten von 10 bis 15 Milliarden Euro", "de") == [(10e9, "EUR"), (15e9, "EUR")]
    assert _money("Koszt 10-15 mln zł", "pl") == [(10e6, "PLN"), (15e6, "PLN")]


def test_subunits_are_hundredths() -> None:
    assert _money("Ein Brötchen kostet 50 Cent, eine Fahrt 2 Euro.", "de") == [(0.5, "EUR"), (2.0, "EUR")]


def test_each_amount_once() -> None:
    assert _money("Es geht um 5 Mrd. Euro. Die 5 Milliarden Euro kommen aus dem Haushalt.", "de") == [
        (5e9, "EUR")
    ]


def test_bare_dollars_are_the_currency_of_the_articles_country() -> None:
    text = "Les autorités ont imposé 6 millions de dollars, soit 4 millions de dollars américains."
    assert _money(text, "fr", country="CA") == [(6e6, "CAD"), (4e6, "USD")]
    assert _money(text, "fr", country="FR") == [(6e6, "USD"), (4e6, "USD")]


def test_numbers_without_a_currency_are_not_money() -> None:
    assert _money("3 Millionen Menschen, 17 Prozent, im Jahr 2025 und 400 Kilometer.", "de") == []


# --------------------------------------------------------------------------------------------------
# Topics


def _topics(text: str, language: str, title: str | None = None) -> list[str]:
    return [t.code for t in polyglot.classify_topics(build_document(text, language), title)]


def test_distinct_cues_outweigh_one_repeated_word() -> None:
    # "Bundestag" five times against five different economy cues: the economy leads
    text = (
        "Der Bundestag, der Bundestag, der Bundestag, der Bundestag und der Bundestag. "
        "Die Inflation, die Konjunktur, die Börse, die Aktien und der Konzern."
    )
    assert _topics(text, "de")[0] == "medtop:04000000"


def test_a_second_topic_with_enough_evidence_is_kept() -> None:
    text = (
        "Die Inflation steigt, die Konjunktur schwächelt, die Börse fällt, der Konzern streicht Stellen. "
        "Der Bundestag und die Bundesregierung beraten über die Koalition."
    )
    assert _topics(text, "de")[:2] == ["medtop:04000000", "medtop:11000000"]


def test_a_single_cue_is_no_topic() -> None:
    assert _topics("Das Wetter war schön und wir gingen spazieren, die Bank war neu.", "de") == []


def test_a_short_text_with_one_cue_twice_has_its_topic() -> None:
    # GIVEN a two-sentence note whose only cue word, "Polizei", comes twice
    text = "Die Polizei kam am Morgen. Später sprach die Polizei mit den Nachbarn."
    # WHEN its topics are chosen THEN the one field it speaks of is its topic
    assert _topics(text, "de") == ["medtop:02000000"]


def test_one_stray_cue_of_another_field_is_no_further_topic() -> None:
    # GIVEN a short crime report with two crime cues and a single word of sport, seen once
    text = "Die Polizei nahm den Täter fest. Er war früher Fußballer."
    # WHEN its topics are chosen THEN crime is kept and the lone sport word makes no topic
    assert _topics(text, "de") == ["medtop:02000000"]


def test_cues_in_the_title_count_more() -> None:
    title = "Bundesliga: Meister verliert"
    text = f"{title}\nDie Mannschaft verlor das Spiel. Der Konzern und die Börse meldeten Gewinne und Aktien."
    assert _topics(text, "de", title)[0] == "medtop:15000000"


# --------------------------------------------------------------------------------------------------
# Lexicon lookups (the packs' hot path)


def test_lexicon_phrase_lookup_needs_the_whole_phrase() -> None:
    from article_pipeline.pipeline.langpack import Lexicon

    lexicon = Lexicon({"доллар*": "USD", "долларов сша": "USD", "us-dollar*": "USD", "mil millones": "1e9"})
    assert lexicon.get_phrase("долларов и") is None  # the stem of the first word does not answer a phrase
    assert lexicon.get_phrase("долларов сша") == "USD"
    assert lexicon.get_phrase("mil millones") == "1e9"
    assert lexicon.get_phrase("долларов") == "USD"  # a single word is looked up as by get()
    assert lexicon.get_exact("доллара") is None


def test_lexicon_memo_gives_the_same_answers_twice() -> None:
    from article_pipeline.pipeline.langpack import Lexicon

    lexicon = Lexicon({"германи*": "DE", "герман": "XX"})
    assert [lexicon.get(w) for w in ("германии", "германии", "герман", "франции")] == ["DE", "DE", "XX", None]
    assert [lexicon.get(w) for w in ("германии", "франции")] == ["DE", None]


def test_italian_and_portuguese_packs_have_cues_for_common_news() -> None:
    italian = (
        "Il governo e il Parlamento discutono la manovra. La maggioranza e l'opposizione votano il decreto "
        "mentre il premier incontra i senatori."
    )
    assert _topics(italian, "it")[0] == "medtop:11000000"
    portuguese = "O jogador marcou dois gols e o clube venceu o campeonato diante da torcida no estádio."
    assert _topics(portuguese, "pt")[0] == "medtop:15000000"


def test_farming_and_energy_news_is_economy() -> None:
    # GIVEN invented notes on harvests and farm subsidies, and on gas pipelines and power supply
    turkish = "Çiftçiler bu yıl buğday hasadı için tarım desteklemesi bekliyor, hayvancılık da zor durumda."
    german = "Die Landwirte klagen über die Ernte; die Gasspeicher und die Stromversorgung bereiten Sorgen."
    # WHEN their topics are chosen THEN economy (agriculture, energy are its sub-fields) leads
    assert _topics(turkish, "tr")[0] == "medtop:04000000"
    assert _topics(german, "de")[0] == "medtop:04000000"


def test_ministries_and_the_monarchy_are_politics() -> None:
    # GIVEN invented notes on a ministry's decision and on the royal house
    spanish = (
        "El rey y la Casa Real recibieron al ministerio; la monarquía apoya a las autoridades del Estado."
    )
    polish = "Ministerstwo i wojewoda zapowiedzieli zmiany, a władze samorządu poparły urząd."
    # WHEN their topics are chosen THEN politics and government leads
    assert _topics(spanish, "es")[0] == "medtop:11000000"
    assert _topics(polish, "pl")[0] == "medtop:11000000"


def test_a_crime_cue_stem_does_not_catch_the_president() -> None:
    # "pres*" once made every "presidente" a crime cue
    text = "O presidente e o governo discutem no Congresso com os deputados e o partido do presidente."
    assert "medtop:02000000" not in _topics(text, "pt")


def test_the_lemma_dictionaries_of_every_pack_language_stay_loaded_together() -> None:
    # simplemma's default cache keeps 8 dictionaries: with 9 pack languages a mixed stream reloaded them
    lemmatizer, lookup = polyglot._simplemma()
    factory = (
        lookup.dictionary_factory if hasattr(lookup, "dictionary_factory") else lookup._dictionary_factory
    )
    assert factory._get_dictionary.cache_parameters()["maxsize"] >= len(lemma_languages())
    assert lemmatizer is polyglot._simplemma()[0]
