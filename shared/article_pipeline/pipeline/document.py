# ruff: noqa: RUF001  # typographic quotes and apostrophes are what this module splits on
"""The document: an article's text read once, handed to every stage that understands a language.

Paragraphs, sentences and word tokens with character offsets and case flags, over Unicode letters in any
script. Elisions (``l'Assemblée``, ``dell'Unione``) are split off the word they precede; a suffix written
after an apostrophe on a name (Turkish ``Türkiye'nin``, English ``Kallas's``) is kept on the token but its
``base`` is the name alone. Scripts written without spaces (Chinese, Japanese, Thai) give one token per
character, so fingerprints and summaries still have units to work with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from article_pipeline.pipeline.langpack import LanguagePack, load_pack

TokenKind = Literal["word", "number", "punct"]

_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff"
_TOKEN = re.compile(
    rf"(?P<cjk>[{_UNSPACED}])"
    r"|(?P<num>\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?)"
    rf"|(?P<word>[^\W\d_{_UNSPACED}](?:[^\W_{_UNSPACED}]|[-'’.](?=[^\W\d_]))*)"
    r"|(?P<punct>[^\w\s])",
)
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
_ELISION = re.compile(r"^([^\W\d_]{1,5})['’](?=[^\W\d_])")
_SUFFIXED = re.compile(r"^([^\W\d_][^'’]*)['’]([^\W\d_]{1,6})$")
_SENTENCE_END = frozenset(".!?…。！？")
_CLOSERS = frozenset("\"'”’»)]」』")


class Token(NamedTuple):
    """One word, number or punctuation mark. A named tuple, not a frozen dataclass: an article makes thousands,
    and a frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field) was a fifth of reading a
    non-English document."""

    text: str
    start: int
    end: int
    kind: TokenKind
    lower: str
    base: str  # the text without a suffix written after an apostrophe
    sentence: int
    sentence_start: bool
    capitalised: bool  # first letter upper case
    upper: bool  # every letter upper case (and at least two letters)


@dataclass(frozen=True)
class Document:
    text: str
    language: str
    pack: LanguagePack | None
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    tokens: tuple[Token, ...]

    def words(self) -> list[Token]:
        return [tok for tok in self.tokens if tok.kind == "word"]

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def _raw_tokens(text: str, *, elisions: bool = True) -> list[tuple[str, int, int, TokenKind]]:
    found: list[tuple[str, int, int, TokenKind]] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        raw = match.group()
        group = match.lastgroup
        if group == "num":
            number = raw.rstrip(" \u00a0\u202f")
            found.append((number, start, start + len(number), "number"))
            continue
        if group == "cjk":
            found.append((raw, start, end, "word"))
            continue
        if group == "punct":
            found.append((raw, start, end, "punct"))
            continue
        # an elision has its apostrophe: most words need no regex
        elision = _ELISION.match(raw) if elisions and ("'" in raw or "’" in raw) else None
        if elision and raw[elision.end() :][:1].isalpha():
            cut = elision.end()
            found.append((raw[:cut], start, start + cut, "word"))
            raw, start = raw[cut:], start + cut
        found.append((raw, start, end, "word"))
    return found


def build_document(text: str, language: str, pack: LanguagePack | None = None) -> Document:
    """Read the text once: paragraphs, sentences, tokens. ``pack`` defaults to the language's own."""
    pack = pack if pack is not None else load_pack(language)
    paragraphs = _paragraph_spans(text)
    raw = _raw_tokens(text, elisions=pack.elisions if pack is not None else True)
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    paragraph_starts = [start for start, _ in paragraphs[1:]]
    next_paragraph = 0
    sentence = 0
    sentence_begin: int | None = None
    at_start = True
    last_end = 0
    for index, (surface, start, end, kind) in enumerate(raw):
        if sentence_begin is None:
            sentence_begin = start
        crossed = False
        while next_paragraph < len(paragraph_starts) and paragraph_starts[next_paragraph] <= start:
            next_paragraph += 1
            crossed = True
        if crossed and tokens and not at_start:
            sentences.append((sentence_begin, last_end))
            sentence += 1
            sentence_begin = start
        if crossed:
            at_start = True
        capitalised = surface[:1].isupper()
        suffixed = (
            _SUFFIXED.match(surface)
            if capitalised and kind == "word" and ("'" in surface or "’" in surface)
            else None
        )
        # a word starts with a letter: one that is not a capital cannot be all capitals, nor one whose second
        # letter is small ("Word", most capitalised words): no per-letter scan for either
        second = surface[1:2]
        shouted = capitalised and second != "" and not (second.islower() and second.isalpha())
        letters = [c for c in surface if c.isalpha()] if shouted else []
        # positional: a named tuple built from keywords costs a third more, once per token
        token = Token(
            surface,
            start,
            end,
            kind,
            surface.casefold(),
            suffixed.group(1) if suffixed else surface,  # base
            sentence,
            at_start and kind == "word",  # sentence_start
            capitalised,
            len(letters) >= 2 and all(c.isupper() for c in letters),  # upper
        )
        tokens.append(token)
        last_end = end
        if kind == "word":
            at_start = False
        if kind == "punct" and surface in _SENTENCE_END and _ends_sentence(raw, index, tokens, pack):
            cut = index + 1
            while cut < len(raw) and raw[cut][0] in _CLOSERS:
                cut += 1
            if cut == index + 1:
                sentences.append((sentence_begin, end))
                sentence += 1
                sentence_begin = None
                at_start = True
    if sentence_begin is not None and tokens:
        sentences.append((sentence_begin, last_end))
    return Document(
        text=text,
        language=language,
        pack=pack,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        tokens=tuple(tokens),
    )


def _ends_sentence(
    raw: list[tuple[str, int, int, TokenKind]], index: int, tokens: list[Token], pack: LanguagePack | None
) -> bool:
    surface = raw[index][0]
    if surface != ".":
        return True
    before = tokens[-2] if len(tokens) >= 2 else None
    if before is not None and before.kind == "word" and before.end == raw[index][1]:
        if len(before.text) == 1 and before.text.isupper():
            return False  # an initial: "Christopher L. Tays"
        if pack and f"{before.lower}." in pack.abbreviations:
            return False
    following = raw[index + 1] if index + 1 < len(raw) else None
    if following is None:
        return True
    if following[3] == "number":
        return True
    return not following[0][:1].islower()


MAX_SUMMARY_SENTENCES = 3
MAX_SUMMARY_CHARS = 1200
_MIN_SENTENCE_WORDS = 4


def lead_summary(doc: Document) -> str:
    """The lead: the first whole sentences of the body (a headline line without end punctuation skipped),
    in the article's own language and script; no sentence is cut."""
    chosen: list[str] = []
    for index in range(len(doc.sentences)):
        sentence = " ".join(doc.sentence_text(index).split())
        unspaced = len(_UNSPACED_CHAR.findall(sentence))
        if len(sentence.split()) < _MIN_SENTENCE_WORDS and unspaced < 10:
            continue
        if sentence[-1:] not in _SENTENCE_END and sentence[-1:] not in _CLOSERS:
            continue  # a headline or a caption
        if chosen and len(" ".join(chosen)) + len(sentence) > MAX_SUMMARY_CHARS:
            break
        chosen.append(sentence)
        if len(chosen) >= MAX_SUMMARY_SENTENCES:
            break
    if not chosen and doc.sentences:
        chosen.append(" ".join(doc.sentence_text(0).split())[:MAX_SUMMARY_CHARS])
    return _joined(chosen)


_FULL_WIDTH_ENDS = ("。", "！", "？", "｡")


def _joined(sentences: list[str]) -> str:
    """Sentences as the text writes them: a space after each, except after a full-width stop (Chinese and
    Japanese put none between sentences)."""
    out = ""
    for sentence in sentences:
        out += sentence if not out or out.endswith(_FULL_WIDTH_ENDS) else " " + sentence
    return out
