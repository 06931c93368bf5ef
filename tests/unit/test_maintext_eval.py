"""The snippet rule of trafilatura's evaluation, on invented pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from article_pipeline.evaluation import maintext


def test_normalise_squashes_whitespace_runs() -> None:
    assert maintext.normalise("  a\n\tb   c \n") == "a b c"


def test_a_snippet_is_found_across_line_breaks_of_the_extract() -> None:
    # GIVEN an extract that wraps a "with" snippet over two lines and holds one "without" snippet
    extract = "The council met on\nTuesday.\n\nShare this"
    counts = maintext.score_page(extract, ["met on Tuesday", "not there"], ["Share this", "Cookie"])
    # THEN each snippet lands in its cell
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 1, 1, 1)
    assert counts.precision == 0.5 and counts.recall == 0.5 and counts.f1 == 0.5


def test_empty_counts_score_zero_not_nan() -> None:
    assert maintext.SnippetCounts().f1 == 0.0


def test_split_is_the_house_rule_on_the_file_name() -> None:
    import hashlib

    for name in ("a.html", "b.html", "zeit.de.x.html"):
        even = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0
        assert maintext.split_of(name) == ("tune" if even else "heldout")


def test_aggregate_sums_by_split_and_overall() -> None:
    names = ["p1.html", "p2.html", "p3.html", "p4.html"]
    per_page = {name: maintext.SnippetCounts(tp=1, fn=1) for name in names}
    totals = maintext.aggregate(per_page)
    assert totals["all"].tp == 4
    assert totals["tune"].tp + totals["heldout"].tp == 4


def test_run_systems_scores_each_system_on_each_page(tmp_path: Path) -> None:
    # GIVEN a two-page set in the layout of tests/corpus/trafilatura-eval
    (tmp_path / "html").mkdir()
    pages = {"one.html": "<p>alpha beta</p>", "two.html": "<p>gamma</p><nav>menu</nav>"}
    for name, html in pages.items():
        (tmp_path / "html" / f"{name}.gz").write_bytes(gzip.compress(html.encode()))
    evaldata = {
        "https://x/1": {"file": "one.html", "with": ["alpha beta"], "without": ["menu"]},
        "https://x/2": {"file": "two.html", "with": ["gamma"], "without": ["menu"]},
        "https://x/3": {"file": "missing.html", "with": ["x"], "without": []},
    }
    (tmp_path / "evaldata.json").write_text(json.dumps(evaldata))
    # WHEN a system that returns the raw HTML is scored
    runs = maintext.run_systems(tmp_path, {"raw": lambda raw, _f: gzip.decompress(raw).decode()})
    table = maintext.figures(runs)
    # THEN the page without HTML is skipped and every snippet is counted
    assert table["raw"]["pages"] == 2
    assert table["raw"]["all"]["tp"] == 2 and table["raw"]["all"]["fp"] == 1
    assert "raw" in maintext.format_figures(table)
