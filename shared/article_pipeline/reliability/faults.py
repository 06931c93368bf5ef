"""Fault injection into boto3 clients, below botocore's retry loop.

Faults are injected on the ``before-send`` event: the answer a handler returns there is treated by botocore
exactly like an HTTP response from AWS, so the client's retry configuration (mode, attempts, backoff, retry
quota) is exercised for real. A fault either happens *before* the call takes effect (throttling: the service
did nothing) or *after* it (an ambiguous 500: the write happened, the answer was lost).

Under moto's in-process ``mock_aws`` the emulator itself answers on ``before-send``; the injector takes
moto's handler off the client and calls it itself, so a fault before the effect never reaches the emulator
and a fault after the effect does. Against a moto server (real HTTP), faults after the effect are sent as
faults before it.

Typical use::

    injector = FaultInjector(rule=random_faults(rate=0.3, seed=7))
    injector.attach(client)          # any boto3 client; a resource's is resource.meta.client
    with fast_backoff() as sleeps:   # botocore's backoff sleeps are recorded, not slept
        ...
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

# --------------------------------------------------------------------------------------------- faults


@dataclass(frozen=True)
class Fault:
    """One failed attempt as the service reports it."""

    code: str
    status: int
    message: str = "injected fault"
    after_effect: bool = False  # the call took effect and only the answer was lost

    def response(self, service: str) -> Any:
        from botocore.awsrequest import AWSResponse

        if service == "s3":
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f"<Error><Code>{self.code}</Code><Message>{self.message}</Message>"
                "<RequestId>INJECTED</RequestId></Error>"
            ).encode()
            headers = {"Content-Type": "application/xml", "x-amz-request-id": "INJECTED"}
        else:  # the JSON protocols: DynamoDB, SQS
            prefix = "com.amazonaws.dynamodb.v20120810#" if service == "dynamodb" else ""
            body = ('{"__type":"' + prefix + self.code + '","message":"' + self.message + '"}').encode()
            headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "INJECTED"}
        wire_headers: Any = headers  # botocore wants its HTTPHeaders type; a mapping is what it reads
        return AWSResponse("https://injected.invalid/", self.status, wire_headers, _RawBody(body))


class _RawBody(BytesIO):
    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.getvalue()


# The transient answers AWS documents for the calls the ingest function makes.
THROTTLED_DYNAMODB = Fault("ProvisionedThroughputExceededException", 400, "The level of configured provisioned throughput for the table was exceeded.")  # fmt: skip
THROTTLING = Fault("ThrottlingException", 400, "Rate of requests exceeds the allowed throughput.")
DYNAMODB_500 = Fault("InternalServerError", 500, "Internal server error", after_effect=True)
S3_500 = Fault("InternalError", 500, "We encountered an internal error. Please try again.")
S3_SLOW_DOWN = Fault("SlowDown", 503, "Please reduce your request rate.")

FAULTS_BY_SERVICE: dict[str, tuple[Fault, ...]] = {
    "s3": (S3_500, S3_SLOW_DOWN),
    "dynamodb": (THROTTLED_DYNAMODB, THROTTLING, DYNAMODB_500),
}

# The calls whose failure the pipeline must survive: S3 GET and PUT, DynamoDB writes.
DEFAULT_OPERATIONS = frozenset(
    {
        ("s3", "GetObject"),
        ("s3", "PutObject"),
        ("dynamodb", "PutItem"),
        ("dynamodb", "BatchWriteItem"),
    }
)

# A rule decides, per attempt, whether it fails: (service, operation) -> Fault or None.
Rule = Callable[[str, str], Fault | None]


def random_faults(
    rate: float,
    *,
    seed: int = 0,
    operations: frozenset[tuple[str, str]] = DEFAULT_OPERATIONS,
    faults: dict[str, tuple[Fault, ...]] | None = None,
) -> Rule:
    """Each attempt of the given operations fails with probability ``rate``, with a random fault of its service."""
    rng = random.Random(seed)  # noqa: S311 - seeded, reproducible fault schedule; not security
    lock = threading.Lock()
    choices = faults or FAULTS_BY_SERVICE

    def rule(service: str, operation: str) -> Fault | None:
        if (service, operation) not in operations:
            return None
        with lock:
            if rng.random() >= rate:
                return None
            return rng.choice(choices[service])

    return rule


def every_nth(n: int, fault: Fault, *, operations: frozenset[tuple[str, str]]) -> Rule:
    """Attempts 1, 1+n, 1+2n, ... of each listed operation fail (n=3: a third of attempts)."""
    counts: Counter[tuple[str, str]] = Counter()
    lock = threading.Lock()

    def rule(service: str, operation: str) -> Fault | None:
        if (service, operation) not in operations:
            return None
        with lock:
            counts[service, operation] += 1
            return fault if (counts[service, operation] - 1) % n == 0 else None

    return rule


def always(fault: Fault, *, operations: frozenset[tuple[str, str]]) -> Rule:
    """Every attempt of the listed operations fails: an outage."""

    def rule(service: str, operation: str) -> Fault | None:
        return fault if (service, operation) in operations else None

    return rule


# --------------------------------------------------------------------------------------------- injector


@dataclass
class FaultStats:
    calls: Counter[str] = field(default_factory=Counter)  # API calls made by the code ("s3.GetObject")
    attempts: Counter[str] = field(default_factory=Counter)  # HTTP attempts, retries included
    injected: Counter[str] = field(default_factory=Counter)  # "s3.GetObject:SlowDown"

    @property
    def retries(self) -> int:
        return sum(self.attempts.values()) - sum(self.calls.values())

    @property
    def faults(self) -> int:
        return sum(self.injected.values())


class FaultInjector:
    """Makes attempts of boto3 calls fail as ``rule`` decides. ``enabled`` switches it off without detaching."""

    def __init__(self, rule: Rule | None = None) -> None:
        self.rule: Rule = rule or (lambda service, operation: None)
        self.enabled = True
        self.record_calls = True  # keep (service, operation, params) of every call in ``sent``
        self.stats = FaultStats()
        self.sent: list[tuple[str, str, dict[str, Any]]] = []  # (service, operation, params) of every call
        self._lock = threading.Lock()
        self._attached: list[tuple[Any, Any]] = []  # (client, moto stubber or None)

    def attach(self, client: Any) -> None:
        if any(attached is client for attached, _ in self._attached):
            return
        events = client.meta.events
        stubber = _moto_stubber()
        if stubber is not None:
            events.unregister("before-send", stubber)
        events.register_first("before-send", self._before_send, unique_id=f"fault-injector-{id(self)}")
        events.register(
            "before-parameter-build", self._before_call, unique_id=f"fault-injector-call-{id(self)}"
        )
        self._attached.append((client, stubber))

    def detach(self) -> None:
        for client, stubber in self._attached:
            events = client.meta.events
            events.unregister("before-send", unique_id=f"fault-injector-{id(self)}")
            events.unregister("before-parameter-build", unique_id=f"fault-injector-call-{id(self)}")
            if stubber is not None:
                events.register("before-send", stubber)
        self._attached.clear()

    def _before_call(self, event_name: str, params: dict[str, Any], **_: Any) -> None:
        service, operation = event_name.split(".", 2)[1:]
        with self._lock:
            self.stats.calls[service + "." + operation] += 1
            if self.record_calls:
                self.sent.append((service, operation, dict(params)))

    def _before_send(self, event_name: str, request: Any, **kwargs: Any) -> Any:
        _, service, operation = event_name.split(".", 2)
        with self._lock:
            self.stats.attempts[f"{service}.{operation}"] += 1
        fault = self.rule(service, operation) if self.enabled else None
        stubber = _moto_stubber()
        if fault is None:
            return stubber(event_name, request, **kwargs) if stubber is not None else None
        if fault.after_effect and stubber is not None:
            stubber(event_name, request, **kwargs)  # the service did the work; the answer is lost
        with self._lock:
            self.stats.injected[f"{service}.{operation}:{fault.code}"] += 1
        return fault.response(service)


def _moto_stubber() -> Any:
    """moto's in-process responder (a ``before-send`` handler), when moto is imported."""
    import sys

    models = sys.modules.get("moto.core.models")
    return getattr(models, "botocore_stubber", None) if models is not None else None


def clients_of(root: object, *, depth: int = 3) -> list[Any]:
    """The botocore clients reachable from an object's attributes (an Ingestor -> its adapters -> clients).

    Found by type, not by attribute name, so adapters can rename their fields freely."""
    from botocore.client import BaseClient

    found: list[Any] = []
    seen: set[int] = set()

    def visit(value: object, level: int) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, BaseClient):
            found.append(value)
            return
        meta_client = getattr(getattr(value, "meta", None), "client", None)
        if isinstance(meta_client, BaseClient):  # a boto3 resource (Table, ServiceResource)
            visit(meta_client, level)
            return
        if level == 0 or not hasattr(value, "__dict__"):
            return
        for attribute in vars(value).values():
            visit(attribute, level - 1)

    visit(root, depth)
    unique: dict[int, Any] = {id(client): client for client in found}
    return list(unique.values())


# --------------------------------------------------------------------------------------------- backoff


@dataclass
class Sleeps:
    delays: list[float] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(self.delays)


@contextmanager
def fast_backoff(scale: float = 0.0) -> Iterator[Sleeps]:
    """Record botocore's retry sleeps instead of sleeping them (``scale`` of each is still slept).

    The backoff delays botocore computes are unchanged and reported; only the wall clock is spared."""
    import time

    import botocore.endpoint

    sleeps = Sleeps()
    lock = threading.Lock()

    class _Clock:
        def __getattr__(self, name: str) -> Any:
            return getattr(time, name)

        @staticmethod
        def sleep(seconds: float) -> None:
            with lock:
                sleeps.delays.append(seconds)
            if scale:
                time.sleep(seconds * scale)

    endpoint: Any = botocore.endpoint  # the module's ``time`` is swapped for a stand-in clock
    original = endpoint.time
    endpoint.time = _Clock()
    try:
        yield sleeps
    finally:
        endpoint.time = original


def describe(stats: FaultStats, sleeps: Sleeps | None = None) -> Sequence[str]:
    lines = [f"{name}: {count}" for name, count in sorted(stats.injected.items())]
    if sleeps is not None:
        lines.append(
            f"backoff (computed by botocore, not slept): {sleeps.total:.1f} s over {len(sleeps.delays)} retries"
        )
    return lines
