"""Countries the article is about (ISO 3166-1 alpha-2)."""

from __future__ import annotations

from article_pipeline.models import Place


def countries_of(places: list[Place], text: str) -> list[str]:
    return sorted({p.country for p in places if p.country})
