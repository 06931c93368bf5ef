# ruff: noqa: RUF001  # typographic dashes and quotation marks are what this module reads
"""Direct quotes and who said them, in any language with a pack.

A quote is text inside the language's quotation marks (``«…»``, ``„…“``, ``“…”``) or, where the pack says the
language writes dialogue with dashes (Russian, Ukrainian, Kazakh, Polish), a paragraph opened by a dash.
Its speaker is found the way a reader finds it, nearest evidence first:

1. the attribution after the quote, in the same sentence (``«…», — сказал Лавров.``, ``“…”, disse Lula.``);
2. the sentence's subject before it (``Лавров заявил: «…»``, ``Marcel Leonardi disse que “…”``);
3. the person the preceding sentences were about, when the quote is attributed but names no one
   (``“…”, ponderou.`` after a sentence about Bruna Santos);
4. the speaker of the quote just before, in the same paragraph (a quote continued).

Speakers are the people (else organizations) the entity stage found, matched by any of their forms, so an
inflected mention (``Лаврова``) names the entry ``Сергей Лавров``. A verb whose own subject names no one
found (``», précise un proche du ministre.``) leaves the quote without a speaker rather than guessing.

Not speech: quotation marks around a name or a term that the sentence goes on after in lower case, or that
carries a case ending on its closing mark, unless a reporting verb or a colon attributes it. A quotation of a
sentence or more (six words, or closing punctuation) is speech even where the pack has no verb for it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from article_pipeline.models import Organization, Person, Quote
from article_pipeline.pipeline.document import Document, Token
from article_pipeline.pipeline.langpack import LanguagePack

_MIN_WORDS = 4
_MAX_CHARS = 1500
_TAIL_CHARS = 160
_CONTEXT_CHARS = 500
_SUBJECT_WORDS = 2
_SPEECH_WORDS = 6
_TITLE_STEM = 4  # a title's letters compared with the people's roles (all but the last two, at least four)
_SENTENCE_END = frozenset(".!?…")
_NOT_OPENING = frozenset(".,;:!?)")
_DASH_OPENING = re.compile(r"^[ \t]*[—–―-][ \t\u00a0]+")
_DASH_BREAK = re.compile(r"[,.!?…]?[ \t\u00a0]+[—–―][ \t\u00a0]+")
_PUNCTUATED_BREAK = re.compile(r"[,.!?…][ \t\u00a0]+[—–―][ \t\u00a0]+")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    name: str
    person: bool


@dataclass(frozen=True)
class _Span:
    start: int  # of the quoted text
    end: int
    outer_start: int  # of the quotation marks (or the dash)
    outer_end: int
    tail_end: int | None = None  # dash dialogue: where the attribution after the quote ends


def extract_quotes(
    doc: Document, people: Sequence[Person], organizations: Sequence[Organization] = ()
) -> list[Quote]:
    pack = doc.pack
    if pack is None:
        return []
    mentions = _mentions(doc.text, people, organizations)
    reader = _Reader(doc, pack, people)
    quotes: list[Quote] = []
    previous: tuple[int, str | None] | None = None  # paragraph index and speaker of the last quote
    for span in _quote_spans(doc, pack):
        text = " ".join(doc.text[span.start : span.end].split())
        if len(text.split()) < _MIN_WORDS:
            continue
        speaker, attributed = reader.speaker(span, mentions)
        paragraph = reader.paragraph_of(span.outer_start)
        if (
            speaker is None
            and attributed
            and previous is not None
            and previous[0] == paragraph
            and previous[1]
        ):
            speaker, attributed = previous[1], True
        if speaker is None and not attributed:
            continue  # quotation marks around a title or a term, not speech
        quotes.append(Quote(speaker=speaker, text=text))
        previous = (paragraph, speaker)
    return quotes


def _mentions(text: str, people: Sequence[Person], organizations: Sequence[Organization]) -> list[_Mention]:
    """Where each person's and organization's forms occur, longest form first where they overlap."""
    forms: dict[str, tuple[str, bool]] = {}
    for entities, person in ((people, True), (organizations, False)):
        for entity in entities:
            for form in (entity.name, *entity.aliases):
                if len(form) >= 2 and form not in forms:
                    forms[form] = (entity.name, person)
    if not forms:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)"
    )
    return [_Mention(m.start(), m.end(), *forms[m.group()]) for m in pattern.finditer(text)]


def _quote_spans(doc: Document, pack: LanguagePack) -> list[_Span]:
    spans: list[_Span] = []
    taken: list[tuple[int, int]] = []
    for opener, closer in _pairs(pack):
        pattern = re.compile(
            re.escape(opener)
            + r"([^"
            + re.escape(closer + opener)
            + r"\n]{12,"
            + str(_MAX_CHARS)
            + r"})"
            + re.escape(closer)
        )
        for match in pattern.finditer(doc.text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue  # inside (or around) a quote already read with another pair of marks
            inner = match.group(1)
            if opener == closer and (
                inner[:1].isspace() or inner[:1] in _NOT_OPENING or inner[-1:].isspace()
            ):
                continue  # a closing mark read as an opening one: straight quotes out of step
            taken.append(match.span())
            spans.append(_Span(match.start(1), match.end(1), match.start(), match.end()))
    if pack.dash_dialogue:
        spans.extend(_dash_spans(doc, taken))
    return sorted(spans, key=lambda s: s.outer_start)


def _pairs(pack: LanguagePack) -> list[tuple[str, str]]:
    """The pack's quotation marks, then each closing mark after a straight opening one: text that went
    through a keyboard or a converter often opens with ``"`` and closes typographically (``"…“``)."""
    pairs = list(pack.quote_pairs)
    pairs += [('"', closer) for opener, closer in pack.quote_pairs if opener != '"' and closer != '"']
    return list(dict.fromkeys(pairs))


def _dash_spans(doc: Document, taken: list[tuple[int, int]]) -> list[_Span]:
    """A paragraph opened by a dash is speech; a second dash closes it and starts the attribution
    (``— Мы готовы, — сказал он.``)."""
    spans: list[_Span] = []
    for start, end in doc.paragraphs:
        line = doc.text[start:end]
        opening = _DASH_OPENING.match(line)
        if not opening or any(a < end and start < b for a, b in taken):
            continue
        body_start = start + opening.end()
        rest = doc.text[body_start:end]
        # the attribution follows a dash after punctuation ("..., - said he"); a dash between words inside
        # the speech ("this is - not only - a change") breaks it only where no such dash follows
        cut = _PUNCTUATED_BREAK.search(rest) or _DASH_BREAK.search(rest)
        if cut:
            spans.append(_Span(body_start, body_start + cut.start(), start, body_start + cut.end(), end))
        else:
            spans.append(_Span(body_start, end, start, end))
    return spans


def _best(candidates: Iterable[_Mention]) -> str | None:
    """The first person among the mentions, else the first organization."""
    found = list(candidates)
    for mention in found:
        if mention.person:
            return mention.name
    return found[0].name if found else None


class _Reader:
    """Offsets of a document's tokens, sentences and paragraphs, looked up by position."""

    def __init__(self, doc: Document, pack: LanguagePack, people: Sequence[Person] = ()) -> None:
        self.doc = doc
        self.pack = pack
        self.people = people
        self._token_starts = [tok.start for tok in doc.tokens]
        self._sentence_starts = [start for start, _ in doc.sentences]
        self._paragraph_starts = [start for start, _ in doc.paragraphs]

    def speaker(self, span: _Span, mentions: list[_Mention]) -> tuple[str | None, bool]:
        """The speaker's name (or None) and whether the text attributes the quote at all (a reporting verb
        or a colon next to it)."""
        text = self.doc.text
        tail_start = span.outer_end
        tail_end = span.tail_end if span.tail_end is not None else self._sentence_end(tail_start, span.end)
        tail_end = min(tail_end, tail_start + _TAIL_CHARS)
        head_start = self._sentence_start(span.outer_start)
        tail_verb = self._has_reporting_verb(tail_start, tail_end)
        head_verb = self._has_reporting_verb(head_start, span.outer_start)
        colon = text[max(head_start, span.outer_start - 3) : span.outer_start].rstrip().endswith(":")
        attributed = tail_verb or head_verb or colon
        quoted = text[span.start : span.end].rstrip()
        if text[span.outer_end : span.outer_end + 1].islower() and not attributed:
            return None, False  # a case ending on the closing mark (Turkish 'Bürosu"nca'): a name
        # a sentence or more in quotation marks is speech even where the pack has no verb for it; a phrase
        # the sentence goes on after in lower case ('the "clean energy transition" policy') is a cited term
        cited = (
            text[span.outer_end : span.outer_end + 40].lstrip()[:1].islower()
            and quoted[-1:] not in _SENTENCE_END
        )
        speech = not cited and (len(quoted.split()) >= _SPEECH_WORDS or quoted[-1:] in _SENTENCE_END)
        attributed = attributed or speech
        if not attributed and span.tail_end is None:
            return None, False  # quotation marks around a name, a title or a term
        after = _best(m for m in mentions if tail_start <= m.start and m.end <= tail_end)
        if after is not None and (tail_verb or span.tail_end is not None):
            return after, True
        before = _best(m for m in mentions if head_start <= m.start and m.end <= span.outer_start)
        if before is not None:
            return before, True
        if self._unnamed_subject(tail_start, tail_end):
            # "», précise un proche du ministre.": someone the text does not name; but a title alone as the
            # subject (Kazakh "..., dep atap otti vitse-ministr.") is the one person found with that title
            return self._titled(tail_start, tail_end), True
        earlier = [
            m
            for m in mentions
            if m.person and span.outer_start - _CONTEXT_CHARS <= m.start and m.end <= span.outer_start
        ]
        return (earlier[-1].name if earlier else None), True

    def _unnamed_subject(self, start: int, end: int) -> bool:
        """Whether the reporting verb after a quote has a subject of its own (two words or more before the
        next punctuation) that names no one found: then the speaker is not the person of the sentences
        before, as it is after a verb alone or with a pronoun ("», ajouta-t-il.", "”, ponderou.")."""
        verbs = self.pack.reporting_verbs
        following: int | None = None
        for tok in self._tokens_in(start, end):
            if following is None:
                if tok.kind == "word" and verbs.get(tok.lower):
                    following = 0
                continue
            if tok.kind == "punct":
                break
            if tok.kind == "word":
                following += 1
        return following is not None and following >= _SUBJECT_WORDS

    def _titled(self, start: int, end: int) -> str | None:
        """The one person found whose role holds the title that is the whole subject of the reporting verb
        between ``start`` and ``end`` (", dep atap otti ministr": the words between the verb and the title
        are the verb's own or the title's modifiers; "un proche du ministre" is someone else)."""
        pack = self.pack
        words = [tok.lower for tok in self._tokens_in(start, end) if tok.kind == "word"]
        verb = next((k for k, word in enumerate(words) if pack.reporting_verbs.get(word)), None)
        if verb is None:
            return None
        title = None
        for k in range(verb + 1, len(words)):
            word = words[k]
            if pack.role_words.get(word):
                title = word.split("-")[-1]  # "vice-minister": the minister
                break
            phrase = (k > 0 and pack.reporting_verbs.get_phrase(f"{words[k - 1]} {word}")) or (
                k + 1 < len(words) and pack.reporting_verbs.get_phrase(f"{word} {words[k + 1]}")
            )
            if not (pack.reporting_verbs.get(word) or phrase or pack.role_modifiers.get(word)):
                return None
        if title is None or len(title) < _TITLE_STEM:
            return None
        stem = title[: max(_TITLE_STEM, len(title) - 2)]
        owners = {
            person.name
            for person in self.people
            if any(
                word.startswith(stem) for role in person.roles for word in re.findall(r"\w+", role.casefold())
            )
        }
        return owners.pop() if len(owners) == 1 else None

    def _tokens_in(self, start: int, end: int) -> Iterator[Token]:
        for tok in self.doc.tokens[bisect.bisect_left(self._token_starts, start) :]:
            if tok.end > end:
                return
            yield tok

    def paragraph_of(self, at: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, at) - 1)

    def _has_reporting_verb(self, start: int, end: int) -> bool:
        if end <= start:
            return False
        verbs = self.pack.reporting_verbs
        words = [tok.lower for tok in self._tokens_in(start, end) if tok.kind == "word"]
        for index, word in enumerate(words):
            if verbs.get(word):
                return True
            if index + 1 < len(words) and verbs.get_phrase(f"{word} {words[index + 1]}"):
                return True
        return False

    def _sentence_start(self, at: int) -> int:
        index = bisect.bisect_right(self._sentence_starts, at) - 1
        sentence_start = self.doc.sentences[index][0] if index >= 0 else 0
        paragraph_start = self.doc.paragraphs[self.paragraph_of(at)][0] if self.doc.paragraphs else 0
        return max(sentence_start, paragraph_start)

    def _sentence_end(self, at: int, inside: int) -> int:
        """The end of the sentence that goes on after the closing mark at ``at``; ``at`` itself when the
        quote closed its sentence (the next sentence is not the quote's attribution)."""
        index = bisect.bisect_right(self._sentence_starts, inside - 1) - 1
        if index < 0:
            return at
        end = self.doc.sentences[index][1]
        if end <= at:
            return at
        paragraph_end = self.doc.paragraphs[self.paragraph_of(at)][1] if self.doc.paragraphs else end
        return min(end, paragraph_end)
