"""Main-text floors on trafilatura's evaluation pages (tests/corpus/trafilatura-eval, snippet rule).

The default run scores a fixed sample (every fourth page by file name); the whole set is behind the
``slow`` marker (also printed by ``article-pipeline eval --maintext-only``). Floors only go up: each is
the value measured when it was last raised, rounded down to 2 decimals (see docs/evaluation.md).
"""

from __future__ import annotations

import pytest

from article_pipeline.evaluation import maintext
from support import CORPUS

SNIPPETS = CORPUS / "trafilatura-eval"
SAMPLE_F1_FLOOR = 0.95  # measured 0.950 on the sample (2026-12-07, html branch)
# Raised to the values measured 2026-12-07 on main after the paywall/stamp rules (tune 0.9457, heldout 0.9352,
# all 0.9407; html branch: 0.943 / 0.935 / 0.939), rounded
# down.
FULL_FLOORS = {"tune": 0.94, "heldout": 0.93, "all": 0.94}


def _pipeline_figures(every: int) -> dict[str, object]:
    pages = maintext.load_pages(SNIPPETS)[::every]
    from article_pipeline.pipeline.decode import decode

    runs = maintext.run_systems(
        SNIPPETS, {"pipeline": lambda raw, f: decode(raw, key=f"trafilatura-eval/{f}.gz").text}, pages=pages
    )
    return maintext.figures(runs)["pipeline"]  # type: ignore[no-any-return]


def test_the_committed_set_is_complete() -> None:
    assert len(maintext.load_pages(SNIPPETS)) == 487


def test_sample_main_text_f1_is_at_or_above_its_floor() -> None:
    figures = _pipeline_figures(every=4)
    f1 = figures["all"]["f1"]  # type: ignore[index]
    assert f1 >= SAMPLE_F1_FLOOR, f"sample snippet F1 {f1:.4f} fell below {SAMPLE_F1_FLOOR}"


@pytest.mark.slow
def test_full_set_main_text_f1_is_at_or_above_its_floors() -> None:
    figures = _pipeline_figures(every=1)
    for split, floor in FULL_FLOORS.items():
        f1 = figures[split]["f1"]  # type: ignore[index]
        assert f1 >= floor, f"{split} snippet F1 {f1:.4f} fell below {floor}"
