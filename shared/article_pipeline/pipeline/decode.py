"""Decode stage: raw upload bytes -> text plus page metadata, or a Rejection.

The format is told by content (magic numbers, BOMs, JSON and HTML markup), not by the key's
extension; the extension and the Content-Type only break ties. The order of the checks matters:

1. size (``too_large``) before anything else is read;
2. gzip, decompressed as a stream with a cap (``decompression_limit`` for bombs);
3. magic numbers of documents, images and archives (``unsupported_type``) and of other binaries;
4. the charset: BOMs (UTF-8, UTF-16/32 LE/BE), UTF-16 without BOM, strict UTF-8, the declared
   charset (Content-Type, HTML ``<meta>``, XML declaration), then charset_normalizer
   (``undecodable`` when nothing fits); NUL bytes or many control bytes are ``binary``;
5. the shape: JSON object (scraper output), HTML page, or plain text.

HTML main text and metadata come from :mod:`html_main` (lxml only, one parse, ~5x faster than trafilatura
at a higher benchmark F1); a page without a clear main container goes to trafilatura instead (4 of the 88
benchmark pages), noted as ``html: fallback extractor``.

Work is bounded for any input: HTML is stripped of scripts and styles and cut to a tag and size
budget before it is parsed (trafilatura's cost grows faster than linearly with the number of
elements), JSON nesting errors are caught, and the extracted text has a size limit.

Memory is bounded too. trafilatura and lxml take about 20 bytes of memory per byte of HTML they
parse, so their input is cut to ``max_html_bytes`` (UTF-8 bytes, not characters). A large UTF-8
HTML upload (up to 20 MiB decompressed) is stripped and cut as bytes, before it is decoded: as a
Python string one emoji would make it 4 bytes a character (80 MiB). No full-size copy is made
for lowercasing, whitespace tests or shape sniffing, and the gunzipped buffer is not copied.

JSON arrays: the record contract is one article per upload. An array holding exactly one article
object is processed as that article (noted in ``notes``); an array or JSON Lines file with several
articles is rejected with ``json_array`` and a message saying to upload one article per object,
because picking one silently would lose the others.

Nothing but :class:`Rejection` leaves :func:`decode`, whatever the bytes: unexpected failures are
turned into an ``unprocessable`` rejection (a safety net; the tests feed arbitrary bytes).
"""

from __future__ import annotations

import codecs
import html as html_lib
import json
import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, AnyStr, Literal, cast

from article_pipeline.pipeline import errors
from article_pipeline.pipeline.errors import Rejection

Format = Literal["text", "html", "json"]
Buffer = bytes | bytearray  # a gunzipped upload stays the bytearray it was decompressed into


@dataclass(frozen=True)
class Limits:
    """Input limits; documented in README "Bad input". Env-overridable in the handler settings."""

    max_upload_bytes: int = 10 * 1024 * 1024
    max_decompressed_bytes: int = 20 * 1024 * 1024
    min_text_chars: int = 1
    # The longest news features are ~20k words (~150 KB). The whole pipeline costs ~4 s per million
    # characters (measured), so 500k characters (~80k words) bounds one upload at ~2 s.
    max_text_chars: int = 500_000
    # trafilatura's cost grows faster than linearly with elements: ~1 s per 10k tags measured here.
    max_html_tags: int = 10_000
    # trafilatura + lxml use ~20 bytes of memory per byte of HTML (measured: 1.5 MB -> ~32 MiB). 1.5 MB after
    # scripts and styles are stripped is 3x the longest text allowed; the benchmark's pages are at most 225 KB.
    max_html_bytes: int = 1_500_000


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
    encoding: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None  # the page's declared language (HTML only): a hint where detection has none


_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024
_OUT_CHUNK = 1024 * 1024
_SNIFF = 64 * 1024
_MAX_TITLE_CHARS = 300
_MAX_FIELD_CHARS = 1000

# Recognised non-article formats: (magic prefix, offset, human name).
_UNSUPPORTED_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"BM", 0, ""),  # checked further in _sniff_binary: too short a prefix on its own
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"\x00\x00\x01\x00", 0, "an icon image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "a legacy Microsoft Office document (.doc/.xls/.ppt)"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"BZh", 0, "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", 0, "an xz-compressed file"),
    (b"\x28\xb5\x2f\xfd", 0, "a zstd-compressed file"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"ID3", 0, "an MP3 audio file"),
    (b"OggS", 0, "an Ogg media file"),
    (b"fLaC", 0, "a FLAC audio file"),
    (b"\x1a\x45\xdf\xa3", 0, "a Matroska/WebM video"),
    (b"ftyp", 4, "an MP4/QuickTime media file"),
    (b"ustar", 257, "a tar archive"),
    (b"\x7fELF", 0, "an executable program"),
    (b"MZ", 0, ""),  # checked further: DOS/Windows executables
    (b"\xca\xfe\xba\xbe", 0, "a Java class file"),
    (b"wOFF", 0, "a web font"),
    (b"wOF2", 0, "a web font"),
)
_ADVICE = "Upload the article as plain text, HTML or JSON (optionally gzip-compressed)."
_LEADING_SPACE = re.compile(r"\s*")  # the characters str.lstrip() removes (both use Py_UNICODE_ISSPACE)


def decode(
    data: bytes, *, key: str = "", content_type: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> DecodedArticle:
    """Turn an upload into text. Raises Rejection with a stable code for anything that is not an article."""
    try:
        return _decode(bytes(data), key=key or "", content_type=content_type, limits=limits)
    except Rejection:
        raise
    except RecursionError as exc:
        raise Rejection(errors.TOO_COMPLEX, "The upload is nested too deeply to be parsed.") from exc
    except Exception as exc:  # a safety net: decode must answer every input with a record, never a crash
        raise Rejection(
            errors.UNPROCESSABLE,
            f"The upload could not be decoded ({type(exc).__name__}); please report it with the file.",
        ) from exc


def _decode(data: bytes, *, key: str, content_type: str | None, limits: Limits) -> DecodedArticle:
    notes: list[str] = []
    if len(data) > limits.max_upload_bytes:
        raise Rejection(
            errors.TOO_LARGE,
            f"The upload is {len(data)} bytes; the limit is {limits.max_upload_bytes}. Split or trim it.",
        )
    depth = 0
    raw: Buffer = data
    while raw.startswith(_GZIP_MAGIC):
        if depth == 2:
            raise Rejection(errors.UNSUPPORTED_TYPE, "The upload is gzip inside gzip inside gzip. " + _ADVICE)
        raw = _gunzip(raw, limits.max_decompressed_bytes)
        notes.append("gunzip")
        depth += 1
    if not raw or raw.isspace():  # not raw.strip(): that copies the whole upload
        raise Rejection(errors.EMPTY, "The upload is empty or only whitespace.")
    _sniff_binary(raw)
    lowered_key = key.lower()
    ctype = (content_type or "").lower()
    if len(raw) > limits.max_html_bytes:
        large = _large_utf8_html(raw, lowered_key, ctype, limits, notes)
        if large is not None:
            del raw  # the gunzipped buffer, if any: only the page cut to its budget is needed
            return _from_html(large, notes, "utf-8", limits)
    text, encoding = _to_text(raw, content_type, notes)
    del raw  # the gunzipped buffer: the text is all that is needed from here on
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        raise Rejection(errors.EMPTY, "The upload is empty or only whitespace.")
    _check_text_is_text(text)

    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # \s* always matches
    head = text[start : start + _SNIFF]  # the shape is told by the start; text.lstrip() would copy it all
    if _looks_json(head, lowered_key, ctype):
        return _from_json(text[start:], notes, encoding, limits, strict=head[:1] == "{" or "json" in ctype)
    if _FEED.match(head[:2000]):
        raise Rejection(
            errors.UNSUPPORTED_TYPE,
            "The upload is an RSS/Atom feed of several items, not one article; upload each article's page.",
        )
    if _looks_html(head, lowered_key, ctype):
        return _from_html(text, notes, encoding, limits)
    _check_length(text, limits)
    return DecodedArticle(text=text, format="text", notes=notes, encoding=encoding)


# --- bytes ------------------------------------------------------------------------------------


def _gunzip(data: Buffer, limit: int) -> bytearray:
    """Decompress every gzip member, in chunks, refusing to grow past ``limit`` bytes.

    Memory stays at one copy of the output: at most 1 MiB comes out of each call (a highly compressed chunk
    could otherwise expand to the whole limit beside ``out``), and the bytearray is returned as it is
    (``bytes(out)`` would hold two copies at once).
    """
    out = bytearray()
    view = memoryview(data)
    start = 0  # where the current member begins
    while True:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pos = start
        try:
            while not decompressor.eof:
                feed: bytes | memoryview
                if decompressor.unconsumed_tail:  # input the output cap held back
                    feed = decompressor.unconsumed_tail
                elif pos < len(view):
                    feed = view[pos : pos + _CHUNK]
                    pos += len(feed)
                else:
                    feed = b""  # input used up: whatever output is still pending
                chunk = decompressor.decompress(feed, min(_OUT_CHUNK, limit + 1 - len(out)))
                if not chunk and not feed:
                    break
                out += chunk
                if len(out) > limit:
                    raise Rejection(
                        errors.DECOMPRESSION_LIMIT,
                        f"The gzip upload expands beyond {limit} bytes; it is refused as a possible "
                        "decompression bomb.",
                    )
        except zlib.error as exc:
            raise Rejection(errors.UNDECODABLE, f"The gzip stream is corrupt ({exc}).") from exc
        if not decompressor.eof:
            raise Rejection(errors.UNDECODABLE, "The gzip stream is truncated: the upload is incomplete.")
        # Concatenated members are legal gzip (the next may begin past the chunk this one ended in); trailing
        # zero padding is common and ignored.
        start = pos - len(decompressor.unused_data)
        if view[start : start + len(_GZIP_MAGIC)] != _GZIP_MAGIC:
            return out


def _sniff_binary(data: Buffer) -> None:
    head = data[:512]
    for magic, offset, label in _UNSUPPORTED_MAGIC:
        name = label
        if head[offset : offset + len(magic)] != magic:
            continue
        if magic == b"BM" and not (len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00"):
            continue  # "BM..." is a bitmap only with zeroed reserved bytes
        if magic == b"MZ":
            if (
                b"This program cannot be run in DOS mode" not in data[:1024]
                and b"PE\x00\x00" not in data[:1024]
            ):
                continue
            name = "an executable program"
        if magic == b"\x00\x00\x01\x00" and not (len(data) > 6 and 0 < data[4] < 64):
            continue
        raise Rejection(errors.UNSUPPORTED_TYPE, f"The upload is {name}, not an article. {_ADVICE}")
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        kind = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[
            bytes(head[8:12])
        ]
        raise Rejection(errors.UNSUPPORTED_TYPE, f"The upload is {kind}, not an article. {_ADVICE}")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        sample = data[:4096]
        if b"word/" in sample:
            name = "a Word document (.docx)"
        elif b"xl/" in sample:
            name = "an Excel workbook (.xlsx)"
        elif b"ppt/" in sample:
            name = "a PowerPoint presentation (.pptx)"
        elif b"application/epub+zip" in sample:
            name = "an EPUB e-book"
        elif b"opendocument" in sample:
            name = "an OpenDocument file"
        else:
            name = "a zip archive"
        raise Rejection(errors.UNSUPPORTED_TYPE, f"The upload is {name}, not an article. {_ADVICE}")
    lowered = head.lstrip().lower()
    if lowered.startswith(b"<svg") or (lowered.startswith(b"<?xml") and b"<svg" in lowered):
        raise Rejection(errors.UNSUPPORTED_TYPE, f"The upload is an SVG image, not an article. {_ADVICE}")


def _bom_encoding(data: Buffer) -> tuple[str, int] | None:
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return name, len(bom)
    return None


_TEXT_PUNCT = ".,;:!?'\"()-\u2013\u2014\u2018\u2019\u201c\u201d"


def _utf16_without_bom(data: Buffer) -> str | None:
    """UTF-16 text has NUL in every other byte for ASCII letters, spaces and digits.

    Latin text gives ~100% NULs on one side; Cyrillic, Greek or Arabic text only its spaces and
    punctuation (~15%). A candidate is kept only if the decoded sample reads as text.
    """
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return None
    even_nul = sample[0::2].count(0) / half
    odd_nul = sample[1::2].count(0) / half
    candidate = None
    if odd_nul > 0.08 and even_nul < 0.01:
        candidate = "utf-16-le"
    elif even_nul > 0.08 and odd_nul < 0.01:
        candidate = "utf-16-be"
    if candidate is None:
        return None
    decoded = sample[: half * 2].decode(candidate, errors="replace")
    texty = sum(ch.isalnum() or ch.isspace() or ch in _TEXT_PUNCT for ch in decoded)
    return candidate if texty >= 0.9 * len(decoded) else None


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"


def _to_text(data: Buffer, content_type: str | None, notes: list[str]) -> tuple[str, str]:
    bom = _bom_encoding(data)
    if bom:
        name, size = bom
        try:
            text = data[size:].decode(name)
        except UnicodeDecodeError:
            text = data[size:].decode(name, errors="replace")
            notes.append(f"charset:{name} with invalid bytes replaced")
        if name != "utf-8":
            notes.append(f"charset:{name}")
        return text, name
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            notes.append(f"charset:{utf16} (no BOM)")
            return text, utf16
    _check_sample_is_text(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for declared in _declared_charsets(data, content_type):
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            continue
        notes.append(f"charset:{declared} (declared)")
        return text, declared
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 uploads pay for it

    best = from_bytes(data).best()
    if best is None:
        raise Rejection(
            errors.UNDECODABLE,
            "The upload is not text in any encoding that could be detected; save it as UTF-8.",
        )
    notes.append(f"charset:{best.encoding} (detected)")
    return str(best), best.encoding


def _check_sample_is_text(data: Buffer) -> None:
    sample = data[:_SNIFF]
    if sample.count(0) > max(2, len(sample) // 200):
        raise Rejection(errors.BINARY, f"The upload looks binary (it holds NUL bytes), not text. {_ADVICE}")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # one pass, not one per byte value
    if controls > max(8, len(sample) // 10):
        raise Rejection(errors.BINARY, f"The upload looks binary (many control bytes), not text. {_ADVICE}")


def _is_utf8(data: Buffer, start: int) -> bool:
    """Strict UTF-8 from ``start`` on, checked 64 KiB at a time: never the whole upload as one string."""
    if data.isascii():
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for pos in range(start, len(data), _CHUNK):
            decoder.decode(view[pos : pos + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_:.-]{1,40})""")
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]{1,40})", re.IGNORECASE)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
}


def _declared_charsets(data: Buffer, content_type: str | None) -> list[str]:
    found: list[str] = []
    if content_type:
        match = _CT_CHARSET.search(content_type)
        if match:
            found.append(match.group(1))
    head = data[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        m = pattern.search(head)
        if m:
            found.append(m.group(1).decode("ascii", "replace"))
    out: list[str] = []
    for label in found:
        name = _CHARSET_ALIASES.get(label.lower(), label.lower())
        try:
            canonical = codecs.lookup(name).name
        except LookupError:
            continue
        if canonical not in ("utf-8",) and canonical not in out:  # UTF-8 was tried already
            out.append(canonical)
    return out


# Control characters; counted in the UTF-8 bytes of the sample, where they are single bytes that no other
# character's encoding contains (one C-speed pass instead of a regex over the text).
_C0_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


def _check_text_is_text(text: str) -> None:
    sample = text[:_SNIFF]
    encoded = sample.encode("utf-8", "surrogatepass")
    bad = len(encoded) - len(encoded.translate(None, _C0_BYTES)) + sample.count("\ufffd")
    if bad > max(8, len(sample) // 10):
        raise Rejection(
            errors.BINARY, f"The upload looks binary (decoded, it is mostly control characters). {_ADVICE}"
        )


def _check_length(text: str, limits: Limits) -> None:
    if len(text) > limits.max_text_chars:
        raise Rejection(
            errors.TOO_LARGE,
            f"The article text is {len(text)} characters; the limit is {limits.max_text_chars}. "
            "Upload one article per file.",
        )


# --- shape ------------------------------------------------------------------------------------

_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h[1-6]|section|main|span|"
    r"table|br|a\s|!--|\?xml)",
    re.IGNORECASE,
)
_HTML_ANY_TAG = re.compile(r"<(?:html|body|p|div|article|br|h[1-6])\b[^>]{0,200}>", re.IGNORECASE)


_FEED = re.compile(r"(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,500}?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)


def _looks_json(stripped: str, key: str, ctype: str) -> bool:
    if stripped[:1] == "{":
        return True
    if stripped[:1] != "[":
        return False
    # "[" also opens plain text such as "[Reuters] ..." or "[UPDATED] ...": JSON only when it says so.
    return (
        bool(re.match(r"\[\s*(?:[{\[\"]|\]|-?\d|true|false|null)", stripped))
        or key.endswith((".json", ".json.gz", ".jsonl", ".ndjson"))
        or "json" in ctype
    )


def _looks_html(stripped: str, key: str, ctype: str) -> bool:
    if stripped[:1] == "<" and _HTML_START.match(stripped):
        return True
    hinted = key.endswith((".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")) or "html" in ctype
    return hinted and bool(_HTML_ANY_TAG.search(stripped[:20_000]))


# --- JSON -------------------------------------------------------------------------------------

_TITLE_KEYS = ("title", "headline", "name")
_BODY_KEYS = (
    "body",
    "text",
    "content",
    "articleBody",
    "article_body",
    "body_text",
    "fulltext",
    "full_text",
    "maintext",
    "main_text",
    "story",
    "description_full",
)
_URL_KEYS = ("url", "link", "canonical_url", "source_url", "permalink", "href")
_DATE_KEYS = (
    "published",
    "date",
    "datePublished",
    "published_at",
    "pubDate",
    "publishedAt",
    "publish_date",
    "date_published",
    "published_date",
    "created_at",
    "dateCreated",
    "time",
    "timestamp",
    "dateModified",
    "updated_at",
)
_AUTHOR_KEYS = ("author", "byline", "authors", "creator", "writer")
_NESTED_KEYS = (
    "article",
    "data",
    "item",
    "story",
    "post",
    "result",
    "document",
    "doc",
    "record",
    "entry",
    "payload",
    "news",
)
_HTML_IN_TEXT = re.compile(
    r"</?(?:p|div|br|span|a|em|strong|b|i|h[1-6]|ul|ol|li|blockquote|figure|img)\b[^>]{0,500}>", re.IGNORECASE
)


def _from_json(text: str, notes: list[str], encoding: str, limits: Limits, *, strict: bool) -> DecodedArticle:
    try:
        obj: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = _json_lines(text)
        if lines is not None:
            raise Rejection(
                errors.JSON_ARRAY,
                f"The upload is JSON Lines with {lines} records; upload one article per file.",
            ) from exc
        if not strict:
            _check_length(text, limits)
            return DecodedArticle(text=text, format="text", notes=notes, encoding=encoding)
        raise Rejection(
            errors.MALFORMED_JSON, f"The JSON is malformed: {exc.msg} at line {exc.lineno}."
        ) from exc
    except RecursionError as exc:
        raise Rejection(errors.MALFORMED_JSON, "The JSON is nested too deeply to be an article.") from exc
    except ValueError as exc:  # e.g. an integer literal beyond Python's digit limit
        raise Rejection(
            errors.MALFORMED_JSON, f"The JSON holds a value that cannot be read ({exc})."
        ) from exc
    if isinstance(obj, list):
        articles = [item for item in obj if isinstance(item, dict)]
        if len(obj) == 1 and len(articles) == 1:
            obj = articles[0]
            notes.append("json: the array's only article")
        elif not obj:
            raise Rejection(errors.NO_TEXT, "The JSON is an empty array: there is no article in it.")
        else:
            raise Rejection(
                errors.JSON_ARRAY,
                f"The JSON is an array of {len(obj)} items; upload one article per file "
                "(one JSON object with title and body).",
            )
    if not isinstance(obj, dict):
        raise Rejection(
            errors.MALFORMED_JSON,
            f"The JSON is a {type(obj).__name__}; it must be one object with the article's fields.",
        )
    record = _article_object(obj)
    body = _body_of(record)
    if body is None:
        raise Rejection(
            errors.NO_TEXT,
            "The JSON has no body, text, content or articleBody field with text.",
        )
    if _HTML_IN_TEXT.search(body[:20_000]):
        body = html_to_text(body)
        notes.append("json: body markup converted to text")
    if not body.strip():
        raise Rejection(errors.NO_TEXT, "The JSON body field holds no text once its markup is removed.")
    _check_length(body, limits)
    title = _first_str(
        record, _TITLE_KEYS if record is not obj or "headline" in obj else ("title", "headline")
    )
    if title and ("<" in title or "&" in title):
        title = _squash(html_to_text(title))
    if title and len(title) > _MAX_TITLE_CHARS:
        title = title[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
        notes.append("json: title truncated")
    return DecodedArticle(
        text=body,
        format="json",
        title=title or None,
        published=_date_of(record),
        author=_author_of(record),
        url=_first_str(record, _URL_KEYS),
        notes=notes,
        encoding=encoding,
        sitename=_first_str(record, ("site", "sitename", "site_name", "source", "publisher")),
        description=_first_str(record, ("description", "summary", "abstract")),
    )


def _json_lines(text: str) -> int | None:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    try:
        if all(isinstance(json.loads(line), dict) for line in lines[:50]):
            return len(lines)
    except (ValueError, RecursionError):
        return None
    return None


def _article_object(obj: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """The dict holding the article: the top level, a nested ``article``-like object (up to 3 levels
    down, e.g. ``{"data": {"article": {...}}}``), or a JSON-LD ``@graph`` node."""
    if _body_of(obj) is not None or depth > 3:
        return obj
    graph = obj.get("@graph")
    if isinstance(graph, list):
        for node in graph:
            if isinstance(node, dict) and _body_of(node) is not None:
                return {**obj, **node}
    for name in _NESTED_KEYS:
        inner = obj.get(name)
        if isinstance(inner, dict):
            found = _article_object(inner, depth + 1)
            if _body_of(found) is not None:
                # Outer fields (url, date) fill what the inner object lacks.
                return {**{k: v for k, v in obj.items() if k != name}, **found}
    return obj


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _first_str(obj: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            return value if len(value) <= _MAX_FIELD_CHARS else value[:_MAX_FIELD_CHARS]
    return None


def _body_of(obj: dict[str, Any]) -> str | None:
    for name in _BODY_KEYS:
        value = obj.get(name)
        text = _text_of(value)
        if text and text.strip():
            return text.strip()
    return None


def _text_of(value: Any, depth: int = 0) -> str | None:
    if isinstance(value, str):
        return value
    if depth > 3:
        return None
    if isinstance(value, list):
        parts = [_text_of(item, depth + 1) for item in value[:10_000]]
        joined = "\n\n".join(p.strip() for p in parts if p and p.strip())
        return joined or None
    if isinstance(value, dict):
        for name in ("text", "value", "html", "content", "body", "plain"):
            inner = _text_of(value.get(name), depth + 1)
            if inner:
                return inner
    return None


def _author_of(obj: dict[str, Any]) -> str | None:
    for name in _AUTHOR_KEYS:
        names = _names(obj.get(name))
        if names:
            return ", ".join(dict.fromkeys(names))[:_MAX_FIELD_CHARS]
    return None


def _names(value: Any, depth: int = 0) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if depth > 2:
        return []
    if isinstance(value, dict):
        return _names(value.get("name") or value.get("full_name") or value.get("display_name"), depth + 1)
    if isinstance(value, list):
        return [n for item in value[:50] for n in _names(item, depth + 1)]
    return []


def _date_of(obj: dict[str, Any]) -> str | None:
    for name in _DATE_KEYS:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()[:100]
        if isinstance(value, dict):
            inner = value.get("$date") or value.get("date")
            if isinstance(inner, str) and inner.strip():
                return inner.strip()[:100]
        if isinstance(value, int | float) and not isinstance(value, bool):
            stamp = float(value)
            if stamp > 1e11:  # milliseconds
                stamp /= 1000
            if 0 < stamp < 4_102_444_800:  # before 2100
                return datetime.fromtimestamp(stamp, tz=UTC).date().isoformat()
    return None


# --- HTML -------------------------------------------------------------------------------------

_HEAVY = ("script", "style", "svg", "template", "noscript", "iframe", "object")
_DROP_OPEN = re.compile(rf"<({'|'.join(_HEAVY)})\b([^>]{{0,2000}})>", re.IGNORECASE)
_DROP_OPEN_BYTES = re.compile(_DROP_OPEN.pattern.encode(), re.IGNORECASE)
# Closing tags, found case-insensitively without a lowercased copy of the whole page. ASCII text and bytes
# (bytes.lower() changes only A-Z) close at "</tag"; other text at "</tag>" with optional spaces, because a
# lowercased copy of it need not line up (a few characters change length when lowercased).
_CLOSE = {tag: re.compile(rf"</{tag}", re.IGNORECASE) for tag in _HEAVY}


class _SpacedClosers(dict[str, re.Pattern[str]]):
    def __missing__(self, tag: str) -> re.Pattern[str]:
        # In text, re.IGNORECASE also matches U+017F (long s), U+0131 and U+0130 (dotless and dotted i) and
        # U+212A (Kelvin sign) to s, i and k: a "script" tag spelled with them lowers to a key not listed.
        return re.compile(rf"</{re.escape(tag)}\s*>", re.IGNORECASE)


_CLOSE_SPACED = _SpacedClosers({tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _HEAVY})
_CLOSE_BYTES = {tag.encode(): re.compile(rf"</{tag}".encode(), re.IGNORECASE) for tag in _HEAVY}
_MARKS = ("<!--", "-->", ">", "", "script", "ld+json")
_MARKS_BYTES = (b"<!--", b"-->", b">", b"", b"script", b"ld+json")


def _strip_heavy(html: str, *, keep_json_ld: bool, limit: int | None = None) -> str:
    """Remove scripts, styles, SVG and comments in one linear pass (no backtracking regex).

    With ``limit``, stop once more than ``limit`` characters are kept: the caller cuts there anyway.
    """
    closers = _CLOSE if html.isascii() else _CLOSE_SPACED
    return _strip(html, 0, _DROP_OPEN, closers, _MARKS, keep_json_ld=keep_json_ld, limit=limit)


def _strip(
    html: AnyStr,
    pos: int,
    opener: re.Pattern[AnyStr],
    closers: dict[AnyStr, re.Pattern[AnyStr]],
    marks: tuple[AnyStr, AnyStr, AnyStr, AnyStr, AnyStr, AnyStr],
    *,
    keep_json_ld: bool,
    limit: int | None,
) -> AnyStr:
    """The pass behind :func:`_strip_heavy`, for text or UTF-8 bytes, from ``pos`` on."""
    comment_open, comment_close, gt, empty, script, json_ld = marks
    out: list[AnyStr] = []
    room = len(html) + 1 if limit is None else limit + 1  # one past the limit: the caller's cut then shows

    def keep(start: int, end: int) -> None:
        nonlocal room
        piece = html[start : min(end, start + room)]
        out.append(piece)
        room -= len(piece)

    c = html.find(comment_open, pos)
    while room > 0:
        m = opener.search(html, pos)
        if 0 <= c < pos:  # re-search only when passed: a find per iteration would be quadratic
            c = html.find(comment_open, pos)
        if m is None and c < 0:
            keep(pos, len(html))
            break
        if c >= 0 and (m is None or c < m.start()):
            keep(pos, c)
            end = html.find(comment_close, c + 4)
            pos = len(html) if end < 0 else end + 3
            continue
        assert m is not None
        tag = m.group(1).lower()
        if keep_json_ld and tag == script and json_ld in m.group(2).lower():
            keep(pos, m.end())
            pos = m.end()
            continue
        keep(pos, m.start())
        close = closers[tag].search(html, m.end())
        if close is None:
            pos = len(html)
        else:
            end = html.find(gt, close.start())
            pos = len(html) if end < 0 else end + 1
    return empty.join(out)


def _cut_to_budget(html: str, limits: Limits, notes: list[str]) -> str:
    """Cut to ``max_html_bytes`` of UTF-8 (what lxml holds) and ``max_html_tags`` tags."""
    budget = limits.max_html_bytes
    if html.isascii():
        if len(html) > budget:
            html = html[:budget]
            notes.append(f"html: cut to the first {budget} bytes")
    elif len(html) * 4 > budget:  # below that it fits, whatever its characters
        encoded = html.encode("utf-8", "surrogatepass")
        if len(encoded) > budget:
            html = encoded[:budget].decode("utf-8", "ignore")  # "ignore": the character cut in two, if any
            notes.append(f"html: cut to the first {budget} bytes")
        del encoded
    if html.count("<") > limits.max_html_tags:
        pos = -1
        for _ in range(limits.max_html_tags):
            pos = html.find("<", pos + 1)
        html = html[:pos]
        notes.append(f"html: cut to the first {limits.max_html_tags} tags")
    return html


def _large_utf8_html(data: Buffer, key: str, ctype: str, limits: Limits, notes: list[str]) -> str | None:
    """A UTF-8 HTML upload over the HTML budget, stripped and cut as bytes, then decoded; None for anything else.

    The checks are those the upload meets on the usual path (encoding, binary samples, shape), made on its start,
    so it is rejected, or passed on, as it would be there. Only the page is never decoded whole: as a string,
    20 MiB of HTML with one emoji in it would take 80 MiB.
    """
    start = 0
    bom = _bom_encoding(data)
    if bom is not None:
        if bom[0] != "utf-8":
            return None
        start = bom[1]
        if data.startswith(codecs.BOM_UTF8, start):  # the usual path drops one more U+FEFF
            start += len(codecs.BOM_UTF8)
    elif _utf16_without_bom(data):
        return None
    else:
        _check_sample_is_text(data)
    if not _is_utf8(data, start):
        return None  # a legacy charset: the usual path decodes it as declared or detected
    window = 4 * _SNIFF
    prefix = codecs.getincrementaldecoder("utf-8")().decode(data[start : start + window])
    _check_text_is_text(prefix[:_SNIFF])
    if not prefix or prefix.isspace():
        return None
    space = _LEADING_SPACE.match(prefix).end()  # type: ignore[union-attr]  # \s* always matches
    head = prefix[space : space + _SNIFF]
    if len(head) < 20_000 and len(data) > start + window:
        return None  # a long run of leading whitespace: left to the usual path
    if _looks_json(head, key, ctype) or _FEED.match(head[:2000]) or not _looks_html(head, key, ctype):
        return None
    budget = limits.max_html_bytes
    # cast: the pass only slices, finds and searches, which a bytearray does as bytes do; the join gives bytes.
    html = _strip(
        cast(bytes, data),
        start,
        _DROP_OPEN_BYTES,
        _CLOSE_BYTES,
        _MARKS_BYTES,
        keep_json_ld=True,
        limit=budget,
    )
    if len(html) > budget:
        cut = budget
        while cut > 0 and 0x80 <= html[cut] < 0xC0:  # back to the first byte of a character
            cut -= 1
        html = html[:cut]
        notes.append(f"html: cut to the first {budget} bytes")
    return html.decode("utf-8")


def _from_html(html: str, notes: list[str], encoding: str, limits: Limits) -> DecodedArticle:
    if len(html) > 200_000 or html.count("<") > limits.max_html_tags:
        html = _strip_heavy(html, keep_json_ld=True, limit=limits.max_html_bytes)
    html = _cut_to_budget(html, limits, notes)
    from article_pipeline.pipeline import html_main  # lazy: only HTML uploads pay for lxml

    page = html_main.extract(html)
    text, fields = page.text, vars(page)  # the page's metadata is html_main's on either path
    # Unsure pages (~15%: no clear main container, or too little text in it) take trafilatura's paragraphs and
    # those only html_main found; partial ones (~7%: a clear container holding under 70% of the page's text
    # outside links) keep html_main's and add trafilatura's long ones, unless the page is too large for a
    # second opinion in time.
    if not page.confident and not (page.partial and html.count("<") > _PARTIAL_TAGS):
        notes.append("html: fallback extractor")
        theirs = [line for line in _trafilatura(html).split("\n") if line.strip()]
        ours = page.text.split("\n\n") if page.text else []
        if page.partial:
            text = _merge(ours, theirs, _MIN_ADDED_CHARS, sep="\n\n")
        elif theirs:
            text = _merge(theirs, ours)
    if not text.strip():
        raise Rejection(errors.NO_TEXT, "The HTML page has no main text that could be extracted.")
    _check_length(text, limits)

    def meta(name: str) -> str | None:
        value = fields.get(name)
        return value.strip()[:_MAX_FIELD_CHARS] if isinstance(value, str) and value.strip() else None

    title = meta("title")
    sitename = meta("sitename")
    if title and sitename:
        title = _drop_site_suffix(title, sitename)
    if title and len(title) > _MAX_TITLE_CHARS:
        title = title[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return DecodedArticle(
        text=text,
        format="html",
        title=title,
        published=meta("published"),
        author=meta("author"),
        url=meta("url"),
        notes=notes,
        encoding=encoding,
        sitename=sitename,
        description=meta("description"),
        language=meta("language"),
    )


def _trafilatura(html: str) -> str:
    """trafilatura's main text: the fallback for pages without a clear main container.

    Measured on trafilatura's evaluation pages (tune split) against ``favor_precision`` with metadata, the
    previous fallback: ``fast`` (no readability / jusText second opinions) and no metadata (html_main has
    it already; trafilatura's date and metadata search tripled the time of a fallback page) scores higher
    on the pages that fall back and costs about a third of the time.
    """
    from trafilatura import bare_extraction  # lazy: only pages the fast extractor is unsure of pay for it

    document = bare_extraction(
        html,
        include_comments=False,  # reader comments are not the article
        include_tables=True,
        with_metadata=False,
        fast=True,
    )
    return getattr(document, "text", None) or ""


def _merge(base: list[str], extra: list[str], min_chars: int = 0, sep: str = "\n") -> str:
    """The paragraphs of ``base`` with those of ``extra`` that it lacks (of at least ``min_chars``), each after
    the last paragraph the two share, joined by ``sep``."""
    flat = [" ".join(line.split()) for line in base]
    whole = " ".join(flat)
    inserts: dict[int, list[str]] = {}
    cursor = -1
    for paragraph in extra:
        probe = " ".join(paragraph.split())
        if not probe:
            continue
        at = next((i for i, line in enumerate(flat) if probe in line), None)
        if at is not None:
            cursor = at
        elif len(paragraph) >= min_chars and probe not in whole:
            inserts.setdefault(cursor, []).append(paragraph)
    merged = inserts.get(-1, [])
    for i, line in enumerate(base):
        merged.append(line)
        merged.extend(inserts.get(i, []))
    return sep.join(merged)


# Tags above which a partial page asks no second opinion: trafilatura's time grows with them, and the decode
# stage's p95 (40 ms) allows it on the smaller pages only (measured on trafilatura's evaluation set).
_PARTIAL_TAGS = 2500
_MIN_ADDED_CHARS = 150  # a paragraph of the fallback's added to a partial text: a story's, not a teaser's


def _drop_site_suffix(title: str, sitename: str) -> str:
    for sep in (" - ", " | ", " \u2013 ", " \u2014 ", " :: ", " · "):
        suffix = sep + sitename
        if title.lower().endswith(suffix.lower()) and len(title) > len(suffix) + 10:
            return title[: -len(suffix)].strip()
    return title


_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|section|article|figure|figcaption|tr|table|"
    r"header|footer|aside|pre)\b[^>]{0,2000}>",
    re.IGNORECASE,
)
_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")


def html_to_text(fragment: str) -> str:
    """Markup in a JSON body or title -> plain text with blank lines between blocks (linear time)."""
    text = _strip_heavy(fragment, keep_json_ld=False)
    text = _BR_TAG.sub("\n", text)
    text = _BLOCK_TAG.sub("\n\n", text)
    text = _ANY_TAG.sub("", text)
    text = html_lib.unescape(text)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


__all__ = ["DEFAULT_LIMITS", "DecodedArticle", "Limits", "decode", "html_to_text"]
