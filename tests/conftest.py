"""Shared fixtures. moto is imported before any boto3 session exists, and AWS settings are fake and local."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

# Before boto3 is imported anywhere: no real credentials, no real endpoints.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",  # botocore >= 1.44.4: moto streams 404 without it
        "POWERTOOLS_SERVICE_NAME": "article-ingest-test",
        "POWERTOOLS_METRICS_NAMESPACE": "ArticlePipelineTest",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        # No X-Ray daemon here. Powertools also turns tracing off outside Lambda, but a shell that exports
        # LAMBDA_TASK_ROOT must not turn it on (and patch botocore for every test in the process).
        "POWERTOOLS_TRACE_DISABLED": "true",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)

import moto
import pytest

from support import REPO

sys.path.insert(0, str(REPO / "functions" / "ingest"))


@pytest.fixture
def aws() -> Iterator[None]:
    with moto.mock_aws():
        yield


@pytest.fixture
def stack(aws: None) -> Any:
    from article_pipeline.local.stack import create_stack

    return create_stack(REPO / "template.yaml")


@pytest.fixture
def flow(stack: Any) -> Any:
    """The deployed event flow on moto, driving the real handler with the template's environment."""
    import ingest_handler

    from article_pipeline.local.flow import LocalFlow

    ingest_handler.ingestor.cache_clear()
    yield LocalFlow(stack, ingest_handler.lambda_handler)
    ingest_handler.ingestor.cache_clear()
