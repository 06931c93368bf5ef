"""Regenerate events/dynamodb_stream_{insert,modify,remove}.json from the real local flow (moto, no AWS).

    .venv/bin/python scripts/capture_stream_events.py

INSERT: events/articles/kazakhstan-eu-visa-talks.txt uploaded and ingested by the real handler.
MODIFY: a newer version of the same object without its last two paragraphs (so people drop out of it).
REMOVE: the item deleted from the table (what a TTL expiry or a manual clean-up emits).
Each file is a Lambda DynamoDB-stream event with one record, eventSourceARN set, epoch-second times.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "events" / "articles" / "kazakhstan-eu-visa-talks.txt"
KEY = "incoming/kazakhstan-eu-visa-talks.txt"


def main() -> int:
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "WARNING",
        }
    )
    import moto

    sys.path.insert(0, str(REPO / "functions" / "ingest"))
    with moto.mock_aws():
        import ingest_handler

        from article_pipeline.consumer.stream_events import lambda_stream_event
        from article_pipeline.local.flow import LocalFlow
        from article_pipeline.local.stack import create_stack

        stack = create_stack(REPO / "template.yaml")
        flow = LocalFlow(stack, ingest_handler.lambda_handler)
        text = ARTICLE.read_text(encoding="utf-8")
        flow.upload(KEY, text.encode())
        flow.pump()
        insert = flow.stream_records()
        shorter = "\n".join(text.rstrip().split("\n")[:-2]) + "\n"
        flow.upload(KEY, shorter.encode())
        flow.pump()
        modify = flow.stream_records()
        article_id = insert[0]["dynamodb"]["Keys"]["article_id"]["S"]
        flow.client("dynamodb").delete_item(
            TableName=stack.articles_table, Key={"article_id": {"S": article_id}}
        )
        remove = flow.stream_records()
        for name, records, kind in (
            ("insert", insert, "INSERT"),
            ("modify", modify, "MODIFY"),
            ("remove", remove, "REMOVE"),
        ):
            if [r["eventName"] for r in records] != [kind]:
                raise SystemExit(f"expected one {kind} record, got {[r['eventName'] for r in records]}")
            event = lambda_stream_event(records, stream_arn=stack.stream_arn)
            path = REPO / "events" / f"dynamodb_stream_{name}.json"
            path.write_text(json.dumps(event, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
