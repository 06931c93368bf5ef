"""Named entities: people with roles, organizations with acronyms, places with countries."""

from __future__ import annotations

from dataclasses import dataclass, field

from article_pipeline.models import Organization, Person, Place


@dataclass(frozen=True)
class Entities:
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


def extract_entities(text: str) -> Entities:
    return Entities()
