# ruff: noqa: RUF001, RUF003  # look-alike letters, typographic quotes and dashes are what this module repairs (and its comments show)
"""Clean stage: decoded text -> article body, with header metadata and a list of what changed.

Three passes, each recorded:

1. Unicode repair (``fixes``): mojibake (ftfy, only when a mojibake signature is present: ftfy
   costs ~100 ms to import and ~2 ms per 5 KB), zero-width and other invisible characters, bidi
   controls, C0/C1 control characters, odd spaces (no-break, thin, ideographic) -> space,
   look-alike letters from another script inside a word of mostly one script (Cyrillic/Greek
   letters in a Latin word, Latin letters in a Cyrillic word), NFC, runs of spaces collapsed.
   Words written wholly in another script are never touched.
2. Structure and boilerplate (``removed``): scraped header lines at the top (``date 2025-12-02``,
   ``Published: ...``, ``Updated ...``, ``By Name``) become ``header_date``/``author``; photo
   captions and credits, share/subscribe/newsletter/related-links/cookie/advertisement lines are
   removed. Every rule applies to a whole short line (never to a long paragraph, except a photo
   credit that ends a caption line), and each was written against real article sentences that look
   similar (see tests/unit/test_clean.py) to keep false positives rare.
3. Dateline: ``ALMATY —``, ``WASHINGTON (AP) —``, ``NEW YORK, March 3 (Reuters) -``,
   ``Indianapolis, IN —`` at the start of the first paragraphs; it stays in the body.

Paragraphs are separated by one blank line in the output. A line that ends mid-sentence and is
followed by a line starting in lower case is a hard wrap and is joined. ``clean`` is idempotent
(``clean(clean(x).body).body == clean(x).body``) and never raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from article_pipeline.pipeline.gazetteer import lookup_place
from article_pipeline.pipeline.langpack import english
from article_pipeline.pipeline.metadata import normalise_date

_EN = english()


@dataclass(frozen=True)
class CleanedArticle:
    body: str
    dateline: str | None = None
    header_date: str | None = None  # ISO date from a scraped header line
    removed: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    author: str | None = None  # from a "By Name" header line
    updated_date: str | None = None  # ISO date from an "Updated ..." header line


def clean(text: str) -> CleanedArticle:
    """Clean one article's text. Never raises.

    ``header_date`` is the "Published"/"Date" header's date, else an "Updated" header's date (the
    update is also kept apart in ``updated_date``). Measured: ~0.5-1.5 ms per 5 KB article, ~15 ms
    for a 50 KB Greek article; +2-5 ms when ftfy repairs mojibake (+~100 ms once for its import).
    """
    text = text if isinstance(text, str) else str(text)
    try:
        return _clean(text)
    except Exception as exc:  # a safety net: an unforeseen input must cost the cleaning, not the article
        body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
        return CleanedArticle(
            body=body, fixes=[f"cleaning skipped after an internal error ({type(exc).__name__})"]
        )


def _clean(text: str) -> CleanedArticle:
    removed: list[str] = []
    fixes: list[str] = []
    text = repair_unicode(text, fixes)
    paragraphs = _paragraphs(text)
    header = _strip_header(paragraphs, removed)
    paragraphs = _drop_boilerplate(header.rest, removed)
    body = "\n\n".join(paragraphs)
    return CleanedArticle(
        body=body,
        dateline=find_dateline(paragraphs),
        header_date=header.date or header.updated,
        removed=removed,
        fixes=fixes,
        author=header.author,
        updated_date=header.updated,
    )


# --- 1. Unicode -------------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_LINE_SEPARATORS = ("\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")
# UTF-8 read as cp1252/Latin-1: "Ã©", "â€™", "Â ", "Ã¼"; Cyrillic read as cp1252: "Ð¿Ñ€".
_MOJIBAKE = re.compile(
    "[\u00c2-\u00c3\u00c5\u00d0\u00d1][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|\u00e2\u20ac|\u00ef\u00bb\u00bf"
)
_MOJIBAKE_LEADS = "ÂÃÅÐÑâï"
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u180e\u00ad\u034f\u2061-\u2064\ufff9-\ufffb]")
# ZWJ/ZWNJ are letters' glue in Persian, Indic scripts and emoji: removed only beside ASCII/space/edge.
_JOINERS = re.compile(
    "(?:(?<=[\\x00-\\x7f])|^)[\u200c\u200d]+|[\u200c\u200d]+(?=[\\x00-\\x7f]|$)", re.MULTILINE
)
# Embeddings and overrides (the "Trojan source" characters) always go; isolates and direction marks are
# legitimate in Hebrew, Arabic or Persian text and go only from texts without right-to-left letters.
_BIDI = re.compile("[\u202a-\u202e]")
_BIDI_ALL = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TAGS = re.compile("(?<!\U0001f3f4)[\U000e0000-\U000e007f]+")
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u2060-\u2064\ufeff\u180e\u00ad\u034f\ufff9-\ufffb\u202a-\u202e"
    "\u2066-\u2069\u061c\x00-\x08\x0e-\x1f\x7f-\x9f\U000e0000-\U000e007f]"
)
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACES = re.compile(r"[ \t]{2,}|\t")


def repair_unicode(text: str, fixes: list[str]) -> str:
    """Unicode repairs, each noted in ``fixes``. Idempotent: a removal can bring two characters together
    that make a new mojibake pair or look-alike word, so a pass that changed something is run again."""
    for _ in range(3):
        before = len(fixes)
        text = _repair_once(text, fixes)
        if len(fixes) == before:  # nothing was repaired: whitespace tidying alone creates nothing new
            break
    return text


def _repair_once(text: str, fixes: list[str]) -> str:
    # Each regex pass costs ~0.2 ms per 4 KB of non-ASCII text: cheap substring checks guard them.
    if any(separator in text for separator in _LINE_SEPARATORS):
        text = _NEWLINES.sub("\n", text)
    if any(lead in text for lead in _MOJIBAKE_LEADS) and _MOJIBAKE.search(text):
        repaired = _fix_mojibake(text)
        if repaired != text:
            text = repaired
            fixes.append("mojibake repaired")
    for pattern, what in (
        ()
        if not _INVISIBLE.search(text)
        else (
            (_ZERO_WIDTH, "zero-width or invisible"),
            (_JOINERS, "stray zero-width joiner"),
            (_BIDI if _RTL.search(text) else _BIDI_ALL, "bidi control"),
            (_CONTROL, "control"),
            (_TAGS, "invisible tag"),
        )
    ):
        text, count = pattern.subn("", text)
        if count:
            fixes.append(f"removed {count} {what} character{'s' if count > 1 else ''}")
    text, count = _ODD_SPACE.subn(" ", text) if not text.isascii() else (text, 0)
    if count:
        fixes.append(f"replaced {count} no-break or special space{'s' if count > 1 else ''} with spaces")
    text = _fix_homoglyphs(text, fixes)
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        fixes.append("normalised to NFC")
        text = normal
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()  # _paragraphs strips each line


def _fix_mojibake(text: str) -> str:
    try:
        import ftfy  # lazy: ~100 ms import, paid only by texts with a mojibake signature

        return ftfy.fix_encoding(text)
    except Exception:  # a repair must never lose the article
        return text


# Letters of Cyrillic and Greek that look like Latin ones (Unicode confusables, the unambiguous subset).
_TO_LATIN = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Һ": "H", "Ԛ": "Q", "Ԝ": "W", "Ү": "Y", "Ӏ": "I",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "α": "a", "ι": "i", "κ": "k", "ρ": "p",
    "υ": "u", "ϲ": "c", "ϳ": "j",
}  # fmt: skip
_TO_CYRILLIC = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "k": "к",
    "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р", "C": "С", "T": "Т", "X": "Х",
}  # fmt: skip
_FOREIGN = re.compile("[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")
# A word mixing scripts has a Latin letter right beside a Cyrillic/Greek one: only those spots are visited,
# so a Russian or Greek article costs one regex scan, not one match per letter.
_LATIN_CLASS = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_FOREIGN_CLASS = "\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff"
_MIXED = re.compile(f"[{_LATIN_CLASS}][{_FOREIGN_CLASS}]|[{_FOREIGN_CLASS}][{_LATIN_CLASS}]")


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x400 <= code <= 0x52F:
        return "cyrillic"
    if 0x370 <= code <= 0x3FF or 0x1F00 <= code <= 0x1FFF:
        return "greek"
    return "other"


_AROUND = 300  # characters each side of a word whose letters are half of each script
_CLEAR_MAJORITY = 3  # the script around must have this many times the letters of the other


def _surrounding_script(text: str, start: int, end: int) -> str | None:
    """The script of the letters around ``text[start:end]`` when one clearly dominates, else None (a
    bilingual passage does not settle the tie)."""
    latin = foreign = 0
    for ch in text[max(0, start - _AROUND) : start] + " " + text[end : end + _AROUND]:
        if ch.isalpha():
            script = _script(ch)
            latin += script == "latin"
            foreign += script in ("cyrillic", "greek")
    if latin >= _CLEAR_MAJORITY * max(foreign, 1):
        return "latin"
    if foreign >= _CLEAR_MAJORITY * max(latin, 1):
        return "cyrillic"
    return None


def _fix_homoglyphs(text: str, fixes: list[str]) -> str:
    if not _FOREIGN.search(text):
        return text  # fast path: no Cyrillic or Greek letter at all

    def repair(word: str, start: int, end: int) -> str:
        scripts = [_script(ch) for ch in word]
        latin = scripts.count("latin")
        if "latin" not in scripts or "other" in scripts:
            return word
        cyrillic = scripts.count("cyrillic")
        greek = scripts.count("greek")
        if latin == cyrillic + greek:  # a tie ("tо", "wе"): the text around the word says which script it is
            around = _surrounding_script(text, start, end)
            latin += around == "latin"
            cyrillic += around == "cyrillic"
        fixed = word
        if latin > cyrillic + greek and all(
            ch in _TO_LATIN for ch, s in zip(word, scripts, strict=True) if s != "latin"
        ):
            fixed = "".join(
                _TO_LATIN.get(ch, ch) if s != "latin" else ch for ch, s in zip(word, scripts, strict=True)
            )
        elif (
            cyrillic > latin
            and greek == 0
            and all(ch in _TO_CYRILLIC for ch, s in zip(word, scripts, strict=True) if s == "latin")
        ):
            fixed = "".join(
                _TO_CYRILLIC.get(ch, ch) if s == "latin" else ch for ch, s in zip(word, scripts, strict=True)
            )
        if fixed != word:
            fixes.append(f"homoglyph: {word} -> {fixed}")
        return fixed

    # Expand each Cyrillic/Greek letter to its word by hand: a regex over whole words costs ms per text.
    pieces: list[str] = []
    pos = 0
    for match in _MIXED.finditer(text):
        start = match.start()
        if start < pos:
            continue
        while start > pos and text[start - 1].isalpha():
            start -= 1
        end = match.end()
        while end < len(text) and text[end].isalpha():
            end += 1
        pieces.append(text[pos:start])
        pieces.append(repair(text[start:end], start, end))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


# --- 2. Structure -----------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;…\"”’')\]]$")


def _paragraphs(text: str) -> list[str]:
    """Non-empty lines as paragraphs; a hard-wrapped line (no sentence end, next starts lower case) is joined."""
    out: list[str] = []
    joinable = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and out and line[0].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joinable = not _SENTENCE_END.search(line) and len(out[-1]) >= 40
    return out


_MONTH = rf"(?:{'|'.join(form.capitalize() for form in _EN.longest_first('months'))})\.?"
_WEEKDAY = "|".join(name[:3] for name in _EN.names("weekdays"))  # "Mon", "Monday", "Mon."
_DATE_TEXT = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|(?:(?:{_WEEKDAY})[a-z]*\.?,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
    r"|\d{1,2}/\d{1,2}/\d{4})"
)
_TIME_TEXT = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
# " date 2025-12-02 ALMATY — ..." : a scraper's label and date glued to the first paragraph.
_GLUED_DATE = re.compile(
    rf"^(date|published|posted|updated)\s*:?\s*({_DATE_TEXT}){_TIME_TEXT}\s+(?=\S)", re.IGNORECASE
)
_LEADING_TIME = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*,?\s*(?:on\s+)?)?"
_DATE_LINE = re.compile(
    rf"^(?:(published|posted|date|updated|last updated|last modified|modified|first published)"
    rf"(?:\s+(?:on|at))?\s*:?\s*)?{_LEADING_TIME}({_DATE_TEXT}){_TIME_TEXT}\s*(?:\|.*)?$",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
_BYLINE = re.compile(
    rf"^By\s+({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|and|&|de|da|del|der|van|von|bin|al|el|la|le|du|of|the)){{0,11}})"
    r"\s*(?:[,|•·–—-]\s*(.{0,80}))?$"
)
# Words that open a "By ..." line without a name after them ("By Monday", "By Then")
_NOT_A_NAME = frozenset(
    (
        *_EN.names("weekdays"),
        *_EN.names("months"),
        *_EN.abbreviations("months"),
        *_EN.ordered("byline_not_names"),
    )
)


@dataclass
class _Header:
    rest: list[str]
    date: str | None = None
    updated: str | None = None
    author: str | None = None


def _strip_header(paragraphs: list[str], removed: list[str]) -> _Header:
    """Header lines (dates, bylines, boilerplate) at the top, or just under a headline, are taken off."""
    header = _Header(rest=list(paragraphs))
    rest = header.rest
    at = 0
    while at < len(rest):
        first = rest[at]
        line = _DATE_LINE.match(first) if len(first) <= 120 else None
        if line and normalise_date(line.group(2)):
            _note_date(header, line.group(1) or "date", line.group(2))
            removed.append(rest.pop(at))
            continue
        glued = _GLUED_DATE.match(first)
        if glued:
            _note_date(header, glued.group(1), glued.group(2))
            removed.append(glued.group(0).strip())
            rest[at] = first[glued.end() :]
            continue
        author = _byline(first)
        if author:
            header.author = header.author or author
            removed.append(rest.pop(at))
            continue
        pieces = _removable(first)
        if pieces:
            removed.extend(pieces)
            rest.pop(at)
            continue
        if at == 0 and _headline_like(first) and len(rest) > 1:
            at = 1  # header lines often sit between the headline and the body
            continue
        break
    return header


def _headline_like(line: str) -> bool:
    return len(line) <= 150 and not line.endswith((".", ",", ";", ":")) and _dateline_of(line) is None


def _note_date(header: _Header, label: str, value: str) -> None:
    iso = normalise_date(value)
    if not iso:
        return
    if label.lower().startswith(("updated", "last", "modified")):
        header.updated = header.updated or iso
    else:
        header.date = header.date or iso


def _byline(line: str) -> str | None:
    if len(line) > 120 or (line.endswith((".", "!", "?")) and not re.search(r"\b[A-Z]\.$", line)):
        return None
    match = _BYLINE.match(line)
    if not match:
        return None
    names = match.group(1)
    if names.split()[0].strip(".,") in _NOT_A_NAME:
        return None
    return names.strip()


# Photo captions and credits.
_CAPTION_START = re.compile(
    r"^(?:\(?(?:from\s+)?(?:l\s*(?:to|-|–)\s*r|left\s+to\s+right|r\s*(?:to|-|–)\s*l)\)?\s*[:,.]"
    r"|(?:photo|image|picture|photograph|caption|pictured|file photo|video|graphic|illustration)"
    r"(?:\s+(?:credit|courtesy|caption|source|by))?\s*:"
    r"|image source\b|image caption\b|media caption\b)",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(
    r"(?:\s|^)(?:\(?(?:photo|image|picture|photograph|pictures|photos)\s*(?:credit|courtesy|by|source)?\s*[:/]"
    r"\s*[^.()]{2,80}\)?"
    r"|(?-i:\((?:AP|AFP|Reuters|REUTERS|EPA|Getty|Xinhua|XINHUA|Anadolu|Bloomberg|UPI)\s*(?:Photo|Images|/)[^()]{0,60}\))"
    r"|(?-i:(?:REUTERS|AFP|AP|EPA|XINHUA)/[A-Z][^.()]{2,60})"
    r"|[A-Z][\w .&-]{1,40}(?:/|\s+via\s+)Getty Images)\s*\.?$",
    re.IGNORECASE,
)
_CREDIT_ONLY = re.compile(
    r"^(?:\(?(?:photo|image|picture|photograph|credit|source|courtesy)[\w ]{0,20}[:/].{0,80}\)?"
    r"|(?:[\w .&-]{0,40}(?:/|\s+via\s+))?getty images|shutterstock|(?:ap|afp|reuters|epa) (?:photo|pictures)"
    r"(?:/.{0,60})?)$",
    re.IGNORECASE,
)
_SOCIAL_CORE = _EN.words("share_words")
_SOCIAL_FILLER = _EN.words("share_filler_words")
_FIXED_BOILERPLATE = re.compile(
    r"^(?:advertisement|advertisements|advert|ad|sponsored|sponsored content|paid content|promoted|"
    r"story continues below(?: this)? (?:advertisement|ad)|article continues below(?: advertisement)?|"
    r"continue reading(?: the main story| below)?|scroll to continue(?: with content)?|skip (?:ad|advertisement)|"
    r"supported by|loading\.*|listen to (?:this|the) (?:article|story)(?:\s*[\d:]+\s*(?:min|minutes?)?)?|"
    r"\d+\s*(?:min|minute)s?\s+read|reading time:?.{0,20}|click here to .{0,80}|tap here to .{0,80}|"
    r"follow (?:us|@\w+) on .{0,60}|follow us\b.{0,40}|all rights reserved\.?|"
    r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}).{0,150}|"
    r"(?:subscribe|sign up|sign-up|register|join|get)\b.{0,120}\b(?:newsletter|newsletters|inbox|alerts?|"
    r"digest|briefing|updates|subscription|subscriber)\b.{0,80}|"
    r"(?:already a subscriber|subscribe (?:now|today|here)\b.{0,100}|subscribe for .{0,60}|log ?in to .{0,60}|"
    r"sign in to .{0,60}|create (?:a|your) free account.{0,60}|enter your email.{0,80}|"
    r"thank you for (?:subscribing|signing up).{0,80}|get the latest .{0,80}(?:inbox|app)\.?)|"
    r"(?:we|this (?:web)?site) uses? cookies.{0,300}|.{0,150}\b(?:accept (?:all )?cookies|cookie (?:policy|"
    r"settings|preferences|consent))\b.{0,150}|"
    r"(?:report (?:an error|a correction|a typo)|send us a tip|have a news tip\?.{0,80}|editor'?s picks?)"
    r")$",
    re.IGNORECASE,
)
# Labels of link lists: boilerplate alone ("Related Stories") or with a separator ("Watch: ..."), never
# as the first word of a sentence ("Watch the video to ...", "Related companies said ...").
_LABELLED_BOILERPLATE = re.compile(
    r"^(?:related|read more|see also|also read|read also|more on this(?: story)?|recommended(?: for you)?|"
    r"you may also like|you might also like|most read|most popular|trending(?: now)?|top stories|"
    r"related (?:articles|stories|coverage|content|links|news|topics|reading)|watch|listen|video|read next|"
    r"up next|more from [\w ]{1,40}|more stories|latest news)"
    r"(?:\s*[:|»›>]\s*.{0,200}|\s+-\s+.{0,200})?$",
    re.IGNORECASE,
)


_CREDIT_CONNECTORS = _EN.words("credit_connectors")


def _names_only(text: str) -> bool:
    """A credit names people or agencies: "Ministry of Foreign Affairs", "AFP via Getty Images", not a sentence."""
    words = text.replace("/", " / ").split()
    return len(words) <= 10 and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower().strip(".,()") in _CREDIT_CONNECTORS for w in words
    )


def boilerplate_kind(line: str) -> str | None:
    """The kind of boilerplate a whole line is ("caption", "credit", "share", ...), or None for article text."""
    if len(line) > 600:
        return None
    if len(line) <= 400 and _CAPTION_START.match(line):
        return "caption"
    if len(line) <= 160 and _CREDIT_ONLY.match(line) and _names_only(re.split(r"[:/]", line, maxsplit=1)[-1]):
        return "credit"
    if len(line) <= 120:
        words = re.findall(r"[\w@.+-]+", line.lower())
        # "Share", "Share on Facebook Share on Twitter", "Email Print" (one core word alone must be
        # a label, not e.g. "X" in a list).
        if (
            words
            and any(w in _SOCIAL_CORE for w in words)
            and all(w in _SOCIAL_CORE or w in _SOCIAL_FILLER or w.isdigit() for w in words)
            and (len(words) > 1 or words[0] in ("share", "tweet", "print", "email", "facebook", "twitter"))
        ):
            return "share"
    if len(line) <= 320 and (_FIXED_BOILERPLATE.match(line) or _LABELLED_BOILERPLATE.match(line)):
        return "boilerplate"
    return None


_CREDIT_HINT = _EN.ordered("credit_hints")


def _credit_tail(para: str) -> re.Match[str] | None:
    if len(para) > 500:
        return None
    tail = para[-160:].lower()
    if not any(hint in tail for hint in _CREDIT_HINT):
        return None
    return _CREDIT_TAIL.search(para, max(0, len(para) - 160))


def _removable(para: str) -> list[str] | None:
    """The pieces to remove if ``para`` is boilerplate (a caption with its credit gives two), else None."""
    kind = boilerplate_kind(para)
    credit = _credit_tail(para)
    if credit and credit.start() > 0 and kind in (None, "caption"):
        # A caption ends in a credit; a body paragraph almost never does.
        return [para[: credit.start()].strip(), credit.group(0).strip()]
    if kind or credit:
        return [para]
    return None


def _drop_boilerplate(paragraphs: list[str], removed: list[str]) -> list[str]:
    kept: list[str] = []
    for para in paragraphs:
        pieces = _removable(para)
        if pieces:
            removed.extend(pieces)
        else:
            kept.append(para)
    return kept


# --- 3. Dateline ------------------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-Þ"  # upper-case Latin letters, accented ones included (BOGOTÁ, ZÜRICH)
_LOW = "a-zß-öø-ÿ"
_UPPER_PLACE = (
    rf"[{_UP}][{_UP}.'’/-]*(?:\s+(?:[{_UP}][{_UP}.'’/-]*|de|da|do|del|la|el|al|upon|on|am|sur|es)){{0,3}}"
)
_MIXED_PLACE = (
    rf"[{_UP}][{_LOW}{_UP}.'’-]+(?:\s+(?:[{_UP}][{_LOW}{_UP}.'’-]+|de|da|do|del|la|el|upon|am|sur)){{0,2}}"
)
_QUALIFIER = rf"(?:,\s*(?:{_MONTH}\s+\d{{1,2}}|[{_UP}][\w.'’-]*(?:\s+[{_UP}][\w.'’-]*){{0,3}}))"
_AGENCY = r"(?:\s*\([\w&.' /-]{1,30}\))"
_SEP = r"(?:\s*[—–]\s*|\s*--\s*|\s+-\s+|\s*:\s+)"
_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER_PLACE}|{_MIXED_PLACE})(?P<qual>{_QUALIFIER}{{0,3}})(?P<agency>{_AGENCY}?)(?P<sep>{_SEP})"
    r"(?=[\"“‘'(\[]?[A-Z0-9])"
)
_DATELINE_STOP = _EN.words("dateline_stop_words")


_DATE_QUALIFIER = re.compile(rf",\s*{_MONTH}\s+\d")
_STANDALONE_DATELINE = re.compile(rf"(?P<place>{_UPPER_PLACE})(?P<qual>{_QUALIFIER}{{1,2}})")


def find_dateline(paragraphs: list[str]) -> str | None:
    """The dateline opening the first body paragraph (headline-like lines before it are skipped): the place
    with the region or country that qualifies it, as written ("HAYWARD, Calif.", "HANOI, Vietnam"), without
    a date or an agency ("NEW YORK, March 3 (Reuters) -" gives "NEW YORK")."""
    for index, para in enumerate(paragraphs[:3]):
        place = _dateline_of(para)
        if place:
            return place
        if index + 1 < len(paragraphs) and (standalone := _standalone_dateline(para)):
            return standalone
        if len(para) > 200 or index == 2 or para.endswith((".", "!", "?", "”", '"')):
            return None  # a body paragraph without a dateline: none further down counts
    return None


def _dateline_of(paragraph: str) -> str | None:
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip()
    first_word = re.split(r"[\s.]", place)[0].upper()
    if first_word in _DATELINE_STOP or place.upper() in _DATELINE_STOP:
        return None
    upper = place.upper() == place and sum(ch.isalpha() for ch in place) >= 2
    colon = ":" in match.group("sep")
    qualified = bool(match.group("qual") or match.group("agency"))
    if not upper and colon and not qualified:
        return None  # "Washington: ..." alone is too ambiguous; "Washington, DC, United States:" is fine
    if not upper and not qualified and len(place.split()) > 2:
        return None
    return place + _region_of(match.group("qual"))


def _region_of(qualifiers: str) -> str:
    """The region part of a dateline's qualifiers, as written: what comes before the first date in them
    (", Calif." of ", Calif."; "" of ", March 3"; ", China" of ", China, Dec. 2")."""
    date = _DATE_QUALIFIER.search(qualifiers)
    return (qualifiers[: date.start()] if date else qualifiers).rstrip()


def _standalone_dateline(paragraph: str) -> str | None:
    """A dateline on a line of its own, in capitals, as press releases write it ("BAAR, SWITZERLAND"); the
    qualifier must be a known place, so that a headline in capitals ("TRUMP, CLINTON CLASH") is not one."""
    match = _STANDALONE_DATELINE.fullmatch(paragraph.strip())
    if not match or paragraph.upper() != paragraph or _DATE_QUALIFIER.match(match.group("qual")):
        return None
    last = match.group("qual").rsplit(",", 1)[-1].strip()
    if match.group("place").split()[0].upper() in _DATELINE_STOP or lookup_place(last.title()) is None:
        return None
    return match.group("place") + _region_of(match.group("qual"))


__all__ = ["CleanedArticle", "boilerplate_kind", "clean", "find_dateline", "repair_unicode"]
