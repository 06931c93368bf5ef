"""IndexTable adapter: the only module of the index that talks to DynamoDB. The table is injected."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from article_pipeline.consumer.changes import plain
from article_pipeline.index.entries import IndexEntry, Key, meta_key

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table

_BATCH_GET_LIMIT = 100


class IndexTable:
    def __init__(self, table: Table) -> None:
        self._table = table

    @property
    def name(self) -> str:
        return self._table.name

    def write(self, put: Sequence[IndexEntry], delete: Sequence[Key]) -> None:
        """Put and delete entries (both idempotent). Deletes go first: a key both deleted and put stays put."""
        if not put and not delete:
            return
        with self._table.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
            for pk, sk in delete:
                batch.delete_item(Key={"pk": pk, "sk": sk})
        if put:
            with self._table.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
                for entry in put:
                    batch.put_item(Item=entry.item())

    def get_meta(self, article_id: str) -> dict[str, Any] | None:
        pk, sk = meta_key(article_id)
        item = self._table.get_item(Key={"pk": pk, "sk": sk}, ConsistentRead=True).get("Item")
        return plain(item) if item else None

    def put_meta(self, article_id: str, attributes: dict[str, Any]) -> None:
        pk, sk = meta_key(article_id)
        self._table.put_item(Item={**attributes, "pk": pk, "sk": sk})

    def get_metas(self, article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Index state of several articles at once (BatchGetItem, unprocessed keys retried)."""
        ids = sorted(set(article_ids))
        found: dict[str, dict[str, Any]] = {}
        # The table's own client carries the resource's type conversion: Python values in and out.
        client = self._table.meta.client
        for start in range(0, len(ids), _BATCH_GET_LIMIT):
            keys = [
                dict(zip(("pk", "sk"), meta_key(i), strict=True))
                for i in ids[start : start + _BATCH_GET_LIMIT]
            ]
            request: dict[str, Any] = {self._table.name: {"Keys": keys}}
            for _ in range(10):
                response = client.batch_get_item(RequestItems=request)
                for item in response.get("Responses", {}).get(self._table.name, []):
                    value = plain(item)
                    found[str(value["article_id"])] = value
                request = dict(response.get("UnprocessedKeys") or {})
                if not request:
                    break
        return found

    def query(
        self,
        pk: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[dict[str, Any]]:
        """Entries of one partition, newest first; ``since``/``until`` are days (YYYY-MM-DD), inclusive."""
        from boto3.dynamodb.conditions import ConditionBase
        from boto3.dynamodb.conditions import Key as KeyCondition

        condition: ConditionBase = KeyCondition("pk").eq(pk)
        if since and until:
            condition = condition & KeyCondition("sk").between(since, until + "\uffff")
        elif since:
            condition = condition & KeyCondition("sk").gte(since)
        elif until:
            condition = condition & KeyCondition("sk").lte(until + "\uffff")
        kwargs: dict[str, Any] = {"KeyConditionExpression": condition, "ScanIndexForward": not newest_first}
        items: list[dict[str, Any]] = []
        while True:
            if limit is not None:
                kwargs["Limit"] = max(1, limit - len(items))
            page = self._table.query(**kwargs)
            items.extend(plain(i) for i in page.get("Items", []))
            if "LastEvaluatedKey" not in page or (limit is not None and len(items) >= limit):
                return items[:limit] if limit is not None else items
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def table_definition(name: str) -> dict[str, Any]:
    """``create_table`` arguments matching docs/consuming-template-snippet.yaml (tests, local runs)."""
    return {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
    }
