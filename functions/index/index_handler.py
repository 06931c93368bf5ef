"""Index Lambda: ArticlesTable stream -> IndexTable (entity, topic, country and story partitions).

Thin by design: Powertools' BatchProcessor turns the batch into per-record calls and reports failed records
by sequence number (ReportBatchItemFailures); each record becomes a typed change (consumer kit) that the
Indexer applies. Applying is idempotent (full-state puts and deletes, guarded by the stream sequence number),
so a retried, bisected or replayed batch changes nothing twice. The table client is created once per
execution environment, on first use.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.utilities.typing import LambdaContext

from article_pipeline.consumer import Change, process_changes, stream_processor
from article_pipeline.index.indexer import Indexer

logger = Logger()
# X-Ray (issue #7), as in the ingest handler: only botocore is patched, on first use, so each DynamoDB call is a
# subsegment; nothing a change handler returns is recorded; off outside Lambda and under `sam local`.
# See docs/operations.md, Tracing.
tracer = Tracer(auto_patch=False)
processor = stream_processor()


@cache
def indexer() -> Indexer:
    tracer.patch(modules=["botocore"])  # before any client exists; a no-op while tracing is disabled
    import boto3  # lazy: paid once per execution environment, on the first record

    from article_pipeline.index.table import IndexTable

    return Indexer(IndexTable(boto3.resource("dynamodb").Table(os.environ["INDEX_TABLE"])))


# One subsegment per stream record, holding its DynamoDB calls.
@tracer.capture_method(capture_response=False, capture_error=False)
def handle_change(change: Change) -> None:
    outcome = indexer().apply(change)
    tracer.put_annotation(key="article_id", value=outcome.article_id)
    tracer.put_annotation(key="action", value=outcome.action)
    tracer.put_annotation(key="change", value=type(change).__name__)
    logger.info(
        "change indexed",
        extra={
            "article_id": outcome.article_id,
            "change": type(change).__name__,
            "action": outcome.action,
            "put": outcome.put,
            "deleted": outcome.deleted,
            "story_id": outcome.story_id,
            "matched_article_id": outcome.matched_article_id,
            "sequence_number": change.info.sequence_number,
        },
    )


@logger.inject_lambda_context
@tracer.capture_lambda_handler(capture_response=False)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_changes(event, context, handle_change, processor=processor)
