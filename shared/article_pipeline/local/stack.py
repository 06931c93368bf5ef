"""template.yaml -> resources on a local AWS emulator (moto), offline and without Docker.

The SAM template is the single source of truth: this module translates it with samtranslator (no AWS
calls: a stub managed-policy map, a region-only boto3 session), resolves the intrinsics of the resulting
CloudFormation, and creates the data-plane resources the pipeline talks to:

- ``AWS::S3::Bucket``: versioning, encryption, public access block, ownership, lifecycle and the
  ``NotificationConfiguration.QueueConfigurations`` (moto's CloudFormation ignores those, hence this);
- ``AWS::SQS::Queue``: attributes including ``RedrivePolicy`` and ``VisibilityTimeout``;
- ``AWS::DynamoDB::Table``: keys, billing, indexes, stream, PITR, TTL.

``AWS::Lambda::Function`` and ``AWS::Lambda::EventSourceMapping`` are interpreted, not created (moto runs
functions in Docker): their resolved environment and batch size are returned so callers invoke the real
handler in-process. Every other type (IAM, logs, alarms, layers, policies) gets a placeholder name/ARN so
references to it still resolve.

Clients go to whatever endpoint is active: moto's ``mock_aws`` in-process, ``endpoint_url`` (e.g. a
``ThreadedMotoServer``) or ``AWS_ENDPOINT_URL``. A guard refuses to run against an account that is not an
emulator's. Re-running against the same emulator reuses what exists.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_ACCOUNT_ID = "123456789012"  # moto's default account
PARTITION = "aws"

# The template's logical ids this project's tooling relies on.
BUCKET_ID = "ArticlesBucket"
QUEUE_ID = "IngestQueue"
DLQ_ID = "IngestDLQ"
ARTICLES_TABLE_ID = "ArticlesTable"
FINGERPRINTS_TABLE_ID = "FingerprintsTable"
INGEST_FUNCTION_ID = "IngestFunction"


class LocalStackError(RuntimeError):
    """The template uses something this bridge cannot interpret, or the target is not an emulator."""


class _NoValue:
    """AWS::NoValue: the enclosing key or list item disappears."""

    def __repr__(self) -> str:
        return "AWS::NoValue"


NO_VALUE = _NoValue()


@dataclass(frozen=True)
class EventSource:
    """An AWS::Lambda::EventSourceMapping as written in the translated template (interpreted, not created)."""

    function: str  # logical id of the function
    source_arn: str
    batch_size: int
    batching_window_seconds: int
    response_types: tuple[str, ...]


@dataclass(frozen=True)
class FunctionSpec:
    """An AWS::Lambda::Function with its environment resolved to local names."""

    logical_id: str
    handler: str
    runtime: str
    timeout: int
    environment: dict[str, str]


@dataclass(frozen=True)
class LocalStack:
    """The local copy of the stack: physical names of what the pipeline talks to."""

    stack_name: str
    region: str
    account_id: str
    bucket: str
    queue_url: str
    queue_arn: str
    dlq_url: str
    dlq_arn: str
    articles_table: str
    fingerprints_table: str
    stream_arn: str
    ingest_batch_size: int
    ingest_environment: dict[str, str]
    functions: dict[str, FunctionSpec] = field(default_factory=dict)
    event_sources: tuple[EventSource, ...] = ()
    physical_ids: dict[str, str] = field(default_factory=dict)  # logical id -> Ref value


# ---------------------------------------------------------------------------------------------- templates


def load_template(template_path: Path) -> dict[str, Any]:
    """Parse a CloudFormation/SAM YAML or JSON file, short-form intrinsics (!Ref, !Sub, ...) included."""
    import yaml  # local tooling only
    from samtranslator.yaml_helper import intrinsics_multi_constructor  # type: ignore[import-untyped]  # no stubs

    class _CfnLoader(yaml.SafeLoader):
        """A private loader: samtranslator's yaml_parse would register the tags on yaml.SafeLoader globally."""

    _CfnLoader.add_multi_constructor("!", intrinsics_multi_constructor)
    document = yaml.load(template_path.read_text(encoding="utf-8"), Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass
    if not isinstance(document, dict) or not isinstance(document.get("Resources"), dict):
        raise LocalStackError(f"{template_path} is not a CloudFormation template (no Resources mapping)")
    return document


def translate_template(
    template: Mapping[str, Any],
    *,
    region: str = "us-east-1",
    parameter_values: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """SAM -> CloudFormation with samtranslator, offline.

    Local ``CodeUri``/``ContentUri`` paths are replaced by placeholder S3 URIs (what ``sam validate`` does),
    managed policies come from samtranslator's bundled map with an empty fallback (no IAM calls), and the
    boto3 session only carries the region.
    """
    if "AWS::Serverless-2016-10-31" not in _transforms(template):
        return copy.deepcopy(dict(template))
    import boto3  # local tooling only
    from samtranslator.metrics.metrics import DummyMetricsPublisher, Metrics  # type: ignore[import-untyped]  # no stubs
    from samtranslator.parser.parser import Parser  # type: ignore[import-untyped]  # no stubs
    from samtranslator.translator.translator import Translator  # type: ignore[import-untyped]  # no stubs

    sam_template = _with_placeholder_code_uris(copy.deepcopy(dict(template)))
    metrics = Metrics("ServerlessTransform", DummyMetricsPublisher())  # offline: publish to nowhere
    translator = Translator(
        None, Parser(), boto_session=boto3.session.Session(region_name=region), metrics=metrics
    )
    translated: dict[str, Any] = translator.translate(
        sam_template,
        parameter_values=dict(parameter_values or {}),
        get_managed_policy_map=_empty_managed_policy_map,
    )
    metrics.publish()  # else samtranslator warns about unpublished metrics when the object is collected
    return translated


def _empty_managed_policy_map() -> dict[str, str]:
    return {}


def _transforms(template: Mapping[str, Any]) -> list[str]:
    transform = template.get("Transform", [])
    return [transform] if isinstance(transform, str) else [t for t in transform if isinstance(t, str)]


def _with_placeholder_code_uris(template: dict[str, Any]) -> dict[str, Any]:
    def placeholder(value: Any) -> Any:
        if isinstance(value, str) and not value.startswith("s3://"):
            return f"s3://local-artifacts/{value.strip('./') or 'root'}"
        return value

    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = placeholder(function_globals["CodeUri"])
    for resource in template["Resources"].values():
        properties = resource.get("Properties") or {}
        for key in ("CodeUri", "ContentUri", "DefinitionUri"):
            if key in properties:
                properties[key] = placeholder(properties[key])
    return template


# ---------------------------------------------------------------------------------------------- intrinsics


@dataclass
class _Resolved:
    ref: str
    attributes: dict[str, str]


class Resolver:
    """Resolves Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::Select, Fn::Split, conditions and pseudo
    parameters against template parameters (defaults + overrides) and the resources created so far."""

    def __init__(
        self,
        template: Mapping[str, Any],
        *,
        stack_name: str,
        region: str,
        account_id: str,
        parameter_overrides: Mapping[str, str] | None = None,
    ) -> None:
        self.parameters: dict[str, Any] = {
            "AWS::StackName": stack_name,
            "AWS::StackId": f"arn:{PARTITION}:cloudformation:{region}:{account_id}:stack/{stack_name}/local",
            "AWS::AccountId": account_id,
            "AWS::Region": region,
            "AWS::Partition": PARTITION,
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::NotificationARNs": [],
        }
        overrides = dict(parameter_overrides or {})
        for name, spec in (template.get("Parameters") or {}).items():
            if name in overrides:
                self.parameters[name] = overrides.pop(name)
            elif "Default" in spec:
                self.parameters[name] = spec["Default"]
        if overrides:
            raise LocalStackError(f"unknown parameter override(s): {sorted(overrides)}")
        self._condition_specs: dict[str, Any] = dict(template.get("Conditions") or {})
        self._conditions: dict[str, bool] = {}
        self.resources: dict[str, _Resolved] = {}

    def condition(self, name: str) -> bool:
        if name not in self._conditions:
            if name not in self._condition_specs:
                raise LocalStackError(f"unknown condition {name!r}")
            self._conditions[name] = bool(self.resolve(self._condition_specs[name]))
        return self._conditions[name]

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            items = [self.resolve(item) for item in value]
            return [item for item in items if item is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, argument),) = value.items()
            handler = self._functions.get(key)
            # {"Condition": name} is an intrinsic; an IAM statement's Condition block is a mapping, not a name.
            if handler is not None and not (key == "Condition" and not isinstance(argument, str)):
                return handler(self, argument)
            if key.startswith("Fn::"):
                raise LocalStackError(f"unsupported intrinsic function {key}")
        resolved = {key: self.resolve(item) for key, item in value.items()}
        return {key: item for key, item in resolved.items() if item is not NO_VALUE}

    def _ref(self, name: Any) -> Any:
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.parameters:
            return self.parameters[name]
        if name in self.resources:
            return self.resources[name].ref
        raise LocalStackError(f"Ref to unknown or not yet created {name!r}")

    def _get_att(self, argument: Any) -> str:
        logical_id, attribute = argument.split(".", 1) if isinstance(argument, str) else argument
        attribute = self.resolve(attribute)
        if logical_id not in self.resources:
            raise LocalStackError(f"Fn::GetAtt on unknown or not yet created {logical_id!r}")
        attributes = self.resources[logical_id].attributes
        if attribute not in attributes:
            raise LocalStackError(f"Fn::GetAtt {logical_id}.{attribute}: attribute not known locally")
        return attributes[attribute]

    def _sub(self, argument: Any) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])
        local = {name: self.resolve(item) for name, item in variables.items()}

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in local:
                return str(local[name])
            if name in self.parameters or "." not in name:
                return str(self._ref(name))
            return self._get_att(name)

        return re.sub(r"\$\{([^}]+)\}", replace, text)

    def _join(self, argument: Any) -> str:
        delimiter, items = argument
        return str(delimiter).join(str(item) for item in self.resolve(items))

    def _select(self, argument: Any) -> Any:
        index, items = argument
        return self.resolve(items)[int(self.resolve(index))]

    def _split(self, argument: Any) -> list[str]:
        delimiter, text = argument
        return str(self.resolve(text)).split(delimiter)

    def _if(self, argument: Any) -> Any:
        name, when_true, when_false = argument
        return self.resolve(when_true if self.condition(name) else when_false)

    def _equals(self, argument: Any) -> bool:
        left, right = (self.resolve(item) for item in argument)
        return str(left) == str(right)

    _functions: Mapping[str, Callable[[Resolver, Any], Any]] = {
        "Ref": _ref,
        "Fn::GetAtt": _get_att,
        "Fn::Sub": _sub,
        "Fn::Join": _join,
        "Fn::Select": _select,
        "Fn::Split": _split,
        "Fn::If": _if,
        "Fn::Equals": _equals,
        "Fn::Not": lambda self, argument: not self.resolve(argument[0]),
        "Fn::And": lambda self, argument: all(self.resolve(item) for item in argument),
        "Fn::Or": lambda self, argument: any(self.resolve(item) for item in argument),
        "Condition": lambda self, argument: self.condition(argument),
    }


def resource_order(resources: Mapping[str, Any]) -> list[str]:
    """Logical ids in an order where every resource comes after those it references or DependsOn."""
    dependencies = {
        logical_id: _references(body, set(resources)) - {logical_id} for logical_id, body in resources.items()
    }
    ordered: list[str] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(logical_id: str) -> None:
        if logical_id in done:
            return
        if logical_id in visiting:
            raise LocalStackError(f"circular dependency through {logical_id}")
        visiting.add(logical_id)
        for dependency in sorted(dependencies[logical_id]):
            visit(dependency)
        visiting.discard(logical_id)
        done.add(logical_id)
        ordered.append(logical_id)

    for logical_id in sorted(resources):
        visit(logical_id)
    return ordered


def _references(value: Any, names: set[str]) -> set[str]:
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= _references(item, names)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "Ref" and isinstance(item, str):
                found.add(item)
            elif key == "Fn::GetAtt":
                found.add(item.split(".", 1)[0] if isinstance(item, str) else item[0])
            elif key == "Fn::Sub":
                text = item if isinstance(item, str) else item[0]
                found |= {match.split(".", 1)[0] for match in re.findall(r"\$\{([^!}][^}]*)\}", text)}
                if not isinstance(item, str):
                    found |= _references(item[1], names)
            elif key == "DependsOn":
                found |= {item} if isinstance(item, str) else set(item)
            else:
                found |= _references(item, names)
    return found & names


# ---------------------------------------------------------------------------------------------- creation


def create_stack(
    template_path: Path,
    *,
    stack_name: str = "article-pipeline-local",
    region: str = "us-east-1",
    endpoint_url: str | None = None,
    parameter_overrides: Mapping[str, str] | None = None,
) -> LocalStack:
    """Create the template's buckets, queues and tables on the active emulator and return their names."""
    # botocore >= 1.44.4 would otherwise route by account id, and moto's DynamoDB streams answer 404.
    os.environ.setdefault("AWS_ACCOUNT_ID_ENDPOINT_MODE", "disabled")
    sam_template = load_template(template_path)
    template = translate_template(sam_template, region=region, parameter_values=parameter_overrides)

    clients = _Clients(region=region, endpoint_url=endpoint_url)
    account_id = _emulator_account(clients)
    resolver = Resolver(
        template,
        stack_name=stack_name,
        region=region,
        account_id=account_id,
        parameter_overrides=parameter_overrides,
    )
    builder = _Builder(resolver, clients, stack_name=stack_name, region=region, account_id=account_id)

    resources: dict[str, Any] = template["Resources"]
    for logical_id in resource_order(resources):
        body = resources[logical_id]
        if "Condition" in body and not resolver.condition(body["Condition"]):
            continue
        builder.build(logical_id, body["Type"], body.get("Properties") or {})

    for name, needed in (
        (BUCKET_ID, "bucket"),
        (QUEUE_ID, "queue"),
        (DLQ_ID, "dead-letter queue"),
        (ARTICLES_TABLE_ID, "articles table"),
        (FINGERPRINTS_TABLE_ID, "fingerprints table"),
        (INGEST_FUNCTION_ID, "ingest function"),
    ):
        if name not in resolver.resources:
            raise LocalStackError(f"{template_path} has no {needed} ({name})")
    ingest_sources = [source for source in builder.event_sources if source.function == INGEST_FUNCTION_ID]
    queue = resolver.resources[QUEUE_ID]
    return LocalStack(
        stack_name=stack_name,
        region=region,
        account_id=account_id,
        bucket=resolver.resources[BUCKET_ID].ref,
        queue_url=queue.ref,
        queue_arn=queue.attributes["Arn"],
        dlq_url=resolver.resources[DLQ_ID].ref,
        dlq_arn=resolver.resources[DLQ_ID].attributes["Arn"],
        articles_table=resolver.resources[ARTICLES_TABLE_ID].ref,
        fingerprints_table=resolver.resources[FINGERPRINTS_TABLE_ID].ref,
        stream_arn=resolver.resources[ARTICLES_TABLE_ID].attributes.get("StreamArn", ""),
        ingest_batch_size=ingest_sources[0].batch_size if ingest_sources else 10,
        ingest_environment=dict(builder.functions[INGEST_FUNCTION_ID].environment),
        functions=dict(builder.functions),
        event_sources=tuple(builder.event_sources),
        physical_ids={logical_id: item.ref for logical_id, item in resolver.resources.items()},
    )


class _Clients:
    def __init__(self, *, region: str, endpoint_url: str | None) -> None:
        self._region = region
        self._endpoint_url = endpoint_url
        self._cache: dict[str, Any] = {}

    def __call__(self, service: str) -> Any:
        if service not in self._cache:
            import boto3  # local tooling only

            self._cache[service] = boto3.client(  # type: ignore[call-overload]  # service name is dynamic
                service,
                region_name=self._region,
                endpoint_url=self._endpoint_url,
            )
        return self._cache[service]


def _emulator_account(clients: _Clients) -> str:
    """The caller's account, which must be an emulator's: never create local fixtures in a real account."""
    allowed = {DEFAULT_ACCOUNT_ID, os.environ.get("MOTO_ACCOUNT_ID", DEFAULT_ACCOUNT_ID)}
    try:
        account = str(clients("sts").get_caller_identity()["Account"])
    except Exception as error:  # no credentials, no endpoint: say what to do
        raise LocalStackError(
            "no AWS emulator answered: run inside moto's mock_aws() or pass endpoint_url of a moto server "
            f"({type(error).__name__}: {error})"
        ) from error
    if account not in allowed:
        raise LocalStackError(
            f"refusing to create a local stack in account {account}: not an emulator account"
        )
    return account


class _Builder:
    def __init__(
        self, resolver: Resolver, clients: _Clients, *, stack_name: str, region: str, account_id: str
    ) -> None:
        self.resolver = resolver
        self.clients = clients
        self.stack_name = stack_name
        self.region = region
        self.account_id = account_id
        self.functions: dict[str, FunctionSpec] = {}
        self.event_sources: list[EventSource] = []

    def build(self, logical_id: str, resource_type: str, raw_properties: Mapping[str, Any]) -> None:
        creator = {
            "AWS::S3::Bucket": self._bucket,
            "AWS::SQS::Queue": self._queue,
            "AWS::DynamoDB::Table": self._table,
            "AWS::Lambda::Function": self._function,
            "AWS::Lambda::EventSourceMapping": self._event_source,
        }.get(resource_type)
        if creator is None:
            self.resolver.resources[logical_id] = self._placeholder(logical_id, resource_type, raw_properties)
            return
        properties = self.resolver.resolve(dict(raw_properties))
        self.resolver.resources[logical_id] = creator(logical_id, properties)

    def _default_name(self, logical_id: str, *, max_length: int = 80) -> str:
        return f"{self.stack_name}-{logical_id}"[:max_length]

    # ---- S3

    def _bucket(self, logical_id: str, properties: dict[str, Any]) -> _Resolved:
        s3 = self.clients("s3")
        name = properties.get("BucketName") or self._default_name(logical_id, max_length=63).lower()
        kwargs: dict[str, Any] = {"Bucket": name}
        if self.region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": self.region}
        with contextlib.suppress(s3.exceptions.BucketAlreadyOwnedByYou):  # a re-run on the same emulator
            s3.create_bucket(**kwargs)
        if "VersioningConfiguration" in properties:
            s3.put_bucket_versioning(
                Bucket=name,
                VersioningConfiguration={"Status": properties["VersioningConfiguration"]["Status"]},
            )
        if "BucketEncryption" in properties:
            rules = []
            for rule in properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]:
                api_rule: dict[str, Any] = {
                    "ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"]
                }
                if "BucketKeyEnabled" in rule:
                    api_rule["BucketKeyEnabled"] = bool(rule["BucketKeyEnabled"])
                rules.append(api_rule)
            s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
        if "PublicAccessBlockConfiguration" in properties:
            s3.put_public_access_block(
                Bucket=name,
                PublicAccessBlockConfiguration={
                    key: _boolean(value)
                    for key, value in properties["PublicAccessBlockConfiguration"].items()
                },
            )
        if "OwnershipControls" in properties:
            s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls=properties["OwnershipControls"])
        if "LifecycleConfiguration" in properties:
            s3.put_bucket_lifecycle_configuration(
                Bucket=name,
                LifecycleConfiguration={
                    "Rules": [_lifecycle_rule(rule) for rule in properties["LifecycleConfiguration"]["Rules"]]
                },
            )
        notification = properties.get("NotificationConfiguration") or {}
        queue_configurations = [
            _queue_notification(item) for item in notification.get("QueueConfigurations", [])
        ]
        current = s3.get_bucket_notification_configuration(Bucket=name).get("QueueConfigurations", [])
        if queue_configurations and _without_ids(current) != _without_ids(queue_configurations):
            # Lambda and SNS targets would need the emulator to run functions/topics; only SQS is wired.
            # Skipped when unchanged: each put makes S3 send another s3:TestEvent.
            s3.put_bucket_notification_configuration(
                Bucket=name, NotificationConfiguration={"QueueConfigurations": queue_configurations}
            )
        arn = f"arn:{PARTITION}:s3:::{name}"
        return _Resolved(
            name,
            {
                "Arn": arn,
                "DomainName": f"{name}.s3.amazonaws.com",
                "RegionalDomainName": f"{name}.s3.{self.region}.amazonaws.com",
            },
        )

    # ---- SQS

    def _queue(self, logical_id: str, properties: dict[str, Any]) -> _Resolved:
        sqs = self.clients("sqs")
        fifo = _boolean(properties.get("FifoQueue", False))
        name = properties.get("QueueName") or self._default_name(logical_id, max_length=75) + (
            ".fifo" if fifo else ""
        )
        attributes: dict[str, str] = {}
        for key, value in properties.items():
            if key in {"QueueName", "Tags"}:
                continue
            if key in {"RedrivePolicy", "RedriveAllowPolicy"}:
                attributes[key] = json.dumps(value)
            elif isinstance(value, bool):
                attributes[key] = "true" if value else "false"
            else:
                attributes[key] = str(value)
        url = str(sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"])
        arn = str(
            sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        )
        return _Resolved(url, {"Arn": arn, "QueueName": name, "QueueUrl": url})

    # ---- DynamoDB

    def _table(self, logical_id: str, properties: dict[str, Any]) -> _Resolved:
        dynamodb = self.clients("dynamodb")
        name = properties.get("TableName") or self._default_name(logical_id, max_length=255)
        kwargs: dict[str, Any] = {
            "TableName": name,
            "AttributeDefinitions": properties["AttributeDefinitions"],
            "KeySchema": properties["KeySchema"],
            "BillingMode": properties.get("BillingMode", "PROVISIONED"),
        }
        if kwargs["BillingMode"] == "PROVISIONED":
            kwargs["ProvisionedThroughput"] = {
                key: int(value)
                for key, value in properties.get(
                    "ProvisionedThroughput", {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
                ).items()
            }
        for key in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            if key in properties:
                kwargs[key] = properties[key]
        stream = properties.get("StreamSpecification")
        if stream:
            kwargs["StreamSpecification"] = {
                "StreamEnabled": True,
                "StreamViewType": stream["StreamViewType"],
            }
        if "SSESpecification" in properties:
            kwargs["SSESpecification"] = {
                "Enabled": _boolean(properties["SSESpecification"].get("SSEEnabled"))
            }
        if "DeletionProtectionEnabled" in properties:
            kwargs["DeletionProtectionEnabled"] = _boolean(properties["DeletionProtectionEnabled"])
        with contextlib.suppress(dynamodb.exceptions.ResourceInUseException):  # a re-run on the same emulator
            dynamodb.create_table(**kwargs)
        pitr = properties.get("PointInTimeRecoverySpecification") or {}
        if _boolean(pitr.get("PointInTimeRecoveryEnabled", False)):
            dynamodb.update_continuous_backups(
                TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
            )
        ttl = properties.get("TimeToLiveSpecification") or {}
        if _boolean(ttl.get("Enabled", False)):
            dynamodb.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["AttributeName"]},
            )
        description = dynamodb.describe_table(TableName=name)["Table"]
        attributes = {"Arn": str(description["TableArn"])}
        if "LatestStreamArn" in description:
            attributes["StreamArn"] = str(description["LatestStreamArn"])
        return _Resolved(name, attributes)

    # ---- Lambda (interpreted only)

    def _function(self, logical_id: str, properties: dict[str, Any]) -> _Resolved:
        name = properties.get("FunctionName") or self._default_name(logical_id, max_length=64)
        variables = (properties.get("Environment") or {}).get("Variables") or {}
        self.functions[logical_id] = FunctionSpec(
            logical_id=logical_id,
            handler=str(properties.get("Handler", "")),
            runtime=str(properties.get("Runtime", "")),
            timeout=int(properties.get("Timeout", 3)),
            environment={key: _environment_value(value) for key, value in variables.items()},
        )
        arn = f"arn:{PARTITION}:lambda:{self.region}:{self.account_id}:function:{name}"
        return _Resolved(name, {"Arn": arn})

    def _event_source(self, logical_id: str, properties: dict[str, Any]) -> _Resolved:
        function_ref = self._raw_function_logical_id(str(properties["FunctionName"]))
        self.event_sources.append(
            EventSource(
                function=function_ref,
                source_arn=str(properties.get("EventSourceArn", "")),
                batch_size=int(properties.get("BatchSize", 10)),
                batching_window_seconds=int(properties.get("MaximumBatchingWindowInSeconds", 0)),
                response_types=tuple(properties.get("FunctionResponseTypes", [])),
            )
        )
        return _Resolved(f"{self.stack_name}-{logical_id}-local", {"Id": logical_id})

    def _raw_function_logical_id(self, physical_name: str) -> str:
        for logical_id in self.functions:
            if self.resolver.resources[logical_id].ref == physical_name or physical_name.endswith(
                f":function:{self.resolver.resources[logical_id].ref}"
            ):
                return logical_id
        return physical_name

    # ---- everything else

    def _placeholder(
        self, logical_id: str, resource_type: str, raw_properties: Mapping[str, Any]
    ) -> _Resolved:
        """A name and ARN for resources this bridge does not create, so references to them still resolve."""
        service = resource_type.split("::")[1].lower() if resource_type.count("::") == 2 else "local"
        name_keys = ("LogGroupName", "RoleName", "TopicName", "LayerName", "AlarmName", "PolicyName")
        name = self._default_name(logical_id)
        for key in name_keys:
            if key in raw_properties:
                resolved = self.resolver.resolve(raw_properties[key])
                if isinstance(resolved, str):
                    name = resolved
                break
        arn = f"arn:{PARTITION}:{service}:{self.region}:{self.account_id}:{logical_id}/{name}"
        if resource_type == "AWS::IAM::Role":
            arn = f"arn:{PARTITION}:iam::{self.account_id}:role/{name}"
        elif resource_type == "AWS::Logs::LogGroup":
            arn = f"arn:{PARTITION}:logs:{self.region}:{self.account_id}:log-group:{name}:*"
        elif resource_type == "AWS::Lambda::LayerVersion":
            arn = f"arn:{PARTITION}:lambda:{self.region}:{self.account_id}:layer:{name}:1"
            return _Resolved(arn, {"Arn": arn})
        elif resource_type == "AWS::SNS::Topic":
            arn = f"arn:{PARTITION}:sns:{self.region}:{self.account_id}:{name}"
            return _Resolved(arn, {"TopicArn": arn, "TopicName": name})
        return _Resolved(name, {"Arn": arn})


def _boolean(value: Any) -> bool:
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _environment_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        raise LocalStackError(f"environment value did not resolve to a scalar: {value!r}")
    return str(value)


def _lifecycle_rule(rule: Mapping[str, Any]) -> dict[str, Any]:
    """CloudFormation's LifecycleConfiguration rule -> the S3 API's shape."""
    api: dict[str, Any] = {"Status": rule["Status"]}
    if "Id" in rule:
        api["ID"] = rule["Id"]
    if "Prefix" in rule:
        api["Filter"] = {"Prefix": rule["Prefix"]}
    else:
        api["Filter"] = {"Prefix": ""}
    expiration: dict[str, Any] = {}
    if "ExpirationInDays" in rule:
        expiration["Days"] = int(rule["ExpirationInDays"])
    if "ExpiredObjectDeleteMarker" in rule:
        expiration["ExpiredObjectDeleteMarker"] = _boolean(rule["ExpiredObjectDeleteMarker"])
    if expiration:
        api["Expiration"] = expiration
    noncurrent = dict(rule.get("NoncurrentVersionExpiration") or {})
    if "NoncurrentVersionExpirationInDays" in rule:
        noncurrent["NoncurrentDays"] = rule["NoncurrentVersionExpirationInDays"]
    if noncurrent:
        api["NoncurrentVersionExpiration"] = {key: int(value) for key, value in noncurrent.items()}
    if "AbortIncompleteMultipartUpload" in rule:
        api["AbortIncompleteMultipartUpload"] = {
            "DaysAfterInitiation": int(rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"])
        }
    return api


def _queue_notification(configuration: Mapping[str, Any]) -> dict[str, Any]:
    """CloudFormation's QueueConfiguration (one Event, Filter.S3Key.Rules) -> the S3 API's shape."""
    api: dict[str, Any] = {"QueueArn": configuration["Queue"], "Events": [configuration["Event"]]}
    rules = ((configuration.get("Filter") or {}).get("S3Key") or {}).get("Rules") or []
    if rules:
        api["Filter"] = {
            "Key": {"FilterRules": [{"Name": rule["Name"], "Value": rule["Value"]} for rule in rules]}
        }
    return api


def _without_ids(configurations: list[dict[str, Any]]) -> list[str]:
    return sorted(
        json.dumps({k: v for k, v in item.items() if k != "Id"}, sort_keys=True) for item in configurations
    )
