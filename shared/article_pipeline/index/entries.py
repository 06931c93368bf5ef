"""What the article index holds for one record: pure functions, no AWS.

Single-table design (IndexTable, keys ``pk`` and ``sk``, both strings):

    pk                          sk                          one per
    entity#<normalised name>    <day>#<article_id>          person / organization / place name or alias
    topic#<IPTC code>           <day>#<article_id>          topic
    country#<ISO alpha-2>       <day>#<article_id>          country
    story#<story_id>            <day>#<article_id>          the story the article belongs to
    article#<article_id>        meta                        the indexer's own state (see index/indexer.py)

``day`` is the published date, or the processing date when the article gives none, so a partition reads
newest-first with ``ScanIndexForward=False`` and ``--since`` is a key condition. Only processed records
are indexed: rejected and deleted records have no entries, so an update to either removes them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from article_pipeline.models import ArticleRecord

ENTITY = "entity"
TOPIC = "topic"
COUNTRY = "country"
STORY = "story"
ARTICLE = "article"
META_SK = "meta"
MAX_NAME_CHARS = 200  # keys stay far below DynamoDB's 2048-byte partition-key limit

Key = tuple[str, str]

# Latin look-alikes from Cyrillic and Greek that slip into Latin names ("Yermeк").
_CONFUSABLES = str.maketrans(
    "АВЕКМНОРСТУХавекмнорстухІіЈјЅѕԁԛԜԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοικνρτυχ",
    "ABEKMHOPCTYXabekmhopctyxIiJjSsdqWwABEZHIKMNOPTYXaoiknptux",
)
_DASHES = str.maketrans(
    {
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark
        "`": "'",
    }
)
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def normalise_name(name: str) -> str:
    """A name as an index key: look-alike letters mapped, accents and case folded, dots dropped.

    "Kaja Kallas", "KAJA KALLAS" and "Kája Kallas" give "kaja kallas"; "Yermeк" (Cyrillic к) gives "yermek";
    "U.S." gives "us". Scripts other than Latin keep their letters (case-folded).
    """
    text = unicodedata.normalize("NFKC", name).translate(_DASHES)
    # accents off before the look-alikes are mapped: Greek alpha with a breathing mark is a bare alpha
    # (a look-alike) only once decomposed, so mapping after stripping makes one pass the fixed point
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if _mostly_latin(text):
        text = text.translate(_CONFUSABLES)
    text = text.casefold().replace(".", "")
    text = _EDGE_PUNCT.sub("", _SPACES.sub(" ", text)).strip()
    return text[:MAX_NAME_CHARS]


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return bool(letters) and latin * 2 > len(letters)


def index_day(record: ArticleRecord) -> str:
    """The day an article is filed under: its published date, else the day it was processed."""
    for value in (record.published_date, record.processed_at):
        if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
            return value[:10]
    return "0000-00-00"


@dataclass(frozen=True)
class IndexEntry:
    pk: str
    sk: str
    article_id: str
    title: str | None
    date: str
    kinds: tuple[str, ...] = ()  # for entity entries: person / organization / place
    names: tuple[str, ...] = ()  # for entity entries: the names as written that gave this key
    extra: tuple[tuple[str, Any], ...] = field(default=())

    @property
    def key(self) -> Key:
        return (self.pk, self.sk)

    def item(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "pk": self.pk,
            "sk": self.sk,
            "article_id": self.article_id,
            "date": self.date,
        }
        if self.title:
            item["title"] = self.title
        if self.kinds:
            item["kinds"] = list(self.kinds)
        if self.names:
            item["names"] = list(self.names)
        item.update(dict(self.extra))
        return item


def sort_key(day: str, article_id: str) -> str:
    return f"{day}#{article_id}"


def entity_pk(name: str) -> str:
    return f"{ENTITY}#{normalise_name(name)}"


def topic_pk(code: str) -> str:
    return f"{TOPIC}#{code.strip()}"


def country_pk(code: str) -> str:
    return f"{COUNTRY}#{code.strip().upper()}"


def story_pk(story_id: str) -> str:
    return f"{STORY}#{story_id}"


def meta_key(article_id: str) -> Key:
    return (f"{ARTICLE}#{article_id}", META_SK)


def entries_for(record: ArticleRecord | None) -> list[IndexEntry]:
    """Every entity, topic and country entry a record yields (story membership is added by the indexer)."""
    if record is None or record.status != "processed":
        return []
    day = index_day(record)
    sk = sort_key(day, record.article_id)
    entity_kinds: dict[str, set[str]] = {}
    entity_names: dict[str, set[str]] = {}
    groups: list[tuple[str, Iterable[tuple[str, list[str]]]]] = [
        ("person", ((p.name, p.aliases) for p in record.people)),
        ("organization", ((o.name, o.aliases) for o in record.organizations)),
        ("place", ((p.name, p.aliases) for p in record.places)),
    ]
    for kind, names in groups:
        for name, aliases in names:
            for surface in (name, *aliases):
                key = normalise_name(surface)
                if not key:
                    continue
                entity_kinds.setdefault(key, set()).add(kind)
                entity_names.setdefault(key, set()).add(surface.strip())
    entries = [
        IndexEntry(
            pk=f"{ENTITY}#{key}",
            sk=sk,
            article_id=record.article_id,
            title=record.title,
            date=day,
            kinds=tuple(sorted(entity_kinds[key])),
            names=tuple(sorted(entity_names[key])),
        )
        for key in sorted(entity_kinds)
    ]
    for code in dict.fromkeys(t.code for t in record.topics if t.code.strip()):
        entries.append(IndexEntry(topic_pk(code), sk, record.article_id, record.title, day))
    for country in dict.fromkeys(c.strip().upper() for c in record.countries if c.strip()):
        entries.append(IndexEntry(country_pk(country), sk, record.article_id, record.title, day))
    return entries


def story_entry(record: ArticleRecord, story_id: str, *, score: float | None = None) -> IndexEntry:
    day = index_day(record)
    extra: tuple[tuple[str, Any], ...] = (("story_id", story_id),)
    if score is not None:
        extra += (("match_score", f"{score:.3f}"),)
    return IndexEntry(
        story_pk(story_id),
        sort_key(day, record.article_id),
        record.article_id,
        record.title,
        day,
        extra=extra,
    )


@dataclass(frozen=True)
class EntryDiff:
    put: list[IndexEntry]
    delete: list[Key]


def diff_entries(old: Iterable[Key | IndexEntry], new: Iterable[IndexEntry]) -> EntryDiff:
    """What to write so the index holds exactly ``new`` where it held ``old``.

    Every new entry is put (a put of an identical item is harmless, and it repairs a lost write); every old
    key that no new entry has is deleted, which is how an entity dropped from an article leaves the index.
    """
    desired = {entry.key: entry for entry in new}
    old_keys = {item.key if isinstance(item, IndexEntry) else (item[0], item[1]) for item in old}
    return EntryDiff(
        put=[desired[k] for k in sorted(desired)],
        delete=sorted(old_keys - desired.keys()),
    )
