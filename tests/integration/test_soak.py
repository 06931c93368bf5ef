"""The soak in miniature: a small run of `article-pipeline soak` must lose nothing and duplicate nothing."""

from __future__ import annotations

from typing import Any


def test_small_soak_loses_nothing_and_duplicates_nothing() -> None:
    # GIVEN the soak with faults on a fifth of S3 and DynamoDB write attempts, redeliveries and reordering
    from article_pipeline.reliability import soak

    args = soak.build_parser().parse_args(["--count", "120", "--wave", "40", "--seed", "3"])
    from support import REPO

    # WHEN it runs through the template's stack and the real handler
    figures: Any = soak.Soak(args, REPO).run()
    # THEN faults were injected and retried, every key reconciles with the truth, and nothing is duplicated
    assert figures.faults > 0 and figures.retries > 0
    assert figures.deletes > 0 and figures.overwrites > 0 and figures.redelivered > 0
    assert figures.lost == 0, figures.problems
    assert figures.duplicates == 0, figures.problems
    assert figures.stream_events <= figures.real_changes
