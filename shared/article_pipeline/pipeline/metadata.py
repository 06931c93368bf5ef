# ruff: noqa: RUF001  # typographic dashes are what the patterns match
"""Title and publication date: from page metadata where given, derived from the body otherwise.

``normalise_date`` reads the date formats that scrapers and pages give (ISO 8601, RFC 2822,
"December 2, 2025", "Dec. 2, 2025", "2 Dec 2025", unambiguous numeric dates) with a few regular
expressions: no dateparser dependency (it costs ~200 ms of cold start for formats news rarely uses).
"""

from __future__ import annotations

import re
from datetime import date

from article_pipeline.pipeline.langpack import english

_EN = english()
_MONTHS = {name[:3].lower(): number for number, name in enumerate(_EN.names("months"), 1)}
_MONTH = rf"({'|'.join(_EN.longest_first('months'))})\.?"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_SLASH_YMD = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T[\d:]+Z?)?$")
_MDY = re.compile(rf"(?<![a-z]){_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_DMY = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH},?\s+(\d{{4}})(?!\d)", re.IGNORECASE
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _valid(year: int, month: int, day: int) -> str | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: str | None) -> str | None:
    """The calendar date (YYYY-MM-DD) of a metadata date string, or None when it has none.

    The date is taken as written (no time-zone shift): "2025-12-02T23:30:00-05:00" is 2025-12-02.
    Numeric day/month orders are read only when unambiguous ("13/02/2025", not "02/03/2025").
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:200]
    for pattern in (_ISO, _SLASH_YMD, _COMPACT):
        m = pattern.search(value)
        if m:
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _MDY.search(value)
    if m:
        return _valid(int(m.group(3)), _MONTHS[m.group(1)[:3].lower()], int(m.group(2)))
    m = _DMY.search(value)
    if m:
        return _valid(int(m.group(3)), _MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
    m = _NUMERIC.search(value)
    if m:
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if first > 12 >= second:
            return _valid(year, second, first)
        if second > 12 >= first:
            return _valid(year, first, second)
    return None


_TITLE_WORDS = 14
_MAX_HEADLINE_CHARS = 150
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’')\]]*)\s+(?=[\"“‘'(]?[A-Z0-9])")
_ABBREVIATIONS = _EN.words("title_abbreviations")  # a dot after them does not end the first sentence
_DATELINE_PREFIX = re.compile(r"^[^\n—–]{1,80}?(?:\([\w&.' /-]{1,30}\))?\s*(?:[—–]|--|\s-\s|:)\s*")


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, not cut after abbreviations such as "Dec." or "U.S."."""
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rsplit(None, 1)
        word = before[-1].lower().strip('("“') if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        return text[: match.start() + 1].strip()
    return text.strip()


def derive_title(body: str, *, dateline: str | None = None) -> str | None:
    """A headline-like title: a short first line if there is one, else the opening words of the first sentence."""
    paragraphs = [p.strip() for p in body.strip().split("\n") if p.strip()]
    if not paragraphs:
        return None
    first = paragraphs[0]
    starts_with_dateline = bool(dateline) and first.startswith(dateline or "")
    headline_like = (
        len(first) <= _MAX_HEADLINE_CHARS
        and len(first.split()) <= 20
        and not first.endswith((".", ",", ";", ":"))
        and not starts_with_dateline
        and len(paragraphs) > 1
        and first[:1].isupper()
    )
    if headline_like:
        return first
    sentence = first_sentence(first)
    if starts_with_dateline:
        stripped = _DATELINE_PREFIX.sub("", sentence, count=1)
        sentence = stripped or sentence
    sentence = sentence.rstrip(" .")
    words = sentence.split()
    if not words:
        return None
    return " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")


__all__ = ["derive_title", "first_sentence", "normalise_date"]
