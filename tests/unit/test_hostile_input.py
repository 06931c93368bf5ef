"""Every hostile upload of the corpus in tests/unit/hostile/ becomes a valid record, in bounded time."""

from __future__ import annotations

import time

import pytest
from hostile.factory import CASES, Case

from article_pipeline.models import ArticleRecord, Source
from article_pipeline.pipeline.process import process_article


def test_the_corpus_has_at_least_40_kinds() -> None:
    # GIVEN the hostile corpus
    # THEN it covers at least 40 distinct kinds
    assert len({case.name for case in CASES}) == len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_upload_gives_a_valid_record_in_time(case: Case) -> None:
    # GIVEN a hostile upload
    data = case.build()
    source = Source(bucket="articles", key=case.key, size=len(data), content_type=case.content_type)
    # WHEN the whole pipeline processes it
    start = time.perf_counter()
    record = process_article(data, source, processed_at="2025-12-02T00:00:00.000Z")
    elapsed = time.perf_counter() - start
    # THEN a record comes back in time, processed or rejected with the expected code
    assert elapsed < case.seconds, f"{case.name} took {elapsed:.2f} s"
    if case.expect == "processed":
        assert record.status == "processed", record.error
        assert record.body.strip()
    else:
        assert record.status == "rejected"
        assert record.error is not None
        assert record.error.code == case.expect, record.error.message
        assert record.error.message.endswith((".", ")"))
    # AND the record validates against the contract
    ArticleRecord.model_validate(record.model_dump())
    if case.fix:
        assert any(case.fix in fix for fix in record.cleaning.fixes), record.cleaning.fixes
    if case.absent:
        assert case.absent not in record.body
