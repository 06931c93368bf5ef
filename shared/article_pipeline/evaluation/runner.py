"""``article-pipeline eval``: score the pipeline (and its peers) on the committed development corpus.

    article-pipeline eval [--corpus DIR] [--no-peers] [--json PATH] [--check] [--details]

Exit status 0 whatever the scores (it is a report); with ``--check``, 1 when a target is missed;
2 when the corpus cannot be read. See docs/evaluation.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from article_pipeline.evaluation import maintext, metrics
from article_pipeline.evaluation.gold import Corpus, CorpusError, GoldArticle, GoldEntity, load_corpus
from article_pipeline.evaluation.metrics import Counts, MatchResult
from article_pipeline.evaluation.peers import (
    PeerEntities,
    PeerUnavailableError,
    load_spacy,
    load_trafilatura,
    spacy_entities,
    trafilatura_text,
)
from article_pipeline.evaluation.report import EvalReport, Row, format_report

# Targets from the product issue.
MONEY_F1_TARGET = 0.95
TOPIC_F1_TARGET = 0.80
DATELINE_TARGET = 1.0
MAINTEXT_F1_TARGET = 0.96
SPEED_RATIO_TARGET = 10.0

ENTITY_KINDS = ("people", "organizations", "places")
_EVAL_BUCKET = "eval"
_FIXED_STAMP = "2000-01-01T00:00:00.000Z"  # records are compared, not stored: a fixed clock keeps runs equal


# --------------------------------------------------------------------------------------------------
# Locating the corpus
# --------------------------------------------------------------------------------------------------


def default_corpus_dir() -> Path | None:
    """tests/corpus of the source checkout this package lives in (editable install), else under the cwd."""
    here = Path(__file__).resolve()
    candidates = [parent / "tests" / "corpus" for parent in here.parents]
    candidates.insert(0, Path.cwd() / "tests" / "corpus")
    for candidate in candidates:
        if (candidate / "gold" / "dev_gold.json").is_file():
            return candidate
    return None


# --------------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def one_core() -> Iterator[str]:
    """Pin this process to one CPU while timing (Linux); yields a description of what was done."""
    getter = getattr(os, "sched_getaffinity", None)
    setter = getattr(os, "sched_setaffinity", None)
    if getter is None or setter is None:
        yield "affinity not supported on this OS: timings may use several cores"
        return
    before = getter(0)
    cpu = max(before)  # the last CPU: usually the one least busy with interrupts
    try:
        setter(0, {cpu})
    except OSError as exc:
        yield f"could not pin to one core ({exc})"
        return
    try:
        yield f"pinned to CPU {cpu}"
    finally:
        setter(0, before)


T = TypeVar("T")


def _timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - start) * 1000.0


# --------------------------------------------------------------------------------------------------
# Scoring one system's predictions against the gold
# --------------------------------------------------------------------------------------------------


@dataclass
class Predictions:
    """What one system said about one gold article (the fields it does not produce stay None)."""

    people: list[list[str]] = field(default_factory=list)  # each: name then aliases
    organizations: list[list[str]] = field(default_factory=list)
    places: list[list[str]] = field(default_factory=list)
    money: list[tuple[float, str]] = field(default_factory=list)
    topics: list[str] | None = None
    dateline: str | None = None
    language: str | None = None
    published_date: str | None = None
    dates: list[tuple[str, str]] | None = None
    quotes: list[tuple[str | None, str]] | None = None
    body: str | None = None
    status: str = "processed"


def _pipeline_predictions(record: Any) -> Predictions:  # Any: an ArticleRecord, or None when the run crashed
    if record is None:
        return Predictions(status="crashed")
    return Predictions(
        people=[[p.name, *p.aliases] for p in record.people],
        organizations=[[o.name, *o.aliases] for o in record.organizations],
        places=[[p.name, *p.aliases] for p in record.places],
        money=[(float(m.amount), m.currency) for m in record.money],
        topics=[t.code for t in record.topics],
        dateline=record.dateline,
        language=record.language,
        published_date=record.published_date,
        dates=[(d.text, d.date) for d in record.dates],
        quotes=[(q.speaker, q.text) for q in record.quotes],
        body=record.body,
        status=record.status,
    )


def _peer_predictions(entities: PeerEntities) -> Predictions:
    return Predictions(
        people=[[n] for n in entities.people],
        organizations=[[n] for n in entities.organizations],
        places=[[n] for n in entities.places],
        money=list(entities.money),
    )


def _gold_forms(entities: Sequence[GoldEntity]) -> list[list[str]]:
    return [list(e.forms) for e in entities]


@dataclass
class _Scored:
    """Per-document match results of one system, keyed by metric name."""

    per_doc: dict[str, list[tuple[str, MatchResult]]] = field(default_factory=dict)
    details: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, metric: str, doc_id: str, result: MatchResult, detail: dict[str, Any]) -> None:
        self.per_doc.setdefault(metric, []).append((doc_id, result))
        self.details.setdefault(metric, []).append({"id": doc_id, **result.counts.as_dict(), **detail})

    def micro(self, metric: str) -> metrics.PRF | None:
        docs = self.per_doc.get(metric)
        return metrics.micro(r.counts for _, r in docs) if docs else None

    def macro(self, metric: str) -> metrics.PRF | None:
        docs = self.per_doc.get(metric)
        return metrics.macro(r.counts for _, r in docs) if docs else None

    def totals(self, metric: str) -> Counts:
        return sum((r.counts for _, r in self.per_doc.get(metric, [])), Counts())


def score_predictions(gold: Sequence[GoldArticle], preds: dict[str, Predictions], *, full: bool) -> _Scored:
    """Match every gold article's annotations with a system's predictions.

    ``full`` is False for peers that only produce entities and money (spaCy).
    """
    scored = _Scored()
    for article in gold:
        pred = preds[article.id]
        for kind in ENTITY_KINDS:
            p_items: list[list[str]] = getattr(pred, kind)
            g_items = _gold_forms(getattr(article, kind))
            result = metrics.match_entities(p_items, g_items)
            scored.add(
                kind,
                article.id,
                result,
                {
                    "missed": [g_items[i][0] for i in result.missed],
                    "spurious": [p_items[i][0] for i in result.spurious],
                },
            )
        g_money = [(m.amount, m.currency) for m in article.money]
        result = metrics.match_money(pred.money, g_money)
        scored.add(
            "money",
            article.id,
            result,
            {
                "missed": [list(g_money[i]) for i in result.missed],
                "spurious": [list(pred.money[i]) for i in result.spurious],
            },
        )
        if not full:
            continue
        p_topics = metrics.top_level_codes(pred.topics or [])
        g_topics = metrics.top_level_codes(article.topics)
        result = metrics.match_topics(p_topics, g_topics)
        scored.add(
            "topics", article.id, result, {"predicted": list(pred.topics or []), "gold": list(article.topics)}
        )
        if article.dates is not None:
            g_dates = [(d.text, d.date) for d in article.dates]
            p_dates = pred.dates or []
            result = metrics.match_dates(p_dates, g_dates)
            scored.add(
                "dates",
                article.id,
                result,
                {
                    "missed": [list(g_dates[i]) for i in result.missed],
                    "spurious": [list(p_dates[i]) for i in result.spurious],
                },
            )
        if article.quotes is not None:
            g_quotes = [(q.speaker, q.text) for q in article.quotes]
            p_quotes = pred.quotes or []
            result = metrics.match_quotes(p_quotes, g_quotes)
            scored.add(
                "quotes",
                article.id,
                result,
                {
                    "missed": [list(g_quotes[i]) for i in result.missed],
                    "spurious": [list(p_quotes[i]) for i in result.spurious],
                },
            )
    return scored


def _accuracy(hits: Sequence[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


# --------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------


def _speed_sample(corpus: Corpus, *, all_texts: bool = True) -> list[tuple[str, bytes, str]]:
    """(id, bytes, key) of the texts to run: the gold articles first, then (``all_texts``) every other
    benchmark articleBody, which only adds to the speed sample."""
    sample = [(a.id, a.data, f"{a.kind}/{a.id}" + ("" if a.kind == "seed" else ".txt")) for a in corpus.gold]
    if not all_texts:
        return sample
    seen = {a.id for a in corpus.gold}
    sample += [
        (pid, text.encode("utf-8"), f"aeb/{pid}.txt")
        for pid, text in corpus.aeb_texts.items()
        if pid not in seen
    ]
    return sample


@dataclass
class _TextRun:
    """One system run over the speed sample: its outputs by id and the per-article time (ms)."""

    outputs: dict[str, Any] = field(default_factory=dict)
    ms: dict[str, float] = field(default_factory=dict)
    first_call_ms: float | None = None


def _time_interleaved(
    sample: Sequence[tuple[str, bytes, str]], calls: Sequence[Callable[[str, bytes], Any]], repeat: int
) -> list[_TextRun]:
    """Run each ``call(key, data)`` on every text: one untimed warm-up call each, then ``repeat`` rounds of
    system A then B on the same text, keeping each system's fastest time (the least disturbed by other
    processes). A shared machine's speed drifts over tens of seconds; timed one after the other, a ratio
    would mostly measure that drift, interleaved both see the same machine."""
    runs = [_TextRun() for _ in calls]
    if not sample:
        return runs
    for run, call in zip(runs, calls, strict=True):
        _, run.first_call_ms = _timed(lambda call=call: call(sample[0][2], sample[0][1]))  # type: ignore[misc]
    for doc_id, data, key in sample:
        best = [float("inf")] * len(calls)
        outputs: list[Any] = [None] * len(calls)
        for _ in range(max(1, repeat)):
            for index, call in enumerate(calls):
                outputs[index], ms = _timed(lambda c=call, k=key, d=data: c(k, d))  # type: ignore[misc]  # binds loop values
                best[index] = min(best[index], ms)
        for run, output, ms in zip(runs, outputs, best, strict=True):
            run.outputs[doc_id], run.ms[doc_id] = output, ms
    return runs


@dataclass
class _MainTextRun:
    ours: list[metrics.ShingleCounts] = field(default_factory=list)
    theirs: list[metrics.ShingleCounts] = field(default_factory=list)
    decode_ms: list[float] = field(default_factory=list)
    trafilatura_ms: list[float] = field(default_factory=list)
    per_page: list[dict[str, Any]] = field(default_factory=list)
    empty_pages: list[str] = field(default_factory=list)
    crashes: dict[str, str] = field(default_factory=dict)  # key -> the exception decode raised


def _main_text(corpus: Corpus, traf: Any) -> _MainTextRun:
    """Our decode stage (gz bytes in) and, if given, trafilatura (gunzipped bytes in) on every page."""
    from article_pipeline.pipeline.decode import decode
    from article_pipeline.pipeline.errors import Rejection

    run = _MainTextRun()
    for page in corpus.aeb_pages:
        raw = page.gz_path.read_bytes()
        key = f"aeb/html/{page.id}.html.gz"

        def decode_text(raw: bytes = raw, key: str = key) -> str:
            try:
                return decode(raw, key=key).text
            except Rejection:
                return ""  # scored as an empty prediction, as the benchmark scores a missing one
            except Exception as exc:  # a bug in the stage: scored as empty too, and reported
                run.crashes[key] = f"{type(exc).__name__}: {exc}"
                return ""

        text, ms = _timed(decode_text)
        run.decode_ms.append(ms)
        if not text.strip():
            run.empty_pages.append(page.id)
        run.ours.append(metrics.shingle_counts(page.article_body, text))
        row: dict[str, Any] = {"id": page.id, "pipeline": _aeb_doc(run.ours[-1]), "pipeline_ms": ms}
        if traf is not None:
            html = gzip.decompress(raw)
            peer_text, ms = _timed(lambda html=html: trafilatura_text(traf, html))  # type: ignore[misc]  # binds loop value
            run.trafilatura_ms.append(ms)
            run.theirs.append(metrics.shingle_counts(page.article_body, peer_text))
            row.update({"trafilatura": _aeb_doc(run.theirs[-1]), "trafilatura_ms": ms})
        run.per_page.append(row)
    return run


def _load_peers(report: EvalReport, figures: dict[str, Any]) -> tuple[Any, Any]:
    nlp: Any = None
    traf: Any = None
    try:
        (nlp, version), load_ms = _timed(load_spacy)
        report.peers["spaCy sm"] = f"ok ({version}); model load {load_ms:.0f} ms"
        figures["spacy_load_ms"] = load_ms
    except PeerUnavailableError as exc:
        report.peers["spaCy sm"] = str(exc)
    try:
        traf, version = load_trafilatura()
        report.peers["trafilatura"] = f"ok ({version})"
    except PeerUnavailableError as exc:
        report.peers["trafilatura"] = str(exc)
    return nlp, traf


def run_eval(
    corpus_dir: Path,
    *,
    peers: bool = True,
    repeat: int = 1,
    speed_sample: bool = True,
    log: Callable[[str], None] | None = None,
) -> EvalReport:
    """Score the pipeline (and, with ``peers``, spaCy small and trafilatura) on ``corpus_dir``.

    ``repeat`` runs each timed call that many times and keeps the fastest (scores do not change).
    ``speed_sample=False`` runs the text systems on the annotated articles only (the scores are the
    same; the speed rows then rest on those few texts): the quality gate uses it to stay fast.
    """
    from article_pipeline.models import Source
    from article_pipeline.pipeline.process import process_article

    say = log or (lambda _msg: None)
    corpus = load_corpus(corpus_dir)
    report = EvalReport(corpus=str(corpus_dir))
    figures: dict[str, Any] = {
        "environment": {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
        }
    }
    if peers:
        nlp, traf = _load_peers(report, figures)
    else:
        nlp = traf = None
        report.peers = {"spaCy sm": "skipped (--no-peers)", "trafilatura": "skipped (--no-peers)"}

    crashes: dict[str, str] = {}

    def pipeline_call(key: str, data: bytes) -> Any:
        source = Source(bucket=_EVAL_BUCKET, key=key, size=len(data), content_type="text/plain")
        try:
            return process_article(data, source, processed_at=_FIXED_STAMP)
        except Exception as exc:  # a bug in a stage: score the article as empty and report it, do not stop
            crashes[key] = f"{type(exc).__name__}: {exc}"
            return None

    sample = _speed_sample(corpus, all_texts=speed_sample)
    with one_core() as pinning:
        calls: list[Callable[[str, bytes], Any]] = [pipeline_call]
        if nlp is not None:
            calls.append(lambda _key, data: nlp(data.decode("utf-8", errors="replace")))
        say(f"{'pipeline and spaCy, interleaved' if nlp is not None else 'pipeline'}: {len(sample)} texts")
        pipe_run, *peer_runs = _time_interleaved(sample, calls, repeat)
        spacy_run = peer_runs[0] if peer_runs else _TextRun()
        say(f"main text: {len(corpus.aeb_pages)} pages")
        main_run = _main_text(corpus, traf)
        if (
            speed_sample and (snippets_dir := corpus_dir / "trafilatura-eval").is_dir()
        ):  # trafilatura's own set
            say("main text: trafilatura's evaluation pages")
            figures["maintext_snippets"] = maintext.evaluate(snippets_dir, traf)
            report.notes.append(maintext.format_figures(figures["maintext_snippets"]))
    report.notes.append(
        f"timings: single process, {pinning}, per article the fastest of {max(1, repeat)} run(s) after one "
        "warm-up call, the pipeline and spaCy alternating on each text; the figure is the median over articles"
    )

    gold = corpus.gold
    pipe_preds = {a.id: _pipeline_predictions(pipe_run.outputs[a.id]) for a in gold}
    pipe = score_predictions(gold, pipe_preds, full=True)
    spacy_scored = None
    if spacy_run.outputs:
        spacy_preds = {a.id: _peer_predictions(spacy_entities(spacy_run.outputs[a.id])) for a in gold}
        spacy_scored = score_predictions(gold, spacy_preds, full=False)
    singles = _single_figures(gold, pipe_preds)
    main_ours = metrics.aeb_score(main_run.ours)
    main_theirs = metrics.aeb_score(main_run.theirs) if main_run.theirs else None

    report.rows = _rows(
        pipe=pipe,
        spacy_scored=spacy_scored,
        singles=singles,
        main_ours=main_ours,
        main_theirs=main_theirs,
        pipe_run=pipe_run,
        spacy_run=spacy_run,
        main_run=main_run,
    )

    figures["pipeline"] = _system_figures(
        pipe, ("people", "organizations", "places", "money", "topics", "dates", "quotes")
    )
    figures["pipeline"].update(
        {
            "dateline": {
                "accuracy": singles["dateline"],
                "none_accuracy": singles["dateline_none"],
                "per_doc": [
                    {"id": a.id, "gold": a.dateline, "predicted": pipe_preds[a.id].dateline} for a in gold
                ],
            },
            "language_accuracy": singles["language"],
            "published_date_accuracy": singles["published_date"],
            "boilerplate_removed": singles["boilerplate"],
            "rejected": [a.id for a in gold if pipe_preds[a.id].status != "processed"],
            "crashes": crashes,
            "decode_crashes": main_run.crashes,
            "first_call_ms": pipe_run.first_call_ms,
        }
    )
    if spacy_scored:
        figures["spacy_sm"] = _system_figures(spacy_scored, ("people", "organizations", "places", "money"))
    figures["maintext"] = {
        "metric": "scrapinghub/article-extraction-benchmark evaluate.py (4-token shingles)",
        "pipeline": main_ours.as_dict() | {"docs": main_ours.docs, "empty_predictions": main_run.empty_pages},
        "trafilatura": (main_theirs.as_dict() | {"docs": main_theirs.docs}) if main_theirs else None,
        "per_page": main_run.per_page,
    }
    figures["speed"] = {
        "text": {
            "pipeline_ms": pipe_run.ms,
            "spacy_ms": spacy_run.ms or None,
            "pipeline_median_ms": metrics.median(list(pipe_run.ms.values())),
            "spacy_median_ms": metrics.median(list(spacy_run.ms.values())),
        },
        "html": {
            "decode_ms": main_run.decode_ms,
            "trafilatura_ms": main_run.trafilatura_ms or None,
            "decode_median_ms": metrics.median(main_run.decode_ms),
            "trafilatura_median_ms": metrics.median(main_run.trafilatura_ms),
        },
    }
    report.figures = figures
    if main_run.empty_pages:
        report.notes.append(
            f"decode gave no text for {len(main_run.empty_pages)} benchmark page(s): scored as empty"
        )
    for what, failed in (("process_article", crashes), ("decode", main_run.crashes)):
        if failed:
            key, error = next(iter(failed.items()))
            report.notes.append(
                f"{what} RAISED on {len(failed)} input(s), scored as empty; first: {key}: {error}"
            )
    rejected = figures["pipeline"]["rejected"]
    if rejected:
        report.notes.append(f"the pipeline rejected {len(rejected)} gold article(s): {', '.join(rejected)}")
    return report


def _single_figures(gold: Sequence[GoldArticle], preds: dict[str, Predictions]) -> dict[str, float | None]:
    """Accuracies of the one-value fields (None where no gold article annotates the field)."""
    dateline = [metrics.same_name(preds[a.id].dateline, a.dateline) for a in gold if a.dateline]
    dateline_none = [not (preds[a.id].dateline or "").strip() for a in gold if not a.dateline]
    language = [(preds[a.id].language or "") == a.language for a in gold if a.language]
    published = [preds[a.id].published_date == a.published_date for a in gold if a.has_published_date]
    boilerplate: list[bool] = []
    for a in gold:
        body_key = metrics.name_key(preds[a.id].body or "")
        boilerplate += [bool(body_key) and metrics.name_key(b) not in body_key for b in a.boilerplate or ()]
    out: dict[str, float | None] = {}
    for name, hits in (
        ("dateline", dateline),
        ("dateline_none", dateline_none),
        ("language", language),
        ("published_date", published),
        ("boilerplate", boilerplate),
    ):
        out[name] = _accuracy(hits)
        out[f"{name}_n"] = len(hits)
    return out


def _rows(
    *,
    pipe: _Scored,
    spacy_scored: _Scored | None,
    singles: dict[str, float | None],
    main_ours: metrics.AebScore,
    main_theirs: metrics.AebScore | None,
    pipe_run: _TextRun,
    spacy_run: _TextRun,
    main_run: _MainTextRun,
) -> list[Row]:
    def f1(scored: _Scored | None, metric: str, *, macro: bool = False) -> float | None:
        if scored is None:
            return None
        prf = scored.macro(metric) if macro else scored.micro(metric)
        return prf.f1 if prf else None

    def n(name: str) -> int:
        return int(singles[f"{name}_n"] or 0)

    rows: list[Row] = []
    for kind in ENTITY_KINDS:
        ours, theirs = f1(pipe, kind), f1(spacy_scored, kind)
        rows.append(
            Row(
                f"{kind}_f1",
                f"{kind} F1 (micro)",
                ours,
                spacy=theirs,
                target=">= spaCy",
                passed=None if ours is None or theirs is None else ours >= theirs,
            )
        )
        rows.append(
            Row(
                f"{kind}_f1_macro",
                f"{kind} F1 (macro)",
                f1(pipe, kind, macro=True),
                spacy=f1(spacy_scored, kind, macro=True),
            )
        )
    rows.append(
        _at_least(
            "money_f1",
            "money F1 (micro)",
            f1(pipe, "money"),
            MONEY_F1_TARGET,
            spacy=f1(spacy_scored, "money"),
        )
    )
    rows.append(_at_least("topics_f1", "topics F1 (micro, top level)", f1(pipe, "topics"), TOPIC_F1_TARGET))
    rows.append(
        _at_least(
            "dateline_accuracy",
            f"dateline accuracy (gold has one, n={n('dateline')})",
            singles["dateline"],
            DATELINE_TARGET,
            label_target="= 1.0",
        )
    )
    rows.append(
        Row(
            "dateline_none_accuracy",
            f"no dateline where gold has none (n={n('dateline_none')})",
            singles["dateline_none"],
        )
    )
    rows.append(Row("language_accuracy", f"language accuracy (n={n('language')})", singles["language"]))
    rows.append(Row("dates_f1", "dates F1 (seeds)", f1(pipe, "dates")))
    rows.append(Row("quotes_f1", "quotes F1 (seeds)", f1(pipe, "quotes")))
    rows.append(
        Row(
            "published_date_accuracy",
            f"published date accuracy (seeds, n={n('published_date')})",
            singles["published_date"],
        )
    )
    rows.append(
        Row(
            "boilerplate_removed",
            f"boilerplate removed (seeds, n={n('boilerplate')})",
            singles["boilerplate"],
        )
    )

    main_ok: bool | None = main_ours.f1 >= MAINTEXT_F1_TARGET
    if main_theirs is not None:
        main_ok = main_ok and main_ours.f1 >= main_theirs.f1
    elif main_ok:
        main_ok = None  # the absolute part holds; the comparison with trafilatura could not be made
    rows.append(
        Row(
            "maintext_f1",
            f"main text F1 (aeb, n={main_ours.docs})",
            main_ours.f1,
            trafilatura=main_theirs.f1 if main_theirs else None,
            target=f">= {MAINTEXT_F1_TARGET} and >= trafilatura",
            passed=main_ok,
        )
    )
    rows.append(
        Row(
            "maintext_precision",
            "main text precision",
            main_ours.precision,
            trafilatura=main_theirs.precision if main_theirs else None,
        )
    )
    rows.append(
        Row(
            "maintext_recall",
            "main text recall",
            main_ours.recall,
            trafilatura=main_theirs.recall if main_theirs else None,
        )
    )

    pipe_median = metrics.median(list(pipe_run.ms.values()))
    spacy_median = metrics.median(list(spacy_run.ms.values()))
    rows.append(
        Row(
            "text_ms_median",
            f"ms per article, text (median, n={len(pipe_run.ms)})",
            pipe_median,
            spacy=spacy_median,
            unit="ms",
        )
    )
    ratio = spacy_median / pipe_median if spacy_median and pipe_median else None
    rows.append(
        Row(
            "text_speed_ratio",
            "speed ratio spaCy sm / pipeline",
            ratio,
            target=f">= {SPEED_RATIO_TARGET:.0f}x",
            passed=None if ratio is None else ratio >= SPEED_RATIO_TARGET,
            unit="ratio",
        )
    )
    decode_median = metrics.median(main_run.decode_ms)
    traf_median = metrics.median(main_run.trafilatura_ms)
    rows.append(
        Row(
            "html_ms_median",
            f"ms per page, HTML decode (median, n={len(main_run.decode_ms)})",
            decode_median,
            trafilatura=traf_median,
            unit="ms",
        )
    )
    rows.append(
        Row(
            "html_speed_ratio",
            "speed ratio trafilatura / decode",
            traf_median / decode_median if traf_median and decode_median else None,
            unit="ratio",
        )
    )
    return rows


def _aeb_doc(c: metrics.ShingleCounts) -> dict[str, float]:
    one = metrics.aeb_score([c])
    return {"precision": one.precision, "recall": one.recall, "f1": one.f1}


def _system_figures(scored: _Scored, names: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        micro_prf = scored.micro(name)
        if micro_prf is None:
            continue
        macro_prf = scored.macro(name)
        out[name] = {
            "micro": micro_prf.as_dict(),
            "macro": macro_prf.as_dict() if macro_prf else None,
            "counts": scored.totals(name).as_dict(),
            "per_doc": scored.details.get(name, []),
        }
    return out


def _at_least(
    key: str,
    label: str,
    value: float | None,
    target: float,
    *,
    spacy: float | None = None,
    label_target: str | None = None,
) -> Row:
    return Row(
        key,
        label,
        value,
        spacy=spacy,
        target=label_target or f">= {target:.2f}",
        passed=None if value is None else value >= target,
    )


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-pipeline eval",
        description="Score the pipeline against the gold corpus, side by side with spaCy small and trafilatura.",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        metavar="DIR",
        help="corpus directory (default: the repository's tests/corpus)",
    )
    parser.add_argument(
        "--no-peers", action="store_true", help="score the pipeline only (no spaCy, no trafilatura)"
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="PATH", help="write every figure to PATH as JSON"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--details",
        action="store_true",
        help="also print, per gold article, what the pipeline missed and what it added",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="time each article N times and keep the fastest (default 1)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.add_argument(
        "--maintext-only",
        action="store_true",
        help="score only the main text on trafilatura's evaluation pages (pipeline beside trafilatura)",
    )
    return parser


def _print_details(report: EvalReport) -> None:
    pipeline = report.figures.get("pipeline", {})
    for name in ("people", "organizations", "places", "money", "topics", "dates", "quotes"):
        for doc in pipeline.get(name, {}).get("per_doc", []):
            extra = {k: v for k, v in doc.items() if k in {"missed", "spurious", "predicted", "gold"} and v}
            if doc["fp"] or doc["fn"]:
                print(
                    f"[{name}] {doc['id'][:24]} tp={doc['tp']:.0f} fp={doc['fp']:.0f} fn={doc['fn']:.0f} {extra}"
                )
    for doc in pipeline.get("dateline", {}).get("per_doc", []):
        if not metrics.same_name(doc["predicted"], doc["gold"]):
            print(f"[dateline] {doc['id'][:24]} gold={doc['gold']!r} predicted={doc['predicted']!r}")


def maintext_peer() -> Any:
    """trafilatura for the main-text comparison, or None when it is not installed."""
    try:
        return load_trafilatura()[0]
    except PeerUnavailableError:
        return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:  # `article-pipeline eval -- --json x`: a separator left by the parent parser
        argv = argv[1:]
    args = build_parser().parse_args(argv)
    corpus_dir: Path | None = args.corpus or default_corpus_dir()
    if corpus_dir is None:
        print(
            "article-pipeline eval: no tests/corpus found next to the package or under the current directory; "
            "pass --corpus DIR",
            file=sys.stderr,
        )
        return 2

    def log(message: str) -> None:
        if not args.quiet:
            print(f"eval: {message}", file=sys.stderr, flush=True)

    if args.maintext_only:
        traf = None if args.no_peers else maintext_peer()
        table = maintext.evaluate(corpus_dir / "trafilatura-eval", traf)
        print(maintext.format_figures(table))
        if args.json:
            args.json.write_text(json.dumps(table, indent=1), encoding="utf-8")
        return 0
    try:
        report = run_eval(corpus_dir, peers=not args.no_peers, repeat=args.repeat, log=log)
    except CorpusError as exc:
        print(f"article-pipeline eval: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    if args.details:
        print()
        _print_details(report)
    if args.json:
        report.write_json(args.json)
        print(f"figures written to {args.json}")
    if args.check and report.missed_targets:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
