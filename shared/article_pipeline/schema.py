"""The record contract as JSON Schema: ``docs/record.schema.json`` is generated from ``ArticleRecord``.

    python -m article_pipeline.schema [PATH]     # (re)write the file; default docs/record.schema.json

A unit test fails when the committed file differs from what the model generates, so the published schema
cannot drift from the code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from article_pipeline.models import SCHEMA_VERSION, ArticleRecord

SCHEMA_ID = "urn:article-pipeline:record:v1"
DEFAULT_PATH = Path("docs") / "record.schema.json"


def record_schema() -> dict[str, Any]:
    """``ArticleRecord.model_json_schema()`` with a draft, an id, a title and the schema version."""
    schema = ArticleRecord.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "ArticleRecord",
        "description": (
            f"One article record (schema_version {SCHEMA_VERSION}) as `article-pipeline process` prints it and "
            "as the ArticlesTable holds it (there `body` is the S3 URI of the cleaned text; the item also carries "
            "ingest_order, facts_sha256 and body_ref)."
        ),
    }


def schema_text() -> str:
    return json.dumps(record_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schema(path: Path = DEFAULT_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(write_schema(Path(args[0]) if args else DEFAULT_PATH))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
