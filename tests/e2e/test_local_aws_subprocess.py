"""`article-pipeline local-aws` + the handler in another process, as `sam local invoke` runs it, minus Docker.

The local endpoint (moto's server) runs in this process; the handler runs in a subprocess whose environment is
exactly what env.json gives the function (plus PATH, fake credentials and the region), with AWS_ENDPOINT_URL
pointing at the endpoint. The record is then read back through the endpoint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from article_pipeline.devtools import local_aws
from article_pipeline.pipeline.process import article_id_for
from support import EVENTS, REPO

KEY = "incoming/kazakhstan-eu-cooperation-council.txt"

# What `sam local invoke` does inside the container: import the handler module from the function's folder
# and call it with the event file and a context object.
INVOKE = """
import json, sys, uuid
sys.path.insert(0, sys.argv[1])
import ingest_handler

class Context:
    function_name = "IngestFunction"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:IngestFunction"
    aws_request_id = str(uuid.uuid4())
    log_group_name = "/aws/lambda/IngestFunction"
    log_stream_name = "local"
    def get_remaining_time_in_millis(self):
        return 60000

with open(sys.argv[2]) as f:
    event = json.load(f)
print("RESULT " + json.dumps(ingest_handler.lambda_handler(event, Context())))
"""


def _invoke_in_subprocess(env_file: Path, event_file: Path, endpoint_url: str) -> dict[str, object]:
    function_env = json.loads(env_file.read_text())["IngestFunction"]
    environment = {
        **function_env,
        "PATH": os.environ.get("PATH", ""),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "AWS_ENDPOINT_URL": endpoint_url,
    }
    completed = subprocess.run(
        [sys.executable, "-c", INVOKE, str(REPO / "functions" / "ingest"), str(event_file)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result_lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    assert result_lines, completed.stdout[-3000:]
    result: dict[str, object] = json.loads(result_lines[-1].removeprefix("RESULT "))
    return result


def test_handler_in_a_subprocess_writes_the_record_through_the_local_endpoint(tmp_path: Path) -> None:
    # GIVEN the local endpoint with the stack, the sample articles, env.json and the localized sample events
    with local_aws.running(
        REPO / "template.yaml",
        events_dir=EVENTS,
        articles_dir=EVENTS / "articles",
        out=tmp_path / "local",
        port=0,
        container_host="host.docker.internal",
    ) as local:
        env = json.loads(local.env_file.read_text())["IngestFunction"]
        event_file = local.events_dir / "sqs_s3_put.json"
        body = json.loads(json.loads(event_file.read_text())["Records"][0]["body"])
        # WHEN the handler runs in its own process with env.json's environment and the localized SQS event
        result = _invoke_in_subprocess(local.env_file, event_file, local.endpoint_url)
        # THEN the batch has no failures and the record is in the table, processed, for the uploaded version
        import boto3

        dynamodb = boto3.client("dynamodb", endpoint_url=local.endpoint_url, region_name="us-east-1")
        item = dynamodb.get_item(
            TableName=local.stack.articles_table,
            Key={"article_id": {"S": article_id_for(local.stack.bucket, KEY)}},
        ).get("Item")
    # env.json is what sam local invoke needs: the template's variables plus the endpoint for the container
    assert (
        env["ARTICLES_BUCKET"]
        == local.stack.bucket
        == "article-pipeline-local-articles-123456789012-us-east-1"
    )
    assert env["ARTICLES_TABLE"] == local.stack.articles_table
    assert env["AWS_ENDPOINT_URL"].startswith("http://host.docker.internal:")
    # the localized event names the version S3 (moto) stored, not the documentation's example version id
    stored_version = local.uploaded[KEY].version_id
    assert body["Records"][0]["s3"]["object"]["versionId"] == stored_version
    assert result == {"batchItemFailures": []}
    assert item is not None
    assert item["status"]["S"] == "processed"
    assert item["source"]["M"]["version_id"]["S"] == stored_version
    assert item["title"]["S"]


def test_local_aws_once_prints_the_commands_and_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a free port chosen by the system
    monkeypatch.chdir(REPO)
    # WHEN local-aws runs with --once
    code = local_aws.main(["--once", "--port", "0", "--out", str(tmp_path), "--container-host", "127.0.0.1"])
    # THEN it printed the names and the sam command, wrote env.json for the host network, and returned
    out = capsys.readouterr().out
    assert code == 0
    assert "article-pipeline-local-articles-123456789012-us-east-1" in out
    assert (
        f"sam local invoke IngestFunction -e {tmp_path}/events/sqs_s3_put.json --env-vars {tmp_path}/env.json"
        in out
    )
    assert json.loads((tmp_path / "env.json").read_text())["IngestFunction"]["AWS_ENDPOINT_URL"].startswith(
        "http://127.0.0.1:"
    )
    assert "Serving" not in out


def test_local_aws_on_a_busy_port_says_so_instead_of_hanging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a port something already listens on
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        # WHEN local-aws is asked to use it
        code = local_aws.main(["--once", "--port", str(port), "--out", str(tmp_path)])
    # THEN it fails at once with a hint
    assert code == 1
    assert "choose another --port" in capsys.readouterr().err
