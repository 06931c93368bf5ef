"""What a non-English article costs against an English one of the same length (issue #15), repeatably.

    .venv/bin/python scripts/measure_cost_ratio.py [--fresh K] [--repeat N] [--stages] [--profile MODE]
    .venv/bin/python scripts/measure_cost_ratio.py --fresh 5 --repeat 0 --against /tmp/base/shared  # A/B

Processes every English and every non-English gold text of the eval's corpus (``evaluation.gold``; the
non-English ones are those of ``SUPPORTED_NON_EN``) with ``process_article`` as the eval does, the two
alternating, and prints the eval's own figure (``evaluation.runner.cost_per_length``: the median over the
non-English articles of their time divided by the English least-squares line at their length) three ways:

- ``cold``: one pass in a fresh process after one English warm-up call, what ``article-pipeline eval``
  (default ``--repeat 1``) measures: the first article of each language pays for loading its pack and
  lemmatiser dictionary, every article for the words no earlier article had;
- ``first sight``: the same pass after every language's data is loaded (a warm function meeting a new
  article): each article's own words are still new to the per-word memos;
- ``warm``: the fastest of ``--repeat`` further passes in one process (every memo hit: the floor).

Times are the process's CPU time (``time.process_time``), not the wall clock the eval reads: other
processes on a shared machine then add less noise. The cold and first-sight figures take, per article,
the fastest of ``--fresh`` fresh processes (K x ~15 s): the minimum is the run least disturbed.

``--stages`` times each stage of the non-English path in a first-sight pass (summed over the articles);
``--profile cold|first|warm`` runs that pass of the non-English texts under cProfile and prints the
functions that dominate with their call counts (counts do not depend on the machine's load).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from article_pipeline.evaluation.gold import GoldArticle, load_corpus
from article_pipeline.evaluation.groups import SUPPORTED_NON_EN
from article_pipeline.evaluation.runner import cost_per_length
from article_pipeline.models import Source
from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.clean import clean
from article_pipeline.pipeline.decode import decode
from article_pipeline.pipeline.document import build_document, lead_summary
from article_pipeline.pipeline.fingerprint import fingerprints
from article_pipeline.pipeline.langpack import refine_language
from article_pipeline.pipeline.language import detect_language
from article_pipeline.pipeline.process import process_article
from article_pipeline.pipeline.tone import pack_lexicon, tone_of, words_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
STAMP = "2000-01-01T00:00:00.000Z"
# Invented words in every script the packs use: loading a language touches its pack, lemmatiser and
# place tables, and adds nothing a corpus article would find in the memos.
_PRELOAD_TEXT = "Qwyxo Zvarbek 12 plimfu. Щывтрак Жмуфыр 3 брыщь. Qwyxo İzvark."


def _source(article: GoldArticle) -> Source:
    return Source(bucket="eval", key=article.key, size=len(article.data), content_type="text/plain")


def _run(article: GoldArticle) -> float:
    start = time.process_time()
    process_article(article.data, _source(article), processed_at=STAMP)
    return (time.process_time() - start) * 1000.0


def _corpus() -> tuple[list[GoldArticle], list[GoldArticle]]:
    corpus = load_corpus(CORPUS)
    en = [a for a in corpus.gold if a.language == "en"]
    other = [a for a in corpus.gold if a.language in SUPPORTED_NON_EN]
    return en, other


def _interleaved(en: list[GoldArticle], other: list[GoldArticle]) -> list[GoldArticle]:
    """The non-English articles spread evenly among the English ones (the eval's order: a slow spell of the
    machine hits both)."""
    out: list[GoldArticle] = []
    step = len(en) / max(1, len(other))
    placed = 0
    for index, article in enumerate(en):
        out.append(article)
        while placed < len(other) and placed * step <= index:
            out.append(other[placed])
            placed += 1
    out.extend(other[placed:])
    return out


def preload_languages() -> None:
    """Load every supported language's pack, lemmatiser dictionary and place tables."""
    for code in SUPPORTED_NON_EN:
        doc = build_document(_PRELOAD_TEXT, code)
        polyglot.analyse(doc, title=None)
        polyglot.extract_dates(doc, reference=None)


def _one_pass(*, preload: bool) -> dict[str, float]:
    en, other = _corpus()
    _run(en[0])  # the eval's one warm-up call: English loads are not the non-English path's
    if preload:
        preload_languages()
    return {a.id: _run(a) for a in _interleaved(en, other)}


def _fresh_pass(*, preload: bool, code: Path | None = None) -> dict[str, float]:
    """One pass in a fresh process; ``code``: another checkout's ``shared`` folder to run instead."""
    flag = ["--preload"] if preload else []
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    out = subprocess.run(  # noqa: S603  # this script, with this interpreter
        [sys.executable, __file__, "--one-pass", *flag], check=True, capture_output=True, text=True, env=env
    ).stdout
    return {key: float(ms) for key, ms in json.loads(out.splitlines()[-1]).items()}


def _fresh_passes(count: int, *, preload: bool, against: Path | None = None) -> list[dict[str, float]]:
    """Per article, the fastest of ``count`` passes, each in a fresh process: of this checkout and, with
    ``against``, of that ``shared`` folder too, the two alternating so that both see the same machine."""
    sides: list[Path | None] = [None] if against is None else [None, against]
    best: list[dict[str, float]] = [{} for _ in sides]
    for _ in range(count):
        for side, code in zip(best, sides, strict=True):
            for key, ms in _fresh_pass(preload=preload, code=code).items():
                side[key] = min(side.get(key, float("inf")), ms)
    return best


def _ratio_line(label: str, times: dict[str, float], en: list[GoldArticle], other: list[GoldArticle]) -> str:
    cost = cost_per_length(
        [(len(a.text), times[a.id]) for a in en], [(len(a.text), times[a.id]) for a in other]
    )
    ratio = cost["same_length_ratio"]
    shown = f"{ratio:.2f}x" if isinstance(ratio, float) else "n/a"
    return (
        f"{label:<26} ratio {shown}   English {cost['en_fixed_ms']:.2f} ms + "
        f"{cost['en_ms_per_1000_chars_slope']:.2f} ms/1000 chars; total ms en "
        f"{sum(times[a.id] for a in en):.0f}, non-en {sum(times[a.id] for a in other):.0f}"
    )


def _by_language(times: dict[str, float], other: list[GoldArticle]) -> str:
    per: dict[str, list[float]] = defaultdict(list)
    for a in other:
        per[str(a.language)].append(times[a.id] * 1000.0 / max(1, len(a.text)))
    return ", ".join(f"{code} {statistics.median(v):.2f}" for code, v in sorted(per.items()))


def _stage_times(article: GoldArticle) -> dict[str, float]:
    """The non-English path of ``process_article``, stage by stage (ms)."""
    times: dict[str, float] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        start = time.process_time()
        value = fn()
        times[name] = (time.process_time() - start) * 1000.0
        return value

    decoded = step("decode", lambda: decode(article.data, key=article.key, content_type="text/plain"))
    body = step("clean", lambda: clean(decoded.text)).body
    language = step(
        "language",
        lambda: refine_language(detect_language(body), [w.casefold() for w in body.split()[:400]]),
    )
    step("fingerprints", lambda: fingerprints(body))
    doc = step("build_document", lambda: build_document(body, language))
    step("lead_summary", lambda: lead_summary(doc))
    pack = doc.pack
    if pack is None:
        return times
    people, orgs, places = step("entities", lambda: polyglot.extract_entities(doc))
    countries = step("countries", lambda: polyglot.countries_of(doc, places))
    step("money", lambda: polyglot.extract_money(doc, country=countries[0] if countries else None))
    step("quotes", lambda: polyglot.extract_quotes(doc, people))
    step("dateline", lambda: polyglot.dateline_of(doc))
    step("topics", lambda: polyglot.classify_topics(doc, None))
    step("keywords", lambda: polyglot.keywords_of(doc, people, orgs, places))
    step("dates", lambda: polyglot.extract_dates(doc, reference=None))
    lexicon = pack_lexicon(pack.tone_positive, pack.tone_negative)
    step("tone", lambda: tone_of(words_of(doc), lexicon))
    return times


def _print_stages(other: list[GoldArticle]) -> None:
    totals: dict[str, float] = defaultdict(float)
    for a in other:
        for name, ms in _stage_times(a).items():
            totals[name] += ms
    whole = sum(totals.values())
    print(f"non-English stages, first sight ({whole:.0f} ms in all):")
    for name, total in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {name:<16} {total:8.1f} ms  {100.0 * total / whole:5.1f}%")


def _profile(mode: str, other: list[GoldArticle], top: int) -> None:
    if mode != "cold":
        preload_languages()
    if mode == "warm":
        for a in other:
            _run(a)
    profiler = cProfile.Profile()
    profiler.enable()
    for a in other:
        _run(a)
    profiler.disable()
    print(f"cProfile of a {mode} pass over the non-English texts, by own time:")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", type=int, default=3, metavar="K", help="fresh processes per cold figure")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="warm passes (fastest kept)")
    parser.add_argument("--stages", action="store_true", help="time the non-English stages one by one")
    parser.add_argument("--profile", choices=("cold", "first", "warm"), help="profile one such pass")
    parser.add_argument("--top", type=int, default=30, help="functions shown by --profile")
    parser.add_argument(
        "--against",
        type=Path,
        metavar="SHARED",
        help="also time another checkout's shared/ folder (A/B, alternating fresh processes)",
    )
    parser.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--preload", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one_pass:  # a child of _fresh_passes: one pass, the times as JSON on the last line
        print(json.dumps(_one_pass(preload=args.preload)))
        return 0
    en, other = _corpus()
    if args.profile:
        _run(en[0])
        _profile(args.profile, other, args.top)
        return 0
    print(f"{len(en)} English and {len(other)} non-English gold texts")
    if args.fresh > 0:
        names = ["this checkout"] + ([f"{args.against}"] if args.against else [])
        for preload, label in ((False, "cold"), (True, "first sight")):
            runs = _fresh_passes(args.fresh, preload=preload, against=args.against)
            for name, times in zip(names, runs, strict=True):
                print(_ratio_line(f"{label} (best of {args.fresh})", times, en, other) + f"  [{name}]")
            print(f"  {label}, non-en ms/1000 chars by language (median): {_by_language(runs[0], other)}")
    if not (args.stages or args.repeat > 0):
        return 0
    order = _interleaved(en, other)
    _run(en[0])
    preload_languages()
    if args.stages:
        _print_stages(other)
    if args.repeat > 0:
        seen = {a.id: _run(a) for a in order}  # the memos learn every article's words
        best = {key: min(_run(a) for _ in range(args.repeat)) for key, a in ((a.id, a) for a in order)}
        best = {key: min(ms, seen[key]) for key, ms in best.items()}
        print(_ratio_line(f"warm (best of {args.repeat})", best, en, other))
        print(f"  warm, non-en ms/1000 chars by language (median): {_by_language(best, other)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
