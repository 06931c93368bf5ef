"""Scoring functions of `article-pipeline eval`, on small invented examples (no corpus, no network)."""

from __future__ import annotations

import itertools
import math
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from article_pipeline.evaluation import metrics
from article_pipeline.evaluation.metrics import Counts, ShingleCounts
from article_pipeline.evaluation.peers import (
    PeerUnavailableError,
    load_spacy,
    parse_money_span,
    spacy_entities,
)
from article_pipeline.evaluation.report import EvalReport, Row, format_prf_table, format_table

# --------------------------------------------------------------------------------------------------
# P/R/F1 conventions
# --------------------------------------------------------------------------------------------------


def test_empty_predictions_against_empty_gold_score_one() -> None:
    # GIVEN nothing predicted and nothing to find
    counts = Counts(tp=0, fp=0, fn=0)
    # THEN precision, recall and F1 are all 1.0 (the documented convention)
    assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize("counts", [Counts(fn=2), Counts(fp=3)])
def test_empty_against_non_empty_scores_zero(counts: Counts) -> None:
    # GIVEN either nothing predicted for a non-empty gold set, or predictions for an empty gold set
    # THEN every score is 0
    assert (counts.precision, counts.recall, counts.f1) == (0.0, 0.0, 0.0)


def test_micro_pools_counts_and_macro_averages_documents() -> None:
    # GIVEN one perfect document with 9 items and one document with 1 missed item
    docs = [Counts(tp=9), Counts(fn=1)]
    # WHEN averaged both ways
    micro, macro = metrics.micro(docs), metrics.macro(docs)
    # THEN micro sees 9 of 10 found; macro sees one perfect and one zero document
    assert micro.precision == 1.0
    assert micro.recall == pytest.approx(0.9)
    assert micro.f1 == pytest.approx(2 * 0.9 / 1.9)
    assert macro.f1 == pytest.approx(0.5)


# --------------------------------------------------------------------------------------------------
# Entity matching
# --------------------------------------------------------------------------------------------------


def test_exact_name_match() -> None:
    result = metrics.match_entities([["Kaja Kallas"]], [["Kaja Kallas", "Kallas"]])
    assert result.counts == Counts(tp=1)


def test_prediction_matches_a_gold_alias_and_a_predicted_alias_matches_a_gold_name() -> None:
    # GIVEN a prediction that only has the surname, and one whose alias is the gold name
    pred = [["Kallas"], ["European Union", "EU"]]
    gold = [["Kaja Kallas", "Kallas"], ["EU"]]
    # THEN both match
    assert metrics.match_entities(pred, gold).counts == Counts(tp=2)


def test_case_punctuation_and_unicode_are_ignored() -> None:
    # GIVEN surface variants: dots, case, en dash vs hyphen, fullwidth letters, curly apostrophe
    pred = [["us"], ["kazakhstan-eu cooperation council"], ["\uff2e\uff21\uff33\uff21"], ["O'Brien"]]
    gold = [["U.S."], ["Kazakhstan\u2013EU Cooperation Council"], ["NASA"], ["O\u2019Brien"]]
    # THEN every one matches
    assert metrics.match_entities(pred, gold).counts == Counts(tp=4)


def test_different_names_do_not_match() -> None:
    # GIVEN a look-alike Cyrillic letter that the gold does not list as an alias
    result = metrics.match_entities([["Yermeк Kosherbayev"]], [["Yermek Kosherbayev"]])
    # THEN it is a false positive and a miss
    assert result.counts == Counts(tp=0, fp=1, fn=1)
    assert result.spurious == (0,)
    assert result.missed == (0,)


def test_each_gold_entity_is_matched_at_most_once() -> None:
    # GIVEN the same person predicted twice, once by full name and once by surname
    result = metrics.match_entities([["Kaja Kallas"], ["Kallas"]], [["Kaja Kallas", "Kallas"]])
    # THEN one true positive and one false positive
    assert result.counts == Counts(tp=1, fp=1, fn=0)


def test_matching_is_maximal_not_greedy() -> None:
    # GIVEN a prediction whose forms fit two gold places and one that fits only the second
    pred = [["Washington", "Washington, DC"], ["Washington State", "Washington"]]
    gold = [["Washington, DC"], ["Washington"]]
    # WHEN the first prediction could take either gold entity
    result = metrics.match_entities(pred, gold)
    # THEN both gold entities are still matched
    assert result.counts == Counts(tp=2)


def test_empty_forms_never_match() -> None:
    assert metrics.match_entities([["..."]], [["—"]]).counts == Counts(tp=0, fp=1, fn=1)


def test_dedupe_by_key_keeps_first_spelling() -> None:
    assert metrics.dedupe_by_key(["U.S.", "US", "China", "china", ""]) == ["U.S.", "China"]


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        (None, None, True),
        ("", None, True),
        ("ALMATY", "Almaty", True),
        ("DUBAI", None, False),
        (None, "VIENNA", False),
        ("NEW YORK", "New York City", False),
    ],
)
def test_same_name_for_datelines(pred: str | None, gold: str | None, expected: bool) -> None:
    assert metrics.same_name(pred, gold) is expected


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("HAYWARD, Calif.", "HAYWARD", True),  # the region the gold left out is not held against it
        ("HAYWARD, Calif.", "HAYWARD, Calif.", True),
        ("COLUMBIA", "COLUMBIA, S.C.", False),  # a region cut off is wrong
        ("HAYWARD, Calif.", "Oakland", False),
        ("HAYWARD, Calif.", None, False),
        (None, None, True),
    ],
)
def test_same_dateline_allows_the_region_the_gold_left_out(
    pred: str | None, gold: str | None, expected: bool
) -> None:
    assert metrics.same_dateline(pred, gold) is expected


# --------------------------------------------------------------------------------------------------
# Topics, money, dates, quotes
# --------------------------------------------------------------------------------------------------


def test_only_top_level_topic_codes_count() -> None:
    # GIVEN a level-2 code (which does not encode its parent), a duplicate, an unknown code and a top-level one
    codes = ["medtop:20000344", "medtop:11000000", "MEDTOP:11000000", "medtop:99000000", "medtop:04000000"]
    # THEN only the two distinct top-level codes remain, in order
    assert metrics.top_level_codes(codes) == ["medtop:11000000", "medtop:04000000"]


def test_topic_match_ignores_lower_levels() -> None:
    result = metrics.match_topics(
        ["medtop:04000000", "medtop:20000385"], ["medtop:04000000", "medtop:11000000"]
    )
    assert result.counts == Counts(tp=1, fp=0, fn=1)


def test_money_is_a_multiset_with_relative_tolerance() -> None:
    # GIVEN the same amount twice in gold, predicted twice, once within 1e-6 relative, plus a wrong currency
    gold = [(45_000_000.0, "EUR"), (45_000_000.0, "EUR"), (48_600_000.0, "USD")]
    pred = [(45_000_000.0, "eur"), (45_000_000.000001, "EUR"), (48_600_000.0, "EUR")]
    # THEN the two euros match and the mislabelled dollars are both a FP and a FN
    assert metrics.match_money(pred, gold).counts == Counts(tp=2, fp=1, fn=1)


def test_money_outside_tolerance_does_not_match() -> None:
    assert metrics.match_money([(48_500_000.0, "USD")], [(48_600_000.0, "USD")]).counts == Counts(fp=1, fn=1)


def test_dates_match_on_date_and_overlapping_text() -> None:
    gold = [("Dec. 1", "2025-12-01"), ("2024", "2024")]
    pred = [("on Dec. 1", "2025-12-01"), ("2024", "2024-01-01")]
    assert metrics.match_dates(pred, gold).counts == Counts(tp=1, fp=1, fn=1)


def test_quotes_match_on_speaker_and_contained_text() -> None:
    gold = [("Kaja Kallas", "This step will make a significant contribution"), (None, "We will see")]
    pred = [("kaja kallas", "“This step will make a significant contribution,”"), ("Someone", "We will see")]
    assert metrics.match_quotes(pred, gold).counts == Counts(tp=1, fp=1, fn=1)


# --------------------------------------------------------------------------------------------------
# Main text: the article-extraction-benchmark metric
# --------------------------------------------------------------------------------------------------


def test_shingles_are_four_tokens_and_short_texts_make_one_shingle() -> None:
    assert metrics.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert metrics.shingles("Hello, world") == {("Hello", "world"): 1}
    assert metrics.shingles("") == {}


def test_shingle_counts_are_normalised_per_document() -> None:
    # GIVEN a prediction that has the first of two gold shingles and no extra text
    counts = metrics.shingle_counts("a b c d e", "a b c d")
    # THEN TP/FP/FN are fractions of all shingles seen
    assert counts == ShingleCounts(tp=0.5, fp=0.0, fn=0.5)


def test_shingles_keep_case() -> None:
    # GIVEN the same words in another case: the benchmark does not lower-case
    assert metrics.shingle_counts("The Cat sat down", "the cat sat down") == ShingleCounts(
        tp=0.0, fp=0.5, fn=0.5
    )


def test_repeated_text_counts_as_multiset() -> None:
    # GIVEN a prediction that repeats the article twice
    counts = metrics.shingle_counts("w x y z", "w x y z w x y z")
    # THEN the extra copy is false positive: 1 TP, 4 FP shingles (w x y z, x y z w, y z w x, z w x y) -> 1 TP 4 FP
    assert counts.tp == pytest.approx(0.2)
    assert counts.fp == pytest.approx(0.8)


def test_benchmark_averaging_excludes_empty_predictions_from_precision() -> None:
    # GIVEN one perfect page, one page with an empty prediction, and one page where both are empty
    docs = [
        metrics.shingle_counts("a b c d e", "a b c d e"),
        metrics.shingle_counts("a b c d e", ""),
        metrics.shingle_counts("", ""),
    ]
    # WHEN scored as evaluate.py does
    score = metrics.aeb_score(docs)
    # THEN precision averages only the page with a prediction, recall the two pages with ground truth
    assert score.precision == 1.0
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 * 0.5 / 1.5)
    assert score.docs == 3


def test_benchmark_score_of_nothing_is_zero_not_an_error() -> None:
    assert metrics.aeb_score([]).f1 == 0.0


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

names = st.text(max_size=30)
entity_lists = st.lists(st.lists(names, min_size=1, max_size=3), max_size=6)


@given(names)
def test_name_key_never_raises_and_is_idempotent(text: str) -> None:
    key = metrics.name_key(text)
    assert metrics.name_key(key) == key


@given(entity_lists, entity_lists)
def test_match_counts_are_consistent(pred: list[list[str]], gold: list[list[str]]) -> None:
    result = metrics.match_entities(pred, gold)
    assert result.counts.tp + result.counts.fp == len(pred)
    assert result.counts.tp + result.counts.fn == len(gold)
    assert len({p for p, _ in result.pairs}) == len({g for _, g in result.pairs}) == len(result.pairs)
    assert 0.0 <= result.counts.f1 <= 1.0


@given(entity_lists)
def test_a_system_equal_to_gold_scores_one(gold: list[list[str]]) -> None:
    assert metrics.match_entities(gold, gold).counts.f1 == 1.0 or any(
        not metrics.name_key(form) for entity in gold for form in entity
    )


@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=10),
    st.integers(0, 4),
    st.integers(0, 4),
)
def test_max_matching_is_as_large_as_brute_force(
    edges: list[tuple[int, int]], n_pred: int, n_gold: int
) -> None:
    allowed = {(p, g) for p, g in edges if p < n_pred and g < n_gold}
    size = len(metrics.max_matching(n_pred, n_gold, lambda p, g: (p, g) in allowed))
    best = 0
    for k in range(min(n_pred, n_gold), 0, -1):
        for preds in itertools.combinations(range(n_pred), k):
            if any(
                all((p, g) in allowed for p, g in zip(preds, golds, strict=True))
                for golds in itertools.permutations(range(n_gold), k)
            ):
                best = k
                break
        if best:
            break
    assert size == best


@given(st.text(max_size=200), st.text(max_size=200))
def test_shingle_counts_are_fractions_summing_to_one_or_zero(true: str, pred: str) -> None:
    c = metrics.shingle_counts(true, pred)
    total = c.tp + c.fp + c.fn
    assert total == 0 or math.isclose(total, 1.0)
    assert min(c.tp, c.fp, c.fn) >= 0


@given(st.text(max_size=200))
def test_identical_texts_score_one(text: str) -> None:
    score = metrics.aeb_score([metrics.shingle_counts(text, text)])
    assert score.f1 == (1.0 if metrics.shingles(text) else 0.0)


# --------------------------------------------------------------------------------------------------
# The spaCy peer's adapters (no spaCy needed)
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("$12.9bn", [(12.9e9, "USD")]),
        ("45 million euro", [(45e6, "EUR")]),
        ("US$48.6 million", [(48.6e6, "USD")]),
        ("\u00a371.6million", [(71.6e6, "GBP")]),
        ("$449,000", [(449_000.0, "USD")]),
        ("C$5 million", [(5e6, "CAD")]),
        ("1.5 billion yuan", [(1.5e9, "CNY")]),
        ("at least 88 billion Hong Kong dollars", [(88e9, "HKD")]),
        ("$40-50 billion", [(40e9, "USD"), (50e9, "USD")]),
        ("$12.9bn (\u00a310bn)", [(12.9e9, "USD"), (10e9, "GBP")]),
        ("tens of millions of dollars", []),
        ("5 million", []),
    ],
)
def test_parse_money_span(span: str, expected: list[tuple[float, str]]) -> None:
    got = parse_money_span(span)
    assert [c for _, c in got] == [c for _, c in expected]
    assert all(math.isclose(a, b) for (a, _), (b, _) in zip(got, expected, strict=True))


def test_parse_money_span_reads_adjacent_currency_outside_the_span() -> None:
    # GIVEN spans that spaCy cut without their currency: "$" before, "euro" after, and unrelated text after
    # THEN only adjacent currency is used
    assert parse_money_span("22.6bn", before="for $", after=", and") == [(22.6e9, "USD")]
    assert parse_money_span("45 million", before="invest ", after=" euro (US$48.6 million)") == [
        (45e6, "EUR")
    ]
    assert parse_money_span("2.8 per cent", after=" and $5") == []


class _Ent:
    def __init__(self, text: str, label: str, start: int) -> None:
        self.text, self.label_, self.start_char, self.end_char = text, label, start, start + len(text)


class _Doc:
    def __init__(self, *ents: tuple[str, str]) -> None:
        self.text = ""
        self.ents: list[_Ent] = []
        for text, label in ents:
            self.ents.append(_Ent(text, label, len(self.text)))
            self.text += text + " ; "


def test_spacy_labels_map_to_record_lists_deduplicated() -> None:
    # GIVEN a spaCy-like doc with repeated and mixed labels
    doc: Any = _Doc(
        ("Kaja Kallas", "PERSON"),
        ("EU", "ORG"),
        ("Brussels", "GPE"),
        ("Europe", "LOC"),
        ("Aktau port", "FAC"),
        ("U.S.", "GPE"),
        ("US", "GPE"),
        ("€150 million", "MONEY"),
        ("Monday", "DATE"),
    )
    # WHEN mapped
    ents = spacy_entities(doc)
    # THEN PERSON/ORG/GPE+LOC+FAC/MONEY land in their lists, and "US" is the same place as "U.S."
    assert ents.people == ["Kaja Kallas"]
    assert ents.organizations == ["EU"]
    assert ents.places == ["Brussels", "Europe", "Aktau port", "U.S."]
    assert ents.money == [(150e6, "EUR")]


def test_missing_spacy_is_reported_not_raised_as_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN spaCy cannot be imported
    monkeypatch.setitem(sys.modules, "spacy", None)
    # THEN loading says "not installed"
    with pytest.raises(PeerUnavailableError, match="not installed"):
        load_spacy()


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def test_table_shows_values_targets_and_verdicts() -> None:
    rows = [
        Row("money_f1", "money F1", 0.5, target=">= 0.95", passed=False),
        Row("people_f1", "people F1", 0.9, spacy=None, target=">= spaCy", passed=None),
        Row("text_ms_median", "ms", 1.234, spacy=250.0, unit="ms"),
    ]
    table = format_table(rows)
    assert "| money F1" in table and "MISS" in table and "n/a" in table
    assert "1.23 ms" in table and "250 ms" in table and "—" in table
    report = EvalReport(corpus="x", rows=rows)
    assert [r.key for r in report.missed_targets] == ["money_f1"]
    assert [r.key for r in report.unchecked_targets] == ["people_f1"]
    assert report.pipeline_scores() == {"money_f1": 0.5, "people_f1": 0.9}


def test_prf_table_lists_precision_recall_and_counts_per_system() -> None:
    # GIVEN figures for the pipeline and spaCy
    item = {
        "micro": {"precision": 0.5, "recall": 1.0, "f1": 2 / 3},
        "macro": {"precision": 0.5, "recall": 1.0, "f1": 0.6},
        "counts": {"tp": 1.0, "fp": 1.0, "fn": 0.0},
    }
    figures = {"pipeline": {"people": item, "dateline": {"accuracy": 1.0}}, "spacy_sm": {"people": item}}
    # WHEN formatted
    table = format_prf_table(figures)
    # THEN each system's row shows P, R, micro and macro F1 and the counts; non-F1 figures are skipped
    assert "| pipeline | people |     0.500 |     1.000 |      0.667 |      0.600 |  1 |  1 |  0 |" in table
    assert "spaCy sm" in table
    assert "dateline" not in table
    assert format_prf_table({}) == ""
