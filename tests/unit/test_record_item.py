from __future__ import annotations

from decimal import Decimal

from article_pipeline.adapters.article_store import facts_digest, from_item, to_item
from article_pipeline.models import ArticleRecord, Money, Source, Tone, Topic
from article_pipeline.pipeline.process import article_id_for, process_article
from support import NEWS_TEXT


def _record(**changes: object) -> ArticleRecord:
    record = process_article(
        NEWS_TEXT.encode(), Source(bucket="b", key="incoming/a.txt"), processed_at="2025-12-02T10:00:00.000Z"
    )
    return record.model_copy(update=changes)


def test_item_keeps_a_pointer_not_the_body_and_round_trips() -> None:
    # GIVEN a processed record with float scores and amounts
    record = _record(
        topics=[Topic(code="medtop:11000000", label="politics and government", score=0.73)],
        money=[Money(text="12 billion euro", amount=12e9, currency="EUR")],
        tone=Tone(label="negative", score=-0.3172),
    )
    # WHEN it is mapped to an item and back
    item = to_item(record, order="s01", body_uri="s3://b/cleaned/x.txt")
    back = from_item(item)
    # THEN the item holds the S3 pointer and everything else survives
    assert item["body"] == "s3://b/cleaned/x.txt"
    assert item["body_ref"]["chars"] == len(record.body)
    assert item["tone"] == {"label": "negative", "score": Decimal("-0.3172")}
    assert back.model_dump(exclude={"body"}) == record.model_dump(exclude={"body"})


def test_facts_digest_ignores_processing_time_but_not_content() -> None:
    # GIVEN the same record processed at two times, and one with a different title
    first = _record()
    again = _record(processed_at="2030-01-01T00:00:00.000Z")
    changed = _record(title="Another title")
    # THEN only a change of content changes the digest
    assert facts_digest(first) == facts_digest(again)
    assert facts_digest(first) != facts_digest(changed)


def test_article_id_is_stable_per_bucket_and_key() -> None:
    assert article_id_for("b", "incoming/a.txt") == article_id_for("b", "incoming/a.txt")
    assert article_id_for("b", "incoming/a.txt") != article_id_for("b", "incoming/b.txt")
    assert article_id_for("b", "k") != article_id_for("c", "k")


def test_item_stays_far_below_dynamodb_limit_for_a_large_article() -> None:
    # GIVEN an article of about 1 MB of text
    big = ("Officials in Paris said the budget would grow. " * 22000).encode()
    record = process_article(big, Source(bucket="b", key="incoming/big.txt"))
    # WHEN it is mapped to an item with its body in S3
    item = to_item(record, order="s01", body_uri="s3://b/cleaned/big.txt")
    # THEN the item is small (DynamoDB caps items at 400 KB)
    import json

    assert len(json.dumps(item, default=str)) < 100_000
