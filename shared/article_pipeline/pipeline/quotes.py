# ruff: noqa: RUF001  # typographic quotes, dashes and look-alike letters are what this module matches
"""Quotes with speakers resolved to people (or organization) entries.

Finds quoted speech (“...”, "...", or one of each, at least four words; a paragraph that opens a quote
and leaves it open for the next paragraph is a quote too) and its attribution in the same sentence:

- after the quote: `“...,” said Jane Doe`, `“...,” said Interior Minister Jane Doe`, `“...,” Doe said`,
  `“...,” Jane Doe, who chairs the board, said`, `“...” announced in May, said Doe`;
- before it: `Jane Doe said: “...”`, `Doe, the commander of the district, said: “...”`,
  `Doe told reporters that the plan would “...”`, `Doe said that ..., warning: “...”`,
  `According to Doe, “...”`.

The speaker is the subject of the speech verb: a person named there (the first one of the last clause
before the verb), else a pronoun (`he said`, resolved to the person named nearest before the quote
unless that sentence names two people: then None, ambiguous), else an organization named there
(`WeWork said in a statement`), else a definite description that one person's role fits (`the president
said` when exactly one person, or the nearest one named before, has a role with that head noun). A quote
that continues a paragraph's earlier attributed quote keeps that speaker; a paragraph that is only a quote
continues the speaker that the previous paragraph's last sentence names ("Doe said the plan was late.");
a paragraph left open takes the
speaker of the quote that continues it. An embedded social-media post ("— Jane Doe (@janedoe) Nov. 18,
2019" under it) is a quote of its author. The speaker is always the `name` of an entry in `people` (or
in `organizations`, when given), or None when the text does not say who spoke.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from article_pipeline.models import Organization, Person, Quote
from article_pipeline.pipeline.document import Document
from article_pipeline.pipeline.gazetteer import fold_confusables, is_demonym
from article_pipeline.pipeline.langpack import english

_EN = english()

# A matched pair of either kind, a mixed pair (“..." or "...”), or a paragraph whose quote stays open
# because the next paragraph continues it (“... ¶ “...”).
_QUOTE = re.compile(
    r"“([^”“\n]{2,3000})”|\"([^\"\n]{2,3000})\"|[“\"]([^“”\"\n]{2,3000})[”\"]|“([^”“\"\n]{2,3000})(?=\n+[“\"])"
)
_OPEN_PARAGRAPH = 4  # the group of the last alternative
# the speech verbs that attribute a quote
_VERBS = "|".join(_EN.ordered("reporting_verbs"))
_VERB = re.compile(rf"(?<![\w'’-])(?:{_VERBS})(?![\w'’-])")
# "'s spokesman", "'s lawyers": the possessive and the one noun that follows it, up to the speech verb
_HEAD_AFTER_OWNER = re.compile(r"['’]s?\s+(?:[a-z][\w-]+\s+)?[a-z][\w-]+\s*,?\s*$")
_AGED = re.compile(r"\d{1,3}-year-old")
_PRONOUN = re.compile(r"(?<!\w)(?:he|she|He|She)(?!\w)")
_MIN_WORDS = 4
_WINDOW = 240  # characters of the sentence around a quote searched for its attribution
# "the president", "the company's chief executive": a definite description before the verb
_DEFINITE = re.compile(r"(?<!\w)[Tt]he\s+((?:[\w'’-]+\s+){0,3}?)([a-z][\w-]+)\s*,?\s*$")
# a description after the verb: "said the minister"
_DEFINITE_AFTER = re.compile(r"^\s*[Tt]he\s+((?:[\w'’-]+\s+){0,3}?)([a-z][\w-]+)(?=\s*[,.;]|\s*$)")
# the last clause boundary of a subject: "Trump wants out, but General Mark Milley ... told"
_CLAUSE_BREAK = re.compile(r";|,\s+(?:but|and|while|whereas|as)\s|\.\s")
# words that end a sentence only when not an abbreviation ("U.S.", "Dr.", "Jan.")
_ABBREVIATIONS = _EN.words("quote_abbreviations")
_OBJECT_WORDS = _EN.words("object_words")
_DASH_ATTRIBUTION = re.compile(r"[,.]?\s*[—–]\s*")
_SENTENCE_END = re.compile(r"[.!?](?=[\s”\"]|$)")


@dataclass(frozen=True)
class _Name:
    surface: str
    entity: str
    is_person: bool


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: str
    is_person: bool


def _names(people: list[Person], organizations: list[Organization]) -> list[_Name]:
    out: dict[str, _Name] = {}
    for o in organizations:
        for form in (o.name, *o.aliases):
            if form.strip():
                out[fold_confusables(form)] = _Name(fold_confusables(form), o.name, False)
    for p in people:  # a surface that is both: the person
        for form in (p.name, *p.aliases):
            if form.strip():
                out[fold_confusables(form)] = _Name(fold_confusables(form), p.name, True)
    return sorted(out.values(), key=lambda n: -len(n.surface))


def _name_pattern(names: list[_Name]) -> re.Pattern[str] | None:
    if not names:
        return None
    alts = "|".join(re.escape(n.surface) for n in names)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _is_sentence_end(text: str, at: int) -> bool:
    """Whether the [.!?] at ``at`` ends a sentence (not "U.S." or "Dr.")."""
    if text[at] != ".":
        return True
    start = at
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:at]
    if "." in word or (len(word) == 1 and word.isupper()):
        return False  # U.S. / J. Smith
    return word.casefold() not in _ABBREVIATIONS


def _sentence_end(text: str, start: int, limit: int) -> int:
    for m in _SENTENCE_END.finditer(text, start, limit):
        if _is_sentence_end(text, m.start()):
            return m.end()
    return limit


def _sentence_start(text: str, limit: int, end: int) -> int:
    """Start of the sentence that contains ``end`` (searching back no further than ``limit``)."""
    pos = end
    while True:
        at = max(text.rfind(". ", limit, pos), text.rfind("! ", limit, pos), text.rfind("? ", limit, pos))
        if at < 0:
            return limit
        if _is_sentence_end(text, at):
            return at + 2
        pos = at


def extract_quotes(
    article: Document | str, people: list[Person], organizations: list[Organization] | None = None
) -> list[Quote]:
    """Direct quotes in order of appearance in an English article's document (or a text), each with its
    speaker's `people` (or `organizations`) name or None."""
    text = article.text if isinstance(article, Document) else article
    if not text:
        return []
    folded = fold_confusables(text)  # same length: look-alike letters map one to one
    if len(folded) != len(text):
        folded = text
    names = _names(people, organizations or [])
    by_surface = {n.surface: n for n in names}
    roles = {p.name: [r.casefold() for r in p.roles] for p in people}

    # Built on first use: most texts have no quote.
    @cache
    def mentions() -> list[_Mention]:
        """Every name in the text, in order (for pronouns and descriptions, which look back)."""
        found = pattern()
        if found is None:
            return []
        out = []
        for m in found.finditer(folded):
            n = by_surface[m.group(0)]
            out.append(_Mention(m.start(), m.end(), n.entity, n.is_person))
        return out

    @cache
    def starts() -> list[int]:
        return [m.start for m in mentions()]

    @cache
    def pattern() -> re.Pattern[str] | None:
        return _name_pattern(names)

    def within(start: int, end: int) -> list[_Mention]:
        """The names in folded[start:end] (searched there only: most texts need no whole-text scan)."""
        found = pattern()
        if found is None:
            return []
        out = []
        for m in found.finditer(folded, start, end):
            n = by_surface[m.group(0)]
            out.append(_Mention(m.start(), m.end(), n.entity, n.is_person))
        return out

    spans: list[tuple[int, int]] = []  # the quotes' spans: a name inside a quote is nobody's antecedent

    def quoted(pos: int) -> bool:
        k = bisect_left(spans, (pos + 1, 0))
        return k > 0 and spans[k - 1][0] <= pos < spans[k - 1][1]

    def object_position(m: _Mention) -> bool:
        """A name after a preposition ("than Doe", "to Doe") or as a possessive ("Doe's lawyer") is not
        the subject a later pronoun refers back to."""
        if folded.startswith(("'s", "’s", "'", "’"), m.end):
            return True
        word = folded[max(0, m.start - 12) : m.start].split()
        return bool(word) and word[-1].casefold() in _OBJECT_WORDS

    def nearest_before(offset: int) -> str | None:
        """The person a pronoun refers to: the nearest one named before (not in a quote, not after a
        preposition nor as a possessive), unless its sentence names another such person (then the one that
        opens the sentence as the subject of a speech verb, or None: ambiguous)."""
        found = mentions()
        k = bisect_left(starts(), offset)
        candidates = [
            m for m in reversed(found[:k]) if m.is_person and not quoted(m.start) and not object_position(m)
        ]
        if not candidates:
            return None
        last = candidates[0]
        sentence_start = max(folded.rfind(". ", 0, last.start), folded.rfind("\n", 0, last.start)) + 1
        rivals = [m for m in candidates[1:] if m.start >= sentence_start and m.entity != last.entity]
        if not rivals:
            return last.entity
        first = rivals[-1]  # the sentence's first-named person: its subject when it spoke
        stop = _sentence_end(folded, first.end, min(len(folded), first.end + 200))
        verb = _VERB.search(folded, first.end, stop)
        opens = len(folded[sentence_start : first.start].split()) <= 2  # "Doe" / "Attorney Jane Doe"
        if (
            opens
            and verb is not None
            and not [m for m in found if first.end <= m.start < verb.start() and m.is_person]
        ):
            return first.entity
        return None

    def described(head: str, offset: int) -> str | None:
        """The person a definite description ("the president") names: the only person with a role of
        that head noun, or the nearest such person named before ``offset``."""
        head = head.casefold()
        fits = [
            name
            for name, rs in roles.items()
            if any(re.search(rf"(?<!\w){re.escape(head)}(?!\w)", r) for r in rs)
        ]
        if len(fits) <= 1:
            return fits[0] if fits else None
        for m in reversed(mentions()[: bisect_left(starts(), offset)]):
            if m.entity in fits:
                return m.entity
        return None

    def subject_speaker(start: int, end: int, refer: int) -> tuple[bool, str | None]:
        """The speaker named in folded[start:end], the text before a speech verb: (attributed, speaker)."""
        segment = folded[start:end]
        breaks = list(_CLAUSE_BREAK.finditer(segment))
        clause_start = start + (breaks[-1].end() if breaks else 0)
        named = within(clause_start, end) or within(start, end)
        owners = [m for m in named if folded.startswith(("'s ", "’s ", "' ", "’ "), m.end)]
        if (
            owners
            and owners[-1].end + 40 >= end
            and _HEAD_AFTER_OWNER.match(folded, owners[-1].end, end)
            and not any(m.is_person and m.end <= owners[-1].start and m not in owners for m in named)
        ):
            return True, None  # "Doe's spokesman said": someone else speaks for Doe, unnamed here
        named = [m for m in named if m not in owners] or named
        person = next((m for m in named if m.is_person), None)
        if person is not None:
            return True, person.entity
        clause = folded[clause_start:end]
        if _PRONOUN.search(clause) and len(clause.split()) <= 4:
            return True, nearest_before(refer)
        if named:
            return True, named[0].entity
        if (d := _DEFINITE.search(clause)) is not None:
            if _AGED.fullmatch(d.group(2)) and not d.group(1).strip():
                return True, nearest_before(refer)  # "the 34-year-old said": the person named before
            return True, described(d.group(2), refer)
        return len(clause.split()) <= 8, None

    def after_speaker(q_start: int, q_end: int, limit: int) -> tuple[bool, str | None]:
        """“...,” said X / “...,” X said / “...,” X, who ..., said."""
        stop = _sentence_end(folded, q_end, limit)
        verb = _VERB.search(folded, q_end, stop)
        if verb is None:
            # “...” — Jane Doe, mayor.
            dash = _DASH_ATTRIBUTION.match(folded, q_end, stop)
            if dash is None:
                return False, None
            named = within(dash.end(), stop)
            if named and named[0].start == dash.end():
                return True, named[0].entity
            return False, None
        lead = folded[q_end : verb.start()]
        if len(lead) > 160 or (lead.strip() and lead.strip()[0] not in ",.!?—–-" and lead[:1] != " "):
            return False, None
        obj_end = min(stop, verb.end() + 90)
        if lead.strip(" ,.!?—–-"):
            attributed, speaker = subject_speaker(q_end, verb.start(), q_start)
            if speaker is not None:
                return True, speaker
        else:
            attributed = True
        obj = folded[verb.end() : obj_end]
        if re.match(r"\s*(?:he|she)\b", obj):
            return True, nearest_before(q_start)
        named = within(verb.end(), obj_end)
        person = next((m for m in named if m.is_person), None)
        if person is not None:
            return True, person.entity
        if named:
            return True, named[0].entity
        if (d := _DEFINITE_AFTER.match(obj)) is not None:
            return True, described(d.group(2), q_end)
        return attributed, None

    def before_speaker(q_start: int, floor: int) -> tuple[bool, str | None]:
        """Jane Doe said: “...” / Doe told reporters that “...” / According to Doe, “...”."""
        start = _sentence_start(folded, floor, q_start)
        verbs = list(_VERB.finditer(folded, start, q_start))
        if not verbs:
            if folded[start:q_start].rstrip().endswith(":"):  # "Jane Doe, the minister: “...”"
                return subject_speaker(start, q_start, start)
            return False, None
        verb = verbs[-1]
        if folded[start:q_start].rstrip().endswith(":") and any(
            m.is_person for m in within(verb.end(), q_start)
        ):
            # "... wrote about it — Doe was not amused: “...”"
            return subject_speaker(verb.end(), q_start, start)
        if q_start - verb.end() > 120:
            return False, None
        if verb.group(0) == "according to":
            named = within(verb.end(), q_start)
            chosen = next((m for m in named if m.is_person), named[0] if named else None)
            return True, chosen.entity if chosen else None
        if verb.start() == start or not folded[start : verb.start()].strip():
            # "Said Doe: “...”" is rare; a verb opening the sentence has its subject after it
            named = within(verb.end(), q_start)
            person = next((m for m in named if m.is_person), None)
            return (True, person.entity) if person else (False, None)
        return subject_speaker(start, verb.start(), start)

    def introduced_by_previous_paragraph(para_start: int) -> str | None:
        """A paragraph that is only a quote, after a paragraph whose last sentence has a named speaker
        ("Doe said the plan was late." / "Doe explained:"), continues that speaker."""
        prev_end = para_start - 1
        while prev_end > 0 and folded[prev_end - 1] in "\n \t":
            prev_end -= 1
        if prev_end <= 0:
            return None
        prev_start = folded.rfind("\n", 0, prev_end) + 1
        start = _sentence_start(folded, prev_start, prev_end - 1)
        if _QUOTE.search(folded, start, prev_end):
            return None  # its own quote had its attribution (or none): not an introduction
        verbs = [v for v in _VERB.finditer(folded, start, prev_end) if v.group(0) != "according to"]
        if not verbs or not folded[start : verbs[0].start()].strip():
            return None
        attributed, speaker = subject_speaker(start, verbs[0].start(), start)
        return speaker if attributed else None

    matches = [
        m
        for m in _QUOTE.finditer(folded)
        if len(next(g for g in m.groups() if g is not None).split()) >= _MIN_WORDS
    ]
    spans.extend((m.start(), m.end()) for m in matches)
    quotes: list[Quote] = []
    open_ended: list[int] = []  # indexes of paragraph quotes left open, waiting for their speaker
    last_speaker_in_para: dict[int, str | None] = {}
    previous_end = 0
    # The speaker of a paragraph's quote left open ("said: “... ¶ “...”"): the quote that opens the next
    # paragraph continues it (a quotation over several paragraphs reopens its mark at each one).
    continued: str | None = None
    for m in matches:
        para_start = folded.rfind("\n", 0, m.start()) + 1
        para_end = folded.find("\n", m.end())
        para_end = len(folded) if para_end < 0 else para_end
        # the attribution lies between this quote and its neighbours in the paragraph
        following = _QUOTE.search(folded, m.end(), min(para_end, m.end() + _WINDOW))
        after_limit = following.start() if following else min(para_end, m.end() + _WINDOW)
        floor = max(para_start, previous_end, m.start() - _WINDOW)
        previous_end = m.end()
        open_paragraph = m.group(_OPEN_PARAGRAPH) is not None
        attributed, speaker = (
            (False, None) if open_paragraph else after_speaker(m.start(), m.end(), after_limit)
        )
        if not attributed:
            attributed, speaker = before_speaker(m.start(), floor)
        opens_paragraph = not folded[para_start : m.start()].strip()
        if not attributed and para_start in last_speaker_in_para:
            speaker = last_speaker_in_para[para_start]
        elif not attributed and opens_paragraph and continued is not None:
            speaker = continued
        elif not attributed and opens_paragraph:
            speaker = introduced_by_previous_paragraph(para_start)
        continued = speaker if open_paragraph else None
        if attributed or speaker is not None:
            last_speaker_in_para[para_start] = speaker
        if speaker is not None:
            for i in open_ended:
                quotes[i] = Quote(speaker=speaker, text=quotes[i].text)
            open_ended = []
        end = m.end() if open_paragraph else m.end() - 1
        quote_text = text[m.start() + 1 : end].strip().rstrip(",.;: ").strip()
        if quote_text:
            if open_paragraph and speaker is None:
                open_ended.append(len(quotes))
            elif not open_paragraph:
                open_ended = []
            quotes.append(Quote(speaker=speaker, text=quote_text))
    quotes.extend(_embedded_posts(text, folded, names))
    return quotes


# The signature line of an embedded social-media post: "— Jane Doe (@janedoe) November 18, 2019".
_POST_SIGNATURE = re.compile(r"(?m)^[ \t]*[—–-][ \t]*([^\n(]{2,80}?)[ \t]*\(@\w{1,30}\)[^\n]{0,40}$")
_POST_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://\S+)")


_POST_TITLES = _EN.words("post_author_titles")


def _post_author(shown: str, names: list[_Name]) -> str | None:
    """The entity a post's display name names: the longest entity form in it that only a title, "The"
    or a demonym precedes ("Rep. Jane Doe", "The Nigerian Senate", "PFF CLE Browns" is PFF's account;
    not the Browns')."""
    for n in names:
        found = re.search(rf"(?<!\w){re.escape(n.surface)}(?!\w)", shown)
        if found is None:
            continue
        lead = shown[: found.start()].split()
        if all(w.endswith(".") or w.casefold() in _POST_TITLES or is_demonym(w) for w in lead):
            return n.entity
    return None


def _embedded_posts(text: str, folded: str, names: list[_Name]) -> list[Quote]:
    """Embedded posts quote their author directly: the paragraph above an author line, the author an
    entry of `people` or `organizations` that the line's display name names (:func:`_post_author`). A
    post whose author is no entity is left out."""
    if "(@" not in folded:
        return []
    found: list[Quote] = []
    for m in _POST_SIGNATURE.finditer(folded):
        shown = m.group(1).strip()
        author = _post_author(shown, names)
        if author is None:
            continue
        para_end = folded.rfind("\n", 0, m.start())
        while para_end > 0 and folded[para_end - 1] == "\n":
            para_end -= 1
        para_start = folded.rfind("\n", 0, max(0, para_end)) + 1
        if para_end <= para_start:
            continue
        body = text[para_start:para_end]
        post = _POST_LINK.sub("", body).strip()
        if len(post.split()) >= _MIN_WORDS and post in text:
            found.append(Quote(speaker=author, text=post))
    return found
