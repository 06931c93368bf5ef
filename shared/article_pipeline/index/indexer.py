"""Keeps the IndexTable in step with the ArticlesTable stream, one change at a time.

Per article the table holds a state item (``article#<id>`` / ``meta``): the stream sequence number last
applied, the keys of the entries written for it, its story id and its story features. Applying a change:

1. Skip it when its sequence number is not newer than the one applied from the same stream (a redelivered
   or replayed record).
2. Desired entries: the new record's entity/topic/country entries plus its story entry (none when the new
   record is rejected or deleted, or the item was removed).
3. Delete every key written before (state item) or implied by the old image that is not desired; put every
   desired entry. Puts and deletes are idempotent, so a crash between steps is repaired by the retry.
4. Write the state item last.

Story ids are stable: an article keeps the story it got when first indexed; a new article (or one that comes
back after a delete) is matched against earlier articles found through its entity, country and topic
partitions within the date window (index/story.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from article_pipeline.consumer.changes import Change, Deleted
from article_pipeline.index.entries import (
    IndexEntry,
    Key,
    country_pk,
    diff_entries,
    entity_pk,
    entries_for,
    topic_pk,
)
from article_pipeline.index.entries import story_entry as make_story_entry
from article_pipeline.index.story import (
    MAX_STORY_DAYS,
    StoryFeatures,
    StoryMatch,
    choose_story,
    features_of,
)
from article_pipeline.index.table import IndexTable
from article_pipeline.models import ArticleRecord

log = logging.getLogger(__name__)

MAX_ENTITY_PROBES = 16
MAX_COUNTRY_PROBES = 3
MAX_TOPIC_PROBES = 2
PROBE_LIMIT = 25


@dataclass(frozen=True)
class IndexOutcome:
    article_id: str
    action: str  # indexed | removed | skipped
    put: int = 0
    deleted: int = 0
    story_id: str | None = None
    matched_article_id: str | None = None


def sequence_key(sequence_number: str | None) -> tuple[int, str]:
    """Stream sequence numbers are decimal strings of varying length: compare them as numbers."""
    text = (sequence_number or "").strip()
    return (int(text), "") if text.isdigit() else (-1, text)


class Indexer:
    def __init__(self, table: IndexTable) -> None:
        self.table = table

    def apply(self, change: Change) -> IndexOutcome:
        article_id = change.article_id
        state = self.table.get_meta(article_id)
        sequence = change.info.sequence_number
        stream = change.info.event_source_arn or ""
        # Sequence numbers order the records of one stream; a new stream (table re-created, stream
        # re-enabled) starts its own numbering, so only records of the same stream are compared.
        if (
            state
            and sequence
            and state.get("stream_arn", "") == stream
            and sequence_key(sequence) <= sequence_key(state.get("sequence_number"))
        ):
            return IndexOutcome(article_id, "skipped", story_id=state.get("story_id"))

        new = None if isinstance(change, Deleted) else change.new
        indexed = new if new is not None and new.status == "processed" else None
        desired: list[IndexEntry] = []
        match: StoryMatch | None = None
        features: StoryFeatures | None = None
        if indexed is not None:
            features = features_of(indexed)
            if state and state.get("status") == "indexed" and state.get("story_id"):
                match = StoryMatch(str(state["story_id"]), None, None)
            else:
                match = self.match_story(features)
            desired = [*entries_for(indexed), make_story_entry(indexed, match.story_id, score=match.score)]

        previous: set[Key] = {(str(k[0]), str(k[1])) for k in (state or {}).get("keys", [])}
        previous |= {e.key for e in entries_for(change.old)}
        diff = diff_entries(previous, desired)
        self.table.write(diff.put, diff.delete)

        attributes: dict[str, Any] = {
            "article_id": article_id,
            "sequence_number": sequence,
            "stream_arn": stream,
            "status": "indexed" if indexed is not None else "removed",
            "keys": [list(e.key) for e in desired],
        }
        if indexed is not None and match is not None and features is not None:
            attributes.update(
                story_id=match.story_id,
                features=features.to_dict(),
                title=indexed.title,
                date=features.day,
            )
        self.table.put_meta(article_id, attributes)
        return IndexOutcome(
            article_id,
            "indexed" if indexed is not None else "removed",
            put=len(diff.put),
            deleted=len(diff.delete),
            story_id=match.story_id if match else None,
            matched_article_id=match.matched_article_id if match else None,
        )

    def match_story(self, features: StoryFeatures) -> StoryMatch:
        """The story of the best-matching article already indexed, found through shared partitions."""
        probes = self._probes(features)
        window = _window(features)
        candidate_ids: set[str] = set()
        for pk in probes:
            since, until = window if window else (None, None)
            for item in self.table.query(pk, since=since, until=until, limit=PROBE_LIMIT):
                candidate_ids.add(str(item["article_id"]))
        candidate_ids.discard(features.article_id)
        if not candidate_ids:
            return StoryMatch(features.article_id, None, None)
        candidates = []
        for state in self.table.get_metas(candidate_ids).values():
            if state.get("status") == "indexed" and state.get("features") and state.get("story_id"):
                candidates.append((StoryFeatures.from_dict(state["features"]), str(state["story_id"])))
        return choose_story(features, candidates)

    @staticmethod
    def _probes(features: StoryFeatures) -> list[str]:
        # People and organisations first (more specific than places); every name and alias of each.
        weighted = sorted(features.entities, key=lambda e: (e[0] == "place", e[1]))
        names = [key for _, keys in weighted for key in sorted(keys, key=lambda k: (-len(k), k))]
        entity_keys = list(dict.fromkeys(entity_pk(k) for k in names))[:MAX_ENTITY_PROBES]
        countries = [country_pk(c) for c in features.countries[:MAX_COUNTRY_PROBES]]
        topics = [topic_pk(t) for t in features.topics[:MAX_TOPIC_PROBES]]
        return [*entity_keys, *countries, *topics]


def _window(features: StoryFeatures) -> tuple[str, str] | None:
    """Days to search for same-story candidates; None (newest entries) when the published date is unknown."""
    if not features.published:
        return None
    day = date.fromisoformat(features.published)
    span = timedelta(days=MAX_STORY_DAYS)
    return ((day - span).isoformat(), (day + span).isoformat())


def index_record(table: IndexTable, record: ArticleRecord) -> IndexOutcome:
    """Index one record directly (a backfill or a rebuild, without a stream record)."""
    from article_pipeline.consumer.changes import Created, StreamInfo

    return Indexer(table).apply(Created(new=record, info=StreamInfo("", "INSERT", "")))
