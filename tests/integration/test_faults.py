"""Faults on the way: throttling, 5xx, crashes mid-batch, poison messages, objects that vanish. Each is either
retried to success inside the call, or reported as a batch item failure and finished on redelivery, or moved to
the dead-letter queue after the template's maxReceiveCount. Nothing is swallowed.

Faults are injected below botocore's retry loop (see article_pipeline.reliability.faults), so the handler's
real retry configuration does the retrying; backoff delays are recorded instead of slept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import ingest_handler
import pytest

from article_pipeline.adapters.article_store import ArticleStore
from article_pipeline.adapters.fingerprint_index import FingerprintIndex, fingerprint_keys
from article_pipeline.local.flow import queue_depth
from article_pipeline.reliability.faults import (
    DYNAMODB_500,
    S3_500,
    S3_SLOW_DOWN,
    THROTTLED_DYNAMODB,
    THROTTLING,
    Fault,
    FaultInjector,
    Sleeps,
    always,
    every_nth,
    fast_backoff,
)
from article_pipeline.reliability.harness import (
    attach_to_handler,
    handler_clients,
    items_by_key,
    redrive,
    stream_events_by_key,
)
from support import NEWS_TEXT

GET = frozenset({("s3", "GetObject")})
PUT = frozenset({("s3", "PutObject")})
WRITE = frozenset({("dynamodb", "PutItem")})
FINGERPRINTS = frozenset({("dynamodb", "BatchWriteItem")})


def _texts(count: int) -> list[str]:
    return [NEWS_TEXT.replace("12 billion euro", f"{n + 2} billion euro") for n in range(count)]


@pytest.fixture
def injector(flow: Any) -> Iterator[FaultInjector]:
    """A fault injector on the clients of the handler's (cached) ingestor."""
    flow.pump()  # the s3:TestEvent S3 sends when the notification is configured
    injector = FaultInjector()
    attach_to_handler(injector, ingest_handler, flow.stack.ingest_environment)
    yield injector
    injector.detach()


@pytest.fixture
def sleeps() -> Iterator[Sleeps]:
    with fast_backoff() as recorded:
        yield recorded


def _receive_count_limit(flow: Any) -> int:
    attributes = flow.client("sqs").get_queue_attributes(
        QueueUrl=flow.stack.queue_url, AttributeNames=["RedrivePolicy"]
    )["Attributes"]
    return int(json.loads(attributes["RedrivePolicy"])["maxReceiveCount"])


def _fingerprint_owners(flow: Any, content_sha256: str, simhash: str) -> set[str]:
    table = flow.client("dynamodb")
    owners: set[str] = set()
    for key in fingerprint_keys(content_sha256, simhash):
        page = table.query(
            TableName=flow.stack.fingerprints_table,
            KeyConditionExpression="fingerprint = :f",
            ExpressionAttributeValues={":f": {"S": key}},
        )
        owners |= {item["article_id"]["S"] for item in page["Items"]}
    return owners


def test_handler_clients_retry_with_backoff_in_standard_mode(flow: Any) -> None:
    # GIVEN the clients the handler creates on its first event
    clients = handler_clients(ingest_handler, flow.stack.ingest_environment)
    # WHEN their configuration is read
    configs = [client.meta.config for client in clients]
    # THEN every one retries in standard mode (backoff with jitter, retry quota) and bounds its waits
    assert {client.meta.service_model.service_name for client in clients} == {"s3", "dynamodb"}
    for config in configs:
        assert config.retries["mode"] == "standard"
        assert config.retries["total_max_attempts"] >= 3
        assert config.connect_timeout <= 10 and config.read_timeout <= 30


@pytest.mark.parametrize(
    ("operations", "fault"),
    [
        (GET, S3_500),
        (GET, S3_SLOW_DOWN),
        (PUT, S3_SLOW_DOWN),
        (WRITE, THROTTLED_DYNAMODB),
        (WRITE, THROTTLING),
        (WRITE, DYNAMODB_500),
        (FINGERPRINTS, THROTTLED_DYNAMODB),
    ],
    ids=lambda value: value.code if isinstance(value, Fault) else "+".join(op for _, op in value),
)
def test_a_third_of_calls_failing_is_absorbed_by_retries(
    flow: Any, injector: FaultInjector, sleeps: Sleeps, operations: frozenset[tuple[str, str]], fault: Fault
) -> None:
    # GIVEN one attempt in three of this call fails with this transient error
    injector.rule = every_nth(3, fault, operations=operations)
    for n, text in enumerate(_texts(3)):
        flow.upload(f"incoming/a{n}.txt", text.encode())
    # WHEN the queue is drained
    stats = flow.pump()
    # THEN faults were injected and retried after a backoff, no message failed, and every article is recorded
    assert injector.stats.faults > 0
    assert injector.stats.retries >= injector.stats.faults
    assert len(sleeps.delays) >= injector.stats.faults and sleeps.total > 0
    assert stats.failures == 0
    items = items_by_key(flow)
    assert {items[f"incoming/a{n}.txt"]["status"] for n in range(3)} == {"processed"}
    # AND the stream saw one event per article, even where a write took effect and its answer was lost
    assert stream_events_by_key(flow.stream_records()) == {f"incoming/a{n}.txt": 1 for n in range(3)}


@pytest.mark.parametrize(
    ("operations", "fault"),
    [(GET, S3_SLOW_DOWN), (PUT, S3_500), (WRITE, THROTTLED_DYNAMODB), (FINGERPRINTS, THROTTLING)],
    ids=["get", "put", "write", "fingerprints"],
)
def test_an_outage_is_reported_as_batch_item_failure_and_finished_on_redelivery(
    flow: Any, injector: FaultInjector, sleeps: Sleeps, operations: frozenset[tuple[str, str]], fault: Fault
) -> None:
    # GIVEN a call that fails on every attempt (retries exhausted), and a batch of three articles
    injector.rule = always(fault, operations=operations)
    for n, text in enumerate(_texts(3)):
        flow.upload(f"incoming/a{n}.txt", text.encode())
    # WHEN one batch is delivered
    during = flow.pump(max_batches=1)
    # THEN every message of the batch is reported failed (never acknowledged), after the retries ran out
    assert during.messages == 3 and during.failures == 3
    assert injector.stats.retries > 0
    assert queue_depth(flow, flow.stack.queue_url) == 3
    # WHEN the outage ends and SQS redelivers
    injector.enabled = False
    after = flow.pump()
    # THEN every article is processed, once, and nothing reached the dead-letter queue
    assert after.failures == 0
    items = items_by_key(flow)
    assert {items[f"incoming/a{n}.txt"]["status"] for n in range(3)} == {"processed"}
    assert stream_events_by_key(flow.stream_records()) == {f"incoming/a{n}.txt": 1 for n in range(3)}
    assert queue_depth(flow, flow.stack.dlq_url) == 0


def test_crash_after_the_record_write_still_registers_fingerprints_on_redelivery(
    flow: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a batch of three articles, and a crash right after the second one's record is written
    for n, text in enumerate(_texts(3)):
        flow.upload(f"incoming/a{n}.txt", text.encode())
    register = FingerprintIndex.register
    crashes: list[str] = []

    def crash_once(self: FingerprintIndex, article_id: str, *args: Any, **kwargs: Any) -> None:
        if not crashes and article_id == items_by_key(flow).get("incoming/a1.txt", {}).get("article_id"):
            crashes.append(article_id)
            raise RuntimeError("the execution environment died here")
        register(self, article_id, *args, **kwargs)

    monkeypatch.setattr(FingerprintIndex, "register", crash_once)
    # WHEN the queue is drained (the crashed message is redelivered)
    stats = flow.pump()
    # THEN the crash was reported for that message only, and it was finished on redelivery
    assert crashes and stats.failures == 1
    items = items_by_key(flow)
    assert {items[f"incoming/a{n}.txt"]["status"] for n in range(3)} == {"processed"}
    # AND its fingerprints are registered (a later copy of it will be found), and its record written once
    crashed = items["incoming/a1.txt"]
    assert crashed["article_id"] in _fingerprint_owners(flow, crashed["content_sha256"], crashed["simhash"])
    assert stream_events_by_key(flow.stream_records())["incoming/a1.txt"] == 1


def test_ambiguous_record_write_still_registers_fingerprints(
    flow: Any, injector: FaultInjector, sleeps: Sleeps
) -> None:
    # GIVEN the record write takes effect but its answer is lost (500) on the first attempt
    injector.rule = every_nth(1_000, DYNAMODB_500, operations=WRITE)
    flow.upload("incoming/a.txt", NEWS_TEXT.encode())
    # WHEN processed (the retry finds the record already written)
    stats = flow.pump()
    # THEN the article is processed with one stream event, and its fingerprints are registered
    item = items_by_key(flow)["incoming/a.txt"]
    assert stats.failures == 0 and injector.stats.faults == 1
    assert item["status"] == "processed"
    assert item["article_id"] in _fingerprint_owners(flow, item["content_sha256"], item["simhash"])
    assert stream_events_by_key(flow.stream_records()) == {"incoming/a.txt": 1}


def test_crash_after_the_body_put_before_the_record_write_is_finished_on_redelivery(
    flow: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a crash right after the first cleaned body is stored, before its record is written
    flow.upload("incoming/a.txt", NEWS_TEXT.encode())
    put = ArticleStore.put
    crashes: list[int] = []

    def crash_once(self: ArticleStore, *args: Any, **kwargs: Any) -> Any:
        if not crashes:
            crashes.append(1)
            raise RuntimeError("the execution environment died here")
        return put(self, *args, **kwargs)

    monkeypatch.setattr(ArticleStore, "put", crash_once)
    # WHEN the queue is drained
    stats = flow.pump()
    # THEN the message failed once, then the record was written pointing at a body that exists
    assert stats.failures == 1
    item = items_by_key(flow)["incoming/a.txt"]
    assert item["status"] == "processed"
    bucket, key = item["body"].removeprefix("s3://").split("/", 1)
    text = flow.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    assert len(text) == item["body_ref"]["chars"]
    assert stream_events_by_key(flow.stream_records()) == {"incoming/a.txt": 1}


def test_poison_message_reaches_the_dead_letter_queue_after_max_receive_count(flow: Any) -> None:
    # GIVEN the template's queue (redrive policy from template.yaml) and a message that is no S3 notification
    limit = _receive_count_limit(flow)
    flow.upload("incoming/good.txt", NEWS_TEXT.encode())
    flow.redeliver(["this is not json"])
    # WHEN the queue is drained, failed messages becoming visible again each time
    stats = flow.pump()
    # THEN the poison message was tried exactly maxReceiveCount times, then moved to the DLQ untouched
    assert stats.failures == limit
    assert queue_depth(flow, flow.stack.queue_url) == 0
    dead = flow.client("sqs").receive_message(
        QueueUrl=flow.stack.dlq_url, AttributeNames=["All"], MaxNumberOfMessages=10
    )["Messages"]
    assert [message["Body"] for message in dead] == ["this is not json"]
    assert int(dead[0]["Attributes"]["ApproximateReceiveCount"]) >= limit
    # AND the good article in the same batches was processed
    assert items_by_key(flow)["incoming/good.txt"]["status"] == "processed"


def test_dead_lettered_articles_are_finished_by_a_redrive(
    flow: Any, injector: FaultInjector, sleeps: Sleeps
) -> None:
    # GIVEN a DynamoDB outage longer than maxReceiveCount deliveries: the articles land in the DLQ
    injector.rule = always(THROTTLED_DYNAMODB, operations=WRITE)
    for n, text in enumerate(_texts(2)):
        flow.upload(f"incoming/a{n}.txt", text.encode())
    flow.pump()
    assert queue_depth(flow, flow.stack.dlq_url) == 2
    assert items_by_key(flow) == {}
    # WHEN the outage ends and the DLQ is redriven (docs/reliability.md, "Redrive")
    injector.enabled = False
    moved = redrive(flow, dlq_url=flow.stack.dlq_url, queue_url=flow.stack.queue_url)
    stats = flow.pump()
    # THEN both articles are processed and both queues are empty
    assert moved == 2 and stats.failures == 0
    assert {item["status"] for item in items_by_key(flow).values()} == {"processed"}
    assert queue_depth(flow, flow.stack.queue_url) == queue_depth(flow, flow.stack.dlq_url) == 0


def test_object_deleted_between_event_and_read_ends_deleted_without_failure(flow: Any) -> None:
    # GIVEN an upload deleted before its notification is processed
    flow.upload("incoming/gone.txt", NEWS_TEXT.encode())
    flow.delete("incoming/gone.txt")
    # WHEN the queue is drained (the create's read finds nothing; the delete's notification follows)
    stats = flow.pump()
    # THEN no message failed and the record says deleted
    assert stats.failures == 0
    assert items_by_key(flow)["incoming/gone.txt"]["status"] == "deleted"
    assert queue_depth(flow, flow.stack.dlq_url) == 0


def test_object_overwritten_between_event_and_read_ends_at_the_newest_version(flow: Any) -> None:
    # GIVEN an upload overwritten before either notification is processed
    first, second = _texts(2)
    flow.upload("incoming/o.txt", first.encode())
    flow.upload("incoming/o.txt", second.encode())
    # WHEN the queue is drained
    stats = flow.pump()
    # THEN the record describes the newest version and its body is that version's
    item = items_by_key(flow)["incoming/o.txt"]
    latest = flow.client("s3").head_object(Bucket=flow.stack.bucket, Key="incoming/o.txt")
    assert stats.failures == 0
    assert item["source"]["version_id"] == latest["VersionId"]
    bucket, key = item["body"].removeprefix("s3://").split("/", 1)
    assert "3 billion euro" in flow.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read().decode()


def test_the_function_writes_only_under_the_cleaned_prefix(flow: Any, injector: FaultInjector) -> None:
    # GIVEN articles, a rejected upload and a delete going through the flow
    flow.upload("incoming/a.txt", NEWS_TEXT.encode())
    flow.upload("incoming/bad.json", b"{")
    flow.upload("incoming/b.txt", _texts(1)[0].encode())
    flow.delete("incoming/b.txt")
    # WHEN the queue is drained and every S3 call of the function is listed
    flow.pump()
    puts = [
        params["Key"]
        for service, operation, params in injector.sent
        if (service, operation) == ("s3", "PutObject")
    ]
    # THEN every object it wrote lies under cleaned/, outside the prefix that notifies the queue
    assert puts
    assert all(key.startswith(flow.stack.ingest_environment["CLEANED_PREFIX"]) for key in puts)
    assert not any(key.startswith(flow.stack.ingest_environment["INCOMING_PREFIX"]) for key in puts)
    assert {operation for service, operation, _ in injector.sent if service == "s3"} <= {
        "GetObject",
        "PutObject",
    }
