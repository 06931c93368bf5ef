"""X-Ray tracing (issue #7) with the real X-Ray SDK: both handlers, run in a fresh interpreter that looks like
Lambda (LAMBDA_TASK_ROOT and a sampled trace header), send their segments to a UDP socket standing in for the
X-Ray daemon.

A fresh interpreter because Powertools decides at import whether tracing is on, and because turning it on
patches botocore for the whole process. The tests check what reaches the daemon: the handler and per-record
subsegments, the S3 and DynamoDB calls inside the per-record one, annotations, and never the article's text
or a handler's return value. With tracing off (POWERTOOLS_TRACE_DISABLED, or `sam local`), nothing is sent
and the article is still processed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from support import NEWS_TEXT, REPO

TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793"
# Text of the articles that ends up in the record (title, summary, entities, quotes) and in the cleaned body.
ARTICLE_WORDS = {
    "ingest": ["German government", "largest investment in a generation", "Bundestag"],
    "index": [
        "officially opened negotiations on a visa facilitation",
        "historic step in bilateral relations",
    ],
}

# Each handler runs in its own interpreter, as in Lambda: patching botocore is process-wide, and Powertools
# shares one Tracer configuration between instances, so one handler could hide the other's omissions.
PROBES = {
    "ingest": """
import json, sys
from pathlib import Path
sys.path[:0] = {paths!r}
import moto  # before any boto3 session exists

with moto.mock_aws():
    import ingest_handler

    from article_pipeline.local.flow import LocalFlow
    from article_pipeline.local.stack import create_stack

    flow = LocalFlow(create_stack(Path({repo!r}) / "template.yaml"), ingest_handler.lambda_handler)
    flow.upload("incoming/rail.txt", {text!r}.encode())
    stats = flow.pump()
    records = flow.stream_records()
    print(json.dumps({{
        "ok": stats.failures == 0 and [r["eventName"] for r in records] == ["INSERT"],
        "article_id": records[0]["dynamodb"]["Keys"]["article_id"]["S"] if records else None,
        "tracing": not ingest_handler.tracer.disabled,
        "botocore_patched": "aws_xray_sdk.ext.botocore.patch" in sys.modules,
    }}))
""",
    "index": """
import json, os, sys
from pathlib import Path
sys.path[:0] = {paths!r}
import moto  # before any boto3 session exists

with moto.mock_aws():
    import index_handler

    from article_pipeline.index.local import create_index_table
    from article_pipeline.local.flow import LocalContext

    os.environ["INDEX_TABLE"] = create_index_table("IndexTable").name
    event = json.loads((Path({repo!r}) / "events" / "dynamodb_stream_insert.json").read_text())
    response = index_handler.lambda_handler(event, LocalContext())
    print(json.dumps({{
        "ok": response["batchItemFailures"] == [],
        "article_id": event["Records"][0]["dynamodb"]["Keys"]["article_id"]["S"],
        "tracing": not index_handler.tracer.disabled,
        "botocore_patched": "aws_xray_sdk.ext.botocore.patch" in sys.modules,
    }}))
""",
}


@pytest.fixture
def daemon() -> Iterator[socket.socket]:
    """A UDP socket where the X-Ray daemon would listen."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 * 2**20)
    sock.bind(("127.0.0.1", 0))
    yield sock
    sock.close()


def run_probe(handler: str, daemon: socket.socket, **environment: str) -> dict[str, Any]:
    """One handler over one record in a Lambda-like interpreter; returns what the probe printed."""
    port = daemon.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if key != "POWERTOOLS_TRACE_DISABLED"}
    env.update(
        {
            "LAMBDA_TASK_ROOT": str(REPO / "functions" / handler),
            "_X_AMZN_TRACE_ID": f"Root={TRACE_ID};Parent=53995c3f42cd8ad8;Sampled=1",
            "AWS_XRAY_DAEMON_ADDRESS": f"127.0.0.1:{port}",
            "POWERTOOLS_LOG_LEVEL": "ERROR",
        }
    )
    env.update(environment)
    paths = [str(REPO / "functions" / handler), str(REPO / "shared")]
    script = PROBES[handler].format(paths=paths, repo=str(REPO), text=NEWS_TEXT)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def received(daemon: socket.socket) -> list[str]:
    """Every datagram the daemon socket holds (the probe has exited, so all of them have arrived)."""
    daemon.setblocking(False)
    datagrams = []
    while True:
        try:
            datagrams.append(daemon.recv(2**16).decode())
        except BlockingIOError:
            return datagrams


def subsegments(datagrams: list[str]) -> list[dict[str, Any]]:
    """Every subsegment sent, nested or streamed alone, each with "parent" set to its parent's id."""
    found: list[dict[str, Any]] = []

    def walk(entity: dict[str, Any], parent: str | None) -> None:
        found.append({**entity, "parent": parent})
        for child in entity.get("subsegments", []):
            walk(child, entity["id"])

    for datagram in datagrams:
        header, body = datagram.split("\n", 1)
        assert json.loads(header) == {"format": "json", "version": 1}
        document = json.loads(body)
        walk(document, document.get("parent_id"))
    return found


def ancestors(entity: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> list[str]:
    names = []
    while entity.get("parent") in by_id:
        entity = by_id[entity["parent"]]
        names.append(entity["name"])
    return names


def traced(handler: str, daemon: socket.socket) -> tuple[dict[str, Any], list[str], list[dict[str, Any]]]:
    """Run a handler with tracing on; its result, the datagrams and every subsegment, checked for what holds
    for both handlers: one "## lambda_handler" per invocation, the trace id, and no article text or
    return value anywhere."""
    result = run_probe(handler, daemon)
    datagrams = received(daemon)
    found = subsegments(datagrams)
    assert result["ok"] and result["tracing"] and result["botocore_patched"], result
    assert all(s.get("trace_id", TRACE_ID) == TRACE_ID for s in found)
    [invocation] = [s for s in found if s["name"] == "## lambda_handler"]
    assert invocation["annotations"]["ColdStart"] is True
    for datagram in datagrams:
        for words in ARTICLE_WORDS[handler]:
            assert words not in datagram, f"{words!r} sent to X-Ray"
    for subsegment in found:  # capture_response=False everywhere
        for namespace in subsegment.get("metadata", {}).values():
            assert not [key for key in namespace if key.endswith(" response")], subsegment["name"]
    return result, datagrams, found


def test_ingest_handler_traces_each_object_with_its_s3_and_dynamodb_calls(daemon: socket.socket) -> None:
    # GIVEN a Lambda-like interpreter with a sampled trace and a daemon socket
    # WHEN an article goes through the ingest handler (S3 -> SQS -> handler, on moto)
    result, _, found = traced("ingest", daemon)
    by_id = {s["id"]: s for s in found}
    # THEN the object is one subsegment under the invocation's, annotated with outcome and article id
    [obj] = [s for s in found if s["name"] == "## ingest_handler.handle_object_event"]
    assert ancestors(obj, by_id)[0] == "## lambda_handler"
    assert obj["annotations"] == {"outcome": "processed", "article_id": result["article_id"]}
    # AND its S3 and DynamoDB calls are subsegments inside it (botocore is patched)
    inside = {
        (s["name"], s["aws"]["operation"])
        for s in found
        if s.get("namespace") == "aws" and obj["name"] in ancestors(s, by_id)
    }
    assert {("s3", "GetObject"), ("s3", "PutObject"), ("dynamodb", "PutItem")} <= inside, inside


def test_index_handler_traces_each_stream_record_with_its_dynamodb_calls(daemon: socket.socket) -> None:
    # GIVEN a Lambda-like interpreter with a sampled trace and a daemon socket
    # WHEN a stream INSERT goes through the index handler (IndexTable on moto)
    result, _, found = traced("index", daemon)
    by_id = {s["id"]: s for s in found}
    # THEN the record is one subsegment under the invocation's, annotated with article, change and action
    [change] = [s for s in found if s["name"] == "## index_handler.handle_change"]
    assert ancestors(change, by_id)[0] == "## lambda_handler"
    assert change["annotations"] == {
        "article_id": result["article_id"],
        "action": "indexed",
        "change": "Created",
    }
    # AND its DynamoDB calls are subsegments inside it
    inside = {
        s["aws"]["operation"]
        for s in found
        if s.get("namespace") == "aws" and change["name"] in ancestors(s, by_id)
    }
    assert "GetItem" in inside or "Query" in inside, inside
    assert inside & {"PutItem", "BatchWriteItem", "TransactWriteItems"}, inside


@pytest.mark.parametrize("handler", ["ingest", "index"])
@pytest.mark.parametrize(
    "environment",
    [{"POWERTOOLS_TRACE_DISABLED": "true"}, {"AWS_SAM_LOCAL": "true"}],
    ids=["POWERTOOLS_TRACE_DISABLED", "sam-local"],
)
def test_with_tracing_off_nothing_is_sent_and_the_record_is_still_handled(
    daemon: socket.socket, handler: str, environment: dict[str, str]
) -> None:
    # GIVEN the same Lambda-like interpreter, with tracing turned off (explicitly, or by `sam local invoke`)
    # WHEN the handler gets its record
    result = run_probe(handler, daemon, **environment)
    # THEN it is handled as usual, botocore is left alone and the daemon hears nothing
    assert result["ok"], result
    assert not result["tracing"]
    assert not result["botocore_patched"]
    assert received(daemon) == []


class _Ingestor:
    def __init__(self, outcome: Any) -> None:
        self.outcome = outcome

    def handle(self, event: Any) -> Any:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


@pytest.mark.parametrize(
    ("outcome", "annotations"),
    [
        ("rejected", [("outcome", "rejected"), ("article_id", "a1"), ("error_code", "too_short")]),
        ("duplicate", [("outcome", "processed"), ("article_id", "a1"), ("duplicate", True)]),
        ("failed", [("outcome", "failed"), ("error_type", "TimeoutError")]),
    ],
)
def test_object_annotations_name_the_outcome_and_error_never_the_text(
    monkeypatch: pytest.MonkeyPatch, outcome: str, annotations: list[tuple[str, Any]]
) -> None:
    import ingest_handler

    from article_pipeline.events import ObjectEvent
    from article_pipeline.ingest import IngestResult

    # GIVEN an ingestor that rejects, finds a duplicate, or fails with a message holding article text
    results = {
        "rejected": IngestResult("rejected", article_id="a1", error_code="too_short"),
        "duplicate": IngestResult("processed", article_id="a1", duplicate_of="a0"),
        "failed": TimeoutError(NEWS_TEXT),
    }
    monkeypatch.setattr(ingest_handler, "ingestor", lambda: _Ingestor(results[outcome]))
    recorded: list[tuple[str, Any]] = []
    monkeypatch.setattr(
        ingest_handler.tracer, "put_annotation", lambda key, value: recorded.append((key, value))
    )
    # WHEN the object event is handled
    event = ObjectEvent(kind="created", bucket="b", key="incoming/a.txt")
    if outcome == "failed":
        with pytest.raises(TimeoutError):
            ingest_handler.handle_object_event(event)
    else:
        ingest_handler.handle_object_event(event)
    # THEN the annotations are the outcome, the ids and the codes: the exception's message is not one of them
    assert recorded == annotations
