"""create_stack(template.yaml) on moto: the resources the template declares, wired as the template wires them."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

import pytest

from support import REPO

TEMPLATE = REPO / "template.yaml"


def client(service: str) -> Any:
    import boto3

    return boto3.client(service, region_name="us-east-1")


def drain(queue_url: str) -> list[dict[str, Any]]:
    """Every message now in the queue, deleted as read."""
    sqs = client("sqs")
    bodies: list[dict[str, Any]] = []
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
        if not messages:
            return bodies
        for message in messages:
            bodies.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])


def object_records(bodies: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (record["eventName"], unquote_plus(record["s3"]["object"]["key"]))
        for body in bodies
        for record in body.get("Records", [])
    ]


def test_bucket_is_created_with_the_template_protections(stack: Any) -> None:
    # GIVEN the stack created from template.yaml
    s3 = client("s3")
    # WHEN the bucket's settings are read back from the emulator
    versioning = s3.get_bucket_versioning(Bucket=stack.bucket)
    encryption = s3.get_bucket_encryption(Bucket=stack.bucket)["ServerSideEncryptionConfiguration"]["Rules"][
        0
    ]
    block = s3.get_public_access_block(Bucket=stack.bucket)["PublicAccessBlockConfiguration"]
    # THEN it carries the template's name, versioning, encryption and public access block
    assert stack.bucket == "article-pipeline-local-articles-123456789012-us-east-1"
    assert versioning["Status"] == "Enabled"
    assert encryption["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert all(block.values())


def test_notifications_go_to_the_ingest_queue_for_incoming_only(stack: Any) -> None:
    # GIVEN the stack
    # WHEN the bucket's notification configuration is read back
    configurations = client("s3").get_bucket_notification_configuration(Bucket=stack.bucket)[
        "QueueConfigurations"
    ]
    # THEN created and removed objects under incoming/ notify the ingest queue
    assert sorted(event for item in configurations for event in item["Events"]) == [
        "s3:ObjectCreated:*",
        "s3:ObjectRemoved:*",
    ]
    for item in configurations:
        assert item["QueueArn"] == stack.queue_arn
        assert item["Filter"]["Key"]["FilterRules"] == [{"Name": "prefix", "Value": "incoming/"}]


def test_an_upload_under_incoming_reaches_the_queue_and_cleaned_does_not(stack: Any) -> None:
    # GIVEN the stack, with the s3:TestEvent S3 sends when notifications are configured
    bodies = drain(stack.queue_url)
    assert [body.get("Event") for body in bodies] == ["s3:TestEvent"]
    s3 = client("s3")
    # WHEN an article is uploaded under incoming/, a cleaned body under cleaned/, and the article's version deleted
    version = s3.put_object(Bucket=stack.bucket, Key="incoming/2025/a story.txt", Body=b"BERLIN - text")[
        "VersionId"
    ]
    s3.put_object(Bucket=stack.bucket, Key="cleaned/abc.txt", Body=b"text")
    # (moto sends no event for a delete marker, which real S3 reports as ObjectRemoved:DeleteMarkerCreated;
    # deleting the version itself is ObjectRemoved:Delete in both)
    s3.delete_object(Bucket=stack.bucket, Key="incoming/2025/a story.txt", VersionId=version)
    # THEN only the incoming/ object's creation and removal are queued
    records = object_records(drain(stack.queue_url))
    assert records == [
        ("ObjectCreated:Put", "incoming/2025/a story.txt"),
        ("ObjectRemoved:Delete", "incoming/2025/a story.txt"),
    ]


def test_queue_has_the_template_timeouts_and_dead_letter_queue(stack: Any) -> None:
    # GIVEN the stack
    # WHEN the ingest queue's attributes are read back
    attributes = client("sqs").get_queue_attributes(QueueUrl=stack.queue_url, AttributeNames=["All"])[
        "Attributes"
    ]
    dlq = client("sqs").get_queue_attributes(QueueUrl=stack.dlq_url, AttributeNames=["All"])["Attributes"]
    # THEN visibility and redrive are the template's
    assert attributes["VisibilityTimeout"] == "365"
    assert json.loads(attributes["RedrivePolicy"]) == {
        "deadLetterTargetArn": stack.dlq_arn,
        "maxReceiveCount": 5,
    }
    assert dlq["MessageRetentionPeriod"] == str(14 * 24 * 3600)


def test_tables_have_the_keys_and_the_articles_stream(stack: Any) -> None:
    # GIVEN the stack
    dynamodb = client("dynamodb")
    # WHEN the tables are described
    articles = dynamodb.describe_table(TableName=stack.articles_table)["Table"]
    fingerprints = dynamodb.describe_table(TableName=stack.fingerprints_table)["Table"]
    stream = client("dynamodbstreams").describe_stream(StreamArn=stack.stream_arn)["StreamDescription"]
    # THEN the keys are the contract's and the articles table streams both images
    assert [k["AttributeName"] for k in articles["KeySchema"]] == ["article_id"]
    assert [k["AttributeName"] for k in fingerprints["KeySchema"]] == ["fingerprint", "article_id"]
    assert articles["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert stack.stream_arn == articles["LatestStreamArn"]
    assert stream["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert (
        "StreamSpecification" not in fingerprints or not fingerprints["StreamSpecification"]["StreamEnabled"]
    )


def test_function_environment_resolves_to_the_local_resources(stack: Any) -> None:
    # GIVEN the stack
    environment = stack.ingest_environment
    # WHEN the ingest function's environment is compared with what was created
    # THEN every intrinsic resolved to the local physical names, and the batch size is the event source's
    assert environment["ARTICLES_TABLE"] == stack.articles_table
    assert environment["FINGERPRINTS_TABLE"] == stack.fingerprints_table
    assert environment["ARTICLES_BUCKET"] == stack.bucket
    assert environment["INCOMING_PREFIX"] == "incoming/"
    assert environment["CLEANED_PREFIX"] == "cleaned/"
    assert all(isinstance(value, str) and "${" not in value for value in environment.values())
    assert stack.ingest_batch_size == 10
    sources = {source.function: source for source in stack.event_sources}
    assert set(sources) == {"IngestFunction", "IndexFunction"}
    assert sources["IngestFunction"].source_arn == stack.queue_arn
    assert sources["IndexFunction"].source_arn == stack.stream_arn
    assert all(source.response_types == ("ReportBatchItemFailures",) for source in sources.values())


def test_creating_twice_reuses_the_resources_without_a_second_test_event(stack: Any) -> None:
    # GIVEN a stack already created on this emulator, its test event consumed
    from article_pipeline.local.stack import create_stack

    drain(stack.queue_url)
    # WHEN it is created again
    again = create_stack(TEMPLATE)
    # THEN the same names come back and S3 was not re-configured (no new s3:TestEvent)
    assert again == stack
    assert drain(stack.queue_url) == []


def test_parameter_overrides_reach_the_resources(aws: None) -> None:
    # GIVEN a template parameter overridden
    from article_pipeline.local.stack import LocalStackError, create_stack

    # WHEN the stack is created with deletion protection on
    stack = create_stack(
        TEMPLATE, stack_name="protected", parameter_overrides={"TableDeletionProtection": "true"}
    )
    # THEN the tables are protected, and an unknown override is refused rather than ignored
    table = client("dynamodb").describe_table(TableName=stack.articles_table)["Table"]
    assert table.get("DeletionProtectionEnabled") is True
    with pytest.raises(LocalStackError, match="NoSuchParameter"):
        create_stack(TEMPLATE, stack_name="other", parameter_overrides={"NoSuchParameter": "1"})


def test_works_against_a_moto_server_endpoint() -> None:
    # GIVEN a moto server on the loopback interface (as the demo uses), no in-process mock
    from moto.server import ThreadedMotoServer

    from article_pipeline.local.stack import create_stack

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        # WHEN the stack is created there and an article uploaded
        stack = create_stack(TEMPLATE, endpoint_url=endpoint)
        import boto3

        boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint).put_object(
            Bucket=stack.bucket, Key="incoming/x.txt", Body=b"x"
        )
        attributes = boto3.client("sqs", region_name="us-east-1", endpoint_url=endpoint).get_queue_attributes(
            QueueUrl=stack.queue_url, AttributeNames=["ApproximateNumberOfMessages"]
        )["Attributes"]
        # THEN the notification reached the server's queue (test event + the upload)
        assert attributes["ApproximateNumberOfMessages"] == "2"
    finally:
        server.stop()


def test_refuses_to_run_without_an_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN no mock and an endpoint where nothing listens
    from article_pipeline.local.stack import LocalStackError, create_stack

    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    # WHEN a stack is requested
    # THEN it fails with a message saying what to do, before creating anything
    with pytest.raises(LocalStackError, match="mock_aws"):
        create_stack(TEMPLATE, endpoint_url="http://127.0.0.1:9")


# ------------------------------------------------------------------------------------------------ the resolver


def resolver(**template: Any) -> Any:
    from article_pipeline.local.stack import Resolver

    return Resolver(template, stack_name="s", region="eu-west-1", account_id="123456789012")


def test_sub_resolves_parameters_pseudo_parameters_attributes_and_escapes() -> None:
    # GIVEN a resolver with a parameter default and one created resource
    from article_pipeline.local.stack import _Resolved

    r = resolver(Parameters={"Env": {"Type": "String", "Default": "dev"}})
    r.resources["Queue"] = _Resolved("https://q", {"Arn": "arn:aws:sqs:eu-west-1:123456789012:q"})
    # WHEN a Fn::Sub uses each kind of variable, a local variable and an escaped literal
    value = r.resolve(
        {
            "Fn::Sub": [
                "${AWS::StackName}-${Env}-${AWS::Region}/${Queue}/${Queue.Arn}/${Local}/${!Literal}",
                {"Local": "x"},
            ]
        }
    )
    # THEN each is replaced and the escape keeps the literal text
    assert value == "s-dev-eu-west-1/https://q/arn:aws:sqs:eu-west-1:123456789012:q/x/${Literal}"


def test_conditions_if_and_no_value_drop_keys_and_items() -> None:
    # GIVEN a condition that is false for the default parameter value
    r = resolver(
        Parameters={"Topic": {"Type": "String", "Default": ""}},
        Conditions={"HasTopic": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Topic"}, ""]}]}},
    )
    # WHEN properties use Fn::If with AWS::NoValue, Join, Select and Split
    value = r.resolve(
        {
            "Actions": {"Fn::If": ["HasTopic", [{"Ref": "Topic"}], {"Ref": "AWS::NoValue"}]},
            "List": ["a", {"Fn::If": ["HasTopic", "b", {"Ref": "AWS::NoValue"}]}],
            "Joined": {"Fn::Join": ["-", ["x", {"Fn::Select": [1, {"Fn::Split": [",", "p,q,r"]}]}]]},
        }
    )
    # THEN the NoValue key and item disappear and the rest resolves
    assert value == {"List": ["a"], "Joined": "x-q"}


def test_unknown_intrinsics_and_references_are_errors_not_silent_strings() -> None:
    # GIVEN an empty resolver
    from article_pipeline.local.stack import LocalStackError

    r = resolver()
    # WHEN it meets an unsupported function or a reference to nothing
    # THEN it says so instead of passing an unresolved value on
    with pytest.raises(LocalStackError, match="Fn::ImportValue"):
        r.resolve({"Fn::ImportValue": "x"})
    with pytest.raises(LocalStackError, match="Missing"):
        r.resolve({"Ref": "Missing"})
    with pytest.raises(LocalStackError, match="Missing"):
        r.resolve({"Fn::GetAtt": ["Missing", "Arn"]})


def test_resources_are_ordered_after_what_they_reference() -> None:
    # GIVEN resources referring to each other by Ref, GetAtt, Sub and DependsOn
    from article_pipeline.local.stack import LocalStackError, resource_order

    resources = {
        "Bucket": {"DependsOn": "Policy", "Properties": {"Q": {"Fn::GetAtt": ["Queue", "Arn"]}}},
        "Policy": {
            "Properties": {"Queues": [{"Ref": "Queue"}], "S": {"Fn::Sub": "${Dlq.Arn}-${AWS::Region}"}}
        },
        "Queue": {"Properties": {"R": {"Fn::GetAtt": "Dlq.Arn"}}},
        "Dlq": {"Properties": {}},
    }
    # WHEN they are ordered
    order = resource_order(resources)
    # THEN each comes after its dependencies, and a cycle is reported
    assert order.index("Dlq") < order.index("Queue") < order.index("Policy") < order.index("Bucket")
    with pytest.raises(LocalStackError, match="circular"):
        resource_order({"A": {"Properties": {"x": {"Ref": "B"}}}, "B": {"Properties": {"x": {"Ref": "A"}}}})
