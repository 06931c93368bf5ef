"""ArticlesTable stream records -> typed changes a consumer can act on.

The stream carries NEW_AND_OLD_IMAGES. Powertools' ``DynamoDBStreamEvent`` turns the images into Python values
(numbers arrive as ``Decimal``, sets as ``set``); this module converts those to plain JSON values and validates
them as ``ArticleRecord``, so consumers never see DynamoDB types.

Kinds:

- ``Created(new)``: an article appeared (INSERT), or re-appeared after it was deleted (MODIFY from "deleted").
- ``Updated(old, new, changed_fields)``: the facts changed (a newer version of the object, or a reprocessing by
  a new pipeline version). ``changed_fields`` lists the record fields that differ, ``processed_at`` excluded.
- ``Deleted(old, new)``: the S3 object was removed (the ingest pipeline writes a MODIFY with status
  "deleted"; ``new`` is that tombstone) or the item itself was removed (REMOVE, by TTL or by hand; ``new`` is
  None). ``old`` is None only when the first record ever written for an article is already a tombstone.

A MODIFY that changes nothing but ``processed_at`` or the table's own bookkeeping is no change: ``to_change``
returns None for it (the ingest store does not write such items, but an emulator or a manual re-put may).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, get_args

from pydantic import BaseModel

from article_pipeline.models import SCHEMA_VERSION, ArticleRecord

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

# Attributes the ArticlesTable adds beside the record (see adapters/article_store.py).
ORDER_ATTR = "ingest_order"
FACTS_ATTR = "facts_sha256"
BODY_REF_ATTR = "body_ref"
_TABLE_ATTRS = frozenset({ORDER_ATTR, FACTS_ATTR, BODY_REF_ATTR})
_NOT_COMPARED = frozenset({"processed_at"})


@dataclass(frozen=True)
class StreamInfo:
    """Where a change came from: enough to log it, order it and key side effects on it."""

    event_id: str
    event_name: str  # INSERT | MODIFY | REMOVE
    sequence_number: str
    approximate_creation_time: float | None = None
    event_source_arn: str | None = None
    ingest_order: str | None = None  # of the newest image
    facts_sha256: str | None = None  # of the newest image
    body_ref: dict[str, Any] | None = None  # {uri, chars} of the newest image, where the body is in S3


@dataclass(frozen=True)
class Created:
    new: ArticleRecord
    info: StreamInfo = field(compare=False)
    old: ArticleRecord | None = None  # the tombstone, when the article re-appears after a delete

    @property
    def article_id(self) -> str:
        return self.new.article_id


@dataclass(frozen=True)
class Updated:
    old: ArticleRecord
    new: ArticleRecord
    changed_fields: list[str]
    info: StreamInfo = field(compare=False)

    @property
    def article_id(self) -> str:
        return self.new.article_id


@dataclass(frozen=True)
class Deleted:
    old: ArticleRecord | None
    new: ArticleRecord | None
    info: StreamInfo = field(compare=False)

    @property
    def article_id(self) -> str:
        record = self.new or self.old
        if record is None:  # pragma: no cover - to_change never builds one without a record
            raise ValueError("a Deleted change without any image")
        return record.article_id


Change = Created | Updated | Deleted


class StreamRecordError(ValueError):
    """A stream record this kit cannot read (wrong table, KEYS_ONLY view, malformed image)."""


def plain(value: Any) -> Any:
    """Powertools' deserialised values -> JSON values: Decimal -> int or float, sets -> sorted lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    return value


class UnsupportedSchemaVersionError(StreamRecordError):
    """A record of a newer schema_version than this kit knows: upgrade the kit (the layer) first."""


def record_from_image(image: Mapping[str, Any]) -> ArticleRecord:
    """An ArticleRecord from a deserialised item image.

    The table's own attributes are dropped, and so are fields this kit's model does not know (at any depth):
    producers add fields without a new schema_version, and a consumer on an older kit must keep working.
    A record of a newer schema_version raises UnsupportedSchemaVersionError instead of being misread.
    """
    data = {k: plain(v) for k, v in image.items() if k not in _TABLE_ATTRS}
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise UnsupportedSchemaVersionError(
            f"record schema_version {version} is newer than this kit's {SCHEMA_VERSION}: upgrade article_pipeline"
        )
    try:
        return ArticleRecord.model_validate(known_fields(ArticleRecord, data))
    except ValueError as exc:
        raise StreamRecordError(f"the image is not an ArticleRecord: {exc}") from exc


def known_fields(model: type[BaseModel], data: Any) -> Any:
    """``data`` without keys ``model`` (and the models nested in it) does not declare."""
    if not isinstance(data, dict):
        return data
    pruned: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        nested = _nested_model(info.annotation)
        value = data[name]
        if nested is not None and isinstance(value, list):
            pruned[name] = [known_fields(nested, v) for v in value]
        elif nested is not None:
            pruned[name] = known_fields(nested, value)
        else:
            pruned[name] = value
    return pruned


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


def changed_fields(old: ArticleRecord, new: ArticleRecord) -> list[str]:
    """Record fields whose values differ, in the model's field order, ``processed_at`` excluded."""
    before = old.model_dump(mode="json")
    after = new.model_dump(mode="json")
    return [
        name
        for name in ArticleRecord.model_fields
        if name not in _NOT_COMPARED and before.get(name) != after.get(name)
    ]


def _creation_time(value: Any) -> float | None:
    # Lambda sends epoch seconds (a number); boto3's dynamodbstreams client gives a datetime.
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.timestamp()
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def to_change(record: DynamoDBRecord) -> Change | None:
    """One stream record -> a change, or None when the record changes nothing a consumer can see."""
    stream = record.dynamodb
    event_name = record.get("eventName")
    if stream is None or event_name not in {"INSERT", "MODIFY", "REMOVE"}:
        raise StreamRecordError(f"not a DynamoDB stream record: eventName={event_name!r}")
    new_image = stream.new_image
    old_image = stream.old_image
    newest = new_image or old_image
    if not newest:
        raise StreamRecordError("the record has no item image: the stream view must be NEW_AND_OLD_IMAGES")
    info = StreamInfo(
        event_id=str(record.get("eventID") or ""),
        event_name=str(event_name),
        sequence_number=str(stream.get("SequenceNumber") or ""),
        approximate_creation_time=_creation_time(stream.get("ApproximateCreationDateTime")),
        event_source_arn=record.get("eventSourceARN"),
        ingest_order=_str_or_none(newest.get(ORDER_ATTR)),
        facts_sha256=_str_or_none(newest.get(FACTS_ATTR)),
        body_ref=plain(newest[BODY_REF_ATTR]) if isinstance(newest.get(BODY_REF_ATTR), Mapping) else None,
    )
    new = record_from_image(new_image) if new_image else None
    old = record_from_image(old_image) if old_image else None

    if event_name == "REMOVE":
        return Deleted(old=old, new=None, info=info)
    if new is None:
        raise StreamRecordError(f"{event_name} without a NewImage: the stream view must include new images")
    if new.status == "deleted":
        return Deleted(old=old, new=new, info=info)
    if old is None or old.status == "deleted":
        return Created(new=new, old=old, info=info)
    fields = changed_fields(old, new)
    if not fields:
        return None
    return Updated(old=old, new=new, changed_fields=fields, info=info)


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def iter_changes(event: Mapping[str, Any] | Iterable[DynamoDBRecord]) -> Iterator[Change]:
    """Every change in a Lambda DynamoDB-stream event (or an iterable of Powertools records), no-ops skipped."""
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBStreamEvent

    records = DynamoDBStreamEvent(dict(event)).records if isinstance(event, Mapping) else event
    for record in records:
        change = to_change(record)
        if change is not None:
            yield change


def changes_from_event(event: Mapping[str, Any]) -> list[Change]:
    """All changes in a Lambda DynamoDB-stream event, in stream order."""
    return list(iter_changes(event))
