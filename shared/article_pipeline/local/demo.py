"""`article-pipeline demo`: the whole event flow on moto, no account, no Docker."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from article_pipeline.local.repo import load_ingest_handler, repo_root

# The emulator needs credentials of some kind, and botocore >= 1.44.4 needs this for moto's streams.
EMULATOR_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
}
# Keep the demo's output readable: warnings only, no EMF metric blobs.
QUIET_FUNCTION = {"POWERTOOLS_LOG_LEVEL": "WARNING", "POWERTOOLS_METRICS_DISABLED": "true"}


def run_demo(articles_dir: Path | None = None, *, show_record: bool = True) -> int:
    root = repo_root()
    folder = articles_dir or root / "events" / "articles"
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        print(f"No articles in {folder}.")
        return 1
    for name, value in EMULATOR_ENVIRONMENT.items():
        os.environ.setdefault(name, value)

    from moto import mock_aws

    from article_pipeline.adapters.article_store import from_item
    from article_pipeline.local.flow import LocalFlow, function_environment
    from article_pipeline.local.stack import create_stack

    with mock_aws():
        stack = create_stack(root / "template.yaml")
        environment = {**stack.ingest_environment, **QUIET_FUNCTION}
        with function_environment(environment):
            handler = load_ingest_handler(root)
        handler.ingestor.cache_clear()  # type: ignore[attr-defined]  # module loaded at run time
        quiet_stack = stack.__class__(**{**stack.__dict__, "ingest_environment": environment})
        flow = LocalFlow(quiet_stack, handler.lambda_handler)  # type: ignore[attr-defined]

        print(
            f"Stack from template.yaml: bucket {stack.bucket}, queue {stack.queue_url.rsplit('/', 1)[-1]}, "
            f"table {stack.articles_table}"
        )
        for path in files:
            flow.upload(
                f"{stack.ingest_environment.get('INCOMING_PREFIX', 'incoming/')}{path.name}",
                path.read_bytes(),
            )
        print(f"Uploaded {len(files)} article(s) to s3://{stack.bucket}/incoming/")
        stats = flow.pump()
        print(
            f"SQS -> IngestFunction: {stats.messages} message(s) in {stats.invocations} batch(es), "
            f"{stats.failures} failed"
        )
        stream = flow.stream_records()
        kinds: dict[str, int] = {}
        for record in stream:
            kinds[record["eventName"]] = kinds.get(record["eventName"], 0) + 1
        print("DynamoDB stream: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))

        # The project's own stream consumer: the article index, in the template's IndexTable.
        from article_pipeline.consumer import lambda_stream_event
        from article_pipeline.index.local import apply_stream_event, create_index_table, story_summary
        from article_pipeline.index.query import by_entity, format_rows

        index = create_index_table(stack.physical_ids.get("IndexTable", "article-pipeline-local-IndexTable"))
        apply_stream_event(index, lambda_stream_event(stream, stream_arn=stack.stream_arn))
        indexed_ids = sorted({str(r["dynamodb"]["Keys"]["article_id"]["S"]) for r in stream})

        # SQS delivers at least once: the same notifications again must write nothing and emit nothing.
        flow.redeliver(list(flow.delivered))
        again = flow.pump()
        print(
            f"Redelivered all {again.messages} notification(s): {len(flow.stream_records())} new stream event(s)"
        )

        records = [from_item(_plain(item)) for item in flow.items()]
        print()
        print(_table(records))
        print("\nIndex query: articles mentioning Kaja Kallas")
        print(format_rows(by_entity(index, "Kaja Kallas")))
        print("\nSame-story groups among the uploaded articles:")
        print(story_summary(index, indexed_ids))
        processed = [r for r in records if r.status == "processed"]
        if show_record and processed:
            shown = max(processed, key=lambda r: len(r.people))
            data = shown.model_dump(mode="json")
            body_key = str(data["body"]).split("/", 3)[-1]
            body = flow.client("s3").get_object(Bucket=stack.bucket, Key=body_key)["Body"].read().decode()
            data["body"] = body[:300] + ("…" if len(body) > 300 else "")
            print()
            print(f"One full record ({shown.source.key}; body shortened here, stored at {shown.body}):")
            print(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    from boto3.dynamodb.types import TypeDeserializer

    deserializer = TypeDeserializer()
    return {key: deserializer.deserialize(value) for key, value in item.items()}


def _table(records: list[Any]) -> str:
    rows = [("key", "status", "lang", "dateline", "published", "topics", "people", "orgs", "money", "dup")]
    for r in sorted(records, key=lambda r: r.source.key):
        rows.append(
            (
                r.source.key.removeprefix("incoming/")[:34],
                r.status if not r.error else f"{r.status}:{r.error.code}",
                r.language or "-",
                r.dateline or "-",
                r.published_date or "-",
                ",".join(t.code.removeprefix("medtop:") for t in r.topics[:2]) or "-",
                str(len(r.people)),
                str(len(r.organizations)),
                str(len(r.money)),
                "yes" if r.duplicate_of else "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
