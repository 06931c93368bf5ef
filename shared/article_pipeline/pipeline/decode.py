"""Decode stage: raw upload bytes -> text plus page metadata, or a Rejection.

Tells the format by content (gzip magic, JSON, HTML markup), not only by the key's extension.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import Literal

from article_pipeline.pipeline import errors
from article_pipeline.pipeline.errors import Rejection

Format = Literal["text", "html", "json"]


@dataclass(frozen=True)
class Limits:
    """Input limits; documented in README "Bad input". Env-overridable in the handler settings."""

    max_upload_bytes: int = 10 * 1024 * 1024
    max_decompressed_bytes: int = 20 * 1024 * 1024
    min_text_chars: int = 1


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class DecodedArticle:
    text: str
    format: Format
    title: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)


_GZIP_MAGIC = b"\x1f\x8b"


def decode(data: bytes, *, key: str = "", content_type: str | None = None,
           limits: Limits = DEFAULT_LIMITS) -> DecodedArticle:
    """Turn an upload into text. Raises Rejection with a stable code for anything that is not an article."""
    notes: list[str] = []
    if len(data) > limits.max_upload_bytes:
        raise Rejection(errors.TOO_LARGE, f"The upload is {len(data)} bytes; the limit is {limits.max_upload_bytes}.")
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, limits.max_decompressed_bytes)
        notes.append("gunzip")
    if not data.strip():
        raise Rejection(errors.EMPTY, "The upload is empty or only whitespace.")
    text = _to_text(data, notes)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) :
        return _from_json(stripped, notes)
    if stripped[:1] == "<":
        return _from_html(text, notes)
    return DecodedArticle(text=text, format="text", notes=notes)


def _gunzip(data: bytes, limit: int) -> bytes:
    # Stream with a cap so that a gzip bomb is refused before it fills memory.
    out = bytearray()
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        chunk = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise Rejection(errors.UNDECODABLE, f"The gzip stream is corrupt: {exc}.") from exc
    out += chunk
    if len(out) > limit or decompressor.unconsumed_tail:
        raise Rejection(errors.DECOMPRESSION_LIMIT,
                        f"The gzip upload expands beyond {limit} bytes; it is refused as a possible bomb.")
    return bytes(out)


def _to_text(data: bytes, notes: list[str]) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Rejection(errors.BINARY, "The upload looks binary (NUL bytes), not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Rejection(errors.UNDECODABLE, "The upload is not text in any encoding that could be detected.")
    notes.append(f"charset:{best.encoding}")
    return str(best)


def _from_json(text: str, notes: list[str]) -> DecodedArticle:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejection(errors.MALFORMED_JSON, f"The JSON is malformed: {exc.msg} at line {exc.lineno}.") from exc
    if not isinstance(obj, dict):
        raise Rejection(errors.MALFORMED_JSON, "The JSON must be one object with the article's fields.")

    def first(*names: str) -> str | None:
        for name in names:
            value = obj.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    body = first("body", "text", "content", "articleBody", "article_body")
    if body is None:
        raise Rejection(errors.NO_TEXT, "The JSON has no body, text, content or articleBody field with text.")
    return DecodedArticle(text=body, format="json", title=first("title", "headline"),
                          published=first("published", "date", "datePublished", "published_at"),
                          author=first("author", "byline"), url=first("url", "link"), notes=notes)


def _from_html(html: str, notes: list[str]) -> DecodedArticle:
    import trafilatura  # lazy: only HTML uploads pay for lxml

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(html)
    if not text.strip():
        raise Rejection(errors.NO_TEXT, "The HTML page has no main text that could be extracted.")
    return DecodedArticle(text=text, format="html",
                          title=meta.title if meta else None, published=meta.date if meta else None,
                          author=meta.author if meta else None, url=meta.url if meta else None, notes=notes)


__all__ = ["DEFAULT_LIMITS", "DecodedArticle", "Limits", "decode"]
