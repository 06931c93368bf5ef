"""Keywords and an extractive summary."""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def summarize(text: str, *, max_sentences: int = 3) -> str:
    sentences = [s.strip() for s in _SENTENCE.split(text.replace("\n", " ")) if s.strip()]
    return " ".join(sentences[:max_sentences])


def keywords(text: str, *, limit: int = 10) -> list[str]:
    return []
