"""The eval's scoring of the annotation-v2 fields, its groups by language and split, and the split rule,
on small invented examples (plus one check that tests/corpus/splits.json follows the rule)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from article_pipeline.evaluation import metrics
from article_pipeline.evaluation.gold import (
    HELDOUT,
    PINNED_TUNE_IDS,
    TUNE,
    CorpusError,
    compute_splits,
    gold_ids,
    load_corpus,
    split_of,
)
from article_pipeline.evaluation.groups import (
    NON_EN,
    Scored,
    group_figures,
    group_members,
    group_scores,
    target_rows,
)
from article_pipeline.evaluation.metrics import Counts, Share
from article_pipeline.evaluation.report import format_group_table
from article_pipeline.evaluation.runner import (
    Predictions,
    _pipeline_predictions,
    _split_run,
    _spread,
    _TextRun,
    cost_per_length,
    score_predictions,
)
from support import CORPUS

# --------------------------------------------------------------------------------------------------
# Whole-word nesting (roles and keywords)
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("chief executive", "Chief Executive", True),  # equal keys
        ("chief executive", "chief executive officer", True),  # one inside the other, whole words
        ("foreign minister", "minister", True),
        ("visa facilitation", "visa", True),
        ("Kassym-Jomart Tokayev", "Tokayev", True),  # a dash is a space
        ("executive", "exec", False),  # parts of words never match
        ("chief executive officer", "chief officer", False),  # not a contiguous run
        ("", "anything", False),
        ("...", "...", False),  # nothing left after normalisation
    ],
)
def test_same_or_nested(a: str, b: str, expected: bool) -> None:
    assert metrics.same_or_nested(a, b) is expected
    assert metrics.same_or_nested(b, a) is expected


# --------------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------------


def test_roles_count_only_gold_people_with_a_role_and_need_the_matched_person() -> None:
    # GIVEN three gold people, two of them with a role, and predictions that find one role right, one
    # person with a wrong role, and a role given to an unmatched person
    gold = [
        (["Kaja Kallas", "Kallas"], ["High Representative"]),
        (["Olzhas Bektenov"], ["Prime Minister"]),
        (["Ann Smith"], []),
    ]
    pred = [
        (["Kallas"], ["EU High Representative for Foreign Affairs"]),  # contains the gold role
        (["Olzhas Bektenov"], ["spokesman"]),  # wrong role
        (["Someone Else"], ["Prime Minister"]),  # right role, wrong person
    ]
    # WHEN scored
    share, missed = metrics.roles_found(pred, gold)
    # THEN only the two gold people with a role count, and only Kallas's role was found
    assert share == Share(hits=1, total=2)
    assert missed == [1]
    assert share.value == 0.5


def test_roles_of_an_unfound_person_are_missed_and_no_roles_means_no_cases() -> None:
    assert metrics.roles_found([], [(["A B"], ["mayor"])]) == (Share(0, 1), [0])
    assert metrics.roles_found([(["A B"], ["mayor"])], [(["A B"], [])]) == (Share(0, 0), [])
    assert Share().value is None


# --------------------------------------------------------------------------------------------------
# Quote speakers, countries, keywords
# --------------------------------------------------------------------------------------------------


def test_speakers_take_the_forms_of_the_entity_they_name_and_are_distinct() -> None:
    # GIVEN quotes by a surname twice, by nobody, and by an organization
    people = [["Kaja Kallas", "Kallas"]]
    forms = metrics.speaker_forms(["Kallas", None, "kallas", "WeWork"], people)
    # THEN each distinct speaker once, with the forms of the person it names
    assert forms == [["Kallas", "Kaja Kallas"], ["WeWork"]]


def test_speaker_matching_uses_the_forms_on_both_sides() -> None:
    # GIVEN a gold speaker by full name and a predicted speaker by surname, both resolved to entities
    gold = metrics.speaker_forms(["Kaja Kallas"], [["Kaja Kallas", "Kallas"]])
    pred = metrics.speaker_forms(["Kallas", "Joe Bloggs"], [["Kallas"]])
    # THEN the surname matches through the gold alias and the other speaker is spurious
    assert metrics.match_speakers(pred, gold).counts == Counts(tp=1, fp=1)


def test_countries_are_sets_of_codes() -> None:
    result = metrics.match_countries(["kz", "KZ", " eu ", "US"], ["KZ", "EU", "RU"])
    assert result.counts == Counts(tp=2, fp=1, fn=1)


def test_keywords_match_whole_word_nesting_one_to_one() -> None:
    # GIVEN a short keyword inside a gold phrase, an exact name, a duplicate and a miss
    pred = ["visa", "Tokayev", "tokayev", "weather"]
    gold = ["visa facilitation", "Kassym-Jomart Tokayev", "Astana"]
    result = metrics.match_keywords(pred, gold)
    # THEN two match, the duplicate counts once, "weather" is spurious and "Astana" is missed
    assert result.counts == Counts(tp=2, fp=1, fn=1)


def test_keywords_do_not_match_across_inflection_or_parts_of_words() -> None:
    assert metrics.match_keywords(["газа"], ["поставки газ"]).counts == Counts(tp=0, fp=1, fn=1)
    assert metrics.match_keywords(["vis"], ["visa"]).counts == Counts(tp=0, fp=1, fn=1)


def test_one_prediction_cannot_match_two_gold_keywords() -> None:
    # "oil" nests in both gold phrases but counts once
    assert metrics.match_keywords(["oil"], ["oil prices", "oil output"]).counts == Counts(tp=1, fn=1)


# --------------------------------------------------------------------------------------------------
# Tone and published date
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tone", "expected"),
    [
        (SimpleNamespace(label="Negative", score=0.8), "negative"),
        ({"label": "positive", "score": 0.6}, "positive"),
        ("neutral", "neutral"),
        (None, None),
        (SimpleNamespace(label="angry"), None),
        ({"score": 0.5}, None),
    ],
)
def test_tone_label_is_read_defensively(tone: object, expected: str | None) -> None:
    assert metrics.tone_label(tone) == expected


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("2025-12-02", "2025-12-02", True),
        ("2025-12-02T09:30:00Z", "2025-12-02", True),
        ("2025-12-03", "2025-12-02", False),
        ("2025-12", "2025-12-02", False),
        ("2025-12-021", "2025-12-02", False),
        (None, None, True),
        ("2025-12-02", None, False),
        (None, "2025-12-02", False),
    ],
)
def test_same_date(pred: str | None, gold: str | None, expected: bool) -> None:
    assert metrics.same_date(pred, gold) is expected


def _record(**fields: object) -> SimpleNamespace:
    base: dict[str, object] = {
        "people": [SimpleNamespace(name="Kaja Kallas", aliases=["Kallas"], roles=["foreign minister"])],
        "organizations": [],
        "places": [],
        "money": [],
        "topics": [],
        "dateline": None,
        "language": "en",
        "published_date": None,
        "dates": [],
        "quotes": [SimpleNamespace(speaker="Kaja Kallas", text="We agree.")],
        "body": "",
        "status": "processed",
        "countries": ["EE"],
        "keywords": ["visa"],
    }
    base.update(fields)
    return SimpleNamespace(**base)


def test_a_record_without_tone_predicts_none_and_says_so() -> None:
    # GIVEN a record of a pipeline version that has no tone field, and one that has
    without = _pipeline_predictions(_record())
    with_tone = _pipeline_predictions(_record(tone=SimpleNamespace(label="positive", score=0.7)))
    # THEN the first has no tone (scored as wrong), the second its label
    assert (without.tone, without.has_tone) == (None, False)
    assert (with_tone.tone, with_tone.has_tone) == ("positive", True)
    assert with_tone.people_roles == [["foreign minister"]]


# --------------------------------------------------------------------------------------------------
# A tiny corpus: loading, scoring and groups
# --------------------------------------------------------------------------------------------------


def _entry(gid: str, language: str, **extra: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": gid,
        "language": language,
        "dateline": None,
        "topics": ["medtop:11000000"],
        "people": [{"name": "Kaja Kallas", "aliases": ["Kallas"], "roles": ["foreign minister"]}],
        "organizations": [],
        "places": [],
        "money": [],
        "quote_speakers": ["Kaja Kallas"],
        "countries": ["EE"],
        "keywords": ["visa facilitation", "Kaja Kallas"],
        "tone": "positive",
        "published_date": None,
    }
    entry.update(extra)
    return entry


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for sub in ("seeds", "gold", "aeb/html", "multilingual"):
        (root / sub).mkdir(parents=True)
    (root / "seeds" / "s1.txt").write_text('Kaja Kallas said: "We agree."', encoding="utf-8")
    (root / "gold" / "dev_gold.json").write_text(json.dumps([_entry("s1.txt", "en")]), encoding="utf-8")
    (root / "aeb" / "ground-truth.json").write_text("{}", encoding="utf-8")
    multi = [_entry("de-a", "de"), _entry("ru-b", "ru"), _entry("ar-c", "ar"), _entry("pl-d", "pl")]
    (root / "multilingual" / "gold.json").write_text(json.dumps(multi), encoding="utf-8")
    texts = {
        g: {"language": g[:2], "source": "x", "license": "MIT", "text": f"Text {g}."}
        for g in ("de-a", "ru-b", "ar-c")
    }
    (root / "multilingual" / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    return root


def test_multilingual_gold_loads_with_its_texts_and_reports_missing_ones(tiny: Path) -> None:
    # GIVEN a multilingual gold entry whose text is not committed
    corpus = load_corpus(tiny)
    # THEN it is listed as missing, the others load as .txt uploads with the v2 fields
    assert corpus.missing_texts == ("pl-d",)
    by_id = {a.id: a for a in corpus.gold}
    assert set(by_id) == {"s1.txt", "de-a", "ru-b", "ar-c"}
    article = by_id["de-a"]
    assert (article.kind, article.key, article.collection) == (
        "multilingual",
        "multilingual/de-a.txt",
        "multilingual",
    )
    assert article.data == b"Text de-a."
    assert article.people[0].roles == ("foreign minister",)
    assert (article.countries, article.tone, article.quote_speakers) == (
        ("EE",),
        "positive",
        ("Kaja Kallas",),
    )
    assert by_id["s1.txt"].key == "seed/s1.txt"


def test_restricted_texts_are_read_only_when_asked(tiny: Path) -> None:
    # GIVEN the missing text in an uncommitted texts.restricted.json
    extra = {"pl-d": {"language": "pl", "source": "x", "license": "unknown", "text": "Tekst."}}
    (tiny / "multilingual" / "texts.restricted.json").write_text(json.dumps(extra), encoding="utf-8")
    # THEN it is scored by default and ignored with restricted=False
    assert load_corpus(tiny).restricted_texts == ("pl-d",)
    assert load_corpus(tiny, restricted=False).missing_texts == ("pl-d",)


def test_a_bad_tone_is_a_corpus_error(tiny: Path) -> None:
    (tiny / "gold" / "dev_gold.json").write_text(json.dumps([_entry("s1.txt", "en", tone="angry")]))
    with pytest.raises(CorpusError, match="tone"):
        load_corpus(tiny)


def test_groups_by_language_and_split_and_the_issue_targets(tiny: Path) -> None:
    # GIVEN the tiny corpus and a system that gets everything of the gold right except on the Arabic text
    corpus = load_corpus(tiny)
    preds: dict[str, Predictions] = {}
    for a in corpus.gold:
        right = a.language != "ar"
        preds[a.id] = Predictions(
            people=[list(a.people[0].forms)] if right else [],
            people_roles=[["Foreign Minister"]] if right else [],
            topics=list(a.topics),
            quotes=[("Kallas", "x")] if right else [],
            countries=list(a.countries or ()),
            keywords=["visa", "Kallas"],
            tone="positive" if right else None,
            language=a.language,
        )
    scored = score_predictions(corpus.gold, preds, full=True)
    groups = group_figures(group_members(corpus.gold), scored)
    # THEN English, the non-English aggregate and each language are groups; Arabic is "other"
    assert {"en", NON_EN, "de", "ru", "other"} <= set(groups)
    assert groups[NON_EN]["n"] == 2
    split = split_of("s1.txt")
    assert groups[f"en/{split}"]["n"] == 1
    scores = group_scores(groups)
    assert scores["en:people"] == 1.0
    assert scores["en:roles"] == 1.0
    assert scores["en:quote_speakers"] == 1.0
    assert scores["en:keywords"] == 1.0
    assert scores["non-en:tone"] == 1.0
    assert scores["other:people"] == 0.0
    assert scores["other:tone"] == 0.0
    # AND the targets: issue 15 rows pass on the non-English aggregate; the lowest-language row names
    # the languages without text
    rows = {r.key: r for r in target_rows(groups, spacy_ran=False)}
    assert rows["i15_people"].passed is True
    assert "no text" in rows["i15_min_language_people"].label
    assert rows["i12_people_vs_spacy"].passed is None
    # AND the table prints a line per group
    table = format_group_table(groups)
    assert "| non-en" in table and "| other" in table


def test_subset_keeps_only_the_given_documents() -> None:
    scored = Scored()
    scored.add("people", "a", metrics.match_entities([["X"]], [["X"]]), {})
    scored.add("people", "b", metrics.match_entities([], [["Y"]]), {})
    scored.add_share("tone", "b", Share(1, 1), {})
    sub = scored.subset(["b"])
    assert sub.totals("people") == Counts(fn=1)
    assert sub.share("tone") == Share(1, 1)
    assert scored.subset(["a"]).share("tone") == Share()


# --------------------------------------------------------------------------------------------------
# Cost by language
# --------------------------------------------------------------------------------------------------


def test_cost_per_length_compares_at_the_same_length() -> None:
    # GIVEN English articles costing 5 ms fixed + 1 ms per 1000 characters, and non-English ones twice that
    en = [(1000, 6.0), (3000, 8.0), (9000, 14.0)]
    other = [(2000, 14.0), (500, 11.0)]
    cost = cost_per_length(en, other)
    # THEN the same-length ratio is 2, whatever the lengths, while per-1000 medians differ by length
    assert cost["same_length_ratio"] == pytest.approx(2.0)
    assert cost["en_fixed_ms"] == pytest.approx(5.0)
    assert cost["en_ms_per_1000_chars"] == pytest.approx(8.0 / 3.0)
    assert cost_per_length(en[:1], other)["same_length_ratio"] is None


# --------------------------------------------------------------------------------------------------
# The split rule and tests/corpus/splits.json
# --------------------------------------------------------------------------------------------------


def test_split_rule() -> None:
    # GIVEN an id of each parity and a pinned id
    even = next(f"x{i}" for i in range(100) if int(hashlib.sha256(f"x{i}".encode()).hexdigest(), 16) % 2 == 0)
    odd = next(f"x{i}" for i in range(100) if int(hashlib.sha256(f"x{i}".encode()).hexdigest(), 16) % 2 == 1)
    assert split_of(even) == TUNE
    assert split_of(odd) == HELDOUT
    assert all(split_of(gid) == TUNE for gid in PINNED_TUNE_IDS)
    assert len(PINNED_TUNE_IDS) == 14


def test_splits_file_follows_the_rule_for_every_gold_id() -> None:
    # GIVEN the committed splits.json and the committed gold
    committed = json.loads((CORPUS / "splits.json").read_text(encoding="utf-8"))
    # THEN it has exactly one entry per gold id, each the rule's answer (regenerate it with
    # `python -m article_pipeline.evaluation.gold tests/corpus`)
    assert committed == compute_splits(gold_ids(CORPUS))
    assert set(committed) >= PINNED_TUNE_IDS


def test_non_english_texts_are_spread_among_the_english_ones() -> None:
    # GIVEN six English texts and two non-English ones
    base = [(f"e{i}", b"", f"k{i}") for i in range(6)]
    extra = [("m0", b"", "m0"), ("m1", b"", "m1")]
    # WHEN merged for timing
    order = [doc_id for doc_id, _, _ in _spread(base, extra)]
    # THEN the English order is kept, an English text comes first, and the others sit in between
    assert order == ["e0", "m0", "e1", "e2", "e3", "m1", "e4", "e5"]
    assert [d for d, _, _ in _spread([], extra)] == ["m0", "m1"]
    assert _spread(base, []) == base


def test_a_timed_run_splits_by_ids() -> None:
    run = _TextRun(outputs={"a": 1, "b": 2}, ms={"a": 1.0, "b": 2.0}, first_call_ms=3.0)
    rest, picked = _split_run(run, {"b"})
    assert (rest.outputs, rest.ms, rest.first_call_ms) == ({"a": 1}, {"a": 1.0}, 3.0)
    assert (picked.outputs, picked.ms) == ({"b": 2}, {"b": 2.0})
