"""Title and publication date: from page metadata where given, derived from the body otherwise."""

from __future__ import annotations

import re

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TITLE_WORDS = 14


def normalise_date(value: str | None) -> str | None:
    """The calendar date (YYYY-MM-DD) of a metadata date string, or None when it has none."""
    if not value:
        return None
    match = _ISO_DATE.search(value)
    return match.group(0) if match else None


def derive_title(body: str, *, dateline: str | None = None) -> str | None:
    """A headline-like title: the first short paragraph, else the opening words of the first sentence."""
    first = body.strip().split("\n", 1)[0].strip()
    if not first:
        return None
    if len(first) <= 120 and not first.endswith((".", "!", "?", "”", '"')):
        return first
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if dateline and sentence.startswith(dateline):
        sentence = re.sub(r"^[^—–]*[—–]\s*", "", sentence, count=1)
    words = sentence.split()
    return " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")
