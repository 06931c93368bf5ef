"""The index on a local emulator, for the demo: create the table, apply a stream batch, summarise stories.

Once docs/consuming-template-snippet.yaml is in template.yaml, ``create_stack`` creates the IndexTable
itself (``stack.physical_ids["IndexTable"]``); until then ``create_index_table`` makes one with the same keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from article_pipeline.consumer.changes import iter_changes
from article_pipeline.index.indexer import Indexer, IndexOutcome
from article_pipeline.index.query import by_story as rows_of_story
from article_pipeline.index.query import format_rows, stories
from article_pipeline.index.table import IndexTable, table_definition

LOCAL_INDEX_TABLE = "article-pipeline-local-IndexTable"


def create_index_table(name: str = LOCAL_INDEX_TABLE, *, dynamodb: Any = None) -> IndexTable:
    """The IndexTable on whatever endpoint boto3 targets (moto in-process, AWS_ENDPOINT_URL); reused if it exists."""
    import boto3

    resource = dynamodb or boto3.resource("dynamodb")
    client = resource.meta.client
    if name not in client.list_tables().get("TableNames", []):
        client.create_table(**table_definition(name))
        client.get_waiter("table_exists").wait(TableName=name)
    return IndexTable(resource.Table(name))


def apply_stream_event(table: IndexTable, event: Mapping[str, Any]) -> list[IndexOutcome]:
    """Apply a Lambda-shaped stream event in-process (what IndexFunction does, without Lambda's batching)."""
    indexer = Indexer(table)
    return [indexer.apply(change) for change in iter_changes(event)]


def story_summary(table: IndexTable, article_ids: Sequence[str]) -> str:
    """Stories with more than one article among ``article_ids``, as readable tables."""
    parts = []
    for story_id, members in sorted(stories(table, article_ids).items()):
        if len(members) > 1:
            parts.append(
                f"story {story_id} ({len(members)} articles)\n{format_rows(rows_of_story(table, story_id))}"
            )
    return "\n\n".join(parts) if parts else "(no story has more than one article)"
