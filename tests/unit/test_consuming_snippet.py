"""docs/consuming-template-snippet.yaml merged into template.yaml is a valid SAM template with the index wired."""

from __future__ import annotations

import json
from typing import Any

from article_pipeline.consumer import filters
from article_pipeline.local.stack import load_template, translate_template
from support import REPO


def _merged() -> dict[str, Any]:
    template = load_template(REPO / "template.yaml")
    snippet = load_template(REPO / "docs" / "consuming-template-snippet.yaml")
    overlap = set(template["Resources"]) & set(snippet["Resources"])
    if overlap == set(snippet["Resources"]):
        return template  # already wired into template.yaml
    template["Resources"].update(snippet["Resources"])
    template.setdefault("Outputs", {}).update(snippet.get("Outputs", {}))
    return template


def test_snippet_translates_to_an_index_function_on_the_articles_stream() -> None:
    # GIVEN template.yaml with the snippet's resources added
    merged = _merged()
    # WHEN samtranslator translates it (offline)
    resources = translate_template(merged)["Resources"]
    # THEN the function's event source mapping reads the ArticlesTable stream with the documented settings
    mapping = next(
        r["Properties"]
        for r in resources.values()
        if r["Type"] == "AWS::Lambda::EventSourceMapping"
        and r["Properties"].get("EventSourceArn") == {"Fn::GetAtt": ["ArticlesTable", "StreamArn"]}
    )
    assert mapping["FunctionName"] == {"Ref": "IndexFunction"}
    assert mapping["StartingPosition"] == "TRIM_HORIZON"
    assert mapping["BatchSize"] == 100
    assert mapping["BisectBatchOnFunctionError"] is True
    assert mapping["MaximumRetryAttempts"] == 5
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["DestinationConfig"]["OnFailure"]["Destination"] == {"Fn::GetAtt": ["IndexDLQ", "Arn"]}
    assert filters.validate_filter_criteria(mapping["FilterCriteria"])
    # AND the function gets the table name and the handler the code defines
    function = resources["IndexFunction"]["Properties"]
    assert function["Handler"] == "index_handler.lambda_handler"
    assert function["Environment"]["Variables"]["INDEX_TABLE"] == {"Ref": "IndexTable"}
    assert (REPO / "functions" / "index" / "index_handler.py").exists()


def test_snippet_table_matches_the_test_fixture_definition() -> None:
    # GIVEN the snippet's IndexTable and the definition tests create on moto
    from article_pipeline.index.table import table_definition

    table = load_template(REPO / "docs" / "consuming-template-snippet.yaml")["Resources"]["IndexTable"][
        "Properties"
    ]
    fixture = table_definition("x")
    # THEN keys and billing agree, and the table has PITR and SSE
    assert table["KeySchema"] == fixture["KeySchema"]
    assert table["AttributeDefinitions"] == fixture["AttributeDefinitions"]
    assert table["BillingMode"] == fixture["BillingMode"]
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["SSESpecification"]["SSEEnabled"] is True


def test_index_function_may_touch_only_the_index_table_its_dlq_and_the_stream() -> None:
    # GIVEN the statements of the function's own role
    resources = load_template(REPO / "docs" / "consuming-template-snippet.yaml")["Resources"]
    statements = resources["IndexFunctionRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    # THEN every data statement names one resource of the index or the articles stream, X-Ray alone is on
    # "*" (it has no resource-level permissions), and no action is a wildcard
    named = {json.dumps(s["Resource"], sort_keys=True) for s in statements}
    assert named == {
        json.dumps({"Fn::GetAtt": ["IndexFunctionLogGroup", "Arn"]}),
        json.dumps("*"),
        json.dumps({"Fn::GetAtt": ["ArticlesTable", "StreamArn"]}),
        json.dumps({"Fn::Sub": "${ArticlesTable.Arn}/stream/*"}),
        json.dumps({"Fn::GetAtt": ["IndexTable", "Arn"]}),
        json.dumps({"Fn::GetAtt": ["IndexDLQ", "Arn"]}),
    }
    everywhere = [s for s in statements if s["Resource"] == "*"]
    assert all(str(a).startswith("xray:") for s in everywhere for a in s["Action"])
    actions = [
        a for s in statements for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])
    ]
    assert all("*" not in a for a in actions)
    assert "ManagedPolicyArns" not in resources["IndexFunctionRole"]["Properties"]


def test_snippet_resources_are_the_templates_own_index_resources() -> None:
    # GIVEN the snippet and template.yaml, which wires the same index in
    template = load_template(REPO / "template.yaml")["Resources"]
    snippet = load_template(REPO / "docs" / "consuming-template-snippet.yaml")["Resources"]
    index_resources = {name for name in template if name.startswith("Index")}
    # THEN the snippet holds every one of them (the function's own least-privilege role included), unchanged
    assert set(snippet) == index_resources
    assert all(snippet[name] == template[name] for name in snippet)
    assert snippet["IndexFunction"]["Properties"]["Role"] == {"Fn::GetAtt": ["IndexFunctionRole", "Arn"]}
