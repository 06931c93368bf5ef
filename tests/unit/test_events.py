from __future__ import annotations

import json

import pytest

from article_pipeline.events import object_events, object_events_from_sqs_body
from support import load_event, s3_event, s3_record


def test_plain_s3_put_event_gives_one_created_object_event() -> None:
    # GIVEN the sample S3 put notification
    event = load_event("s3_put.json")
    # WHEN it is parsed
    parsed = object_events(event)
    # THEN it names the object, its version and its sequencer
    assert len(parsed) == 1
    assert parsed[0].kind == "created"
    assert parsed[0].key == "incoming/kazakhstan-eu-cooperation-council.txt"
    assert parsed[0].sequencer == "0055AED6DCD90281E5"
    assert parsed[0].version_id


def test_sqs_wrapped_delete_event_gives_removed_kind() -> None:
    # GIVEN the sample SQS message carrying an S3 delete-marker notification
    body = load_event("sqs_s3_delete.json")["Records"][0]["body"]
    # WHEN the body is parsed
    parsed = object_events_from_sqs_body(body)
    # THEN the event is a removal
    assert [e.kind for e in parsed] == ["removed"]


def test_s3_test_event_is_skipped() -> None:
    # GIVEN the s3:TestEvent S3 sends when a notification is configured
    body = load_event("sqs_s3_test_event.json")["Records"][0]["body"]
    # WHEN it is parsed / THEN there is nothing to do
    assert object_events_from_sqs_body(body) == []


@pytest.mark.parametrize(
    "key", ["incoming/a b.txt", "incoming/a+b%c.txt", "incoming/Ünïcödé/報道.txt", "incoming/100% sure?.json"]
)
def test_keys_are_url_decoded_once(key: str) -> None:
    # GIVEN a notification whose key S3 encoded with quote_plus
    event = s3_event(s3_record(key))
    # WHEN parsed / THEN the key is the object's real key
    assert object_events(event)[0].key == key


def test_order_key_pads_sequencers_so_shorter_ones_compare_correctly() -> None:
    # GIVEN two sequencers of different length, the longer one later (AWS: left-pad, then compare)
    early = object_events(s3_event(s3_record("incoming/x", sequencer="FF")))[0]
    late = object_events(s3_event(s3_record("incoming/x", sequencer="0100")))[0]
    # THEN the order keys sort like the events happened
    assert early.order_key < late.order_key


def test_order_key_falls_back_to_event_time_without_sequencer() -> None:
    early = object_events(
        s3_event(s3_record("incoming/x", sequencer=None, event_time="2025-01-01T00:00:00.001Z"))
    )
    late = object_events(
        s3_event(s3_record("incoming/x", sequencer=None, event_time="2025-01-01T00:00:00.002Z"))
    )
    assert early[0].order_key < late[0].order_key


def test_non_json_sqs_body_is_an_error_so_the_message_is_retried_then_dead_lettered() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        object_events_from_sqs_body("not json")
    with pytest.raises(ValueError, match="not an S3 notification"):
        object_events_from_sqs_body(json.dumps([1, 2]))
