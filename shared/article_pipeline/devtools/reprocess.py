"""`article-pipeline reprocess`: run objects already in the bucket through the pipeline again.

It sends the ingest queue one synthetic S3 notification per object, the same shape S3 sends, with
``eventName`` ``ObjectCreated:Reprocess`` (``article_pipeline.events.REPROCESS_EVENT_NAME``), ``eventTime``
now, and no ``sequencer``, ``versionId`` or ``eTag``. The function then reads the object's *current* version
and writes the record only where its facts changed (a new pipeline version), keeping the record's ordering
key, so a reprocess never wins over a real S3 event and never revives a deleted or replaced version
(see ``Ingestor._order``). The rest of the flow is the normal one: batches, retries, the dead-letter queue.

Which objects: every key under ``incoming/`` (ListObjectsV2), or the rows of an S3 Inventory / Batch
Operations CSV manifest (``bucket,key[,version_id,...]``, keys URL-encoded, optionally gzip, local or s3://);
optionally only those modified since a date, and only those whose record's ``pipeline_version`` is below a
version (objects without a record are always included).

A checkpoint file records the last key sent after every batch: stop at any time (Ctrl-C, ``--limit``) and
continue with ``--resume``. Sending an object twice is harmless.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, unquote_plus

from article_pipeline.devtools.common import (
    DEFAULT_PREFIX,
    Progress,
    Target,
    UsageError,
    add_target_options,
    resolve_target,
    run,
)
from article_pipeline.events import REPROCESS_EVENT_NAME

BATCH = 10  # SendMessageBatch's limit
SEND_ATTEMPTS = 5


@dataclass(frozen=True)
class Candidate:
    key: str
    size: int | None = None


@dataclass
class Checkpoint:
    """What was sent so far, and what it was sent for: a resume must mean the same run."""

    bucket: str
    queue_url: str
    source: str
    filters: dict[str, str | None]
    last_key: str | None = None
    sent: int = 0
    complete: bool = False
    updated_at: str = ""

    def save(self, path: Path) -> None:
        self.updated_at = _now()
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        temporary.replace(path)  # atomic: a stop while writing never leaves half a checkpoint

    @classmethod
    def load(cls, path: Path) -> Checkpoint:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


@dataclass
class Report:
    listed: int = 0
    outside_prefix: int = 0
    older_than_since: int = 0
    missing: int = 0
    current_version: int = 0
    to_send: int = 0
    sent: int = 0
    skipped_by_resume: int = 0
    failed: list[str] = field(default_factory=list)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-pipeline reprocess",
        description="Send objects already in the bucket through the pipeline again (e.g. after a pipeline upgrade).",
    )
    parser.add_argument(
        "--since", type=_parse_since, help="only objects modified at or after DATE (ISO 8601, UTC)"
    )
    parser.add_argument(
        "--pipeline-version-below",
        metavar="V",
        help="only objects whose record's pipeline_version is below V (objects without a record are included)",
    )
    parser.add_argument(
        "--manifest",
        metavar="CSV",
        help="S3 Inventory or Batch Operations CSV (bucket,key[,version_id...]; file or s3://; .gz ok) "
        "instead of listing the bucket",
    )
    parser.add_argument(
        "--prefix", default=DEFAULT_PREFIX, help="only keys under this prefix (default: incoming/)"
    )
    parser.add_argument(
        "--checkpoint",
        type=Path,
        help="checkpoint file (default: .reprocess-<bucket>.json in the current folder)",
    )
    parser.add_argument("--resume", action="store_true", help="continue after the checkpoint's last key")
    parser.add_argument("--limit", type=int, help="stop after sending this many (resume later with --resume)")
    parser.add_argument("--dry-run", action="store_true", help="count what would be sent; send nothing")
    add_target_options(parser, names=("bucket", "queue_url", "table"))
    return parser


def main(argv: list[str] | None = None) -> int:
    return run(_main, argv, build_parser())


def _main(args: argparse.Namespace) -> int:
    target = resolve_target(args)
    target.require("bucket", "queue_url")
    if args.pipeline_version_below:
        target.require("table")
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    assert target.bucket is not None and target.queue_url is not None
    checkpoint_path = args.checkpoint or Path(f".reprocess-{target.bucket}.json")
    source = f"manifest:{args.manifest}" if args.manifest else f"listing:{args.prefix}"
    filters = {
        "since": args.since.isoformat() if args.since else None,
        "pipeline_version_below": args.pipeline_version_below,
    }
    checkpoint = Checkpoint(bucket=target.bucket, queue_url=target.queue_url, source=source, filters=filters)
    if args.resume:
        if not checkpoint_path.is_file():
            raise UsageError(f"--resume: no checkpoint at {checkpoint_path}")
        saved = Checkpoint.load(checkpoint_path)
        if (saved.bucket, saved.queue_url, saved.source, saved.filters) != (
            checkpoint.bucket,
            checkpoint.queue_url,
            checkpoint.source,
            checkpoint.filters,
        ):
            raise UsageError(
                f"--resume: {checkpoint_path} belongs to another run "
                f"({saved.source} {saved.filters}); give the same options or start without --resume"
            )
        if saved.complete:
            print(f"Nothing to resume: {checkpoint_path} says the run finished ({saved.sent} sent).")
            return 0
        checkpoint = saved
    elif checkpoint_path.is_file() and not args.dry_run:
        print(
            f"note: starting over; {checkpoint_path} is replaced (use --resume to continue it)",
            file=sys.stderr,
        )

    report = Report()
    candidates = select(target, args, report, after=checkpoint.last_key if args.resume else None)
    report.to_send = len(candidates)
    if args.dry_run:
        print(_describe(report, target, dry_run=True))
        return 0
    send(target, candidates, checkpoint, checkpoint_path, report, limit=args.limit)
    print(_describe(report, target, dry_run=False))
    if report.failed:
        return 1
    if not checkpoint.complete:
        print(
            f"Stopped after {report.sent}; continue with the same options and --resume ({checkpoint_path})."
        )
    return 0


# ---------------------------------------------------------------------------------------------- selection


def select(target: Target, args: argparse.Namespace, report: Report, *, after: str | None) -> list[Candidate]:
    """The objects to send, in a stable order (key order for a listing, file order for a manifest)."""
    assert target.bucket is not None
    if args.manifest:
        listed = _from_manifest(target, args.manifest, args.prefix, args.since, report)
        if after is not None:
            keys = [c.key for c in listed]
            if after not in keys:
                raise UsageError(f"--resume: the checkpoint's last key {after!r} is not in the manifest")
            report.skipped_by_resume = keys.index(after) + 1
            listed = listed[report.skipped_by_resume :]
    else:
        listed = list(_from_listing(target, args.prefix, args.since, report, after=after))
    if not args.pipeline_version_below:
        return listed
    versions = recorded_versions(target)
    below = _version_key(args.pipeline_version_below)
    selected = []
    for candidate in listed:
        version = versions.get(candidate.key)
        if version is not None and _version_key(version) >= below:
            report.current_version += 1
            continue
        selected.append(candidate)
    return selected


def _from_listing(
    target: Target, prefix: str, since: datetime | None, report: Report, *, after: str | None
) -> Iterator[Candidate]:
    paginator = target.client("s3").get_paginator("list_objects_v2")
    kwargs: dict[str, Any] = {"Bucket": target.bucket, "Prefix": prefix}
    if after:
        kwargs["StartAfter"] = after
    for page in paginator.paginate(**kwargs):
        for obj in page.get("Contents", []):
            report.listed += 1
            if since and obj["LastModified"] < since:
                report.older_than_since += 1
                continue
            yield Candidate(obj["Key"], int(obj.get("Size", 0)))


def _from_manifest(
    target: Target, manifest: str, prefix: str, since: datetime | None, report: Report
) -> list[Candidate]:
    """Rows bucket,key[,version,...]: one candidate per key of this bucket, first occurrence first.

    Version ids are ignored on purpose: a reprocess always reads the object's current version, because an
    old version's facts must never replace the record of the current one.
    """
    from botocore.exceptions import ClientError

    seen: set[str] = set()
    candidates: list[Candidate] = []
    s3 = target.client("s3")
    for row in csv.reader(io.StringIO(_read_manifest(target, manifest))):
        if len(row) < 2 or not row[1]:
            continue
        bucket, key = row[0], unquote_plus(row[1])
        if bucket != target.bucket or key in seen:
            continue
        seen.add(key)
        report.listed += 1
        if not key.startswith(prefix):
            report.outside_prefix += 1
            continue
        if since:
            try:
                head = s3.head_object(Bucket=target.bucket, Key=key)
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                    report.missing += 1
                    continue
                raise
            if head["LastModified"] < since:
                report.older_than_since += 1
                continue
        candidates.append(Candidate(key))
    return candidates


def _read_manifest(target: Target, manifest: str) -> str:
    if manifest.startswith("s3://"):
        bucket, _, key = manifest.removeprefix("s3://").partition("/")
        data: bytes = target.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
    else:
        try:
            data = Path(manifest).read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read manifest {manifest}: {error.strerror}") from error
    if data[:2] == b"\x1f\x8b":  # S3 Inventory writes gzip CSV
        data = gzip.decompress(data)
    return data.decode("utf-8-sig")


def recorded_versions(target: Target) -> dict[str, str]:
    """source.key -> pipeline_version for this bucket's records (one Scan of three small attributes)."""
    from article_pipeline.devtools.status import scan

    versions: dict[str, str] = {}
    names = {"#src": "source", "#b": "bucket", "#k": "key", "#v": "pipeline_version"}
    for item in scan(target, "#src.#b, #src.#k, #v", names):
        source = (item.get("source") or {}).get("M", {})
        bucket = source.get("bucket", {}).get("S")
        key = source.get("key", {}).get("S")
        version = (item.get("pipeline_version") or {}).get("S")
        if bucket == target.bucket and key and version:
            versions[key] = version
    return versions


def _version_key(version: str) -> tuple[tuple[int, ...], int, str]:
    """Orders "0.9" < "0.10" < "1.0rc1" < "1.0" == "1.0.0" without a dependency."""
    match = re.match(r"v?(\d+(?:\.\d+)*)(.*)", version.strip())
    if not match:
        return ((), 0, version)
    release = [int(part) for part in match.group(1).split(".")]
    while len(release) > 1 and release[-1] == 0:
        release.pop()
    rest = match.group(2).lstrip(".-+")
    return (tuple(release), 0 if rest else 1, rest)


# ---------------------------------------------------------------------------------------------- sending


def notification(bucket: str, key: str, *, region: str, size: int | None = None) -> dict[str, Any]:
    """An S3 ObjectCreated notification as S3 writes it, naming no version, ETag or sequencer."""
    obj: dict[str, Any] = {"key": quote_plus(key, safe="/")}
    if size is not None:
        obj["size"] = size
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": region,
                "eventTime": _now(),
                "eventName": REPROCESS_EVENT_NAME,
                "userIdentity": {"principalId": "article-pipeline-reprocess"},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "article-pipeline-reprocess",
                    "bucket": {
                        "name": bucket,
                        "ownerIdentity": {"principalId": "article-pipeline-reprocess"},
                        "arn": f"arn:aws:s3:::{bucket}",
                    },
                    "object": obj,
                },
            }
        ]
    }


def send(
    target: Target,
    candidates: list[Candidate],
    checkpoint: Checkpoint,
    checkpoint_path: Path,
    report: Report,
    *,
    limit: int | None = None,
) -> None:
    """Send in batches of 10; after each batch the checkpoint names its last key. Ctrl-C stops cleanly."""
    assert target.bucket is not None
    sqs = target.client("sqs")
    region = str(sqs.meta.region_name)
    todo = candidates[:limit] if limit is not None else candidates
    progress = Progress("reprocess", len(todo))
    checkpoint.save(checkpoint_path)
    try:
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            entries = {
                str(i): json.dumps(notification(target.bucket, c.key, region=region, size=c.size))
                for i, c in enumerate(batch)
            }
            failed = _send_batch(sqs, target.queue_url or "", entries)
            if failed:
                report.failed.extend(f"{batch[int(i)].key}: {message}" for i, message in failed.items())
                first_failed = min(int(i) for i in failed)
                if first_failed:
                    checkpoint.last_key = batch[first_failed - 1].key
                checkpoint.sent += len(batch) - len(failed)
                report.sent += len(batch) - len(failed)
                checkpoint.save(checkpoint_path)
                break
            checkpoint.last_key = batch[-1].key
            checkpoint.sent += len(batch)
            report.sent += len(batch)
            checkpoint.save(checkpoint_path)
            progress.advance(len(batch))
        else:
            checkpoint.complete = len(todo) == len(candidates)
            checkpoint.save(checkpoint_path)
    except KeyboardInterrupt:
        progress.close()
        print(
            f"\nInterrupted after {report.sent} sent; continue with the same options and --resume "
            f"({checkpoint_path}).",
            file=sys.stderr,
        )
        raise SystemExit(130) from None
    progress.close()


def _send_batch(sqs: Any, queue_url: str, entries: dict[str, str]) -> dict[str, str]:
    """Send, retrying entries SQS reports as failed; returns those that still fail (id -> reason)."""
    pending = dict(entries)
    reasons: dict[str, str] = {}
    for attempt in range(SEND_ATTEMPTS):
        response = sqs.send_message_batch(
            QueueUrl=queue_url, Entries=[{"Id": i, "MessageBody": body} for i, body in pending.items()]
        )
        failed = response.get("Failed", [])
        reasons = {f["Id"]: f"{f.get('Code')}: {f.get('Message', '')}" for f in failed}
        pending = {i: pending[i] for i in reasons}
        if not pending or any(f.get("SenderFault") for f in failed):
            break
        time.sleep(0.2 * 2**attempt)
    return reasons


def _describe(report: Report, target: Target, *, dry_run: bool) -> str:
    skipped = []
    if report.older_than_since:
        skipped.append(f"{report.older_than_since} older than --since")
    if report.current_version:
        skipped.append(f"{report.current_version} already at --pipeline-version-below or newer")
    if report.outside_prefix:
        skipped.append(f"{report.outside_prefix} outside the prefix")
    if report.missing:
        skipped.append(f"{report.missing} no longer in the bucket")
    if report.skipped_by_resume:
        skipped.append(f"{report.skipped_by_resume} sent before (resume)")
    detail = f"; left out: {', '.join(skipped)}" if skipped else ""
    if dry_run:
        return (
            f"Would send {report.to_send} reprocess request(s) of {report.listed} object(s) listed{detail}."
        )
    failed = f"; FAILED {len(report.failed)}: " + "; ".join(report.failed[:5]) if report.failed else ""
    return (
        f"Sent {report.sent} reprocess request(s) to {target.queue_url} "
        f"({report.listed} object(s) listed{detail}){failed}"
    )


def _parse_since(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date or time: {text!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


if __name__ == "__main__":
    raise SystemExit(main())
