"""`article-pipeline status`: what the pipeline has done and what is waiting.

Counts records by status (one paginated Scan reading only a few small attributes), rejection codes, pipeline
versions, queue and dead-letter queue depth, and the most recent rejections. Works against a deployed stack
(``--stack``) or an emulator (``--endpoint-url``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from article_pipeline.devtools.common import Target, add_target_options, resolve_target, run

# Only these attributes are read; the Scan's cost is the items' full size either way, but the transfer is small.
_PROJECTION = "#st, #err, processed_at, pipeline_version, #src.#key"
_NAMES = {"#st": "status", "#err": "error", "#src": "source", "#key": "key"}


@dataclass
class Rejection:
    key: str
    code: str
    message: str
    processed_at: str


@dataclass
class Status:
    table: str
    records: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    rejection_codes: dict[str, int] = field(default_factory=dict)
    pipeline_versions: dict[str, int] = field(default_factory=dict)
    queue: dict[str, int] | None = None
    dlq: dict[str, int] | None = None
    last_errors: list[Rejection] = field(default_factory=list)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-pipeline status",
        description="Records by status, rejection codes, queue and dead-letter queue depth, last rejections.",
    )
    parser.add_argument("--last", type=int, default=5, help="how many recent rejections to show (default: 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    add_target_options(parser, names=("table", "queue_url", "dlq_url"))
    return parser


def main(argv: list[str] | None = None) -> int:
    return run(_main, argv, build_parser())


def _main(args: argparse.Namespace) -> int:
    target = resolve_target(args)
    target.require("table")
    status = collect(target, last=args.last)
    print(json.dumps(asdict(status), indent=2) if args.json else render(status))
    return 0


def collect(target: Target, *, last: int = 5) -> Status:
    assert target.table is not None
    status = Status(table=target.table)
    by_status: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    versions: Counter[str] = Counter()
    rejections: list[Rejection] = []
    for item in scan(target, _PROJECTION, _NAMES):
        state = _s(item.get("status")) or "unknown"
        by_status[state] += 1
        versions[_s(item.get("pipeline_version")) or "unknown"] += 1
        if state == "rejected":
            error = (item.get("error") or {}).get("M", {})
            code = _s(error.get("code")) or "unknown"
            codes[code] += 1
            rejections.append(
                Rejection(
                    key=_s((item.get("source") or {}).get("M", {}).get("key")) or "?",
                    code=code,
                    message=_s(error.get("message")) or "",
                    processed_at=_s(item.get("processed_at")) or "",
                )
            )
    status.records = sum(by_status.values())
    status.by_status = dict(by_status.most_common())
    status.rejection_codes = dict(codes.most_common())
    status.pipeline_versions = dict(sorted(versions.items()))
    status.last_errors = sorted(rejections, key=lambda r: r.processed_at, reverse=True)[: max(last, 0)]
    if target.queue_url:
        status.queue = queue_depth(target, target.queue_url)
    if target.dlq_url:
        status.dlq = queue_depth(target, target.dlq_url)
    return status


def scan(target: Target, projection: str, names: dict[str, str]) -> Any:
    """Every item of the table, paginated, with only the projected attributes (DynamoDB wire format)."""
    paginator = target.client("dynamodb").get_paginator("scan")
    for page in paginator.paginate(
        TableName=target.table, ProjectionExpression=projection, ExpressionAttributeNames=names
    ):
        yield from page.get("Items", [])


def queue_depth(target: Target, url: str) -> dict[str, int]:
    attributes = target.client("sqs").get_queue_attributes(
        QueueUrl=url,
        AttributeNames=[
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed",
        ],
    )["Attributes"]
    return {
        "visible": int(attributes.get("ApproximateNumberOfMessages", 0)),
        "in_flight": int(attributes.get("ApproximateNumberOfMessagesNotVisible", 0)),
        "delayed": int(attributes.get("ApproximateNumberOfMessagesDelayed", 0)),
    }


def render(status: Status) -> str:
    lines = [f"Table {status.table}: {status.records} record(s)"]
    for state in ("processed", "rejected", "deleted"):
        lines.append(f"  {state:<10} {status.by_status.get(state, 0)}")
    for state, count in status.by_status.items():
        if state not in {"processed", "rejected", "deleted"}:
            lines.append(f"  {state:<10} {count}")
    if status.rejection_codes:
        lines.append("Rejection codes: " + ", ".join(f"{c} {n}" for c, n in status.rejection_codes.items()))
    if status.pipeline_versions:
        lines.append(
            "Pipeline versions: " + ", ".join(f"{v} {n}" for v, n in status.pipeline_versions.items())
        )
    if status.queue is not None:
        q = status.queue
        lines.append(
            f"Ingest queue: {q['visible']} waiting, {q['in_flight']} in flight, {q['delayed']} delayed"
        )
    if status.dlq is not None:
        total = sum(status.dlq.values())
        hint = "  <- see docs/operations.md, 'Dead-letter queue'" if total else ""
        lines.append(f"Dead-letter queue: {total} message(s){hint}")
    if status.last_errors:
        lines.append(f"Last {len(status.last_errors)} rejection(s):")
        for r in status.last_errors:
            lines.append(f"  {r.processed_at}  {r.key}  {r.code}: {r.message}")
    return "\n".join(lines)


def _s(value: Any) -> str | None:
    """A string attribute in DynamoDB's wire format ({"S": "..."}), or None."""
    if isinstance(value, dict) and "S" in value:
        return str(value["S"])
    return None


if __name__ == "__main__":
    raise SystemExit(main())
