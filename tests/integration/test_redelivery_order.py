"""At-least-once, any order: the same notification many times, or notifications out of order, leave the table
(and the cleaned body it points to) describing the object's last state, with one stream event per real change.

Notifications here carry a ``sequencer`` and ``versionId`` as S3 sends them (moto's own omit both).
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

import ingest_handler
import pytest

from article_pipeline.local.flow import LocalContext, function_environment
from article_pipeline.reliability.harness import (
    drain,
    items_by_key,
    read_body,
    s3_notification,
    stream_events_by_key,
)
from support import NEWS_TEXT, sqs_event

KEY = "incoming/story.txt"


def _put(flow: Any, text: str, key: str = KEY) -> str:
    response = flow.client("s3").put_object(Bucket=flow.stack.bucket, Key=key, Body=text.encode())
    return str(response["VersionId"])


def _created(flow: Any, version_id: str, sequencer: int, key: str = KEY) -> str:
    return s3_notification(
        bucket=flow.stack.bucket,
        key=key,
        event_name="ObjectCreated:Put",
        sequencer=sequencer,
        version_id=version_id,
    )


def _removed(flow: Any, version_id: str | None, sequencer: int, key: str = KEY) -> str:
    return s3_notification(
        bucket=flow.stack.bucket,
        key=key,
        event_name="ObjectRemoved:DeleteMarkerCreated",
        sequencer=sequencer,
        version_id=version_id,
    )


def _deliver(flow: Any, *bodies: str) -> None:
    """One invocation per notification, in the given order, as separate SQS batches would arrive."""
    for body in bodies:
        with function_environment(flow.stack.ingest_environment):
            response = ingest_handler.lambda_handler(sqs_event(body), LocalContext())
        assert response == {"batchItemFailures": []}


def _version(n: int) -> str:
    return NEWS_TEXT.replace("12 billion euro", f"{10 + n} billion euro")


@pytest.fixture
def quiet_flow(flow: Any) -> Any:
    """The flow with moto's own notifications (no sequencer, no versionId) taken off the queue."""
    drain(flow, flow.stack.queue_url)
    return flow


def test_same_notification_three_times_in_a_row_writes_once(quiet_flow: Any) -> None:
    # GIVEN an uploaded article and its notification
    flow = quiet_flow
    body = _created(flow, _put(flow, NEWS_TEXT), 1)
    drain(flow, flow.stack.queue_url)
    # WHEN the notification is delivered three times, each through the queue
    flow.redeliver([body, body, body])
    stats = flow.pump()
    # THEN there is one processed record and exactly one stream event
    assert stats.messages == 3 and stats.failures == 0
    assert items_by_key(flow)[KEY]["status"] == "processed"
    assert stream_events_by_key(flow.stream_records()) == {KEY: 1}


def atomic_conditional_puts(monkeypatch: pytest.MonkeyPatch) -> None:
    """DynamoDB checks a condition and writes the item atomically; moto does not lock between the two, so
    threads racing on one item could both pass. A lock around moto's put_item restores DynamoDB's guarantee,
    so the test exercises the pipeline's use of conditional writes, not moto's missing lock."""
    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.Lock()
    put_item = DynamoDBBackend.put_item

    def locked(self: Any, *args: Any, **kwargs: Any) -> Any:
        with lock:
            return put_item(self, *args, **kwargs)

    monkeypatch.setattr(DynamoDBBackend, "put_item", locked)


def test_same_notification_three_times_concurrently_writes_once(
    quiet_flow: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an uploaded article and three execution environments (each its own clients), as Lambda scales out
    flow = quiet_flow
    body = _created(flow, _put(flow, NEWS_TEXT), 1)
    with function_environment(flow.stack.ingest_environment):
        environments = [ingest_handler.ingestor.__wrapped__() for _ in range(3)]
    from article_pipeline.events import object_events_from_sqs_body

    (event,) = object_events_from_sqs_body(body)
    barrier = threading.Barrier(3)
    atomic_conditional_puts(monkeypatch)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def run(environment: Any) -> None:
        try:
            barrier.wait()
            outcomes.append(environment.handle(event).outcome)
        except BaseException as error:  # reported below; a thread must not swallow it
            errors.append(error)

    # WHEN all three handle the same notification at the same moment
    threads = [threading.Thread(target=run, args=(environment,)) for environment in environments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # THEN one of them wrote, the others found the write done, and the stream has one event
    assert errors == []
    assert sorted(outcomes) == ["processed", "unchanged", "unchanged"]
    assert stream_events_by_key(flow.stream_records()) == {KEY: 1}
    assert items_by_key(flow)[KEY]["status"] == "processed"


def test_late_older_version_changes_neither_record_nor_cleaned_body(quiet_flow: Any) -> None:
    # GIVEN two versions of one key, the newer one's notification processed first
    flow = quiet_flow
    old, new = _put(flow, _version(1)), _put(flow, _version(2))
    _deliver(flow, _created(flow, new, 2))
    # WHEN the older version's notification arrives late
    _deliver(flow, _created(flow, old, 1))
    # THEN the record and the cleaned body it points to are the newer version's
    item = items_by_key(flow)[KEY]
    assert item["source"]["version_id"] == new
    assert "12 billion euro" in read_body(flow, item["body"])
    assert "11 billion euro" not in read_body(flow, item["body"])
    assert stream_events_by_key(flow.stream_records()) == {KEY: 1}


def test_delete_processed_before_the_create_leaves_the_record_deleted(quiet_flow: Any) -> None:
    # GIVEN an upload that is deleted right away (a delete marker in the versioned bucket)
    flow = quiet_flow
    version = _put(flow, NEWS_TEXT)
    marker = flow.client("s3").delete_object(Bucket=flow.stack.bucket, Key=KEY)["VersionId"]
    # WHEN the delete's notification is processed before the create's
    _deliver(flow, _removed(flow, marker, 2), _created(flow, version, 1))
    # THEN the record says deleted, and the late create wrote nothing
    assert items_by_key(flow)[KEY]["status"] == "deleted"
    assert stream_events_by_key(flow.stream_records()) == {KEY: 1}


@pytest.mark.parametrize("order", list(itertools.permutations(range(4)))[::5])
def test_rapid_overwrites_in_any_order_end_at_the_last_version(
    quiet_flow: Any, order: tuple[int, ...]
) -> None:
    # GIVEN four quick overwrites of one key
    flow = quiet_flow
    versions = [_put(flow, _version(n)) for n in range(4)]
    notifications = [_created(flow, version, n + 1) for n, version in enumerate(versions)]
    # WHEN their notifications are processed in this order, each one twice
    _deliver(flow, *[notifications[i] for i in order], *[notifications[i] for i in order])
    # THEN the record and its body are the last version's, with at most one stream event per overwrite
    item = items_by_key(flow)[KEY]
    assert item["source"]["version_id"] == versions[-1]
    assert "13 billion euro" in read_body(flow, item["body"])
    changes = stream_events_by_key(flow.stream_records())[KEY]
    assert 1 <= changes <= len(versions)


def test_redelivering_everything_after_the_fact_changes_nothing(quiet_flow: Any) -> None:
    # GIVEN three articles processed from moto's own notifications, then one of them deleted
    flow = quiet_flow
    for n in range(3):
        flow.upload(f"incoming/a{n}.txt", _version(n).encode())
    flow.pump()
    flow.delete("incoming/a1.txt")
    flow.pump()
    before = items_by_key(flow)
    flow.stream_records()
    # WHEN every notification ever delivered is delivered again, in reverse order
    flow.redeliver(list(reversed(flow.delivered)))
    stats = flow.pump()
    # THEN no record changed and the stream is silent
    assert stats.failures == 0
    assert items_by_key(flow) == before
    assert flow.stream_records() == []


def test_redelivered_original_does_not_become_a_duplicate_of_its_copy(quiet_flow: Any) -> None:
    # GIVEN an article and a later exact copy under another key, both processed
    flow = quiet_flow
    original = _created(flow, _put(flow, NEWS_TEXT, "incoming/first.txt"), 1, "incoming/first.txt")
    copy = _created(flow, _put(flow, NEWS_TEXT, "incoming/copy.txt"), 2, "incoming/copy.txt")
    _deliver(flow, original, copy)
    before = items_by_key(flow)
    flow.stream_records()
    # WHEN the original's notification is delivered again
    _deliver(flow, original)
    # THEN the original still has no original of its own, the copy points to it, and nothing was written
    after = items_by_key(flow)
    assert after["incoming/first.txt"]["duplicate_of"] is None
    assert after["incoming/copy.txt"]["duplicate_of"] == before["incoming/first.txt"]["article_id"]
    assert flow.stream_records() == []


def test_redelivered_copy_keeps_its_record_after_its_original_is_deleted(quiet_flow: Any) -> None:
    # GIVEN an original, a later exact copy pointing to it, and then the original deleted
    flow = quiet_flow
    original = _created(flow, _put(flow, NEWS_TEXT, "incoming/first.txt"), 1, "incoming/first.txt")
    copy = _created(flow, _put(flow, NEWS_TEXT, "incoming/copy.txt"), 2, "incoming/copy.txt")
    _deliver(flow, original, copy)
    marker = flow.client("s3").delete_object(Bucket=flow.stack.bucket, Key="incoming/first.txt")["VersionId"]
    _deliver(flow, _removed(flow, marker, 3, "incoming/first.txt"))
    flow.stream_records()
    # WHEN the copy's notification is delivered again
    _deliver(flow, copy)
    # THEN the copy's record is not rewritten: a redelivery is not a change
    assert flow.stream_records() == []
