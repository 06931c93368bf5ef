"""A DynamoDB table over boto3's low-level client, with the few methods of the resource ``Table`` the adapters use.

Why: ``boto3.resource("dynamodb")`` loads the resource model and builds the resource classes on first use, which
is cold-start time spent on nothing the adapters need. This wrapper takes plain Python values (``Decimal`` for
numbers, as the resource does), serialises them with boto3's own ``TypeSerializer`` and deserialises what comes
back with ``TypeDeserializer``, so ``ArticleStore`` and ``FingerprintIndex`` see exactly what the resource gave
them. Errors are the client's ``ClientError`` unchanged (the resource does not translate them either: the item
of a failed condition check stays in the wire format).
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()
_BATCH_LIMIT = 25  # BatchWriteItem's limit per call


def _wire(item: dict[str, Any]) -> dict[str, Any]:
    return {key: _SERIALIZER.serialize(value) for key, value in item.items()}


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    return {key: _DESERIALIZER.deserialize(value) for key, value in item.items()}


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
