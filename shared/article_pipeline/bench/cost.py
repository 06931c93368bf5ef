"""Cost per million articles from measured figures and written-out list prices (us-east-1, on-demand).

Prices are the public list prices used at the time of writing; change them here, the model recomputes.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

PRICES = {
    "lambda_arm64_gb_second": 0.0000133334,
    "lambda_request": 0.20 / 1e6,
    "sqs_request": 0.40 / 1e6,  # standard queue, per 64 KB chunk
    "s3_put": 0.005 / 1000,
    "s3_get": 0.0004 / 1000,
    "s3_storage_gb_month": 0.023,
    "dynamodb_write_unit": 0.625 / 1e6,  # on-demand WRU (1 KB)
    "dynamodb_read_unit": 0.125 / 1e6,  # on-demand RRU (4 KB strongly / 8 KB eventually consistent)
    "comprehend_unit": 0.0001,  # per 100 characters, per API, 3-unit minimum
}

# Latency of the AWS calls one article makes inside the function (S3 GET + PUT, one conditional PutItem,
# five fingerprint queries and one batch write). Not measurable without an account; typical in-region values.
AWS_CALLS_MS = 15 + 20 + 8 + 5 * 4 + 10


@dataclass(frozen=True)
class CostInputs:
    pipeline_ms: float  # measured median per article
    memory_mb: int  # the function's configured memory
    batch_size: int  # SQS messages per invocation
    item_bytes: float  # measured median DynamoDB item size
    body_bytes: float  # measured median cleaned body size
    chars: float  # median characters per article (for the Comprehend comparison)


def per_million(inputs: CostInputs) -> dict[str, Any]:
    n = 1e6
    seconds = (inputs.pipeline_ms + AWS_CALLS_MS) / 1000
    lines = {
        "lambda compute": n * seconds * inputs.memory_mb / 1024 * PRICES["lambda_arm64_gb_second"],
        "lambda requests": n / inputs.batch_size * PRICES["lambda_request"],
        # S3 -> SQS send per article; receive + delete-batch per batch.
        "sqs": (n + 2 * n / inputs.batch_size) * PRICES["sqs_request"],
        "s3 upload PUT (producer)": n * PRICES["s3_put"],
        "s3 GET + cleaned PUT": n * (PRICES["s3_get"] + PRICES["s3_put"]),
        "s3 storage of cleaned bodies (per month)": n
        * inputs.body_bytes
        / 1e9
        * PRICES["s3_storage_gb_month"],
        "dynamodb article write": n * math.ceil(inputs.item_bytes / 1024) * PRICES["dynamodb_write_unit"],
        "dynamodb fingerprints (5 writes, 5 queries)": n
        * (5 * PRICES["dynamodb_write_unit"] + 5 * 0.5 * PRICES["dynamodb_read_unit"]),
    }
    total = sum(lines.values())
    units = max(3, math.ceil(inputs.chars / 100))
    comprehend = n * 3 * units * PRICES["comprehend_unit"]  # entities + key phrases + language
    return {
        "inputs": asdict(inputs),
        "aws_calls_ms_assumed": AWS_CALLS_MS,
        "write_units_per_article": math.ceil(inputs.item_bytes / 1024) + 5,
        "lines_usd": lines,
        "total_usd": total,
        "comprehend_usd": comprehend,
        "comprehend_ratio": comprehend / total,
        "prices": PRICES,
    }
