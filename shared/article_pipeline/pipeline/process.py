"""The pipeline: decode -> clean -> classify -> extract -> fingerprint -> record.

Pure: bytes in, an ArticleRecord out. The only impure inputs (clock, ids) are parameters.
"""

from __future__ import annotations

import gc
import hashlib
from datetime import UTC, datetime
from typing import Any

from article_pipeline import PIPELINE_VERSION
from article_pipeline.models import (
    ALL_FACTS,
    LANGUAGE_INDEPENDENT_FACTS,
    ArticleRecord,
    Cleaning,
    ErrorInfo,
    Source,
    Topic,
)
from article_pipeline.pipeline import errors, polyglot
from article_pipeline.pipeline.clean import clean
from article_pipeline.pipeline.dates import extract_dates
from article_pipeline.pipeline.decode import DEFAULT_LIMITS, Limits, decode
from article_pipeline.pipeline.document import Document, build_document, lead_summary
from article_pipeline.pipeline.entities import extract_entities
from article_pipeline.pipeline.errors import Rejection
from article_pipeline.pipeline.fingerprint import fingerprints
from article_pipeline.pipeline.geo import countries_of
from article_pipeline.pipeline.langpack import refine_language
from article_pipeline.pipeline.language import UNDETERMINED, detect_language
from article_pipeline.pipeline.metadata import derive_title, normalise_date
from article_pipeline.pipeline.money import extract_money
from article_pipeline.pipeline.quotes import extract_quotes
from article_pipeline.pipeline.summarize import article_keywords, summarize
from article_pipeline.pipeline.tone import english_lexicon, pack_lexicon, tone_of, words_of
from article_pipeline.pipeline.topics import classify_topics

SPORT_TOPIC = "medtop:15000000"


def reports_a_contest(topics: list[Topic]) -> bool:
    """Sport is the article's main topic: its tone reads a contest's outcome words as neutral."""
    return bool(topics) and topics[0].code == SPORT_TOPIC


def article_id_for(bucket: str, key: str) -> str:
    """Stable id of a source object: the same bucket and key always give the same id."""
    return hashlib.sha256(f"{bucket}/{key}".encode()).hexdigest()[:32]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_SETTLED_LANGUAGES: set[str] = set()


def _settle_tables(language: str) -> None:
    """After the first article of a language, the tables it loaded (gazetteers, lexicons, its pack) stay for the
    life of the process: ``gc.freeze`` moves them out of the cyclic collector's reach, whose full passes walked
    them again and again on every later article (a sixth of an English article's time, measured 2026-12-08)."""
    if language not in _SETTLED_LANGUAGES:
        _SETTLED_LANGUAGES.add(language)
        # No gc.collect() first: it cost 32 ms of the cold start and found nothing unreachable after an article.
        gc.freeze()


def process_article(
    data: bytes, source: Source, *, limits: Limits = DEFAULT_LIMITS, processed_at: str | None = None
) -> ArticleRecord:
    """Run every stage over one upload. Never raises for bad input: it returns a rejected record."""
    record = _process(data, source, limits=limits, processed_at=processed_at)
    _settle_tables(record.language or "")
    return record


def _process(data: bytes, source: Source, *, limits: Limits, processed_at: str | None) -> ArticleRecord:
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
    if language == UNDETERMINED and decoded.language:  # too little text to tell: the page's <html lang>
        language = decoded.language
    if language != "en":
        language = refine_language(language, [w.casefold() for w in body.split()[:400]])
    title = decoded.title or derive_title(body, dateline=cleaned.dateline)
    body_sha256, body_simhash = fingerprints(body)
    common = {
        "article_id": article_id,
        "status": "processed",
        "source": source,
        "language": language,
        "title": title,
        "published_date": published,
        "content_sha256": body_sha256,
        "simhash": body_simhash,
        "body": body,
        "cleaning": Cleaning(removed=cleaned.removed, fixes=[*decoded.notes, *cleaned.fixes]),
        "pipeline_version": PIPELINE_VERSION,
        "processed_at": stamp,
    }
    document = build_document(body, language)  # read once; every stage below reads this document
    common["word_count"] = len(document.words())
    if language == "en":
        return _english_record(
            document, title=title, dateline=cleaned.dateline, published=published, common=common
        )
    return _other_language_record(
        document, title=title, dateline=cleaned.dateline, published=published, common=common
    )


def _english_record(
    document: Document,
    *,
    title: str | None,
    dateline: str | None,
    published: str | None,
    common: dict[str, Any],
) -> ArticleRecord:
    body = document.text
    # Every stage reads the document, but the summary still cuts sentences its own way: the document's sentence
    # ends still differ from it on 33 of 81 English articles (a straight quote opening a sentence; docs/evaluation.md).
    entities = extract_entities(document)
    topics = classify_topics(document, title=title, language="en")
    return ArticleRecord(
        **common,
        dateline=dateline,
        summary=summarize(body),
        topics=topics,
        countries=countries_of(entities.places + entities.located, document),
        people=entities.people,
        organizations=entities.organizations,
        places=entities.places,
        money=extract_money(document),
        dates=extract_dates(document, reference=published),
        quotes=extract_quotes(document, entities.people, entities.organizations),
        keywords=article_keywords(
            document,
            [(e.name, e.aliases, e.mentions) for e in entities.people]
            + [(e.name, e.aliases, e.mentions) for e in entities.organizations]
            + [(e.name, e.aliases, e.mentions) for e in entities.places],
        ),
        tone=tone_of(
            words_of(document),
            english_lexicon(contest=reports_a_contest(topics)),
        ),
        extracted=list(ALL_FACTS),
    )


def _other_language_record(
    document: Document,
    *,
    title: str | None,
    dateline: str | None,
    published: str | None,
    common: dict[str, Any],
) -> ArticleRecord:
    """A language with a pack gets every fact from its document; any other language gets the facts that
    need no language knowledge (money written with symbols or codes, a lead summary, fingerprints), and
    ``extracted`` says so, so that "not extracted" never reads as "none found"."""
    summary = lead_summary(document)
    if document.pack is None:
        return ArticleRecord(
            **common,
            dateline=dateline,
            summary=summary,
            money=polyglot.extract_money(document),
            extracted=list(LANGUAGE_INDEPENDENT_FACTS),
        )
    facts = polyglot.analyse(document, title=title)
    pack = document.pack
    lexicon = pack_lexicon(pack.tone_positive, pack.tone_negative)
    return ArticleRecord(
        **common,
        dateline=facts.dateline or dateline,
        summary=summary,
        topics=facts.topics,
        countries=facts.countries,
        people=facts.people,
        organizations=facts.organizations,
        places=facts.places,
        money=facts.money,
        dates=polyglot.extract_dates(document, reference=published),
        quotes=facts.quotes,
        keywords=facts.keywords,
        tone=tone_of(words_of(document), lexicon),
        extracted=list(ALL_FACTS),
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
