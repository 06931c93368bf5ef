"""template.yaml's CloudWatch dashboard: valid JSON once its Fn::Sub placeholders are filled in, every widget names
a resource the template defines or a metric the ingest handler emits, and every alarm and handler metric is on it.

The body is read from the template as written (SAM passes AWS::CloudWatch::Dashboard through unchanged); the
placeholders are resolved textually: ${AWS::Region} and the other pseudo parameters to sample values, ${X} and
${X.Attr} to "<X>" / "<X.Attr>" markers that the tests then match against the template's resources.
"""

from __future__ import annotations

import ast
import json
import re
import typing
from functools import cache
from typing import Any

from support import REPO

TEMPLATE = REPO / "template.yaml"
HANDLER = REPO / "functions" / "ingest" / "ingest_handler.py"
REGION = "us-east-1"
PSEUDO_PARAMETERS = {
    "AWS::Region": REGION,
    "AWS::AccountId": "123456789012",
    "AWS::StackName": "article-pipeline",
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
}
PLACEHOLDER = re.compile(r"\$\{([^!}][^}]*)\}")
MARKER = re.compile(r"<([A-Za-z0-9]+)(?:\.([A-Za-z]+))?>")

# What a placeholder may name, by resource type: the attributes used, and whether the Ref (no attribute) is a name
# CloudWatch knows the resource by (a queue's Ref is its URL, so queues must use .QueueName).
ATTRIBUTES = {
    "AWS::Serverless::Function": {None},
    "AWS::DynamoDB::Table": {None},
    "AWS::SQS::Queue": {"QueueName"},
    "AWS::CloudWatch::Alarm": {"Arn"},
}
# Namespace -> (the one dimension its metrics use, the resource type it names, the metric names it has).
AWS_METRICS = {
    "AWS/Lambda": (
        "FunctionName",
        "AWS::Serverless::Function",
        {"Invocations", "Errors", "Throttles", "Duration", "IteratorAge", "ConcurrentExecutions"},
    ),
    "AWS/SQS": (
        "QueueName",
        "AWS::SQS::Queue",
        {"ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "NumberOfMessagesSent"},
    ),
    "AWS/DynamoDB": (
        "TableName",
        "AWS::DynamoDB::Table",
        {
            "ConsumedWriteCapacityUnits",
            "ConsumedReadCapacityUnits",
            "WriteThrottleEvents",
            "ReadThrottleEvents",
        },
    ),
}
# f-string metric names of the handler whose values are a closed set: the expression -> its values.
CLOSED_SETS = {"result.outcome": "article_pipeline.ingest.Outcome"}


@cache
def sam() -> dict[str, Any]:
    from article_pipeline.local.stack import load_template

    return load_template(TEMPLATE)


def resource_types() -> dict[str, str]:
    return {name: body["Type"] for name, body in sam()["Resources"].items()}


def ingest_environment() -> dict[str, Any]:
    return dict(sam()["Resources"]["IngestFunction"]["Properties"]["Environment"]["Variables"])


@cache
def dashboard() -> tuple[str, dict[str, Any]]:
    """(logical id, parsed body) of the template's one dashboard."""
    (name,) = [name for name, kind in resource_types().items() if kind == "AWS::CloudWatch::Dashboard"]
    text = sam()["Resources"][name]["Properties"]["DashboardBody"]["Fn::Sub"]
    assert isinstance(text, str), "DashboardBody: one !Sub string, no variable map"

    def fill(match: re.Match[str]) -> str:
        return PSEUDO_PARAMETERS.get(match.group(1), f"<{match.group(1)}>")

    return name, json.loads(PLACEHOLDER.sub(fill, text))


def widgets(kind: str) -> list[dict[str, Any]]:
    return [widget for widget in dashboard()[1]["widgets"] if widget["type"] == kind]


def metric_rows() -> list[list[Any]]:
    """Every metric row of every metric widget, search expressions included."""
    return [row for widget in widgets("metric") for row in widget["properties"]["metrics"]]


def plain_metrics() -> list[tuple[str, str, dict[str, str]]]:
    """(namespace, metric name, dimensions) of each row that names a metric (not an expression)."""
    found = []
    for row in metric_rows():
        fields = [item for item in row if not isinstance(item, dict)]
        if not fields:
            continue
        namespace, metric, *pairs = fields
        assert len(pairs) % 2 == 0, row
        found.append((namespace, metric, dict(zip(pairs[::2], pairs[1::2], strict=True))))
    return found


def search_expressions() -> list[str]:
    return [
        item["expression"]
        for row in metric_rows()
        for item in row
        if isinstance(item, dict) and "expression" in item
    ]


def marker(value: str) -> tuple[str, str | None]:
    match = MARKER.fullmatch(value)
    assert match, f"{value!r} is not a template reference"
    return match.group(1), match.group(2)


def handler_metric_names() -> set[str]:
    """The metric names the ingest handler emits: literals as they are, f-strings expanded over their closed set,
    and an f-string without one as "<prefix>*"."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(HANDLER.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "add_metric":
            continue
        (name,) = [keyword.value for keyword in node.keywords if keyword.arg == "name"]
        if isinstance(name, ast.Constant):
            names.add(str(name.value))
            continue
        assert isinstance(name, ast.JoinedStr), ast.unparse(name)
        prefix_node, field = name.values
        assert isinstance(prefix_node, ast.Constant) and isinstance(field, ast.FormattedValue)
        prefix, expression = str(prefix_node.value), ast.unparse(field.value)
        if expression in CLOSED_SETS:
            module_name, _, attribute = CLOSED_SETS[expression].rpartition(".")
            values = typing.get_args(getattr(__import__(module_name, fromlist=[attribute]), attribute))
            names |= {f"{prefix}{value}" for value in values}
        else:
            names.add(f"{prefix}*")
    return names


# ------------------------------------------------------------------------------------------------ tests


def test_body_is_json_and_every_placeholder_names_a_template_resource() -> None:
    # GIVEN the dashboard body with its placeholders filled in
    name, body = dashboard()
    text = json.dumps(body)
    types = resource_types()
    # WHEN each resource placeholder is matched against the template
    references = {(match.group(1), match.group(2)) for match in MARKER.finditer(text)}
    unknown = [(logical, attribute) for logical, attribute in references if logical not in types]
    misused = [
        (logical, attribute)
        for logical, attribute in references
        if logical in types and attribute not in ATTRIBUTES.get(types[logical], set())
    ]
    # THEN every one is a resource of the template, used by a name or attribute CloudWatch knows it by
    assert body["widgets"]
    assert references
    assert unknown == []
    assert misused == []
    assert sam()["Resources"][name]["Properties"]["DashboardName"] == {"Ref": "AWS::StackName"}


def test_every_metric_widget_names_a_resource_or_metric_that_exists() -> None:
    # GIVEN every metric row and search expression of the dashboard, and the handler's metric names
    types = resource_types()
    environment = ingest_environment()
    emitted = handler_metric_names()
    rows = plain_metrics()
    # WHEN each is checked against its namespace
    for namespace, metric, dimensions in rows:
        if namespace in AWS_METRICS:
            dimension, resource_type, known = AWS_METRICS[namespace]
            # THEN an AWS metric names a resource of the right type through the namespace's dimension
            assert set(dimensions) == {dimension}, (namespace, metric, dimensions)
            logical, _ = marker(dimensions[dimension])
            assert types.get(logical) == resource_type, (namespace, metric, logical)
            assert metric in known, (namespace, metric)
        else:
            # AND a custom metric is one the ingest handler emits, under its Powertools namespace and service
            assert namespace == environment["POWERTOOLS_METRICS_NAMESPACE"], namespace
            assert dimensions == {"service": environment["POWERTOOLS_SERVICE_NAME"]}, (metric, dimensions)
            assert metric in emitted, metric
    for expression in search_expressions():
        schema = re.match(r"SEARCH\('\{([^}]*)\}", expression)
        assert schema, expression
        namespace = schema.group(1).split(",")[0]
        if namespace == environment["POWERTOOLS_METRICS_NAMESPACE"]:
            assert f'service="{environment["POWERTOOLS_SERVICE_NAME"]}"' in expression, expression
        else:
            assert namespace == "AWS/DynamoDB", expression
            (table,) = re.findall(r'TableName="([^"]+)"', expression)
            assert types.get(marker(table)[0]) == "AWS::DynamoDB::Table", expression
    # AND every metric widget reads the stack's own region
    assert rows
    assert all(widget["properties"]["region"] == REGION for widget in widgets("metric"))


def test_every_metric_the_handler_emits_is_on_the_dashboard() -> None:
    # GIVEN the metric names the handler emits, and those the dashboard shows
    emitted = handler_metric_names()
    namespace = ingest_environment()["POWERTOOLS_METRICS_NAMESPACE"]
    shown = {metric for space, metric, _ in plain_metrics() if space == namespace}
    searched = [expression for expression in search_expressions() if "{" + namespace + "," in expression]
    # WHEN each is looked for: a fixed name as a metric row, an open-ended "<prefix>*" family by a search
    missing = [
        name
        for name in sorted(emitted)
        if (
            not any(f"MetricName={name[:-1].rstrip('_')} " in f"{e} " for e in searched)
            if name.endswith("*")
            else name not in shown
        )
    ]
    # THEN every one is there (a metric nobody graphs is found only when someone goes looking)
    assert {"Outcome_processed", "Outcome_rejected", "Duplicates", "Failures", "LatencyMs"} <= emitted
    assert "Rejected_*" in emitted
    assert missing == []


def test_every_alarm_of_the_template_is_on_the_alarm_widget() -> None:
    # GIVEN the template's alarms and the dashboard's alarm widgets
    alarms = {name for name, kind in resource_types().items() if kind == "AWS::CloudWatch::Alarm"}
    listed = [marker(arn) for widget in widgets("alarm") for arn in widget["properties"]["alarms"]]
    # WHEN / THEN each alarm appears once, by its ARN, and nothing else does
    assert alarms
    assert sorted(logical for logical, _ in listed) == sorted(alarms)
    assert {attribute for _, attribute in listed} == {"Arn"}


def test_widgets_fit_the_grid_without_overlapping() -> None:
    # GIVEN the widgets' positions and sizes
    cells: dict[tuple[int, int], str] = {}
    for widget in dashboard()[1]["widgets"]:
        x, y, width, height = (widget[key] for key in ("x", "y", "width", "height"))
        title = widget["properties"]["title"]
        # WHEN each widget's cells are claimed / THEN it fits the 24-column grid and no cell is claimed twice
        assert x >= 0 and x + width <= 24, title
        for cell in ((column, row) for column in range(x, x + width) for row in range(y, y + height)):
            assert cell not in cells, (title, cells.get(cell))
            cells[cell] = title


def test_dashboard_url_is_an_output() -> None:
    # GIVEN the template outputs
    url = sam()["Outputs"]["DashboardUrl"]["Value"]["Fn::Sub"]
    # WHEN / THEN the URL opens this stack's dashboard in the stack's region
    assert url.startswith(
        "https://${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}#"
    )
    assert url.endswith("${" + dashboard()[0] + "}")
