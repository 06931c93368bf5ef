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


def _eval(args: argparse.Namespace) -> int:
    from article_pipeline.evaluation.runner import main as eval_main

    return int(eval_main(args.rest))


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

    evaluate = commands.add_parser(
        "eval", help="score the pipeline and its peers on the gold corpus", add_help=False
    )
    evaluate.add_argument("rest", nargs=argparse.REMAINDER)
    evaluate.set_defaults(run=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
