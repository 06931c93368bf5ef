"""Reading uploads from S3 and storing cleaned bodies: the only S3 calls the pipeline makes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class ObjectGone(Exception):  # noqa: N818 - a state of the world, not a program error
    """The object (or the version the event names) no longer exists: a later event tells what happened."""


@dataclass(frozen=True)
class FetchedObject:
    data: bytes
    size: int
    etag: str | None
    version_id: str | None
    content_type: str | None
    truncated: bool  # the object is larger than the read limit; data holds only the first bytes


_GONE_CODES = {"NoSuchKey", "NoSuchVersion", "404", "NotFound"}


class S3Objects:
    def __init__(self, client: S3Client, *, bucket: str, cleaned_prefix: str) -> None:
        self._client = client
        self._bucket = bucket
        self._cleaned_prefix = cleaned_prefix

    def fetch(self, bucket: str, key: str, *, version_id: str | None, max_bytes: int) -> FetchedObject:
        """Read at most ``max_bytes + 1`` bytes: enough to know an upload is over the limit without loading it."""
        kwargs: dict[str, Any] = {"Bucket": bucket, "Key": key, "Range": f"bytes=0-{max_bytes}"}
        if version_id:
            kwargs["VersionId"] = version_id
        try:
            response = self._client.get_object(**kwargs)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _GONE_CODES:
                raise ObjectGone(f"s3://{bucket}/{key} is gone") from exc
            if exc.response.get("Error", {}).get("Code") == "InvalidRange":  # a zero-byte object
                return FetchedObject(b"", 0, None, version_id, None, truncated=False)
            raise
        body = response["Body"].read()
        total = _total_size(response.get("ContentRange"), len(body))
        return FetchedObject(
            data=body,
            size=total,
            etag=(response.get("ETag") or "").strip('"') or None,
            version_id=response.get("VersionId"),
            content_type=response.get("ContentType"),
            truncated=total > len(body),
        )

    def cleaned_key(self, article_id: str, data: bytes) -> str:
        """``cleaned/<article_id>/<sha256 of the body>.txt``: one object per distinct body, so a late or failed
        attempt for another version of the article never overwrites the body the current record points to."""
        return f"{self._cleaned_prefix}{article_id}/{hashlib.sha256(data).hexdigest()[:32]}.txt"

    def store_cleaned(self, article_id: str, body: str) -> str:
        """Write the cleaned body where no notification fires (see template: only incoming/ notifies)."""
        data = body.encode("utf-8")
        key = self.cleaned_key(article_id, data)
        self._client.put_object(
            Bucket=self._bucket,
            Key=key,
            Body=data,
            ContentType="text/plain; charset=utf-8",
        )
        return f"s3://{self._bucket}/{key}"


def _total_size(content_range: str | None, read: int) -> int:
    # "bytes 0-1023/5000" -> 5000
    if content_range and "/" in content_range:
        total = content_range.rsplit("/", 1)[1]
        if total.isdigit():
            return int(total)
    return read
