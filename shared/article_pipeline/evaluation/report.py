"""The evaluation report: rows of the side-by-side table, every figure as JSON, and the text rendering."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Unit = Literal["score", "ms", "ratio"]


@dataclass(frozen=True)
class Row:
    """One line of the table. ``key`` is stable (the quality gate's floors and the JSON use it)."""

    key: str
    label: str
    pipeline: float | None
    spacy: float | None = None
    trafilatura: float | None = None
    target: str = ""
    passed: bool | None = None  # None: no target, or the target could not be checked (peer absent)
    unit: Unit = "score"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "pipeline": self.pipeline,
            "spacy_sm": self.spacy,
            "trafilatura": self.trafilatura,
            "target": self.target or None,
            "passed": self.passed,
            "unit": self.unit,
        }


@dataclass
class EvalReport:
    corpus: str
    rows: list[Row] = field(default_factory=list)
    peers: dict[str, str] = field(default_factory=dict)  # peer name -> "ok <version>" or why it is absent
    figures: dict[str, Any] = field(default_factory=dict)  # every figure, per metric and per document
    notes: list[str] = field(default_factory=list)

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def pipeline_scores(self) -> dict[str, float]:
        """The pipeline's value of every score row (not timings): what the quality gate pins floors on."""
        return {r.key: r.pipeline for r in self.rows if r.unit == "score" and r.pipeline is not None}

    @property
    def missed_targets(self) -> list[Row]:
        return [r for r in self.rows if r.passed is False]

    @property
    def unchecked_targets(self) -> list[Row]:
        return [r for r in self.rows if r.target and r.passed is None]

    def as_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "peers": self.peers,
            "rows": [r.as_dict() for r in self.rows],
            "missed_targets": [r.key for r in self.missed_targets],
            "unchecked_targets": [r.key for r in self.unchecked_targets],
            "notes": self.notes,
            "figures": self.figures,
        }

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(_finite(self.as_dict()), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def _finite(value: Any) -> Any:  # JSON has no NaN/inf: write them as null
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def format_value(value: float | None, unit: Unit) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "ratio":
        return f"{value:.1f}x"
    return f"{value:.3f}"


def _verdict(row: Row) -> str:
    if not row.target:
        return ""
    if row.passed is None:
        return "n/a"
    return "PASS" if row.passed else "MISS"


HEADER = ("metric", "pipeline", "spaCy sm", "trafilatura", "target", "pass?")


def format_table(rows: list[Row]) -> str:
    """A plain-text table that also reads as Markdown (pipes and a separator line)."""
    cells = [HEADER] + [
        (
            r.label,
            format_value(r.pipeline, r.unit),
            format_value(r.spacy, r.unit),
            format_value(r.trafilatura, r.unit),
            r.target,
            _verdict(r),
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]

    def line(values: tuple[str, ...]) -> str:
        return (
            "| "
            + " | ".join(
                v.ljust(w) if i == 0 else v.rjust(w) if i < 4 else v.ljust(w)
                for i, (v, w) in enumerate(zip(values, widths, strict=True))
            )
            + " |"
        )

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), sep, *(line(c) for c in cells[1:])])


_PRF_HEADER = ("system", "facts", "P (micro)", "R (micro)", "F1 (micro)", "F1 (macro)", "TP", "FP", "FN")


def format_prf_table(figures: dict[str, Any]) -> str:
    """Precision, recall and counts behind the F1 rows, per system and kind of fact."""
    cells: list[tuple[str, ...]] = [_PRF_HEADER]
    for system, label in (("pipeline", "pipeline"), ("spacy_sm", "spaCy sm")):
        for name, item in figures.get(system, {}).items():
            if not isinstance(item, dict) or "micro" not in item:
                continue
            micro, macro, counts = item["micro"], item.get("macro") or {}, item["counts"]
            cells.append(
                (
                    label,
                    name,
                    f"{micro['precision']:.3f}",
                    f"{micro['recall']:.3f}",
                    f"{micro['f1']:.3f}",
                    f"{macro.get('f1', float('nan')):.3f}",
                    f"{counts['tp']:.0f}",
                    f"{counts['fp']:.0f}",
                    f"{counts['fn']:.0f}",
                )
            )
    if len(cells) == 1:
        return ""
    return _markdown_table(cells)


def _markdown_table(cells: list[tuple[str, ...]]) -> str:
    """A Markdown table of the header row and the rows: the first two columns left-aligned, the rest right."""
    widths = [max(len(c[i]) for c in cells) for i in range(len(cells[0]))]

    def line(values: tuple[str, ...]) -> str:
        padded = (
            v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), sep, *(line(c) for c in cells[1:])])


#: F1 metrics (micro over the group) and accuracies, in table order: (key, short column label).
F1_METRICS: tuple[tuple[str, str], ...] = (
    ("people", "people"),
    ("organizations", "orgs"),
    ("places", "places"),
    ("money", "money"),
    ("topics", "topics"),
    ("countries", "countries"),
    ("keywords", "keywords"),
    ("quote_speakers", "quote spk"),
)
SHARE_METRICS: tuple[tuple[str, str], ...] = (
    ("roles", "roles"),
    ("tone", "tone"),
    ("published_date", "pub date"),
    ("dateline", "dateline"),
    ("language", "language"),
)
#: Columns of the per-group table: (metric key in figures["groups"][g][system], header).
GROUP_COLUMNS: tuple[tuple[str, str], ...] = (*F1_METRICS, *SHARE_METRICS)


def _group_cell(item: Any) -> str:
    if not isinstance(item, dict):
        return "—"
    value = item.get("f1", item.get("value"))
    return "—" if value is None else f"{float(value):.3f}"


def format_group_table(groups: dict[str, Any]) -> str:
    """Every field by language and split: F1 (micro) for lists, accuracy / found-share for the rest;
    spaCy sm on its own line under each English group (entities and money only)."""
    header = ("group", "system", "n", *(label for _, label in GROUP_COLUMNS))
    cells: list[tuple[str, ...]] = [header]
    for name, figures in groups.items():
        for system, label in (("pipeline", "pipeline"), ("spacy_sm", "spaCy sm")):
            values = figures.get(system)
            if not values:
                continue
            cells.append(
                (
                    name,
                    label,
                    str(figures.get("n", "")),
                    *(_group_cell(values.get(key)) for key, _ in GROUP_COLUMNS),
                )
            )
    if len(cells) == 1:
        return ""
    return _markdown_table(cells)


def format_report(report: EvalReport) -> str:
    lines = [f"corpus: {report.corpus}"]
    lines += [f"peer {name}: {status}" for name, status in report.peers.items()]
    lines += ["", format_table(report.rows), ""]
    groups = format_group_table(report.figures.get("groups", {}))
    if groups:
        lines += [
            "by language and split (F1 micro; roles = share of gold people with a role whose role was found;"
            " tone, pub date, dateline, language = accuracy):",
            groups,
            "",
        ]
    prf = format_prf_table(report.figures)
    if prf:
        lines += [prf, ""]
    missed = report.missed_targets
    unchecked = report.unchecked_targets
    lines.append(f"targets missed: {', '.join(r.key for r in missed) if missed else 'none'}")
    if unchecked:
        lines.append(f"targets not checked (peer absent): {', '.join(r.key for r in unchecked)}")
    lines += [f"note: {n}" for n in report.notes]
    return "\n".join(lines)
