"""The pipeline: decode -> clean -> classify -> extract -> fingerprint -> record.

Pure: bytes in, an ArticleRecord out. The only impure inputs (clock, ids) are parameters.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from article_pipeline import PIPELINE_VERSION
from article_pipeline.models import ArticleRecord, Cleaning, ErrorInfo, Source
from article_pipeline.pipeline import errors
from article_pipeline.pipeline.clean import clean
from article_pipeline.pipeline.dates import extract_dates
from article_pipeline.pipeline.decode import DEFAULT_LIMITS, Limits, decode
from article_pipeline.pipeline.entities import extract_entities
from article_pipeline.pipeline.errors import Rejection
from article_pipeline.pipeline.fingerprint import fingerprints
from article_pipeline.pipeline.geo import countries_of
from article_pipeline.pipeline.language import detect_language
from article_pipeline.pipeline.metadata import derive_title, normalise_date
from article_pipeline.pipeline.money import extract_money
from article_pipeline.pipeline.quotes import extract_quotes
from article_pipeline.pipeline.summarize import keywords, summarize
from article_pipeline.pipeline.tone import english_lexicon, tokens, tone_of
from article_pipeline.pipeline.topics import classify_topics


def article_id_for(bucket: str, key: str) -> str:
    """Stable id of a source object: the same bucket and key always give the same id."""
    return hashlib.sha256(f"{bucket}/{key}".encode()).hexdigest()[:32]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def process_article(
    data: bytes, source: Source, *, limits: Limits = DEFAULT_LIMITS, processed_at: str | None = None
) -> ArticleRecord:
    """Run every stage over one upload. Never raises for bad input: it returns a rejected record."""
    article_id = article_id_for(source.bucket, source.key)
    stamp = processed_at or utc_now()
    try:
        decoded = decode(data, key=source.key, content_type=source.content_type, limits=limits)
        cleaned = clean(decoded.text)
        if not cleaned.body.strip():
            raise Rejection(errors.NO_TEXT, "After cleaning, nothing of the article's text was left.")
    except Rejection as rejection:
        return rejected_record(source, rejection.code, rejection.message, processed_at=stamp)

    body = cleaned.body
    published = cleaned.header_date or normalise_date(decoded.published)
    language = detect_language(body)
    entities = extract_entities(body)
    title = decoded.title or derive_title(body, dateline=cleaned.dateline)
    body_sha256, body_simhash = fingerprints(body)
    return ArticleRecord(
        article_id=article_id,
        status="processed",
        source=source,
        language=language,
        title=title,
        dateline=cleaned.dateline,
        published_date=published,
        summary=summarize(body),
        word_count=len(body.split()),
        topics=classify_topics(body, title=title, language=language),
        countries=countries_of(entities.places, body),
        people=entities.people,
        organizations=entities.organizations,
        places=entities.places,
        money=extract_money(body),
        dates=extract_dates(body, reference=published),
        quotes=extract_quotes(body, entities.people),
        keywords=keywords(body),
        # TODO(lead): other languages through their pack's lexicon_from_lists(...) (pack tone hook).
        tone=tone_of(tokens(body), english_lexicon()) if language == "en" else None,
        content_sha256=body_sha256,
        simhash=body_simhash,
        body=body,
        cleaning=Cleaning(removed=cleaned.removed, fixes=[*decoded.notes, *cleaned.fixes]),
        pipeline_version=PIPELINE_VERSION,
        processed_at=stamp,
    )


def rejected_record(
    source: Source, code: str, message: str, *, processed_at: str | None = None
) -> ArticleRecord:
    return ArticleRecord(
        article_id=article_id_for(source.bucket, source.key),
        status="rejected",
        error=ErrorInfo(code=code, message=message),
        source=source,
        pipeline_version=PIPELINE_VERSION,
        processed_at=processed_at or utc_now(),
    )


def deleted_record(source: Source, *, processed_at: str | None = None) -> ArticleRecord:
    return ArticleRecord(
        article_id=article_id_for(source.bucket, source.key),
        status="deleted",
        source=source,
        pipeline_version=PIPELINE_VERSION,
        processed_at=processed_at or utc_now(),
    )
