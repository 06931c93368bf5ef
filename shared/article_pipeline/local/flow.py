"""Drives the deployed event flow on an emulator: S3 upload -> SQS -> ingest handler -> DynamoDB -> stream.

Used by `article-pipeline demo` and the end-to-end tests. The handler is the real Lambda handler, called
in-process with the environment the template gives the function.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from article_pipeline.local.stack import LocalStack

Handler = Callable[[dict[str, Any], Any], Any]


class LocalContext:
    """The parts of the Lambda context object that Powertools reads."""

    function_name = "IngestFunction"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:IngestFunction"
    log_group_name = "/aws/lambda/IngestFunction"
    log_stream_name = "local"

    def __init__(self) -> None:
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


@contextmanager
def function_environment(variables: dict[str, str]) -> Iterator[None]:
    """Set the function's environment variables for the duration of a block, then restore the old ones."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _drop_disabled_metrics(handler: Handler) -> None:
    """With POWERTOOLS_METRICS_DISABLED, Powertools (3.37) keeps every metric value and prints the lot at its
    100-value limit; in Lambda a flush after each invocation empties it. The local flow runs hundreds of
    invocations in one process, so it empties the handler's ``metrics`` itself."""
    if os.environ.get("POWERTOOLS_METRICS_DISABLED", "").lower() != "true":
        return
    metrics = getattr(sys.modules.get(getattr(handler, "__module__", "")), "metrics", None)
    clear = getattr(metrics, "clear_metrics", None)
    if callable(clear):
        clear()


@dataclass
class PumpStats:
    invocations: int = 0
    messages: int = 0
    failures: int = 0
    test_events: int = 0


@dataclass
class LocalFlow:
    stack: LocalStack
    handler: Handler
    clients: dict[str, Any] = field(default_factory=dict)
    delivered: list[str] = field(default_factory=list)  # bodies of every message handed to the handler
    _iterators: dict[str, str] = field(default_factory=dict)

    def client(self, service: str) -> Any:
        if service not in self.clients:
            import boto3  # local tooling only

            self.clients[service] = boto3.client(service)  # type: ignore[call-overload]  # service is dynamic
        return self.clients[service]

    def upload(self, key: str, data: bytes, *, content_type: str | None = None) -> None:
        extra = {"ContentType": content_type} if content_type else {}
        self.client("s3").put_object(Bucket=self.stack.bucket, Key=key, Body=data, **extra)

    def delete(self, key: str) -> None:
        response = self.client("s3").delete_object(Bucket=self.stack.bucket, Key=key)
        if response.get("DeleteMarker"):
            # moto sends no notification when a versioned bucket gets a delete marker; S3 sends
            # ObjectRemoved:DeleteMarkerCreated. Send that here, in S3's shape, so the local flow is complete.
            self._notify_delete_marker(key, response.get("VersionId"))

    def _notify_delete_marker(self, key: str, version_id: str | None) -> None:
        from datetime import UTC, datetime
        from urllib.parse import quote_plus

        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        record = {
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": self.stack.region,
            "eventTime": now,
            "eventName": "ObjectRemoved:DeleteMarkerCreated",
            "s3": {
                "s3SchemaVersion": "1.0",
                "bucket": {"name": self.stack.bucket, "arn": f"arn:aws:s3:::{self.stack.bucket}"},
                "object": {"key": quote_plus(key), "versionId": version_id},
            },
        }
        self.client("sqs").send_message(
            QueueUrl=self.stack.queue_url, MessageBody=json.dumps({"Records": [record]})
        )

    def pump(self, *, max_batches: int = 1000) -> PumpStats:
        """Deliver queued messages to the handler in batches, as the SQS event source mapping does."""
        sqs = self.client("sqs")
        stats = PumpStats()
        for _ in range(max_batches):
            messages = sqs.receive_message(
                QueueUrl=self.stack.queue_url,
                MaxNumberOfMessages=min(10, self.stack.ingest_batch_size),
                AttributeNames=["All"],
                WaitTimeSeconds=0,
            ).get("Messages", [])
            if not messages:
                break
            stats.invocations += 1
            stats.messages += len(messages)
            self.delivered.extend(m["Body"] for m in messages)
            event = {"Records": [self._sqs_record(m) for m in messages]}
            with function_environment(self.stack.ingest_environment):
                try:
                    response = self.handler(event, LocalContext()) or {}
                except Exception:
                    # A raising invocation fails its whole batch, as with the SQS event source mapping
                    # (Powertools raises when every record of a batch failed).
                    response = {"batchItemFailures": [{"itemIdentifier": m["MessageId"]} for m in messages]}
                finally:
                    _drop_disabled_metrics(self.handler)
            failed = {f["itemIdentifier"] for f in response.get("batchItemFailures", [])}
            stats.failures += len(failed)
            for message in messages:
                if message["MessageId"] in failed:
                    # Make it visible again at once instead of after the visibility timeout.
                    sqs.change_message_visibility(
                        QueueUrl=self.stack.queue_url,
                        ReceiptHandle=message["ReceiptHandle"],
                        VisibilityTimeout=0,
                    )
                else:
                    sqs.delete_message(QueueUrl=self.stack.queue_url, ReceiptHandle=message["ReceiptHandle"])
        return stats

    def redeliver(self, bodies: list[str]) -> None:
        """Send notifications again, as SQS's at-least-once delivery sometimes does."""
        for body in bodies:
            self.client("sqs").send_message(QueueUrl=self.stack.queue_url, MessageBody=body)

    def _sqs_record(self, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message.get("Attributes", {}),
            "messageAttributes": {},
            "md5OfBody": message.get("MD5OfBody", ""),
            "eventSource": "aws:sqs",
            "eventSourceARN": self.stack.queue_arn,
            "awsRegion": os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        }

    def stream_records(self) -> list[dict[str, Any]]:
        """New stream records since the last call (every shard), in the shape a Lambda consumer receives."""
        streams = self.client("dynamodbstreams")
        shards = streams.describe_stream(StreamArn=self.stack.stream_arn)["StreamDescription"]["Shards"]
        records: list[dict[str, Any]] = []
        for shard in shards:
            shard_id = shard["ShardId"]
            iterator = (
                self._iterators.get(shard_id)
                or streams.get_shard_iterator(
                    StreamArn=self.stack.stream_arn,
                    ShardId=shard_id,
                    ShardIteratorType="TRIM_HORIZON",
                )["ShardIterator"]
            )
            while iterator:
                page = streams.get_records(ShardIterator=iterator, Limit=1000)
                records.extend(page["Records"])
                next_iterator = page.get("NextShardIterator")
                if not page["Records"] or not next_iterator:
                    if next_iterator:
                        self._iterators[shard_id] = next_iterator
                    break
                iterator = next_iterator
        for record in records:
            record.setdefault("eventSourceARN", self.stack.stream_arn)
        return records

    def items(self) -> list[dict[str, Any]]:
        table = self.client("dynamodb")
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"TableName": self.stack.articles_table}
        while True:
            page = table.scan(**kwargs)
            items.extend(page["Items"])
            if "LastEvaluatedKey" not in page:
                return items
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def queue_depth(flow: LocalFlow, url: str) -> int:
    attributes = flow.client("sqs").get_queue_attributes(
        QueueUrl=url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesNotVisible"]
    )


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, default=str, ensure_ascii=False)
