"""The index consumer on the real event flow: S3 -> SQS -> ingest -> ArticlesTable stream -> index handler.

Stream input is what the flow's DynamoDB stream emitted (``flow.stream_records()``), delivered in Lambda's
event shape; the IndexTable is created on moto by the ``index_table`` fixture.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from article_pipeline.consumer import Created, Deleted, Updated, changes_from_event
from article_pipeline.index import query
from article_pipeline.index.entries import entries_for, meta_key
from support import CORPUS, EVENTS, load_event, s3_event, s3_record, sqs_event

Consume = Callable[[], dict[str, Any]]
Deliver = Callable[[dict[str, Any]], dict[str, Any]]
Items = Callable[[], list[dict[str, Any]]]

VISA_TALKS = (EVENTS / "articles" / "kazakhstan-eu-visa-talks.txt").read_bytes()
UNRELATED = (EVENTS / "articles" / "emirates-boeing-order.html.gz").read_bytes()


def _articles_in(items: list[dict[str, Any]], pk: str) -> set[str]:
    return {i["article_id"] for i in items if i["pk"] == pk}


def _only_change(consumed: dict[str, Any]) -> Any:
    changes = changes_from_event(consumed["event"])
    assert len(changes) == 1
    return changes[0]


def test_new_article_is_indexed_by_entity_topic_country_and_story(
    flow: Any, consume: Consume, index_table: Any, index_items: Items
) -> None:
    # GIVEN an article uploaded and ingested
    flow.upload("incoming/visa.txt", VISA_TALKS)
    flow.pump()
    # WHEN the stream batch reaches the index handler
    consumed = consume()
    # THEN it was one Created change, no record failed, and every entry its record yields is in the table
    change = _only_change(consumed)
    assert isinstance(change, Created)
    assert consumed["response"] == {"batchItemFailures": []}
    items = index_items()
    keys = {(i["pk"], i["sk"]) for i in items}
    expected = {e.key for e in entries_for(change.new)}
    assert expected and expected <= keys
    assert any(pk.startswith("entity#") for pk, _ in expected)
    assert any(pk.startswith("country#") for pk, _ in expected)
    # AND the article starts its own story, listed by `query --story`
    story = query.story_of(index_table, change.article_id)
    assert story == change.article_id
    assert [r.article_id for r in query.by_story(index_table, story)] == [change.article_id]
    # AND a person it names finds it, whatever the case and accents of the query
    person = change.new.people[0].name
    assert change.article_id in {r.article_id for r in query.by_entity(index_table, person.upper())}


@pytest.mark.parametrize("redelivery", ["identical", "older"])
def test_redelivered_notification_reaches_no_consumer(
    flow: Any, consume: Consume, index_items: Items, redelivery: str
) -> None:
    # GIVEN an indexed article
    flow.upload("incoming/visa.txt", VISA_TALKS)
    flow.pump()
    created = _only_change(consume())
    before = index_items()
    # WHEN SQS delivers the same notification again (identical: same event time, version and etag; or an
    # older one) and the ingest handler runs it
    source = created.new.source
    event_time = (
        created.info.ingest_order.removeprefix("t")
        if redelivery == "identical"
        else "2000-01-01T00:00:00.000Z"
    )
    record = s3_record(
        "incoming/visa.txt",
        bucket=flow.stack.bucket,
        sequencer=None,
        version_id=source.version_id,
        size=source.size,
        event_time=event_time,
    )
    record["s3"]["object"]["eTag"] = source.etag
    from article_pipeline.local.flow import LocalContext, function_environment

    with function_environment(flow.stack.ingest_environment):
        response = flow.handler(sqs_event(s3_event(record)), LocalContext())
    # THEN the ArticlesTable stream has nothing new, so the index handler is not invoked and nothing changes
    consumed = consume()
    assert response == {"batchItemFailures": []}
    assert consumed["event"]["Records"] == []
    assert consumed["response"] is None
    assert index_items() == before


def test_entity_dropped_by_a_newer_version_leaves_the_index(
    flow: Any, consume: Consume, index_table: Any, index_items: Items
) -> None:
    # GIVEN an indexed article
    flow.upload("incoming/visa.txt", VISA_TALKS)
    flow.pump()
    consume()
    # WHEN a newer version without its last two paragraphs (which name the foreign minister) is ingested
    shorter = b"\n".join(VISA_TALKS.rstrip().split(b"\n")[:-2]) + b"\n"
    flow.upload("incoming/visa.txt", shorter)
    flow.pump()
    consumed = consume()
    # THEN the change is an Updated naming the changed fields (never processed_at) ...
    change = _only_change(consumed)
    assert isinstance(change, Updated)
    assert "people" in change.changed_fields
    assert "processed_at" not in change.changed_fields
    # ... every entry the old version had and the new one lacks is gone, and the new ones are there
    old_keys = {e.key for e in entries_for(change.old)}
    new_keys = {e.key for e in entries_for(change.new)}
    dropped = old_keys - new_keys
    assert dropped, "the shorter version must drop at least one entity for this test to mean anything"
    keys = {(i["pk"], i["sk"]) for i in index_items()}
    assert not dropped & keys
    assert new_keys <= keys
    dropped_person = next(
        p.name for p in change.old.people if p.name not in {q.name for q in change.new.people}
    )
    assert change.article_id not in {r.article_id for r in query.by_entity(index_table, dropped_person)}


def test_deleted_object_removes_every_entry_and_keeps_a_tombstone(
    flow: Any, consume: Consume, index_table: Any, index_items: Items
) -> None:
    # GIVEN an indexed article
    flow.upload("incoming/visa.txt", VISA_TALKS)
    flow.pump()
    article_id = _only_change(consume()).article_id
    # WHEN its S3 object is deleted (the ingest pipeline writes a MODIFY to status "deleted")
    flow.delete("incoming/visa.txt")
    flow.pump()
    consumed = consume()
    # THEN the consumer sees a Deleted change, and the index keeps only the article's state item
    change = _only_change(consumed)
    assert isinstance(change, Deleted)
    assert change.new is not None and change.new.status == "deleted"
    items = index_items()
    assert [(i["pk"], i["sk"]) for i in items] == [meta_key(article_id)]
    assert items[0]["status"] == "removed"
    assert query.by_story(index_table, article_id) == []


def test_removed_item_removes_every_entry(flow: Any, consume: Consume, index_items: Items) -> None:
    # GIVEN an indexed article
    flow.upload("incoming/visa.txt", VISA_TALKS)
    flow.pump()
    article_id = _only_change(consume()).article_id
    # WHEN the item itself is removed from the ArticlesTable (TTL or by hand)
    flow.client("dynamodb").delete_item(
        TableName=flow.stack.articles_table, Key={"article_id": {"S": article_id}}
    )
    consumed = consume()
    # THEN a REMOVE arrives as Deleted without a new image, and the entries are gone
    change = _only_change(consumed)
    assert isinstance(change, Deleted) and change.new is None and change.old is not None
    assert [(i["pk"], i["sk"]) for i in index_items()] == [meta_key(article_id)]


def test_redelivered_and_replayed_batches_are_harmless(
    flow: Any, consume: Consume, deliver: Deliver, index_items: Items
) -> None:
    # GIVEN two batches: an article's creation, then a newer version that drops entities
    flow.upload("incoming/visa.txt", VISA_TALKS)
    flow.pump()
    first = consume()["event"]
    flow.upload("incoming/visa.txt", b"\n".join(VISA_TALKS.rstrip().split(b"\n")[:-2]) + b"\n")
    flow.pump()
    second = consume()["event"]
    settled = index_items()
    # WHEN the second batch is delivered again (a retry) and then the first one (a replay from TRIM_HORIZON)
    responses = [deliver(copy.deepcopy(second)), deliver(copy.deepcopy(first))]
    # THEN nothing fails and the index is exactly as it was: no dropped entity came back
    assert responses == [{"batchItemFailures": []}] * 2
    assert index_items() == settled


def test_seed_reports_of_one_meeting_share_a_story_and_an_unrelated_article_does_not(
    flow: Any, consume: Consume, index_table: Any
) -> None:
    # GIVEN the two seed articles (one meeting, written differently) and an unrelated business story
    seeds = sorted((CORPUS / "seeds").glob("*.txt"))
    for path in seeds:
        flow.upload(f"incoming/{path.name}", path.read_bytes())
    flow.upload("incoming/emirates.html.gz", UNRELATED)
    flow.pump()
    # WHEN the stream is indexed
    consumed = consume()
    ids = {c.new.source.key: c.article_id for c in changes_from_event(consumed["event"])}
    # THEN both seeds carry one story id, and the unrelated article has its own
    seed_stories = {query.story_of(index_table, ids[f"incoming/{p.name}"]) for p in seeds}
    other_story = query.story_of(index_table, ids["incoming/emirates.html.gz"])
    assert len(seed_stories) == 1
    (story,) = seed_stories
    assert story is not None
    assert other_story not in seed_stories
    # AND `query --story` with the story id (or any member's id) lists both seeds
    listed = {r.article_id for r in query.by_story(index_table, story)}
    assert listed == {ids[f"incoming/{p.name}"] for p in seeds}
    member = ids[f"incoming/{seeds[-1].name}"]
    assert {r.article_id for r in query.by_story(index_table, member)} == listed


def test_one_bad_record_fails_alone(deliver: Deliver, index_items: Items) -> None:
    # GIVEN a stream batch with a good INSERT and a record whose image is not an article record
    good = load_event("dynamodb_stream_insert.json")
    bad = copy.deepcopy(good["Records"][0])
    bad["dynamodb"]["NewImage"]["status"] = {"S": "not-a-status"}
    bad["dynamodb"]["SequenceNumber"] = "9" + bad["dynamodb"]["SequenceNumber"]
    batch = {"Records": [good["Records"][0], bad]}
    # WHEN the index handler runs
    response = deliver(batch)
    # THEN only the bad record is reported, by its sequence number, and the good one was indexed
    assert response == {"batchItemFailures": [{"itemIdentifier": bad["dynamodb"]["SequenceNumber"]}]}
    assert any(
        i["article_id"] == good["Records"][0]["dynamodb"]["Keys"]["article_id"]["S"] for i in index_items()
    )


def test_sample_events_drive_the_handler_like_sam_local_invoke(
    deliver: Deliver, index_table: Any, index_items: Items
) -> None:
    # GIVEN the sample stream events in events/ (INSERT, MODIFY that drops people, REMOVE)
    insert, modify, remove = (load_event(f"dynamodb_stream_{n}.json") for n in ("insert", "modify", "remove"))
    article_id = insert["Records"][0]["dynamodb"]["Keys"]["article_id"]["S"]
    # WHEN each is invoked in turn
    after_insert = (deliver(insert), index_items())
    after_modify = (deliver(modify), index_items())
    after_remove = (deliver(remove), index_items())
    # THEN none fails, the MODIFY shrinks the entries, and the REMOVE leaves only the state item
    assert {r["batchItemFailures"] == [] for r in (after_insert[0], after_modify[0], after_remove[0])} == {
        True
    }
    assert len(after_modify[1]) < len(after_insert[1])
    assert [(i["pk"], i["sk"]) for i in after_remove[1]] == [meta_key(article_id)]


def test_query_command_prints_a_table(flow: Any, consume: Consume, index_table: Any, capsys: Any) -> None:
    # GIVEN an indexed article
    flow.upload("incoming/visa.txt", VISA_TALKS)
    flow.pump()
    change = _only_change(consume())
    # WHEN `article-pipeline query --country KZ` runs against the table
    status = query.main(["--country", "kz", "--since", "2000-01-01"], table=index_table)
    # THEN it prints a header and the article's row
    out = capsys.readouterr().out
    assert status == 0
    assert out.splitlines()[0].split() == ["date", "article_id", "title", "detail"]
    assert change.article_id in out
    assert "(1 article)" in out


def test_demo_helpers_index_the_flow_and_summarise_stories(flow: Any) -> None:
    from article_pipeline.consumer.stream_events import lambda_stream_event
    from article_pipeline.index.local import apply_stream_event, create_index_table, story_summary

    # GIVEN the two seed reports ingested through the flow and a table made by the demo helper
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        flow.upload(f"incoming/{path.name}", path.read_bytes())
    flow.pump()
    table = create_index_table()
    # WHEN the stream batch is applied in-process
    outcomes = apply_stream_event(
        table, lambda_stream_event(flow.stream_records(), stream_arn=flow.stack.stream_arn)
    )
    # THEN both are indexed into one story, and the summary lists it with both articles
    assert [o.action for o in outcomes] == ["indexed", "indexed"]
    assert outcomes[1].story_id == outcomes[0].story_id == outcomes[0].article_id
    summary = story_summary(table, [o.article_id for o in outcomes])
    assert summary.startswith(f"story {outcomes[0].article_id} (2 articles)")
    assert create_index_table().name == table.name  # a second call reuses the table


def test_query_finds_the_index_table_of_a_stack_by_name(
    flow: Any, consume: Consume, index_table: Any, capsys: Any
) -> None:
    # GIVEN an indexed article and a CloudFormation stack whose outputs name the IndexTable
    import boto3

    flow.upload("incoming/visa.txt", VISA_TALKS)
    flow.pump()
    change = _only_change(consume())
    table_name = flow.stack.physical_ids["IndexTable"]
    template = {
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {"IndexTableName": {"Value": table_name}},
    }
    boto3.client("cloudformation").create_stack(StackName="deployed", TemplateBody=json.dumps(template))
    # WHEN `article-pipeline query --stack deployed` runs without a table name
    status = query.main(["--country", "KZ", "--stack", "deployed"])
    # THEN it read the table name from the stack and found the article
    assert status == 0
    assert change.article_id in capsys.readouterr().out
