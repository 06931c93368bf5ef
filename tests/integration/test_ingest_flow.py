"""S3 -> SQS -> real handler -> DynamoDB -> stream, on moto, with resources created from template.yaml."""

from __future__ import annotations

from typing import Any

import ingest_handler

from article_pipeline.adapters.article_store import from_item
from article_pipeline.local.flow import LocalContext, function_environment
from article_pipeline.pipeline.process import article_id_for
from support import NEWS_TEXT, s3_event, s3_record, sqs_event


def _records(flow: Any) -> dict[str, Any]:
    from boto3.dynamodb.types import TypeDeserializer

    deserialize = TypeDeserializer().deserialize
    items = [{k: deserialize(v) for k, v in item.items()} for item in flow.items()]
    return {item["source"]["key"]: from_item(item) for item in items}


def _invoke(flow: Any, event: dict[str, Any]) -> Any:
    with function_environment(flow.stack.ingest_environment):
        return ingest_handler.lambda_handler(event, LocalContext())


def test_uploaded_article_becomes_one_processed_record_with_body_in_s3(flow: Any) -> None:
    # GIVEN an article uploaded under incoming/
    flow.upload("incoming/rail.txt", NEWS_TEXT.encode())
    # WHEN the queue is drained through the handler
    stats = flow.pump()
    # THEN one processed record exists, its body is in S3 under cleaned/, and the stream saw one INSERT
    records = _records(flow)
    record = records["incoming/rail.txt"]
    assert stats.failures == 0
    assert record.status == "processed"
    assert record.body.startswith(f"s3://{flow.stack.bucket}/cleaned/")
    stored = flow.client("s3").get_object(Bucket=flow.stack.bucket, Key=record.body.split("/", 3)[3])
    assert "German government" in stored["Body"].read().decode()
    assert [r["eventName"] for r in flow.stream_records()] == ["INSERT"]


def test_same_object_delivered_twice_leaves_one_record_and_one_stream_event(flow: Any) -> None:
    # GIVEN a processed article
    flow.upload("incoming/rail.txt", NEWS_TEXT.encode())
    flow.pump()
    first = flow.stream_records()
    # WHEN the same notification is delivered again (SQS is at-least-once)
    bucket = flow.stack.bucket
    event = sqs_event(
        s3_event(
            s3_record(
                "incoming/rail.txt", bucket=bucket, sequencer=None, event_time="2000-01-01T00:00:00.000Z"
            )
        )
    )
    _invoke(flow, event)
    # THEN nothing new was written: a stale/identical event changes no record and emits no stream event
    assert len(first) == 1
    assert flow.stream_records() == []
    assert len(_records(flow)) == 1


def test_newer_version_replaces_older_and_late_older_event_is_ignored(flow: Any) -> None:
    # GIVEN two versions of one key in the versioned bucket
    s3 = flow.client("s3")
    bucket = flow.stack.bucket
    v1 = s3.put_object(Bucket=bucket, Key="incoming/story.txt", Body=NEWS_TEXT.encode())["VersionId"]
    updated = NEWS_TEXT.replace("12 billion euro", "15 billion euro")
    v2 = s3.put_object(Bucket=bucket, Key="incoming/story.txt", Body=updated.encode())["VersionId"]
    flow.pump()  # drain the emulator's own notifications (they carry no sequencer)
    flow.stream_records()
    newer = s3_event(
        s3_record("incoming/story.txt", bucket=bucket, sequencer="F0000000000000002", version_id=v2)
    )
    older = s3_event(
        s3_record("incoming/story.txt", bucket=bucket, sequencer="F0000000000000001", version_id=v1)
    )
    # WHEN the newer version's event is processed first and the older one arrives late
    _invoke(flow, sqs_event(newer))
    _invoke(flow, sqs_event(older))
    # THEN the record shows the newer version
    record = _records(flow)["incoming/story.txt"]
    assert record.source.version_id == v2
    assert "15 billion euro" in record.summary


def test_object_removed_marks_record_deleted(flow: Any) -> None:
    # GIVEN a processed article
    flow.upload("incoming/rail.txt", NEWS_TEXT.encode())
    flow.pump()
    # WHEN the object is deleted
    flow.delete("incoming/rail.txt")
    flow.pump()
    # THEN its record is marked deleted and the stream saw the change
    assert _records(flow)["incoming/rail.txt"].status == "deleted"
    assert [r["eventName"] for r in flow.stream_records()] == ["INSERT", "MODIFY"]


def test_bad_inputs_become_rejected_records_and_are_not_retried(flow: Any) -> None:
    # GIVEN an empty file, a PNG, and undecodable bytes
    flow.upload("incoming/empty.txt", b"")
    flow.upload("incoming/picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    flow.upload("incoming/broken.json", b'{"title": "x", "body": ')
    # WHEN the queue is drained
    stats = flow.pump()
    # THEN each has a rejected record with a machine-readable code and a sentence, and no message failed
    records = _records(flow)
    assert stats.failures == 0
    for key in ("incoming/empty.txt", "incoming/picture.txt", "incoming/broken.json"):
        assert records[key].status == "rejected"
        assert records[key].error is not None
        assert records[key].error.code
        assert records[key].error.message.endswith(".")
    from article_pipeline.local.flow import queue_depth

    assert queue_depth(flow, flow.stack.queue_url) == 0


def test_upload_over_the_size_limit_is_rejected_without_reading_it_all(flow: Any) -> None:
    # GIVEN an upload one byte over the function's configured limit
    limit = int(flow.stack.ingest_environment["MAX_UPLOAD_BYTES"])
    flow.upload("incoming/huge.txt", b"a" * (limit + 1))
    # WHEN processed
    flow.pump()
    # THEN it is rejected as too large
    record = _records(flow)["incoming/huge.txt"]
    assert record.status == "rejected"
    assert record.error is not None and record.error.code == "too_large"


def test_poison_message_fails_alone_and_the_rest_of_the_batch_succeeds(flow: Any) -> None:
    # GIVEN a batch with one good notification and one message that is not an S3 notification
    flow.client("s3").put_object(Bucket=flow.stack.bucket, Key="incoming/rail.txt", Body=NEWS_TEXT.encode())
    flow.pump()
    good = s3_event(s3_record("incoming/rail.txt", bucket=flow.stack.bucket, sequencer="FF"))
    event = sqs_event(good, "this is not json")
    # WHEN the handler runs
    response = _invoke(flow, event)
    # THEN only the poison message is reported failed (SQS retries it, then moves it to the DLQ)
    assert response == {"batchItemFailures": [{"itemIdentifier": "m1"}]}


def test_keys_outside_incoming_are_never_processed(flow: Any) -> None:
    # GIVEN a notification for a cleaned body (as a misconfigured notification would send)
    event = sqs_event(s3_event(s3_record("cleaned/abc.txt", bucket=flow.stack.bucket)))
    # WHEN the handler runs / THEN it succeeds and writes nothing
    assert _invoke(flow, event) == {"batchItemFailures": []}
    assert flow.items() == []


def test_exact_duplicate_under_another_key_points_to_the_earlier_article(flow: Any) -> None:
    # GIVEN an article, and later the same text under another key
    flow.upload("incoming/first.txt", NEWS_TEXT.encode())
    flow.pump()
    flow.upload("incoming/copy.txt", ("\n" + NEWS_TEXT + "\n").encode())
    flow.pump()
    # THEN the copy's record names the first as its original
    records = _records(flow)
    assert records["incoming/first.txt"].duplicate_of is None
    assert records["incoming/copy.txt"].duplicate_of == article_id_for(
        flow.stack.bucket, "incoming/first.txt"
    )


def test_plain_s3_event_invocation_works_like_sam_local_invoke(flow: Any) -> None:
    # GIVEN an object and a plain (not SQS-wrapped) S3 notification for it
    flow.client("s3").put_object(Bucket=flow.stack.bucket, Key="incoming/direct.txt", Body=NEWS_TEXT.encode())
    event = s3_event(s3_record("incoming/direct.txt", bucket=flow.stack.bucket, sequencer="0A"))
    # WHEN the handler is invoked with it directly
    assert _invoke(flow, event) == {"processed": True}
    # THEN the record exists
    assert _records(flow)["incoming/direct.txt"].status == "processed"


def test_reprocess_request_rewrites_only_when_facts_changed_and_never_beats_real_events(flow: Any) -> None:
    # GIVEN a record written from a real event with an S3 sequencer
    bucket = flow.stack.bucket
    flow.client("s3").put_object(Bucket=bucket, Key="incoming/r.txt", Body=NEWS_TEXT.encode())
    real = s3_event(s3_record("incoming/r.txt", bucket=bucket, sequencer="00AA"))
    _invoke(flow, sqs_event(real))
    flow.stream_records()
    reprocess = s3_event(
        s3_record(
            "incoming/r.txt",
            bucket=bucket,
            sequencer=None,
            name="ObjectCreated:Reprocess",
            event_time="2099-01-01T00:00:00.000Z",
        )
    )
    # WHEN a reprocess request arrives and nothing about the article changed
    _invoke(flow, sqs_event(reprocess))
    # THEN nothing is written and no stream event is emitted
    assert flow.stream_records() == []
    # WHEN the object changes and its real event is processed after another reprocess request
    flow.client("s3").put_object(
        Bucket=bucket, Key="incoming/r.txt", Body=NEWS_TEXT.replace("12", "13").encode()
    )
    _invoke(flow, sqs_event(s3_event(s3_record("incoming/r.txt", bucket=bucket, sequencer="00AB"))))
    _invoke(flow, sqs_event(reprocess))
    # THEN the real event was written and the record keeps the newest real order
    item = flow.client("dynamodb").get_item(
        TableName=flow.stack.articles_table,
        Key={"article_id": {"S": _records(flow)["incoming/r.txt"].article_id}},
    )
    assert item["Item"]["ingest_order"]["S"] == "s" + "00AB".rjust(32, "0")
