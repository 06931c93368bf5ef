"""Lambda event-filter patterns for the ArticlesTable stream: check them and try them locally.

Lambda evaluates ``FilterCriteria`` before it invokes a function: records that match no filter are dropped
(and never retried). The syntax is EventBridge's event-pattern syntax applied to the stream record; for
DynamoDB event sources only the ``dynamodb`` key may be filtered on, and attribute values keep their
DynamoDB type wrapper (``{"S": [...]}``, ``{"N": [...]}``, ``{"L": ...}``).

``validate_filter_criteria`` checks the documented rules (each ``Pattern`` a JSON object string of at most
4096 characters, at most 5 filters by default, leaves are non-empty arrays of values or known operators).
``matches`` evaluates a pattern against a record for the operators used here (exact values, prefix, suffix,
equals-ignore-case, anything-but, exists, numeric): a local approximation for tests, not Lambda itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

MAX_PATTERN_CHARS = 4096
MAX_FILTERS = 5  # the default quota per event source mapping
_OPERATORS = frozenset(
    {"prefix", "suffix", "equals-ignore-case", "anything-but", "exists", "numeric", "wildcard"}
)
_NUMERIC_OPS = frozenset({"<", "<=", "=", ">", ">="})


class FilterPatternError(ValueError):
    """A FilterCriteria document Lambda would reject (or that can never match)."""


def validate_filter_criteria(
    criteria: Mapping[str, Any], *, source: str = "dynamodb"
) -> list[dict[str, Any]]:
    """Check a ``FilterCriteria`` mapping; return its patterns parsed. Raises FilterPatternError."""
    filters = criteria.get("Filters")
    if not isinstance(filters, list) or not filters:
        raise FilterPatternError("FilterCriteria needs a non-empty 'Filters' list")
    if len(filters) > MAX_FILTERS:
        raise FilterPatternError(f"at most {MAX_FILTERS} filters per event source mapping (default quota)")
    patterns: list[dict[str, Any]] = []
    for number, entry in enumerate(filters, 1):
        if (
            not isinstance(entry, Mapping)
            or set(entry) != {"Pattern"}
            or not isinstance(entry["Pattern"], str)
        ):
            raise FilterPatternError(
                f"filter {number}: each filter is exactly {{'Pattern': '<JSON string>'}}"
            )
        text = entry["Pattern"]
        if len(text) > MAX_PATTERN_CHARS:
            raise FilterPatternError(f"filter {number}: pattern longer than {MAX_PATTERN_CHARS} characters")
        try:
            pattern = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FilterPatternError(f"filter {number}: pattern is not JSON: {exc}") from exc
        if not isinstance(pattern, dict) or not pattern:
            raise FilterPatternError(f"filter {number}: pattern must be a non-empty JSON object")
        if source == "dynamodb" and set(pattern) - {"dynamodb"}:
            raise FilterPatternError(
                f"filter {number}: DynamoDB event sources filter only on the 'dynamodb' key"
            )
        _check_node(pattern, f"filter {number}")
        patterns.append(pattern)
    return patterns


def _check_node(node: Any, where: str) -> None:
    if isinstance(node, Mapping):
        for key, value in node.items():
            _check_node(value, f"{where}.{key}")
        return
    if not isinstance(node, list) or not node:
        raise FilterPatternError(f"{where}: a leaf must be a non-empty array of values or operators")
    for item in node:
        if isinstance(item, Mapping):
            if len(item) != 1 or next(iter(item)) not in _OPERATORS:
                raise FilterPatternError(f"{where}: unknown operator {dict(item)!r}")
            name, argument = next(iter(item.items()))
            if name == "exists" and not isinstance(argument, bool):
                raise FilterPatternError(f"{where}: exists takes true or false")
            if name == "numeric" and not _valid_numeric(argument):
                raise FilterPatternError(f"{where}: numeric takes [op, number, (op, number)]")
        elif isinstance(item, list):
            raise FilterPatternError(f"{where}: nested arrays are not allowed in a pattern")


def _valid_numeric(argument: Any) -> bool:
    if not isinstance(argument, list) or len(argument) not in {2, 4}:
        return False
    ops, numbers = argument[0::2], argument[1::2]
    return all(op in _NUMERIC_OPS for op in ops) and all(
        isinstance(n, int | float) and not isinstance(n, bool) for n in numbers
    )


def matches(pattern: Mapping[str, Any], record: Mapping[str, Any]) -> bool:
    """Whether a stream record (Lambda shape) matches a parsed pattern."""
    return _match_object(pattern, record)


def matches_any(criteria: Mapping[str, Any], record: Mapping[str, Any]) -> bool:
    """Whether any filter of a FilterCriteria lets the record through (filters are OR-ed)."""
    return any(matches(p, record) for p in validate_filter_criteria(criteria))


def _match_object(pattern: Mapping[str, Any], value: Any) -> bool:
    for key, sub in pattern.items():
        present = isinstance(value, Mapping) and key in value
        child = value.get(key) if isinstance(value, Mapping) else None
        if isinstance(sub, Mapping):
            # A missing object still lets {"exists": false} below it match. Arrays in the record: the pattern matches when any element does.
            candidates = child if isinstance(child, list) else [child]
            if not any(_match_object(sub, c) for c in candidates):
                return False
        elif not _match_leaf(sub, child, present=present):
            return False
    return True


def _match_leaf(rules: Sequence[Any], value: Any, *, present: bool) -> bool:
    values = value if isinstance(value, list) else [value]
    for rule in rules:
        if isinstance(rule, Mapping) and "exists" in rule:
            if bool(rule["exists"]) == (present and not isinstance(value, Mapping)):
                return True
            continue
        if present and any(_match_value(rule, v) for v in values):
            return True
    return False


def _match_value(rule: Any, value: Any) -> bool:
    if not isinstance(rule, Mapping):
        return rule == value and type(rule) is type(value)
    name, argument = next(iter(rule.items()))
    text = value if isinstance(value, str) else None
    if name == "prefix":
        return text is not None and text.startswith(str(argument))
    if name == "suffix":
        return text is not None and text.endswith(str(argument))
    if name == "equals-ignore-case":
        return text is not None and text.casefold() == str(argument).casefold()
    if name == "anything-but":
        if isinstance(argument, Mapping):
            return not _match_value(argument, value)
        excluded = argument if isinstance(argument, list) else [argument]
        return value not in excluded
    if name == "numeric":
        return _match_numeric(argument, value)
    return False  # wildcard is accepted by validation, not evaluated here


def _match_numeric(argument: Sequence[Any], value: Any) -> bool:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    checks = {
        "<": number.__lt__,
        "<=": number.__le__,
        "=": number.__eq__,
        ">": number.__gt__,
        ">=": number.__ge__,
    }
    return all(checks[op](float(bound)) for op, bound in zip(argument[0::2], argument[1::2], strict=True))


def criteria(*patterns: Mapping[str, Any]) -> dict[str, Any]:
    """A FilterCriteria document from plain pattern objects (each becomes a JSON string)."""
    return {"Filters": [{"Pattern": json.dumps(p, separators=(",", ":"))} for p in patterns]}


# Only processed English articles about politics (IPTC medtop:11000000) reach the consumer.
PROCESSED_ENGLISH_POLITICS: dict[str, Any] = {
    "dynamodb": {
        "NewImage": {
            "status": {"S": ["processed"]},
            "language": {"S": ["en"]},
            "topics": {"L": {"M": {"code": {"S": ["medtop:11000000"]}}}},
        }
    }
}
# Tombstones: the S3 object was deleted (MODIFY to status "deleted") or the item was removed (no NewImage).
DELETIONS: dict[str, Any] = {"dynamodb": {"NewImage": {"status": {"S": ["deleted"]}}}}
REMOVALS: dict[str, Any] = {"dynamodb": {"NewImage": {"article_id": {"S": [{"exists": False}]}}}}
