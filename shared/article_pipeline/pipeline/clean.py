"""Clean stage: decoded text -> article body, with header metadata and a list of what changed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CleanedArticle:
    body: str
    dateline: str | None = None
    header_date: str | None = None  # ISO date from a scraped header line
    removed: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)


_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+", re.IGNORECASE)
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{1,40}?)(?:,\s*[A-Z][A-Za-z .]+)?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s")


def clean(text: str) -> CleanedArticle:
    removed: list[str] = []
    fixes: list[str] = []
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    header_date = None
    match = _HEADER.match(text)
    if match:
        header_date = match.group(1)
        removed.append(match.group(0).strip())
        text = text[match.end():]
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    body = "\n\n".join(p for p in paragraphs if p)
    dateline_match = _DATELINE.match(body)
    dateline = dateline_match.group(1).strip() if dateline_match else None
    return CleanedArticle(body=body, dateline=dateline, header_date=header_date, removed=removed, fixes=fixes)
