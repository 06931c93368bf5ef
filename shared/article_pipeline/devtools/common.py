"""What every devtool shares: finding the stack's resources, making clients, a progress bar.

Resources come from a deployed stack's CloudFormation outputs (``--stack``), from explicit names
(``--bucket``, ``--queue-url``, ``--dlq-url``, ``--table``), or both (explicit names win). ``--endpoint-url``
points every client at an emulator (``article-pipeline local-aws`` registers a CloudFormation stack with the
same outputs there, so ``--stack`` works locally too).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

# The template's outputs the tools read (template.yaml, Outputs).
OUTPUT_BUCKET = "ArticlesBucketName"
OUTPUT_QUEUE = "IngestQueueUrl"
OUTPUT_DLQ = "IngestDLQUrl"
OUTPUT_TABLE = "ArticlesTableName"

DEFAULT_PREFIX = "incoming/"


class UsageError(Exception):
    """A missing or contradictory option: printed as one line, exit status 2."""


@dataclass(frozen=True)
class Target:
    """Where the tools act: names of the stack's resources and the endpoint to reach them."""

    region: str | None = None
    endpoint_url: str | None = None
    stack: str | None = None
    bucket: str | None = None
    queue_url: str | None = None
    dlq_url: str | None = None
    table: str | None = None
    _clients: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def client(self, service: str) -> Any:
        """One boto3 client per service, created on first use, aimed at the endpoint when there is one."""
        if service not in self._clients:
            import boto3  # tooling only: never on the Lambda's import path
            from botocore.config import Config

            config = Config(retries={"mode": "adaptive", "max_attempts": 10}, max_pool_connections=32)
            self._clients[service] = boto3.client(  # type: ignore[call-overload]  # service name is dynamic
                service, region_name=self.region, endpoint_url=self.endpoint_url, config=config
            )
        return self._clients[service]

    def require(self, *names: str) -> None:
        missing = [name for name in names if not getattr(self, name)]
        if missing:
            flags = ", ".join("--" + name.replace("_", "-") for name in missing)
            raise UsageError(f"needs {flags} (or --stack NAME to read them from the stack's outputs)")


def add_target_options(parser: argparse.ArgumentParser, *, names: tuple[str, ...]) -> None:
    """--stack/--region/--endpoint-url, plus the explicit resource names this tool uses."""
    group = parser.add_argument_group("where (a deployed stack, an emulator, or explicit names)")
    group.add_argument("--stack", help="CloudFormation stack name: read the resource names from its outputs")
    group.add_argument("--region", default=None, help="AWS region (default: your AWS configuration)")
    group.add_argument(
        "--endpoint-url",
        default=os.environ.get("AWS_ENDPOINT_URL") or None,
        help="an AWS emulator, e.g. http://127.0.0.1:5000 from `article-pipeline local-aws` "
        "(default: $AWS_ENDPOINT_URL)",
    )
    helps = {
        "bucket": "articles bucket (output ArticlesBucketName)",
        "queue_url": "ingest queue URL (output IngestQueueUrl)",
        "dlq_url": "dead-letter queue URL (output IngestDLQUrl)",
        "table": "articles table (output ArticlesTableName)",
    }
    for name in names:
        group.add_argument("--" + name.replace("_", "-"), default=None, help=helps[name])


def resolve_target(args: argparse.Namespace) -> Target:
    """Explicit names first, then the stack's outputs for whatever is still missing."""
    target = Target(
        region=args.region,
        endpoint_url=args.endpoint_url,
        stack=args.stack,
        bucket=getattr(args, "bucket", None),
        queue_url=getattr(args, "queue_url", None),
        dlq_url=getattr(args, "dlq_url", None),
        table=getattr(args, "table", None),
    )
    if not args.stack:
        return target
    outputs = stack_outputs(target, args.stack)
    return Target(
        region=target.region,
        endpoint_url=target.endpoint_url,
        stack=target.stack,
        bucket=target.bucket or outputs.get(OUTPUT_BUCKET),
        queue_url=target.queue_url or outputs.get(OUTPUT_QUEUE),
        dlq_url=target.dlq_url or outputs.get(OUTPUT_DLQ),
        table=target.table or outputs.get(OUTPUT_TABLE),
        _clients=target._clients,
    )


def stack_outputs(target: Target, stack: str) -> dict[str, str]:
    from botocore.exceptions import ClientError

    try:
        stacks = target.client("cloudformation").describe_stacks(StackName=stack)["Stacks"]
    except ClientError as error:
        raise UsageError(
            f"cannot read stack {stack!r}: {error.response['Error'].get('Message', error)}"
        ) from error
    return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}


def run(main_body: Any, argv: list[str] | None, parser: argparse.ArgumentParser) -> int:
    """Parse, run, and turn the usual failures into one readable line and an exit status."""
    from botocore.exceptions import BotoCoreError, ClientError

    args = parser.parse_args(argv)
    try:
        return int(main_body(args))
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    except (BotoCoreError, ClientError) as error:
        print(f"{parser.prog}: AWS error: {error}", file=sys.stderr)
        return 1


class Progress:
    """A dependency-free progress bar on stderr.

    On a terminal it redraws one line; elsewhere (CI logs, pipes, tests) it prints a line at each tenth of
    the way and at the end, so logs stay short. Thread-safe: workers call ``advance``.
    """

    def __init__(
        self, label: str, total: int | None, *, stream: TextIO | None = None, width: int = 28
    ) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self._stream = stream or sys.stderr
        self._width = width
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._last_draw = 0.0
        self._last_tenth = -1
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._closed = False

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self.done += count
            now = time.monotonic()
            if self._tty:
                if now - self._last_draw >= 0.1 or self.done == self.total:
                    self._last_draw = now
                    self._stream.write("\r" + self.render() + "\x1b[K")
                    self._stream.flush()
            elif self.total:
                tenth = self.done * 10 // self.total
                if tenth != self._last_tenth and tenth < 10:
                    self._last_tenth = tenth
                    self._stream.write(self.render() + "\n")

    def render(self) -> str:
        elapsed = max(time.monotonic() - self._started, 1e-6)
        rate = f"{self.done / elapsed:.1f}/s"
        if not self.total:
            return f"{self.label} {self.done} {rate}"
        filled = min(self._width, self._width * self.done // self.total)
        bar = "#" * filled + "." * (self._width - filled)
        percent = 100 * self.done // self.total
        return f"{self.label} [{bar}] {self.done}/{self.total} {percent:3d}% {rate}"

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._stream.write(
                ("\r" if self._tty else "") + self.render() + ("\x1b[K\n" if self._tty else "\n")
            )
            self._stream.flush()
