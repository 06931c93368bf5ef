"""Date mentions resolved against the article's own date.

What is recognised (English; month and weekday names must be capitalised, so "may" and "march" as
words are not dates):

- full dates: "December 1, 2025", "Dec. 1, 2025", "1 December 2025", "2025-12-01" -> YYYY-MM-DD;
- month and day without a year: "Dec. 1", "1 December", "December 1st" -> YYYY-MM-DD;
- month and year: "November 2025" -> YYYY-MM; a month alone: "November", "mid-December" -> YYYY-MM;
- a bare year "2026" (1900-2099, not part of a larger number, a money amount or a percentage) -> YYYY;
- weekdays: "Monday" -> YYYY-MM-DD; "yesterday", "today", "tomorrow", "last/next/this year", "last/next
  month".

Choosing the year when the text gives none (``_nearest``): the most recent occurrence on or before
the reference date if it lies within the past 300 days (~10 months: news mostly reports what has
happened), otherwise the nearest occurrence (so "Dec. 3" in an article of 2025-12-02 is 2025-12-03,
and "January" in a December article is next January).
A bare weekday is the most recent such day on or before the reference (news says "said on
Monday" of the past week); "next Monday" is the first after it, "last Monday" the last before it.

Without a reference date only mentions that carry their own year are resolved; the rest are left out.
Each distinct (text, date) pair is reported once, in order of first appearance.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from article_pipeline.models import DateMention
from article_pipeline.pipeline.document import Document
from article_pipeline.pipeline.langpack import english

_EN = english()
_MONTHS: dict[str, int] = {name: number for number, name in enumerate(_EN.names("months"), 1)}
_ABBREVIATIONS: dict[str, int] = {
    form.capitalize(): number
    for form, number in _EN.table("months").items()
    if form.capitalize() not in _MONTHS
}
_WEEKDAYS = list(_EN.names("weekdays"))
_PAST_WINDOW_DAYS = 300
_MODEL_NAME = re.compile(r"[A-Z][A-Z0-9]{1,5}")
# Capitalised words that are often followed by a year ("US 2020 election", "FY 2019").
_YEAR_BEFORE = _EN.words("year_prefixes")
_QUANTIFIERS = _EN.words("quantifiers")
_RELATIVE_DAYS: dict[str, int] = _EN.table("relative_days")
_QUALIFIER_STEPS: dict[str, int] = _EN.table("relative_qualifiers")  # "last year", "next Monday"
_PERIOD_PREFIXES = _EN.ordered("period_prefixes")  # "mid-December"
_MAY_PREPOSITIONS = _EN.words("month_prepositions")


def _month_number(raw: str) -> int:
    word = raw.rstrip(".")
    return _MONTHS.get(word) or _ABBREVIATIONS[word]


@cache
def _pattern() -> re.Pattern[str]:
    full = "|".join(_MONTHS)
    short = "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True))
    month = rf"(?:{full}|(?:{short})\.?)(?![a-z])"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[89]\d\d|20\d\d)"
    weekdays = "|".join(_WEEKDAYS)
    qualifiers = "|".join(_QUALIFIER_STEPS)
    prefixes = "|".join(_PERIOD_PREFIXES)
    days = "|".join(_RELATIVE_DAYS)
    return re.compile(
        rf"""
        (?P<iso>\b(?P<iy>{year})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
      | (?P<mdy>\b(?P<m1>{month})\s+(?P<d1>{day})\b(?!\s*(?:%|per\b|percent\b))(?:,?\s+(?P<y1>{year})\b)?)
      | (?P<dmy>\b(?P<d2>{day})\s+(?:of\s+)?(?P<m2>{month})(?:,?\s+(?P<y2>{year})\b)?)
      | (?P<my>\b(?P<m3>{month})(?:\s+of)?,?\s+(?P<y3>{year})\b)
      | (?P<rel>\b(?P<rw>(?i:{qualifiers}))\s+(?P<rn>year|month)\b)
      | (?P<wd>\b(?:(?P<wq>(?i:{qualifiers}))\s+)?(?P<w>{weekdays})\b)
      | (?P<mon>(?:\b(?i:{prefixes})-)?\b(?P<m4>{full}|(?:{short})\.)(?![a-z]))
      | (?P<yd>\b(?P<yw>(?i:{days}))\b)
      | (?P<yr>(?<![\d,.$€£¥#/-])\b(?P<y5>{year})\b(?![\d%$]|[.,]\d|-\d|\s*(?:%|percent)))
        """,
        re.VERBOSE,
    )


# Where a date can start: a digit, a month or weekday name, or one of the relative words. The full
# pattern is only tried at these positions (far faster than letting it scan every character, or trying
# it at every capital letter of the text).
_RELATIVE_WORDS = (*_QUALIFIER_STEPS, *_RELATIVE_DAYS, *(f"{prefix}-" for prefix in _PERIOD_PREFIXES))
_TRIGGER = re.compile(
    # The leading lookahead of possible first letters lets the regex engine skip other characters fast.
    "(?=["
    + "".join(sorted({name[0] for name in (*_MONTHS, *_ABBREVIATIONS, *_WEEKDAYS)}))
    + "".join(sorted({c for word in _RELATIVE_WORDS for c in (word[0], word[0].upper())}))
    + "0-9])"
    + r"\b(?:[0-9]|(?:"
    + "|".join(sorted({name[:3] for name in (*_MONTHS, *_ABBREVIATIONS, *_WEEKDAYS)}))
    + r")|(?i:"
    + "|".join(_RELATIVE_WORDS)
    + "))"
)


def _matches(text: str) -> list[re.Match[str]]:
    pattern = _pattern()
    found: list[re.Match[str]] = []
    end = 0
    for trigger in _TRIGGER.finditer(text):
        if trigger.start() < end:
            continue
        match = pattern.match(text, trigger.start())
        if match is not None and match.end() > match.start():
            found.append(match)
            end = match.end()
    return found


def _parse_reference(reference: str | None) -> date | None:
    if not reference:
        return None
    try:
        return date.fromisoformat(reference[:10])
    except ValueError:
        return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest(candidates: list[date], reference: date) -> date:
    past = [c for c in candidates if c <= reference and (reference - c).days <= _PAST_WINDOW_DAYS]
    if past:
        return max(past)
    return min(candidates, key=lambda c: abs((c - reference).days))


def _month_day(month: int, day: int, reference: date | None) -> str | None:
    if reference is None:
        return None
    options = [
        d for y in (reference.year - 1, reference.year, reference.year + 1) if (d := _valid(y, month, day))
    ]
    return _nearest(options, reference).isoformat() if options else None


def _month_only(month: int, reference: date | None) -> str | None:
    if reference is None:
        return None
    options = [
        d for y in (reference.year - 1, reference.year, reference.year + 1) if (d := _valid(y, month, 1))
    ]
    month_start = reference.replace(day=1)
    chosen = _nearest(options, month_start)
    return f"{chosen.year:04d}-{chosen.month:02d}"


def _shift_month(reference: date, months: int) -> str:
    index = reference.year * 12 + reference.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _weekday(name: str, qualifier: str | None, reference: date | None) -> str | None:
    if reference is None:
        return None
    target = _WEEKDAYS.index(name)
    back = (reference.weekday() - target) % 7
    q = (qualifier or "").lower()
    if q == "next":
        ahead = (target - reference.weekday()) % 7 or 7
        return (reference + timedelta(days=ahead)).isoformat()
    if q == "last" and back == 0:
        back = 7
    if q == "this" and back != 0:
        # "this Friday" said on a Tuesday is the coming Friday.
        return (reference + timedelta(days=(target - reference.weekday()) % 7)).isoformat()
    return (reference - timedelta(days=back)).isoformat()


def _resolve(match: re.Match[str], reference: date | None) -> str | None:
    kind = match.lastgroup
    group = match.group
    if group("iso"):
        found = _valid(int(group("iy")), int(group("im")), int(group("id")))
        return found.isoformat() if found else None
    if group("mdy") or group("dmy"):
        month = _month_number(group("m1") or group("m2"))
        day = int(re.sub(r"\D", "", group("d1") or group("d2")))
        year = group("y1") or group("y2")
        if year:
            found = _valid(int(year), month, day)
            return found.isoformat() if found else None
        return _month_day(month, day, reference)
    if group("my"):
        return f"{int(group('y3')):04d}-{_month_number(group('m3')):02d}"
    if group("rel"):
        if reference is None:
            return None
        step = _QUALIFIER_STEPS[group("rw").lower()]
        if not 1 <= reference.year + step <= 9999:
            return None
        if group("rn") == "year":
            return f"{reference.year + step:04d}"
        return _shift_month(reference, step)
    if group("wd"):
        return _weekday(group("w"), group("wq"), reference)
    if group("mon"):
        word = group("m4")
        if word == "May" and not _may_is_month(match):
            return None
        return _month_only(_month_number(word), reference)
    if group("yd"):
        if reference is None:
            return None
        offset = _RELATIVE_DAYS[group("yw").lower()]
        return (reference + timedelta(days=offset)).isoformat()
    if group("yr"):
        before = match.string[max(0, match.start() - 16) : match.start()].lower().split()
        if before and before[-1] in _QUANTIFIERS:
            return None  # "about 2000 people": a count, not a year
        raw_before = match.string[max(0, match.start() - 16) : match.start()].split()
        if raw_before and _MODEL_NAME.fullmatch(raw_before[-1]) and raw_before[-1] not in _YEAR_BEFORE:
            return None  # "RTX 2060", "A320 2019": a model number after a product code
        return group("y5")
    del kind
    return None


def _may_is_month(match: re.Match[str]) -> bool:
    """A lone capitalised "May" is the month only after a preposition ("in May", "since May")."""
    before = match.string[max(0, match.start() - 12) : match.start()].lower().split()
    return bool(before) and before[-1] in _MAY_PREPOSITIONS


def _reference_from_text(matches: list[re.Match[str]]) -> date | None:
    """Without a published date, anchor on the latest complete date the text itself states."""
    latest: date | None = None
    for match in matches:
        if match.group("iso") or (
            (match.group("mdy") or match.group("dmy")) and (match.group("y1") or match.group("y2"))
        ):
            resolved = _resolve(match, None)
            if resolved:
                found = date.fromisoformat(resolved)
                latest = found if latest is None or found > latest else latest
    return latest


def _names_same_day(weekday: re.Match[str], following: re.Match[str]) -> bool:
    between = weekday.string[weekday.end() : following.start()]
    return bool(following.group("mdy") or following.group("dmy")) and between.strip(" ,") == ""


def extract_dates(
    article: Document | str, *, reference: str | None, infer_reference: bool = True
) -> list[DateMention]:
    """Date mentions with ISO dates (YYYY-MM-DD, YYYY-MM or YYYY), resolved against ``reference``, in an
    English article's document (or a text); dates are patterns of its text, matched on it."""
    text = article.text if isinstance(article, Document) else article
    if not text:
        return []
    matches = _matches(text)
    anchor = _parse_reference(reference)
    if anchor is None and infer_reference:
        anchor = _reference_from_text(matches)
    mentions: list[DateMention] = []
    seen: set[tuple[str, str]] = set()
    for index, match in enumerate(matches):
        if match.group("wd") and index + 1 < len(matches) and _names_same_day(match, matches[index + 1]):
            continue  # "Monday, Dec. 1": the explicit date says it
        try:
            resolved = _resolve(match, anchor)
        except (ValueError, OverflowError):  # a reference at the edge of the calendar (year 1 or 9999)
            continue
        if resolved is None:
            continue
        surface = " ".join(match.group().split())
        key = (surface, resolved)
        if key in seen:
            continue
        seen.add(key)
        mentions.append(DateMention(text=surface, date=resolved))
    return mentions
