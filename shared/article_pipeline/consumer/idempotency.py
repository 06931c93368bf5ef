"""Idempotent side effects for stream consumers.

Stream records are delivered at least once: a retried batch, a bisected batch or a replay from TRIM_HORIZON
hands the same change to a consumer again. Key every side effect (an e-mail, a webhook, a row elsewhere) by
what the change is about, not by when it arrived:

    (article_id, facts_sha256)   for "this version of the facts" (Created, Updated)
    (article_id, ingest_order)   for "this event of the object" (Deleted, where the facts are a tombstone)

``effect_key`` builds that key. ``EffectLedger`` records keys in a DynamoDB table with a conditional put
(``attribute_not_exists``), so the second attempt at the same effect is skipped; a failed effect releases its
claim so a retry can run it. Puts and deletes that write the full desired state (like the article index)
are idempotent by themselves and need no ledger.

For heavier needs (returning the first result to later callers, payload validation), Powertools'
idempotency utility does the same with more machinery (and ~0.5 s more cold start).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from article_pipeline.consumer.changes import Change, Deleted

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table

T = TypeVar("T")


def effect_key(change: Change, effect: str) -> str:
    """A stable key for one side effect of one change: the same change redelivered gives the same key."""
    if isinstance(change, Deleted):
        marker = f"deleted:{change.info.ingest_order or change.info.sequence_number}"
    else:
        marker = (
            f"facts:{change.info.facts_sha256 or change.info.ingest_order or change.info.sequence_number}"
        )
    return f"{effect}#{change.article_id}#{marker}"


class EffectLedger:
    """Keys of side effects already done, in a DynamoDB table with partition key ``pk`` (string) and TTL."""

    def __init__(self, table: Table, *, ttl_days: int = 30) -> None:
        self._table = table
        self._ttl_seconds = ttl_days * 86_400

    def claim(self, key: str) -> bool:
        """True when this caller may perform the effect; False when it was claimed before."""
        from botocore.exceptions import ClientError

        try:
            self._table.put_item(
                Item={"pk": key, "expires_at": int(time.time()) + self._ttl_seconds},
                ConditionExpression="attribute_not_exists(pk)",
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def release(self, key: str) -> None:
        self._table.delete_item(Key={"pk": key})

    def run_once(self, key: str, effect: Callable[[], T]) -> T | None:
        """Perform ``effect`` unless its key was claimed before; release the claim if it raises."""
        if not self.claim(key):
            return None
        try:
            return effect()
        except BaseException:
            self.release(key)
            raise


def ledger_table_definition(name: str) -> dict[str, Any]:
    """``create_table`` arguments for a ledger table (tests and local runs)."""
    return {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    }
