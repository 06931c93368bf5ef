"""``article-pipeline eval``: score the pipeline (and its peers) on the committed development corpus.

    article-pipeline eval [--corpus DIR] [--no-peers] [--json PATH] [--check] [--details]

Exit status 0 whatever the scores (it is a report); with ``--check``, 1 when a target is missed;
2 when the corpus cannot be read. See docs/evaluation.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
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
from article_pipeline.evaluation.groups import (
    NON_EN_COST_TARGET,
    SUPPORTED_NON_EN,
    Scored,
    group_figures,
    group_members,
    target_rows,
)
from article_pipeline.evaluation.metrics import MatchResult
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
    people_roles: list[list[str]] | None = None  # parallel to people
    countries: list[str] | None = None
    keywords: list[str] | None = None
    tone: str | None = None  # the label; None when the record has no (valid) tone
    has_tone: bool = False  # the record carries a tone field at all


def _pipeline_predictions(record: Any) -> Predictions:  # Any: an ArticleRecord, or None when the run crashed
    if record is None:
        return Predictions(status="crashed")
    tone = getattr(record, "tone", None)  # added by another stage; read defensively (absent = wrong)
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
        people_roles=[list(getattr(p, "roles", []) or []) for p in record.people],
        countries=list(getattr(record, "countries", []) or []),
        keywords=list(getattr(record, "keywords", []) or []),
        tone=metrics.tone_label(tone),
        has_tone=tone is not None,
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


_Scored = Scored  # the name this module used before the class moved to groups.py


def _match_detail(result: MatchResult, pred: Sequence[Any], gold: Sequence[Any]) -> dict[str, Any]:
    def show(item: Any) -> Any:
        if isinstance(item, list) and item and isinstance(item[0], str):
            return item[0]  # an entity: its name
        return list(item) if isinstance(item, tuple) else item

    return {
        "missed": [show(gold[i]) for i in result.missed],
        "spurious": [show(pred[i]) for i in result.spurious],
    }


def _share(hit: bool) -> metrics.Share:
    return metrics.Share(int(hit), 1)


def score_predictions(gold: Sequence[GoldArticle], preds: dict[str, Predictions], *, full: bool) -> Scored:
    """Match every gold article's annotations with a system's predictions.

    ``full`` is False for peers that only produce entities and money (spaCy). Articles without a
    prediction (e.g. texts the peer was not run on) are skipped.
    """
    scored = Scored()
    for article in gold:
        pred = preds.get(article.id)
        if pred is None:
            continue
        for kind in ENTITY_KINDS:
            p_items: list[list[str]] = getattr(pred, kind)
            g_items = _gold_forms(getattr(article, kind))
            result = metrics.match_entities(p_items, g_items)
            scored.add(kind, article.id, result, _match_detail(result, p_items, g_items))
        g_money = [(m.amount, m.currency) for m in article.money]
        result = metrics.match_money(pred.money, g_money)
        scored.add("money", article.id, result, _match_detail(result, pred.money, g_money))
        if not full:
            continue
        _score_full(scored, article, pred)
    return scored


def _score_full(scored: Scored, article: GoldArticle, pred: Predictions) -> None:
    gid = article.id
    p_topics = metrics.top_level_codes(pred.topics or [])
    g_topics = metrics.top_level_codes(article.topics)
    result = metrics.match_topics(p_topics, g_topics)
    scored.add("topics", gid, result, {"predicted": list(pred.topics or []), "gold": list(article.topics)})
    if article.dates is not None:
        g_dates = [(d.text, d.date) for d in article.dates]
        p_dates = pred.dates or []
        result = metrics.match_dates(p_dates, g_dates)
        scored.add("dates", gid, result, _match_detail(result, p_dates, g_dates))
    if article.quotes is not None:
        g_quotes = [(q.speaker, q.text) for q in article.quotes]
        p_quotes = pred.quotes or []
        result = metrics.match_quotes(p_quotes, g_quotes)
        scored.add("quotes", gid, result, _match_detail(result, p_quotes, g_quotes))
    if article.countries is not None:
        result = metrics.match_countries(pred.countries or [], article.countries)
        scored.add(
            "countries", gid, result, {"predicted": pred.countries or [], "gold": list(article.countries)}
        )
    if article.keywords is not None:
        p_kw = metrics.dedupe_by_key(pred.keywords or [])
        g_kw = metrics.dedupe_by_key(article.keywords)
        result = metrics.match_keywords(p_kw, g_kw)
        scored.add("keywords", gid, result, _match_detail(result, p_kw, g_kw))
    if article.quote_speakers is not None:
        g_entities = _gold_forms(article.people) + _gold_forms(article.organizations)
        g_spk = metrics.speaker_forms(article.quote_speakers, g_entities)
        p_spk = metrics.speaker_forms((s for s, _ in pred.quotes or []), pred.people + pred.organizations)
        result = metrics.match_speakers(p_spk, g_spk)
        scored.add("quote_speakers", gid, result, _match_detail(result, p_spk, g_spk))
    roles = pred.people_roles or [[] for _ in pred.people]
    share, missed = metrics.roles_found(
        list(zip(pred.people, roles, strict=True)), [(e.forms, e.roles) for e in article.people]
    )
    if share.total:
        lost = [{"name": article.people[i].name, "gold_roles": list(article.people[i].roles)} for i in missed]
        scored.add_share("roles", gid, share, {"missed": lost})
    if article.tone is not None:
        scored.add_share(
            "tone",
            gid,
            _share(pred.tone == article.tone),
            {"gold": article.tone, "predicted": pred.tone, "record_has_tone": pred.has_tone},
        )
    if article.has_published_date:
        scored.add_share(
            "published_date",
            gid,
            _share(metrics.same_date(pred.published_date, article.published_date)),
            {"gold": article.published_date, "predicted": pred.published_date},
        )
    scored.add_share(
        "dateline",
        gid,
        _share(metrics.same_dateline(pred.dateline, article.dateline)),
        {"gold": article.dateline, "predicted": pred.dateline},
    )
    if article.language:
        scored.add_share(
            "language",
            gid,
            _share((pred.language or "") == article.language),
            {"gold": article.language, "predicted": pred.language},
        )


def _accuracy(hits: Sequence[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


# --------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------


def _speed_sample(corpus: Corpus, *, all_texts: bool = True) -> list[tuple[str, bytes, str]]:
    """(id, bytes, key) of the texts the pipeline and spaCy run on, interleaved: the dev gold articles
    (seeds and benchmark bodies) first, then (``all_texts``) every other benchmark articleBody, which only
    adds to the speed sample. The multilingual texts are :func:`_multilingual_sample`."""
    dev = [a for a in corpus.gold if a.collection == "dev"]
    sample = [(a.id, a.data, a.key) for a in dev]
    if not all_texts:
        return sample
    seen = {a.id for a in dev}
    sample += [
        (pid, text.encode("utf-8"), f"aeb/{pid}.txt")
        for pid, text in corpus.aeb_texts.items()
        if pid not in seen
    ]
    return sample


def _multilingual_sample(corpus: Corpus) -> list[tuple[str, bytes, str]]:
    """The non-English gold texts (multilingual/), run by the pipeline only (spaCy sm is English)."""
    return [(a.id, a.data, a.key) for a in corpus.gold if a.collection == "multilingual"]


def _spread(
    base: Sequence[tuple[str, bytes, str]], extra: Sequence[tuple[str, bytes, str]]
) -> list[tuple[str, bytes, str]]:
    """``base`` in order with the items of ``extra`` evenly spread among them (``base[0]`` first)."""
    if not extra:
        return list(base)
    out: list[tuple[str, bytes, str]] = []
    step = max(1, len(base)) / len(extra)
    positions = [int(i * step) for i in range(len(extra))]
    j = 0
    for i, item in enumerate(base):
        out.append(item)
        while j < len(extra) and positions[j] <= i:
            out.append(extra[j])
            j += 1
    out += extra[j:]
    return out


def _split_run(run: _TextRun, ids: set[str]) -> tuple[_TextRun, _TextRun]:
    """The run over the ids not in ``ids``, and the run over ``ids``."""
    rest, picked = _TextRun(first_call_ms=run.first_call_ms), _TextRun()
    for doc_id, output in run.outputs.items():
        target = picked if doc_id in ids else rest
        target.outputs[doc_id] = output
        target.ms[doc_id] = run.ms[doc_id]
    return rest, picked


def cost_per_length(
    en: Sequence[tuple[int, float]], other: Sequence[tuple[int, float]]
) -> dict[str, float | int | None]:
    """What a non-English article costs against an English one of the same length.

    ``en`` and ``other`` are (characters, ms) per article. Reports the median ms per 1000 characters of
    each, and ``same_length_ratio``: the median over the non-English articles of their time divided by
    the English least-squares line (ms = a + b * chars) at their length, so that a fixed per-article cost
    does not make short texts look expensive. None where there are too few points (a line needs two
    English lengths).
    """
    import statistics

    def per_k(items: Sequence[tuple[int, float]]) -> float | None:
        values = [ms * 1000.0 / chars for chars, ms in items if chars > 0]
        return statistics.median(values) if values else None

    out: dict[str, float | int | None] = {
        "en_n": len(en),
        "non_en_n": len(other),
        "en_ms_per_1000_chars": per_k(en),
        "non_en_ms_per_1000_chars": per_k(other),
        "same_length_ratio": None,
        "en_fixed_ms": None,
        "en_ms_per_1000_chars_slope": None,
    }
    if len({c for c, _ in en}) >= 2 and other:
        slope, intercept = statistics.linear_regression([float(c) for c, _ in en], [ms for _, ms in en])
        ratios = [ms / (intercept + slope * chars) for chars, ms in other if intercept + slope * chars > 0]
        out["same_length_ratio"] = statistics.median(ratios) if ratios else None
        out["en_fixed_ms"] = intercept
        out["en_ms_per_1000_chars_slope"] = slope * 1000.0
    return out


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
    restricted: bool = True,
    only_ids: Sequence[str] | None = None,
) -> EvalReport:
    """Score the pipeline (and, with ``peers``, spaCy small and trafilatura) on ``corpus_dir``.

    ``repeat`` runs each timed call that many times and keeps the fastest (scores do not change).
    ``speed_sample=False`` runs the text systems on the annotated articles only (the scores are the
    same; the speed rows then rest on those few texts): the quality gate uses it to stay fast.
    ``restricted=False`` ignores an uncommitted multilingual/texts.restricted.json; ``only_ids`` scores
    only those gold articles (the quality gate's floors of 2026-12-07 are pinned on the 14 of that day).
    """
    from article_pipeline.models import Source
    from article_pipeline.pipeline.process import process_article

    say = log or (lambda _msg: None)
    corpus = load_corpus(corpus_dir, restricted=restricted, only_ids=only_ids)
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
        multi_sample = _multilingual_sample(corpus)
        multi_keys = {key for _, _, key in multi_sample}
        if nlp is not None:
            # spaCy sm is English: it is not run on the multilingual texts (None, not timed below)
            calls.append(
                lambda key, data: None if key in multi_keys else nlp(data.decode("utf-8", errors="replace"))
            )
        say(
            f"{'pipeline and spaCy, interleaved' if nlp is not None else 'pipeline'}: {len(sample)} texts"
            f" + {len(multi_sample)} non-English texts (pipeline only) in between"
        )
        # The non-English texts are spread among the others so that both see the same machine.
        runs = _time_interleaved(_spread(sample, multi_sample), calls, repeat)
        multi_ids = {doc_id for doc_id, _, _ in multi_sample}
        pipe_run, multi_run = _split_run(runs[0], multi_ids)
        spacy_run = _split_run(runs[1], multi_ids)[0] if len(runs) > 1 else _TextRun()
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
        " (the non-English texts of multilingual/ are run by the pipeline alone, spread among the others)"
    )

    outputs = {**pipe_run.outputs, **multi_run.outputs}
    everything = corpus.gold
    pipe_preds = {a.id: _pipeline_predictions(outputs[a.id]) for a in everything}
    pipe_all = score_predictions(everything, pipe_preds, full=True)
    spacy_all = None
    if spacy_run.outputs:
        spacy_preds = {
            a.id: _peer_predictions(spacy_entities(spacy_run.outputs[a.id]))
            for a in everything
            if a.id in spacy_run.outputs
        }
        spacy_all = score_predictions(everything, spacy_preds, full=False)
    # The rows of before (and the quality gate's floors on them) are over dev_gold.json, all languages.
    gold = tuple(a for a in everything if a.collection == "dev")
    dev_ids = [a.id for a in gold]
    pipe = pipe_all.subset(dev_ids)
    spacy_scored = spacy_all.subset(dev_ids) if spacy_all else None
    singles = _single_figures(gold, pipe_preds)
    members = group_members(everything)
    groups = group_figures(members, pipe_all, spacy_all)
    cost = _language_cost(everything, pipe_run, multi_run)
    main_ours = metrics.aeb_score(main_run.ours)
    main_theirs = metrics.aeb_score(main_run.theirs) if main_run.theirs else None

    report.rows = target_rows(groups, spacy_ran=spacy_all is not None)
    report.rows += _cost_rows(cost)
    report.rows += _dev_labels(
        _rows(
            pipe=pipe,
            spacy_scored=spacy_scored,
            singles=singles,
            main_ours=main_ours,
            main_theirs=main_theirs,
            pipe_run=pipe_run,
            spacy_run=spacy_run,
            main_run=main_run,
        ),
        len(gold),
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
            "rejected": [a.id for a in everything if pipe_preds[a.id].status != "processed"],
            "crashes": crashes,
            "decode_crashes": main_run.crashes,
            "first_call_ms": pipe_run.first_call_ms,
        }
    )
    if spacy_scored:
        figures["spacy_sm"] = _system_figures(spacy_scored, ("people", "organizations", "places", "money"))
    figures["groups"] = groups
    figures["per_doc"] = {  # every metric of every gold article (dev and multilingual), with what was missed
        "pipeline": pipe_all.details,
        "spacy_sm": spacy_all.details if spacy_all else None,
        "articles": {
            a.id: {"language": a.language, "split": a.split, "collection": a.collection, "chars": len(a.text)}
            for a in everything
        },
    }
    figures["corpus"] = {
        "gold_articles": len(everything),
        "dev_gold": len(gold),
        "multilingual_gold": len(everything) - len(gold),
        "multilingual_missing_texts": list(corpus.missing_texts),
        "multilingual_restricted_texts": list(corpus.restricted_texts),
        "splits": {name: len(ids) for name, ids in members.items()},
    }
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
            "multilingual_pipeline_ms": multi_run.ms,
        },
        "by_language": cost,
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
    no_tone = [a.id for a in everything if a.tone is not None and not pipe_preds[a.id].has_tone]
    if no_tone:
        report.notes.append(
            f"tone: the record has no `tone` field for {len(no_tone)} of "
            f"{sum(a.tone is not None for a in everything)} annotated article(s); counted as wrong"
        )
    if corpus.missing_texts:
        report.notes.append(
            f"multilingual: {len(corpus.missing_texts)} gold article(s) not scored, their text is not in the "
            "corpus (source license; put them in multilingual/texts.restricted.json, uncommitted): "
            + ", ".join(corpus.missing_texts)
        )
    if corpus.restricted_texts:
        report.notes.append(
            f"multilingual: {len(corpus.restricted_texts)} text(s) read from the uncommitted "
            "texts.restricted.json (figures differ from a clean checkout's)"
        )
    rejected = figures["pipeline"]["rejected"]
    if rejected:
        report.notes.append(f"the pipeline rejected {len(rejected)} gold article(s): {', '.join(rejected)}")
    return report


def _language_cost(
    gold: Sequence[GoldArticle], dev_run: _TextRun, multi_run: _TextRun
) -> dict[str, float | int | None]:
    """ms per 1000 characters, English against the ten supported non-English languages (gold language)."""
    ms = {**dev_run.ms, **multi_run.ms}
    en: list[tuple[int, float]] = []
    other: list[tuple[int, float]] = []
    for article in gold:
        if article.id not in ms:
            continue
        point = (len(article.text), ms[article.id])
        if article.language == "en":
            en.append(point)
        elif article.language in SUPPORTED_NON_EN:
            other.append(point)
    return cost_per_length(en, other)


def _cost_rows(cost: dict[str, float | int | None]) -> list[Row]:
    ratio = cost["same_length_ratio"]
    return [
        Row(
            "en_ms_per_1000_chars",
            f"ms per 1000 characters, English (median, n={cost['en_n']})",
            cost["en_ms_per_1000_chars"],
            unit="ms",
        ),
        Row(
            "non_en_ms_per_1000_chars",
            f"ms per 1000 characters, non-en (10) (median, n={cost['non_en_n']})",
            cost["non_en_ms_per_1000_chars"],
            unit="ms",
        ),
        Row(
            "non_en_cost_ratio",
            "#15 non-en time / English at the same length (median)",
            None if ratio is None else float(ratio),
            target=f"<= {NON_EN_COST_TARGET:.0f}x",
            passed=None if ratio is None else float(ratio) <= NON_EN_COST_TARGET,
            unit="ratio",
        ),
    ]


_DEV_FACT_KEYS = frozenset(
    {
        *(f"{k}_f1{m}" for k in ENTITY_KINDS for m in ("", "_macro")),
        "money_f1",
        "topics_f1",
        "dateline_accuracy",
        "dateline_none_accuracy",
        "language_accuracy",
        "dates_f1",
        "quotes_f1",
        "published_date_accuracy",
        "boilerplate_removed",
    }
)


def _dev_labels(rows: list[Row], n: int) -> list[Row]:
    """The rows of before are over dev_gold.json (every language in it): their labels say so."""
    return [
        dataclasses.replace(r, label=f"dev gold (n={n}): {r.label}") if r.key in _DEV_FACT_KEYS else r
        for r in rows
    ]


def _single_figures(gold: Sequence[GoldArticle], preds: dict[str, Predictions]) -> dict[str, float | None]:
    """Accuracies of the one-value fields (None where no gold article annotates the field)."""
    dateline = [metrics.same_dateline(preds[a.id].dateline, a.dateline) for a in gold if a.dateline]
    dateline_none = [not (preds[a.id].dateline or "").strip() for a in gold if not a.dateline]
    language = [(preds[a.id].language or "") == a.language for a in gold if a.language]
    # Seeds only, as when the floors were pinned (every entry annotates it now: see the groups' pub date).
    published = [
        preds[a.id].published_date == a.published_date
        for a in gold
        if a.has_published_date and a.kind == "seed"
    ]
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
        nargs="?",
        const="tune",
        default=None,
        choices=("tune", "heldout", "all"),
        help="also print, per gold article of the split (default tune), what the pipeline missed and added",
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


DETAIL_METRICS = (
    "people",
    "organizations",
    "places",
    "money",
    "topics",
    "countries",
    "keywords",
    "quote_speakers",
    "roles",
    "tone",
    "published_date",
    "dateline",
    "language",
    "dates",
    "quotes",
)


def _print_details(report: EvalReport, split: str = "tune") -> None:
    """Per gold article of ``split`` (tune, heldout or all), what the pipeline missed and added. Tune is
    the default: rules are written looking at the tune split only (docs/evaluation.md)."""
    per_doc = report.figures.get("per_doc", {})
    articles: dict[str, Any] = per_doc.get("articles", {})
    pipeline: dict[str, list[dict[str, Any]]] = per_doc.get("pipeline", {})
    print(
        f"details of the {split} split"
        + (" (--details heldout or all for the others)" if split == "tune" else "")
    )
    for name in DETAIL_METRICS:
        for doc in pipeline.get(name, []):
            info = articles.get(doc["id"], {})
            if split != "all" and info.get("split") != split:
                continue
            wrong = doc.get("fp") or doc.get("fn") if "fp" in doc else doc.get("hits") != doc.get("total")
            if not wrong:
                continue
            extra = {
                k: v
                for k, v in doc.items()
                if k in {"missed", "spurious", "predicted", "gold", "record_has_tone"}
            }
            counts = (
                f"tp={doc['tp']:.0f} fp={doc['fp']:.0f} fn={doc['fn']:.0f}"
                if "fp" in doc
                else f"{doc['hits']}/{doc['total']}"
            )
            print(f"[{name}] {info.get('language', '?')} {doc['id'][:24]} {counts} {extra}")


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
    if args.details is not None:
        print()
        _print_details(report, args.details)
    if args.json:
        report.write_json(args.json)
        print(f"figures written to {args.json}")
    if args.check and report.missed_targets:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
