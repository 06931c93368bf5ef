"""One object event -> one record in the table. The handler calls this; tests and the demo call it too.

Order of effects for a created object: read the upload, run the pure pipeline, look up duplicates, store the
cleaned body (so the record's pointer never dangles), write the record conditionally, then register its
fingerprints. Every step is safe to repeat, so a crash anywhere is healed by the redelivery.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

from article_pipeline.adapters.article_store import ORDER_ATTR, ArticleStore
from article_pipeline.adapters.fingerprint_index import FingerprintIndex
from article_pipeline.adapters.s3_objects import ObjectGone, S3Objects
from article_pipeline.events import ObjectEvent
from article_pipeline.models import ArticleRecord, Source
from article_pipeline.pipeline import errors
from article_pipeline.pipeline.decode import Limits
from article_pipeline.pipeline.process import (
    article_id_for,
    deleted_record,
    process_article,
    rejected_record,
    utc_now,
)

Outcome = Literal["processed", "rejected", "deleted", "unchanged", "stale", "ignored", "gone"]


@dataclass(frozen=True)
class Settings:
    articles_table: str
    fingerprints_table: str
    articles_bucket: str
    incoming_prefix: str = "incoming/"
    cleaned_prefix: str = "cleaned/"
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        limits = Limits(
            max_upload_bytes=int(env.get("MAX_UPLOAD_BYTES", Limits.max_upload_bytes)),
            max_decompressed_bytes=int(env.get("MAX_DECOMPRESSED_BYTES", Limits.max_decompressed_bytes)),
        )
        return cls(
            articles_table=env["ARTICLES_TABLE"],
            fingerprints_table=env["FINGERPRINTS_TABLE"],
            articles_bucket=env["ARTICLES_BUCKET"],
            incoming_prefix=env.get("INCOMING_PREFIX", "incoming/"),
            cleaned_prefix=env.get("CLEANED_PREFIX", "cleaned/"),
            limits=limits,
        )


@dataclass(frozen=True)
class IngestResult:
    outcome: Outcome
    article_id: str | None = None
    error_code: str | None = None
    duplicate_of: str | None = None


class Ingestor:
    def __init__(
        self, settings: Settings, *, objects: S3Objects, store: ArticleStore, fingerprints: FingerprintIndex
    ) -> None:
        self.settings = settings
        self._objects = objects
        self._store = store
        self._fingerprints = fingerprints

    def handle(self, event: ObjectEvent) -> IngestResult:
        # Only uploads under incoming/ are articles; anything else (cleaned bodies above all) is never read,
        # so a mis-set notification cannot make the pipeline feed on its own output.
        if not event.key.startswith(self.settings.incoming_prefix):
            return IngestResult("ignored")
        source = Source(
            bucket=event.bucket,
            key=event.key,
            version_id=event.version_id,
            etag=event.etag,
            sequencer=event.sequencer,
            size=event.size,
        )
        if event.kind == "removed":
            return self._write(deleted_record(source), event, body_uri=None)
        return self._ingest_created(event, source)

    def _ingest_created(self, event: ObjectEvent, source: Source) -> IngestResult:
        limit = self.settings.limits.max_upload_bytes
        try:
            fetched = self._objects.fetch(
                event.bucket, event.key, version_id=event.version_id, max_bytes=limit
            )
        except ObjectGone:
            # Deleted or replaced since the event: the later event will describe the object's fate.
            return IngestResult("gone")
        source = source.model_copy(
            update={
                "size": fetched.size,
                "content_type": fetched.content_type,
                "etag": source.etag or fetched.etag,
                "version_id": source.version_id or fetched.version_id,
            }
        )
        if event.is_reprocess:
            source = self._as_currently_recorded(source)
        if fetched.truncated:
            record = rejected_record(
                source,
                errors.TOO_LARGE,
                f"The upload is {fetched.size} bytes; the limit is {limit} bytes. Split or trim it and upload again.",
            )
            return self._write(record, event, body_uri=None)
        record = process_article(fetched.data, source, limits=self.settings.limits, processed_at=utc_now())
        if record.status != "processed":
            return self._write(record, event, body_uri=None)
        original = self._fingerprints.find_original(record.article_id, record.content_sha256, record.simhash)
        record = record.model_copy(update={"duplicate_of": original})
        body_uri = self._objects.store_cleaned(record.article_id, record.body)
        result = self._write(record, event, body_uri=body_uri)
        # "unchanged" too: the record may have been written by an attempt that died (or lost the write's
        # answer) before registering; registering again is idempotent.
        if result.outcome in ("processed", "unchanged"):
            self._fingerprints.register(
                record.article_id, record.content_sha256, record.simhash, first_seen=record.processed_at
            )
        return result

    def _as_currently_recorded(self, source: Source) -> Source:
        """A reprocess request names no S3 event; where the object is still the version on record, the
        record's sequencer still describes it, so an unchanged article yields identical facts."""
        current = self._store.get(article_id_for(source.bucket, source.key))
        if not current or not isinstance(current.get("source"), dict):
            return source
        recorded = current["source"]
        same_object = recorded.get("version_id") == source.version_id and recorded.get("etag") == source.etag
        return source.model_copy(update={"sequencer": recorded.get("sequencer")}) if same_object else source

    def _order(self, record: ArticleRecord, event: ObjectEvent) -> str:
        """The ordering key to write with. A reprocess request is not a new event: it keeps the record's
        current order (so only changed facts are written), and where there is no record yet it sorts
        before every real event, so that any real event still wins over it."""
        if not event.is_reprocess:
            return event.order_key
        current = self._store.get(record.article_id)
        return str(current.get(ORDER_ATTR, "0")) if current else "0"

    def _superseded(self, record: ArticleRecord, event: ObjectEvent) -> bool:
        """A reprocess that read another object than the one on record lost a race with a real event
        (an overwrite or a delete processed meanwhile): the real event's record stands."""
        if not event.is_reprocess:
            return False
        current = self._store.get(record.article_id)
        recorded = (current or {}).get("source")
        if not current or not isinstance(recorded, dict):
            return False
        return (recorded.get("version_id"), recorded.get("etag")) != (
            record.source.version_id,
            record.source.etag,
        )

    def _write(self, record: ArticleRecord, event: ObjectEvent, *, body_uri: str | None) -> IngestResult:
        if self._superseded(record, event):
            return IngestResult("stale", record.article_id)
        written = self._store.put(record, order=self._order(record, event), body_uri=body_uri)
        if written.result != "written":
            return IngestResult(written.result, record.article_id)
        previous = written.previous
        if (
            previous
            and previous.get("status") == "processed"
            and (previous.get("content_sha256") != record.content_sha256 or record.status != "processed")
        ):
            self._fingerprints.unregister(
                record.article_id, str(previous.get("content_sha256", "")), str(previous.get("simhash", ""))
            )
        code = record.error.code if record.error else None
        return IngestResult(
            record.status, record.article_id, error_code=code, duplicate_of=record.duplicate_of
        )
