"""Partial batch failures for stream consumers, with Powertools' BatchProcessor.

A stream is ordered per shard: when one record fails, Lambda resumes from the lowest failed sequence number
(``ReportBatchItemFailures``), so the records after it are delivered again. Handlers must therefore be
idempotent; ``effect_key`` (consumer/idempotency.py) gives the key to make side effects so.

Usage in a handler module::

    processor = stream_processor()          # module level: one per execution environment

    def handle(change: Change) -> None: ...

    def lambda_handler(event, context):
        return process_changes(event, context, handle, processor=processor)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from article_pipeline.consumer.changes import Change, to_change

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.batch import BatchProcessor
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
    from aws_lambda_powertools.utilities.typing import LambdaContext

ChangeHandler = Callable[[Change], None]


def stream_processor() -> BatchProcessor:
    """A BatchProcessor for DynamoDB streams (create it once, at module level)."""
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType

    return BatchProcessor(event_type=EventType.DynamoDBStreams)


def record_handler_for(handle: ChangeHandler) -> Callable[[DynamoDBRecord], None]:
    """Wrap a change handler as a Powertools record handler: no-op records are acknowledged untouched."""

    def record_handler(record: DynamoDBRecord) -> None:
        change = to_change(record)
        if change is not None:
            handle(change)

    return record_handler


def process_changes(
    event: Mapping[str, Any],
    context: LambdaContext | None,
    handle: ChangeHandler,
    *,
    processor: BatchProcessor | None = None,
) -> dict[str, Any]:
    """Run ``handle`` on every change in a stream event; return the partial-batch response Lambda expects.

    A record whose handler raises is reported in ``batchItemFailures`` by its sequence number; the others
    succeed. When every record fails, Powertools raises, so the whole batch is retried (and, with
    ``BisectBatchOnFunctionError``, split) until it goes to the on-failure destination.
    """
    from aws_lambda_powertools.utilities.batch import process_partial_response

    result: dict[str, Any] = dict(
        process_partial_response(
            event=dict(event),
            record_handler=record_handler_for(handle),
            processor=processor or stream_processor(),
            context=context,
        )
    )
    return result
