"""`article-pipeline`: the command line. Sub-commands import what they need when they run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _process(args: argparse.Namespace) -> int:
    from article_pipeline.models import Source
    from article_pipeline.pipeline.process import process_article

    status = 0
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"article-pipeline: cannot read {name}: {exc.strerror}", file=sys.stderr)
            status = 1
            continue
        source = Source(bucket="local", key=str(path), size=len(data))
        record = process_article(data, source)
        print(record.model_dump_json())
    return status


def _demo(args: argparse.Namespace) -> int:
    from article_pipeline.local.demo import run_demo

    return run_demo(Path(args.dir) if args.dir else None, show_record=not args.no_record)


# Sub-commands whose module parses its own arguments: name -> (module, help).
DELEGATED = {
    "eval": ("article_pipeline.evaluation.runner", "score the pipeline and its peers on the gold corpus"),
    "query": ("article_pipeline.index.query", "query the article index by entity, topic, country or story"),
    "local-aws": (
        "article_pipeline.devtools.local_aws",
        "serve a local AWS endpoint with the stack's resources",
    ),
    "upload": ("article_pipeline.devtools.upload", "upload articles to the bucket with progress"),
    "reprocess": (
        "article_pipeline.devtools.reprocess",
        "re-enqueue existing objects for a new pipeline version",
    ),
    "status": ("article_pipeline.devtools.status", "record counts, DLQ depth and last errors"),
    "soak": (
        "article_pipeline.reliability.soak",
        "uploads, faults, redeliveries and reordering; reconciles the table",
    ),
    "bench": ("article_pipeline.bench.runner", "speed, scaling, cold start, memory, size and cost figures"),
}


def _delegate(args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(DELEGATED[args.command][0])
    return int(module.main(args.rest))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="article-pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    process = commands.add_parser(
        "process", help="run the pipeline on files, no AWS; one JSON record per line"
    )
    process.add_argument("files", nargs="+", metavar="FILE")
    process.set_defaults(run=_process)

    demo = commands.add_parser("demo", help="the whole event flow on an embedded AWS emulator (no account)")
    demo.add_argument("dir", nargs="?", help="folder of articles to upload (default: events/articles)")
    demo.add_argument("--no-record", action="store_true", help="do not print one full record at the end")
    demo.set_defaults(run=_demo)

    for name, (_, summary) in DELEGATED.items():
        delegated = commands.add_parser(name, help=summary, add_help=False)
        delegated.add_argument("rest", nargs=argparse.REMAINDER)
        delegated.set_defaults(run=_delegate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    # Delegated sub-commands parse their own options, so unknown options are theirs to judge.
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command not in DELEGATED:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command in DELEGATED:
        args.rest = [*unknown, *args.rest]
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
