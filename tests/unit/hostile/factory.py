# ruff: noqa: RUF001  # look-alike letters, typographic quotes and dashes are the test data
"""Hostile uploads, generated in memory (nothing large is committed).

Each case says what the pipeline must answer: a processed record (optionally with a fix noted) or
a rejection with a stable code. ``build`` is called lazily so that collecting the tests stays cheap.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

ARTICLE = (
    "ALMATY — Kazakhstan and the European Union opened talks on visa facilitation on Dec. 2 in Brussels, "
    "officials said.\n\nThe next round of consultations is scheduled to take place in Astana in 2026, the "
    "Foreign Ministry said in a statement on Wednesday.\n"
)
HTML_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Visa talks open</title></head><body>"
    "<article><h1>Visa talks open</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    + "<p>Officials from both sides described the first round of talks as constructive and said they "
    "expected to meet again in the spring to agree on the remaining technical questions.</p>"
    "</article></body></html>"
)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    expect: str  # "processed" or a rejection code
    key: str = "incoming/article.txt"
    content_type: str | None = None
    seconds: float = 5.0
    fix: str | None = None  # a substring expected in cleaning.fixes (processed cases)
    absent: str | None = None  # text that must not survive into the body


def _gzip_bomb() -> bytes:
    # 30 MB of zeros compress to ~30 KB: beyond the 20 MB decompression cap.
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        block = b"\x00" * (1 << 20)
        for _ in range(30):
            gz.write(block)
    return out.getvalue()


def _text_bomb() -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        block = b"word " * 200_000
        for _ in range(25):
            gz.write(block)
    return out.getvalue()


def _zip(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(name, "<w:document/>")
    return out.getvalue()


def _png() -> bytes:
    header = b"\x89PNG\r\n\x1a\n"
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return header + chunk + b"\x00" * 64


def _json(obj: object) -> Callable[[], bytes]:
    return lambda: json.dumps(obj).encode()


def _nested_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


CASES: list[Case] = [
    # --- nothing there
    Case("empty", lambda: b"", "empty"),
    Case("whitespace_only", lambda: b" \n\t\r\n   \n", "empty"),
    Case("utf16_whitespace_only", lambda: codecs.BOM_UTF16_LE + "   \n  ".encode("utf-16-le"), "empty"),
    Case("bom_only", lambda: codecs.BOM_UTF8, "empty"),
    Case("zero_width_only", "\u200b\u200b\ufeff\u200d".encode, "no_text"),
    # --- sizes
    Case("upload_50mb", lambda: b"a" * (50 * 1024 * 1024), "too_large"),
    Case("one_5mb_line", lambda: b"word " * (1024 * 1024), "too_large", seconds=5.0),
    Case("gzip_bomb", _gzip_bomb, "decompression_limit", key="incoming/a.txt.gz"),
    Case("gzip_text_bomb", _text_bomb, "decompression_limit", key="incoming/a.txt.gz"),
    Case("gzip_truncated", lambda: gzip.compress(ARTICLE.encode())[:-12], "undecodable", key="incoming/a.gz"),
    Case("gzip_corrupt", lambda: b"\x1f\x8b\x08\x00" + b"\xff" * 200, "undecodable", key="incoming/a.gz"),
    Case("gzip_of_article", lambda: gzip.compress(ARTICLE.encode()), "processed", key="incoming/a.bin"),
    Case("gzip_of_gzip", lambda: gzip.compress(gzip.compress(ARTICLE.encode())), "processed"),
    Case("gzip_of_pdf", lambda: gzip.compress(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "unsupported_type"),
    # --- binary and documents
    Case("png", _png, "unsupported_type", key="incoming/article.txt"),
    Case("jpeg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 100, "unsupported_type"),
    Case("gif", lambda: b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 20, "unsupported_type"),
    Case("pdf", lambda: b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "unsupported_type"),
    Case("zip", lambda: _zip("notes.txt"), "unsupported_type"),
    Case("docx", lambda: _zip("word/document.xml"), "unsupported_type", key="incoming/a.docx"),
    Case("elf", lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "unsupported_type"),
    Case("random_binary", lambda: bytes((i * 7919 + 13) % 256 for i in range(4096)), "binary"),
    Case("nul_heavy", lambda: b"text\x00" * 500, "binary"),
    Case("svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><text>hi</text></svg>', "unsupported_type"),
    # --- encodings
    Case("invalid_utf8_bytes", lambda: ARTICLE.encode() + b"\xff\xfe\xc3\x28 more text here.", "processed"),
    Case("utf16_le_bom", lambda: codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "processed"),
    Case("utf16_be_bom", lambda: codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "processed"),
    Case("utf16_le_no_bom", lambda: ARTICLE.encode("utf-16-le"), "processed"),
    Case("utf16_be_no_bom", lambda: ARTICLE.encode("utf-16-be"), "processed"),
    Case("utf32_bom", lambda: codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "processed"),
    Case("utf8_bom", lambda: codecs.BOM_UTF8 + ARTICLE.encode(), "processed", absent="\ufeff"),
    Case(
        "latin1_mislabelled_utf8",
        lambda: ("Café owners in Zürich said the façade was restored. " * 5).encode("latin-1"),
        "processed",
        content_type="text/plain; charset=utf-8",
        absent="\ufffd",
    ),
    Case(
        "html_meta_charset_cp1252",
        lambda: (
            HTML_PAGE.replace("utf-8", "windows-1252").replace("talks", "talks – “quoted”").encode("cp1252")
        ),
        "processed",
        key="incoming/a.html",
        absent="\ufffd",
    ),
    Case(
        "mojibake_text",
        lambda: ARTICLE.replace("—", "â€”").replace("said", "saidâ€™s").encode(),
        "processed",
        fix="mojibake",
        absent="â€",
    ),
    # --- invisible and deceptive characters
    Case(
        "nul_and_controls_sprinkled",
        lambda: ARTICLE.replace("talks", "ta\x00lks\x07").encode(),
        "processed",
        fix="control",
        absent="\x07",
    ),
    Case(
        "rtl_override",
        lambda: ARTICLE.replace("Astana", "\u202eanatsA\u202c").encode(),
        "processed",
        fix="bidi",
        absent="\u202e",
    ),
    Case(
        "zero_width_inside_words",
        lambda: ARTICLE.replace("Brussels", "Brus\u200bsels").encode(),
        "processed",
        fix="zero-width",
        absent="\u200b",
    ),
    Case(
        "homoglyph_in_name",
        lambda: ARTICLE.replace("Astana", "Astanа").encode(),
        "processed",
        fix="homoglyph",
        absent="Astanа",
    ),
    Case("nbsp_everywhere", lambda: ARTICLE.replace(" ", "\u00a0").encode(), "processed", fix="space"),
    Case("control_char_storm", lambda: bytes(range(1, 9)) * 600, "binary"),
    # --- HTML
    Case(
        "html_deeply_nested",
        (
            "<html><body>"
            + "<div>" * 100_000
            + "<p>Deep text here.</p>"
            + "</div>" * 100_000
            + "</body></html>"
        ).encode,
        "no_text",
        key="incoming/a.html",
        seconds=8.0,
    ),
    Case(
        "html_unclosed_tags",
        ("<html><body>" + "<div><p>word " * 60_000).encode,
        "processed",
        key="incoming/a.html",
        seconds=8.0,
    ),
    Case(
        "html_many_spans",
        ("<html><body><p>" + "<span>a</span>" * 300_000 + "</p></body></html>").encode,
        "processed",
        key="incoming/a.html",
        seconds=8.0,
    ),
    Case(
        "html_only_script_style",
        (
            "<html><head><style>p{color:red}</style><script>var a = 1;</script></head><body>"
            "<script>document.write('x')</script></body></html>"
        ).encode,
        "no_text",
        key="incoming/a.html",
    ),
    Case(
        "html_scripts_huge",
        (
            "<html><head>"
            + "<script>var a=1;</script>" * 100_000
            + "</head><body>"
            + HTML_PAGE
            + "</body></html>"
        ).encode,
        "processed",
        key="incoming/a.html",
        seconds=8.0,
    ),
    Case(
        "html_unclosed_script",
        ("<html><body><p>Intro text.</p><script>" + "x" * 300_000).encode,
        "processed",
        key="incoming/a.html",
        absent="xxxx",
    ),
    Case("html_good", HTML_PAGE.encode, "processed", key="incoming/a.html"),
    Case(
        "html_entity_title",
        lambda: HTML_PAGE.replace("<title>Visa talks open", "<title>Visa &amp; talks").encode(),
        "processed",
        key="incoming/a.html",
    ),
    Case(
        "rss_feed",
        lambda: (
            b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title></item></channel></rss>'
        ),
        "unsupported_type",
        key="incoming/feed.xml",
    ),
    # --- JSON
    Case(
        "json_good",
        _json({"title": "Visa talks", "body": ARTICLE, "published": "Dec. 2, 2025"}),
        "processed",
        key="incoming/a.json",
    ),
    Case(
        "json_nested_article",
        _json({"article": {"headline": "Visa talks", "articleBody": ARTICLE}}),
        "processed",
        key="incoming/a.json",
    ),
    Case("json_missing_body", _json({"title": "Visa talks", "url": "https://example.com"}), "no_text"),
    Case("json_null_fields", _json({"title": None, "body": None, "author": None}), "no_text"),
    Case(
        "json_wrong_types",
        _json({"title": 42, "body": ARTICLE, "author": {"x": 1}, "published": [1, 2], "url": False}),
        "processed",
    ),
    Case("json_body_number", _json({"title": "T", "body": 12345}), "no_text"),
    Case("json_huge_title", _json({"title": "word " * 100_000, "body": ARTICLE}), "processed"),
    Case("json_huge_body", _json({"title": "T", "body": "word " * 400_000}), "too_large"),
    Case(
        "json_array_many",
        _json([{"title": "A", "body": ARTICLE}, {"title": "B", "body": ARTICLE}]),
        "json_array",
    ),
    Case("json_array_one", _json([{"title": "A", "body": ARTICLE}]), "processed"),
    Case("json_array_empty", lambda: b"[]", "no_text"),
    Case(
        "json_lines",
        (json.dumps({"body": ARTICLE}) + "\n" + json.dumps({"body": ARTICLE})).encode,
        "json_array",
    ),
    Case("json_malformed", lambda: b'{"title": "A", "body": "unterminated', "malformed_json"),
    Case("json_deeply_nested", lambda: _nested_json(200_000), "malformed_json"),
    Case("json_huge_integer", lambda: b'{"body": ' + b"9" * 10_000 + b"}", "malformed_json"),
    Case("json_scalar", lambda: b'{"a": 1}'[:0] + b'"just a string"', "processed"),
    Case(
        "json_html_body",
        _json(
            {
                "title": "T",
                "content": "<p>First paragraph of the story.</p><p>Second "
                "paragraph of the story.</p><script>alert(1)</script>",
            }
        ),
        "processed",
        absent="<p>",
    ),
    Case(
        "json_author_list",
        _json({"body": ARTICLE, "author": [{"name": "Jane Doe"}, "John Roe"]}),
        "processed",
    ),
    Case("json_epoch_date", _json({"body": ARTICLE, "published": 1764633600}), "processed"),
    # --- plain text oddities
    Case("bracket_text", lambda: b"[UPDATED] " + ARTICLE.encode(), "processed"),
    Case("crlf_text", lambda: ARTICLE.replace("\n", "\r\n").encode(), "processed", absent="\r"),
    # --- languages: mixed scripts, right-to-left, outside the packs, switching halfway
    Case(
        "mixed_scripts_article",
        (
            "АСТАНА, 3 декабря. Глава МИД Ермек Кошербаев встретился с Kaja Kallas в Брюсселе. "
            "Он сказал: «Это важный шаг». 香港行政长官梁振英道歉。 Kallas said the talks were useful.\n"
        ).encode,
        "processed",
    ),
    Case(
        "right_to_left_text",
        (
            "دمشق، سوريا (CNN) -- أكدت جهات سورية معارضة أن فصائل مسلحة تمكنت من السيطرة على مستودعات للأسلحة "
            "في منطقة القلمون بقيمة $5 مليون، وفق ما قال ناشطون.\n"
        ).encode,
        "processed",
    ),
    Case(
        "language_outside_the_packs",
        lambda: (
            b"Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada hari Senin. Proyek senilai "
            b"Rp 5 triliun itu diharapkan mempercepat distribusi barang, kata menteri pekerjaan umum.\n"
        ),
        "processed",
    ),
    Case(
        "language_switches_halfway",
        (
            ARTICLE + "\nBundeskanzler Friedrich Merz hat am Dienstag den französischen Präsidenten "
            "Emmanuel Macron in Berlin empfangen. Die Regierung will 86 Milliarden Euro investieren.\n"
        ).encode,
        "processed",
    ),
    Case(
        "only_boilerplate",
        lambda: b"Advertisement\n\nShare on Facebook\n\nSign up for our newsletter\n",
        "no_text",
    ),
]
