"""Same-story grouping: which earlier article, if any, reports the same event. Pure functions, no AWS.

Two reports of one meeting are written differently (other lead, other quotes, one names the deputy minister,
the other the minister) but share who and what: the people and organisations, some places, the topic, the
country, a handful of distinctive words in the title and lead, and the days around the event.

    score    = content * (0.75 + 0.25 * context) * date
    content  = sqrt(entities * terms)             (either alone when the other is missing on a side;
                                                   entities alone across two languages)
    entities = weighted Dice over entities matched by any shared name or alias (people and organisations
               weigh 1, places 0.5: a shared country or capital says less than a shared minister)
    terms    = Dice over distinctive words of title, summary and keywords (stopwords, numbers, months dropped)
    context  = mean Jaccard of topic codes and countries that both sides have (0.5 when neither has any)
    date     = 1 within 3 days, falling to 0 at 7 days apart; 0.85 when a published date is unknown
               (unless a full date mentioned in one article is within 3 days of the other's)

The geometric mean wants both kinds of evidence: two reports of one event share names AND words, while
unrelated articles share at most a news agency and a city, or some vocabulary. Topic and country only
scale the score (a shared topic is common; a missing one should not sink a match).

An article joins the story of the best-scoring earlier article at or above ``STORY_THRESHOLD``; ties go to
the earlier day, then the smaller article id. Otherwise it starts a story whose id is its own article id.
The thresholds were set on the development corpus (tests/corpus/gold: the two seed reports of one meeting
against twelve unrelated articles); tests/unit/test_index_entries.py holds them to that.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from article_pipeline.index.entries import index_day, normalise_name
from article_pipeline.models import ArticleRecord

STORY_THRESHOLD = 0.22
SAME_STORY_DAYS = 3
MAX_STORY_DAYS = 7
UNKNOWN_DATE_FACTOR = 0.85
CONTEXT_WEIGHT = 0.25
_KIND_WEIGHT = {"person": 1.0, "organization": 1.0, "place": 0.5}
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W_]|[^\W\d_]", re.UNICODE)
_STOPWORD_TEXT = """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say
    told according new one two three first last year years week weeks day days month months time percent per cent
    mr mrs ms dr via amid among across around since still yet however including officials official people
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class StoryFeatures:
    """What story matching needs from one article; stored with the article's index state."""

    article_id: str
    day: str
    published: str | None
    mention_days: tuple[str, ...]
    entities: tuple[tuple[str, tuple[str, ...]], ...]  # (kind, normalised name + aliases)
    terms: tuple[str, ...]
    topics: tuple[str, ...]
    countries: tuple[str, ...]
    language: str = ""  # words of two languages are not compared; their names are (transliterated)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "day": self.day,
            "published": self.published,
            "mention_days": list(self.mention_days),
            "entities": [{"kind": kind, "keys": list(keys)} for kind, keys in self.entities],
            "terms": list(self.terms),
            "topics": list(self.topics),
            "countries": list(self.countries),
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StoryFeatures:
        return cls(
            article_id=str(data["article_id"]),
            day=str(data["day"]),
            published=str(data["published"]) if data.get("published") else None,
            mention_days=tuple(str(d) for d in data.get("mention_days") or ()),
            entities=tuple(
                (str(e["kind"]), tuple(str(k) for k in e["keys"])) for e in data.get("entities") or ()
            ),
            terms=tuple(str(t) for t in data.get("terms") or ()),
            topics=tuple(str(t) for t in data.get("topics") or ()),
            countries=tuple(str(c) for c in data.get("countries") or ()),
            language=str(data.get("language") or ""),
        )


def features_of(record: ArticleRecord) -> StoryFeatures:
    entities: list[tuple[str, tuple[str, ...]]] = []
    for kind, items in (
        ("person", [(p.name, p.aliases) for p in record.people]),
        ("organization", [(o.name, o.aliases) for o in record.organizations]),
        ("place", [(p.name, p.aliases) for p in record.places]),
    ):
        for name, aliases in items:
            keys = {normalise_name(s) for s in (name, *aliases)} - {""}
            if kind == "person":
                # A report may name a person by surname only: the last word is a key too.
                keys |= {k.split()[-1] for k in list(keys) if len(k.split()) > 1 and len(k.split()[-1]) > 2}
            if keys:
                entities.append((kind, tuple(sorted(keys))))
    text = " ".join([record.title or "", record.summary, " ".join(record.keywords)])
    mention_days = sorted(
        {d.date for d in record.dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date) and _parse(d.date)}
    )
    published = (
        record.published_date[:10] if record.published_date and _parse(record.published_date[:10]) else None
    )
    return StoryFeatures(
        article_id=record.article_id,
        day=index_day(record),
        published=published,
        mention_days=tuple(mention_days),
        entities=tuple(entities),
        terms=tuple(sorted(terms_of(text))),
        topics=tuple(sorted({t.code for t in record.topics})),
        countries=tuple(sorted({c.upper() for c in record.countries})),
        language=record.language or "",
    )


def terms_of(text: str) -> set[str]:
    """Distinctive words: folded like index names, stopwords, short words and month names left out."""
    words = {normalise_name(w) for w in _WORD.findall(text)}
    return {w for w in words if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()}


def _parse(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _dice(a: Iterable[str], b: Iterable[str]) -> float | None:
    left, right = set(a), set(b)
    if not left or not right:
        return None
    return 2 * len(left & right) / (len(left) + len(right))


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float | None:
    left, right = set(a), set(b)
    if not left or not right:
        return None
    return len(left & right) / len(left | right)


def entity_similarity(
    a: Sequence[tuple[str, Sequence[str]]], b: Sequence[tuple[str, Sequence[str]]]
) -> float | None:
    """Weighted Dice: the weight of each side's entities that share a name or alias with the other side."""
    if not a or not b:
        return None
    keys_a = {k for _, keys in a for k in keys}
    keys_b = {k for _, keys in b for k in keys}
    matched = 0.0
    total = 0.0
    for entities, other in ((a, keys_b), (b, keys_a)):
        for kind, keys in entities:
            weight = _KIND_WEIGHT.get(kind, 1.0)
            total += weight
            if other.intersection(keys):
                matched += weight
    return matched / total if total else None


def date_factor(a: StoryFeatures, b: StoryFeatures) -> float:
    if a.published and b.published:
        return _decay(_days_apart(a.published, b.published))
    # One side has no published date: a full date it mentions may still place it near the other's.
    anchors_a = [a.published] if a.published else list(a.mention_days)
    anchors_b = [b.published] if b.published else list(b.mention_days)
    if a.published or b.published:
        gaps = [_days_apart(x, y) for x in anchors_a for y in anchors_b]
        if gaps and min(gaps) <= SAME_STORY_DAYS:
            return 1.0
    return UNKNOWN_DATE_FACTOR


def _days_apart(x: str, y: str) -> int:
    left, right = _parse(x), _parse(y)
    if left is None or right is None:
        return MAX_STORY_DAYS + 1
    return abs((left - right).days)


def _decay(days: int) -> float:
    if days <= SAME_STORY_DAYS:
        return 1.0
    if days >= MAX_STORY_DAYS:
        return 0.0
    return 1.0 - (days - SAME_STORY_DAYS) / (MAX_STORY_DAYS - SAME_STORY_DAYS)


@dataclass(frozen=True)
class Similarity:
    score: float
    entities: float | None
    terms: float | None
    context: float
    date: float


def similarity(a: StoryFeatures, b: StoryFeatures) -> Similarity:
    entities = entity_similarity(a.entities, b.entities)
    terms = _dice(a.terms, b.terms)
    if a.language and b.language and a.language != b.language:
        terms = None  # reports in two languages share names (and their transliterations), not words
    if entities is not None and terms is not None:
        # Geometric mean: one report of an event shares names AND words with another; a shared news
        # agency and capital city alone, or shared vocabulary alone, is not enough.
        content = math.sqrt(entities * terms)
    else:
        content = entities if entities is not None else (terms or 0.0)
    parts = [s for s in (_jaccard(a.topics, b.topics), _jaccard(a.countries, b.countries)) if s is not None]
    context = sum(parts) / len(parts) if parts else 0.5
    factor = date_factor(a, b)
    score = content * (1 - CONTEXT_WEIGHT + CONTEXT_WEIGHT * context) * factor
    return Similarity(round(score, 6), entities, terms, context, factor)


@dataclass(frozen=True)
class StoryMatch:
    story_id: str
    score: float | None  # None: a new story
    matched_article_id: str | None


def choose_story(
    article: StoryFeatures,
    candidates: Iterable[tuple[StoryFeatures, str]],
    *,
    threshold: float = STORY_THRESHOLD,
) -> StoryMatch:
    """The story of the best-matching earlier article (candidates are (features, story_id)), else a new one."""
    best: tuple[float, str, str, str] | None = None  # (-score, day, article_id, story_id) sorts best first
    for features, story_id in candidates:
        if features.article_id == article.article_id:
            continue
        score = similarity(article, features).score
        if score < threshold:
            continue
        key = (-score, features.day, features.article_id, story_id)
        if best is None or key < best:
            best = key
    if best is None:
        return StoryMatch(article.article_id, None, None)
    return StoryMatch(best[3], -best[0], best[2])
