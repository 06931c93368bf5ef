"""docs/record.schema.json is what ArticleRecord generates, and it accepts real records."""

from __future__ import annotations

import json
from pathlib import Path

from article_pipeline.models import ArticleRecord, Person, Source, Tone, Topic
from article_pipeline.schema import record_schema, schema_text, write_schema
from support import REPO

SCHEMA_FILE = REPO / "docs" / "record.schema.json"


def test_committed_schema_equals_the_generated_one() -> None:
    # GIVEN the committed file / WHEN the schema is generated from the model
    generated = schema_text()
    # THEN they are identical (regenerate with `python -m article_pipeline.schema` after a model change)
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated


def test_write_schema_writes_what_schema_text_gives(tmp_path: Path) -> None:
    # GIVEN a target path / WHEN written / THEN the file holds the generated text and parses
    path = write_schema(tmp_path / "out" / "record.schema.json")
    assert path.read_text(encoding="utf-8") == schema_text()
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "ArticleRecord"


def test_schema_accepts_a_record_and_rejects_an_unknown_status() -> None:
    import jsonschema

    # GIVEN the schema and a processed record as `article-pipeline process` prints it
    schema = record_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    record = ArticleRecord(
        article_id="a1",
        status="processed",
        source=Source(bucket="b", key="incoming/a.txt", size=10),
        people=[Person(name="Kaja Kallas", aliases=["Kallas"], roles=["EU High Representative"])],
        topics=[Topic(code="medtop:11000000", label="politics and government", score=0.9)],
        tone=Tone(label="negative", score=-0.42),
        pipeline_version="0.1.0",
        processed_at="2026-01-01T00:00:00.000Z",
    ).model_dump(mode="json")
    validator = jsonschema.Draft202012Validator(schema)
    # WHEN validated / THEN it passes, and a status outside the contract fails
    assert list(validator.iter_errors(record)) == []
    assert list(validator.iter_errors({**record, "status": "archived"}))
    assert list(validator.iter_errors({**record, "surprise": 1}))  # unknown fields are an error
    assert list(validator.iter_errors({**record, "tone": {"label": "angry", "score": 0.0}}))
    assert list(validator.iter_errors({**record, "tone": {"label": "neutral", "score": 1.5}}))
