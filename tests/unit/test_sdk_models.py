"""The pruned AWS API models (adapters/sdk_models.py): complete for the adapters' calls, and a client built from
them sends exactly the requests a client built from botocore's full data sends."""

from __future__ import annotations

import json
from typing import Any

import botocore.session
import pytest
from botocore.config import Config

from article_pipeline.adapters.sdk_models import MODELS_DIR, OPERATIONS, pruned_loader

# One call per operation, with the parameters the adapters pass (a Range read, a conditional put, a keyed
# query, a batch of writes).
CALLS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "s3": [
        (
            "get_object",
            {"Bucket": "articles", "Key": "incoming/a b.txt", "Range": "bytes=0-10", "VersionId": "v1"},
        ),
        (
            "put_object",
            {
                "Bucket": "articles",
                "Key": "cleaned/a.txt",
                "Body": b"text",
                "ContentType": "text/plain; charset=utf-8",
                "Metadata": {"article-id": "abc"},
            },
        ),
    ],
    "dynamodb": [
        (
            "put_item",
            {
                "TableName": "articles",
                "Item": {"pk": {"S": "a"}, "n": {"N": "1"}},
                "ConditionExpression": "attribute_not_exists(pk)",
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
            },
        ),
        ("get_item", {"TableName": "articles", "Key": {"pk": {"S": "a"}}, "ConsistentRead": True}),
        (
            "query",
            {
                "TableName": "fingerprints",
                "KeyConditionExpression": "#b = :b",
                "ExpressionAttributeNames": {"#b": "band"},
                "ExpressionAttributeValues": {":b": {"S": "x"}},
                "Limit": 50,
            },
        ),
        (
            "batch_write_item",
            {"RequestItems": {"fingerprints": [{"PutRequest": {"Item": {"pk": {"S": "a"}}}}]}},
        ),
    ],
}
_VOLATILE_HEADERS = {
    "authorization",
    "x-amz-date",
    "x-amz-security-token",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
}


class _Sent(Exception):  # noqa: N818 - control flow: the request is captured, nothing goes out
    pass


def _client(service: str, *, pruned: bool) -> Any:
    session = botocore.session.get_session()
    if pruned:
        session.register_component("data_loader", pruned_loader())
    session.set_credentials("key", "secret", "token")
    return session.create_client(
        service, region_name="eu-central-1", config=Config(retries={"max_attempts": 0})
    )


def _request(client: Any, method: str, params: dict[str, Any]) -> dict[str, Any]:
    captured: dict[str, Any] = {}

    def capture(request: Any, **_: Any) -> None:
        captured.update(
            method=request.method,
            url=request.url,
            body=request.body.read() if hasattr(request.body, "read") else request.body,  # S3's chunked body
            headers={k.lower(): v for k, v in request.headers.items() if k.lower() not in _VOLATILE_HEADERS},
        )
        raise _Sent

    client.meta.events.register("before-send", capture)
    with pytest.raises(_Sent):
        getattr(client, method)(**params)
    return captured


def _model(service: str) -> dict[str, Any]:
    (folder,) = (MODELS_DIR / service).iterdir()
    return json.loads((folder / "service-2.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("service", sorted(OPERATIONS))
def test_the_pruned_model_holds_the_adapters_operations_and_every_shape_they_reach(service: str) -> None:
    # GIVEN the pruned model of a service
    model = _model(service)

    # WHEN its operations and shape references are listed
    referenced = {
        ref["shape"]
        for op in model["operations"].values()
        for ref in (op.get("input"), op.get("output"), *op.get("errors", []))
        if ref
    }
    for shape in model["shapes"].values():
        referenced |= {member["shape"] for member in shape.get("members", {}).values()}
        referenced |= {shape[part]["shape"] for part in ("member", "key", "value") if part in shape}

    # THEN the adapters' operations are there (endpoint discovery's besides), and no reference dangles
    plain = {name for name, op in model["operations"].items() if not op.get("endpointoperation")}
    assert plain == set(OPERATIONS[service])
    assert referenced <= set(model["shapes"])


@pytest.mark.parametrize(
    ("service", "method", "params"),
    [(service, method, params) for service, calls in CALLS.items() for method, params in calls],
)
def test_a_client_on_the_pruned_models_sends_what_the_full_models_send(
    service: str, method: str, params: dict[str, Any]
) -> None:
    # GIVEN clients of the same service from the pruned and the full models
    pruned, full = _client(service, pruned=True), _client(service, pruned=False)

    # WHEN each makes the same call
    sent_pruned, sent_full = _request(pruned, method, params), _request(full, method, params)

    # THEN method, URL, headers and body are the same
    assert sent_pruned == sent_full


def test_every_operation_the_adapters_declare_is_covered_by_a_call_here() -> None:
    # GIVEN the declared operations WHEN compared with the calls above THEN none goes untested
    declared = {(service, op) for service, ops in OPERATIONS.items() for op in ops}
    called = {
        (service, _client(service, pruned=True).meta.method_to_api_mapping[method])
        for service, calls in CALLS.items()
        for method, _ in calls
    }
    assert called == declared


def test_an_operation_outside_the_pruned_models_fails_at_once() -> None:
    # GIVEN a client on the pruned models WHEN an undeclared operation is looked up THEN it does not exist
    assert not hasattr(_client("s3", pruned=True), "delete_object")
