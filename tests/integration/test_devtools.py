"""`article-pipeline upload | reprocess | status` against the stack created from template.yaml on moto."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from article_pipeline.devtools import reprocess, status, upload
from article_pipeline.devtools.local_aws import register_outputs
from article_pipeline.local.flow import queue_depth
from support import NEWS_TEXT


def _articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"story-{i:02d}.txt"
        path.write_text(NEWS_TEXT.replace("12 billion", f"{i + 1} billion"), encoding="utf-8")
        paths.append(path)
    return paths


def _plain_items(flow: Any) -> dict[str, dict[str, Any]]:
    from boto3.dynamodb.types import TypeDeserializer

    deserialize = TypeDeserializer().deserialize
    items = [{k: deserialize(v) for k, v in item.items()} for item in flow.items()]
    return {item["source"]["key"]: item for item in items}


def _queued_keys(flow: Any) -> list[str]:
    """Receive (and delete) every queued message; the object keys their notifications name."""
    sqs = flow.client("sqs")
    keys = []
    while messages := sqs.receive_message(QueueUrl=flow.stack.queue_url, MaxNumberOfMessages=10).get(
        "Messages"
    ):
        for message in messages:
            body = json.loads(message["Body"])
            keys += [r["s3"]["object"]["key"] for r in body.get("Records", [])]
            sqs.delete_message(QueueUrl=flow.stack.queue_url, ReceiptHandle=message["ReceiptHandle"])
    return keys


# ---------------------------------------------------------------------------------------------- upload


def test_upload_shows_progress_and_summary_then_skips_unchanged_files(
    flow: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a folder of three articles and the stack's bucket
    paths = _articles(tmp_path / "batch", 3)
    argv = [str(tmp_path / "batch"), "--bucket", flow.stack.bucket, "--concurrency", "4"]
    # WHEN it is uploaded
    assert upload.main(argv) == 0
    first = capsys.readouterr()
    # THEN each file is under incoming/, the bar reached 3/3 and the summary says so
    keys = {o["Key"] for o in flow.client("s3").list_objects_v2(Bucket=flow.stack.bucket)["Contents"]}
    assert keys == {f"incoming/{p.name}" for p in paths}
    assert "upload [" in first.err
    assert "3/3 100%" in first.err
    assert "uploaded 3, skipped 0 unchanged, failed 0" in first.out
    # WHEN it is uploaded again with one file changed
    paths[1].write_text(NEWS_TEXT + "\n\nCorrection: the plan is for 2026.", encoding="utf-8")
    assert upload.main(argv) == 0
    # THEN only the changed file is sent
    assert "uploaded 1, skipped 2 unchanged, failed 0" in capsys.readouterr().out


def test_upload_of_an_unreadable_path_fails_with_a_usage_error(
    flow: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a path that does not exist
    # WHEN it is uploaded
    code = upload.main([str(tmp_path / "missing"), "--bucket", flow.stack.bucket])
    # THEN the tool says so and exits 2 without uploading anything
    assert code == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_multipart_etag_matches_the_s3_formula() -> None:
    # GIVEN 10 bytes cut in parts of 4 (three parts)
    import hashlib

    data = b"0123456789"
    expected = hashlib.md5(b"".join(hashlib.md5(data[i : i + 4]).digest() for i in (0, 4, 8))).hexdigest()
    # WHEN the multipart ETag is computed
    # THEN it is the MD5 of the part digests with the part count
    assert upload.multipart_etag(data, 4) == expected + "-3"


# ---------------------------------------------------------------------------------------------- reprocess


def _target(flow: Any, checkpoint: Path) -> list[str]:
    return [
        "--bucket",
        flow.stack.bucket,
        "--queue-url",
        flow.stack.queue_url,
        "--table",
        flow.stack.articles_table,
        "--checkpoint",
        str(checkpoint),
    ]


def test_reprocess_after_a_pipeline_upgrade_rewrites_only_old_records(
    flow: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN three articles processed by pipeline version 0.9.0
    from article_pipeline.pipeline import process

    monkeypatch.setattr(process, "PIPELINE_VERSION", "0.9.0")
    for path in _articles(tmp_path, 3):
        flow.upload(f"incoming/{path.name}", path.read_bytes())
    flow.pump()
    flow.stream_records()
    argv = [*_target(flow, tmp_path / "cp.json"), "--pipeline-version-below", "0.10.0"]
    # WHEN nothing changed and every object is reprocessed
    assert reprocess.main(_target(flow, tmp_path / "cp0.json")) == 0
    stats = flow.pump()
    # THEN three requests were handled and nothing was written (no stream event)
    assert stats.messages == 3 and stats.failures == 0
    assert flow.stream_records() == []
    # WHEN the pipeline is upgraded to 0.10.0 (newer than 0.9.0, though not as strings) and old records are
    # reprocessed
    monkeypatch.setattr(process, "PIPELINE_VERSION", "0.10.0")
    capsys.readouterr()
    assert reprocess.main(argv) == 0
    out = capsys.readouterr()
    stats = flow.pump()
    # THEN each record is rewritten once, with the new version, and the stream carries the changes
    assert "Sent 3 reprocess request(s)" in out.out
    assert "reprocess [" in out.err
    assert stats.messages == 3 and stats.failures == 0
    assert sorted(r["eventName"] for r in flow.stream_records()) == ["MODIFY"] * 3
    assert {item["pipeline_version"] for item in _plain_items(flow).values()} == {"0.10.0"}
    # WHEN it is run again with the same filter
    assert reprocess.main([*_target(flow, tmp_path / "cp2.json"), "--pipeline-version-below", "0.10.0"]) == 0
    # THEN every record is already at that version and nothing is sent
    assert "Sent 0 reprocess request(s)" in capsys.readouterr().out
    assert queue_depth(flow, flow.stack.queue_url) == 0


def test_reprocess_since_a_date_leaves_older_objects_out(
    flow: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN two objects uploaded now
    for path in _articles(tmp_path, 2):
        flow.upload(f"incoming/{path.name}", path.read_bytes())
    flow.pump()
    # WHEN objects modified since tomorrow are reprocessed
    assert reprocess.main([*_target(flow, tmp_path / "cp.json"), "--since", "2999-01-01"]) == 0
    # THEN none is sent, and the report says why
    out = capsys.readouterr().out
    assert "Sent 0 reprocess request(s)" in out
    assert "2 older than --since" in out
    assert queue_depth(flow, flow.stack.queue_url) == 0


def test_reprocess_stopped_midway_resumes_after_the_last_key_sent(
    flow: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN 23 objects (three batches of at most 10), not yet processed
    s3 = flow.client("s3")
    for path in _articles(tmp_path / "a", 23):
        s3.put_object(Bucket=flow.stack.bucket, Key=f"incoming/{path.name}", Body=path.read_bytes())
    _queued_keys(flow)  # the emulator's own notifications are not what this test is about
    checkpoint = tmp_path / "cp.json"
    real_send = reprocess._send_batch
    calls = {"n": 0}

    def interrupted_on_second_batch(*args: Any) -> dict[str, str]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real_send(*args)

    monkeypatch.setattr(reprocess, "_send_batch", interrupted_on_second_batch)
    # WHEN the operator presses Ctrl-C during the second batch
    with pytest.raises(SystemExit) as stopped:
        reprocess.main(_target(flow, checkpoint))
    # THEN the first batch is sent and the checkpoint names its last key
    assert stopped.value.code == 130
    assert "--resume" in capsys.readouterr().err
    saved = json.loads(checkpoint.read_text())
    assert saved["sent"] == 10 and saved["last_key"] == "incoming/story-09.txt" and not saved["complete"]
    # WHEN the run is resumed (the first time with a limit, as a second stop)
    monkeypatch.setattr(reprocess, "_send_batch", real_send)
    assert reprocess.main([*_target(flow, checkpoint), "--resume", "--limit", "5"]) == 0
    assert "continue with the same options and --resume" in capsys.readouterr().out
    assert reprocess.main([*_target(flow, checkpoint), "--resume"]) == 0
    # THEN every object was requested exactly once, in key order, and the checkpoint says done
    keys = _queued_keys(flow)
    assert sorted(keys) == [f"incoming/story-{i:02d}.txt" for i in range(23)]
    assert len(set(keys)) == 23
    assert json.loads(checkpoint.read_text())["complete"] is True
    # WHEN it is resumed once more
    assert reprocess.main([*_target(flow, checkpoint), "--resume"]) == 0
    # THEN nothing more is sent
    assert "Nothing to resume" in capsys.readouterr().out
    assert _queued_keys(flow) == []


def test_resume_with_other_options_is_refused(
    flow: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a finished run's checkpoint
    flow.upload("incoming/one.txt", NEWS_TEXT.encode())
    checkpoint = tmp_path / "cp.json"
    assert reprocess.main(_target(flow, checkpoint)) == 0
    # WHEN a run with another filter asks to resume it
    code = reprocess.main([*_target(flow, checkpoint), "--resume", "--since", "2020-01-01"])
    # THEN it is refused: the checkpoint's keys mean something else
    assert code == 2
    assert "belongs to another run" in capsys.readouterr().err


def test_reprocess_from_a_manifest_sends_current_objects_once_each(
    flow: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN two processed objects and an S3 Inventory-style gzip CSV naming them (URL-encoded, two versions
    # of one of them, one key outside incoming/ and one of another bucket)
    import gzip

    bucket = flow.stack.bucket
    flow.upload("incoming/a story.txt", NEWS_TEXT.encode())
    flow.upload("incoming/b.txt", NEWS_TEXT.replace("12", "14").encode())
    flow.pump()
    rows = [
        f'"{bucket}","incoming/a+story.txt","v1"',
        f'"{bucket}","incoming/a+story.txt","v2"',
        f'"{bucket}","incoming/b.txt","v9"',
        f'"{bucket}","cleaned/x.txt","v3"',
        '"another-bucket","incoming/c.txt","v4"',
    ]
    manifest = tmp_path / "inventory.csv.gz"
    manifest.write_bytes(gzip.compress("\n".join(rows).encode()))
    # WHEN they are reprocessed from the manifest
    assert reprocess.main([*_target(flow, tmp_path / "cp.json"), "--manifest", str(manifest)]) == 0
    # THEN one request per object of this bucket under incoming/ is sent, naming no version
    assert "1 outside the prefix" in capsys.readouterr().out
    sqs = flow.client("sqs")
    messages = sqs.receive_message(QueueUrl=flow.stack.queue_url, MaxNumberOfMessages=10)["Messages"]
    objects = [json.loads(m["Body"])["Records"][0]["s3"]["object"] for m in messages]
    assert sorted(o["key"] for o in objects) == ["incoming/a+story.txt", "incoming/b.txt"]
    assert all("versionId" not in o and "sequencer" not in o for o in objects)
    records = [json.loads(m["Body"])["Records"][0] for m in messages]
    assert {r["eventName"] for r in records} == {"ObjectCreated:Reprocess"}


# ---------------------------------------------------------------------------------------------- status


def test_status_counts_records_by_status_and_code_and_shows_the_dlq_depth(
    flow: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN two processed articles, one empty upload (rejected), one deleted article, one message in the DLQ
    flow.upload("incoming/a.txt", NEWS_TEXT.encode())
    flow.upload("incoming/b.txt", NEWS_TEXT.replace("12", "13").encode())
    flow.upload("incoming/empty.txt", b"   \n")
    flow.upload("incoming/gone.txt", NEWS_TEXT.replace("12", "14").encode())
    flow.pump()
    flow.delete("incoming/gone.txt")
    flow.pump()
    flow.client("sqs").send_message(QueueUrl=flow.stack.dlq_url, MessageBody="{}")
    register_outputs(flow.client("cloudformation"), flow.stack)
    # WHEN the status of the stack is asked for by name (outputs read from CloudFormation)
    assert status.main(["--stack", flow.stack.stack_name]) == 0
    out = capsys.readouterr().out
    # THEN the counts, the rejection code, the queues and the last rejection are shown
    assert "4 record(s)" in out
    assert "processed  2" in out and "rejected   1" in out and "deleted    1" in out
    assert "Rejection codes: empty 1" in out
    assert "Ingest queue: 0 waiting" in out
    assert "Dead-letter queue: 1 message(s)" in out
    assert "incoming/empty.txt  empty:" in out
    # WHEN the same is asked for as JSON with explicit names
    argv = ["--table", flow.stack.articles_table, "--dlq-url", flow.stack.dlq_url, "--json"]
    assert status.main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    # THEN the numbers are the same
    assert report["by_status"] == {"processed": 2, "rejected": 1, "deleted": 1}
    assert report["dlq"]["visible"] == 1
    assert report["queue"] is None


def test_status_without_a_table_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    # GIVEN no stack and no table name
    # WHEN status runs
    code = status.main([])
    # THEN it says which option is missing
    assert code == 2
    assert "--table" in capsys.readouterr().err


@pytest.mark.parametrize(
    "key", ["incoming/a story+1.txt", "incoming/日本/記事 %20.txt", "incoming/x/y.html.gz"]
)
def test_reprocess_notification_decodes_to_the_same_key_as_a_reprocess_request(key: str) -> None:
    # GIVEN a key with spaces, plus signs, percent signs or non-ASCII letters
    from article_pipeline.events import object_events

    # WHEN the reprocess notification for it is read the way the handler reads S3 notifications
    (event,) = object_events(reprocess.notification("b", key, region="us-east-1", size=3))
    # THEN it names the same key, as a reprocess request with no sequencer and no version
    assert event.key == key
    assert event.is_reprocess and event.kind == "created"
    assert event.sequencer is None and event.version_id is None


@pytest.mark.parametrize(
    ("lower", "higher"),
    [("0.9.0", "0.10.0"), ("0.1", "0.1.1"), ("1.0rc1", "1.0"), ("1.0", "1.0.1"), ("v2", "3")],
)
def test_pipeline_versions_compare_by_number(lower: str, higher: str) -> None:
    # GIVEN two versions WHEN compared THEN the numeric order wins over the string order
    assert reprocess._version_key(lower) < reprocess._version_key(higher)
    assert reprocess._version_key("1.0") == reprocess._version_key("1.0.0")
