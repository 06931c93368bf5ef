"""The benchmark's own logic: the figures come from `make bench`; these check the arithmetic and parsing."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from article_pipeline.bench.corpus import build_corpus, iter_corpus, text_of_size
from article_pipeline.bench.cost import CostInputs, per_million
from article_pipeline.bench.measure import limit_inputs, memory_report, summary, top_imports
from article_pipeline.pipeline.decode import Limits
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


def test_corpus_is_read_lazily_one_article_at_a_time() -> None:
    # GIVEN the lazy corpus and the list
    lazy = iter_corpus(CORPUS, variants=3)
    # THEN it is a generator giving the same articles, in the same order
    assert next(lazy).kind == "html"
    assert [(i.name, i.data) for i in iter_corpus(CORPUS, variants=3)] == [
        (i.name, i.data) for i in build_corpus(CORPUS, variants=3)
    ]


def test_limit_inputs_are_html_at_the_upload_and_decompression_limits(tmp_path: Path) -> None:
    limits = Limits(max_upload_bytes=300_000, max_decompressed_bytes=600_000)
    cases = limit_inputs(CORPUS, tmp_path, limits)
    sizes = [len(Path(path).read_bytes()) for _, path in cases]
    raw, gzipped, dense = (Path(path).read_bytes() for _, path in cases)
    assert sizes[0] == sizes[2] == limits.max_upload_bytes
    assert len(gzip.decompress(gzipped)) == limits.max_decompressed_bytes
    for page in (raw, gzip.decompress(gzipped), dense):
        assert "\U0001f600".encode() in page[:100]  # one astral character: strings at 4 bytes a character


MEMORY = {
    "articles": 1000,
    "hwm_reset": True,
    "startup_rss_mib": 76.0,
    "startup_peak_mib": 76.5,
    "harness_peak_mib": 131.0,
    "harness_rise_mib": 2.3,
    "peak_rss_mib": 133.2,
    "peak_source": "article",
    "pipeline_peak_rss_mib": 133.2,
    "peak_at": {"article": 670, "name": "3c6d3381ef52ca26aa", "kind": "html", "bytes": 402869},
    "largest_transient_mib": 20.9,
    "largest_transient_at": {"article": 1, "name": "042bb7b5fedab6ea", "kind": "html", "bytes": 597216},
    "rss_mib_at": {250: 133.0, 1000: 132.6},
    "growth_mib_after_250": -0.4,
    "at_the_limits": [
        {"case": "gzip", "upload_bytes": 2 * 2**20, "peak_rss_mib": 170.0, "transient_mib": 32.0}
    ],
    "ru_maxrss_at_start_mib": 400.0,
}


def test_memory_report_says_where_each_peak_was_reached() -> None:
    text = "\n".join(memory_report(MEMORY))
    assert "peak RSS 133 MiB, harness included (reached in the pipeline)" in text
    assert "the pipeline's own peak 133 MiB (at article 670, 393 KiB HTML 3c6d3381ef52ca26)" in text
    assert "+20.9 MiB (article 1, 583 KiB HTML" in text
    assert "gzip (2.0 MiB upload): peak RSS 170 MiB (+32 MiB)" in text
    # AND an inherited ru_maxrss is named as such, not reported as the peak
    assert "ru_maxrss said 400 MiB at startup" in text
    quiet = memory_report({**MEMORY, "ru_maxrss_at_start_mib": 76.5})
    assert not any("ru_maxrss" in line for line in quiet)
