"""Stream records as a Lambda consumer receives them, from the ``dynamodbstreams`` API or an emulator.

``GetRecords`` (boto3) returns ``ApproximateCreationDateTime`` as a datetime and, on moto, no
``eventSourceARN``; Lambda's event has epoch seconds and the ARN. ``lambda_stream_event`` converts, so local
tools (the demo, tests, ``events/dynamodb_stream_*.json``) feed handlers exactly what Lambda would.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any


def lambda_stream_record(record: Mapping[str, Any], *, stream_arn: str | None = None) -> dict[str, Any]:
    out = copy.deepcopy(dict(record))
    dynamodb = out.get("dynamodb") or {}
    created = dynamodb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        dynamodb["ApproximateCreationDateTime"] = float(int(created.timestamp()))
    if stream_arn and not out.get("eventSourceARN"):
        out["eventSourceARN"] = stream_arn
    return out


def lambda_stream_event(
    records: Iterable[Mapping[str, Any]], *, stream_arn: str | None = None
) -> dict[str, Any]:
    """``{"Records": [...]}`` in the shape of a Lambda DynamoDB-stream invocation."""
    return {"Records": [lambda_stream_record(r, stream_arn=stream_arn) for r in records]}
