"""template.yaml: lint-clean, wired to the code it deploys, least privilege, and unable to trigger itself.

Offline: the SAM transform runs with samtranslator (stub managed-policy map, no AWS calls) and cfn-lint runs
through its Python API. `sam validate` needs the separate SAM CLI venv, so it runs in .ci/run, not here.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from support import REPO

TEMPLATE = REPO / "template.yaml"
PACKAGE = REPO / "shared" / "article_pipeline"

INGEST_ENVIRONMENT = {
    "ARTICLES_TABLE",
    "FINGERPRINTS_TABLE",
    "ARTICLES_BUCKET",
    "INCOMING_PREFIX",
    "CLEANED_PREFIX",
    "MAX_UPLOAD_BYTES",
    "MAX_DECOMPRESSED_BYTES",
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_METRICS_NAMESPACE",
    "POWERTOOLS_LOG_LEVEL",
    "AWS_ENDPOINT_URL",
}
# Read by aws_lambda_powertools itself, not by the project's code.
LIBRARY_ENVIRONMENT = {"POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL"}
# Read by botocore: empty in AWS, set by `sam local invoke --env-vars` to reach a local endpoint.
SDK_ENVIRONMENT = {"AWS_ENDPOINT_URL"}

# boto3 calls the adapters make -> the IAM action each one needs.
API_ACTIONS = {
    "get_object": "s3:GetObject",
    "head_object": "s3:GetObject",
    "put_object": "s3:PutObject",
    "delete_object": "s3:DeleteObject",
    "list_objects_v2": "s3:ListBucket",
    "get_item": "dynamodb:GetItem",
    "put_item": "dynamodb:PutItem",
    "update_item": "dynamodb:UpdateItem",
    "delete_item": "dynamodb:DeleteItem",
    "query": "dynamodb:Query",
    "scan": "dynamodb:Scan",
    "batch_writer": "dynamodb:BatchWriteItem",
    "batch_write_item": "dynamodb:BatchWriteItem",
    "batch_get_item": "dynamodb:BatchGetItem",
    "transact_write_items": "dynamodb:ConditionCheckItem",
}


@cache
def sam() -> dict[str, Any]:
    from article_pipeline.local.stack import load_template

    return load_template(TEMPLATE)


@cache
def cloudformation() -> dict[str, Any]:
    from article_pipeline.local.stack import translate_template

    return translate_template(sam())


def resources(of_type: str, template: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    template = template or sam()
    return {name: body for name, body in template["Resources"].items() if body["Type"] == of_type}


def ingest_properties() -> dict[str, Any]:
    return dict(sam()["Resources"]["IngestFunction"]["Properties"])


def function_role(function: str) -> dict[str, Any]:
    """The AWS::IAM::Role a function names with `Role: !GetAtt <Role>.Arn`, as written in template.yaml."""
    role_ref = sam()["Resources"][function]["Properties"]["Role"]
    assert isinstance(role_ref, dict) and "Fn::GetAtt" in role_ref, (
        f"{function}: Role is not a GetAtt ({role_ref})"
    )
    logical_id = (
        role_ref["Fn::GetAtt"][0]
        if isinstance(role_ref["Fn::GetAtt"], list)
        else role_ref["Fn::GetAtt"].split(".")[0]
    )
    role = sam()["Resources"][logical_id]
    assert role["Type"] == "AWS::IAM::Role"
    return dict(role)


def ingest_role_policies() -> list[Any]:
    return list(function_role("IngestFunction")["Properties"]["Policies"])


def statements(policies: list[Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for policy in policies:
        document = policy.get("PolicyDocument", policy) if isinstance(policy, dict) else {}
        found.extend(document.get("Statement", []))
    return found


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def lint(text: str) -> list[str]:
    from cfnlint.api import ManualArgs, lint

    return [str(match) for match in lint(text, config=ManualArgs(regions=["us-east-1"]))]


# ------------------------------------------------------------------------------------------------ lint


def test_template_is_cfn_lint_clean() -> None:
    # GIVEN the SAM template as written
    text = TEMPLATE.read_text(encoding="utf-8")
    # WHEN cfn-lint checks it (it applies the SAM transform itself)
    findings = lint(text)
    # THEN nothing is reported
    assert findings == []


def test_translated_template_is_cfn_lint_clean() -> None:
    # GIVEN the CloudFormation that the SAM transform produces offline
    translated = cloudformation()
    # WHEN cfn-lint checks the generated resources (runtimes, event source mappings, roles)
    findings = lint(json.dumps(translated))
    # THEN nothing is reported and the transform produced the function, its role and its SQS mapping
    assert findings == []
    types = {body["Type"] for body in translated["Resources"].values()}
    assert {"AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Lambda::EventSourceMapping"} <= types


# ------------------------------------------------------------------------------------------------ code wiring


def test_handler_file_defines_the_configured_handler() -> None:
    # GIVEN the function's CodeUri and Handler
    properties = ingest_properties()
    module_name, function_name = properties["Handler"].rsplit(".", 1)
    handler_file = REPO / properties["CodeUri"] / f"{module_name}.py"
    # WHEN the handler file is parsed (not imported)
    tree = ast.parse(handler_file.read_text(encoding="utf-8"))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    # THEN it defines the handler with Lambda's (event, context) signature
    assert function_name in functions
    assert [arg.arg for arg in functions[function_name].args.args] == ["event", "context"]


def test_layer_ships_the_package_and_exactly_the_declared_runtime_dependencies() -> None:
    # GIVEN the shared layer and the project's declared dependencies
    layer = resources("AWS::Serverless::LayerVersion")["SharedLayer"]
    content = REPO / layer["Properties"]["ContentUri"]
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    # WHEN the layer's folder is inspected
    requirements = [
        line.strip()
        for line in (content / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # THEN sam build finds the package and installs the same pins pyproject declares, for the function's runtime
    assert (content / "article_pipeline" / "__init__.py").is_file()
    assert sorted(requirements) == sorted(declared)
    # (the layer is built by shared/Makefile -> scripts/build_layer.py, which installs wheels for the runtime's
    # Python version and the template's architecture)
    runtime = sam()["Globals"]["Function"]["Runtime"]
    assert layer["Metadata"]["BuildMethod"] == "makefile"
    assert "build-SharedLayer:" in (content / "Makefile").read_text()
    build_script = (REPO / "scripts" / "build_layer.py").read_text()
    assert f'"--python-version", "{runtime.removeprefix("python")}"' in build_script
    assert layer["Metadata"]["BuildArchitecture"] == "arm64" and "manylinux2014_aarch64" in build_script
    assert layer["Properties"]["CompatibleRuntimes"] == [sam()["Globals"]["Function"]["Runtime"]]
    assert layer["Properties"]["CompatibleArchitectures"] == sam()["Globals"]["Function"]["Architectures"]


def lambda_sources() -> dict[Path, str]:
    """The code the ingest function runs: its handler and every article_pipeline module it imports, transitively
    (imports inside functions included, since the code imports lazily)."""
    properties = ingest_properties()
    handler = REPO / properties["CodeUri"] / (properties["Handler"].rsplit(".", 1)[0] + ".py")
    shared = REPO / "shared"

    def module_file(module: str) -> Path | None:
        base = shared.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None

    found: dict[Path, str] = {}
    pending = [handler]
    while pending:
        path = pending.pop()
        if path in found:
            continue
        found[path] = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(found[path])):
            modules: list[str] = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            for module in modules:
                parts = module.split(".")
                # a package's __init__ runs too when a submodule is imported
                for depth in range(1, len(parts) + 1):
                    target = module_file(".".join(parts[:depth])) if parts[0] == "article_pipeline" else None
                    if target is not None:
                        pending.append(target)
    return found


def test_ingest_code_closure_is_found() -> None:
    # GIVEN the ingest handler
    # WHEN the modules it imports are followed
    sources = lambda_sources()
    # THEN the adapters and the pipeline are part of it, and local-only tooling is not
    names = {path.relative_to(REPO).as_posix() for path in sources}
    assert any(name.startswith("shared/article_pipeline/adapters/") for name in names)
    assert "shared/article_pipeline/pipeline/process.py" in names
    assert not any("/local/" in name for name in names)


def test_environment_is_exactly_the_documented_names() -> None:
    # GIVEN the ingest function's environment in the template
    variables = ingest_properties()["Environment"]["Variables"]
    # WHEN its names are compared with the contract the code and docs rely on
    # THEN they are the same set, with the documented fixed values
    assert set(variables) == INGEST_ENVIRONMENT
    assert variables["INCOMING_PREFIX"] == "incoming/"
    assert variables["CLEANED_PREFIX"] == "cleaned/"
    assert variables["MAX_UPLOAD_BYTES"] == "10485760"
    assert variables["MAX_DECOMPRESSED_BYTES"] == "20971520"
    assert variables["POWERTOOLS_LOG_LEVEL"] == "INFO"
    assert variables["AWS_ENDPOINT_URL"] == ""


def test_every_template_variable_is_read_by_the_code() -> None:
    # GIVEN the code Lambda runs, and Powertools' own source for the variables it reads
    import aws_lambda_powertools

    code = "\n".join(lambda_sources().values())
    powertools = "\n".join(
        path.read_text(encoding="utf-8") for path in Path(aws_lambda_powertools.__file__).parent.rglob("*.py")
    )
    # WHEN each variable of the template is looked for as a string literal
    unread = [
        name
        for name in ingest_properties()["Environment"]["Variables"]
        if name not in SDK_ENVIRONMENT
        and f'"{name}"' not in (powertools if name in LIBRARY_ENVIRONMENT else code)
    ]
    # THEN every one has a reader (a variable nobody reads is a setting that silently does nothing)
    assert unread == []


def test_every_variable_the_code_reads_is_set_by_the_template() -> None:
    # GIVEN the environment variable names the Lambda code reads
    pattern = re.compile(r"""(?:env|environ|getenv)(?:\[|\.get\(|\()\s*["']([A-Z][A-Z0-9_]+)["']""")
    read = {name for text in lambda_sources().values() for name in pattern.findall(text)}
    # WHEN those that Lambda or AWS itself provides are set aside
    own = {name for name in read if not name.startswith(("AWS_", "LAMBDA_", "_", "POWERTOOLS_"))}
    # THEN the template sets every remaining one (else it only works with a default, or not at all)
    assert own <= set(ingest_properties()["Environment"]["Variables"])


# ------------------------------------------------------------------------------------------------ IAM


@pytest.mark.parametrize("function", ["IngestFunction", "IndexFunction"])
def test_function_policies_are_explicit_statements_not_policy_templates(function: str) -> None:
    # GIVEN the function's own role and the function's properties
    properties = sam()["Resources"][function]["Properties"]
    policies = function_role(function)["Properties"]["Policies"]
    # WHEN each policy of the role is inspected
    # THEN each is an inline policy document (SAM policy templates such as S3CrudPolicy can grant on "*"), and
    # the function carries no Policies of its own (SAM ignores them once Role is set: they would grant nothing)
    assert policies
    assert all(isinstance(policy, dict) and "Statement" in policy["PolicyDocument"] for policy in policies)
    assert "Policies" not in properties


def test_no_data_permission_is_granted_on_every_resource() -> None:
    # GIVEN every IAM statement of the translated template
    all_statements = [
        statement
        for role in resources("AWS::IAM::Role", cloudformation()).values()
        for statement in statements(role["Properties"].get("Policies", []))
    ]
    # WHEN statements granting S3 or DynamoDB actions are inspected
    wildcard = [
        statement
        for statement in all_statements
        if any(str(action).startswith(("s3:", "dynamodb:")) for action in as_list(statement["Action"]))
        and "*" in as_list(statement["Resource"])
    ]
    # THEN none of them applies to Resource "*"
    assert all_statements
    assert wildcard == []


def test_logging_tracing_and_the_queue_poller_are_inline_and_scoped() -> None:
    # GIVEN the ingest function's role after the SAM transform
    role = resources("AWS::IAM::Role", cloudformation())["IngestFunctionRole"]
    grants = {
        action: statement["Resource"]
        for statement in statements(role["Properties"]["Policies"])
        for action in as_list(statement["Action"])
    }
    # WHEN its managed policies and the grants that replace them are read
    managed = role["Properties"].get("ManagedPolicyArns", [])
    # THEN no managed policy is attached (AWSLambdaBasicExecutionRole, AWSXrayWriteOnlyAccess and
    # AWSLambdaSQSQueueExecutionRole grant on "*"): logs go to the function's own group, the poller reads the
    # ingest queue only, and only X-Ray (which has no resource-level permissions) is granted on "*"
    assert managed == []
    assert role["Properties"]["AssumeRolePolicyDocument"]["Statement"] == [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ]
    for action in ("logs:CreateLogStream", "logs:PutLogEvents"):
        assert grants[action] == {"Fn::GetAtt": ["IngestFunctionLogGroup", "Arn"]}
    for action in ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"):
        assert grants[action] == {"Fn::GetAtt": ["IngestQueue", "Arn"]}
    assert grants["xray:PutTraceSegments"] == grants["xray:PutTelemetryRecords"] == "*"
    assert [action for action, resource in grants.items() if resource == "*"] == [
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
    ]


def test_every_aws_call_of_the_adapters_is_allowed() -> None:
    # GIVEN the boto3 calls the code running in Lambda makes
    # Calls on a batch_writer (batch.put_item / batch.delete_item) are BatchWriteItem, mapped via batch_writer.
    calls = {name for text in lambda_sources().values() for name in re.findall(r"(?<!batch)\.(\w+)\(", text)}
    needed = {API_ACTIONS[call] for call in calls if call in API_ACTIONS}
    # WHEN compared with the actions the function's role grants
    granted = {
        action for statement in statements(ingest_role_policies()) for action in as_list(statement["Action"])
    }
    # THEN each call is permitted (moto does not enforce IAM, so only this test sees a missing grant)
    assert needed
    assert needed - granted == set()


def test_s3_grants_keep_reads_in_incoming_and_writes_in_cleaned() -> None:
    # GIVEN the S3 statements of the function's role
    s3_statements = [
        statement
        for statement in statements(ingest_role_policies())
        if any(str(action).startswith("s3:") for action in as_list(statement["Action"]))
    ]
    # WHEN each action is matched with its resource
    by_action = {
        action: json.dumps(statement["Resource"])
        for statement in s3_statements
        for action in as_list(statement["Action"])
    }
    # THEN the function reads only incoming/ and writes only cleaned/
    assert by_action["s3:GetObject"].endswith('/incoming/*"}')
    assert by_action["s3:GetObjectVersion"].endswith('/incoming/*"}')
    assert by_action["s3:PutObject"].endswith('/cleaned/*"}')


# ------------------------------------------------------------------------------------------------ storage


def test_bucket_is_private_encrypted_versioned_and_tls_only() -> None:
    # GIVEN the articles bucket and the bucket policies
    bucket = resources("AWS::S3::Bucket")["ArticlesBucket"]["Properties"]
    policies = resources("AWS::S3::BucketPolicy").values()
    # WHEN its protections are read
    block = bucket["PublicAccessBlockConfiguration"]
    tls_denials = [
        statement
        for policy in policies
        if policy["Properties"]["Bucket"] == {"Ref": "ArticlesBucket"}
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Deny"
        and statement.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
    ]
    # THEN all public access is blocked, objects are encrypted and versioned, and plain HTTP is denied
    assert block == dict.fromkeys(
        ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"), True
    )
    encryption = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert encryption["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms"}
    assert bucket["VersioningConfiguration"]["Status"] == "Enabled"
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    assert any("NoncurrentVersionExpiration" in rule for rule in bucket["LifecycleConfiguration"]["Rules"])
    assert len(tls_denials) == 1


def test_only_the_incoming_prefix_notifies_so_cleaned_writes_cannot_loop() -> None:
    # GIVEN the bucket's notifications and the prefixes the function uses
    bucket = resources("AWS::S3::Bucket")["ArticlesBucket"]["Properties"]
    configurations = bucket["NotificationConfiguration"]["QueueConfigurations"]
    variables = ingest_properties()["Environment"]["Variables"]
    # WHEN each notification's key filter is read
    prefixes = [[rule["Value"] for rule in item["Filter"]["S3Key"]["Rules"]] for item in configurations]
    # THEN created and removed objects notify the ingest queue for incoming/ only, and cleaned/ lies outside it
    assert sorted(item["Event"] for item in configurations) == ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    assert all(item["Queue"] == {"Fn::GetAtt": ["IngestQueue", "Arn"]} for item in configurations)
    assert prefixes == [["incoming/"], ["incoming/"]]
    assert not variables["CLEANED_PREFIX"].startswith(variables["INCOMING_PREFIX"])
    assert not variables["INCOMING_PREFIX"].startswith(variables["CLEANED_PREFIX"])
    assert set(bucket["NotificationConfiguration"]) == {"QueueConfigurations"}


def test_queue_policy_admits_only_this_bucket_and_the_bucket_waits_for_it() -> None:
    # GIVEN the ingest queue policy and the bucket
    policy = resources("AWS::SQS::QueuePolicy")["IngestQueuePolicy"]["Properties"]
    bucket = sam()["Resources"]["ArticlesBucket"]
    allow, deny = (
        [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == effect]
        for effect in ("Allow", "Deny")
    )
    # WHEN the allow statement's conditions are read
    (statement,) = allow
    source_arn = statement["Condition"]["ArnLike"]["aws:SourceArn"]["Fn::Sub"]
    # THEN only S3, from this bucket (name computed, no cycle) in this account, may send; plain HTTP is denied
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert source_arn == "arn:${AWS::Partition}:s3:::" + bucket["Properties"]["BucketName"]["Fn::Sub"]
    assert statement["Condition"]["StringEquals"]["aws:SourceAccount"] == {"Ref": "AWS::AccountId"}
    assert deny[0]["Condition"]["Bool"]["aws:SecureTransport"] == "false"
    assert bucket["DependsOn"] == "IngestQueuePolicy"


def test_queue_outlasts_the_function_and_fails_over_to_a_dead_letter_queue() -> None:
    # GIVEN the queue, its DLQ and the function's SQS event
    queues = resources("AWS::SQS::Queue")
    queue, dlq = queues["IngestQueue"]["Properties"], queues["IngestDLQ"]["Properties"]
    event = ingest_properties()["Events"]["IngestQueueEvent"]["Properties"]
    timeout = sam()["Globals"]["Function"]["Timeout"]
    # WHEN the timings are compared
    # THEN a message stays hidden for 6 function timeouts plus the batching window, and moves to the DLQ after 5
    assert queue["VisibilityTimeout"] >= 6 * timeout + event["MaximumBatchingWindowInSeconds"]
    assert queue["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": ["IngestDLQ", "Arn"]},
        "maxReceiveCount": 5,
    }
    assert dlq["MessageRetentionPeriod"] == 14 * 24 * 3600
    assert queue["SqsManagedSseEnabled"] is True
    assert dlq["SqsManagedSseEnabled"] is True
    assert event["BatchSize"] == 10
    assert event["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert event["ScalingConfig"]["MaximumConcurrency"] == {"Ref": "IngestMaxConcurrency"}


def test_tables_have_the_contract_keys_and_protections() -> None:
    # GIVEN the tables
    tables = resources("AWS::DynamoDB::Table")
    articles, fingerprints = tables["ArticlesTable"]["Properties"], tables["FingerprintsTable"]["Properties"]
    index = tables["IndexTable"]["Properties"]
    # WHEN their keys and settings are read
    keys = {
        name: [(k["AttributeName"], k["KeyType"]) for k in table["Properties"]["KeySchema"]]
        for name, table in tables.items()
    }
    # THEN keys match the adapters, articles stream both images, and both are on-demand, recoverable, encrypted
    assert keys == {
        "ArticlesTable": [("article_id", "HASH")],
        "FingerprintsTable": [("fingerprint", "HASH"), ("article_id", "RANGE")],
        "IndexTable": [("pk", "HASH"), ("sk", "RANGE")],
    }
    assert articles["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert "StreamSpecification" not in fingerprints
    assert "StreamSpecification" not in index
    for table in (articles, fingerprints, index):
        assert table["BillingMode"] == "PAY_PER_REQUEST"
        assert table["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
        assert table["SSESpecification"] == {"SSEEnabled": True}
        assert table["DeletionProtectionEnabled"] == {"Fn::If": ["ProtectTables", True, False]}


# ------------------------------------------------------------------------------------------------ operations


def test_every_function_logs_to_its_own_group_with_retention() -> None:
    # GIVEN the functions and log groups
    log_groups = resources("AWS::Logs::LogGroup")
    # WHEN each function's logging target is followed
    targets = {
        name: body["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
        for name, body in resources("AWS::Serverless::Function").items()
    }
    # THEN each writes to a distinct, template-owned group that expires its logs
    assert len(set(targets.values())) == len(targets)
    assert all("RetentionInDays" in log_groups[group]["Properties"] for group in targets.values())


def test_alarms_watch_the_dead_letter_queue_errors_and_throttles() -> None:
    # GIVEN the alarms
    alarms = resources("AWS::CloudWatch::Alarm").values()
    # WHEN their metrics are listed
    metrics = {(alarm["Properties"]["Namespace"], alarm["Properties"]["MetricName"]) for alarm in alarms}
    # THEN the DLQ depth and the function's errors and throttles are each watched, with optional SNS actions
    assert {
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible"),
        ("AWS/Lambda", "Errors"),
        ("AWS/Lambda", "Throttles"),
    } <= metrics
    assert all("AlarmActions" in alarm["Properties"] for alarm in alarms)


def test_outputs_name_everything_a_consumer_needs() -> None:
    # GIVEN the template outputs
    outputs = set(sam()["Outputs"])
    # WHEN compared with what the docs and other teams use
    # THEN every one is there
    assert {
        "ArticlesBucketName",
        "IngestQueueUrl",
        "IngestDLQUrl",
        "ArticlesTableName",
        "ArticlesTableStreamArn",
        "FingerprintsTableName",
        "IngestFunctionArn",
    } <= outputs


def test_function_globals_match_the_runtime_the_project_builds_for() -> None:
    # GIVEN the function globals and the project's Python version file
    function = sam()["Globals"]["Function"]
    python_version = (REPO / ".python-version").read_text().strip()
    # WHEN compared
    # THEN Lambda runs the same minor version the project tests with, on arm64, traced
    assert function["Runtime"] == f"python{python_version}"
    assert function["Architectures"] == ["arm64"]
    assert function["Tracing"] == "Active"
    assert function["Timeout"] == 60


def test_samconfig_is_portable() -> None:
    # GIVEN samconfig.toml
    text = (REPO / "samconfig.toml").read_text()
    config = tomllib.loads(text)
    deploy = config["default"]["deploy"]["parameters"]
    # WHEN its deploy settings are read
    # THEN it uses a managed artifact bucket, asks before changing, and names no account or region
    assert deploy["resolve_s3"] is True
    assert deploy["capabilities"] == "CAPABILITY_IAM"
    assert deploy["confirm_changeset"] is True
    assert not re.search(r"\b\d{12}\b", text)
    assert "region" not in keys(config)
    stack_name = config["default"]["global"]["parameters"]["stack_name"]
    assert stack_name == stack_name.lower()


def keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in keys(item)}
    return set()


@pytest.mark.parametrize("name", ["TableDeletionProtection", "FunctionMemorySize", "IngestMaxConcurrency"])
def test_parameters_have_safe_defaults(name: str) -> None:
    # GIVEN a tunable template parameter
    parameter = sam()["Parameters"][name]
    # WHEN its default is read
    # THEN `sam deploy` works without answering it
    assert "Default" in parameter
