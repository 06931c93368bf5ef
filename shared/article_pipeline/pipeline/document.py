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
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import compress, pairwise, repeat
from operator import attrgetter, itemgetter, ne
from typing import Literal, NamedTuple

from article_pipeline.pipeline.langpack import LanguagePack, load_pack

TokenKind = Literal["word", "number", "punct"]

_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff"
# A word's letters are matched as runs, not one alternation per character: the same tokens, twice as fast.
_TOKEN = re.compile(
    rf"(?P<cjk>[{_UNSPACED}])"
    r"|(?P<num>\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?)"
    rf"|(?P<word>[^\W\d_{_UNSPACED}](?:[^\W_{_UNSPACED}]+|[-'’.](?=[^\W\d_]))*)"
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

    @cached_property
    def written_runs(self) -> list[tuple[int, int, bool]]:
        """``(start, end, alone)`` of every run of tokens written together, with no space between them
        ("said.", "U.S.", "13-inch"); ``alone`` when the run is one token of letters or digits only. A stage that
        cuts words its own way (a lexicon's phrases) reads the lone words as they are and cuts only the rest.
        Computed once per document, at C speed: where a token does not start at the end of the one before, a
        new run begins."""
        tokens = self.tokens
        if not tokens:
            return []
        starts = list(map(_START, tokens))
        ends = list(map(_END, tokens))
        firsts = [0, *compress(range(1, len(tokens)), map(ne, ends, starts[1:])), len(tokens)]
        return [
            (starts[first], ends[after - 1], after - first == 1 and tokens[first].text.isalnum())
            for first, after in pairwise(firsts)
        ]


_START = itemgetter(1)
_END = itemgetter(2)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


_KIND: dict[str | None, TokenKind] = {"word": "word", "cjk": "word", "num": "number", "punct": "punct"}


@cache
def _english_grammar(dotted_titles: tuple[str, ...]) -> re.Pattern[str]:
    r"""The tokens of a pack whose ``segmentation`` is "english": an acronym written with dots ("U.S."), a title
    with its dot ("Mr.", the pack's ``dotted_titles``) and a middle initial before a surname ("L." in
    "Christopher L. Tays") are one word; hyphens, dashes, "&" and an inner apostrophe join words ("AT&T",
    "F-16", "don't", "Disney+") but a possessive "'s" is a token of its own; a number keeps the letters after
    it ("1990s", "6million"). The leading (?=\S) (whitespace is skipped fast), the lookahead before the titles
    and the word branch written as runs of \w (not one alternation per character) make it ~2x faster."""
    return re.compile(
        r"""(?=\S)(?:(?P<acr>(?:[A-Z]\.){2,})
           |(?P<initial>(?<=[a-z][ ])[A-Z]\.(?=[ ][A-Z][a-z]))
           |(?P<abbr>(?=[A-Z][a-z]{0,5}\.)(?:"""
        + "|".join(map(re.escape, dotted_titles))
        + r""")\.)
           |(?P<word>[^\W\d_]\w*(?:(?:[-–&]|['’](?!s\b))\w+)*\+?)
           |(?P<num>\d+(?:[.,]\d+)*\w*)
           |(?P<poss>(?<=\w)['’]s\b)
           |(?P<punct>\S))""",
        re.VERBOSE,
    )


_ENGLISH_KIND: dict[str | None, TokenKind] = {
    "acr": "word",
    "initial": "word",
    "abbr": "word",
    "word": "word",
    "num": "number",
    "poss": "punct",
    "punct": "punct",
}


_Columns = tuple[list[str], list[int], list[int], list[TokenKind]]  # surfaces, starts, ends, kinds


def _english_tokens(text: str, pack: LanguagePack) -> _Columns:
    # column by column at C speed: a comprehension calling four methods per match cost a third more
    matches = list(_english_grammar(pack.dotted_titles).finditer(text))
    return (
        list(map(_GROUP, matches)),
        list(map(re.Match.start, matches)),
        list(map(re.Match.end, matches)),
        list(map(_ENGLISH_KIND.__getitem__, map(_LAST_GROUP, matches))),
    )


_GROUP = itemgetter(0)
_LAST_GROUP = attrgetter("lastgroup")


def _raw_tokens(text: str, *, elisions: bool = True) -> list[tuple[str, int, int, TokenKind]]:
    kind_of = _KIND.__getitem__
    found = [(m.group(), m.start(), m.end(), kind_of(m.lastgroup)) for m in _TOKEN.finditer(text)]
    if not elisions or ("'" not in text and "’" not in text):
        return found
    # an elision has its apostrophe: most texts have few, and only those words are looked at again
    split: list[tuple[str, int, int, TokenKind]] = []
    for raw, start, end, kind in found:
        elision = _ELISION.match(raw) if kind == "word" and ("'" in raw or "’" in raw) else None
        if elision and raw[elision.end() :][:1].isalpha():
            cut = elision.end()
            split.append((raw[:cut], start, start + cut, "word"))
            split.append((raw[cut:], start + cut, end, "word"))
        else:
            split.append((raw, start, end, kind))
    return split


def build_document(text: str, language: str, pack: LanguagePack | None = None) -> Document:
    """Read the text once: paragraphs, sentences, tokens. ``pack`` defaults to the language's own.

    Built column by column (every token's surface, case flags, sentence) rather than token by token: English
    articles get their document too, and a per-token loop made it a sixth of an English record's time.
    """
    pack = pack if pack is not None else load_pack(language)
    paragraphs = _paragraph_spans(text)
    english = pack is not None and pack.segmentation == "english"
    if pack is not None and english:
        surfaces, starts, ends, kinds = _english_tokens(text, pack)
    else:
        raw = _raw_tokens(text, elisions=pack.elisions if pack is not None else True)
        surfaces, starts, ends, kinds = (
            [r[0] for r in raw],
            [r[1] for r in raw],
            [r[2] for r in raw],
            [r[3] for r in raw],
        )
    if not surfaces:
        return Document(text, language, pack, tuple(paragraphs), (), ())
    capitalised = [surface[0].isupper() for surface in surfaces]
    bases = surfaces[:]
    upper = [False] * len(surfaces)
    for index in [i for i, cap in enumerate(capitalised) if cap]:
        surface = surfaces[index]
        if not english and kinds[index] == "word" and ("'" in surface or "’" in surface):
            suffixed = _SUFFIXED.match(surface)
            if suffixed:
                bases[index] = suffixed.group(1)
        # a word whose second letter is small ("Word", most capitalised words) cannot be all capitals
        second = surface[1:2]
        if second and not (second.islower() and second.isalpha()):
            letters = [c for c in surface if c.isalpha()]
            upper[index] = len(letters) >= 2 and all(c.isupper() for c in letters)
    sentence_of, sentence_start, sentences = _sentences((surfaces, starts, ends, kinds), paragraphs, pack)
    # tuple.__new__ mapped over the rows builds the named tuples without a Python call per token
    tokens = list(
        map(
            tuple.__new__,
            repeat(Token),
            zip(
                surfaces,
                starts,
                ends,
                kinds,
                map(str.casefold, surfaces),
                bases,
                sentence_of,
                sentence_start,
                capitalised,
                upper,
                strict=True,
            ),
        )
    )
    return Document(
        text=text,
        language=language,
        pack=pack,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        tokens=tuple(tokens),
    )


def _sentences(
    columns: _Columns, paragraphs: list[tuple[int, int]], pack: LanguagePack | None
) -> tuple[list[int], list[bool], list[tuple[int, int]]]:
    """Each token's sentence, whether it is its sentence's first word, and the sentences' spans.

    A sentence ends at an end mark that ends one (not an initial or an abbreviation, not before a small
    letter, not inside a closing quotation) and where a paragraph begins after a word. Only those places
    are visited: the resets, in token order, with a sentence end before a paragraph start at the same token.
    """
    surfaces, starts, ends, kinds = columns
    count = len(surfaces)
    resets: list[tuple[int, int]] = []  # (first token after the reset, 0 = a sentence ended, 1 = a paragraph)
    for index in [i for i, kind in enumerate(kinds) if kind == "punct" and surfaces[i] in _SENTENCE_END]:
        if not _ends_sentence(columns, index, pack):
            continue
        if index + 1 < count and surfaces[index + 1] in _CLOSERS:
            continue  # the quotation closes after the mark: no cut here
        resets.append((index + 1, 0))
    crossings = {bisect_left(starts, start) for start, _ in paragraphs[1:]}
    resets.extend((k, 1) for k in crossings if k < count)
    resets.sort()
    words = [i for i, kind in enumerate(kinds) if kind == "word"]
    sentence_of: list[int] = []
    sentence_start = [False] * count
    sentences: list[tuple[int, int]] = []
    sentence = 0
    begin = 0  # the token the current sentence starts at
    previous = 0  # the last reset
    for at, what in [(0, 1), *resets]:
        first_word = bisect_left(words, previous)
        has_word = first_word < len(words) and words[first_word] < at
        if has_word:
            sentence_start[words[first_word]] = True
        if at >= count:
            break
        if at > begin and (what == 0 or has_word):  # a paragraph cuts a sentence only after a word
            sentences.append((starts[begin], ends[at - 1]))
            sentence_of.extend([sentence] * (at - begin))
            sentence += 1
            begin = at
        previous = at
    else:
        first_word = bisect_left(words, previous)
        if first_word < len(words):
            sentence_start[words[first_word]] = True
    if begin < count:
        sentences.append((starts[begin], ends[-1]))
        sentence_of.extend([sentence] * (count - begin))
    return sentence_of, sentence_start, sentences


def _ends_sentence(columns: _Columns, index: int, pack: LanguagePack | None) -> bool:
    surfaces, starts, ends, kinds = columns
    if surfaces[index] != ".":
        return True
    if index + 1 < len(surfaces) and starts[index + 1] == ends[index] and surfaces[index + 1] not in _CLOSERS:
        return False  # written on the dot: ".DJI", "ID.3", the first dots of an ellipsis
    if index >= 1 and kinds[index - 1] == "word" and ends[index - 1] == starts[index]:
        before = surfaces[index - 1]
        if len(before) == 1 and before.isupper():
            return False  # an initial: "Christopher L. Tays"
        folded = before.casefold()
        if pack and (f"{folded}." in pack.abbreviations or folded in pack.abbreviations):
            return False  # packs list abbreviations with their dot or without it ("dec" for "Dec.")
    if index + 1 >= len(surfaces):
        return True
    if kinds[index + 1] == "number":
        return True
    return not surfaces[index + 1][:1].islower()


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
