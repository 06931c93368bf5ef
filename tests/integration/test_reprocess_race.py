"""A reprocess that read the object before a delete was processed must not revive the record."""

from __future__ import annotations

from typing import Any

import ingest_handler

from article_pipeline.adapters.s3_objects import S3Objects
from article_pipeline.local.flow import LocalContext, function_environment
from support import NEWS_TEXT, s3_event, s3_record, sqs_event


def test_reprocess_racing_a_delete(flow: Any, monkeypatch: Any) -> None:
    bucket = flow.stack.bucket
    s3 = flow.client("s3")
    v1 = s3.put_object(Bucket=bucket, Key="incoming/r.txt", Body=NEWS_TEXT.encode())["VersionId"]
    with function_environment(flow.stack.ingest_environment):
        ingest_handler.lambda_handler(
            sqs_event(s3_event(s3_record("incoming/r.txt", bucket=bucket, sequencer="00AA", version_id=v1))),
            LocalContext(),
        )
    real_fetch = S3Objects.fetch

    def fetch_then_delete(self: Any, *a: Any, **k: Any) -> Any:
        got = real_fetch(self, *a, **k)
        monkeypatch.setattr(S3Objects, "fetch", real_fetch)
        marker = s3.delete_object(Bucket=bucket, Key="incoming/r.txt")["VersionId"]
        ingest_handler.lambda_handler(
            sqs_event(
                s3_event(
                    s3_record(
                        "incoming/r.txt",
                        name="ObjectRemoved:DeleteMarkerCreated",
                        bucket=bucket,
                        sequencer="00AB",
                        version_id=marker,
                    )
                )
            ),
            LocalContext(),
        )
        return got

    monkeypatch.setattr(S3Objects, "fetch", fetch_then_delete)
    from article_pipeline.pipeline import process

    monkeypatch.setattr(process, "PIPELINE_VERSION", "9.9.9")
    with function_environment(flow.stack.ingest_environment):
        ingest_handler.lambda_handler(
            sqs_event(
                s3_event(
                    s3_record("incoming/r.txt", bucket=bucket, sequencer=None, name="ObjectCreated:Reprocess")
                )
            ),
            LocalContext(),
        )
    items = flow.items()
    assert items[0]["status"]["S"] == "deleted"


def test_proposed_fix(flow: Any, monkeypatch: Any) -> None:
    pass
