"""English is one language pack: the English stages read their word lists from data/lang/en.json."""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

import pytest

from article_pipeline.pipeline import dates, langpack, money, quotes
from article_pipeline.pipeline.entities import extract_entities
from article_pipeline.pipeline.langpack import english, load_pack, refine_language

Edit = Callable[[dict[str, Any]], None]


@pytest.fixture
def english_pack_with() -> Iterator[Callable[[Edit, ModuleType], ModuleType]]:
    """Reload a stage over an edited copy of the English pack (the real file is never touched); the
    stage is reloaded over the real pack afterwards."""
    real = langpack._pack_data
    reloaded: list[ModuleType] = []

    def use(edit: Edit, stage: ModuleType) -> ModuleType:
        data = copy.deepcopy(dict(real("en")))
        edit(data)

        def edited(code: str) -> Mapping[str, Any]:
            return data if code == "en" else real(code)

        langpack._pack_data = edited  # type: ignore[assignment]
        english.cache_clear()
        reloaded.append(stage)
        return importlib.reload(stage)

    yield use
    langpack._pack_data = real
    english.cache_clear()
    for stage in reloaded:
        importlib.reload(stage)


def test_every_month_form_of_the_pack_is_the_month_dates_resolves() -> None:
    # GIVEN the months of the English pack: full names ("September") and abbreviations ("Sept.")
    pack = english()
    written = [*pack.names("months"), *(f"{form}." for form in pack.abbreviations("months"))]
    numbers = [*range(1, 13), *(pack.table("months")[form.lower()] for form in pack.abbreviations("months"))]
    for form, number in zip(written, numbers, strict=True):
        # WHEN a full date written with that form is read
        found = dates.extract_dates(f"The hearing is set for {form} 14, 2031.", reference="2031-01-01")
        # THEN it is the pack's month
        assert [d.date for d in found] == [f"2031-{number:02d}-14"], form


def test_a_month_form_added_to_a_copy_of_the_pack_is_read_by_dates(
    english_pack_with: Callable[[Edit, ModuleType], ModuleType],
) -> None:
    # GIVEN a copy of the English pack with an invented abbreviation of December
    text = "The new bridge opens on Dcmb. 3, 2031."
    assert [d.text for d in dates.extract_dates(text, reference="2031-01-01")] == ["2031"]
    stage = english_pack_with(lambda pack: pack["months"].update({"dcmb": 12}), dates)
    # WHEN dates reads the sentence
    found = stage.extract_dates(text, reference="2031-01-01")
    # THEN the new form is a month
    assert [(d.text, d.date) for d in found] == [("Dcmb. 3, 2031", "2031-12-03")]


def test_a_reporting_verb_added_to_a_copy_of_the_pack_attributes_a_quote(
    english_pack_with: Callable[[Edit, ModuleType], ModuleType],
) -> None:
    # GIVEN a quote attributed with a verb the pack does not list
    text = '"We will rebuild the harbour wall before the winter storms," Mara Quillfeather intoned.'
    people = extract_entities(text).people
    assert [q.speaker for q in quotes.extract_quotes(text, people, [])] == [None]
    # WHEN the verb is added to a copy of the pack's reporting verbs
    stage = english_pack_with(lambda pack: pack["reporting_verbs"].append("intoned"), quotes)
    found = stage.extract_quotes(text, people, [])
    # THEN the quote is attributed
    assert [q.speaker for q in found] == ["Mara Quillfeather"]


def test_a_currency_word_added_to_a_copy_of_the_pack_is_money(
    english_pack_with: Callable[[Edit, ModuleType], ModuleType],
) -> None:
    # GIVEN an amount in a currency word the pack does not know
    text = "The island council set aside 40 million florins for the new port."
    assert money.extract_money(text) == []
    # WHEN the word is added to a copy of the pack's currency words
    stage = english_pack_with(lambda pack: pack["currency_words"].update({"florin": "AWG"}), money)
    # THEN the amount is money in that currency
    assert [(m.amount, m.currency) for m in stage.extract_money(text)] == [(40_000_000.0, "AWG")]


def test_the_english_pack_reads_as_a_pack_of_the_common_format() -> None:
    # GIVEN the English pack WHEN it is read as every other language's pack
    pack = load_pack("en")
    # THEN its common keys are there, case-folded like the other packs'
    assert pack is not None and pack.code == "en"
    assert pack.months.get("september") == 9 and pack.months.get("sept") == 9
    assert pack.weekdays.get("monday") == 0 and pack.relative_days.get("yesterday") == -1
    assert "ministry" in pack.org_heads and "mr." in pack.honorifics and "the" in pack.stopwords
    assert pack.currencies.get("euro") == "EUR" and pack.scales.get("billion") == 1e9
    assert pack.reporting_verbs.get("said")


def test_the_english_pack_has_every_key_of_the_format() -> None:
    # GIVEN the keys every pack must have (docs/language-packs.md), as the German pack spells them out
    required = set(langpack._pack_data("de")) - {"capitalises_nouns", "subunit_words"}
    # WHEN the English pack is read THEN it has each of them
    assert required <= set(langpack._pack_data("en"))


def test_english_function_words_never_turn_another_language_into_english() -> None:
    # GIVEN text the detector called Dutch (no pack) whose words are all English function words
    words = [
        "the",
        "and",
        "of",
        "that",
        "with",
        "said",
        "from",
        "which",
        "would",
        "their",
        "been",
        "this",
        "were",
        "they",
    ]
    # WHEN the language is refined by the packs' function words
    refined = refine_language("nl", words)
    # THEN the English pack is no candidate: English is told by the detector alone
    assert refined != "en"
