"""Countries the article is about (ISO 3166-1 alpha-2).

Evidence, weighted per mention:

- a country's name or short form in the text ("Kazakhstan", "U.S.", "Britain"): 1.0;
- a demonym or adjective ("Kazakh", "Chinese"): 0.5 (weaker: "Chinese goods" in a US story);
- every other place the entity stage found (cities, regions, facilities) with a country code: 0.5 per
  mention (a place without a code is looked up with the gazetteer's ``country_code`` when that
  module exists);
- a national institution or a large company based there ("the Kremlin", "Downing Street", "Volkswagen",
  "Alibaba"; ``data/geo_institutions.tsv``, ~200 names): 0.5 per mention, since the gold annotates the
  countries "whose governments/companies act" (added 2026-12-07: countries F1 tune 0.824 -> 0.851,
  heldout 0.838 -> 0.857).

"EU", "European", "Asia" are not countries and never count. Names that are also common words or given
names (Chad, Jordan, Mali, Niger, Togo) count only when neither neighbouring word is capitalised
("Michael Jordan" is a person); "Georgia" is not the country when the text has US-state signals
(Atlanta, "Ga.", "Georgia Gov."). The table is ``data/geo_countries.tsv``.

Words written in capitals only in the text's first 300 characters (datelines, headlines: "BAAR,
SWITZERLAND") are read as names; words of up to three capitals stay acronyms ("US", "UAE").

A country is reported when its score is at least ``MIN_SCORE`` (0.5: one place mention is evidence
enough when nothing else is) and at least ``RELATIVE`` (0.35) times the top score, most salient first, at
most ``MAX_COUNTRIES`` (3; the gold annotates the 1-4 countries an article is mainly about, and the
fourth is rarely central). The three values were chosen on the English dev gold's tune split.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from itertools import compress

from article_pipeline.models import Place
from article_pipeline.pipeline.document import Document

NAME_WEIGHT = 1.0
DEMONYM_WEIGHT = 0.5
PLACE_WEIGHT = 0.5
INSTITUTION_WEIGHT = 0.5  # "the Kremlin", "Volkswagen": the country acts (data/geo_institutions.tsv)
MIN_SCORE = 0.5  # one place mention: an article with so little evidence is still about it
RELATIVE = 0.35
MAX_COUNTRIES = 3

_Entry = tuple[str, float, bool]  # (code, weight, ambiguous)


@cache
def _table() -> dict[str, _Entry]:
    text = resources.files("article_pipeline").joinpath("data/geo_countries.tsv").read_text(encoding="utf-8")
    table: dict[str, _Entry] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [*line.split("\t"), "", ""]
        code, names, demonyms = fields[0].strip(), fields[1], fields[2]
        for name in filter(None, (n.strip() for n in names.split("|"))):
            ambiguous = name.startswith("*")
            table[name.lstrip("*")] = (code, NAME_WEIGHT, ambiguous)
        for demonym in filter(None, (d.strip() for d in demonyms.split("|"))):
            table.setdefault(demonym, (code, DEMONYM_WEIGHT, False))
    for name, code in _institutions().items():
        table.setdefault(name, (code, INSTITUTION_WEIGHT, False))
    return table


@cache
def _institutions() -> dict[str, str]:
    """Name -> ISO code of the national institutions and companies of ``data/geo_institutions.tsv``."""
    text = (
        resources.files("article_pipeline").joinpath("data/geo_institutions.tsv").read_text(encoding="utf-8")
    )
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, names = line.partition("\t")
        for name in filter(None, (n.strip() for n in names.split("|"))):
            out.setdefault(name, code.strip())
    return out


@cache
def _lengths_by_first_word() -> dict[str, tuple[int, ...]]:
    """First word of every table name -> the word counts of the names it starts, longest first."""
    lengths: dict[str, set[int]] = {}
    for name in _table():
        words = name.split()
        lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(counts, reverse=True)) for word, counts in lengths.items()}


# Words as names write them: letters first, then letters, digits, dots, hyphens, apostrophes
# ("U.S.", "Guinea-Bissau", "d'Ivoire"); a trailing full stop is dropped unless the word is dotted.
_TOKEN = re.compile(r"[^\W\d_][\w.'\u2019\-]*")


_DOTTED = re.compile(r"(?:[A-Za-z]\.)+")
_TRIMMED_ENDINGS = ("'s", "\u2019s", ".", "-", "'", "\u2019")


def _trimmed(match: re.Match[str]) -> tuple[str, int, int]:
    """(word, start, end) of a token with a possessive and trailing punctuation removed."""
    word, end = match.group(), match.end()
    if word.endswith(("'s", "\u2019s")):
        word, end = word[:-2], end - 2  # "Kazakhstan's"
    while word.endswith((".", "-", "'", "\u2019")) and not _DOTTED.fullmatch(word):
        word, end = word[:-1], end - 1
    return word, match.start(), end  # never empty: a token starts with a letter, which is kept


def _names_in(text: str) -> list[tuple[str, int, int]]:
    """Table names in the text by greedy longest match over words separated by single spaces.

    Names start with a capital letter: only those tokens, and the few words of the windows after them,
    are trimmed and looked up (most words of a text are never touched in Python).
    """
    table = _table()
    starts = _lengths_by_first_word()
    matches = list(_TOKEN.finditer(text))
    n_tokens = len(matches)
    capitalised = compress(
        range(n_tokens), map(str.isupper, map(text.__getitem__, map(re.Match.start, matches)))
    )
    trimmed: dict[int, tuple[str, int, int]] = {}

    def token(k: int) -> tuple[str, int, int]:
        found = trimmed.get(k)
        if found is None:
            found = trimmed[k] = _trimmed(matches[k])
        return found

    found: list[tuple[str, int, int]] = []
    resume = 0
    for i in capitalised:
        if i < resume:
            continue  # inside a name matched before
        raw = matches[i].group()
        word = token(i)[0] if raw.endswith(_TRIMMED_ENDINGS) else raw
        if word not in starts and "-" not in word:
            continue  # starts no name: nothing below could match
        start = matches[i].start()
        if i > 0:
            before, _, before_end = token(i - 1)
            if before == "New" and before_end == start - 1:
                continue
        matched = 0
        for n in starts.get(word, ()):
            if i + n > n_tokens:
                continue
            window = [token(k) for k in range(i, i + n)]
            if any(window[k + 1][1] - window[k][2] != 1 for k in range(n - 1)):
                continue  # names are written with single spaces between their words
            name = " ".join(w for w, _, _ in window)
            if name in table:
                found.append((name, start, window[-1][2]))
                matched = n
                break
        if not matched and "-" in word:
            # "US-based", "US-China talks": the parts of a hyphenated word can be names.
            offset = start
            for part in word.split("-"):
                if part in table and len(part) > 1:
                    found.append((part, offset, offset + len(part)))
                offset += len(part) + 1
        resume = i + (matched or 1)
    return found


def country_names() -> dict[str, str]:
    """Surface form -> ISO code for every name and demonym in the table."""
    return {name: entry[0] for name, entry in _table().items()}


_CAPITALISED = re.compile(r"[A-Z][a-z]")
_SHOUTED_HEAD = 300  # characters: the dateline and a headline the text may open with
_SHOUTED = re.compile(r"(?<![\w.])[A-Z]{4,}(?![\w.])")


def _isolated(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start].split()
    after = text[end : end + 30].split()
    prev_word = before[-1] if before else ""
    next_word = after[0] if after else ""
    return not (_CAPITALISED.match(prev_word) and not prev_word.endswith((".", ",", ":", ";"))) and not (
        _CAPITALISED.match(next_word) and text[end : end + 1] not in ",.;:"
    )


# "Georgia" is also a US state: with these signals in the text it is not the country.
_US_GEORGIA = re.compile(
    r"Atlanta|Savannah|Augusta, Ga|\bGa\.|Georgia (?:Gov|Sen|Rep|Republican|Democrat|state|lawmakers|voters|"
    r"Tech|Bulldogs)|state of Georgia|Georgia's (?:governor|legislature|secretary of state)|\bR-Ga\b|\bD-Ga\b"
)


def _gazetteer_lookup() -> Callable[[str], str | None] | None:
    """The entity stage's ``gazetteer.country_code`` when that module exists, else None."""
    try:
        module = importlib.import_module("article_pipeline.pipeline.gazetteer")
    except ImportError:
        return None
    lookup = getattr(module, "country_code", None)
    return lookup if callable(lookup) else None


def country_scores(places: list[Place], text: str) -> dict[str, float]:
    """Evidence score per ISO code (see the module docstring)."""
    table = _table()
    scores: dict[str, float] = {}
    us_georgia = "Georgia" in (text or "") and _US_GEORGIA.search(text) is not None
    # Capitals-only words as datelines and headlines write them ("BAAR, SWITZERLAND —"), in the text's
    # opening: as names (same length, so offsets hold); short ones stay, they are acronyms ("US", "UAE").
    text = text or ""
    head = _SHOUTED.sub(lambda m: m.group().capitalize(), text[:_SHOUTED_HEAD])
    text = head + text[_SHOUTED_HEAD:]
    for name, start, end in _names_in(text):
        code, weight, ambiguous = table[name]
        if ambiguous and not _isolated(text, start, end):
            continue
        if code == "GE" and us_georgia:
            continue
        scores[code] = scores.get(code, 0.0) + weight
    lookup: Callable[[str], str | None] | None = None
    looked_up = False
    for place in places:
        if place.name in table or any(alias in table for alias in place.aliases):
            continue  # a country named in the text: already counted above
        place_code = place.country
        if place_code is None:
            if not looked_up:
                lookup, looked_up = _gazetteer_lookup(), True
            place_code = lookup(place.name) if lookup else None
        if place_code and len(place_code) == 2 and place_code.isalpha():
            key = place_code.upper()
            scores[key] = scores.get(key, 0.0) + PLACE_WEIGHT * max(1, place.mentions)
    return scores


def countries_of(places: list[Place], article: Document | str, *, limit: int = MAX_COUNTRIES) -> list[str]:
    """ISO 3166-1 alpha-2 codes of the countries an English article (its document, or a text) is about, most
    salient first."""
    scores = country_scores(places, article.text if isinstance(article, Document) else article)
    if not scores:
        return []
    top = max(scores.values())
    floor = max(MIN_SCORE, RELATIVE * top)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [code for code, score in ranked if score >= floor][:limit]
