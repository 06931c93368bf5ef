"""`article-pipeline bench`: speed, scaling, cold start, memory, package size, cost and the local flow.

Figures come from this command, not from tests. The machine is shared and noisy: read medians and ratios.
"""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path
from typing import Any

from article_pipeline.bench import measure
from article_pipeline.bench.corpus import build_corpus
from article_pipeline.bench.cost import CostInputs, per_million
from article_pipeline.local.repo import repo_root

# Up to 480 KiB: texts over 500,000 characters are rejected as too_large by design (Limits.max_text_chars).
SIZES = [1024, 4096, 16384, 65536, 262144, 491520, 1048576]
# The seed article a cold start processes (relative to the repository root).
COLD_ARTICLE = Path("events") / "articles" / "kazakhstan-eu-visa-talks.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="article-pipeline bench", description=__doc__)
    parser.add_argument("--out", default="docs/bench", help="folder for results.json and scaling.png")
    parser.add_argument(
        "--quick", action="store_true", help="small counts: checks the command, not the figures"
    )
    parser.add_argument("--no-peers", action="store_true", help="skip trafilatura and spaCy")
    parser.add_argument(
        "--cold-start",
        action="store_true",
        help="only the package sizes and the cold start (--runs fresh processes); writes nothing",
    )
    parser.add_argument(
        "--runs", type=int, default=None, help="fresh processes for the cold start (default 5)"
    )
    args = parser.parse_args(argv)

    root = repo_root()
    if args.cold_start:
        return _cold_only(root, runs=args.runs or 5)
    corpus_dir = root / "tests" / "corpus"
    items = build_corpus(corpus_dir, variants=10 if args.quick else 120)
    if args.quick:
        items = items[:6] + items[-10:]
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
            "cores": _cores(),
        },
        "articles": len(items),
    }
    print(
        f"Benchmark corpus: {len(items)} articles "
        f"({sum(i.kind == 'html' for i in items)} HTML pages, {sum(i.kind == 'text' for i in items)} texts)"
    )

    try:  # first: a missing build step fails the bench before the long measurements
        results["package"] = measure.package_size(root)
    except measure.BuildMissingError as error:
        raise SystemExit(f"bench: FAILED: {error}") from None
    _print_package(results["package"])

    results["per_article"] = measure.per_article(items, peers=not args.no_peers)
    _print_per_article(results["per_article"])

    sizes = SIZES[:3] if args.quick else SIZES
    results["scaling"] = measure.scaling_by_size(corpus_dir, sizes)
    _print_rows(
        "Scaling by article size (over_limit: measured with the 500,000-character limit raised)",
        results["scaling"],
        ["bytes", "median_ms", "us_per_kb", "peak_mib", "over_limit"],
    )

    try:
        results["cold_start"] = measure.cold_start(
            root, root / COLD_ARTICLE, runs=args.runs or (2 if args.quick else 5)
        )
    except measure.BuildMissingError as error:
        raise SystemExit(f"bench: FAILED: {error}") from None
    _print_cold(results["cold_start"])

    results["memory"] = measure.memory(root, corpus_dir, count=60 if args.quick else 1000)
    _print_memory(results["memory"])

    e2e_items = [i for i in items if i.kind == "text"][: 20 if args.quick else 200]
    results["end_to_end"] = measure.end_to_end(
        root, e2e_items, batch_sizes=(1, 10) if args.quick else (1, 2, 5, 10)
    )
    _print_rows(
        "End to end on the embedded emulator (S3 -> SQS -> handler -> DynamoDB -> stream)",
        results["end_to_end"],
        [
            "batch_size",
            "articles",
            "invocations",
            "stream_events",
            "articles_per_second",
            "pipeline_ms_per_article",
            "emulator_and_io_ms_per_article",
        ],
    )

    sizes_measured = measure.item_sizes(items)
    cost = per_million(
        CostInputs(
            pipeline_ms=results["per_article"]["all"]["pipeline"]["median_ms"],
            memory_mb=512,
            batch_size=10,
            item_bytes=sizes_measured["item_bytes"],
            body_bytes=sizes_measured["body_bytes"],
            chars=sizes_measured["chars"],
        )
    )
    cost["measured_sizes"] = sizes_measured
    results["cost_per_million"] = cost
    _print_cost(cost)

    out = root / args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    plotted = _plot(results, out / "scaling.png")
    print(
        f"\nWrote {out / 'results.json'}"
        + (f" and {out / 'scaling.png'}" if plotted else " (no matplotlib: no plot)")
    )
    return 0


def _cold_only(root: Path, *, runs: int) -> int:
    """The quick loop for cold-start work: the same measurements as the full bench, nothing else."""
    try:
        _print_package(measure.package_size(root))
        _print_cold(measure.cold_start(root, root / COLD_ARTICLE, runs=runs))
    except measure.BuildMissingError as error:
        raise SystemExit(f"bench: FAILED: {error}") from None
    return 0


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _print_per_article(table: dict[str, Any]) -> None:
    print("\nPer article, warm, one process (ms)")
    print(f"{'input':6} {'contender':20} {'n':>5} {'median':>9} {'p95':>9} {'slower than pipeline':>22}")
    for kind in ("html", "text", "all"):
        for name, row in table.get(kind, {}).items():
            ratio = row.get("ratio_vs_pipeline")
            print(
                f"{kind:6} {name:20} {row['n']:>5} {row['median_ms']:>9.2f} {row['p95_ms']:>9.2f} "
                f"{(f'{ratio:.1f}x' if ratio else '-'):>22}"
            )


def _print_rows(title: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    print(f"\n{title}")
    print("  ".join(f"{c:>14}" for c in columns))
    for row in rows:
        print(
            "  ".join(
                f"{'yes' if row[c] else 'no':>14}"
                if isinstance(row[c], bool)
                else f"{row[c]:>14.2f}"
                if isinstance(row[c], float)
                else f"{row[c]:>14}"
                for c in columns
            )
        )


def _print_cold(cold: dict[str, Any]) -> None:
    print(f"\nCold start ({cold['origin']}), median of {cold['runs']} fresh processes, tracing on")
    print(f"  import ingest_handler        {cold['handler_import_ms']:8.1f} ms")
    print(f"  clients (ingestor())         {cold['clients_ms']:8.1f} ms")
    print(f"  first article                {cold['first_article_ms']:8.1f} ms")
    print(f"  total                        {cold['total_ms']:8.1f} ms   (target <= 450 ms)")
    for lang, ms in cold.get("first_in_language_ms", {}).items():
        print(f"  then a first {lang} article      {ms:8.1f} ms   (its pack and lemma dictionary)")
    print(f"  boto3 + Powertools alone     {cold['boto3_powertools_import_ms']:8.1f} ms")
    print(
        "  -X importtime by package (self ms): "
        + ", ".join(f"{m['module']} {m['self_ms']:.0f}" for m in cold["top_imports"][:12])
    )


def _print_memory(memory: dict[str, Any]) -> None:
    print("\n" + "\n".join(measure.memory_report(memory)))


def _print_package(package: dict[str, Any]) -> None:
    print("\nPackage size, sam build as `make build` leaves it (limit: 250 MiB unzipped function + layers)")
    for name in ("IngestFunction", "IndexFunction", "SharedLayer"):
        row = package[name]
        print(
            f"  {name:15} {row['unzipped_mib']:7.2f} MiB unzipped {row['zipped_mib']:7.2f} MiB zipped "
            f"({row['files']} files)"
        )
    print(f"  {'total':15} {package['total_unzipped_mib']:7.2f} MiB unzipped   (target <= 60)")


def _print_cost(cost: dict[str, Any]) -> None:
    print(
        f"\nCost per million articles (arm64 Lambda 512 MB, batch 10; item {cost['measured_sizes']['item_bytes']:.0f} B "
        f"-> {cost['write_units_per_article']} WRU/article incl. fingerprints)"
    )
    for line, usd in cost["lines_usd"].items():
        print(f"  {line:45} ${usd:10.2f}")
    print(f"  {'total':45} ${cost['total_usd']:10.2f}")
    print(
        f"  {'Amazon Comprehend (entities+key phrases+language)':45} ${cost['comprehend_usd']:10.2f}"
        f"   ({cost['comprehend_ratio']:.0f}x the pipeline)"
    )


def _plot(results: dict[str, Any], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    scaling = results["scaling"]
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(15, 4))
    kib = [r["bytes"] / 1024 for r in scaling]
    left.loglog(kib, [r["median_ms"] for r in scaling], "o-", label="time (ms)")
    left.loglog(kib, [r["peak_mib"] for r in scaling], "s--", label="peak Python memory (MiB)")
    ideal = [scaling[0]["median_ms"] * k / kib[0] for k in kib]
    left.loglog(kib, ideal, ":", color="grey", label="linear from 1 KiB")
    left.set_xlabel("article size (KiB; past 488 KiB only with the text limit raised)")
    left.set_title("Scaling with article size")
    left.legend()
    flow = results.get("end_to_end") or []
    batches = [r["batch_size"] for r in flow]
    middle.plot(batches, [1000 / r["articles_per_second"] for r in flow], "o-", label="total ms/article")
    middle.plot(
        batches, [r["emulator_and_io_ms_per_article"] for r in flow], "s--", label="of which emulator + I/O"
    )
    middle.set_xlabel("SQS batch size (articles per invocation)")
    middle.set_ylabel("ms per article")
    middle.set_ylim(bottom=0)
    middle.set_title("Scaling with batch size (local flow)")
    middle.legend()
    per = results["per_article"]["all"]
    names = list(per)
    right.bar(names, [per[n]["median_ms"] for n in names], color=["#2a7", "#79c", "#c75"][: len(names)])
    right.set_ylabel("median ms per article")
    right.set_title("Per article (same texts, same run)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True
