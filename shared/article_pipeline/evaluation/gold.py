"""Load the gold annotations (tests/corpus/gold) and the texts and pages they refer to.

Layout of a corpus directory (see tests/corpus/README.md):

- ``gold/dev_gold.json``      list of annotated articles (format: ``gold/GUIDELINES.md``);
- ``seeds/<id>``              the seed articles, plain text as uploaded; their gold ``id`` is the file name;
- ``aeb/ground-truth.json``   ``{id: {"articleBody": ..., "url": ...}}`` of the extraction benchmark;
- ``aeb/html/<id>.html.gz``   the benchmark's pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOLD_FILE = Path("gold") / "dev_gold.json"
AEB_TRUTH_FILE = Path("aeb") / "ground-truth.json"
AEB_HTML_DIR = Path("aeb") / "html"
SEEDS_DIR = Path("seeds")


class CorpusError(ValueError):
    """The corpus directory is missing a file or a gold entry is malformed."""


@dataclass(frozen=True)
class GoldEntity:
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form that counts as this entity: the name first, then the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class GoldMoney:
    amount: float
    currency: str


@dataclass(frozen=True)
class GoldDate:
    text: str
    date: str


@dataclass(frozen=True)
class GoldQuote:
    speaker: str | None
    text: str


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article and the exact bytes the pipeline is given for it."""

    id: str
    kind: str  # "seed" (a seed file) or "aeb" (a benchmark articleBody)
    data: bytes  # what process_article receives: the seed file bytes or the articleBody as UTF-8
    language: str | None
    dateline: str | None
    topics: tuple[str, ...]
    people: tuple[GoldEntity, ...]
    organizations: tuple[GoldEntity, ...]
    places: tuple[GoldEntity, ...]
    money: tuple[GoldMoney, ...]
    # Fields only some entries annotate: None means "not annotated", not "none in the text".
    published_date: str | None = None
    has_published_date: bool = False
    dates: tuple[GoldDate, ...] | None = None
    quotes: tuple[GoldQuote, ...] | None = None
    boilerplate: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class AebPage:
    """One page of the article-extraction benchmark: its gzip bytes and the gold main text."""

    id: str
    gz_path: Path
    article_body: str
    url: str | None = None


@dataclass(frozen=True)
class Corpus:
    root: Path
    gold: tuple[GoldArticle, ...]
    aeb_pages: tuple[AebPage, ...]
    # Every benchmark articleBody (not only the annotated ones): the speed sample.
    aeb_texts: dict[str, str] = field(default_factory=dict)


def _read_json(path: Path) -> Any:  # JSON is untyped until validated below
    if not path.is_file():
        raise CorpusError(f"{path} is missing; is this a corpus directory (tests/corpus)?")
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _str_list(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CorpusError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _entities(raw: object, where: str) -> tuple[GoldEntity, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CorpusError(f"{where}: expected a list of entities")
    out: list[GoldEntity] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise CorpusError(f"{where}[{i}]: an entity needs a string 'name'")
        out.append(
            GoldEntity(
                name=item["name"],
                aliases=_str_list(item.get("aliases"), f"{where}[{i}].aliases"),
                roles=_str_list(item.get("roles"), f"{where}[{i}].roles"),
            )
        )
    return tuple(out)


def _money(raw: object, where: str) -> tuple[GoldMoney, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CorpusError(f"{where}: expected a list")
    out: list[GoldMoney] = []
    for i, item in enumerate(raw):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("amount"), int | float)
            or not isinstance(item.get("currency"), str)
        ):
            raise CorpusError(f"{where}[{i}]: money needs a numeric 'amount' and a string 'currency'")
        out.append(GoldMoney(amount=float(item["amount"]), currency=item["currency"]))
    return tuple(out)


def _dates(raw: object, where: str) -> tuple[GoldDate, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise CorpusError(f"{where}: expected a list")
    return tuple(GoldDate(text=str(d["text"]), date=str(d["date"])) for d in raw)


def _quotes(raw: object, where: str) -> tuple[GoldQuote, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise CorpusError(f"{where}: expected a list")
    return tuple(GoldQuote(speaker=q.get("speaker"), text=str(q["text"])) for q in raw)


def load_aeb_truth(root: Path) -> dict[str, dict[str, Any]]:
    truth = _read_json(root / AEB_TRUTH_FILE)
    if not isinstance(truth, dict):
        raise CorpusError(f"{root / AEB_TRUTH_FILE}: expected an object keyed by page id")
    return truth


def load_gold(root: Path, truth: dict[str, dict[str, Any]] | None = None) -> tuple[GoldArticle, ...]:
    """The annotated articles, each with the bytes the pipeline is run on."""
    entries = _read_json(root / GOLD_FILE)
    if not isinstance(entries, list):
        raise CorpusError(f"{root / GOLD_FILE}: expected a JSON list")
    truth = load_aeb_truth(root) if truth is None else truth
    articles: list[GoldArticle] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise CorpusError(f"{root / GOLD_FILE}: every entry needs a string 'id'")
        gid: str = entry["id"]
        seed_path = root / SEEDS_DIR / gid
        if seed_path.is_file():
            kind, data = "seed", seed_path.read_bytes()
        elif gid in truth:
            kind, data = "aeb", str(truth[gid].get("articleBody") or "").encode("utf-8")
        else:
            raise CorpusError(
                f"gold id {gid!r} is neither a file in seeds/ nor a page of aeb/ground-truth.json"
            )
        where = f"gold[{gid}]"
        boilerplate = entry.get("boilerplate")
        articles.append(
            GoldArticle(
                id=gid,
                kind=kind,
                data=data,
                language=entry.get("language"),
                dateline=entry.get("dateline"),
                topics=_str_list(entry.get("topics"), f"{where}.topics"),
                people=_entities(entry.get("people"), f"{where}.people"),
                organizations=_entities(entry.get("organizations"), f"{where}.organizations"),
                places=_entities(entry.get("places"), f"{where}.places"),
                money=_money(entry.get("money"), f"{where}.money"),
                published_date=entry.get("published_date"),
                has_published_date="published_date" in entry,
                dates=_dates(entry.get("dates"), f"{where}.dates"),
                quotes=_quotes(entry.get("quotes"), f"{where}.quotes"),
                boilerplate=None if boilerplate is None else _str_list(boilerplate, f"{where}.boilerplate"),
            )
        )
    return tuple(articles)


def load_aeb_pages(root: Path, truth: dict[str, dict[str, Any]] | None = None) -> tuple[AebPage, ...]:
    """Every benchmark page that has both an HTML file and a ground-truth entry, sorted by id."""
    truth = load_aeb_truth(root) if truth is None else truth
    html_dir = root / AEB_HTML_DIR
    if not html_dir.is_dir():
        raise CorpusError(f"{html_dir} is missing")
    pages: list[AebPage] = []
    missing: list[str] = []
    for page_id in sorted(truth):
        gz_path = html_dir / f"{page_id}.html.gz"
        if not gz_path.is_file():
            missing.append(page_id)
            continue
        item = truth[page_id]
        pages.append(
            AebPage(
                id=page_id,
                gz_path=gz_path,
                article_body=str(item.get("articleBody") or ""),
                url=item.get("url"),
            )
        )
    if missing:
        raise CorpusError(f"{len(missing)} ground-truth pages have no HTML file, e.g. {missing[0]}")
    return tuple(pages)


def load_corpus(root: Path) -> Corpus:
    truth = load_aeb_truth(root)
    return Corpus(
        root=root,
        gold=load_gold(root, truth),
        aeb_pages=load_aeb_pages(root, truth),
        aeb_texts={k: str(v.get("articleBody") or "") for k, v in sorted(truth.items())},
    )
