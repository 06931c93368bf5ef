"""Fixtures for the index consumer: an IndexTable on moto and the index handler fed from the flow's stream."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from support import REPO

sys.path.insert(0, str(REPO / "functions" / "index"))

INDEX_TABLE_NAME = "article-pipeline-local-IndexTable"


@pytest.fixture
def index_table(stack: Any) -> Any:
    """The IndexTable on moto: the stack's own once template.yaml has the snippet, else one with its keys."""
    from article_pipeline.index.local import create_index_table

    return create_index_table(stack.physical_ids.get("IndexTable", INDEX_TABLE_NAME))


@pytest.fixture
def index_handler(stack: Any, index_table: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The real index Lambda module, with the function's environment and a fresh client cache."""
    import index_handler as module

    function = stack.functions.get("IndexFunction")
    environment = dict(function.environment) if function else {"POWERTOOLS_SERVICE_NAME": "article-index"}
    environment["INDEX_TABLE"] = index_table.name
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("POWERTOOLS_LOG_LEVEL", "WARNING")
    module.indexer.cache_clear()
    yield module
    module.indexer.cache_clear()


@pytest.fixture
def deliver(index_handler: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Invoke the index handler with a Lambda DynamoDB-stream event, as the event source mapping does."""
    from article_pipeline.local.flow import LocalContext

    def invoke(event: dict[str, Any]) -> dict[str, Any]:
        response: dict[str, Any] = index_handler.lambda_handler(event, LocalContext())
        return response

    return invoke


@pytest.fixture
def consume(flow: Any, deliver: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """Read the ArticlesTable stream records new since the last call and deliver them as one batch.

    Returns {"event": <the Lambda event>, "response": <the handler's answer>}; an empty stream delivers nothing.
    """
    from article_pipeline.consumer.stream_events import lambda_stream_event

    def run() -> dict[str, Any]:
        event = lambda_stream_event(flow.stream_records(), stream_arn=flow.stack.stream_arn)
        if not event["Records"]:
            return {"event": event, "response": None}
        return {"event": event, "response": deliver(event)}

    return run


@pytest.fixture
def index_items(index_table: Any) -> Callable[[], list[dict[str, Any]]]:
    """Every item of the IndexTable, sorted by key, for before/after comparisons."""
    import boto3

    from article_pipeline.consumer.changes import plain

    def scan() -> list[dict[str, Any]]:
        table = boto3.resource("dynamodb").Table(index_table.name)
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {}
        while True:
            page = table.scan(**kwargs)
            items.extend(plain(i) for i in page["Items"])
            if "LastEvaluatedKey" not in page:
                return sorted(items, key=lambda i: (i["pk"], i["sk"]))
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    return scan
