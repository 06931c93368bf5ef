"""Tone: the overall tone of what an article reports, ``negative`` / ``neutral`` / ``positive``.

Method (a lexicon count in the manner of GDELT's tone, labels in the manner of Amazon Comprehend's
sentiment): every word token is looked up in a ``ToneLexicon`` (whole words first, then stems, longest
first); a hit within ``NEGATION_WINDOW`` tokens after a negator ("not", "no", "never", "without",
"-n't"...) counts ``-NEGATED`` times its weight. A positive word repeated ``c`` times counts
``1 + ln c`` times (sublinear, as term frequency in retrieval: the subject of a story, "deal" in a deal
story, "recovery" in a market report, is not fresh praise at every mention); negative words count in
full (tune 0.70 -> 0.72, heldout 0.71 -> 0.74, thresholds unchanged; 2026-12-07, fifth round). The
signed weight sum per word of the article is the density; GDELT's tone is that density times 100 with unit weights. The score is the density over the
lexicon's ``span``, clipped to [-1, 1]; the label compares the score with the lexicon's
``threshold``. Empty input is neutral, 0.0.

Monotonicity: adding a negative word (outside a negator's window) never raises the score. Density alone
would not guarantee it (a weak negative word added to a very negative text raises the average), so
the constructor caps ``span`` at the smallest negative contribution a single word can make: once the
density is below ``-span`` the score is already -1 and another negative word keeps it there.

English lexicon (``english_lexicon()``), measured 2026-12-07 on the English dev gold (81 articles;
thresholds and weights chosen on the ``tune`` split only, see docs/evaluation.md):

- VADER's lexicon (vaderSentiment 3.3.2, MIT) alone, unfiltered: tune 0.68, heldout 0.65 at
  its best tune thresholds. It is written for social media: in news it reads names and function words as praise
  ("United", "Swift", "Supreme", "like", "well", "shares"), so those are dropped
  (``scripts/build_tone_lexicon.py``), with entries weaker than 0.5.
- A curated news-event lexicon alone (``data/tone_news.txt``: 250 stems and words for violence,
  disasters, crime, losses, conflict, scandal / agreements, achievements, growth, celebrations, the
  annotation rule's categories): tune 0.64, heldout 0.52; too sparse on its own.
- The combination (news cues weigh ``NEWS_WEIGHT`` and override VADER; VADER's positive ratings are
  scaled by ``POSITIVE_SCALE`` because news praise is cheap and news harm is not): tune 0.68,
  heldout 0.71, with a neutral band symmetric around 0. Kept over VADER (filtered) alone, which
  reaches tune 0.72 / heldout 0.65 only with a band at +0.08..+0.56, so that a text with no tone
  word at all comes out negative; and because it covers the categories the annotation names. The
  differences are within the noise of 81 articles; none reaches the 0.75 target.

Cost (measured 2026-12-07): the two data files are 0.09 MB (0.03 MB gzipped), 6,681 entries; loading
them takes ~7 ms once per process, paid by the first English article (``english_lexicon()`` is
cached; ``warm()`` moves it to init). VADER's whole lexicon file is 0.43 MB and parses in 8-20 ms.
Per article, ``tone_of`` costs a median 0.06 ms (0.09 ms per 5 KB of text; tokenizing the body is
another ~0.2 ms): one memoized dict lookup per token.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Final

from article_pipeline.models import Tone
from article_pipeline.pipeline.document import Document, build_document
from article_pipeline.pipeline.langpack import Lexicon, english

NEGATION_WINDOW: Final = 3
NEGATED: Final = 0.5  # "not good" is milder than "bad"
NEWS_WEIGHT: Final = 3.0
POSITIVE_SCALE: Final = 0.6
ENGLISH_SPAN: Final = 0.10  # density (weight per word) at which the score saturates
ENGLISH_THRESHOLD: Final = 0.20  # |score| above this is not neutral (chosen on the tune split)
ENGLISH_NEGATORS: Final = english().words("negators")
_MEMO_MAX: Final = 50_000
_NEGATOR: Final = None
_UNSEEN: Final = -99.0  # no real weight is this low


class ToneLexicon:
    """Weighted tone entries, matched as a pack's ``Lexicon``: whole words, then the longest ``stem*``.

    Weights are signed (positive words > 0). ``span`` is capped so that the score is monotone in
    negative words (see the module docstring).
    """

    __slots__ = ("_contractions", "_entries", "_memo", "_negators", "_size", "span", "threshold")

    def __init__(
        self,
        entries: Mapping[str, float],
        *,
        negators: Iterable[str] = (),
        contractions: bool = False,
        span: float = 0.10,
        threshold: float = 0.20,
    ) -> None:
        weighted = {key: weight for key, weight in entries.items() if weight}
        self._entries: Lexicon[float] = Lexicon(weighted)  # the packs' word/stem matching, one implementation
        self._size = len(weighted)
        self._negators = frozenset(word.casefold() for word in negators)
        self._contractions = contractions  # English "-n't" negates
        self._memo: dict[str, float | None] = {}
        weights = list(weighted.values())
        smallest = min([-w for w in weights if w < 0] + [NEGATED * w for w in weights if w > 0], default=span)
        self.span = min(span, smallest)
        self.threshold = threshold

    def __len__(self) -> int:
        return self._size

    def weight(self, word: str) -> float | None:
        """The word's signed weight, 0.0 when it carries none, None for a negator."""
        value = self._memo.get(word, _UNSEEN)
        if value == _UNSEEN:
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            value = self._memo[word] = self._lookup(word)
        return value

    def _lookup(self, word: str) -> float | None:
        if word in self._negators or (
            self._contractions and (word.endswith("n't") or word.endswith("n\u2019t"))
        ):
            return _NEGATOR
        found = self._entries.get(word)
        return 0.0 if found is None else found


def tone_of(words: Sequence[str], lexicon: ToneLexicon) -> Tone:
    """The tone of an article from its case-folded word tokens (the caller tokenizes)."""
    if not words:
        return Tone(label="neutral", score=0.0)
    total = 0.0
    praise: dict[str, tuple[float, int]] = {}  # positive words outside a negator's window -> weight, count
    since_negator = NEGATION_WINDOW + 1
    weight = lexicon.weight
    for word in words:
        value = weight(word)
        if value is None:
            since_negator = 0
            continue
        since_negator += 1
        if value:
            if since_negator <= NEGATION_WINDOW:
                total += -NEGATED * value
            elif value > 0:
                praise[word] = (value, praise[word][1] + 1 if word in praise else 1)
            else:
                total += value
    # A positive word counts sublinearly in its repeats (1 + ln count): the word a story is about ("deal" in
    # a deal story, "recovery" in a market report, "love" in a love song's) is not praise each time it
    # recurs. Negative words count in full, so adding one never raises the score (see the module docstring).
    for value, count in praise.values():
        total += value * (1.0 + math.log(count))
    score = max(-1.0, min(1.0, total / len(words) / lexicon.span))
    score = round(score, 4)
    if score > lexicon.threshold:
        return Tone(label="positive", score=score)
    if score < -lexicon.threshold:
        return Tone(label="negative", score=score)
    return Tone(label="neutral", score=score)


@functools.cache
def pack_lexicon(positive: tuple[str, ...], negative: tuple[str, ...]) -> ToneLexicon:
    """A pack's tone lexicon, built once per process rather than once per article."""
    return lexicon_from_lists(list(positive), list(negative))


def lexicon_from_lists(
    positive: list[str], negative: list[str], *, negators: Iterable[str] = ()
) -> ToneLexicon:
    """A lexicon from plain word lists (weight 1 each; ``*`` marks a stem), e.g. a language pack's.

    A word in both lists counts as negative.

    Thresholds default to the English ones; a pack with its own gold should tune its own.
    """
    entries = {entry: 1.0 for entry in positive}
    entries.update({entry: -1.0 for entry in negative})
    return ToneLexicon(entries, negators=negators, span=ENGLISH_SPAN, threshold=ENGLISH_THRESHOLD)


@functools.cache
def _english_entries() -> tuple[dict[str, float], frozenset[str]]:
    """VADER (filtered for news) and the curated news-event cues, and the contest-outcome words."""
    data = resources.files("article_pipeline") / "data"
    entries: dict[str, float] = {}
    for line in (data / "tone_vader.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, rating = line.split("\t")
            value = float(rating)
            entries[word] = value * POSITIVE_SCALE if value > 0 else value
    outcomes: set[str] = set()
    for line in (data / "tone_news.txt").read_text(encoding="utf-8").splitlines():
        if line[:1] in {"+", "-"}:
            sign = 1.0 if line[0] == "+" else -1.0
            weight = NEWS_WEIGHT * (POSITIVE_SCALE if sign > 0 else 1.0)
            for entry in line[1:].split():
                entries[entry] = sign * weight
        elif line[:1] == "=":
            outcomes.update(line[1:].split())
    return entries, frozenset(outcomes)


@functools.cache
def english_lexicon(*, contest: bool = False) -> ToneLexicon:
    """VADER (filtered for news) plus the curated news-event cues; loaded once per process.

    ``contest``: the text reports a sporting contest, where every result has a loser, so the words of
    its outcome ("defeated", "lost", "beaten") are no loss in the annotation's sense and carry no tone;
    "won", "victory" still count (a sports win is an achievement). Tune 0.68 -> 0.70, heldout 0.71
    unchanged (2026-12-07).
    """
    entries, outcomes = _english_entries()
    if contest:
        entries = {word: weight for word, weight in entries.items() if word not in outcomes}
    return ToneLexicon(
        entries,
        negators=ENGLISH_NEGATORS,
        contractions=True,
        span=ENGLISH_SPAN,
        threshold=ENGLISH_THRESHOLD,
    )


def words_of(document: Document) -> list[str]:
    """The words tone reads: the document's word tokens, case-folded (numbers and marks left out)."""
    return [token.lower for token in document.words()]


def tokens(text: str, language: str = "en") -> list[str]:
    """The words tone reads in a text, cut as the pipeline cuts them: through the language's document."""
    return words_of(build_document(text, language))


def warm() -> None:
    english_lexicon()
    english_lexicon(contest=True)
