"""The FingerprintsTable: finds an earlier article with the same or nearly the same body.

Exact duplicates share ``sha#<content_sha256>``. Near duplicates are found with the usual simhash banding:
the 64-bit hash is cut into 4 bands of 16 bits; two hashes within 3 bits of each other share at least one
band exactly (pigeonhole), so querying the 4 band keys finds every candidate, which is then checked by
Hamming distance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from article_pipeline.pipeline.fingerprint import NEAR_DUPLICATE_BITS, hamming

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table

    from article_pipeline.adapters.dynamodb_table import ClientTable

BANDS = 4
_BAND_HEX = 16 // BANDS


def fingerprint_keys(content_sha256: str, simhash: str) -> list[str]:
    bands = [f"sim#{i}#{simhash[i * _BAND_HEX : (i + 1) * _BAND_HEX]}" for i in range(BANDS)]
    return [f"sha#{content_sha256}", *bands]


class FingerprintIndex:
    def __init__(self, table: Table | ClientTable) -> None:
        self._table = table

    def find_original(self, article_id: str, content_sha256: str, simhash: str) -> str | None:
        """The id of the earliest other article with the same or a near-identical body, if any.

        Only articles seen before this one count: when this article is registered already (a redelivery), a
        copy that came after it must not become its original."""
        candidates: dict[str, str] = {}  # article_id -> first_seen
        own: str | None = None  # this article's first_seen, when it is registered already
        for key in fingerprint_keys(content_sha256, simhash):
            # A plain expression string: boto3.dynamodb.conditions costs ~100 ms of cold-start imports.
            response = self._table.query(
                KeyConditionExpression="fingerprint = :f", ExpressionAttributeValues={":f": key}, Limit=50
            )
            for item in response.get("Items", []):
                other = str(item["article_id"])
                if other == article_id:
                    seen = str(item.get("first_seen", ""))
                    own = seen if own is None else min(own, seen)
                    continue
                exact = key.startswith("sha#")
                if exact or hamming(str(item.get("simhash", "")) or "0", simhash) <= NEAR_DUPLICATE_BITS:
                    candidates[other] = str(item.get("first_seen", ""))
        if own is not None:
            candidates = {
                other: seen for other, seen in candidates.items() if (seen, other) < (own, article_id)
            }
        if not candidates:
            return None
        return min(candidates, key=lambda other: (candidates[other], other))

    def register(self, article_id: str, content_sha256: str, simhash: str, *, first_seen: str) -> None:
        """Idempotent: registering the same body again (a redelivery) keeps the first ``first_seen``."""
        existing = self._table.query(
            KeyConditionExpression="fingerprint = :f AND article_id = :a",
            ExpressionAttributeValues={":f": f"sha#{content_sha256}", ":a": article_id},
            Limit=1,
        ).get("Items", [])
        if existing and existing[0].get("first_seen"):
            first_seen = min(first_seen, str(existing[0]["first_seen"]))
        with self._table.batch_writer() as batch:
            for key in fingerprint_keys(content_sha256, simhash):
                batch.put_item(
                    Item={
                        "fingerprint": key,
                        "article_id": article_id,
                        "simhash": simhash,
                        "first_seen": first_seen,
                    }
                )

    def unregister(self, article_id: str, content_sha256: str, simhash: str) -> None:
        with self._table.batch_writer() as batch:
            for key in fingerprint_keys(content_sha256, simhash):
                batch.delete_item(Key={"fingerprint": key, "article_id": article_id})
