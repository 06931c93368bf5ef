"""The benchmark's own logic: the figures come from `make bench`; these check the arithmetic and parsing."""

from __future__ import annotations

import random

import pytest

from article_pipeline.bench.corpus import build_corpus, text_of_size
from article_pipeline.bench.cost import CostInputs, per_million
from article_pipeline.bench.measure import summary, top_imports
from support import CORPUS


def test_summary_gives_median_and_p95() -> None:
    stats = summary([float(v) for v in range(1, 101)])
    assert stats["median_ms"] == pytest.approx(50.5)
    assert stats["p95_ms"] == 95.0
    assert stats["n"] == 100


def test_import_time_is_summed_by_root_package() -> None:
    # GIVEN `python -X importtime` lines (self | cumulative | name, nesting by indentation)
    trace = "\n".join(
        [
            "import time: self [us] | cumulative | imported package",
            "import time:      1000 |       1000 |     botocore.utils",
            "import time:      2000 |       3000 |   botocore",
            "import time:       500 |       3500 | boto3",
            "import time:      4000 |       4000 | pydantic",
        ]
    )
    # WHEN it is parsed / THEN self times are summed per root package and ranked
    ranked = {row["module"]: row["self_ms"] for row in top_imports(trace)}
    assert ranked == {"pydantic": 4.0, "botocore": 3.0, "boto3": 0.5}


def test_cost_model_scales_with_item_size_and_compares_to_comprehend() -> None:
    small = per_million(
        CostInputs(pipeline_ms=10, memory_mb=512, batch_size=10, item_bytes=900, body_bytes=5000, chars=5000)
    )
    large = per_million(
        CostInputs(pipeline_ms=10, memory_mb=512, batch_size=10, item_bytes=3900, body_bytes=5000, chars=5000)
    )
    # THEN a 4 KB item costs 3 more write units than a 1 KB one, and Comprehend costs 3 APIs x 50 units
    assert large["write_units_per_article"] == small["write_units_per_article"] + 3
    assert small["comprehend_usd"] == pytest.approx(1e6 * 3 * 50 * 0.0001)
    assert small["total_usd"] < small["comprehend_usd"]


def test_bench_corpus_has_at_least_200_articles_of_realistic_lengths() -> None:
    items = build_corpus(CORPUS)
    assert len(items) >= 200
    texts = [i for i in items if i.name.startswith("variant-")]
    assert all(1000 <= len(i.data) <= 20 * 1024 for i in texts), sorted(len(i.data) for i in texts)[-3:]
    assert len({i.data for i in texts}) == len(texts)


def test_text_of_size_is_exact() -> None:
    assert len(text_of_size(["a paragraph of real news text " * 3], 5000, random.Random(1))) == 5000
