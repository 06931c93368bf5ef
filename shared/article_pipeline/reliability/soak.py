"""`article-pipeline soak`: thousands of uploads, overwrites and deletes through the deployed event flow on moto,
with random faults, redeliveries and reordering, then a reconciliation of the table against the truth.

The stack comes from template.yaml (create_stack), events flow S3 -> SQS -> the real handler (LocalFlow), and
the handler's boto3 clients get random faults below their retry loop. Notifications are enriched with the
``sequencer`` and ``versionId`` real S3 sends (moto omits both), then redelivered at random and shuffled.

Reconciliation: for every key ever uploaded, the final record must equal the truth (processed or rejected
for the last version, deleted for a deleted key), or the key's message must be in the DLQ (accounted for,
counted). "Lost" is anything else. "Duplicates" are stream events beyond the number of real changes of a
key, or more than one record for a key. Exit status 1 when either is above zero.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import sys
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

from article_pipeline.local.demo import EMULATOR_ENVIRONMENT

QUIET_FUNCTION = {"POWERTOOLS_LOG_LEVEL": "ERROR", "POWERTOOLS_METRICS_DISABLED": "true"}

GZIP_SHARE = 0.05  # of article uploads, sent gzip-compressed

# Uploads that are not articles: each must end as a rejected record.
HOSTILE: tuple[tuple[str, bytes], ...] = (
    ("empty.txt", b""),
    ("blank.txt", b"  \n\t \n"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
    ("broken.json", b'{"title": "Half a scrape", "body": '),
    ("list.json", b"[1, 2, 3]"),
    ("script.html", b"<html><head><script>var a = 1;</script></head><body></body></html>"),
    ("zip.txt", b"PK\x03\x04" + bytes(200)),
)


@dataclass
class Mutation:
    kind: str  # "put" | "delete"
    sequencer: int
    version_id: str | None = None
    etag: str | None = None
    expected: str | None = None  # "processed" | "rejected" for puts


@dataclass
class Figures:
    articles: int = 0
    uploads: int = 0
    overwrites: int = 0
    deletes: int = 0
    notifications: int = 0
    redelivered: int = 0
    deliveries: int = 0
    invocations: int = 0
    faults: int = 0
    retries: int = 0
    backoff_seconds: float = 0.0
    batch_item_failures: int = 0
    dlq_messages: int = 0
    dead_lettered_keys: int = 0
    stream_events: int = 0
    real_changes: int = 0
    lost: int = 0
    duplicates: int = 0
    wall_seconds: float = 0.0
    faults_by_kind: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


MAX_HTML_BYTES = 60_000  # larger benchmark pages are left out: trafilatura alone costs ~0.2 s on each


def corpus_texts(root: Path) -> list[bytes]:
    """Article inputs to vary: the seeds, the sample articles (text, JSON, gzip HTML), the article texts of the
    extraction benchmark's ground truth, and its smaller raw HTML pages."""
    texts: list[bytes] = []
    for folder, pattern in (
        (root / "tests" / "corpus" / "seeds", "*.txt"),
        (root / "events" / "articles", "*"),
    ):
        for path in sorted(folder.glob(pattern)):
            data = path.read_bytes()
            texts.append(gzip.decompress(data) if path.name.endswith(".gz") else data)
    aeb = root / "tests" / "corpus" / "aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    for page in sorted(truth.values(), key=lambda page: str(page.get("url", ""))):
        body = str(page.get("articleBody") or "")
        if body.strip():
            texts.append(body.encode("utf-8"))
    for path in sorted((aeb / "html").glob("*.html.gz")):
        data = gzip.decompress(path.read_bytes())
        if len(data) <= MAX_HTML_BYTES:
            texts.append(data)
    if not texts:
        raise FileNotFoundError(f"no corpus texts under {root}")
    return texts


def variant(base: bytes, n: int) -> bytes:
    """A distinct article from a corpus text: a numbered line appended (HTML: before </body>)."""
    line = f"Update {n}: the figures above were revised on day {n % 28 + 1} after further reporting."
    if b"</body>" in base:
        return base.replace(b"</body>", f"<p>{line}</p></body>".encode(), 1)
    if base.lstrip().startswith(b"{"):
        try:
            document = json.loads(base)
        except ValueError:
            return base + f"\n{line}".encode()
        if isinstance(document, dict):
            # The longest string field is the article text, whatever the scraper called it.
            texts = [name for name, value in document.items() if isinstance(value, str)]
            if texts:
                name = max(texts, key=lambda field: len(document[field]))
                document[name] += f"\n\n{line}"
                return json.dumps(document).encode()
        return base
    return base.rstrip() + f"\n\n{line}\n".encode()


@contextmanager
def keyed_moto_queries() -> Iterator[None]:
    """Emulator speed only: moto answers a base-table Query by sorting *every* item of the table and filtering
    on the hash key, so the fingerprint lookups grow with the table and dominate a long soak. Within this block
    such a query sees only the items under its hash key (the ones moto's own filter would keep), so results are
    unchanged. Indexes, scans and every other call are untouched."""
    from moto.dynamodb.models.table import Table

    original = Table.query

    def query(self: Any, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        if index_name or hash_key is None or not self.range_key_attr or hash_key not in self.items:
            return original(self, hash_key, *args, **kwargs)
        under_key = list(self.items[hash_key].values())
        self.all_items = lambda: sorted(under_key, key=lambda item: (item.hash_key, item.range_key))
        try:
            return original(self, hash_key, *args, **kwargs)
        finally:
            del self.all_items

    Table.query = query  # type: ignore[method-assign]  # restored below
    try:
        yield
    finally:
        Table.query = original  # type: ignore[method-assign]


class Soak:
    def __init__(self, args: argparse.Namespace, root: Path) -> None:
        self.args = args
        self.root = root
        self.rng = random.Random(args.seed)  # noqa: S311 - a reproducible schedule, not security
        self.truth: dict[str, list[Mutation]] = {}
        self.live: list[str] = []  # keys whose object currently exists
        self.sequencer = 0
        self.figures = Figures()
        self.history: list[str] = []  # every notification body delivered so far (for late redeliveries)

    # ------------------------------------------------------------------------------------------- run

    def run(self) -> Figures:
        """The whole soak, inside an emulator; the process environment is restored afterwards."""
        from article_pipeline.local.flow import function_environment

        settings = {name: os.environ.get(name, value) for name, value in EMULATOR_ENVIRONMENT.items()}
        with function_environment({**settings, **QUIET_FUNCTION}), warnings.catch_warnings():
            # A batch holding only the s3:TestEvent publishes no metric, and Powertools warns about it.
            warnings.filterwarnings("ignore", message="No application metrics to publish")
            return self._run()

    def _run(self) -> Figures:
        from moto import mock_aws

        from article_pipeline.local.flow import LocalFlow, function_environment
        from article_pipeline.local.repo import load_ingest_handler
        from article_pipeline.local.stack import create_stack
        from article_pipeline.reliability.faults import FaultInjector, fast_backoff, random_faults
        from article_pipeline.reliability.harness import attach_to_handler, drain

        started = time.perf_counter()
        with mock_aws():
            stack = create_stack(self.root / "template.yaml")
            environment = {**stack.ingest_environment, **QUIET_FUNCTION}
            with function_environment(environment):
                handler: Any = load_ingest_handler(self.root)
            handler.ingestor.cache_clear()
            stack = stack.__class__(**{**stack.__dict__, "ingest_environment": environment})
            flow = LocalFlow(stack, handler.lambda_handler)
            drain(flow, stack.queue_url)  # the s3:TestEvent
            injector = FaultInjector(random_faults(self.args.fault_rate, seed=self.args.seed))
            injector.record_calls = False
            attach_to_handler(injector, handler, environment)
            texts = corpus_texts(self.root)
            self.expected: dict[int, str] = {}
            with fast_backoff() as sleeps, keyed_moto_queries():
                uploaded = 0
                while uploaded < self.args.count:
                    wave = min(self.args.wave, self.args.count - uploaded)
                    self._wave(flow, texts, uploaded, wave)
                    uploaded += wave
                self._settle(flow)
            self.figures.faults = injector.stats.faults
            self.figures.retries = injector.stats.retries
            self.figures.faults_by_kind = dict(sorted(injector.stats.injected.items()))
            self.figures.backoff_seconds = round(sleeps.total, 1)
            self._reconcile(flow)
            handler.ingestor.cache_clear()
        self.figures.wall_seconds = round(time.perf_counter() - started, 1)
        return self.figures

    def _expected_status(self, texts: list[bytes], index: int) -> str:
        """What a corpus text becomes on its own (its variants keep that status); computed once per text."""
        if index not in self.expected:
            from article_pipeline.models import Source
            from article_pipeline.pipeline.process import process_article

            data = texts[index]
            source = Source(bucket="soak", key=f"incoming/corpus-{index}", size=len(data))
            self.expected[index] = process_article(data, source).status
        return self.expected[index]

    # ------------------------------------------------------------------------------------------- waves

    def _wave(self, flow: Any, texts: list[bytes], first: int, count: int) -> None:
        """``count`` new articles with overwrites and deletes mixed in; then deliver, shuffled and repeated."""
        from article_pipeline.reliability.harness import drain

        s3 = flow.client("s3")
        pending: dict[str, list[Mutation]] = {}  # puts of this wave whose notification is not yet seen
        removals: list[str] = []
        for n in range(first, first + count):
            roll = self.rng.random()
            if roll < self.args.overwrite_rate and self.live:
                key = self.rng.choice(self.live)
                self.figures.overwrites += 1
            else:
                key = f"incoming/soak/{n:06d}-{self.rng.randrange(16**6):06x}"
                self.figures.articles += 1
            data, expected, suffix = self._content(texts, n)
            key = key if key in self.truth else key + suffix
            response = s3.put_object(Bucket=flow.stack.bucket, Key=key, Body=data)
            mutation = Mutation(
                "put",
                self._next_sequencer(),
                version_id=response.get("VersionId"),
                etag=str(response["ETag"]).strip('"'),
                expected=expected,
            )
            self.truth.setdefault(key, []).append(mutation)
            pending.setdefault(key, []).append(mutation)
            if key not in self.live:
                self.live.append(key)
            self.figures.uploads += 1
            if self.rng.random() < self.args.delete_rate and self.live:
                victim = self.rng.choice(self.live)
                marker = s3.delete_object(Bucket=flow.stack.bucket, Key=victim).get("VersionId")
                deletion = Mutation("delete", self._next_sequencer(), version_id=marker)
                self.truth[victim].append(deletion)
                self.live.remove(victim)
                removals.append(self._removed_body(flow, victim, deletion))
                self.figures.deletes += 1
        enriched = [self._enriched(message["Body"], pending) for message in drain(flow, flow.stack.queue_url)]
        bodies = [body for body in enriched if body] + removals
        self.figures.notifications += len(bodies)
        repeats = [body for body in bodies if self.rng.random() < self.args.redeliver_rate]
        late = self.rng.sample(self.history, min(len(self.history), len(repeats) // 2))
        self.history.extend(bodies)
        deliveries = bodies + repeats + late
        self.figures.redelivered += len(repeats) + len(late)
        self.rng.shuffle(deliveries)
        flow.redeliver(deliveries)
        self._pump(flow)

    def _content(self, texts: list[bytes], n: int) -> tuple[bytes, str, str]:
        roll = self.rng.random()
        if roll < self.args.hostile_rate:
            name, data = self.rng.choice(HOSTILE)
            return data, "rejected", "-" + name
        index = self.rng.randrange(len(texts))
        base = texts[index]
        head = base[:2000].lstrip().lower()
        suffix = ".html" if b"<html" in head else ".json" if head.startswith(b"{") else ".txt"
        if roll < self.args.hostile_rate + self.args.duplicate_rate:
            return (
                base,
                self._expected_status(texts, index),
                suffix,
            )  # an exact copy of a corpus text: a duplicate story
        data = variant(base, n)
        if self.rng.random() < GZIP_SHARE:
            return gzip.compress(data, mtime=0), self._expected_status(texts, index), suffix + ".gz"
        return data, self._expected_status(texts, index), suffix

    def _next_sequencer(self) -> int:
        self.sequencer += 1
        return self.sequencer

    def _enriched(self, body: str, pending: dict[str, list[Mutation]]) -> str | None:
        """moto's notification with the sequencer and versionId S3 would have sent."""
        document = json.loads(body)
        if document.get("Event") == "s3:TestEvent":
            return None
        for record in document["Records"]:
            obj = record["s3"]["object"]
            key = unquote_plus(obj["key"])
            mutation = pending[key].pop(0)
            if obj.get("eTag") and obj["eTag"] != mutation.etag:
                raise RuntimeError(f"notification order differs from upload order for {key}")
            obj["sequencer"] = f"{mutation.sequencer:016X}"
            obj["versionId"] = mutation.version_id
        return json.dumps(document)

    def _removed_body(self, flow: Any, key: str, deletion: Mutation) -> str:
        from article_pipeline.reliability.harness import s3_notification

        return s3_notification(
            bucket=flow.stack.bucket,
            key=key,
            event_name="ObjectRemoved:DeleteMarkerCreated",
            sequencer=deletion.sequencer,
            version_id=deletion.version_id,
        )

    def _pump(self, flow: Any) -> None:
        stats = flow.pump(max_batches=100_000)
        self.figures.invocations += stats.invocations
        self.figures.deliveries += stats.messages
        self.figures.batch_item_failures += stats.failures

    def _settle(self, flow: Any) -> None:
        from article_pipeline.local.flow import queue_depth

        for _ in range(100):
            if queue_depth(flow, flow.stack.queue_url) == 0:
                return
            self._pump(flow)
        raise RuntimeError("the ingest queue did not drain")

    # ------------------------------------------------------------------------------------------- check

    def _reconcile(self, flow: Any) -> None:
        from article_pipeline.pipeline.fingerprint import content_sha256
        from article_pipeline.reliability.harness import drain, items_by_key, read_body

        figures = self.figures
        dead = drain(flow, flow.stack.dlq_url)
        figures.dlq_messages = len(dead)
        dead_keys: set[str] = set()
        for message in dead:
            try:
                for record in json.loads(message["Body"]).get("Records", []):
                    dead_keys.add(unquote_plus(record["s3"]["object"]["key"]))
            except (ValueError, KeyError, AttributeError):
                figures.problems.append(f"unreadable DLQ message {message['MessageId']}")
        items = items_by_key(
            flow, attributes=["article_id", "source", "status", "error", "body", "content_sha256"]
        )
        records = flow.stream_records()
        figures.stream_events = len(records)
        per_key: Counter[str] = Counter()
        last_image: dict[str, tuple[Any, Any]] = {}
        for record in records:
            from article_pipeline.reliability.harness import plain

            image = record["dynamodb"].get("NewImage") or record["dynamodb"].get("OldImage") or {}
            key = str(plain(image["source"])["key"]) if "source" in image else "?"
            per_key[key] += 1
            state = (image.get("ingest_order"), image.get("facts_sha256"))
            if last_image.get(key) == state:
                figures.duplicates += 1
                figures.problems.append(f"{key}: the same record written twice in a row")
            last_image[key] = state
        if len(items) != len({item["article_id"] for item in items.values()}):
            figures.duplicates += len(items) - len({item["article_id"] for item in items.values()})
        for key, mutations in self.truth.items():
            figures.real_changes += len(mutations)
            extra = per_key.get(key, 0) - len(mutations)
            if extra > 0:
                figures.duplicates += extra
                figures.problems.append(f"{key}: {per_key[key]} stream events for {len(mutations)} changes")
            problem = self._mismatch(key, mutations[-1], items.get(key), flow, read_body, content_sha256)
            if problem is None:
                continue
            if key in dead_keys:
                figures.dead_lettered_keys += 1
            else:
                figures.lost += 1
                figures.problems.append(f"{key}: {problem}")

    def _mismatch(  # noqa: PLR0917 - private helper, called once
        self, key: str, last: Mutation, item: dict[str, Any] | None, flow: Any, read_body: Any, sha: Any
    ) -> str | None:
        if item is None:
            return "no record"
        if last.kind == "delete":
            return None if item["status"] == "deleted" else f"status {item['status']}, expected deleted"
        if item["status"] != last.expected:
            code = (item.get("error") or {}).get("code")
            return f"status {item['status']} ({code}), expected {last.expected}"
        if item["source"].get("version_id") != last.version_id:
            return f"version {item['source'].get('version_id')}, expected the last one {last.version_id}"
        if item["status"] == "processed":
            body = read_body(flow, item["body"])
            if sha(body) != item["content_sha256"]:
                return "the cleaned body in S3 is not the record's"
        return None


def format_figures(figures: Figures) -> str:
    lines = [
        f"articles           {figures.articles}",
        f"uploads            {figures.uploads} ({figures.overwrites} overwrites), deletes {figures.deletes}",
        f"real changes       {figures.real_changes}",
        f"notifications      {figures.notifications}, redelivered {figures.redelivered}",
        f"deliveries         {figures.deliveries} messages in {figures.invocations} invocations",
        f"faults injected    {figures.faults}",
        *[f"  {name:<40} {count}" for name, count in figures.faults_by_kind.items()],
        f"retries            {figures.retries} (backoff computed {figures.backoff_seconds} s, not slept)",
        f"batch item failures {figures.batch_item_failures}",
        f"DLQ messages       {figures.dlq_messages} ({figures.dead_lettered_keys} keys accounted for by the DLQ)",
        f"stream events      {figures.stream_events}",
        f"lost               {figures.lost}",
        f"duplicates         {figures.duplicates}",
        f"wall time          {figures.wall_seconds} s",
    ]
    lines.extend(f"problem: {problem}" for problem in figures.problems[:20])
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="article-pipeline soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="uploads in all (default 2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed: the same seed, the same run")
    parser.add_argument("--fault-rate", type=float, default=0.2, help="share of S3 GET/PUT and DynamoDB write attempts that fail (default 0.2)")  # fmt: skip
    parser.add_argument(
        "--redeliver-rate", type=float, default=0.15, help="share of notifications delivered twice"
    )
    parser.add_argument(
        "--overwrite-rate", type=float, default=0.1, help="share of uploads replacing a live key"
    )
    parser.add_argument(
        "--delete-rate", type=float, default=0.08, help="chance of a delete after each upload"
    )
    parser.add_argument(
        "--hostile-rate", type=float, default=0.1, help="share of uploads that are not articles"
    )
    parser.add_argument(
        "--duplicate-rate", type=float, default=0.1, help="share of uploads copying a corpus text"
    )
    parser.add_argument("--wave", type=int, default=200, help="uploads between two deliveries (default 200)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from article_pipeline.local.repo import repo_root

    figures = Soak(args, repo_root()).run()
    if args.json:
        print(json.dumps(figures.__dict__, indent=2))
    else:
        print(format_figures(figures))
    return 1 if figures.lost or figures.duplicates else 0


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


if __name__ == "__main__":
    sys.exit(main())
