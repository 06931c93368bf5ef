"""Test support: the one loader of sample events, and factories for variants so tests say only what differs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "events"
CORPUS = REPO / "tests" / "corpus"


def load_event(name: str) -> dict[str, Any]:
    """The one way tests read sample events: events/<name>."""
    document: dict[str, Any] = json.loads((EVENTS / name).read_text())
    return document


BUCKET = "articles-bucket"


def s3_record(
    key: str,
    *,
    name: str = "ObjectCreated:Put",
    bucket: str = BUCKET,
    sequencer: str | None = "0A",
    version_id: str | None = None,
    size: int | None = 10,
    event_time: str = "2025-12-02T09:30:00.000Z",
    encode: bool = True,
) -> dict[str, Any]:
    from urllib.parse import quote_plus

    obj: dict[str, Any] = {"key": quote_plus(key, safe="") if encode else key, "eTag": "etag"}
    if size is not None:
        obj["size"] = size
    if sequencer is not None:
        obj["sequencer"] = sequencer
    if version_id is not None:
        obj["versionId"] = version_id
    return {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": "us-east-1",
        "eventTime": event_time,
        "eventName": name,
        "s3": {"bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"}, "object": obj},
    }


def s3_event(*records: dict[str, Any]) -> dict[str, Any]:
    return {"Records": list(records)}


def sqs_event(
    *bodies: dict[str, Any] | str, queue_arn: str = "arn:aws:sqs:us-east-1:123456789012:q"
) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": f"m{i}",
                "receiptHandle": f"r{i}",
                "body": b if isinstance(b, str) else json.dumps(b),
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": "us-east-1",
            }
            for i, b in enumerate(bodies)
        ]
    }


NEWS_TEXT = (
    "BERLIN — The German government approved a 12 billion euro plan on Tuesday to modernise the rail network, "
    "Transport Minister Anna Keller said.\n\n"
    "“This is the largest investment in a generation,” Keller told reporters in Berlin.\n\n"
    "The plan still needs the approval of the Bundestag, where the opposition has criticised its cost."
)
