"""A DynamoDB table over botocore's low-level client, with the few methods of the resource ``Table`` the adapters use.

Why: ``boto3.resource("dynamodb")`` loads the resource model and builds the resource classes on first use, which
is cold-start time spent on nothing the adapters need. This wrapper takes plain Python values (``Decimal`` for
numbers, as the resource does), serialises them as boto3's ``TypeSerializer`` does and deserialises what comes
back as ``TypeDeserializer`` does, so ``ArticleStore`` and ``FingerprintIndex`` see exactly what the resource gave
them. Errors are the client's ``ClientError`` unchanged (the resource does not translate them either: the item
of a failed condition check stays in the wire format).

The conversion is written here rather than imported from ``boto3.dynamodb.types`` because importing anything
under ``boto3`` runs ``boto3/__init__`` (boto3's session, s3transfer, multiprocessing): about 20 ms of a cold start
for two small functions (issue 14). ``tests/unit/test_dynamodb_wire.py`` checks it against boto3's on generated
values. One deliberate difference: binary values (``B``/``BS``, which these tables never hold) come back as
``bytes`` rather than boto3's ``Binary`` wrapper.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow
from types import TracebackType
from typing import Any

# boto3's DYNAMODB_CONTEXT: DynamoDB numbers have 38 digits of precision; anything that would round is an error.
_CONTEXT = Context(Emin=-128, Emax=126, prec=38, traps=[Clamped, Overflow, Inexact, Rounded, Underflow])


def _number(value: int | Decimal) -> str:
    number = str(_CONTEXT.create_decimal(value))
    if number in ("Infinity", "NaN"):
        raise TypeError("Infinity and NaN not supported")
    return number


def _is_number(value: object) -> bool:
    # As boto3: bool counts as int here; serialize() has already answered a bare bool before asking.
    if isinstance(value, float):
        raise TypeError("Float types are not supported. Use Decimal types instead.")
    return isinstance(value, int | Decimal)


def serialize(value: Any) -> dict[str, Any]:
    """One Python value as a DynamoDB attribute value, with boto3's ``TypeSerializer`` rules and type order."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if _is_number(value):
        return {"N": _number(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bytes | bytearray):
        return {"B": value}
    if isinstance(value, Set):
        # An empty set is a number set, as in boto3 (DynamoDB refuses it).
        if all(_is_number(v) for v in value):
            return {"NS": [_number(v) for v in value]}
        if all(isinstance(v, str) for v in value):
            return {"SS": list(value)}
        if all(isinstance(v, bytes | bytearray) for v in value):
            return {"BS": list(value)}
    if isinstance(value, Mapping):
        return {"M": {k: serialize(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [serialize(v) for v in value]}
    raise TypeError(f'Unsupported type "{type(value)}" for value "{value}"')


def deserialize(value: dict[str, Any]) -> Any:
    """One DynamoDB attribute value as Python (numbers as ``Decimal``), as boto3's ``TypeDeserializer`` gives it."""
    if not value:
        raise TypeError("Value must be a nonempty dictionary whose key is a valid dynamodb type.")
    kind, raw = next(iter(value.items()))
    kind = kind.upper()  # boto3 looks the method up by the lower-cased type name: any case is accepted
    if kind in {"S", "BOOL", "B"}:
        return raw
    if kind == "N":
        return _CONTEXT.create_decimal(raw)
    if kind == "NULL":
        return None
    if kind == "M":
        return {k: deserialize(v) for k, v in raw.items()}
    if kind == "L":
        return [deserialize(v) for v in raw]
    if kind in {"SS", "BS"}:
        return set(raw)
    if kind == "NS":
        return {_CONTEXT.create_decimal(v) for v in raw}
    raise TypeError(f"Dynamodb type {kind} is not supported")


_BATCH_LIMIT = 25  # BatchWriteItem's limit per call


def _wire(item: dict[str, Any]) -> dict[str, Any]:
    return {key: serialize(value) for key, value in item.items()}


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    return {key: deserialize(value) for key, value in item.items()}


class ClientTable:
    """``put_item``, ``get_item``, ``query`` and ``batch_writer`` as the resource ``Table`` has them."""

    def __init__(self, client: Any, name: str) -> None:
        self._client = client
        self.name = name

    def put_item(self, *, Item: dict[str, Any], **kwargs: Any) -> dict[str, Any]:  # noqa: N803 - boto3's names
        values = kwargs.pop("ExpressionAttributeValues", None)
        if values is not None:
            kwargs["ExpressionAttributeValues"] = _wire(values)
        response: dict[str, Any] = self._client.put_item(TableName=self.name, Item=_wire(Item), **kwargs)
        if "Attributes" in response:
            response["Attributes"] = _plain(response["Attributes"])
        return response

    def get_item(self, *, Key: dict[str, Any], **kwargs: Any) -> dict[str, Any]:  # noqa: N803
        response: dict[str, Any] = self._client.get_item(TableName=self.name, Key=_wire(Key), **kwargs)
        if "Item" in response:
            response["Item"] = _plain(response["Item"])
        return response

    def query(self, **kwargs: Any) -> dict[str, Any]:
        values = kwargs.pop("ExpressionAttributeValues", None)
        if values is not None:
            kwargs["ExpressionAttributeValues"] = _wire(values)
        response: dict[str, Any] = self._client.query(TableName=self.name, **kwargs)
        response["Items"] = [_plain(item) for item in response.get("Items", [])]
        return response

    def batch_writer(self) -> BatchWriter:
        return BatchWriter(self._client, self.name)


class BatchWriter:
    """Collects puts and deletes, sends them in BatchWriteItem calls of 25 on exit, resending unprocessed ones."""

    def __init__(self, client: Any, name: str) -> None:
        self._client = client
        self._name = name
        self._requests: list[dict[str, Any]] = []

    def put_item(self, *, Item: dict[str, Any]) -> None:  # noqa: N803
        self._requests.append({"PutRequest": {"Item": _wire(Item)}})

    def delete_item(self, *, Key: dict[str, Any]) -> None:  # noqa: N803
        self._requests.append({"DeleteRequest": {"Key": _wire(Key)}})

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.flush()

    def flush(self) -> None:
        pending = self._requests
        self._requests = []
        while pending:
            chunk, pending = pending[:_BATCH_LIMIT], pending[_BATCH_LIMIT:]
            response = self._client.batch_write_item(RequestItems={self._name: chunk})
            # Throttled items come back unprocessed; the client's own retries already backed off.
            pending = list(response.get("UnprocessedItems", {}).get(self._name, [])) + pending
