"""The adapters' DynamoDB wire conversion gives what boto3's TypeSerializer/TypeDeserializer give (issue 14: the
handler no longer imports boto3, so the conversion is the project's own; this keeps it honest)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer
from hypothesis import given
from hypothesis import strategies as st

from article_pipeline.adapters.dynamodb_table import deserialize, serialize

_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**20), max_value=10**20),
)
_scalars = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=20))
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
        st.frozensets(st.text(max_size=8), min_size=1, max_size=4),
        st.frozensets(st.integers(-1000, 1000), min_size=1, max_size=4),
    ),
    max_leaves=20,
)


def _boto3(value: Any) -> dict[str, Any]:
    return TypeSerializer().serialize(value)


@given(_values)
def test_serialize_matches_boto3(value: Any) -> None:
    assert serialize(value) == _boto3(value)


@given(_values)
def test_deserialize_matches_boto3(value: Any) -> None:
    wire = _boto3(value)
    assert deserialize(wire) == TypeDeserializer().deserialize(wire)


def test_a_record_item_round_trips_like_boto3() -> None:
    item = {
        "article_id": "a" * 32,
        "score": Decimal("0.4871"),
        "mentions": 3,
        "tone": None,
        "people": [{"name": "Kaja Kallas", "aliases": ["Kaya Kallas"], "roles": []}],
        "flags": {"x", "y"},
        "ok": True,
    }
    wire = serialize(item)
    assert wire == _boto3(item)
    assert deserialize(wire) == TypeDeserializer().deserialize(wire) == item


@pytest.mark.parametrize("value", [1.5, float("nan"), Decimal("NaN"), Decimal("Infinity"), object(), {1.5}])
def test_what_boto3_refuses_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        _boto3(value)
    with pytest.raises(TypeError):
        serialize(value)


def test_numbers_that_would_round_are_refused_as_in_boto3() -> None:
    too_precise = Decimal("1." + "1" * 40)
    with pytest.raises(Exception) as theirs:
        _boto3(too_precise)
    with pytest.raises(type(theirs.value)):
        serialize(too_precise)


def test_binary_comes_back_as_bytes() -> None:
    # The one documented difference: boto3 wraps binary in Binary; these tables hold none.
    wire = {"B": b"\x00\x01"}
    assert deserialize(wire) == b"\x00\x01" == TypeDeserializer().deserialize(wire)
    assert isinstance(TypeDeserializer().deserialize(wire), Binary)
    assert serialize(b"\x00") == _boto3(b"\x00")


def test_unknown_and_empty_wire_values_are_type_errors() -> None:
    for wire in ({}, {"X": 1}):
        with pytest.raises(TypeError):
            deserialize(wire)
        with pytest.raises(TypeError):
            TypeDeserializer().deserialize(wire)
