"""S3 event notifications -> ObjectEvent, whichever way they arrive (plain S3 event or SQS-wrapped).

Keys arrive URL-encoded with `+` for spaces (quote_plus); they are decoded here, once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote_plus

EventKind = Literal["created", "removed"]

# eventName of the synthetic notifications `article-pipeline reprocess` sends: "process the object again".
REPROCESS_EVENT_NAME = "ObjectCreated:Reprocess"


@dataclass(frozen=True)
class ObjectEvent:
    kind: EventKind
    bucket: str
    key: str
    version_id: str | None = None
    etag: str | None = None
    sequencer: str | None = None
    size: int | None = None
    event_time: str | None = None
    event_name: str = ""

    @property
    def is_reprocess(self) -> bool:
        return self.event_name == REPROCESS_EVENT_NAME

    @property
    def order_key(self) -> str:
        """A string that sorts like the events happened, for one key.

        S3's sequencer is hex of varying length: AWS says to left-pad with zeros and compare as strings.
        Emulators that send no sequencer get the event time (millisecond resolution) instead; the two kinds
        never mix within one deployment, and the prefix keeps them from comparing wrongly if they did.
        """
        if self.sequencer:
            return "s" + self.sequencer.upper().rjust(32, "0")
        return "t" + (self.event_time or "")


def is_test_event(body: dict[str, Any]) -> bool:
    return body.get("Event") == "s3:TestEvent"


def object_events(s3_event: dict[str, Any]) -> list[ObjectEvent]:
    """The object events inside one S3 notification document (empty for s3:TestEvent)."""
    if is_test_event(s3_event):
        return []
    events = []
    for record in s3_event.get("Records", []):
        if record.get("eventSource") != "aws:s3":
            continue
        name = str(record.get("eventName", ""))
        kind: EventKind = "removed" if name.startswith("ObjectRemoved") else "created"
        s3 = record["s3"]
        obj = s3["object"]
        events.append(
            ObjectEvent(
                kind=kind,
                bucket=s3["bucket"]["name"],
                key=unquote_plus(obj["key"]),
                version_id=obj.get("versionId") or None,
                etag=obj.get("eTag") or None,
                sequencer=obj.get("sequencer") or None,
                size=obj.get("size"),
                event_time=record.get("eventTime"),
                event_name=name,
            )
        )
    return events


def object_events_from_sqs_body(body: str) -> list[ObjectEvent]:
    """Decode an SQS message body that carries an S3 notification. Raises ValueError when it does not."""
    try:
        document = json.loads(body)
    except json.JSONDecodeError as exc:
        raise ValueError(f"SQS message body is not JSON: {exc.msg}") from exc
    if not isinstance(document, dict):
        raise ValueError("SQS message body is not an S3 notification object")
    return object_events(document)
