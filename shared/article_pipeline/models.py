"""The record contract (schema_version 1): what downstream consumers read from the table and stream.

Field names are public: other teams and the project's own checks read them. Adding a field with a
default is a compatible change; renaming or removing one, or changing its type, needs a new
``schema_version`` (see docs/record-schema.md).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

# The record's facts, as named in `extracted`: a fact not listed there was not attempted for the article's
# language (its field is empty because nothing was looked for, not because nothing was found).
ALL_FACTS = (
    "language", "title", "dateline", "published_date", "summary", "topics", "countries", "people",
    "organizations", "places", "money", "dates", "quotes", "keywords", "tone", "fingerprints",
)  # fmt: skip
LANGUAGE_INDEPENDENT_FACTS = ("language", "title", "published_date", "summary", "money", "fingerprints")

Status = Literal["processed", "rejected", "deleted"]


class _Model(BaseModel):
    # Unknown keys are an error: a typo in a producer must not silently drop data.
    model_config = ConfigDict(extra="forbid")


class ErrorInfo(_Model):
    code: str = Field(description="Machine-readable reason, e.g. 'empty', 'binary', 'too_large'.")
    message: str = Field(description="One human sentence saying what was wrong and what to do.")


class Source(_Model):
    bucket: str
    key: str
    version_id: str | None = None
    etag: str | None = None
    sequencer: str | None = None
    size: int | None = None
    content_type: str | None = None


class Topic(_Model):
    code: str = Field(description="IPTC Media Topics code, e.g. 'medtop:11000000'.")
    label: str
    score: float = Field(ge=0.0, le=1.0)


class Person(_Model):
    name: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    mentions: int = Field(default=1, ge=1)


class Organization(_Model):
    name: str
    aliases: list[str] = Field(default_factory=list)
    mentions: int = Field(default=1, ge=1)


class Place(_Model):
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 where known.")
    mentions: int = Field(default=1, ge=1)


class Money(_Model):
    text: str
    amount: float
    currency: str = Field(description="ISO 4217 code.")


class DateMention(_Model):
    text: str
    date: str = Field(description="ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY as precise as the text.")


class Quote(_Model):
    speaker: str | None = Field(description="The name of an entry in `people` (or `organizations`), or null.")
    text: str


class Tone(_Model):
    label: Literal["negative", "neutral", "positive"] = Field(
        description="Overall tone of what is reported (violence, disasters, crime, losses: negative; "
        "agreements, achievements, growth, celebrations: positive; mixed or plain reporting: neutral)."
    )
    score: float = Field(
        ge=-1.0,
        le=1.0,
        description="Lexicon tone density in [-1, 1] (GDELT-style (pos-neg)/words, scaled); "
        "the label thresholds it. Method: docs/evaluation.md#tone.",
    )


class Cleaning(_Model):
    removed: list[str] = Field(default_factory=list)
    fixes: list[str] = Field(default_factory=list)


class ArticleRecord(_Model):
    schema_version: int = SCHEMA_VERSION
    article_id: str
    status: Status
    error: ErrorInfo | None = None
    source: Source
    language: str | None = None
    title: str | None = None
    dateline: str | None = None
    published_date: str | None = None
    summary: str = ""
    word_count: int = 0
    topics: list[Topic] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    money: list[Money] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    tone: Tone | None = Field(
        default=None, description="Null where the article's language has no tone lexicon yet."
    )
    extracted: list[str] = Field(
        default_factory=list,
        description="The facts extracted for this article's language (names from ALL_FACTS); a fact not "
        "listed was not attempted, so its empty field means 'not extracted', not 'none found'.",
    )
    content_sha256: str = ""
    simhash: str = ""
    duplicate_of: str | None = None
    body: str = ""
    cleaning: Cleaning = Field(default_factory=Cleaning)
    pipeline_version: str
    processed_at: str
