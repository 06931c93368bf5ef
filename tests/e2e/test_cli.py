"""The command line as a user runs it: a subprocess, real files, no AWS account."""

from __future__ import annotations

import json
import subprocess
import sys

from article_pipeline.models import ArticleRecord
from support import CORPUS, REPO

CONTRACT_FIELDS = {
    "schema_version",
    "article_id",
    "status",
    "error",
    "source",
    "language",
    "title",
    "dateline",
    "published_date",
    "summary",
    "word_count",
    "topics",
    "countries",
    "people",
    "organizations",
    "places",
    "money",
    "dates",
    "quotes",
    "keywords",
    "tone",
    "extracted",
    "content_sha256",
    "simhash",
    "duplicate_of",
    "body",
    "cleaning",
    "pipeline_version",
    "processed_at",
}


def _cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "article_pipeline.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        check=False,
    )


def test_process_prints_one_contract_record_per_seed_file() -> None:
    # GIVEN the two example articles
    seeds = sorted(str(p) for p in (CORPUS / "seeds").glob("*.txt"))
    # WHEN `article-pipeline process` runs on them
    result = _cli("process", *seeds)
    # THEN it prints exactly two JSON lines, each exactly the record contract, both processed
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        record = json.loads(line)
        assert set(record) == CONTRACT_FIELDS
        assert ArticleRecord.model_validate(record).status == "processed"


def test_process_reports_an_unreadable_file_and_goes_on() -> None:
    result = _cli("process", "does-not-exist.txt", str(CORPUS / "seeds" / "000_5cc2c9c38357890f.txt"))
    assert result.returncode == 1
    assert "cannot read does-not-exist.txt" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_demo_runs_the_whole_flow_and_prints_processed_records() -> None:
    # WHEN the demo runs on the sample articles in events/articles
    result = _cli("demo")
    # THEN every sample became a processed record, redelivery added no stream event, and a record is shown
    assert result.returncode == 0, result.stderr
    out = result.stdout
    samples = [p.name for p in (REPO / "events" / "articles").iterdir()]
    for name in samples:
        row = next(line for line in out.splitlines() if line.startswith(name[:34]))
        assert " processed " in row, row
    assert f"{len(samples)} INSERT" in out
    assert "0 new stream event(s)" in out
    assert '"schema_version": 1' in out
    # AND the index consumer groups the two reports of one meeting into one story
    story = out.split("Same-story groups among the uploaded articles:")[1]
    assert "(2 articles)" in story
    assert "person: Kaja Kallas" in out
