"""Main-text scoring on trafilatura's own evaluation set: the snippet rule of its ``tests/eval_common.py``.

Each page comes with up to six snippets the extract must contain ("with") and up to six it must not
("without"). A snippet counts as found when its whitespace-normalised text is a substring of the
whitespace-normalised extract. Over pages: tp = "with" found, fn = "with" missed, fp = "without" found,
tn = "without" missed. Pure functions; the runner feeds them the extracts.

The split follows the house rule on the page's file name: ``tune`` when the SHA-256 of the name, read
as an integer, is even, ``heldout`` otherwise.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class SnippetPage:
    file: str
    url: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass
class SnippetCounts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __iadd__(self, other: SnippetCounts) -> SnippetCounts:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fn": self.fn,
            "fp": self.fp,
            "tn": self.tn,
        }


def normalise(text: str) -> str:
    """Whitespace runs as one space, ends trimmed (trafilatura's rule compares such texts)."""
    return " ".join(text.split())


def score_page(extract: str, with_: Iterable[str], without: Iterable[str]) -> SnippetCounts:
    """Counts of one page: each snippet looked for in the extract."""
    haystack = normalise(extract)
    counts = SnippetCounts()
    for snippet in with_:
        if normalise(snippet) in haystack:
            counts.tp += 1
        else:
            counts.fn += 1
    for snippet in without:
        if normalise(snippet) in haystack:
            counts.fp += 1
        else:
            counts.tn += 1
    return counts


def split_of(file: str) -> str:
    """``tune`` or ``heldout`` by the house rule on the page's file name."""
    return "tune" if int(hashlib.sha256(file.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def load_pages(directory: Path) -> list[SnippetPage]:
    """Pages of ``evaldata.json`` in ``directory`` whose HTML (``html/<file>.gz``) is there."""
    data = json.loads((directory / "evaldata.json").read_text(encoding="utf-8"))
    pages = [
        SnippetPage(
            file=entry["file"],
            url=url,
            with_=tuple(entry.get("with") or ()),
            without=tuple(entry.get("without") or ()),
        )
        for url, entry in data.items()
        if (directory / "html" / f"{entry['file']}.gz").is_file()
    ]
    return sorted(pages, key=lambda page: page.file)


def aggregate(per_page: Mapping[str, SnippetCounts]) -> dict[str, SnippetCounts]:
    """Counts by split and over all pages (keys: tune, heldout, all)."""
    totals = {"tune": SnippetCounts(), "heldout": SnippetCounts(), "all": SnippetCounts()}
    for file, counts in per_page.items():
        totals[split_of(file)] += counts
        totals["all"] += counts
    return totals


@dataclass
class SystemRun:
    per_page: dict[str, SnippetCounts] = field(default_factory=dict)
    ms: list[float] = field(default_factory=list)


def run_systems(
    directory: Path,
    systems: Mapping[str, Callable[[bytes, str], str]],
    *,
    pages: Sequence[SnippetPage] | None = None,
) -> dict[str, SystemRun]:
    """Every system on every page, interleaved page by page; each gets the gzipped bytes and the file name."""
    runs = {name: SystemRun() for name in systems}
    for page in pages if pages is not None else load_pages(directory):
        raw = (directory / "html" / f"{page.file}.gz").read_bytes()
        for name, system in systems.items():
            start = time.perf_counter()
            text = system(raw, page.file)
            runs[name].ms.append((time.perf_counter() - start) * 1000)
            runs[name].per_page[page.file] = score_page(text, page.with_, page.without)
    return runs


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def figures(runs: Mapping[str, SystemRun]) -> dict[str, Any]:
    """Per system: P/R/F1 by split and decode median / p95 in ms."""
    out: dict[str, Any] = {}
    for name, run in runs.items():
        out[name] = {split: c.as_dict() for split, c in aggregate(run.per_page).items()} | {
            "median_ms": _percentile(run.ms, 0.5),
            "p95_ms": _percentile(run.ms, 0.95),
            "pages": len(run.per_page),
        }
    return out


def format_figures(table: Mapping[str, Any]) -> str:
    lines = ["main text on trafilatura's evaluation pages (snippet rule)"]
    lines.append(f"{'system':<14}{'split':<9}{'P':>7}{'R':>7}{'F1':>7}  {'median ms':>9} {'p95 ms':>7}")
    for name, fig in table.items():
        for split in ("tune", "heldout", "all"):
            s = fig[split]
            timing = (
                f"  {fig['median_ms']:>9.1f} {fig['p95_ms']:>7.1f}"
                if split == "all" and fig["median_ms"] is not None
                else ""
            )
            lines.append(
                f"{name:<14}{split:<9}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{timing}"
            )
    return "\n".join(lines)


def evaluate(directory: Path, trafilatura: Any = None) -> dict[str, Any]:
    """The decode stage and, if given, trafilatura (tables in, comments out, as its gate) on every page."""
    from article_pipeline.pipeline.decode import decode
    from article_pipeline.pipeline.errors import Rejection

    def pipeline(raw: bytes, file: str) -> str:
        try:
            return decode(raw, key=f"trafilatura-eval/{file}.gz").text
        except Rejection:
            return ""

    systems: dict[str, Callable[[bytes, str], str]] = {"pipeline": pipeline}
    if trafilatura is not None:

        def peer(raw: bytes, _file: str) -> str:
            result = trafilatura.extract(gzip.decompress(raw), include_comments=False, include_tables=True)
            return result if isinstance(result, str) else ""

        systems["trafilatura"] = peer
    return figures(run_systems(directory, systems))


__all__ = [
    "SnippetCounts",
    "SnippetPage",
    "SystemRun",
    "aggregate",
    "evaluate",
    "figures",
    "format_figures",
    "load_pages",
    "normalise",
    "run_systems",
    "score_page",
    "split_of",
]
