"""The consumer kit: stream records -> typed changes, partial batch failures, idempotent effects, filters."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest

from article_pipeline.consumer import (
    Created,
    Deleted,
    EffectLedger,
    StreamRecordError,
    Updated,
    changes_from_event,
    effect_key,
    filters,
    plain,
    process_changes,
)
from support import REPO, load_event


def _record(name: str) -> dict[str, Any]:
    record: dict[str, Any] = copy.deepcopy(load_event(f"dynamodb_stream_{name}.json")["Records"][0])
    return record


def _event(*records: dict[str, Any]) -> dict[str, Any]:
    return {"Records": list(records)}


def _modify(old_image: dict[str, Any], new_image: dict[str, Any], sequence: str = "200") -> dict[str, Any]:
    record = _record("modify")
    record["dynamodb"]["OldImage"] = copy.deepcopy(old_image)
    record["dynamodb"]["NewImage"] = copy.deepcopy(new_image)
    record["dynamodb"]["SequenceNumber"] = sequence
    return record


def _with(image: dict[str, Any], **attributes: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(image)
    changed.update(attributes)
    return changed


INSERT_IMAGE = _record("insert")["dynamodb"]["NewImage"]


def test_insert_becomes_created_with_plain_python_values() -> None:
    # GIVEN the sample INSERT stream event
    event = load_event("dynamodb_stream_insert.json")
    # WHEN it is turned into changes
    (change,) = changes_from_event(event)
    # THEN it is a Created with a validated record, numbers as int (not Decimal), and the stream bookkeeping
    assert isinstance(change, Created)
    assert change.new.status == "processed"
    assert type(change.new.word_count) is int and change.new.word_count > 0
    assert type(change.new.source.size) is int
    assert change.new.body.startswith("s3://") and change.new.body.endswith(
        f"/cleaned/{change.article_id}.txt"
    )
    assert change.info.event_name == "INSERT"
    assert change.info.sequence_number == event["Records"][0]["dynamodb"]["SequenceNumber"]
    assert change.info.facts_sha256 and change.info.ingest_order
    assert change.info.body_ref == {"uri": change.new.body, "chars": change.info.body_ref["chars"]}
    assert change.info.event_source_arn and ":table/" in change.info.event_source_arn


def test_modify_becomes_updated_listing_changed_fields_without_processed_at() -> None:
    # GIVEN the sample MODIFY (a newer version of the object without its last paragraphs)
    event = load_event("dynamodb_stream_modify.json")
    # WHEN converted
    (change,) = changes_from_event(event)
    # THEN it is an Updated whose changed fields are exactly the record fields that differ
    assert isinstance(change, Updated)
    old, new = change.old.model_dump(), change.new.model_dump()
    assert change.changed_fields == [f for f in old if f != "processed_at" and old[f] != new[f]]
    assert "people" in change.changed_fields


def test_modify_that_only_restamps_processed_at_is_no_change() -> None:
    # GIVEN a MODIFY whose images differ only in processed_at and the table's bookkeeping
    new_image = _with(
        INSERT_IMAGE,
        processed_at={"S": "2030-01-01T00:00:00.000Z"},
        ingest_order={"S": "t2030-01-01T00:00:00.000Z"},
    )
    event = _event(_modify(INSERT_IMAGE, new_image))
    # WHEN converted / THEN nothing reaches the consumer
    assert changes_from_event(event) == []


def test_modify_to_status_deleted_is_a_deleted_change() -> None:
    # GIVEN the ingest pipeline's tombstone for a removed S3 object
    tombstone = _with(INSERT_IMAGE, status={"S": "deleted"}, people={"L": []})
    (change,) = changes_from_event(_event(_modify(INSERT_IMAGE, tombstone)))
    # THEN it is Deleted with both images
    assert isinstance(change, Deleted)
    assert change.old is not None and change.old.status == "processed"
    assert change.new is not None and change.new.status == "deleted"


def test_remove_is_a_deleted_change_without_new_image() -> None:
    # GIVEN the sample REMOVE (TTL or manual delete of the item)
    (change,) = changes_from_event(load_event("dynamodb_stream_remove.json"))
    # THEN it is Deleted with the old record only
    assert isinstance(change, Deleted)
    assert change.new is None and change.old is not None
    assert change.article_id == change.old.article_id


def test_article_coming_back_after_a_delete_is_created_again() -> None:
    # GIVEN a MODIFY from a tombstone to a processed record (the object was uploaded again)
    tombstone = _with(INSERT_IMAGE, status={"S": "deleted"})
    (change,) = changes_from_event(_event(_modify(tombstone, INSERT_IMAGE)))
    # THEN consumers see it as Created, with the tombstone kept as old
    assert isinstance(change, Created)
    assert change.old is not None and change.old.status == "deleted"


def test_rejected_to_processed_is_an_update_of_status() -> None:
    # GIVEN a record that was rejected and is now processed (e.g. a fixed upload of the same key)
    rejected = _with(
        INSERT_IMAGE,
        status={"S": "rejected"},
        error={"M": {"code": {"S": "empty"}, "message": {"S": "Empty."}}},
    )
    (change,) = changes_from_event(_event(_modify(rejected, INSERT_IMAGE)))
    # THEN the change names status and error among its changed fields
    assert isinstance(change, Updated)
    assert {"status", "error"} <= set(change.changed_fields)


def test_keys_only_record_is_refused_with_a_clear_error() -> None:
    # GIVEN a record from a KEYS_ONLY stream (no images)
    record = _record("insert")
    del record["dynamodb"]["NewImage"]
    # WHEN converted / THEN the error says what stream view is needed
    with pytest.raises(StreamRecordError, match="NEW_AND_OLD_IMAGES"):
        changes_from_event(_event(record))


def test_plain_converts_powertools_values() -> None:
    # GIVEN values as Powertools' deserializer returns them
    value = {"n": Decimal("3"), "f": Decimal("0.25"), "s": {"b", "a"}, "l": [Decimal("1.0")], "b": b"x"}
    # WHEN made plain / THEN they are JSON values
    assert plain(value) == {"n": 3, "f": 0.25, "s": ["a", "b"], "l": [1], "b": "x"}
    assert json.dumps(plain(value))


def test_failing_change_is_reported_alone_and_no_ops_are_not_handled() -> None:
    # GIVEN a batch: an INSERT, a no-op MODIFY, and a REMOVE whose handling fails
    noop = _modify(INSERT_IMAGE, _with(INSERT_IMAGE, processed_at={"S": "2030-01-01T00:00:00.000Z"}), "150")
    remove = _record("remove")
    seen: list[str] = []

    def handle(change: Any) -> None:
        seen.append(type(change).__name__)
        if isinstance(change, Deleted):
            raise RuntimeError("downstream outage")

    # WHEN processed with the kit's partial-batch helper
    response = process_changes(_event(_record("insert"), noop, remove), None, handle)
    # THEN only the REMOVE is reported (by sequence number) and the no-op never reached the handler
    assert response == {"batchItemFailures": [{"itemIdentifier": remove["dynamodb"]["SequenceNumber"]}]}
    assert seen == ["Created", "Deleted"]


def test_effect_key_is_stable_under_redelivery_and_changes_with_the_facts() -> None:
    # GIVEN the same INSERT delivered twice, and the later MODIFY
    first = changes_from_event(load_event("dynamodb_stream_insert.json"))[0]
    again = changes_from_event(load_event("dynamodb_stream_insert.json"))[0]
    update = changes_from_event(load_event("dynamodb_stream_modify.json"))[0]
    removed = changes_from_event(load_event("dynamodb_stream_remove.json"))[0]
    # THEN the keys of the same effect match for the redelivery and differ for new facts or a delete
    assert effect_key(first, "notify") == effect_key(again, "notify")
    assert effect_key(first, "notify") != effect_key(update, "notify")
    assert effect_key(first, "notify") != effect_key(first, "webhook")
    assert effect_key(removed, "notify").startswith(f"notify#{removed.article_id}#deleted:")


def test_ledger_runs_an_effect_once_and_releases_it_when_it_fails() -> None:
    import boto3
    import moto

    from article_pipeline.consumer.idempotency import ledger_table_definition

    with moto.mock_aws():
        # GIVEN a ledger table and an effect that fails the first time
        boto3.client("dynamodb").create_table(**ledger_table_definition("ledger"))
        ledger = EffectLedger(boto3.resource("dynamodb").Table("ledger"))
        calls: list[int] = []

        def flaky() -> str:
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError("boom")
            return "sent"

        # WHEN it is run, retried, and run again (a redelivery)
        with pytest.raises(RuntimeError):
            ledger.run_once("notify#a#facts:1", flaky)
        results = [ledger.run_once("notify#a#facts:1", flaky), ledger.run_once("notify#a#facts:1", flaky)]
    # THEN the retry ran it and the redelivery did not
    assert results == ["sent", None]
    assert len(calls) == 2


# ------------------------------------------------------------------------------------------- filters


def _snippet_filter_criteria() -> list[dict[str, Any]]:
    from article_pipeline.local.stack import load_template

    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "FilterCriteria" in node:
                found.append(node["FilterCriteria"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_template(REPO / "docs" / "consuming-template-snippet.yaml"))
    return found


def test_filter_criteria_in_the_template_snippet_follow_the_documented_syntax() -> None:
    # GIVEN every FilterCriteria in docs/consuming-template-snippet.yaml
    criteria = _snippet_filter_criteria()
    # WHEN validated / THEN each is valid and there is at least one
    assert criteria
    for document in criteria:
        assert filters.validate_filter_criteria(document)


def test_processed_english_politics_filter_selects_only_those_records() -> None:
    # GIVEN the guide's filter and records that differ in status, language and topic
    criteria = filters.criteria(filters.PROCESSED_ENGLISH_POLITICS)
    politics = {
        "L": [{"M": {"code": {"S": "medtop:11000000"}, "label": {"S": "politics"}, "score": {"N": "0.8"}}}]
    }
    sport = {"L": [{"M": {"code": {"S": "medtop:15000000"}, "label": {"S": "sport"}, "score": {"N": "0.9"}}}]}

    def record(**attributes: dict[str, Any]) -> dict[str, Any]:
        base = _record("insert")
        base["dynamodb"]["NewImage"].update(attributes)
        return base

    # WHEN each record is evaluated / THEN only the processed English politics one passes
    assert filters.matches_any(criteria, record(topics=politics))
    assert not filters.matches_any(criteria, record(topics=sport))
    assert not filters.matches_any(criteria, record(topics=politics, language={"S": "de"}))
    assert not filters.matches_any(criteria, record(topics=politics, status={"S": "rejected"}))
    assert not filters.matches_any(criteria, _record("remove"))


def test_deletion_filters_let_tombstones_and_removals_through() -> None:
    # GIVEN the guide's filters for deletions
    criteria = filters.criteria(filters.DELETIONS, filters.REMOVALS)
    tombstone = _modify(INSERT_IMAGE, _with(INSERT_IMAGE, status={"S": "deleted"}))
    # WHEN evaluated / THEN the tombstone MODIFY and the REMOVE pass, a plain INSERT does not
    assert filters.matches_any(criteria, tombstone)
    assert filters.matches_any(criteria, _record("remove"))
    assert not filters.matches_any(criteria, _record("insert"))


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ({"Filters": []}, "non-empty"),
        ({"Filters": [{"Pattern": "{not json"}]}, "not JSON"),
        (
            {"Filters": [{"Pattern": json.dumps({"eventSource": ["aws:dynamodb"]})}]},
            "only on the 'dynamodb' key",
        ),
        (
            {
                "Filters": [
                    {"Pattern": json.dumps({"dynamodb": {"NewImage": {"status": {"S": "processed"}}}})}
                ]
            },
            "array",
        ),
        (
            {"Filters": [{"Pattern": json.dumps({"dynamodb": {"Keys": {"id": {"S": [{"regex": "x"}]}}}})}]},
            "operator",
        ),
        ({"Filters": [{"Pattern": json.dumps({"dynamodb": {"Keys": {"id": {"S": ["x" * 4100]}}}})}]}, "4096"),
        ({"Filters": [{"Pattern": "{}"}] * 6}, "at most 5"),
    ],
)
def test_invalid_filter_criteria_are_refused(criteria: dict[str, Any], message: str) -> None:
    # GIVEN a FilterCriteria Lambda would reject / WHEN validated / THEN the error says why
    with pytest.raises(filters.FilterPatternError, match=message):
        filters.validate_filter_criteria(criteria)


def test_fields_added_by_a_newer_producer_are_ignored() -> None:
    # GIVEN an INSERT whose record has a new top-level field and a new field inside a person
    record = _record("insert")
    image = record["dynamodb"]["NewImage"]
    image["sentiment"] = {"S": "neutral"}
    image["people"] = {"L": [{"M": {"name": {"S": "Kaja Kallas"}, "wikidata_id": {"S": "Q123"}}}]}
    # WHEN converted by this (older) kit / THEN the known fields are read and the new ones are skipped
    (change,) = changes_from_event(_event(record))
    assert isinstance(change, Created)
    assert [p.name for p in change.new.people] == ["Kaja Kallas"]


def test_newer_schema_version_is_refused_not_misread() -> None:
    from article_pipeline.consumer import UnsupportedSchemaVersionError

    # GIVEN a record of a schema_version this kit does not know
    record = _record("insert")
    record["dynamodb"]["NewImage"]["schema_version"] = {"N": "2"}
    # WHEN converted / THEN the error says to upgrade
    with pytest.raises(UnsupportedSchemaVersionError, match="upgrade"):
        changes_from_event(_event(record))


def test_first_record_already_a_tombstone_is_deleted_without_old() -> None:
    # GIVEN an INSERT whose record is already status "deleted" (a delete of an object never ingested)
    record = _record("insert")
    record["dynamodb"]["NewImage"]["status"] = {"S": "deleted"}
    # WHEN converted / THEN it is Deleted with no old record
    (change,) = changes_from_event(_event(record))
    assert isinstance(change, Deleted)
    assert change.old is None and change.new is not None
