"""Shared by the fault tests and the soak: the handler's clients, table and stream reading, S3-shaped events.

Local tooling only. ``LocalFlow`` drives the real handler; this module adds what checking it needs.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from types import ModuleType
from typing import Any
from urllib.parse import quote_plus

from article_pipeline.local.flow import LocalFlow, function_environment
from article_pipeline.reliability.faults import FaultInjector, clients_of


def handler_clients(handler_module: ModuleType, environment: dict[str, str]) -> list[Any]:
    """The boto3 clients the handler's cached ``ingestor()`` uses (created on first call, as in Lambda)."""
    with function_environment(environment):
        ingestor = handler_module.ingestor()
    return clients_of(ingestor)


def attach_to_handler(
    injector: FaultInjector, handler_module: ModuleType, environment: dict[str, str]
) -> list[Any]:
    clients = handler_clients(handler_module, environment)
    for client in clients:
        injector.attach(client)
    return clients


def plain(value: Any) -> Any:
    """A DynamoDB wire-format value -> plain Python (numbers as int/float)."""
    from boto3.dynamodb.types import TypeDeserializer

    deserialized = TypeDeserializer().deserialize(value)
    return json.loads(json.dumps(deserialized, default=_number))


def _number(value: object) -> float | int:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(type(value).__name__)


def items_by_key(flow: LocalFlow, *, attributes: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every ArticlesTable item, plain, by its source object key (only ``attributes`` when given)."""
    if attributes is None:
        raw = flow.items()
    else:
        raw = []
        names = {f"#a{n}": name for n, name in enumerate(attributes)}
        kwargs: dict[str, Any] = {
            "TableName": flow.stack.articles_table,
            "ProjectionExpression": ", ".join(names),
            "ExpressionAttributeNames": names,
        }
        while True:
            page = flow.client("dynamodb").scan(**kwargs)
            raw.extend(page["Items"])
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    items = [{name: plain(value) for name, value in item.items()} for item in raw]
    return {str(item["source"]["key"]): item for item in items}


def stream_events_by_key(records: Iterable[dict[str, Any]]) -> Counter[str]:
    """Stream records per source object key (INSERT, MODIFY and REMOVE alike)."""
    counts: Counter[str] = Counter()
    for record in records:
        image = record["dynamodb"].get("NewImage") or record["dynamodb"].get("OldImage") or {}
        source = plain(image["source"]) if "source" in image else {}
        counts[str(source.get("key", "?"))] += 1
    return counts


def read_body(flow: LocalFlow, uri: str) -> str:
    """The text of a cleaned body from its ``s3://bucket/key`` URI."""
    bucket, key = uri.removeprefix("s3://").split("/", 1)
    data: bytes = flow.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
    return data.decode("utf-8")


def s3_notification(
    *,
    bucket: str,
    key: str,
    event_name: str,
    sequencer: int,
    version_id: str | None,
    etag: str | None = None,
    size: int | None = None,
    region: str = "us-east-1",
) -> str:
    """An SQS message body as S3 sends it, with the ``sequencer`` and ``versionId`` moto leaves out."""
    obj: dict[str, Any] = {"key": quote_plus(key), "sequencer": f"{sequencer:016X}"}
    if version_id:
        obj["versionId"] = version_id
    if etag:
        obj["eTag"] = etag
    if size is not None:
        obj["size"] = size
    record = {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": region,
        "eventTime": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "eventName": event_name,
        "s3": {
            "s3SchemaVersion": "1.0",
            "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
            "object": obj,
        },
    }
    return json.dumps({"Records": [record]})


def drain(flow: LocalFlow, queue_url: str) -> list[dict[str, Any]]:
    """Take every visible message off a queue (receive + delete), oldest first."""
    sqs = flow.client("sqs")
    taken: list[dict[str, Any]] = []
    while True:
        messages = sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"], WaitTimeSeconds=0
        ).get("Messages", [])
        if not messages:
            return taken
        for message in messages:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        taken.extend(messages)


def redrive(flow: LocalFlow, *, dlq_url: str, queue_url: str) -> int:
    """Move every message from the dead-letter queue back to the ingest queue (what the console's
    "Start DLQ redrive" does). Returns how many moved."""
    moved = drain(flow, dlq_url)
    flow.redeliver([message["Body"] for message in moved])
    return len(moved)
