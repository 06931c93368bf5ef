"""Pure scoring functions. No I/O, no pipeline imports: every function here is unit-tested on invented data.

Conventions (documented in docs/evaluation.md):

- Counts are true positives, false positives and false negatives. Precision with nothing predicted and
  nothing missed is 1.0; recall with nothing to find and nothing spurious is 1.0; so **empty predictions
  against an empty gold set score P = R = F1 = 1.0**, and empty against non-empty (either way) scores 0.0.
- Names match when their :func:`name_key` is equal: Unicode NFKC, case-folded, dashes read as spaces,
  other punctuation deleted, whitespace collapsed. ("U.S." = "US", an en dash = a hyphen = a space).
- Matching is one-to-one (a maximum bipartite matching), so a gold item is matched at most once and a
  duplicate prediction of it counts as a false positive.
- The main-text metric replicates scrapinghub/article-extraction-benchmark ``evaluate.py``.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

P = TypeVar("P")
G = TypeVar("G")

# --------------------------------------------------------------------------------------------------
# Counts and P/R/F1
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)

    def as_dict(self) -> dict[str, float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def f1_of(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def micro(counts: Iterable[Counts]) -> PRF:
    """Pool the counts of every document, then compute P/R/F1 once."""
    total = sum(counts, Counts())
    return PRF(total.precision, total.recall, total.f1)


def macro(counts: Iterable[Counts]) -> PRF:
    """Mean over documents of per-document precision, recall and F1 (each with the empty-set conventions)."""
    items = list(counts)
    if not items:
        return PRF(1.0, 1.0, 1.0)
    return PRF(
        statistics.fmean(c.precision for c in items),
        statistics.fmean(c.recall for c in items),
        statistics.fmean(c.f1 for c in items),
    )


# --------------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------------


def max_matching(n_pred: int, n_gold: int, compatible: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of predictions to gold items (Kuhn's augmenting paths).

    Returns (pred_index, gold_index) pairs sorted by prediction. Sizes here are tens of items, so the
    O(V*E) algorithm is instant; it is optimal where a greedy pass is not (a prediction whose forms fit
    two gold items must not steal the only match of another prediction).
    """
    edges = [[g for g in range(n_gold) if compatible(p, g)] for p in range(n_pred)]
    gold_owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in gold_owner or augment(gold_owner[g], seen):
                gold_owner[g] = p
                return True
        return False

    for p in range(n_pred):
        augment(p, set())
    return sorted((p, g) for g, p in gold_owner.items())


@dataclass(frozen=True)
class MatchResult:
    counts: Counts
    pairs: tuple[tuple[int, int], ...] = ()
    spurious: tuple[int, ...] = ()  # indices of unmatched predictions
    missed: tuple[int, ...] = ()  # indices of unmatched gold items


def _result(n_pred: int, n_gold: int, pairs: list[tuple[int, int]]) -> MatchResult:
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    return MatchResult(
        counts=Counts(tp=len(pairs), fp=n_pred - len(pairs), fn=n_gold - len(pairs)),
        pairs=tuple(pairs),
        spurious=tuple(p for p in range(n_pred) if p not in matched_p),
        missed=tuple(g for g in range(n_gold) if g not in matched_g),
    )


def match_items(pred: Sequence[P], gold: Sequence[G], compatible: Callable[[P, G], bool]) -> MatchResult:
    pairs = max_matching(len(pred), len(gold), lambda p, g: compatible(pred[p], gold[g]))
    return _result(len(pred), len(gold), pairs)


# --------------------------------------------------------------------------------------------------
# Names (people, organizations, places, datelines)
# --------------------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """The comparison key of a name: NFKC, case-folded, dashes -> space, other punctuation removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    chars: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Pd":
            chars.append(" ")
        elif not category.startswith("P"):
            chars.append(ch)
    return _SPACES.sub(" ", "".join(chars)).strip()


def _keys(forms: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (name_key(f) for f in forms) if k)


def match_entities(pred: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> MatchResult:
    """Match predicted entities to gold entities.

    Each item is the list of an entity's surface forms: its name followed by its aliases. A prediction
    matches a gold entity when any of its forms equals (by :func:`name_key`) the gold name or any alias.
    Every prediction is counted, so two predicted entries for the same gold entity give one TP and one FP.
    """
    pred_keys = [_keys(p) for p in pred]
    gold_keys = [_keys(g) for g in gold]
    pairs = max_matching(len(pred), len(gold), lambda p, g: not pred_keys[p].isdisjoint(gold_keys[g]))
    return _result(len(pred), len(gold), pairs)


def dedupe_by_key(names: Iterable[str]) -> list[str]:
    """Distinct names in first-seen order, two names being the same when their keys are equal."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def same_name(pred: str | None, gold: str | None) -> bool:
    """Datelines: both absent, or both present with equal keys."""
    if not pred or not name_key(pred):
        return not gold or not name_key(gold)
    return gold is not None and name_key(pred) == name_key(gold)


def same_dateline(pred: str | None, gold: str | None) -> bool:
    """Datelines: :func:`same_name`, or the prediction is the gold place with the region that qualifies it
    in the text ("HAYWARD, Calif." for a gold "HAYWARD"). The gold is not consistent about that region (the
    development gold mostly leaves it out, the set issue 12 was measured on keeps it: "COLUMBIA, S.C."); a
    region the annotator left out is not held against the prediction, a region the prediction cut off is."""
    if same_name(pred, gold):
        return True
    if not pred or not gold or "," not in pred or "," in gold:
        return False
    return name_key(pred.split(",", 1)[0]) == name_key(gold)


# --------------------------------------------------------------------------------------------------
# Topics
# --------------------------------------------------------------------------------------------------

#: The 17 top-level IPTC Media Topics (gold/GUIDELINES.md). Lower levels (e.g. medtop:20000xxx) do not
#: encode their parent in their digits, so they cannot be mapped up by string manipulation.
TOP_LEVEL_TOPICS: frozenset[str] = frozenset(f"medtop:{n:02d}000000" for n in range(1, 18))


def top_level_codes(codes: Iterable[str]) -> list[str]:
    """The distinct top-level codes among ``codes``, in order; every other code is ignored."""
    out: list[str] = []
    for raw in codes:
        code = raw.strip().lower()
        if code in TOP_LEVEL_TOPICS and code not in out:
            out.append(code)
    return out


def match_topics(pred: Iterable[str], gold: Iterable[str]) -> MatchResult:
    p = top_level_codes(pred)
    g = top_level_codes(gold)
    return match_items(p, g, lambda a, b: a == b)


# --------------------------------------------------------------------------------------------------
# Money, dates, quotes
# --------------------------------------------------------------------------------------------------

MONEY_REL_TOL = 1e-6


def same_money(pred: tuple[float, str], gold: tuple[float, str]) -> bool:
    return pred[1].strip().upper() == gold[1].strip().upper() and math.isclose(
        pred[0], gold[0], rel_tol=MONEY_REL_TOL
    )


def match_money(pred: Sequence[tuple[float, str]], gold: Sequence[tuple[float, str]]) -> MatchResult:
    """Multiset match of (amount, ISO currency) pairs; amounts equal within a relative 1e-6."""
    return match_items(pred, gold, same_money)


def _overlaps(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return bool(ka) and bool(kb) and (ka in kb or kb in ka)


def match_dates(pred: Sequence[tuple[str, str]], gold: Sequence[tuple[str, str]]) -> MatchResult:
    """(text, iso date) pairs: the dates are equal and one text contains the other ("on Dec. 1" ~ "Dec. 1")."""
    return match_items(pred, gold, lambda p, g: p[1] == g[1] and _overlaps(p[0], g[0]))


def match_quotes(
    pred: Sequence[tuple[str | None, str]], gold: Sequence[tuple[str | None, str]]
) -> MatchResult:
    """(speaker, text) pairs: same speaker (or both None) and one quote text contains the other."""
    return match_items(pred, gold, lambda p, g: same_name(p[0], g[0]) and _overlaps(p[1], g[1]))


# --------------------------------------------------------------------------------------------------
# Fields of annotation version 2: roles, quote speakers, countries, keywords, tone, published date
# --------------------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(name_key(text).split())


def contains_words(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    """``shorter`` occurs in ``longer`` as a contiguous run of whole words (both are word tuples)."""
    n = len(shorter)
    if n == 0 or n > len(longer):
        return False
    return any(tuple(longer[i : i + n]) == tuple(shorter) for i in range(len(longer) - n + 1))


def same_or_nested(a: str, b: str) -> bool:
    """Equal :func:`name_key`, or the words of one are a contiguous whole-word run of the other's.

    "chief executive" ~ "chief executive officer", "visa" ~ "visa facilitation", "minister" ~
    "foreign minister"; but "exec" !~ "executive" (parts of words never match) and empty strings match
    nothing. Used for roles and keywords.
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return wa == wb or contains_words(wa, wb) or contains_words(wb, wa)


@dataclass(frozen=True)
class Share:
    """``hits`` of ``total`` cases right (an accuracy or a found-share); the value is None with no cases."""

    hits: int = 0
    total: int = 0

    def __add__(self, other: Share) -> Share:
        return Share(self.hits + other.hits, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"hits": self.hits, "total": self.total, "value": self.value}


def roles_found(
    pred_people: Sequence[tuple[Sequence[str], Sequence[str]]],
    gold_people: Sequence[tuple[Sequence[str], Sequence[str]]],
) -> tuple[Share, list[int]]:
    """Roles: among the gold people with at least one role, those whose matched predicted person has a
    role that :func:`same_or_nested` one of the gold roles.

    Each person is (forms, roles), forms being the name then the aliases. People are matched as by
    :func:`match_entities` (one-to-one); a gold person the pipeline did not find counts as not found.
    Returns the share and the indices of the gold people (with roles) that were missed.
    """
    result = match_entities([p[0] for p in pred_people], [g[0] for g in gold_people])
    pred_of = {g: p for p, g in result.pairs}
    hits = 0
    missed: list[int] = []
    total = 0
    for g, (_forms, g_roles) in enumerate(gold_people):
        if not g_roles:
            continue
        total += 1
        p = pred_of.get(g)
        p_roles = pred_people[p][1] if p is not None else ()
        if any(same_or_nested(pr, gr) for pr in p_roles for gr in g_roles):
            hits += 1
        else:
            missed.append(g)
    return Share(hits, total), missed


def match_countries(pred: Iterable[str], gold: Iterable[str]) -> MatchResult:
    """Sets of ISO 3166-1 alpha-2 codes (case and surrounding spaces ignored, duplicates counted once)."""
    p = list(dict.fromkeys(c.strip().upper() for c in pred if c.strip()))
    g = list(dict.fromkeys(c.strip().upper() for c in gold if c.strip()))
    return match_items(p, g, lambda a, b: a == b)


def match_keywords(pred: Sequence[str], gold: Sequence[str]) -> MatchResult:
    """Keywords: a prediction matches a gold keyword when :func:`same_or_nested` holds ("visa" ~ "visa
    facilitation", "Kassym-Jomart Tokayev" ~ "Tokayev"); one-to-one (maximum matching), predictions with
    equal keys counted once. Whole words only: an inflected form ("газа" / "газ") does not match."""
    return match_items(dedupe_by_key(pred), dedupe_by_key(gold), same_or_nested)


def speaker_forms(speakers: Iterable[str | None], entities: Sequence[Sequence[str]]) -> list[list[str]]:
    """Distinct non-empty speakers, each with the forms of the entity it names (the first entity of
    ``entities`` one of whose forms has the speaker's key), else just itself."""
    out: list[list[str]] = []
    for name in dedupe_by_key(s for s in speakers if s):
        key = name_key(name)
        forms = next((list(e) for e in entities if key in _keys(e)), [name])
        out.append([name, *(f for f in forms if name_key(f) != key)])
    return out


def match_speakers(pred: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> MatchResult:
    """Quote speakers: sets of speakers, each given by its forms (:func:`speaker_forms`), matched like
    entities."""
    return match_entities(pred, gold)


TONE_LABELS = ("negative", "neutral", "positive")


def tone_label(tone: object) -> str | None:
    """The label of a record's ``tone`` ({label, score} as a model, a dict or a bare string); None when
    absent or not one of :data:`TONE_LABELS`."""
    if tone is None:
        return None
    label = tone.get("label") if isinstance(tone, dict) else getattr(tone, "label", tone)
    if not isinstance(label, str):
        return None
    label = label.strip().lower()
    return label if label in TONE_LABELS else None


def same_date(pred: str | None, gold: str | None) -> bool:
    """Published dates: both absent, or the predicted ISO value starts with the gold one at the gold's
    precision ("2025-12-02T09:30:00Z" ~ "2025-12-02")."""
    pred = (pred or "").strip()
    gold = (gold or "").strip()
    if not gold:
        return not pred
    return pred[: len(gold)] == gold and (len(pred) == len(gold) or not pred[len(gold)].isdigit())


# --------------------------------------------------------------------------------------------------
# Main text: scrapinghub/article-extraction-benchmark evaluate.py
# --------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_N = 4


def shingles(text: str, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; tokens are ``\\w+`` runs, case kept.

    As in the benchmark, a text of fewer than n tokens (but at least one) is a single shorter shingle.
    """
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


@dataclass(frozen=True)
class ShingleCounts:
    """Per-document TP/FP/FN normalised to sum to 1 (0/0/0 when both texts have no tokens)."""

    tp: float
    fp: float
    fn: float


def shingle_counts(true: str, pred: str, n: int = SHINGLE_N) -> ShingleCounts:
    t, p = shingles(true, n), shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:  # normalise so that long articles do not weigh more
        tp, fp, fn = tp / total, fp / total, fn / total
    return ShingleCounts(tp, fp, fn)


def _aeb_precision(c: ShingleCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    if c.tp == c.fp == 0:
        return 0.0
    return c.tp / (c.tp + c.fp)


def _aeb_recall(c: ShingleCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    if c.tp == c.fn == 0:
        return 0.0
    return c.tp / (c.tp + c.fn)


@dataclass(frozen=True)
class AebScore(PRF):
    docs: int = 0
    per_doc: tuple[ShingleCounts, ...] = field(default=(), repr=False)


def aeb_score(docs: Sequence[ShingleCounts]) -> AebScore:
    """The benchmark's averaging: mean precision over documents with a prediction (tp + fp > 0), mean
    recall over documents with a ground truth (tp + fn > 0), F1 = harmonic mean of those two means.

    (The benchmark would raise on an empty mean or a zero sum; here those give 0.0.)
    """
    precisions = [_aeb_precision(c) for c in docs if c.tp + c.fp > 0]
    recalls = [_aeb_recall(c) for c in docs if c.tp + c.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return AebScore(
        precision=precision, recall=recall, f1=f1_of(precision, recall), docs=len(docs), per_doc=tuple(docs)
    )


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None
