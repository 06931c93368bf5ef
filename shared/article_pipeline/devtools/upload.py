"""`article-pipeline upload`: put articles under incoming/, in parallel, skipping what is already there.

A file is skipped when the object at its key has the same content: its ETag equals the file's MD5 (single
part uploads, which this tool makes) or the multipart ETag computed with the usual 8 MiB parts (what
``aws s3 cp`` makes for larger files). Objects encrypted with SSE-KMS have other ETags: they are uploaded
again, which is safe (an unchanged article yields the same record and no stream event).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import mimetypes
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from article_pipeline.devtools.common import (
    DEFAULT_PREFIX,
    Progress,
    Target,
    UsageError,
    add_target_options,
    resolve_target,
    run,
)

MULTIPART_CHUNK = 8 * 1024 * 1024  # the AWS CLI's and boto3's default part size
Outcome = Literal["uploaded", "skipped", "failed"]


@dataclass(frozen=True)
class Planned:
    path: Path
    key: str


@dataclass
class Summary:
    uploaded: int = 0
    skipped: int = 0
    failed: int = 0
    bytes_sent: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, seconds: float) -> str:
        return (
            f"uploaded {self.uploaded}, skipped {self.skipped} unchanged, failed {self.failed} "
            f"({_size(self.bytes_sent)} sent in {seconds:.1f} s)"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-pipeline upload",
        description="Upload article files (or folders of them) under incoming/; unchanged files are skipped.",
    )
    parser.add_argument("paths", nargs="+", metavar="DIR|FILE", help="files, or folders walked recursively")
    parser.add_argument("--prefix", default=DEFAULT_PREFIX, help="key prefix (default: incoming/)")
    parser.add_argument("--concurrency", type=int, default=8, help="parallel uploads (default: 8)")
    parser.add_argument("--force", action="store_true", help="upload even when the object is unchanged")
    add_target_options(parser, names=("bucket",))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    return run(_main, argv, parser)


def _main(args: argparse.Namespace) -> int:
    if args.concurrency < 1:
        raise UsageError("--concurrency must be at least 1")
    target = resolve_target(args)
    target.require("bucket")
    prefix = args.prefix if not args.prefix or args.prefix.endswith("/") else args.prefix + "/"
    if not prefix.startswith(DEFAULT_PREFIX):
        print(
            f"note: only keys under {DEFAULT_PREFIX} notify the pipeline; {prefix or '(no prefix)'} will not be "
            "processed",
            file=sys.stderr,
        )
    plan = list(plan_uploads(args.paths, prefix))
    if not plan:
        raise UsageError("no files to upload")
    summary = upload(plan, target, concurrency=args.concurrency, force=args.force)
    return 1 if summary.failed else 0


def plan_uploads(paths: Iterable[str], prefix: str) -> Iterator[Planned]:
    """Files to upload and their keys: a folder's files keep their path below it; hidden files are left out."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = file.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                yield Planned(file, prefix + relative.as_posix())
        elif path.is_file():
            yield Planned(path, prefix + path.name)
        else:
            raise UsageError(f"no such file or folder: {name}")


def upload(plan: list[Planned], target: Target, *, concurrency: int = 8, force: bool = False) -> Summary:
    """Upload in a thread pool with a progress bar; print the summary line (stdout) and failures (stderr)."""
    assert target.bucket is not None
    s3 = target.client("s3")
    summary = Summary()
    progress = Progress("upload", len(plan))
    started = time.monotonic()

    def one(item: Planned) -> tuple[Outcome, int, str]:
        try:
            data = item.path.read_bytes()
        except OSError as error:
            return "failed", 0, f"{item.path}: {error.strerror}"
        md5 = hashlib.md5(data)  # noqa: S324 - S3's ETag is an MD5; not used for security
        if not force and _unchanged(s3, target.bucket or "", item.key, data, md5.hexdigest()):
            return "skipped", 0, ""
        extra = {"ContentType": content_type} if (content_type := _content_type(item.path)) else {}
        try:
            s3.put_object(
                Bucket=target.bucket,
                Key=item.key,
                Body=data,
                ContentMD5=base64.b64encode(md5.digest()).decode(),
                **extra,
            )
        except Exception as error:  # any failure of one file is reported, the others go on
            return "failed", 0, f"{item.path}: {error}"
        return "uploaded", len(data), ""

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(one, item) for item in plan]
        for future in as_completed(futures):
            outcome, sent, message = future.result()
            if outcome == "uploaded":
                summary.uploaded += 1
                summary.bytes_sent += sent
            elif outcome == "skipped":
                summary.skipped += 1
            else:
                summary.failed += 1
                summary.errors.append(message)
            progress.advance()
    progress.close()
    for message in sorted(summary.errors):
        print(f"failed: {message}", file=sys.stderr)
    print(summary.line(time.monotonic() - started) + f" -> s3://{target.bucket}/{_common_prefix(plan)}")
    return summary


def _unchanged(s3: object, bucket: str, key: str, data: bytes, md5_hex: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        head = s3.head_object(Bucket=bucket, Key=key)  # type: ignore[attr-defined]  # boto3 client is dynamic
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
            return False
        raise
    etag = str(head.get("ETag", "")).strip('"')
    if "-" in etag:
        return etag == multipart_etag(data, MULTIPART_CHUNK)
    return etag == md5_hex


def multipart_etag(data: bytes, chunk: int) -> str:
    """S3's ETag of a multipart upload: MD5 of the parts' MD5 digests, then '-' and the part count."""
    parts = [hashlib.md5(data[i : i + chunk]).digest() for i in range(0, max(len(data), 1), chunk)]  # noqa: S324 - S3's ETag
    return hashlib.md5(b"".join(parts)).hexdigest() + f"-{len(parts)}"  # noqa: S324 - S3's ETag


def _content_type(path: Path) -> str | None:
    kind, encoding = mimetypes.guess_type(path.name)
    if encoding == "gzip":
        return "application/gzip"  # the pipeline looks at the bytes; say what is stored, not what is inside
    return kind


def _common_prefix(plan: list[Planned]) -> str:
    keys = [item.key for item in plan]
    if len(keys) == 1:
        return keys[0]
    shared = keys[0]
    for key in keys[1:]:
        while not key.startswith(shared):
            shared = shared[:-1]
    return shared[: shared.rfind("/") + 1] if "/" in shared else ""


def _size(count: int) -> str:
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{count} B"


if __name__ == "__main__":
    raise SystemExit(main())
