# ruff: noqa: RUF001, RUF002  # typographic quotes, dashes and Cyrillic examples are what this module matches
"""Article facts for any language with a pack: entities, money, quotes, dateline, topics, countries, keywords.

Every function reads the :class:`~article_pipeline.pipeline.document.Document` (built once per article) and
its language pack; no word list lives in code. Names are capitalised spans of words (with the pack's name
particles and organisation connectors inside), typed by the pack's cue words (titles before a name, an
organisation head inside it, a country or city form, a place head), by document-level evidence (a word seen
in a person's name is that person everywhere), and grouped across their inflected forms by the lemmatiser
(simplemma) or, for names it does not know, by a shared stem. The entry's ``name`` is the form that is
its own lemma (the nominative) where one was seen, else the shortest form; every other surface form and a
Latin-script transliteration go to ``aliases``.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from article_pipeline.models import DateMention, Money, Organization, Person, Place, Quote, Topic
from article_pipeline.pipeline import gazetteer as gz
from article_pipeline.pipeline.document import Document, Token
from article_pipeline.pipeline.langpack import LanguagePack
from article_pipeline.pipeline.translit import latin_forms

# Language-independent currency signs and codes: the facts any language gets.
SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₸": "KZT", "₴": "UAH",
           "₺": "TRY", "zł": "PLN", "R$": "BRL", "₹": "INR", "₩": "KRW", "元": "CNY", "円": "JPY"}  # fmt: skip
ISO_CODES = frozenset(
    [
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "CNY",
        "RUB",
        "KZT",
        "UAH",
        "TRY",
        "PLN",
        "CHF",
        "BRL",
        "INR",
        "KRW",
        "CAD",
        "AUD",
        "SEK",
        "NOK",
        "DKK",
        "CZK",
        "HUF",
        "RON",
        "BGN",
        "AED",
        "SAR",
    ]
)
_MAX_NAME_WORDS = 6
_STEM_MIN = 4
LEMMA_LANGUAGES = frozenset({"ru", "uk", "de", "fr", "es", "it", "pt", "tr", "pl", "en"})


@dataclass
class Facts:
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dateline: str | None = None
    topics: list[Topic] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


@cache
def _lemmatizer(language: str) -> Callable[[str], str]:
    if language not in LEMMA_LANGUAGES:
        return lambda word: word
    import simplemma

    def lemma(word: str) -> str:
        return str(simplemma.lemmatize(word, lang=language))

    return lemma


# --------------------------------------------------------------------------------------------------
# Names


@dataclass
class _Span:
    tokens: list[Token]
    kind: str = ""  # person / organization / place
    country: str | None = None
    role: str | None = None
    tail: int = 0  # trailing words kept as written (an organisation's adjectives and genitive complements)

    @property
    def surface(self) -> str:
        words = [f"{t.base}." if len(t.base) == 1 and t.base.isupper() else t.base for t in self.tokens]
        return " ".join(words).replace(" - ", "-")


def _phrase_value(words: list[str], lexicon_get: Callable[[str], object], max_words: int) -> object:
    for size in range(min(max_words, len(words)), 0, -1):
        value = lexicon_get(" ".join(words[:size]))
        if value is not None:
            return value
    return None


def _is_name_word(tok: Token, pack: LanguagePack) -> bool:
    if tok.kind != "word" or not tok.capitalised or (len(tok.text) < 2 and not tok.text.isupper()):
        return False
    low = tok.base.casefold()
    if low in pack.stopwords or low in pack.not_names:
        return False
    return not (pack.months.get(low) is not None or pack.weekdays.get(low) is not None)


def _latin(word: str) -> bool:
    return not any(ch.isalpha() and not ch.isascii() and not ("\u00c0" <= ch <= "\u024f") for ch in word)


def _first_name(word: str, language: str) -> bool:
    """A given name of the public list, in its own or (non-Latin scripts) its Latin-script forms."""
    return gz.is_first_name(word) or any(gz.is_first_name(form) for form in latin_forms(word, language))


def _is_geo(tok: Token, pack: LanguagePack) -> bool:
    low = tok.base.casefold()
    return bool(pack.countries.get(low) or pack.cities.get(low))


def _is_cue(tok: Token, pack: LanguagePack) -> bool:
    low = tok.lower
    return bool(
        pack.role_words.get(low)
        or pack.honorifics.get(low)
        or pack.org_heads.get(low)
        or pack.place_heads.get(low)
        or _is_geo(tok, pack)
    )


@cache
def _known_word(language: str) -> Callable[[str], bool]:
    if language not in LEMMA_LANGUAGES:
        return lambda word: False
    import simplemma

    def known(word: str) -> bool:
        return bool(simplemma.is_known(word, lang=language))

    return known


def _spans(doc: Document, pack: LanguagePack) -> list[_Span]:
    tokens = doc.tokens
    spans: list[_Span] = []
    i = 0
    lowercase_seen = {t.lower for t in tokens if t.kind == "word" and not t.capitalised}
    while i < len(tokens):
        tok = tokens[i]
        if not _is_name_word(tok, pack):
            i += 1
            continue
        run = [tok]
        j = i + 1
        while j < len(tokens) and len(run) < _MAX_NAME_WORDS:
            nxt = tokens[j]
            if nxt.sentence != tok.sentence or nxt.start - run[-1].end > 1:
                break
            if run[-1].base != run[-1].text:  # a suffix after an apostrophe ends the name
                break
            if _latin(nxt.text) != _latin(run[-1].text):  # "SpaceX | Илон Маск": a change of script ends it
                break
            if _is_name_word(nxt, pack):
                run.append(nxt)
                j += 1
                continue
            initial = len(run[-1].text) == 1 and run[-1].text.isupper()
            if initial and nxt.text == "." and j + 1 < len(tokens) and _is_name_word(tokens[j + 1], pack):
                run.append(tokens[j + 1])  # "Salvador G. Tena": the initial's dot is inside the name
                j += 2
                continue
            joiner = nxt.lower in pack.name_particles or nxt.lower in pack.org_connectors or nxt.text == "-"
            if joiner and j + 1 < len(tokens) and _is_name_word(tokens[j + 1], pack):
                run.extend([nxt, tokens[j + 1]])
                j += 2
                continue
            break
        # a capitalised sentence opener that the text also writes in lower case is not a name
        while run and run[0].sentence_start and run[0].lower in lowercase_seen:
            run = run[1:]
        # ... nor is a dictionary word opening the sentence before a name ("Заявление Картера")
        if (
            len(run) > 1
            and run[0].sentence_start
            and not pack.capitalises_nouns
            and not pack.head_final  # modifiers precede the head: part of the name
            and _known_word(doc.language)(run[0].lower)
            and not _first_name(run[0].base, doc.language)
            and not _is_cue(run[0], pack)
        ):
            run = run[1:]
        # a nationality before a name is not part of it ("Polka Katarzyna Kiela", "американец Джон Смит")
        while len(run) > 1 and pack.demonyms.get(run[0].lower) and not _is_cue(run[0], pack):
            run = run[1:]
        # titles written with a capital ("Präsident", "Premier") lead the name; they are roles
        lead_role: list[Token] = []
        while len(run) > 1 and (pack.role_words.get(run[0].lower) or pack.honorifics.get(run[0].lower)):
            lead_role.append(run.pop(0))
        while run and (run[-1].lower in pack.org_connectors or run[-1].lower in pack.name_particles):
            run.pop()
        while run and (run[0].lower in pack.org_connectors or run[0].lower in pack.name_particles):
            run.pop(0)
        # a country or city before a name is its own span ("России Григорий Карасин", "США Дэниэлом Фридом")
        while len(run) > 1 and _is_geo(run[0], pack):
            spans.append(_Span([run.pop(0)]))
            while run and (run[0].lower in pack.org_connectors or run[0].lower in pack.name_particles):
                run.pop(0)
        # ... and after an organisation it closes the organisation's name ("МИД России | Сергей Лавров")
        for cut in range(1, len(run) - 1):
            if _is_geo(run[cut], pack) and (run[0].upper or pack.org_heads.get(run[0].lower)):
                rest = run[cut + 1 :]
                run = run[: cut + 1]
                if rest and _is_name_word(rest[0], pack):
                    spans.append(_Span(rest))
                break
        if pack.capitalises_nouns:
            # German capitalises every noun: dictionary nouns at a name's edges are not part of it
            known = _known_word(doc.language)
            while len(run) > 1 and known(run[0].base) and not gz.is_first_name(run[0].base):
                run = run[1:]
        if run:
            span = _Span(run)
            if lead_role:
                span.kind = "person"
                span.role = " ".join(t.text for t in lead_role)
            spans.append(span)
        i = max(j, i + 1)
    return spans


def _role_before(doc: Document, span: _Span, pack: LanguagePack) -> str | None:
    """The title just before a name ("глава компании Алексей Миллер", "le ministre Bruno Le Maire")."""
    first = span.tokens[0]
    index = doc.tokens.index(first)
    words: list[Token] = []
    k = index - 1
    while k >= 0 and index - k <= 5:
        tok = doc.tokens[k]
        if tok.sentence != first.sentence or tok.kind != "word":
            break
        words.insert(0, tok)
        if pack.role_words.get(tok.lower) or pack.honorifics.get(tok.lower):
            while (
                k - 1 >= 0
                and doc.tokens[k - 1].kind == "word"
                and pack.role_modifiers.get(doc.tokens[k - 1].lower)
            ):
                k -= 1
                words.insert(0, doc.tokens[k])
            start, end = words[0].start, words[-1].end
            return doc.text[start:end]
        if tok.lower in pack.stopwords and tok.lower not in pack.org_connectors:
            break
        k -= 1
    return None


def _classify(doc: Document, span: _Span, pack: LanguagePack, lemma: Callable[[str], str]) -> None:
    lows = [t.base.casefold() for t in span.tokens]
    if any(pack.org_heads.get(w) for w in lows) or any(pack.org_heads.get(lemma(w)) for w in lows):
        span.kind = span.kind or "organization"
    joined = " ".join(lows)
    lemma_joined = " ".join(lemma(w).casefold() for w in lows)
    country = pack.countries.get(joined) or pack.countries.get(lemma_joined)
    city = pack.cities.get(joined) or pack.cities.get(lemma_joined)
    if not span.kind and (country or city):
        span.kind, span.country = "place", country or city
        if country == "EU":
            span.kind = "organization"
    if not span.kind and len(lows) > 1 and any(pack.place_heads.get(w) for w in lows):  # a bare head is none
        span.kind = "place"
    if not span.kind and "Latn" in pack.scripts:
        info = gz.lookup_place(span.surface)
        base = lemma(span.tokens[0].base) if len(span.tokens) == 1 else span.surface
        if info is None and base.casefold() != lows[0]:
            info = gz.lookup_place(base)  # a place in another case: "w Krakowie", "we Wrocławiu"
        if info is not None and not info.common_word:
            span.kind, span.country = "place", info.country
    role = span.role or _role_before(doc, span, pack)
    if role and span.kind in ("", "person"):
        span.kind, span.role = "person", role

    if not span.kind and all(t.upper for t in span.tokens) and len(span.tokens) == 1 and len(lows[0]) <= 6:
        span.kind = "organization"


def _person_parts(span: _Span, pack: LanguagePack) -> list[_Span]:
    """A person's name holds name particles, not connectors: "Macron in Berlin", "ETA en Francia" and
    "Izaskun Lesaka y Joseba Iturbe" are several names; each part is typed again on its own."""
    if span.kind != "person":
        return [span]
    parts: list[list[Token]] = [[]]
    for tok in span.tokens:
        if parts[-1] and tok.lower in pack.org_connectors and tok.lower not in pack.name_particles:
            parts.append([])
        else:
            parts[-1].append(tok)
    if len(parts) == 1:
        return [span]
    out: list[_Span] = []
    for index, tokens in enumerate(p for p in parts if p):
        part = _Span(tokens, role=span.role if index == 0 else None)
        if len(tokens) == 1 and _is_geo(tokens[0], pack):
            part.kind = "place"
            part.country = pack.countries.get(tokens[0].base.casefold()) or pack.cities.get(
                tokens[0].base.casefold()
            )
        elif len(tokens) == 1 and tokens[0].upper:
            part.kind = "organization"
        else:
            part.kind = "person"
        out.append(part)
    return out


def _is_org_head(tok: Token, pack: LanguagePack, lemma: Callable[[str], str]) -> bool:
    low = tok.base.casefold()
    return bool(pack.org_heads.get(low) or pack.org_heads.get(lemma(low).casefold()))


def _is_verb(tok: Token, pack: LanguagePack, lemma: Callable[[str], str]) -> bool:
    """An inflected verb: its lemma is an infinitive and it is not an adjective or participle."""
    if not pack.verb_endings:
        return False
    base = lemma(tok.lower).casefold()
    if base == tok.lower or not base.endswith(pack.verb_endings):
        return False
    return not (pack.adjective_endings and tok.lower.endswith(pack.adjective_endings))


def _org_tail(doc: Document, at: int, pack: LanguagePack, lemma: Callable[[str], str]) -> list[Token]:
    """The words after an organisation head that complete its name: adjectives and complements written in
    lower case ("Parti socialiste", "Agence du revenu du Canada", "Организация объединенных наций",
    "Министерство обороны США"): at most two lower-case content words, the pack's "of" words between them,
    and a closing capitalised name word after an "of" word (or, where complements follow in the genitive,
    after a content word); a function word, a verb, a date word or punctuation ends it."""
    toks = doc.tokens
    tail: list[Token] = []
    content = 0
    k = at + 1
    while k < len(toks) and len(tail) < 6:
        tok, prev = toks[k], toks[k - 1]
        if tok.kind != "word" or tok.sentence != prev.sentence or tok.start - prev.end > 1:
            break
        after_of = bool(tail) and tail[-1].lower in pack.org_tail_connectors
        if tok.lower in pack.org_tail_connectors:
            tail.append(tok)
        elif tok.capitalised:
            if _is_name_word(tok, pack) and (after_of or (pack.genitive_tails and content)):
                tail.append(tok)
            break
        elif (
            content >= 2
            or (after_of and content and not pack.genitive_tails)  # "Conseil européen | de fin d'année"
            or len(tok.text) < 3
            or tok.lower in pack.stopwords
            or pack.reporting_verbs.get(tok.lower)
            or pack.months.get(tok.lower) is not None
            or pack.weekdays.get(tok.lower) is not None
            or pack.role_words.get(tok.lower)
            or _is_verb(tok, pack, lemma)
        ):
            break
        else:
            tail.append(tok)
            content += 1
        k += 1
    while tail and tail[-1].lower in pack.org_tail_connectors:
        tail.pop()
    return tail


def _extend_organizations(
    doc: Document, spans: list[_Span], pack: LanguagePack, lemma: Callable[[str], str]
) -> list[_Span]:
    """Organisation names longer than their capitalised words (not where the head closes the name).

    - a bare head takes its lower-case tail ("Parti" -> "Parti socialiste", "Conseil" -> "Conseil européen");
    - a head written in lower case and an "of" word before a name make one name ("ministère des Affaires
      étrangères", "questura di Roma"); without the "of" word ("empresa Aizoon") the head only types the name;
    - a capitalised adjective before a lower-case head ("Шеффилдского университета", "Научный совет").
    A place inside the longer name stays a place of its own as well."""
    if pack.head_final or pack.capitalises_nouns:
        return spans
    toks = doc.tokens
    index_of = {t.start: i for i, t in enumerate(toks)}
    out: list[_Span] = []
    for span in spans:
        first, last = index_of[span.tokens[0].start], index_of[span.tokens[-1].start]
        if (
            span.kind in ("", "organization")
            and len(span.tokens) == 1
            and not span.tokens[0].upper
            and not span.tokens[0].sentence_start
            and _is_org_head(span.tokens[0], pack, lemma)
            and not (
                first > 0 and toks[first - 1].lower in pack.org_tail_connectors
            )  # "presidente del Consiglio"
        ):
            tail = _org_tail(doc, last, pack, lemma)
            if tail:
                out.append(_Span([*span.tokens, *tail], kind="organization", tail=len(tail)))
                continue
        if span.kind != "person":
            k = first - 1
            joiner = k >= 0 and toks[k].lower in pack.org_tail_connectors
            head = toks[k - 1 if joiner else k] if k - int(joiner) >= 0 else None
            if (
                head is not None
                and head.kind == "word"
                and not head.capitalised
                and head.sentence == span.tokens[0].sentence
                and head.lower not in pack.stopwords
                and _is_org_head(head, pack, lemma)
            ):
                if not joiner:
                    if not span.kind and not _first_name(span.tokens[0].base, doc.language):
                        span.kind = "organization"
                    out.append(span)
                    continue
                tail = _org_tail(doc, last, pack, lemma) if span.kind == "" else []
                tokens = [head, toks[k], *span.tokens, *tail]
                if span.kind == "place":
                    out.append(span)
                out.append(_Span(tokens, kind="organization", tail=len(tokens) - 1))
                continue
        if (
            span.kind in ("", "organization", "person")
            and last + 1 < len(toks)
            and not pack.demonyms.get(span.tokens[-1].lower)
            and not any(pack.role_words.get(t.lower) or pack.honorifics.get(t.lower) for t in span.tokens)
        ):
            nxt = toks[last + 1]
            if (
                nxt.kind == "word"
                and not nxt.capitalised
                and nxt.sentence == span.tokens[-1].sentence
                and nxt.start - span.tokens[-1].end <= 1
                and nxt.lower not in pack.stopwords
                and _is_org_head(nxt, pack, lemma)
            ):
                tail = _org_tail(doc, last + 1, pack, lemma)
                out.append(_Span([*span.tokens, nxt, *tail], kind="organization", tail=len(tail)))
                continue
        out.append(span)
    return out


def _stem(word: str) -> str:
    return word[: max(_STEM_MIN, len(word) - 3)] if len(word) > _STEM_MIN + 1 else word


@dataclass
class _Entity:
    kind: str
    forms: Counter[str] = field(default_factory=Counter)
    nominative: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    tail: int = 0  # trailing words not lemmatised (see _Span.tail)


def _group_key(words: list[str], lemma: Callable[[str], str]) -> tuple[str, ...]:
    return tuple(_stem(lemma(w).casefold()) for w in words)


def extract_entities(doc: Document) -> tuple[list[Person], list[Organization], list[Place]]:
    pack = doc.pack
    if pack is None:
        return [], [], []
    lemma = _lemmatizer(doc.language)
    spans = _spans(doc, pack)
    for span in spans:
        _classify(doc, span, pack, lemma)
    # document-level evidence: a word of a known person's name is that person elsewhere
    person_words = {_stem(t.base.casefold()) for s in spans if s.kind == "person" for t in s.tokens}
    for span in spans:
        if not span.kind:
            stems = {_stem(t.base.casefold()) for t in span.tokens}
            if stems & person_words or (
                2 <= len(span.tokens) <= 3
                and all(t.capitalised and not t.upper for t in span.tokens)
                and (
                    ("Latn" not in pack.scripts and not _latin(span.tokens[0].text))
                    or gz.is_first_name(span.tokens[0].base)
                )
            ):
                span.kind = "person"
            elif span.tokens[0].sentence_start and len(span.tokens) == 1:
                span.kind = ""
            elif any(t.lower in pack.org_connectors for t in span.tokens):
                span.kind = (
                    ""  # "Erfindung der Roten", "Verteilung der Gelder": nouns joined, no organisation head
                )
            elif pack.capitalises_nouns and len(span.tokens) > 1:
                known = _known_word(doc.language)
                span.kind = "" if all(known(t.base) for t in span.tokens) else "organization"
            else:
                span.kind = "organization" if len(span.tokens) > 1 or span.tokens[0].upper else ""
    spans = _extend_organizations(doc, spans, pack, lemma)
    spans = [part for span in spans for part in _person_parts(span, pack)]
    entities: dict[tuple[str, tuple[str, ...]], _Entity] = {}
    for span in spans:
        if not span.kind:
            continue
        words = [t.base for t in span.tokens]
        inflected = words[: len(words) - span.tail]
        key = (span.kind, _group_key(inflected, lemma) + tuple(w.casefold() for w in words[len(inflected) :]))
        entity = entities.setdefault(key, _Entity(span.kind))
        entity.forms[span.surface] += 1
        entity.tail = max(entity.tail, span.tail)
        if all(lemma(w).casefold() == w.casefold() for w in inflected):
            entity.nominative.add(span.surface)
        if span.role and span.role not in entity.roles:
            entity.roles.append(span.role)
        entity.country = entity.country or span.country
    _add_agencies(doc, pack, entities)
    _merge_surnames(entities)
    if pack.name_endings:
        _merge_oblique_names(entities, pack, lemma)
    return _as_records(entities, doc.language, lemma, pack)


def _add_agencies(
    doc: Document, pack: LanguagePack, entities: dict[tuple[str, tuple[str, ...]], _Entity]
) -> None:
    """News agencies named in the text are organisations, whole ("РИА Новости", not "РИА")."""
    for agency in pack.agencies:
        count = len(re.findall(rf"(?<!\w){re.escape(agency)}(?!\w)", doc.text))
        if not count or (agency.isupper() and len(agency) <= 2):
            continue
        for key in [
            k for k, e in entities.items() if all(agency.startswith(f) and f != agency for f in e.forms)
        ]:
            entities.pop(key)
        key = ("organization", (agency.casefold(),))
        entity = entities.setdefault(key, _Entity("organization"))
        entity.forms[agency] = max(entity.forms[agency], count)
        entity.nominative.add(agency)


def _merge_surnames(entities: dict[tuple[str, tuple[str, ...]], _Entity]) -> None:
    """A surname alone joins the full name that ends with it ("Миллер" -> "Алексей Миллер")."""
    full = [(key, e) for key, e in entities.items() if key[0] == "person" and len(key[1]) > 1]
    for key in [k for k in entities if k[1] and len(k[1]) == 1]:
        owners = [e for fk, e in full if fk[1][-1] == key[1][0]]
        if len(owners) == 1:
            alone = entities.pop(key)
            owners[0].forms.update(alone.forms)
            owners[0].roles.extend(r for r in alone.roles if r not in owners[0].roles)


def _merge_oblique_names(
    entities: dict[tuple[str, tuple[str, ...]], _Entity], pack: LanguagePack, lemma: Callable[[str], str]
) -> None:
    """A name seen only in oblique cases joins the same name seen in the nominative ("Аллы Ершовой" ->
    "Алла Ершова"), found by the pack's name endings where the stems differ."""
    people = {k: e for k, e in entities.items() if k[0] == "person"}
    owner_of: dict[str, tuple[str, tuple[str, ...]]] = {}
    for key, entity in people.items():
        for form in entity.nominative:
            owner_of.setdefault(form, key)
    for key, entity in people.items():
        if entity.nominative or key not in entities:
            continue
        targets = {
            owner_of[guess]
            for form in entity.forms
            for guess in _nominatives(form, pack, lemma)
            if guess in owner_of and owner_of[guess] != key
        }
        if len(targets) == 1:
            target = entities[targets.pop()]
            target.forms.update(entities.pop(key).forms)
            target.roles.extend(r for r in entity.roles if r not in target.roles)


def _restore_case(lemma_word: str, surface: str) -> str:
    if surface.isupper() and len(surface) > 1:
        return lemma_word.upper()
    return lemma_word[:1].upper() + lemma_word[1:] if surface[:1].isupper() else lemma_word


def _dictionary_form(entity: _Entity, lemma: Callable[[str], str]) -> str:
    if entity.nominative:
        return max(entity.nominative, key=lambda f: (entity.forms[f], len(f)))
    best = max(entity.forms, key=lambda f: (len(f.split()), entity.forms[f], -len(f)))
    if entity.kind != "person":
        words = best.split()
        cut = max(1, len(words) - entity.tail)
        return " ".join([*(_restore_case(lemma(w), w) for w in words[:cut]), *words[cut:]])
    return min((f for f in entity.forms if len(f.split()) == len(best.split())), key=len)


_MAX_NOMINATIVES = 6


def _nominatives(name: str, pack: LanguagePack, lemma: Callable[[str], str]) -> list[str]:
    """Dictionary forms of a person's name seen only in oblique cases ("Оли Малышевой" -> "Оля Малышева"):
    each word by the lemmatiser where it knows the name, else by the pack's name endings; several guesses
    (the gender is not known) go to the aliases, never the name."""
    options: list[list[str]] = []
    for word in name.split():
        found = [word]
        base = lemma(word)
        if base.casefold() != word.casefold() and base[:1].isupper():
            found.append(base)
        low = word.casefold()
        for oblique, nominative in pack.name_endings:
            if len(low) > len(oblique) + 2 and low.endswith(oblique):
                guess = word[: len(word) - len(oblique)] + nominative
                if guess not in found:
                    found.append(guess)
            if len(found) >= 3:
                break
        options.append(found)
    forms = [""]
    for found in options:
        forms = [f"{f} {w}".strip() for f in forms for w in found][: _MAX_NOMINATIVES * 3]
    return forms[1 : _MAX_NOMINATIVES + 1]


def _as_records(
    entities: dict[tuple[str, tuple[str, ...]], _Entity],
    language: str,
    lemma: Callable[[str], str],
    pack: LanguagePack | None = None,
) -> tuple[list[Person], list[Organization], list[Place]]:
    people: list[Person] = []
    orgs: list[Organization] = []
    places: list[Place] = []
    for entity in entities.values():
        name = _dictionary_form(entity, lemma)
        aliases = [f for f in entity.forms if f != name]
        if entity.kind == "person" and pack is not None and pack.name_endings and not entity.nominative:
            aliases.extend(n for n in _nominatives(name, pack, lemma) if n != name and n not in aliases)
        for form in (name, *aliases):
            aliases.extend(latin for latin in latin_forms(form, language) if latin not in aliases)
        mentions = sum(entity.forms.values())
        if entity.kind == "person":
            people.append(Person(name=name, aliases=aliases, roles=entity.roles[:3], mentions=mentions))
        elif entity.kind == "organization":
            orgs.append(Organization(name=name, aliases=aliases, mentions=mentions))
        else:
            places.append(Place(name=name, aliases=aliases, country=entity.country, mentions=mentions))
    return people, orgs, places


# --------------------------------------------------------------------------------------------------
# Money


def _number(text: str, pack: LanguagePack | None) -> float | None:
    decimal = pack.decimal_separator if pack else "."
    raw = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if decimal == ",":
        raw = raw.replace(".", "").replace(",", ".") if "," in raw else raw.replace(".", "")
        if text.count(".") == 1 and "," not in text and len(text.split(".")[1]) != 3:
            raw = text.replace(" ", "")  # "1.5" in a decimal-comma language is still 1.5
    else:
        raw = raw.replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return None


def extract_money(doc: Document) -> list[Money]:
    pack = doc.pack
    toks = doc.tokens
    found: list[Money] = []
    for i, tok in enumerate(toks):
        if tok.kind != "number":
            continue
        value = _number(tok.text, pack)
        if value is None:
            continue
        j = i + 1
        scale = 1.0
        if pack and j < len(toks) and toks[j].kind == "word":
            got = pack.scales.get(toks[j].lower)
            if got:
                scale, j = got, j + 1
                if j < len(toks) and toks[j].text == ".":
                    j += 1
        currency = None
        end = toks[j - 1].end
        if (
            pack
            and j + 1 < len(toks)
            and toks[j].kind == "word"
            and len(toks[j].lower) <= 3
            and toks[j].lower.rstrip("'’") in pack.stopwords | {"d", "de", "di", "of"}
            and pack.currencies.get(toks[j + 1].lower)
        ):
            j += 1
        if j < len(toks):
            nxt = toks[j]
            if nxt.text in SYMBOLS or (nxt.text.upper() in ISO_CODES and nxt.upper):
                currency, end = SYMBOLS.get(nxt.text, nxt.text.upper()), nxt.end
            elif pack and nxt.kind == "word":
                two = f"{nxt.lower} {toks[j + 1].lower}" if j + 1 < len(toks) else ""
                currency = pack.currencies.get(two) or pack.currencies.get(nxt.lower)
                end = nxt.end
        start = tok.start
        if currency is None and i > 0:
            prev = toks[i - 1]
            sign = prev.text
            if i > 1 and toks[i - 2].end == prev.start and f"{toks[i - 2].text}{sign}" in SYMBOLS:
                sign, prev = f"{toks[i - 2].text}{sign}", toks[i - 2]
            if sign in SYMBOLS or sign in ISO_CODES:
                currency, start = SYMBOLS.get(sign, sign), prev.start
                end = toks[j - 1].end if scale != 1.0 else tok.end
        if currency is None:
            continue
        found.append(Money(text=doc.text[start:end], amount=round(value * scale, 2), currency=currency))
    return found


# --------------------------------------------------------------------------------------------------
# Dates

_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def extract_dates(doc: Document, *, reference: str | None) -> list[DateMention]:
    """Day + month name (+ year) in the pack's month forms, and numeric dates; a date without a year takes
    the reference's year (the year before when that would put it more than 300 days after the reference)."""
    ref: date | None = None
    if reference:
        with contextlib.suppress(ValueError):
            ref = date.fromisoformat(reference[:10])
    found: list[DateMention] = []
    for match in _NUMERIC_DATE.finditer(doc.text):
        if match.group(1):
            iso = _valid_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        else:
            iso = _valid_date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        if iso:
            found.append(DateMention(text=match.group(), date=iso))
    pack = doc.pack
    toks = doc.tokens
    if pack is not None:
        for i, tok in enumerate(toks):
            month = pack.months.get(tok.lower) if tok.kind == "word" else None
            if month is None or i == 0 or toks[i - 1].kind != "number" or not toks[i - 1].text.isdigit():
                continue
            day = int(toks[i - 1].text)
            year_tok = toks[i + 1] if i + 1 < len(toks) else None
            end = tok.end
            if year_tok is not None and year_tok.kind == "number" and len(year_tok.text) == 4:
                year, end = int(year_tok.text), year_tok.end
            elif ref is not None:
                year = ref.year
                candidate = _valid_date(year, month, day)
                if candidate and (date.fromisoformat(candidate) - ref).days > 300:
                    year -= 1
            else:
                continue
            iso = _valid_date(year, month, day)
            if iso:
                found.append(DateMention(text=doc.text[toks[i - 1].start : end], date=iso))
    return found


# --------------------------------------------------------------------------------------------------
# Dateline, quotes


_DATELINE_TAIL = re.compile(
    r"^[\s,.]*(?:\d{1,2}\s*[^\W\d_]{0,10}\.?)?[\s,.]*(?:[(/]\s*[^)/\n]{2,30}[)/])?\s*[.,]?\s*[-–—/]"
)


def dateline_of(doc: Document) -> str | None:
    """The place that opens the body: "АСТАНА, 3 декабря. /ТАСС/.", "BERLIN (dpa) -", "TAShKENT. KAZINFORM —"."""
    pack = doc.pack
    agencies = {a.casefold() for a in pack.agencies} if pack else set()
    for start, end in doc.paragraphs[:3]:
        line = doc.text[start:end]
        match = re.match(r"^([^\W\d_][\w'’.\-/ ]{1,40}?)(?=[\s,.(]|$)", line)
        if not match:
            continue
        place = match.group(1).strip(" .")
        rest = line[match.end() :]
        shouting = sum(c.isupper() for c in place) >= 0.6 * sum(c.isalpha() for c in place)
        agency_follows = any(rest.casefold().lstrip(" ,.(/").startswith(a) for a in agencies)
        tail = _DATELINE_TAIL.match(rest)
        opens = rest[:2].strip() in (",", ".")
        plain_dateline = shouting and len(place) >= 3 and bool(tail or agency_follows or opens)
        if (plain_dateline or (agency_follows and tail)) and len(place.split()) <= 4:
            return place
    return None


def extract_quotes(doc: Document, people: list[Person]) -> list[Quote]:
    pack = doc.pack
    if pack is None:
        return []
    quotes: list[Quote] = []
    names: list[tuple[str, str]] = [(p.name, form) for p in people for form in (p.name, *p.aliases)]
    for opener, closer in pack.quote_pairs:
        pattern = re.compile(
            re.escape(opener) + r"([^" + re.escape(closer + opener) + r"\n]{12,1500})" + re.escape(closer)
        )
        for match in pattern.finditer(doc.text):
            text = match.group(1).strip()
            if len(text.split()) < 4:
                continue
            window = doc.text[max(0, match.start() - 160) : match.end() + 160]
            around = window.casefold()
            verb = any(pack.reporting_verbs.get(w) for w in re.findall(r"[^\W\d_]+", around))
            speaker = None
            best = 10**9
            for name, form in names:
                at = window.find(form)
                if at >= 0:
                    distance = abs(at - min(160, match.start()))
                    if distance < best:
                        best, speaker = distance, name
            if verb or speaker:
                quotes.append(Quote(speaker=speaker, text=text))
    return quotes


# --------------------------------------------------------------------------------------------------
# Topics, countries, keywords

_TOPIC_LABELS = {
    "01000000": "arts, culture, entertainment and media", "02000000": "crime, law and justice",
    "03000000": "disaster, accident and emergency incident", "04000000": "economy, business and finance",
    "05000000": "education", "06000000": "environment", "07000000": "health", "08000000": "human interest",
    "09000000": "labour", "10000000": "lifestyle and leisure", "11000000": "politics and government",
    "12000000": "religion", "13000000": "science and technology", "14000000": "society", "15000000": "sport",
    "16000000": "conflict, war and peace", "17000000": "weather",
}  # fmt: skip
TOPIC_RELATIVE = 0.5
TOPIC_MIN_HITS = 2
MAX_TOPICS = 3


def classify_topics(doc: Document, title: str | None) -> list[Topic]:
    pack = doc.pack
    if pack is None:
        return []
    scores: dict[str, float] = defaultdict(float)
    title_end = len(title) if title and doc.text.startswith(title) else -1
    for tok in doc.tokens:
        if tok.kind != "word" or tok.lower in pack.stopwords:
            continue
        for code, cues in pack.topic_cues.items():
            if cues.get(tok.lower):
                scores[code] += 3.0 if tok.end <= title_end else 1.0
    if not scores:
        return []
    top = sorted(scores.items(), key=lambda item: -item[1])
    best = top[0][1]
    if best < TOPIC_MIN_HITS:
        return []
    chosen = [(code, score) for code, score in top if score >= TOPIC_RELATIVE * best][:MAX_TOPICS]
    return [
        Topic(
            code=code,
            label=_TOPIC_LABELS.get(code.split(":")[1], code),
            score=round(min(1.0, score / best), 3),
        )
        for code, score in chosen
    ]


COUNTRY_RELATIVE = 0.5
MAX_COUNTRIES = 3


def countries_of(doc: Document, places: Iterable[Place]) -> list[str]:
    pack = doc.pack
    scores: dict[str, float] = defaultdict(float)
    for place in places:
        if place.country and place.country != "EU":
            scores[place.country] += place.mentions
    if pack is not None:
        words = [t.lower for t in doc.tokens if t.kind == "word"]
        for k, word in enumerate(words):
            two = f"{word} {words[k + 1]}" if k + 1 < len(words) else ""
            code = pack.countries.get(two) or pack.countries.get(word)
            if code and code != "EU":
                scores[code] += 1.0
            elif demonym := pack.demonyms.get(word):
                scores[demonym] += 0.5
    if not scores:
        return []
    ordered = sorted(scores.items(), key=lambda item: -item[1])
    best = ordered[0][1]
    ranked = [(code, score) for code, score in ordered if code != "EU"]
    return [code for code, score in ranked[:MAX_COUNTRIES] if score >= max(1.0, COUNTRY_RELATIVE * best)]


MAX_KEYWORDS = 8


def keywords_of(
    doc: Document, people: list[Person], orgs: list[Organization], places: list[Place]
) -> list[str]:
    pack = doc.pack
    if pack is None:
        return []
    lemma = _lemmatizer(doc.language)
    weighted: list[tuple[float, str]] = [(p.mentions * 1.5, p.name) for p in people]
    weighted += [(o.mentions * 1.5, o.name) for o in orgs]
    weighted += [(float(p.mentions), p.name) for p in places]
    named = sorted(weighted, reverse=True)
    phrases: dict[str, float] = defaultdict(float)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    run: list[Token] = []
    for tok in (*doc.tokens, None):
        usable = (
            tok is not None
            and tok.kind == "word"
            and not tok.capitalised
            and len(tok.text) > 3
            and tok.lower not in pack.stopwords
            and not pack.keyword_stop.get(tok.lower)
            and not pack.reporting_verbs.get(tok.lower)
            and (not run or (tok.sentence == run[-1].sentence and tok.start - run[-1].end <= 1))
        )
        if usable and tok is not None:
            run.append(tok)
            continue
        for size in (2, 1):
            for k in range(len(run) - size + 1):
                part = run[k : k + size]
                key = " ".join(lemma(t.lower).casefold() for t in part)
                phrases[key] += 1.5 if size == 2 else 1.0
                surfaces[key][" ".join(t.text for t in part)] += 1
        run = [tok] if usable and tok is not None else []
    picked: list[str] = [name for score, name in named if score >= 2][:4]
    for key, score in sorted(phrases.items(), key=lambda item: -item[1])[:20]:
        if score < 2 or len(picked) >= MAX_KEYWORDS:
            break
        surface = surfaces[key].most_common(1)[0][0]
        if not any(surface in p or p in surface for p in picked):
            picked.append(surface)
    return picked[:MAX_KEYWORDS]


def analyse(doc: Document, *, title: str | None) -> Facts:
    people, orgs, places = extract_entities(doc)
    return Facts(
        people=people,
        organizations=orgs,
        places=places,
        money=extract_money(doc),
        quotes=extract_quotes(doc, people),
        dateline=dateline_of(doc),
        topics=classify_topics(doc, title),
        countries=countries_of(doc, places),
        keywords=keywords_of(doc, people, orgs, places),
    )
