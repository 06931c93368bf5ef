#!/usr/bin/env python3
"""Score main-text extraction on the article-extraction benchmark sample in tests/corpus/aeb.

The metric re-implements the one of scrapinghub/article-extraction-benchmark (MIT):
- tokens are the ``\\w+`` runs of the text; shingles are runs of 4 consecutive tokens (a text with
  fewer than 4 tokens gives one shorter shingle, an empty text none);
- per article, true positives / false positives / false negatives are multiset overlaps of the
  shingle counts, normalised to sum 1 so that long articles do not weigh more;
- precision is averaged over articles that predicted something, recall over articles whose truth
  has something; F1 is the harmonic mean of those two averages (not an average of F1s).

Usage::

    .venv/bin/python scripts/score_maintext.py                 # every method
    .venv/bin/python scripts/score_maintext.py --method ours   # one method
    .venv/bin/python scripts/score_maintext.py --worst 5       # also list the worst pages of each

Methods: ``trafilatura`` (defaults), ``precision`` / ``recall`` (favor_* flags),
``notables`` (include_tables=False), ``ours`` (the pipeline's decode stage on the gzip bytes),
``ours+clean`` (decode then clean: what the record's body holds).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "aeb"

_WORD = re.compile(r"\w+")

Counts = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for start in range(max(1, len(tokens) - n + 1)):
        gram = tuple(tokens[start : start + n])
        if gram:
            out[gram] += 1
    return out


def match(truth: str, predicted: str) -> Counts:
    """Normalised (tp, fp, fn) of one article."""
    want, got = shingles(truth), shingles(predicted)
    tp = fp = fn = 0.0
    for gram in want.keys() | got.keys():
        w, g = want.get(gram, 0), got.get(gram, 0)
        tp += min(w, g)
        fp += max(0, g - w)
        fn += max(0, w - g)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(counts: list[Counts]) -> dict[str, float]:
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _trafilatura(**options: bool) -> Callable[[bytes], str]:
    def run(raw: bytes) -> str:
        import trafilatura

        return trafilatura.extract(gzip.decompress(raw), **options) or ""  # type: ignore[arg-type]

    return run


def _ours(raw: bytes) -> str:
    from article_pipeline.pipeline.decode import decode
    from article_pipeline.pipeline.errors import Rejection

    try:
        return decode(raw, key="page.html.gz").text
    except Rejection:
        return ""


def _ours_clean(raw: bytes) -> str:
    from article_pipeline.pipeline.clean import clean
    from article_pipeline.pipeline.decode import decode
    from article_pipeline.pipeline.errors import Rejection

    try:
        return clean(decode(raw, key="page.html.gz").text).body
    except Rejection:
        return ""


METHODS: dict[str, Callable[[bytes], str]] = {
    "trafilatura": _trafilatura(),
    "precision": _trafilatura(favor_precision=True),
    "recall": _trafilatura(favor_recall=True),
    "notables": _trafilatura(include_tables=False),
    "ours": _ours,
    "ours+clean": _ours_clean,
}


def score(method: Callable[[bytes], str], truth: dict[str, dict[str, str]]) -> tuple[dict[str, float], list]:
    counts: list[Counts] = []
    per_page = []
    elapsed = 0.0
    for page_id, gold in sorted(truth.items()):
        raw = (CORPUS / "html" / f"{page_id}.html.gz").read_bytes()
        start = time.perf_counter()
        text = method(raw)
        elapsed += time.perf_counter() - start
        c = match(gold.get("articleBody", ""), text)
        counts.append(c)
        per_page.append((_precision(*c), _recall(*c), page_id))
    result = aggregate(counts)
    result["ms_per_page"] = 1000 * elapsed / max(1, len(truth))
    return result, per_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--method", action="append", choices=sorted(METHODS), help="default: all")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of each method")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    results = {}
    for name in args.method or list(METHODS):
        # Warm the lazy imports so that the timing is per page, not the first page's import.
        METHODS[name](gzip.compress(b"<html><body><p>warm up</p></body></html>"))
        result, per_page = score(METHODS[name], truth)
        results[name] = result
        if not args.json:
            print(
                f"{name:<12} precision={result['precision']:.4f} recall={result['recall']:.4f} "
                f"F1={result['f1']:.4f}  {result['ms_per_page']:.1f} ms/page"
            )
            for p, r, page_id in sorted(per_page, key=lambda t: 2 * t[0] * t[1] / (t[0] + t[1] or 1))[
                : args.worst
            ]:
                print(f"    P={p:.3f} R={r:.3f} {page_id}")
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
