"""Consumer kit for the ArticlesTable stream: typed changes, partial batch failures, idempotent effects.

    from article_pipeline.consumer import Created, Updated, Deleted, process_changes, stream_processor

See docs/consuming.md.
"""

from __future__ import annotations

from article_pipeline.consumer.batch import process_changes, record_handler_for, stream_processor
from article_pipeline.consumer.changes import (
    Change,
    Created,
    Deleted,
    StreamInfo,
    StreamRecordError,
    UnsupportedSchemaVersionError,
    Updated,
    changed_fields,
    changes_from_event,
    iter_changes,
    plain,
    record_from_image,
    to_change,
)
from article_pipeline.consumer.idempotency import EffectLedger, effect_key
from article_pipeline.consumer.stream_events import lambda_stream_event, lambda_stream_record

__all__ = [
    "Change",
    "Created",
    "Deleted",
    "EffectLedger",
    "StreamInfo",
    "StreamRecordError",
    "UnsupportedSchemaVersionError",
    "Updated",
    "changed_fields",
    "changes_from_event",
    "effect_key",
    "iter_changes",
    "lambda_stream_event",
    "lambda_stream_record",
    "plain",
    "process_changes",
    "record_from_image",
    "record_handler_for",
    "stream_processor",
    "to_change",
]
