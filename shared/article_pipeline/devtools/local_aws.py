"""`article-pipeline local-aws`: the stack's AWS resources on a local endpoint, for `sam local invoke`.

Starts moto's server (``ThreadedMotoServer``) on 127.0.0.1, creates the template's bucket, queues and tables
there (``article_pipeline.local.stack.create_stack``), registers a CloudFormation stack of the same name
whose outputs are the deployed stack's (so ``--stack NAME --endpoint-url URL`` works for the other tools),
uploads the sample articles so the keys in ``events/*.json`` exist, and writes, in ``--out``:

- ``env.json``: ``{"IngestFunction": {...the function's environment..., "AWS_ENDPOINT_URL": ...}}`` for
  ``sam local invoke --env-vars``;
- ``events/*.json``: the sample events with the real ``versionId``, ``eTag`` and ``size`` of the uploaded
  objects. The committed samples name a version id that exists only in the AWS documentation; the handler
  reads the version an event names, so with the committed file it would find ``NoSuchVersion`` and write
  nothing ("gone").

Then it serves until Ctrl-C (``--once`` stops right after, for tests and scripts).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import signal
import socket
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

from article_pipeline.local.repo import repo_root

FUNCTION_ID = "IngestFunction"
DEFAULT_STACK_NAME = "article-pipeline-local"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


@dataclass(frozen=True)
class Uploaded:
    version_id: str | None
    etag: str
    size: int


@dataclass
class LocalAws:
    """A running local endpoint with the stack on it."""

    endpoint_url: str
    stack: Any  # article_pipeline.local.stack.LocalStack
    env_file: Path
    events_dir: Path
    container_endpoint_url: str
    uploaded: dict[str, Uploaded] = field(default_factory=dict)  # key -> what S3 stored
    env_declared: bool = True  # does the template declare AWS_ENDPOINT_URL (sam only overrides declared ones)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-pipeline local-aws",
        description="Serve the stack's bucket, queues and tables on a local AWS endpoint (moto) for "
        "`sam local invoke` and the other tools; writes env.json and events with real version ids.",
    )
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default: 5000)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1; 0.0.0.0 exposes it)"
    )
    parser.add_argument(
        "--container-host",
        default="host.docker.internal",
        help="how the Lambda container reaches this machine (default: host.docker.internal; on Linux with "
        "`sam local invoke --docker-network host` use 127.0.0.1)",
    )
    parser.add_argument("--out", type=Path, default=Path(".local-aws"), help="where env.json and events/ go")
    parser.add_argument("--stack-name", default=DEFAULT_STACK_NAME, help=f"default: {DEFAULT_STACK_NAME}")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--template", type=Path, help="SAM template (default: template.yaml of this clone)")
    parser.add_argument(
        "--articles", type=Path, help="folder of articles to upload (default: events/articles)"
    )
    parser.add_argument(
        "--once", "--no-wait", dest="once", action="store_true", help="set up, print, and stop (no serving)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    root = repo_root()
    template = args.template or root / "template.yaml"
    try:
        with running(
            template,
            events_dir=root / "events",
            articles_dir=args.articles or root / "events" / "articles",
            out=args.out,
            host=args.host,
            port=args.port,
            container_host=args.container_host,
            stack_name=args.stack_name,
            region=args.region,
        ) as local:
            print(describe(local, args))
            sys.stdout.flush()
            if args.once:
                return 0
            signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                print("\nStopping the local endpoint (its data is in memory and is gone now).")
    except OSError as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 1
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def running(
    template: Path,
    *,
    events_dir: Path,
    articles_dir: Path,
    out: Path,
    host: str = "127.0.0.1",
    port: int = 5000,
    container_host: str = "host.docker.internal",
    stack_name: str = DEFAULT_STACK_NAME,
    region: str = "us-east-1",
) -> Iterator[LocalAws]:
    """Start the server, create and fill the stack, write env.json and events; stop the server on exit."""
    # Never send real credentials anywhere from here, and keep moto's streams reachable (botocore >= 1.44.4).
    os.environ.update(FAKE_CREDENTIALS)
    os.environ.pop("AWS_PROFILE", None)
    os.environ.setdefault("AWS_DEFAULT_REGION", region)
    os.environ["AWS_ACCOUNT_ID_ENDPOINT_MODE"] = "disabled"
    _check_port_free(host, port)

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    try:
        bound_host, bound_port = server.get_host_and_port()
        endpoint = f"http://{'127.0.0.1' if bound_host == '0.0.0.0' else bound_host}:{bound_port}"  # noqa: S104 - only shown
        _reset(endpoint)
        from article_pipeline.local.stack import create_stack

        stack = create_stack(template, stack_name=stack_name, region=region, endpoint_url=endpoint)
        clients = _clients(endpoint, region)
        register_outputs(clients("cloudformation"), stack)
        uploaded = upload_articles(clients("s3"), stack.bucket, articles_dir, stack.ingest_environment)
        container_endpoint = f"http://{container_host}:{bound_port}"
        out.mkdir(parents=True, exist_ok=True)
        env_file = out / "env.json"
        write_env_file(env_file, stack.ingest_environment, container_endpoint)
        local_events = out / "events"
        write_local_events(events_dir, local_events, stack.bucket, uploaded)
        yield LocalAws(
            endpoint_url=endpoint,
            stack=stack,
            env_file=env_file,
            events_dir=local_events,
            container_endpoint_url=container_endpoint,
            uploaded=uploaded,
            env_declared="AWS_ENDPOINT_URL" in _declared_variables(stack),
        )
    finally:
        server.stop()


def _check_port_free(host: str, port: int) -> None:
    # ThreadedMotoServer.start() waits forever when its thread cannot bind: find out first.
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise OSError(
                f"cannot listen on {host}:{port} ({error.strerror}); choose another --port"
            ) from error


def _reset(endpoint: str) -> None:
    """Start from an empty emulator: moto's backends live in the process and outlive a stopped server."""
    import urllib.request

    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")  # noqa: S310 - our own http URL
    with urllib.request.urlopen(request, timeout=10):  # noqa: S310 - our own http URL
        pass


def _clients(endpoint: str, region: str) -> Any:
    import boto3  # tooling only

    cache: dict[str, Any] = {}

    def client(service: str) -> Any:
        if service not in cache:
            cache[service] = boto3.client(service, region_name=region, endpoint_url=endpoint)  # type: ignore[call-overload]  # dynamic service
        return cache[service]

    return client


def register_outputs(cloudformation: Any, stack: Any) -> None:
    """A CloudFormation stack named like the local one, whose outputs are the deployed stack's outputs."""
    outputs = {
        "ArticlesBucketName": stack.bucket,
        "IngestQueueUrl": stack.queue_url,
        "IngestDLQUrl": stack.dlq_url,
        "ArticlesTableName": stack.articles_table,
        "ArticlesTableStreamArn": stack.stream_arn,
        "FingerprintsTableName": stack.fingerprints_table,
    }
    body = {
        "Description": "Outputs of the local stack (resources created by article_pipeline.local.stack)",
        "Resources": {"Outputs": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
        "Outputs": {name: {"Value": value} for name, value in outputs.items() if value},
    }
    from botocore.exceptions import ClientError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # moto: "WaitConditionHandle is not supported" (nothing to create)
        try:
            cloudformation.create_stack(StackName=stack.stack_name, TemplateBody=json.dumps(body))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "AlreadyExistsException":
                raise
            cloudformation.update_stack(StackName=stack.stack_name, TemplateBody=json.dumps(body))


def upload_articles(s3: Any, bucket: str, folder: Path, environment: dict[str, str]) -> dict[str, Uploaded]:
    """Put every article of the folder under the incoming prefix; return what S3 stored for each key."""
    prefix = environment.get("INCOMING_PREFIX", "incoming/")
    uploaded: dict[str, Uploaded] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        data = path.read_bytes()
        key = prefix + path.name
        response = s3.put_object(Bucket=bucket, Key=key, Body=data)
        uploaded[key] = Uploaded(
            version_id=response.get("VersionId"),
            etag=str(response.get("ETag", "")).strip('"') or hashlib.md5(data).hexdigest(),  # noqa: S324 - ETag
            size=len(data),
        )
    return uploaded


def write_env_file(path: Path, environment: dict[str, str], endpoint_url: str) -> None:
    document = {FUNCTION_ID: {**environment, "AWS_ENDPOINT_URL": endpoint_url}}
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def write_local_events(source: Path, target: Path, bucket: str, uploaded: dict[str, Uploaded]) -> list[Path]:
    """Copy events/*.json, giving ObjectCreated records the real version id, ETag and size of the object."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(source.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        (target / path.name).write_text(
            json.dumps(localize_event(document, bucket, uploaded), indent=2) + "\n", encoding="utf-8"
        )
        written.append(target / path.name)
    return written


def localize_event(document: Any, bucket: str, uploaded: dict[str, Uploaded]) -> Any:
    """The same event, naming the objects as they exist locally. SQS-wrapped bodies are rewritten inside."""
    if not isinstance(document, dict) or not isinstance(document.get("Records"), list):
        return document
    records = []
    for original in document["Records"]:
        record = dict(original)
        if record.get("eventSource") == "aws:sqs" and isinstance(record.get("body"), str):
            try:
                body = json.loads(record["body"])
            except json.JSONDecodeError:
                body = None
            if body is not None:
                record["body"] = json.dumps(localize_event(body, bucket, uploaded))
                record["md5OfBody"] = hashlib.md5(record["body"].encode()).hexdigest()  # noqa: S324 - SQS's MD5
        elif record.get("eventSource") == "aws:s3" and str(record.get("eventName", "")).startswith(
            "ObjectCreated"
        ):
            s3 = record.get("s3", {})
            key = unquote_plus(str(s3.get("object", {}).get("key", "")))
            facts = uploaded.get(key)
            if s3.get("bucket", {}).get("name") == bucket and facts is not None:
                obj = {**s3["object"], "eTag": facts.etag, "size": facts.size}
                if facts.version_id:
                    obj["versionId"] = facts.version_id
                record["s3"] = {**s3, "object": obj}
        records.append(record)
    return {**document, "Records": records}


def _declared_variables(stack: Any) -> set[str]:
    spec = getattr(stack, "functions", {}).get(FUNCTION_ID)
    return set(spec.environment) if spec is not None else set(stack.ingest_environment)


def describe(local: LocalAws, args: argparse.Namespace) -> str:
    stack = local.stack
    endpoint = local.endpoint_url
    env_file, events = local.env_file, local.events_dir
    lines = [
        f"Local AWS endpoint: {endpoint} (moto; data in memory until you stop it)",
        f"  stack name         {stack.stack_name} (CloudFormation outputs registered: use --stack)",
        f"  bucket             {stack.bucket}",
        f"  ingest queue       {stack.queue_url}",
        f"  dead-letter queue  {stack.dlq_url}",
        f"  articles table     {stack.articles_table}",
        f"  fingerprints table {stack.fingerprints_table}",
        f"  stream             {stack.stream_arn}",
        f"Uploaded {len(local.uploaded)} article(s) to s3://{stack.bucket}/incoming/",
        f"Wrote {env_file} (AWS_ENDPOINT_URL={local.container_endpoint_url}) and {events}/*.json "
        "(sample events with the local version ids)",
        "",
        "Invoke the function in Docker against it (after `make build`):",
        "  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1",
    ]
    invoke = f"  sam local invoke {FUNCTION_ID} -e {events}/sqs_s3_put.json --env-vars {env_file}"
    if args.container_host in {"127.0.0.1", "localhost"}:
        lines.append(invoke + " --docker-network host")
    else:
        lines += [
            invoke,
            "  On Linux with Docker Engine (no host.docker.internal): restart with --container-host 127.0.0.1",
            "  and add --docker-network host to the command above.",
        ]
    lines += [
        "Look at the result:",
        f"  article-pipeline status --stack {stack.stack_name} --endpoint-url {endpoint}",
        f"  AWS_ENDPOINT_URL={endpoint} aws dynamodb scan --table-name {stack.articles_table} --max-items 1",
    ]
    if not local.env_declared:
        lines += [
            "",
            f"warning: template.yaml does not declare AWS_ENDPOINT_URL in {FUNCTION_ID}'s Environment; "
            "`sam local invoke --env-vars` only overrides declared variables, so the function would call real "
            'AWS. Declare it as AWS_ENDPOINT_URL: "" (empty = the real endpoints).',
        ]
    if not args.once:
        lines += ["", "Serving; Ctrl-C to stop."]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
