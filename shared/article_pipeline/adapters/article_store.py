"""The ArticlesTable: one item per source object, written so that repeats and late events are harmless.

Ordering: every item carries ``ingest_order`` (the S3 sequencer, or the event time where an emulator sends
none). A write succeeds only when the item is new, strictly newer, or the same event with different facts
(a reprocessing by a new pipeline version). A repeat of the same event with the same facts writes nothing,
so the stream carries no event for it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from botocore.exceptions import ClientError

from article_pipeline.models import ArticleRecord

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table

    from article_pipeline.adapters.dynamodb_table import ClientTable

WriteResult = Literal["written", "unchanged", "stale"]

# Attributes the table adds to the record; consumers may read them but they are not part of the record.
ORDER_ATTR = "ingest_order"
FACTS_ATTR = "facts_sha256"
BODY_REF_ATTR = "body_ref"


def facts_digest(record: ArticleRecord) -> str:
    """What the record says about its object, without when it was said: equal digests mean a re-put of the
    same event would change nothing. ``duplicate_of`` is left out: it records what had been seen when the
    article first arrived, and a redelivery (after the original was deleted or more copies arrived) must not
    rewrite it."""
    facts = record.model_dump(mode="json", exclude={"processed_at", "duplicate_of"})
    return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def to_item(record: ArticleRecord, *, order: str, body_uri: str | None) -> dict[str, Any]:
    """The DynamoDB item for a record. The body lives in S3; the item keeps its URI (items cap at 400 KB)."""
    data = record.model_dump(mode="json")
    if body_uri is not None:
        data["body"] = body_uri
        data[BODY_REF_ATTR] = {"uri": body_uri, "chars": len(record.body)}
    data[ORDER_ATTR] = order
    data[FACTS_ATTR] = facts_digest(record)
    # DynamoDB's document model wants Decimal, never float.
    item: dict[str, Any] = json.loads(json.dumps(data), parse_float=Decimal)
    return item


def from_item(item: dict[str, Any]) -> ArticleRecord:
    """The record an item holds (``body`` stays the S3 URI where the item points to one)."""
    data = {k: v for k, v in item.items() if k not in {ORDER_ATTR, FACTS_ATTR, BODY_REF_ATTR}}
    return ArticleRecord.model_validate(json.loads(json.dumps(data, default=_decimal)))


def _decimal(value: object) -> float | int:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


@dataclass(frozen=True)
class StoredWrite:
    result: WriteResult
    previous: dict[str, Any] | None  # the item that was replaced, when one was


class ArticleStore:
    def __init__(self, table: Table | ClientTable) -> None:
        self._table = table

    def put(self, record: ArticleRecord, *, order: str, body_uri: str | None = None) -> StoredWrite:
        item = to_item(record, order=order, body_uri=body_uri)
        try:
            response = self._table.put_item(
                Item=item,
                ConditionExpression=("attribute_not_exists(article_id) OR #o < :o OR (#o = :o AND #f <> :f)"),
                ExpressionAttributeNames={"#o": ORDER_ATTR, "#f": FACTS_ATTR},
                ExpressionAttributeValues={":o": order, ":f": item[FACTS_ATTR]},
                ReturnValues="ALL_OLD",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise
            current: dict[str, Any] = dict(exc.response.get("Item") or {})  # type: ignore[call-overload]  # botocore types Item loosely
            current_order = _plain(current.get(ORDER_ATTR))
            result: WriteResult = "unchanged" if current_order == order else "stale"
            return StoredWrite(result, None)
        previous = response.get("Attributes")
        return StoredWrite("written", dict(previous) if previous else None)

    def get(self, article_id: str) -> dict[str, Any] | None:
        item = self._table.get_item(Key={"article_id": article_id}, ConsistentRead=True).get("Item")
        return dict(item) if item else None


def _plain(value: Any) -> Any:
    # Items from a ClientError come in DynamoDB's wire format ({"S": "..."}), from the resource as plain values.
    if isinstance(value, dict) and len(value) == 1:
        return next(iter(value.values()))
    return value
