"""Ingest Lambda: S3 notifications (via SQS, or direct) -> one record per object in DynamoDB.

Thin by design: parse the event, hand each object event to ``Ingestor.handle``, map the outcome to logs,
metrics, trace annotations and the batch response. Clients are created once per execution environment, on
first use.
"""

from __future__ import annotations

import json
import time
from functools import cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from article_pipeline.events import ObjectEvent, object_events, object_events_from_sqs_body
from article_pipeline.ingest import Ingestor, IngestResult, Settings

logger = Logger()
metrics = Metrics()
# X-Ray (issue #7). Only botocore is patched, so each S3 and DynamoDB call is a subsegment and nothing else is
# instrumented. It is patched in ingestor(), where botocore is first imported: patching here would load botocore
# during import for no gain. Nothing an object handler returns is recorded (capture_response=False), because the
# record holds the article's text. Measured cold-start cost in a Lambda-like environment: about 20 ms to build
# the Tracer (X-Ray SDK import) and 1 ms for the patch (docs/operations.md, Tracing). Tracing is off outside
# Lambda and under `sam local`, and POWERTOOLS_TRACE_DISABLED=true turns it off anywhere.
tracer = Tracer(auto_patch=False)
processor = BatchProcessor(event_type=EventType.SQS)


# Throttling and transient errors (SlowDown, 5xx, ProvisionedThroughputExceeded) are retried inside the call with
# exponential backoff and jitter: botocore's "standard" mode, 5 attempts in all, with a retry quota that stops
# retrying while a service is down. What still fails is reported as a batch item failure and SQS redelivers it.
# The timeouts keep a hung connection from holding the function until its own 60 s timeout.
CLIENT_CONFIG_ARGS: dict[str, Any] = {
    "retries": {"mode": "standard", "total_max_attempts": 5},
    "connect_timeout": 3,
    "read_timeout": 10,
}


@cache
def ingestor() -> Ingestor:
    tracer.patch(modules=["botocore"])  # before any client exists; a no-op while tracing is disabled
    # botocore's own session, not boto3: boto3.client() builds the same botocore client, and importing boto3 costs
    # about 20 ms of a cold start (its session, s3transfer and multiprocessing, plus S3 transfer methods injected
    # into the client) for nothing the adapters use (issue 14). Credentials, region (AWS_DEFAULT_REGION, which
    # Lambda sets), AWS_ENDPOINT_URL and retries resolve exactly as for boto3's clients.
    import botocore.session  # lazy: the import and the clients cost cold-start time only once, on first use
    from botocore.config import Config

    from article_pipeline.adapters.article_store import ArticleStore
    from article_pipeline.adapters.dynamodb_table import ClientTable
    from article_pipeline.adapters.fingerprint_index import FingerprintIndex
    from article_pipeline.adapters.s3_objects import S3Objects
    from article_pipeline.adapters.sdk_models import pruned_loader

    settings = Settings.from_env()
    config = Config(**CLIENT_CONFIG_ARGS)
    session = botocore.session.get_session()
    # The API models cut to the adapters' operations: botocore's full data costs ~40 ms more to find and parse.
    session.register_component("data_loader", pruned_loader())
    # Low-level clients only: boto3.resource("dynamodb") costs tens of ms more to build on a cold start (the
    # resource model and its classes). ClientTable gives the adapters the resource Table's methods over it.
    dynamodb = session.create_client("dynamodb", config=config)
    return Ingestor(
        settings,
        objects=S3Objects(
            session.create_client("s3", config=config),
            bucket=settings.articles_bucket,
            cleaned_prefix=settings.cleaned_prefix,
        ),
        store=ArticleStore(ClientTable(dynamodb, settings.articles_table)),
        fingerprints=FingerprintIndex(ClientTable(dynamodb, settings.fingerprints_table)),
    )


# One subsegment per object, holding its S3 and DynamoDB calls. capture_error=False: the exception's type,
# message and stack are still on the subsegment (X-Ray's own "cause"); only the pickled copy Powertools would
# add as metadata is left out.
@tracer.capture_method(capture_response=False, capture_error=False)
def handle_object_event(event: ObjectEvent) -> IngestResult:
    logger.append_keys(bucket=event.bucket, key=event.key, event_name=event.event_name)
    started = time.perf_counter()
    try:
        result = ingestor().handle(event)
    except Exception as error:
        # Powertools logs a failed record only at DEBUG: say which object failed and why (never its body),
        # then re-raise so the message is reported as a batch item failure and retried.
        logger.exception("object failed", extra={"error_type": type(error).__name__})
        metrics.add_metric(name="Failures", unit=MetricUnit.Count, value=1)
        tracer.put_annotation(key="outcome", value="failed")
        tracer.put_annotation(key="error_type", value=type(error).__name__)
        raise
    finally:
        logger.remove_keys(["bucket", "key", "event_name", "article_id"])
    # Annotations are indexed: traces can be filtered by them (annotation.outcome = "rejected"). Identifiers
    # and codes only, never text from the article.
    tracer.put_annotation(key="outcome", value=result.outcome)
    if result.article_id:
        tracer.put_annotation(key="article_id", value=result.article_id)
    if result.error_code:
        tracer.put_annotation(key="error_code", value=result.error_code)
    if result.duplicate_of:
        tracer.put_annotation(key="duplicate", value=True)
    metrics.add_metric(name=f"Outcome_{result.outcome}", unit=MetricUnit.Count, value=1)
    if result.error_code:
        metrics.add_metric(name=f"Rejected_{result.error_code}", unit=MetricUnit.Count, value=1)
    if result.duplicate_of:
        metrics.add_metric(name="Duplicates", unit=MetricUnit.Count, value=1)
    metrics.add_metric(
        name="LatencyMs", unit=MetricUnit.Milliseconds, value=round((time.perf_counter() - started) * 1000, 2)
    )
    logger.info(
        "object handled",
        extra={
            "bucket": event.bucket,
            "key": event.key,
            "outcome": result.outcome,
            "article_id": result.article_id,
            "error_code": result.error_code,
        },
    )
    return result


def record_handler(record: SQSRecord) -> None:
    """One SQS message. Raising marks only this message failed; SQS redelivers it, then moves it to the DLQ."""
    for event in object_events_from_sqs_body(record.body):
        handle_object_event(event)


@metrics.log_metrics
@logger.inject_lambda_context
@tracer.capture_lambda_handler(capture_response=False)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" in event and event["Records"] and event["Records"][0].get("eventSource") == "aws:sqs":
        return process_partial_response(
            event=event, record_handler=record_handler, processor=processor, context=context
        )
    # A plain S3 notification (direct trigger, or `sam local invoke -e events/s3_put.json`).
    failures = []
    for object_event in object_events(event):
        try:
            handle_object_event(object_event)
        except Exception:
            logger.exception("object failed", extra={"bucket": object_event.bucket, "key": object_event.key})
            failures.append(object_event.key)
    if failures:
        # Raising makes Lambda retry the asynchronous invocation and then send it to its failure destination.
        raise RuntimeError(f"{len(failures)} object(s) failed: {json.dumps(failures)}")
    return {"processed": True}
