"""Reading the article index: by entity, topic, country or story, newest first.

Functions for code (the demo, notebooks) and ``main(argv)`` for ``article-pipeline query``::

    article-pipeline query --entity "Kaja Kallas" [--since 2025-12-01] [--table NAME]
    article-pipeline query --topic medtop:11000000
    article-pipeline query --country KZ
    article-pipeline query --story <story id or an article id of the story>

The table name comes from ``--table`` or the ``INDEX_TABLE`` variable; the endpoint from boto3's usual
settings (``AWS_ENDPOINT_URL`` for an emulator).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from article_pipeline.index.entries import country_pk, entity_pk, story_pk, topic_pk
from article_pipeline.index.table import IndexTable


@dataclass(frozen=True)
class IndexRow:
    date: str
    article_id: str
    title: str | None
    detail: str = ""  # entity kinds and names as written, or the story match score


def _rows(items: list[dict[str, Any]]) -> list[IndexRow]:
    rows = []
    for item in items:
        detail = ""
        if item.get("names"):
            detail = f"{'/'.join(item.get('kinds') or [])}: {', '.join(item['names'])}"
        elif item.get("match_score"):
            detail = f"match {item['match_score']}"
        elif str(item.get("pk", "")).startswith("story#"):
            detail = "first report"
        rows.append(IndexRow(str(item.get("date", "")), str(item["article_id"]), item.get("title"), detail))
    return rows


def by_entity(
    table: IndexTable, name: str, *, since: str | None = None, limit: int | None = None
) -> list[IndexRow]:
    return _rows(table.query(entity_pk(name), since=since, limit=limit))


def by_topic(
    table: IndexTable, code: str, *, since: str | None = None, limit: int | None = None
) -> list[IndexRow]:
    return _rows(table.query(topic_pk(code), since=since, limit=limit))


def by_country(
    table: IndexTable, code: str, *, since: str | None = None, limit: int | None = None
) -> list[IndexRow]:
    return _rows(table.query(country_pk(code), since=since, limit=limit))


def story_of(table: IndexTable, article_id: str) -> str | None:
    state = table.get_meta(article_id)
    return str(state["story_id"]) if state and state.get("story_id") else None


def by_story(
    table: IndexTable, story: str, *, since: str | None = None, limit: int | None = None
) -> list[IndexRow]:
    """Articles of a story, oldest first. ``story`` may be the story id or the id of any article in it."""
    items = table.query(story_pk(story), since=since, limit=limit, newest_first=False)
    if not items:
        resolved = story_of(table, story)
        if resolved and resolved != story:
            items = table.query(story_pk(resolved), since=since, limit=limit, newest_first=False)
    return _rows(items)


def stories(table: IndexTable, article_ids: Sequence[str]) -> dict[str, list[str]]:
    """story id -> its article ids, for the given articles (the demo's grouping summary)."""
    grouped: dict[str, list[str]] = {}
    for article_id, state in sorted(table.get_metas(article_ids).items()):
        if state.get("story_id") and state.get("status") == "indexed":
            grouped.setdefault(str(state["story_id"]), []).append(article_id)
    return grouped


def format_rows(rows: Sequence[IndexRow], *, title_width: int = 70) -> str:
    if not rows:
        return "(no articles)"
    headers = ("date", "article_id", "title", "detail")
    cells = [(r.date, r.article_id, _clip(r.title or "-", title_width), _clip(r.detail, 60)) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join([line, rule, *body, f"({len(rows)} article{'s' if len(rows) != 1 else ''})"])


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="article-pipeline query", description="Read the article index.")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--entity", metavar="NAME", help='a person, organisation or place, e.g. "Kaja Kallas"')
    what.add_argument("--topic", metavar="CODE", help="an IPTC Media Topics code, e.g. medtop:11000000")
    what.add_argument("--country", metavar="CC", help="an ISO 3166-1 alpha-2 code, e.g. KZ")
    what.add_argument("--story", metavar="ID", help="a story id, or the id of any article in the story")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only articles filed on or after this day")
    parser.add_argument("--limit", type=int, default=100, help="at most this many rows (default 100)")
    parser.add_argument(
        "--table", default=os.environ.get("INDEX_TABLE"), help="IndexTable name ($INDEX_TABLE)"
    )
    parser.add_argument("--stack", help="a deployed stack: read the IndexTable name from its outputs")
    parser.add_argument("--region", default=None, help="AWS region (default: your AWS configuration)")
    parser.add_argument(
        "--endpoint-url",
        default=os.environ.get("AWS_ENDPOINT_URL") or None,
        help="an AWS emulator such as `article-pipeline local-aws` (default: $AWS_ENDPOINT_URL)",
    )
    return parser


def _table_name(args: argparse.Namespace) -> str | None:
    """--table, else the stack's IndexTableName output."""
    if args.table or not args.stack:
        return str(args.table) if args.table else None
    from article_pipeline.devtools.common import Target, stack_outputs

    target = Target(region=args.region, endpoint_url=args.endpoint_url, stack=args.stack)
    return stack_outputs(target, args.stack).get("IndexTableName")


def run_query(table: IndexTable, args: argparse.Namespace) -> list[IndexRow]:
    if args.entity:
        return by_entity(table, args.entity, since=args.since, limit=args.limit)
    if args.topic:
        return by_topic(table, args.topic, since=args.since, limit=args.limit)
    if args.country:
        return by_country(table, args.country, since=args.since, limit=args.limit)
    return by_story(table, args.story, since=args.since, limit=args.limit)


def main(argv: Sequence[str] | None = None, *, table: IndexTable | None = None) -> int:
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    if table is None:
        name = _table_name(args)
        if not name:
            print(
                "article-pipeline query: no table: pass --table NAME, --stack NAME or set INDEX_TABLE",
                file=sys.stderr,
            )
            return 2
        import boto3

        resource = boto3.resource("dynamodb", region_name=args.region, endpoint_url=args.endpoint_url)
        table = IndexTable(resource.Table(name))
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        rows = run_query(table, args)
    except (ClientError, BotoCoreError) as exc:
        print(f"article-pipeline query: {exc}", file=sys.stderr)
        return 1
    print(format_rows(rows))
    return 0
