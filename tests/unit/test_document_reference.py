# ruff: noqa: RUF001  # typographic apostrophes and quotes are what the document splits on
"""The document builder against a reference: the plain token-by-token reading it replaced.

``build_document`` reads the text column by column for speed (English articles build one too). This oracle
is the earlier, obvious loop over tokens, kept here as the specification of paragraphs, sentences, sentence
starts, case flags and bases; any text must give the same document under both.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline.document import (
    _CLOSERS,
    _ELISION,
    _SENTENCE_END,
    _SUFFIXED,
    _TOKEN,
    Token,
    TokenKind,
    _english_grammar,
    _paragraph_spans,
    build_document,
)
from article_pipeline.pipeline.langpack import LanguagePack, load_pack

Raw = tuple[str, int, int, TokenKind]


def _reference_raw(text: str, *, elisions: bool) -> list[Raw]:
    found: list[Raw] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        raw, group = match.group(), match.lastgroup
        if group == "num":
            found.append((raw, start, end, "number"))
            continue
        if group != "word":
            found.append((raw, start, end, "word" if group == "cjk" else "punct"))
            continue
        elision = _ELISION.match(raw) if elisions and ("'" in raw or "’" in raw) else None
        if elision and raw[elision.end() :][:1].isalpha():
            cut = elision.end()
            found.append((raw[:cut], start, start + cut, "word"))
            raw, start = raw[cut:], start + cut
        found.append((raw, start, end, "word"))
    return found


def _reference_ends(raw: list[Raw], index: int, pack: LanguagePack | None) -> bool:
    if raw[index][0] != ".":
        return True
    if index + 1 < len(raw) and raw[index + 1][1] == raw[index][2] and raw[index + 1][0] not in _CLOSERS:
        return False
    if index >= 1 and raw[index - 1][3] == "word" and raw[index - 1][2] == raw[index][1]:
        before = raw[index - 1][0]
        if len(before) == 1 and before.isupper():
            return False
        if pack and (
            f"{before.casefold()}." in pack.abbreviations or before.casefold() in pack.abbreviations
        ):
            return False
    if index + 1 >= len(raw):
        return True
    following = raw[index + 1]
    return following[3] == "number" or not following[0][:1].islower()


def _reference(text: str, language: str) -> tuple[object, ...]:
    pack = load_pack(language)
    paragraphs = _paragraph_spans(text)
    english = pack is not None and pack.segmentation == "english"
    if english:  # the English grammar's own matches: acronyms, titles with their dot, possessives
        assert pack is not None
        kinds: dict[str | None, TokenKind] = {"num": "number", "poss": "punct", "punct": "punct"}
        raw = [
            (m.group(), m.start(), m.end(), kinds.get(m.lastgroup, "word"))
            for m in _english_grammar(pack.dotted_titles).finditer(text)
        ]
    else:
        raw = _reference_raw(text, elisions=pack.elisions if pack is not None else True)
    starts = [start for start, _ in paragraphs[1:]]
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    next_paragraph = sentence = last_end = 0
    begin: int | None = None
    at_start = True
    for index, (surface, start, end, kind) in enumerate(raw):
        begin = start if begin is None else begin
        crossed = False
        while next_paragraph < len(starts) and starts[next_paragraph] <= start:
            next_paragraph, crossed = next_paragraph + 1, True
        if crossed and tokens and not at_start:
            sentences.append((begin, last_end))
            sentence, begin = sentence + 1, start
        at_start = at_start or crossed
        capitalised = surface[:1].isupper()
        suffixed = _SUFFIXED.match(surface) if capitalised and kind == "word" and not english else None
        letters = [c for c in surface if c.isalpha()]
        upper = capitalised and len(letters) >= 2 and all(c.isupper() for c in letters)
        base = suffixed.group(1) if suffixed and ("'" in surface or "’" in surface) else surface
        tokens.append(
            Token(
                surface,
                start,
                end,
                kind,
                surface.casefold(),
                base,
                sentence,
                at_start and kind == "word",
                capitalised,
                upper,
            )
        )
        last_end = end
        at_start = at_start and kind != "word"
        if kind == "punct" and surface in _SENTENCE_END and _reference_ends(raw, index, pack):
            if index + 1 < len(raw) and raw[index + 1][0] in _CLOSERS:
                continue
            sentences.append((begin, end))
            sentence, begin, at_start = sentence + 1, None, True
    if begin is not None and tokens:
        sentences.append((begin, last_end))
    return tuple(paragraphs), tuple(sentences), tuple(tokens)


_PIECES = st.sampled_from(
    ["Word", "word", "WORD", "é", "l'", "Türkiye'nin", "Mr", "U.S", "L", "'s", "&", "+", "_", "Inc.", "Gen", "Dec", "...", ".DJI", " ", " ", "\n", "\n\n", ".", "!",
     "?", "…", "«", "»", '"', "”", ")", "(", ",", "-", "’", "3", "1 000", "2,5", "中文", "。", "zz."]
)  # fmt: skip


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from(["en", "fr", "tr", "de", "ru", "zh"]))
def test_the_document_is_the_one_the_token_by_token_reading_gives(text: str, language: str) -> None:
    # GIVEN any text made of words, marks, quotes, numbers and line breaks, in a language with or without a pack
    # WHEN the document is built
    document = build_document(text, language)
    # THEN its paragraphs, sentences and every token (offsets, case flags, base, sentence) are the reference's
    assert (document.paragraphs, document.sentences, document.tokens) == _reference(text, language)


@given(st.text(max_size=200))
def test_any_unicode_text_gives_the_reference_document(text: str) -> None:
    # GIVEN arbitrary Unicode
    # WHEN it is read as English and as a language without a pack
    for language in ("en", "zz"):
        document = build_document(text, language)
        # THEN the document is the reference's
        assert (document.paragraphs, document.sentences, document.tokens) == _reference(text, language)
