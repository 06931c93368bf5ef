# ruff: noqa: RUF001, RUF002, RUF003  # typographic quotes, dashes and Cyrillic examples are what this module matches
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

import bisect
import contextlib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any

from article_pipeline.models import DateMention, Money, Organization, Person, Place, Quote, Topic
from article_pipeline.pipeline import gazetteer as gz
from article_pipeline.pipeline.document import Document, Token
from article_pipeline.pipeline.langpack import (
    LanguagePack,
    Lexicon,
    LexiconIndex,
    V,
    lemma_languages,
    load_pack,
)
from article_pipeline.pipeline.polyglot_quotes import extract_quotes
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
_MAX_HEAD_FINAL_WORDS = 10  # "Terörizmin Finansmanının Önlenmesi ve Aklama Suçu Soruşturma Bürosu"
_STEM_MIN = 4


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
def _simplemma() -> tuple[Any, Any]:
    """One simplemma lemmatizer and dictionary lookup over simplemma's low-memory dictionaries, cached for
    every language with a pack. Imported on first use: English never pays for it.

    The stream factory reads the compressed front-coded data in place instead of building a Python dict per
    language. Measured 2026-12-07 over the 56 multilingual texts (ten languages, one process): peak RSS
    1092 MiB with the default factory (a mixed stream would exhaust a 512 MB function) against 207 MiB,
    first pass 10.6 s against 7.1 s (dictionary loads), warm pass 0.50 against 0.52 s (the lookups below are
    memoised), and identical records. The cache holds every pack's language: simplemma's default of 8 would
    reload an evicted one in a stream of nine or more. A memo in front of each dictionary answers the
    lookups made again (:mod:`lemma_dictionaries`)."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy

    from article_pipeline.pipeline.lemma_dictionaries import MemoStreamDictionaryFactory

    factory = MemoStreamDictionaryFactory(cache_max_size=len(lemma_languages()) + 2)
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)), (
        DictionaryLookupStrategy(factory)
    )


@cache
def _lemmatizer(language: str) -> Callable[[str], str]:
    if language not in lemma_languages():
        return lambda word: word
    lemmatizer = _simplemma()[0]

    @lru_cache(maxsize=65536)
    def lemma(word: str) -> str:
        return str(lemmatizer.lemmatize(word, lang=language))

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
    known: str = ""  # the dictionary form of a well-known organisation's name ("Ryanair" for "Ryanaira")

    @property
    def surface(self) -> str:
        words = [f"{t.base}." if len(t.base) == 1 and t.base.isupper() else t.base for t in self.tokens]
        return re.sub(r"(?<=\b\w['’]) ", "", " ".join(words).replace(" - ", "-"))  # "l' impôt" -> "l'impôt"


def _phrase_value(words: list[str], lexicon_get: Callable[[str], object], max_words: int) -> object:
    for size in range(min(max_words, len(words)), 0, -1):
        value = lexicon_get(" ".join(words[:size]))
        if value is not None:
            return value
    return None


def _is_name_word(tok: Token, pack: LanguagePack) -> bool:
    if tok.kind != "word" or not tok.capitalised or (len(tok.text) < 2 and not tok.text.isupper()):
        return False
    if tok.text[-1:] in "'’" and len(tok.text) <= 4:
        return False  # an elided article or preposition ("L’", "Dell'"), split off the word it precedes
    low = tok.base.casefold()
    if low in pack.stopwords or (low in pack.not_names and not pack.org_heads.get(low)):
        return False  # an organisation head opens a name ("Ministerio de Sanidad"); alone it is none
    return not (pack.months.get(low) is not None or pack.weekdays.get(low) is not None)


_UNIT_NUMBER_DIGITS = 3


def _numbered_unit(
    tokens: Sequence[Token], at: int, run: list[Token], pack: LanguagePack, language: str
) -> bool:
    """A short number inside an organisation's name, between its head and an "of" word before a name
    ("Juzgado de Instrucción 3 de Palma", "Sąd Rejonowy 2 w Krakowie" style numbering of courts and units)."""
    num = tokens[at]
    if num.kind != "number" or not num.text.isdigit() or len(num.text) > _UNIT_NUMBER_DIGITS:
        return False
    if at + 2 >= len(tokens) or tokens[at + 2].sentence != num.sentence:
        return False
    if tokens[at + 1].lower not in pack.org_connectors or not _is_name_word(tokens[at + 2], pack):
        return False
    lemma = _lemmatizer(language)
    return any(_is_org_head(t, pack, lemma) for t in run)


def _full_name_start(run: list[Token], pack: LanguagePack, language: str) -> int:
    """Where a given name followed by a surname starts in ``run`` after dictionary words that are no name,
    title, head or place; 0 when the run does not read so."""
    known = _known_word(language)
    for k, tok in enumerate(run[:-1]):
        if _first_name(tok.base, language):
            return k
        if not known(tok.lower) or _is_cue(tok, pack) or _is_geo(tok, pack) or tok.upper:
            return 0
    return 0


def _letter_label(tokens: Sequence[Token], at: int, language: str) -> bool:
    """A capital letter alone after a lower-case word, and before its dot a dictionary word that is no
    given name or surname, labels a thing ("akcjach serii C. | Finalizacja ..."): the dot closes the
    sentence; it is no initial of a name."""
    if at == 0 or at + 2 >= len(tokens):
        return False
    before, after = tokens[at - 1], tokens[at + 2]
    if before.kind != "word" or before.capitalised or before.sentence != tokens[at].sentence:
        return False
    word = after.base
    return _known_word(language)(word.casefold()) and not gz.is_first_name(word) and not gz.is_surname(word)


def _latin(word: str) -> bool:
    if word.isascii():
        return True
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
    if language not in lemma_languages():
        return lambda word: False
    from simplemma.utils import normalize_token

    lookup = _simplemma()[1]

    @lru_cache(maxsize=65536)
    def known(word: str) -> bool:
        return lookup.get_lemma(normalize_token(word), language) is not None

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
        while j < len(tokens) and len(run) < (_MAX_HEAD_FINAL_WORDS if pack.head_final else _MAX_NAME_WORDS):
            nxt = tokens[j]
            if nxt.sentence != tok.sentence or nxt.start - run[-1].end > 1:
                break
            if run[-1].base != run[-1].text:  # a suffix after an apostrophe ends the name
                break
            if pack.closing_suffixes and _closing_suffix(run[-1], pack):
                break  # "Kezdesýde | Almaz Toqtarov": a word in an oblique case ends the name
            if _latin(nxt.text) != _latin(run[-1].text):  # "SpaceX | Илон Маск": a change of script ends it
                break
            if _is_name_word(nxt, pack):
                run.append(nxt)
                j += 1
                continue
            initial = len(run[-1].text) == 1 and run[-1].text.isupper()
            if (
                initial
                and nxt.text == "."
                and j + 1 < len(tokens)
                and _is_name_word(tokens[j + 1], pack)
                and not (len(run) == 1 and _letter_label(tokens, i, doc.language))
            ):
                run.append(tokens[j + 1])  # "Salvador G. Tena": the initial's dot is inside the name
                j += 2
                continue
            if _numbered_unit(tokens, j, run, pack, doc.language):
                run.extend(tokens[j : j + 3])  # "Juzgado de Instrucción 3 de Palma": a numbered court or unit
                j += 3
                continue
            joiner = (
                nxt.lower in pack.name_particles or nxt.lower in pack.org_connectors or _hyphen(tokens, j)
            )
            if joiner and pack.head_final and _is_org_head(run[-1], pack, _lemmatizer(doc.language)):
                break  # the head closes the name: "Merkez Bankası | ve MASAK"
            if joiner and nxt.text != "-" and _surname_shaped(run[-1], pack):
                break  # a family name closes the name: "Marat Ospanuly | jáne Senat tóraǵasy"
            if (
                joiner
                and nxt.text != "-"
                and j + 1 < len(tokens)
                and _first_name(run[0].base, doc.language)
                and _first_name(tokens[j + 1].base, doc.language)
                and (nxt.lower not in pack.name_particles or _full_name_at(tokens, j + 1, pack))
            ):
                break  # "Giorgia Meloni | da Donald Trump": two people, not one name
            if joiner and j + 1 < len(tokens) and _is_name_word(tokens[j + 1], pack):
                run.extend([nxt, tokens[j + 1]])
                j += 2
                continue
            if (
                joiner
                and j + 1 < len(tokens)
                and nxt.lower in pack.org_connectors
                and _complement_noun(tokens[j + 1], pack)
                and _is_org_head(run[-1], pack, _lemmatizer(doc.language))
            ):
                # a head's complement may be a noun that is no name alone ("Bundesministerium für Gesundheit")
                run.extend([nxt, tokens[j + 1]])
                j += 2
                continue
            break
        if (
            pack.head_final
            and len(run) > _MAX_NAME_WORDS
            and not _is_org_head(run[-1], pack, _lemmatizer(doc.language))
        ):
            # only an organisation closed by its head is that long: cut back to a name's length
            while len(run) > _MAX_NAME_WORDS:
                j = bisect.bisect_left(tokens, run.pop().start, key=_token_start)
            while run and (run[-1].lower in pack.org_connectors or run[-1].lower in pack.name_particles):
                j = bisect.bisect_left(tokens, run.pop().start, key=_token_start)
        # a family name closes a person's name: the capitalised words after it are read again as the next
        # name ("Oljas Beketov | Ulttyq bank tóraǵasy", "Toqaev | Ózbekstan Prezıdenti Shavkat Mırzıeev")
        ends = [k for k in range(len(run) - 1) if _surname_shaped(run[k], pack)]
        if ends and not _surname_shaped(run[ends[0] + 1], pack):
            j = bisect.bisect_left(tokens, run[ends[0] + 1].start, key=_token_start)
            run = run[: ends[0] + 1]
        # a capitalised sentence opener that the text also writes in lower case is not a name
        while (
            run
            and run[0].sentence_start
            and run[0].lower in lowercase_seen
            and not (pack.lower_case_heads and _words_to_head(doc, j - 1, pack, _lemmatizer(doc.language)))
        ):  # ... unless lower-case words after it close an organisation's name ("Mádenıet jáne sport ...")
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
        # common nouns before a given name and a surname close a title's complement ("ds. Kampanii | Liz Blackshaw")
        if len(run) > 2 and not pack.capitalises_nouns and not pack.head_final:
            run = run[_full_name_start(run, pack, doc.language) :]
        # a nationality before a name is not part of it ("Polka Katarzyna Kiela", "американец Джон Смит")
        while len(run) > 1 and pack.demonyms.get(run[0].lower) and not _is_cue(run[0], pack):
            run = run[1:]
        # titles written with a capital ("Präsident", "Premier") lead the name; they are roles
        lead_role: list[Token] = []
        while (
            len(run) > 1
            and (_is_role_word(run[0].lower, pack) or pack.honorifics.get(run[0].lower))
            and not _is_org_head(
                run[0], pack, _lemmatizer(doc.language)
            )  # "Bundesministerium", no "minister*"
        ):
            lead_role.append(run.pop(0))
        if (
            lead_role
            and run
            and (
                (run[0].lower in pack.org_connectors and run[0].lower not in pack.name_particles)
                or (pack.capitalises_nouns and not run[0].capitalised)
            )
        ):
            lead_role = []  # "Geschäftsführer des | Chores", "Bereichsleiter den Vertrieb": a complement, no person
        while run and (run[-1].lower in pack.org_connectors or run[-1].lower in pack.name_particles):
            run.pop()
        while run and (run[0].lower in pack.org_connectors or run[0].lower in pack.name_particles):
            run.pop(0)
        # a country or city before a name is its own span ("России Григорий Карасин", "США Дэниэлом Фридом")
        head_closes = pack.head_final and any(
            _is_org_head(t, pack, _lemmatizer(doc.language)) for t in run[1:]
        )
        if head_closes and _is_geo(run[0], pack):
            spans.append(_Span([run[0]]))  # "Türkiye Cumhuriyet Merkez Bankası": the place is named too
        while (
            len(run) > 1 and _is_geo(run[0], pack) and not head_closes
        ):  # "Türkiye Cumhuriyet Merkez Bankası"
            spans.append(_Span([run.pop(0)]))
            while run and (run[0].lower in pack.org_connectors or run[0].lower in pack.name_particles):
                run.pop(0)
            if pack.surname_endings and not lead_role and len(run) > 1 and pack.role_words.get(run[0].lower):
                # a country's title before the name ("Qyrǵyzstan Prezıdenti | Almaz Toqtarov"): the role
                lead_role.append(spans[-1].tokens[0])
                while len(run) > 1 and pack.role_words.get(run[0].lower):
                    lead_role.append(run.pop(0))
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
            lemma = _lemmatizer(doc.language)
            while (
                len(run) > 1
                and known(run[0].base)
                and not gz.is_first_name(run[0].base)
                and not _head_of_place(doc, run, pack)
                and run[1].text != "-"  # "Hapag-Lloyd AG": one word written with a hyphen
                and not (len(run) == 2 and run[1].upper and _is_org_head(run[1], pack, lemma))  # "Bahn AG"
                and not (  # "Naturschutzbund Deutschland", not "Musikverlag | in Stuttgart"
                    _compound_head(run[0], pack, lemma) and run[1].lower not in pack.org_connectors
                )
            ):
                run = run[1:]
        # a title inside the run ends a title written with its complement ("Tarım ve Orman Bakanı | İbrahim
        # Yumaklı", "Minister Spraw Zagranicznych | Radosław Sikorski"): the person follows it
        if not lead_role:
            for cut in range(len(run) - 2, 0, -1):
                rest = run[cut + 1 :]
                if (
                    pack.role_words.get(run[cut].lower)
                    and len(rest) <= 3
                    and (_first_name(rest[0].base, doc.language) or _surname_shaped(rest[-1], pack))
                ):
                    lead_role, run = run[: cut + 1], rest
                    # a person named before the title and its complement is a name of its own
                    # ("Toqaev | Ózbekstan Prezıdenti | Shavkat Mırzıeevpen")
                    owner = max((k for k in range(cut) if _surname_shaped(lead_role[k], pack)), default=-1)
                    if owner >= 0:
                        spans.append(_Span(lead_role[: owner + 1], kind="person"))
                        lead_role = lead_role[owner + 1 :]
                    break
        # a title closing the run names no one in it ("Aıgúl Tólegenova | Prezıdentke esep berdi")
        while len(run) > 1 and pack.surname_endings and pack.role_words.get(run[-1].lower):
            run.pop()
        if run:
            span = _Span(run)
            if lead_role:
                span.role = " ".join(t.text for t in lead_role)
                lemma = _lemmatizer(doc.language)
                if not any(_is_org_head(t, pack, lemma) for t in run):  # "Dyrektor | Federacji ..."
                    span.kind = "person"
            spans.append(span)
        i = max(j, i + 1)
    return spans


def _case_suffix(word: str, pack: LanguagePack) -> int:
    """The length of the case suffix that ends a name word by the pack's rules (the suffix's form must be
    the one the stem's last letter takes: "Toqaevtyń", not "Nursultan" as "Nursul-tan"), or 0."""
    low = word.lower()
    if len(low) != len(word):
        return 0
    for suffix, before in pack.name_suffix_rules:  # longest first
        stem = len(low) - len(suffix)
        if stem >= _SUFFIX_STEM_MIN and low.endswith(suffix) and low[stem - 1] in before:
            return len(suffix)
    return 0


_SUFFIX_STEM_MIN = 3


def _closing_suffix(tok: Token, pack: LanguagePack) -> bool:
    """A word ends in a case suffix that closes a name (not the genitive), and is no title, head or known
    place ("Qyrǵyzstan" holds no ablative "-tan")."""
    cut = _case_suffix(tok.base, pack)
    if not cut or tok.upper or tok.base.lower()[-cut:] not in pack.closing_suffixes:
        return False
    return not (pack.org_heads.get(tok.lower) or pack.role_words.get(tok.lower) or _is_geo(tok, pack))


def _surname_shaped(tok: Token, pack: LanguagePack) -> bool:
    """A capitalised word with a family name's ending, with or without a case suffix ("Toqaev",
    "Toqaevtyń", "Balaevaǵa", "Ospanuly")."""
    if not pack.surname_endings or tok.kind != "word" or not tok.capitalised or tok.upper:
        return False
    word = tok.base
    if _is_cue(tok, pack):
        return False
    cut = _case_suffix(word, pack)
    low = word[: len(word) - cut].casefold() if cut else word.casefold()
    return any(len(low) > len(ending) + 2 and low.endswith(ending) for ending in pack.surname_endings)


_COMPOUND_HEAD_MIN = 4  # letters of an organisation head closing a compound ("bund", "verband", "gericht")
_COMPOUND_FRONT_MIN = 3


def _compound_head(tok: Token, pack: LanguagePack, lemma: Callable[[str], str]) -> bool:
    """A compound whose last part is an organisation head ("Naturschutzbund", "Landgericht",
    "Handelskammer"), where compounds are one word (de)."""
    if not pack.compound_words or not tok.capitalised or tok.upper:
        return False
    low = lemma(tok.lower).casefold()
    return any(
        pack.org_heads.get(low[k:]) for k in range(_COMPOUND_FRONT_MIN, len(low) - _COMPOUND_HEAD_MIN + 1)
    )


def _complement_noun(tok: Token, pack: LanguagePack) -> bool:
    """A capitalised noun the pack lists as no name alone ("Gesundheit", "Bildung"), not a function word,
    a month or a weekday: it may still complete an organisation head."""
    low = tok.lower
    return (
        tok.kind == "word"
        and tok.capitalised
        and not tok.sentence_start
        and len(tok.text) > 2
        and low in pack.not_names
        and low not in pack.stopwords
        and pack.months.get(low) is None
        and pack.weekdays.get(low) is None
    )


def _hyphen(tokens: Sequence[Token], at: int) -> bool:
    """A hyphen inside a name ("Jean-Marc", "Mar-a-Lago"), written close on both sides; a dash between spaces
    opens a new clause ("NEW YORK - Giorgia Meloni"), so the names either side are not one."""
    tok = tokens[at]
    return (
        tok.text == "-"
        and tokens[at - 1].end == tok.start
        and at + 1 < len(tokens)
        and tokens[at + 1].start == tok.end
    )


def _head_of_place(doc: Document, run: list[Token], pack: LanguagePack) -> bool:
    """An organisation head before the place it serves is part of the name ("Universität Mainz", "Polizei
    Berlin"); before another name it is the common noun of an apposition ("Magazin | Technology Review")."""
    lemma = _lemmatizer(doc.language)
    if len(run) != 2 or not _is_org_head(run[0], pack, lemma):
        return False
    place = _Span(run[1:])
    _classify(doc, place, pack, lemma)
    return place.kind == "place"


def _full_name_at(tokens: Sequence[Token], at: int, pack: LanguagePack) -> bool:
    """A given name at ``at`` followed by another name word: a second person's full name."""
    return (
        at + 1 < len(tokens)
        and tokens[at + 1].start - tokens[at].end <= 1
        and tokens[at + 1].sentence == tokens[at].sentence
        and _is_name_word(tokens[at + 1], pack)
    )


def _token_start(tok: Token) -> int:
    return tok.start


_ROLE_COMPOUND_HEAD_MIN = 5  # letters of a title closing a compound ("…bürgermeisterin", "…leiter")


def _is_role_word(low: str, pack: LanguagePack) -> bool:
    """A title, also as the head of a compound: after a hyphen in any language ("Thomanerchor-Geschäftsführer",
    "vice-presidente"), and inside one word where the language writes compounds so ("Kulturbürgermeisterin")."""
    if pack.role_words.get(low):
        return True
    if not pack.compound_words:
        return False
    if "-" in low and pack.role_words.get(low.rsplit("-", 1)[1]):
        return True
    if len(low) < 2 * _ROLE_COMPOUND_HEAD_MIN:
        return False
    return any(pack.role_words.get(low[cut:]) for cut in range(3, len(low) - _ROLE_COMPOUND_HEAD_MIN + 1))


def _honorific_before(doc: Document, index: int, pack: LanguagePack) -> int:
    """The index of the first token of an honorific written just before token ``index`` ("Dr. ", "Prof. Dr. "),
    else ``index``: a title before it still belongs to the name ("Kulturbürgermeisterin Dr. Skadi Jennicke")."""
    toks = doc.tokens
    k = index
    while k >= 2 and toks[k - 1].text == "." and pack.honorifics.get(toks[k - 2].lower + "."):
        k -= 2
    while k >= 1 and toks[k - 1].kind == "word" and pack.honorifics.get(toks[k - 1].lower):
        k -= 1
    return k


def _role_before(doc: Document, span: _Span, pack: LanguagePack) -> str | None:
    """The title just before a name ("глава компании Алексей Миллер", "le ministre Bruno Le Maire")."""
    index = bisect.bisect_left(doc.tokens, span.tokens[0].start, key=_token_start)  # tokens are in text order
    found = _title_before(doc, span, pack, index)
    if found is None and (past := _honorific_before(doc, index, pack)) != index:
        found = _title_before(doc, span, pack, past)  # "Kulturbürgermeisterin Dr. | Skadi Jennicke"
    return found


def _title_before(doc: Document, span: _Span, pack: LanguagePack, index: int) -> str | None:
    first = span.tokens[0]
    words: list[Token] = []
    k = index - 1
    while k >= 0 and index - k <= 5:
        tok = doc.tokens[k]
        if tok.sentence != first.sentence or tok.kind != "word":
            break
        if (
            k == index - 1
            and tok.lower in pack.org_connectors
            and tok.lower not in pack.name_particles
            and not _first_name(first.base, doc.language)
            and "Latn"
            in pack.scripts  # Cyrillic packs: a title's complement is in the genitive, not after a preposition
        ):
            return None  # "abogado de la | Infanta", "szefową Discovery na rynkach w | Europie": a complement
        if tok.capitalised and not tok.sentence_start and words and not _is_cue(tok, pack):
            return None  # another name stands between the title and this one
        words.insert(0, tok)
        if (_is_role_word(tok.lower, pack) or pack.honorifics.get(tok.lower)) and not (
            tok.capitalised and _is_org_head(tok, pack, _lemmatizer(doc.language))  # "Bundesministerium der"
        ):
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


_ROLE_GAP = 2  # lower-case words between a title and its "of" word ("directeur général du", "presidente eletto degli")


def _is_title(tok: Token, pack: LanguagePack) -> bool:
    return tok.kind == "word" and _is_role_word(tok.lower, pack)


def _is_article(tok: Token, pack: LanguagePack) -> bool:
    """A short function word before a noun, or an elided one ("l’", "dell’")."""
    if tok.kind != "word" or tok.capitalised:
        return False
    return (tok.lower in pack.stopwords and len(tok.lower) <= 3) or (
        tok.text[-1:] in "'’" and len(tok.text) <= 5
    )


def _role_complement(doc: Document, span: _Span, pack: LanguagePack) -> str | None:
    """The title whose "of" complement the name is ("le ministre des | Affaires étrangères", "segretario del |
    Tesoro", "jefe de la | Fiscalía"): the title's words through its "of" word, else None. Only where a
    preposition carries the complement (Latin-script packs; Cyrillic ones put it in the genitive)."""
    if "Latn" not in pack.scripts or not pack.org_tail_connectors:
        return None
    first = span.tokens[0]
    toks = doc.tokens
    k = bisect.bisect_left(toks, first.start, key=_token_start) - 1
    if k >= 0 and _is_article(toks[k], pack) and toks[k].lower not in pack.org_tail_connectors:
        k -= 1  # the article after the "of" word ("de la", "de l’")
    if k < 1 or toks[k].lower not in pack.org_tail_connectors or toks[k].sentence != first.sentence:
        return None
    for title in range(k - 1, max(-1, k - 2 - _ROLE_GAP), -1):
        tok = toks[title]
        if (
            tok.kind != "word"
            or (tok.capitalised and not tok.sentence_start)
            or tok.sentence != first.sentence
        ):
            return None
        if _is_title(tok, pack):
            return doc.text[tok.start : toks[k].end]
        if tok.lower in pack.stopwords:
            return None
    return None


def _split_complements(doc: Document, spans: list[_Span], pack: LanguagePack) -> list[_Span]:
    """A title's complement run together with the name that follows it ("il senatore della Florida Marco
    Rubio", "procurador da República George Lodder"): the complement is its own name, and the person, from
    the given name on, holds the whole title."""
    out: list[_Span] = []
    for span in spans:
        cut = next((k for k, t in enumerate(span.tokens) if k and _first_name(t.base, doc.language)), 0)
        title = None
        if (
            cut
            and not span.kind
            and len(span.tokens) - cut <= 3
            and not _first_name(span.tokens[0].base, doc.language)
        ):
            title = _role_complement(doc, span, pack)
        if title is None:
            out.append(span)
            continue
        complement = _Span(span.tokens[:cut])
        out.append(complement)
        out.append(_Span(span.tokens[cut:], kind="person", role=f"{title} {complement.surface}"))
    return out


def _role_after(doc: Document, span: _Span, pack: LanguagePack) -> str | None:
    """A title in apposition after the name ("Pierre Dupont, le ministre de la Culture, ...", "Anna Rossi,
    ingegnere italiana"): the title, the adjectives after it and its "of" complement; None where the words
    after the comma do not open with a title, or the title leads the next name ("Rossi, il ministro Bianchi")."""
    toks = doc.tokens
    last = span.tokens[-1]
    k = bisect.bisect_left(toks, last.start, key=_token_start) + 1
    if k + 1 >= len(toks) or toks[k].text != "," or toks[k].sentence != last.sentence:
        return None
    k += 1
    if _is_article(toks[k], pack):
        k += 1  # "le ministre", "la presidenta", "l’ambasciatore"
    start = k
    while k < len(toks) and k - start < _ROLE_GAP and _modifier(toks[k], pack):
        k += 1
    if (
        k >= len(toks)
        or toks[k].sentence != last.sentence
        or toks[k].capitalised
        or not _is_title(toks[k], pack)
    ):
        return None
    end = _title_end(doc, k, pack)
    return None if end is None else doc.text[toks[start].start : toks[end].end]


_PREDICATE_REACH = (
    8  # words between a predicate's title and its copula ("директором цієї філії вже 12 років є")
)
_PREDICATE_COMPLEMENT = 2  # a longer complement carries adjectives and adverbials the title does without


def _role_predicate(doc: Document, span: _Span, pack: LanguagePack) -> str | None:
    """The title of a copular clause that names the person ("керівником КП «Жилбудсервіс» є Олексій Шевцов",
    "prezesem spółki został Jan Nowak"): the title in its dictionary form, with its complement when that is
    a few content words."""
    if any(t.lower in pack.org_connectors for t in span.tokens):
        return (
            None  # "Олександр Ступніцький з | Вінницької": the place is split off first, then the name typed
        )
    if len(span.tokens) < 2 and span.kind != "person":
        return None  # a single word after a copula may be anything ("директором стала Іванова", "є Київ")
    toks = doc.tokens
    at = bisect.bisect_left(toks, span.tokens[0].start, key=_token_start) - 1
    if at < 1 or toks[at].lower not in pack.role_copulas or toks[at].sentence != span.tokens[0].sentence:
        return None
    for k in range(at - 1, max(-1, at - 1 - _PREDICATE_REACH), -1):
        tok = toks[k]
        if tok.sentence != toks[at].sentence or tok.text in ",.;:!?":
            return None
        if tok.kind == "word" and _is_title(tok, pack):
            head = _lemmatizer(doc.language)(tok.lower)  # a common noun, also where it opens the sentence
            between = toks[k + 1 : at]
            words = [t for t in between if t.kind == "word"]
            if not between or (
                len(words) <= _PREDICATE_COMPLEMENT
                and not any(t.lower in pack.stopwords or any(c.isdigit() for c in t.text) for t in words)
            ):
                return " ".join([head, doc.text[between[0].start : between[-1].end]] if between else [head])
            return head
    return None


_APPOSITION_REACH = 10  # words from a title to the comma before the name it introduces


def _role_apposition_before(doc: Document, span: _Span, pack: LanguagePack) -> str | None:
    """A title with its complement, then a comma, then the name, closed by a comma or the sentence's end
    ("el presidente de la Organización Médica Colegial, Juan José Rodríguez Sendín, ..."): the title with its
    complement. Only for a name that opens with a given name: after "Según el ministro, " any word may follow."""
    toks = doc.tokens
    first, last = span.tokens[0], span.tokens[-1]
    if not _first_name(first.base, doc.language):
        return None
    comma = bisect.bisect_left(toks, first.start, key=_token_start) - 1
    after = bisect.bisect_left(toks, last.start, key=_token_start) + 1
    if comma < 1 or toks[comma].text != "," or toks[comma - 1].sentence != first.sentence:
        return None
    if after < len(toks) and toks[after].text not in ",.;:)" and toks[after].sentence == last.sentence:
        return None  # the name goes on into its own clause: no apposition
    for k in range(comma - 1, max(-1, comma - 1 - _APPOSITION_REACH), -1):
        tok = toks[k]
        if tok.sentence != first.sentence or tok.kind == "punct":
            return None
        if _is_title(tok, pack) and (not tok.capitalised or tok.sentence_start or pack.capitalises_nouns):
            return doc.text[tok.start : toks[comma - 1].end]
        if not (tok.capitalised or _complement_word(tok, pack)):
            return None  # a clause, not a title's complement ("el fiscal se entrevistó con su superior, ...")
    return None


def _complement_word(tok: Token, pack: LanguagePack) -> bool:
    """A lower-case word that a title's complement may hold: an article or "of" word, an adjective of the
    title, a nationality ("de la", "général", "italiana")."""
    low = tok.lower
    return (
        low in pack.org_connectors
        or low in pack.org_tail_connectors
        or _is_article(tok, pack)
        or bool(pack.role_modifiers.get(low) or pack.demonyms.get(low))
    )


def _role_predicate_after(doc: Document, span: _Span, pack: LanguagePack) -> str | None:
    """The title a copula gives the name after it ("Jan Nowak został prezesem spółki", "Anna Berg wird neue
    Geschäftsführerin"): the title in its dictionary form."""
    toks = doc.tokens
    last = span.tokens[-1]
    at = bisect.bisect_left(toks, last.start, key=_token_start) + 1
    if at >= len(toks) or toks[at].lower not in pack.role_copulas or toks[at].sentence != last.sentence:
        return None
    for k in range(at + 1, min(len(toks), at + 1 + _ROLE_GAP + 1)):
        tok = toks[k]
        if tok.kind != "word" or tok.sentence != last.sentence:
            return None
        if _is_title(tok, pack):
            lemma = _lemmatizer(doc.language)(tok.lower)
            return lemma[:1].upper() + lemma[1:] if pack.capitalises_nouns else lemma
        if not (_is_article(tok, pack) or _modifier(tok, pack) or not tok.capitalised):
            return None
    return None


def _modifier(tok: Token, pack: LanguagePack) -> bool:
    return tok.kind == "word" and not tok.capitalised and bool(pack.role_modifiers.get(tok.lower))


def _title_end(doc: Document, at: int, pack: LanguagePack) -> int | None:
    """The last word of the title at ``at``: its adjectives ("directrice générale", "chancelier autrichien")
    and an "of" complement that is a name ("ministre de l’Économie"); None when a name follows the title
    itself, or its complement runs on into a person's name: the title is then that person's."""
    toks = doc.tokens
    end = k = at
    k += 1
    if k < len(toks) and _is_name_word(toks[k], pack) and toks[k].start - toks[end].end <= 1:
        return None
    while k < len(toks) and k - end <= _ROLE_GAP and toks[k].kind == "word" and not toks[k].capitalised:
        if _modifier(toks[k], pack) or pack.demonyms.get(toks[k].lower):
            end = k
        elif toks[k].lower in pack.org_tail_connectors:
            first = k + 2 if k + 1 < len(toks) and _is_article(toks[k + 1], pack) else k + 1
            last = first
            while (
                last < len(toks)
                and _is_name_word(toks[last], pack)
                and toks[last].start - toks[last - 1].end <= 1
            ):
                last += 1
            if any(_first_name(t.base, doc.language) for t in toks[first + 1 : last]):
                return None  # "deputato della Florida Mike Waltz": the next person's title
            return last - 1 if last > first else end
        else:
            break
        k += 1
    return end


def _with_article(doc: Document, span: _Span, pack: LanguagePack, lemma: Callable[[str], str]) -> _Span:
    """A place whose name opens with a capitalised article ("La Rioja", "Le Havre", "El Salvador"): the
    article, a function word and so left out of the span, is put back when the whole names a place."""
    if span.kind:
        return span
    first = span.tokens[0]
    at = bisect.bisect_left(doc.tokens, first.start, key=_token_start)
    prev = doc.tokens[at - 1] if at > 0 else None
    if (
        prev is None
        or prev.kind != "word"
        or not prev.capitalised
        or prev.upper
        or len(prev.text) > 3
        or prev.lower not in pack.stopwords
        or first.start - prev.end > 1
        or prev.sentence != first.sentence
    ):
        return span
    whole = _Span([prev, *span.tokens])
    _classify(doc, whole, pack, lemma)
    return whole if whole.kind == "place" else span


def _place_after_connector(
    doc: Document, span: _Span, pack: LanguagePack, lemma: Callable[[str], str]
) -> list[_Span]:
    """An untyped name whose last part, after a connector, is a place: two names, the place its own
    ("Бицик з | Рівного", "Bellvitge de | Barcelona"); the front is typed again on its own."""
    if span.kind or len(span.tokens) < 3:
        return [span]
    cut = max(
        (
            k
            for k, t in enumerate(span.tokens)
            if t.lower in pack.org_connectors or t.lower in pack.name_particles
        ),
        default=0,
    )
    if cut == 0 or cut == len(span.tokens) - 1:
        return [span]
    place = _Span(span.tokens[cut + 1 :])
    _classify(doc, place, pack, lemma)
    if place.kind != "place":
        return [span]
    front = _Span(span.tokens[:cut])
    _classify(doc, front, pack, lemma)
    if len(front.tokens) == 1 and front.kind not in ("person", "place"):
        return [place]  # the head of "GP de | Qatar", "Bellvitge de | Barcelona": no name of its own
    return [front, place]


def _maker_of_model(doc: Document, span: _Span, pack: LanguagePack, lemma: Callable[[str], str]) -> _Span:
    """A well-known organisation before a model number names its product ("Airbus A350", "Boeing 737"):
    the organisation is the maker, the model no name of a body."""
    if len(span.tokens) < 2 or not all(any(ch.isdigit() for ch in t.text) for t in span.tokens[1:]):
        return span
    maker = _Span(span.tokens[:1])
    _classify(doc, maker, pack, lemma)
    return maker if maker.known else span


def _surname_alone_elsewhere(span: _Span, alone: set[str]) -> bool:
    """A name of two or three words whose last word the text also writes alone (and not its first) is
    not a body's: the press shortens a body to its first word, a person to the surname ("Urdangarin")."""
    if not 2 <= len(span.tokens) <= 3 or any(t.upper or not t.capitalised for t in span.tokens):
        return False
    first, last = (_stem(t.base.casefold()) for t in (span.tokens[0], span.tokens[-1]))
    return last in alone and first not in alone


def _after_article(doc: Document, span: _Span, pack: LanguagePack, lowercase: set[str]) -> bool:
    """A name of one word after a definite article, inside a sentence, that no known name or place
    explains: in languages whose press writes people's names without an article, a newspaper's, a team's
    or a company's ("del Foglio", "della Lazio", "au Figaro"). A word the text also writes in lower case
    is a common noun capitalised for emphasis."""
    tok = span.tokens[0]
    if (
        tok.sentence_start
        or tok.lower in lowercase
        or tok.lower in pack.not_names
        or pack.demonyms.get(tok.lower)  # "les Français"
        or _first_name(tok.base, doc.language)  # a given name alone, as the spoken language says it
        or _known_word(doc.language)(tok.lower)
    ):
        return False
    at = bisect.bisect_left(doc.tokens, tok.start, key=_token_start)
    if at < 2:
        return False
    prev, before = doc.tokens[at - 1], doc.tokens[at - 2]
    if (
        prev.kind != "word"
        or prev.capitalised
        or prev.sentence != tok.sentence
        or tok.start - prev.end > 1
        or prev.lower.replace("\u2019", "'") not in pack.articles
        or prev.lower in pack.family_articles  # "les Cooper": a family
    ):
        return False
    # the complement of a name, head or title before it ("Ministero dell'|Interno", "ministère de l'|Économie")
    # but not of a common noun ("un entretien à la | Stampa")
    lemma = _lemmatizer(doc.language)
    if before.lower in pack.org_connectors and at >= 3:
        head = doc.tokens[at - 3]
        return not (
            head.capitalised
            or head.kind != "word"
            or _is_org_head(head, pack, lemma)
            or _is_title(head, pack)
            or pack.place_heads.get(head.lower)
        )
    return not (
        before.capitalised or before.lower in pack.org_connectors or _is_org_head(before, pack, lemma)
    )


def _with_inner_place(
    doc: Document, span: _Span, pack: LanguagePack, lemma: Callable[[str], str]
) -> list[_Span]:
    """An organisation opened by a head the pack lists as no name alone keeps the place it is named after
    as a name of its own ("Gobierno de | Canarias"): the words after its last connector, when they name a
    place, were a place before the head joined them."""
    if span.kind != "organization" or len(span.tokens) < 3 or span.tokens[0].lower not in pack.not_names:
        return [span]
    cut = max((k for k, t in enumerate(span.tokens) if t.lower in pack.org_connectors), default=0)
    if cut == 0 or cut == len(span.tokens) - 1:
        return [span]
    place = _Span(span.tokens[cut + 1 :])
    _classify(doc, place, pack, lemma)
    return [span, place] if place.kind == "place" else [span]


def _adjective_places(
    doc: Document, spans: list[_Span], pack: LanguagePack, lemma: Callable[[str], str]
) -> list[_Span]:
    """A capitalised adjective before a lower-case place head is one place ("Луганській області",
    "Кремінському районі", "Московская область"): where the language puts adjectives before the head and
    :data:`placenames.ADJECTIVE_ENDINGS` knows their endings."""
    from article_pipeline.pipeline.placenames import ADJECTIVE_ENDINGS

    endings = ADJECTIVE_ENDINGS.get(doc.language, ())
    toks = doc.tokens
    out: list[_Span] = []
    for span in spans:
        tok = span.tokens[-1]
        # the adjective closes the span, alone or after a connector ("Краснопопівське в | Кремінському районі")
        front = span.tokens[:-2] if len(span.tokens) > 2 and not span.tokens[-2].capitalised else []
        if len(span.tokens) > 1 and span.tokens[-2].capitalised:
            front = span.tokens[:-1]  # "Корчик | Шепетівського району"
        if (
            (len(span.tokens) == 1 or front)
            and span.kind in ("", "place")
            and not tok.upper
            and not tok.sentence_start  # "Загальною площею", "Міжнародний аеропорт": dictionary adjectives
            and tok.lower.endswith(endings)
            and any(stem in tok.lower[-7:] for stem in _PLACE_ADJECTIVE_STEMS)  # not "Міжнародний аеропорт"
        ):
            at = bisect.bisect_left(toks, tok.start, key=_token_start)
            nxt = toks[at + 1] if at + 1 < len(toks) else None
            if (
                nxt is not None
                and nxt.kind == "word"
                and not nxt.capitalised
                and nxt.sentence == tok.sentence
                and nxt.start - tok.end <= 1
                and pack.place_heads.get(nxt.lower)
            ):
                if front:
                    out.append(_Span(front, kind=span.kind, country=span.country))
                out.append(_Span([tok, nxt], kind="place", country=None if front else span.country))
                continue
        out.extend(_place_after_connector(doc, _with_article(doc, span, pack, lemma), pack, lemma))
    return out


def _localised_place(
    language: str, words: list[str], lemma: Callable[[str], str], pack: LanguagePack
) -> str | None:
    """The country of a place named in the language's own CLDR names ("" for a world region), or None."""
    from article_pipeline.pipeline import placenames  # the tables are read on the first non-English article

    return placenames.lookup(language, words, lemma, pack.adjective_endings)


@lru_cache(maxsize=8192)
def _romanised_place(word: str, language: str) -> str | None:
    """The country of a city, region or country of the (English-named) gazetteer that a Cyrillic word
    names once romanised, in its dictionary form or a guessed one ("Дурбані" -> Durban, "Рівного" ->
    Rivne); "" for a continent; None for none. Given names and common words are no places."""
    from article_pipeline.pipeline.placenames import nominative_guesses

    if _first_name(word, language):
        return None
    for guess in nominative_guesses(word, language):
        for form in latin_forms(guess, language):
            info = gz.lookup_place(form)
            if info is not None and not info.common_word and not gz.is_first_name(form):
                return info.country or ""
    return None


def _world_region(doc: Document, name: str) -> bool:
    from article_pipeline.pipeline import placenames

    return placenames.lookup(doc.language, name.split(), lambda word: word) == ""


def _english_head(doc: Document, span: _Span, pack: LanguagePack) -> bool:
    """A name in Latin letters closed by an English organisation head that is no word of the text's
    language ("Scripps Networks Interactive" no, "Discovery Communications", "Future of Life Institute"):
    companies and bodies keep their English names in every language's press."""
    last = span.tokens[-1]
    if len(span.tokens) < 2 or doc.language == "en" or "Latn" not in pack.scripts or not last.capitalised:
        return False
    english = load_pack("en")
    return (
        english is not None
        and bool(english.org_heads.get_exact(last.lower))
        and not pack.org_heads.get(last.lower)
        and not _known_word(doc.language)(last.lower)
        and all(_latin(t.text) for t in span.tokens)
    )


def _classify(doc: Document, span: _Span, pack: LanguagePack, lemma: Callable[[str], str]) -> None:
    lows = [t.base.casefold() for t in span.tokens]
    if any(pack.org_heads.get(w) for w in lows) or any(pack.org_heads.get(lemma(w)) for w in lows):
        span.kind = span.kind or "organization"
    if not span.kind and (
        _english_head(doc, span, pack)
        or (len(span.tokens) > 1 and any(_compound_head(t, pack, lemma) for t in span.tokens))
    ):
        span.kind = "organization"
    joined = " ".join(lows)
    lemma_joined = " ".join(lemma(w).casefold() for w in lows)
    if _not_a_place(doc, span, lemma_joined):
        _classify_rest(doc, span, pack, lows)
        return
    country = pack.countries.get(joined) or pack.countries.get(lemma_joined)
    city = pack.cities.get(joined) or pack.cities.get(lemma_joined)
    if not span.kind and (country or city):
        span.kind, span.country = "place", country or city
        if country == "EU":
            span.kind = "organization"
    if not span.kind:
        named = _localised_place(doc.language, [t.base for t in span.tokens], lemma, pack)
        if named is not None:
            span.kind, span.country = "place", named or None
    if not span.kind and len(lows) > 1 and any(pack.place_heads.get(w) for w in lows):  # a bare head is none
        span.kind = "place"
    if not span.kind:  # a famous company before a town of the gazetteer ("Тойота", "Nokia")
        span.known = _known_organisation(span, doc.language, lemma, pack)
        if span.known:
            span.kind = "organization"
    if not span.kind and "Latn" in pack.scripts:
        info = gz.lookup_place(span.surface)
        base = lemma(span.tokens[0].base) if len(span.tokens) == 1 else span.surface
        if info is None and base.casefold() != lows[0]:
            info = gz.lookup_place(base)  # a place in another case: "w Krakowie", "we Wrocławiu"
        if info is not None and not info.common_word:
            span.kind, span.country = "place", info.country
    if (
        not span.kind
        and len(span.tokens) == 1
        and "Latn" not in pack.scripts
        and not (pack.verb_endings and lemma(lows[0]).endswith(pack.verb_endings))  # "Думать" is no Duma
    ):
        country = _romanised_place(span.tokens[0].base, doc.language)
        if country is not None:
            span.kind, span.country = "place", country or None
    _classify_rest(doc, span, pack, lows)


_KNOWN_ORG_ENDING = 3  # case endings tried off a word ("Ryanaira", "Ryanairze" -> "Ryanair")
_KNOWN_ORG_MIN = 5


def _known_organisation(span: _Span, language: str, lemma: Callable[[str], str], pack: LanguagePack) -> str:
    """The dictionary form of a well-known organisation that the news names alone ("Airbus", "Ryanair" for
    "Ryanairze", "ФИФА"), or "": the general list the English path reads, matched as written, by the
    lemma, in Latin letters (the name stays in the text's script), or (a language with case endings) less
    a short ending."""
    surface = span.surface
    if gz.is_known_org(surface):
        return surface
    if len(span.tokens) != 1:
        return ""
    word = span.tokens[0].base
    if any(gz.is_known_org(form) for form in latin_forms(word, language)):
        return word
    forms = [lemma(word)]
    if pack.inflected_names and _latin(word):
        forms.extend(
            word[:-cut] for cut in range(1, _KNOWN_ORG_ENDING + 1) if len(word) - cut >= _KNOWN_ORG_MIN
        )
    return next((form for form in forms if gz.is_known_org(form)), "")


def _classify_rest(doc: Document, span: _Span, pack: LanguagePack, lows: list[str]) -> None:
    if (
        not span.role
        and not _first_name(span.tokens[0].base, doc.language)
        and _role_complement(doc, span, pack) is not None
    ):
        return  # the title's complement ("ministre des | Affaires étrangères") names no person
    role = (
        span.role
        or _role_before(doc, span, pack)
        or (_role_predicate(doc, span, pack) if pack.role_copulas else None)
        or _role_apposition_before(doc, span, pack)
        or (_role_predicate_after(doc, span, pack) if pack.role_copulas else None)
    )
    if role and span.kind in ("", "person"):
        span.kind, span.role = "person", role
    elif not role and span.kind in ("", "person"):
        # a title after the name is its role, but no evidence that it names a person: that is left to the
        # name's own shape (it opens with a given name) and to the document
        span.role = _role_after(doc, span, pack)

    if not span.kind and all(t.upper for t in span.tokens) and len(span.tokens) == 1 and len(lows[0]) <= 6:
        span.kind = "organization"


# The suffix of adjectives derived from place names ("Луганська", "Тверская", "mazowiecki").
_PLACE_ADJECTIVE_STEMS = ("ськ", "цьк", "зьк", "ск", "цк", "sk", "ck")
# Adjectives derived from place names (their lemma): "Женевских конвенций" names no place.
_PLACE_ADJECTIVES = ("ский", "цкий", "ской", "ський", "цький", "зький")
_OPENING_QUOTES = frozenset('«„“"')
_CLOSING_QUOTES = frozenset('»“”"')
_QUOTED_NAME_REST = 40  # characters after the span within which a quoted name's closing mark comes


def _not_a_place(doc: Document, span: _Span, lemma_joined: str) -> bool:
    """A word that cannot be a place whatever its letters: the adjective of a place ("Женевских"), or the
    first words of a quoted name that go on ("«Поділля – Інвест Сіті»", a company)."""
    if len(span.tokens) == 1 and lemma_joined.endswith(_PLACE_ADJECTIVES):
        from article_pipeline.pipeline.placenames import ADJECTIVE_ENDINGS

        # "Донецька" is the city's genitive as well as the adjective: only a longer adjective ending tells
        endings = tuple(e for e in ADJECTIVE_ENDINGS.get(doc.language, ()) if len(e) >= 2)
        if span.tokens[0].lower.endswith(endings):
            return True
    start, end = span.tokens[0].start, span.tokens[-1].end
    before = doc.text[start - 1] if start > 0 else ""
    after = doc.text[end] if end < len(doc.text) else ""
    if before not in _OPENING_QUOTES or after in _CLOSING_QUOTES:
        return False
    # a short quoted name closes soon; a quotation that opens with a place ("„USA zniszczą...") does not
    rest = doc.text[end : end + _QUOTED_NAME_REST]
    closing = min((at for at in (rest.find(q) for q in _CLOSING_QUOTES) if at >= 0), default=-1)
    return closing >= 0 and not any(mark in rest[:closing] for mark in ".,:;!?")


def _heading_words(doc: Document, span: _Span, language: str) -> bool:
    """A heading in capitals is words, not a name ("İKİNCİ OPERASYON", "MİLYON LİRALIK MAL VARLIĞINA"):
    two or more words in capitals, most of them dictionary words; or one dictionary word in capitals
    beside another word in capitals that is no name ("WARTO | WIEDZIEĆ:", a shouted kicker)."""
    if not all(t.upper for t in span.tokens):
        return False
    known = _known_word(language)
    if len(span.tokens) == 1:
        return any(known(form) for form in _forms(span.tokens[0], language)) and _shouted_neighbour(doc, span)
    return sum(any(known(form) for form in _forms(t, language)) for t in span.tokens) * 2 > len(span.tokens)


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def _web_addresses(text: str) -> list[tuple[int, int]]:
    """The character ranges of the web addresses written in a text ("http://amzn.to/2B4BNPS")."""
    return [m.span() for m in _WEB_ADDRESS.finditer(text)]


def _in_web_address(span: _Span, addresses: list[tuple[int, int]]) -> bool:
    """Capitalised letters inside a web address are part of its path or host ("amzn.to/2B4BNPS"), no name."""
    start = span.tokens[0].start
    return any(begin <= start < end for begin, end in addresses)


def _shouted_neighbour(doc: Document, span: _Span) -> bool:
    """The word just before or after a one-word span, in the same sentence, is in capitals too."""
    tok = span.tokens[0]
    at = bisect.bisect_left(doc.tokens, tok.start, key=_token_start)
    for k in (at - 1, at + 1):
        if 0 <= k < len(doc.tokens):
            other = doc.tokens[k]
            if other.kind == "word" and other.upper and other.sentence == tok.sentence:
                return True
    return False


def _model_designation(doc: Document, span: _Span) -> bool:
    """Capitals joined by a hyphen to a number name a model or type ("SGR-1", "МС-21", "COVID-19"), not the
    body that makes it."""
    if len(span.tokens) != 1 or not span.tokens[0].upper:
        return False
    at = bisect.bisect_left(doc.tokens, span.tokens[0].start, key=_token_start) + 1
    return at + 1 < len(doc.tokens) and _hyphen(doc.tokens, at) and doc.tokens[at + 1].kind == "number"


def _kicker(doc: Document, span: _Span) -> bool:
    """Unknown words in capitals before a dash between spaces open the text as a byline or kicker ("DALLA
    NOSTRA INVIATA - ..."), not as a name; a place there (a dateline) is typed before and stays."""
    if span.kind or len(span.tokens) < 2 or not all(t.upper for t in span.tokens):
        return False
    at = bisect.bisect_left(doc.tokens, span.tokens[-1].start, key=_token_start) + 1
    return at < len(doc.tokens) and doc.tokens[at].text in _RANGE_DASHES and not _hyphen(doc.tokens, at)


def _bare_head(span: _Span, pack: LanguagePack, lemma: Callable[[str], str]) -> bool:
    """An organisation head alone opening a sentence is the common noun ("Savcılıkta ifade veren...",
    "Департамент уклав...", "Школа буде..."), not a name."""
    if len(span.tokens) != 1 or span.kind not in ("", "organization"):
        return False
    tok = span.tokens[0]
    return tok.sentence_start and not tok.upper and _is_org_head(tok, pack, lemma) and not span.tail


def _common_noun_alone(span: _Span, pack: LanguagePack, lemma: Callable[[str], str]) -> bool:
    """Where every noun is capitalised, a word alone whose dictionary form the pack lists as no name alone
    is that common noun in any case ("des Verlages", "dem Ministerium"), not a body's name."""
    if not pack.capitalises_nouns or len(span.tokens) != 1 or span.kind in ("person", "place"):
        return False
    tok = span.tokens[0]
    return not tok.upper and lemma(tok.lower).casefold() in pack.not_names


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


def _parent_acronym(span: _Span, pack: LanguagePack) -> list[_Span]:
    """An organisation's name closed by a connector and an acronym that is no place names a unit and the
    body it belongs to ("Escola de Belas Artes | da | UFMG"): two organisations."""
    toks = span.tokens
    if span.kind != "organization" or span.tail or span.known or len(toks) < 3:
        return [span]
    last, joiner = toks[-1], toks[-2]
    if not last.upper or joiner.lower not in pack.org_connectors or _is_geo(last, pack):
        return [span]
    if gz.lookup_place(last.text) is not None:
        return [span]
    return [_Span(toks[:-2], kind="organization"), _Span([last], kind="organization")]


_YEARS = range(1900, 2100)


def _event_of_year(doc: Document, span: _Span) -> list[_Span]:
    """Words of a name just before a year name an event ("Чемпіонату Кубку ФІФА 2006", "Expo Milano
    2015"), not an organisation; the acronym that closes it ("ФІФА") is the body holding it."""
    toks = span.tokens
    if span.kind != "organization" or span.known or len(toks) < 2:
        return [span]
    at = bisect.bisect_left(doc.tokens, toks[-1].start, key=_token_start) + 1
    if at >= len(doc.tokens):
        return [span]
    year = doc.tokens[at]
    if year.kind != "number" or year.start - toks[-1].end != 1 or not year.text.isdigit():
        return [span]
    if int(year.text) not in _YEARS:
        return [span]
    span.kind = ""
    return [span, _Span([toks[-1]], kind="organization")] if toks[-1].upper else [span]


def _is_org_head(tok: Token, pack: LanguagePack, lemma: Callable[[str], str]) -> bool:
    low = tok.base.casefold()
    if not tok.capitalised and low in pack.capital_heads:
        return False  # "una casa di Roma" is a house
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
        # an article after the "of" word ("Cour de l'|impôt", "Conseil canadien de la | magistrature")
        article = len(tail) > 1 and _definite(tail[-1], pack) and tail[-2].lower in pack.org_tail_connectors
        after_of = after_of or article
        if tok.lower in pack.org_tail_connectors or (after_of and not article and _definite(tok, pack)):
            tail.append(tok)
        elif content and tok.lower in pack.tail_joiners and _tail_goes_on(toks, k, pack):
            # "... господарства | та будівництва ...": a second complement in the genitive, joined by "and"
            tail.append(tok)
            content = 0
        elif article and not tok.capitalised:
            if (
                content >= 2
                or len(tok.text) < 3
                or tok.lower in pack.stopwords
                or pack.keyword_stop.get(tok.lower)  # "de la semaine": a time, not the body's complement
                or _is_verb(tok, pack, lemma)
            ):
                break
            tail.append(tok)
            content += 1
        elif tok.capitalised:
            if _is_name_word(tok, pack) and (after_of or (pack.genitive_tails and content)):
                tail.append(tok)
                # "... Хмельницької | облдержадміністрації": a capitalised adjective before its own head
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if (
                    pack.genitive_tails
                    and nxt is not None
                    and nxt.kind == "word"
                    and not nxt.capitalised
                    and nxt.sentence == tok.sentence
                    and _is_org_head(nxt, pack, lemma)
                ):
                    tail.append(nxt)
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
    while tail and (tail[-1].lower in pack.org_tail_connectors or _definite(tail[-1], pack)):
        tail.pop()
    return tail


def _tail_goes_on(toks: Sequence[Token], at: int, pack: LanguagePack) -> bool:
    """A lower-case content word follows the "and" at ``at`` in its sentence (not a verb's clause)."""
    if at + 1 >= len(toks):
        return False
    nxt = toks[at + 1]
    return (
        nxt.kind == "word"
        and not nxt.capitalised
        and nxt.sentence == toks[at].sentence
        and len(nxt.text) > 2
        and nxt.lower not in pack.stopwords
        and nxt.lower not in pack.org_connectors
    )


def _definite(tok: Token, pack: LanguagePack) -> bool:
    """A definite article of the pack written in lower case ("la", "l'", "l’")."""
    return not tok.capitalised and tok.lower.replace("\u2019", "'") in pack.articles


def _extend_organizations(
    doc: Document, spans: list[_Span], pack: LanguagePack, lemma: Callable[[str], str]
) -> list[_Span]:
    """Organisation names longer than their capitalised words (not where the head closes the name).

    - a bare head takes its lower-case tail ("Parti" -> "Parti socialiste", "Conseil" -> "Conseil européen");
    - a head written in lower case and an "of" word before a name make one name ("ministère des Affaires
      étrangères", "questura di Roma"); without the "of" word ("empresa Aizoon") the head only types the name;
    - a capitalised adjective before a lower-case head ("Шеффилдского университета", "Научный совет").
    A place inside the longer name stays a place of its own as well."""
    if pack.lower_case_heads:
        return _extend_to_head(doc, spans, pack, lemma)
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
                and not _is_title(head, pack)  # "senatore della Florida": a title, not a body ("senat*")
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


_HEAD_GAP = (
    3  # lower-case words between a name's capitalised words and its head ("jáne aqparat | mınıstrligi")
)


def _words_to_head(doc: Document, at: int, pack: LanguagePack, lemma: Callable[[str], str]) -> list[Token]:
    """The lower-case words after token ``at`` up to and with an organisation head, in its sentence
    ("jáne aqparat mınıstrligi"), or none: a function word (not "and"), a title, a reporting verb or a
    place head on the way ends the search."""
    toks = doc.tokens
    k = at + 1
    words: list[Token] = []
    while k < len(toks) and len(words) <= _HEAD_GAP:
        tok, prev = toks[k], toks[k - 1]
        if (
            tok.kind != "word"
            or tok.capitalised
            or tok.sentence != toks[at].sentence
            or tok.start - prev.end > 1
        ):
            return []
        if _is_org_head(tok, pack, lemma) and not pack.role_words.get(tok.lower):
            return [*words, tok]
        if (tok.lower in pack.stopwords and tok.lower not in pack.org_connectors) or pack.role_words.get(
            tok.lower
        ):
            return []
        if pack.reporting_verbs.get(tok.lower) or pack.place_heads.get(tok.lower):
            return []
        words.append(tok)
        k += 1
    return []


_NAMED_AFTER_WORDS = 8  # words between "named after" and the head ("orys memlekettik ... teatry")


def _named_after(doc: Document, at: int, pack: LanguagePack, lemma: Callable[[str], str]) -> list[Token]:
    """A "named after" word right after token ``at`` and the words after it up to an organisation head: the
    name before it is part of the body's ("M.Sábıtov | atyndaǵy Qazaq ulttyq ýnıversıteti"), not a person."""
    toks = doc.tokens
    if at + 1 >= len(toks) or toks[at + 1].lower not in pack.named_after:
        return []
    words = [toks[at + 1]]
    k = at + 2
    while k < len(toks) and len(words) <= _NAMED_AFTER_WORDS:
        tok, prev = toks[k], toks[k - 1]
        if tok.kind != "word" or tok.sentence != toks[at].sentence or tok.start - prev.end > 1:
            return []
        words.append(tok)
        if _is_org_head(tok, pack, lemma) and not pack.role_words.get(tok.lower):
            return words
        if tok.lower in pack.stopwords and tok.lower not in pack.org_connectors:
            return []
        k += 1
    return []


def _title_follows(doc: Document, span: _Span, pack: LanguagePack) -> bool:
    """Capitalised words that a title follows after at most a few lower-case words are the title's complement
    where a name capitalises only its first words ("Syrtqy | ister mınıstri", "Energetıka | mınıstri")."""
    toks = doc.tokens
    k = bisect.bisect_left(toks, span.tokens[-1].start, key=_token_start) + 1
    for tok in toks[k : k + _HEAD_GAP + 1]:
        if tok.kind != "word" or tok.capitalised or tok.sentence != span.tokens[-1].sentence:
            return False
        if pack.role_words.get(tok.lower):
            return True
        if tok.lower in pack.stopwords or _is_org_head(tok, pack, _lemmatizer(doc.language)):
            return False
    return False


def _extend_to_head(
    doc: Document, spans: list[_Span], pack: LanguagePack, lemma: Callable[[str], str]
) -> list[_Span]:
    """Where a name capitalises its first words only, the lower-case words after them up to an organisation
    head are the rest of it: "Mádenıet | jáne aqparat mınıstrligi", "Azııa Olımpıadalyq | keńesiniń". A
    person's name takes none ("Toqaev | ákimdikke bardy"); a place's does and stays a place as well
    ("Almaty | qalasynyń ákimdigi" is the city's administration)."""
    index_of = {t.start: i for i, t in enumerate(doc.tokens)}
    out: list[_Span] = []
    covered = -1
    for span in spans:
        last = span.tokens[-1]
        if span.tokens[0].start < covered:
            continue  # inside a longer name made before ("... atyndaǵy | Qazaq ulttyq | teatry")
        named = _named_after(doc, index_of[last.start], pack, lemma)
        if named:
            out.append(_Span([*span.tokens, *named], kind="organization"))
            covered = named[-1].end
            continue
        if span.kind == "person" or span.role or _surname_shaped(last, pack):
            out.append(span)
            continue
        words = _words_to_head(doc, index_of[last.start], pack, lemma)
        if len(words) == 1 and pack.classifier_heads.get(words[0].lower):
            span.kind = span.kind or "organization"  # "World Boxing | uıymy": the head says what it is
            out.append(span)
            continue
        if not words:
            out.append(span)
            continue
        if span.kind == "place":
            out.append(span)
        out.append(_Span([*span.tokens, *words], kind="organization"))
    return out


def _surname_alone(tok: Token, language: str) -> bool:
    """A family name of the public list that is no word of the language ("Gentiloni", not "Costa")."""
    return (
        tok.capitalised and not tok.upper and gz.is_surname(tok.base) and not _known_word(language)(tok.lower)
    )


def _is_conjunction(tok: Token, pack: LanguagePack) -> bool:
    """A comma or an "and" between the items of a list ("Renzi, Letta e Gentiloni")."""
    if tok.text == ",":
        return True
    low = tok.lower
    return (
        tok.kind == "word"
        and len(low) <= 3
        and low in pack.org_connectors
        and low not in pack.name_particles
        and low not in pack.org_tail_connectors
    )


def _list_items(span: _Span, pack: LanguagePack) -> list[_Span]:
    """An untyped run of single names joined by "and" ("Gentiloni e Lamorgese") as one span per name."""
    words, joins = span.tokens[::2], span.tokens[1::2]
    if span.kind or len(span.tokens) < 3 or len(span.tokens) % 2 == 0:
        return [span]
    if not all(_is_conjunction(t, pack) for t in joins) or any(t.lower in pack.org_connectors for t in words):
        return [span]
    return [_Span([t]) for t in words]


def _coordinated_people(doc: Document, spans: list[_Span], pack: LanguagePack) -> list[_Span]:
    """Single names listed with a person ("Trump, Meloni e Rubio", "Renzi, Letta, Gentiloni e Lamorgese" with
    the family name Gentiloni) are people too: the items of a list of single words, one of them a person,
    that are typed as nothing else."""
    spans = [item for span in spans for item in _list_items(span, pack)]
    index_of = {t.start: i for i, t in enumerate(doc.tokens)}
    ordered = sorted((s for s in spans if len(s.tokens) == 1), key=lambda s: s.tokens[0].start)
    lists: list[list[_Span]] = []
    for span in ordered:
        at = index_of[span.tokens[0].start]
        previous = lists[-1][-1] if lists else None
        if (
            previous is not None
            and at - index_of[previous.tokens[0].start] == 2
            and _is_conjunction(doc.tokens[at - 1], pack)
            and previous.tokens[0].sentence == span.tokens[0].sentence
        ):
            lists[-1].append(span)
        else:
            lists.append([span])
    for items in lists:
        evidence = any(
            s.kind == "person" or (not s.kind and _surname_alone(s.tokens[0], doc.language)) for s in items
        )
        if len(items) > 1 and evidence:
            for span in items:
                tok = span.tokens[0]
                if not span.kind and tok.capitalised and not tok.upper and not tok.sentence_start:
                    span.kind = (
                        "person"  # a sentence's capitalised opener ("Подытоживая, Климкин") is no item
                    )
    return spans


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


def _group_key(
    words: list[str], lemma: Callable[[str], str], suffixes: tuple[str, ...] = ()
) -> tuple[str, ...]:
    return tuple(_stem(_without_suffix(lemma(w).casefold(), suffixes)) for w in words)


def _without_suffix(word: str, suffixes: tuple[str, ...]) -> str:
    """A name without the case suffix a language without a lemmatiser joins to it (Kazakh "Toqaevtyń" ->
    "toqaev"); the longest suffix that leaves a stem of at least four letters."""
    for suffix in suffixes:  # longest first
        if len(word) - len(suffix) >= _STEM_MIN and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def extract_entities(doc: Document) -> tuple[list[Person], list[Organization], list[Place]]:
    pack = doc.pack
    if pack is None:
        return [], [], []
    lemma = _lemmatizer(doc.language)
    spans = _split_complements(doc, _spans(doc, pack), pack)
    for span in spans:
        _classify(doc, span, pack, lemma)
    spans = [_maker_of_model(doc, span, pack, lemma) for span in spans]
    spans = _adjective_places(doc, spans, pack, lemma)
    spans = [part for span in spans for part in _with_inner_place(doc, span, pack, lemma)]
    addresses = _web_addresses(doc.text)
    spans = [
        s
        for s in spans
        if not (
            _in_web_address(s, addresses)
            or _model_designation(doc, s)
            or _heading_words(doc, s, doc.language)
            or _kicker(doc, s)
            or _bare_head(s, pack, lemma)
            or (len(s.tokens) == 1 and s.tokens[0].lower in pack.not_names)  # "el Gobierno", "die Polizei"
            or _common_noun_alone(s, pack, lemma)  # "des Verlages", "des Gerichts"
            or (len(s.tokens) == 1 and not s.tokens[0].upper and pack.role_words.get(s.tokens[0].lower))
        )  # a title alone ("Prezıdenttiń", "Präsident") is not a name
    ]
    lowercase = (
        {t.lower for t in doc.tokens if t.kind == "word" and not t.capitalised} if pack.articles else set()
    )
    alone = {
        _stem(s.tokens[0].base.casefold())
        for s in spans
        if len(s.tokens) == 1 and not s.tokens[0].sentence_start and s.kind in ("", "person")
    }
    # document-level evidence: a word of a known person's name is that person elsewhere
    suffixes = pack.name_suffixes
    person_words = {
        _stem(_without_suffix(t.base.casefold(), suffixes))
        for s in spans
        if s.kind == "person"
        for t in s.tokens
    }
    for span in spans:
        if not span.kind:
            stems = {_stem(_without_suffix(t.base.casefold(), suffixes)) for t in span.tokens}
            if stems & person_words or (
                2 <= len(span.tokens) <= 3
                and all(t.capitalised and not t.upper for t in span.tokens)
                and (
                    ("Latn" not in pack.scripts and not _latin(span.tokens[0].text))
                    or gz.is_first_name(span.tokens[0].base)
                    or (pack.inflected_names and gz.is_first_name(lemma(span.tokens[0].base)))  # "Katarzyny"
                    or _surname_shaped(span.tokens[-1], pack)  # "Qasym-Jomart Toqaevtyń"
                )
            ):
                span.kind = "person"
            elif (
                _surname_alone_elsewhere(span, alone)
                or (span.tokens[0].sentence_start and len(span.tokens) == 1)
                or (pack.lower_case_heads and _title_follows(doc, span, pack))
            ):
                span.kind = ""
            elif any(t.lower in pack.org_connectors for t in span.tokens):
                span.kind = (
                    ""  # "Erfindung der Roten", "Verteilung der Gelder": nouns joined, no organisation head
                )
            elif pack.capitalises_nouns and len(span.tokens) > 1:
                known = _known_word(doc.language)
                span.kind = "" if all(known(t.base) for t in span.tokens) else "organization"
            elif len(span.tokens) > 1 and _title_case_line(doc, span):
                span.kind = ""  # "12) Roger Waters – The Wall (DVD)": capitals there tell nothing
            else:
                span.kind = (
                    "organization"
                    if len(span.tokens) > 1
                    or span.tokens[0].upper
                    or _after_article(doc, span, pack, lowercase)
                    else ""
                )
    spans = _coordinated_people(doc, spans, pack)
    spans = _extend_organizations(doc, spans, pack, lemma)
    spans = [part for span in spans for part in _person_parts(span, pack)]
    spans = [part for span in spans for part in _parent_acronym(span, pack)]
    spans = [part for span in spans for part in _event_of_year(doc, span)]
    quoted = _quoted_organizations(doc, pack, lemma)
    if quoted:
        spans = [span for span in spans if not any(q.covers(span) for q in quoted)]
    acronyms = _acronym_definitions(doc, spans)
    entities: dict[tuple[str, tuple[str, ...]], _Entity] = {}
    for span in spans:
        if not span.kind:
            continue
        words = [t.base for t in span.tokens]
        inflected = words[: len(words) - span.tail]
        key = ("organization", (span.known.casefold(),)) if span.known else _span_key(span, lemma, suffixes)
        owner = acronyms.get(span.tokens[0].base) if len(span.tokens) == 1 else None
        if owner is not None:
            key = _span_key(owner, lemma, suffixes)  # "FMI" joins "Fonds monétaire international (FMI)"
        entity = entities.setdefault(key, _Entity(key[0]))
        entity.forms[span.surface] += 1
        article = _name_article(doc, span, pack)
        if article:
            entity.forms[f"{article} {span.surface}"] += 0  # "La Stampa", "The Guardian": also with it
        entity.tail = max(entity.tail, span.tail)
        if owner is not None:
            continue  # an acronym is an alias of the name it stands for, never the name itself
        if span.known:
            entity.forms[span.known] += 0
            entity.nominative.add(span.known)
            continue
        if not pack.inflected_names or all(
            lemma(w).casefold() == w.casefold() for w in inflected if w.casefold() not in pack.stopwords
        ):
            entity.nominative.add(span.surface)  # names without case endings are written in their own form
        if span.role and span.role not in entity.roles:
            entity.roles.append(span.role)
        entity.country = entity.country or span.country
    _add_quoted(quoted, entities, lemma)
    _add_agencies(doc, pack, entities)
    _merge_surnames(entities)
    _merge_short_organizations(entities)
    _merge_initials(entities, pack)
    if pack.name_endings:
        _merge_oblique_names(entities, pack, lemma)
    return _as_records(entities, doc.language, lemma, pack)


_SHORT_LINE_WORDS = 15


def _title_case_line(doc: Document, span: _Span) -> bool:
    """The span stands in a short line (at most 15 words) at least half of whose words are capitalised: a
    list item, a table row or a heading written in title case ("Dark Side of the Moon (Vinile)", "Aric
    Almirola"), where a capital opens any word and is no sign of a name."""
    text = doc.text
    begin = text.rfind("\n", 0, span.tokens[0].start) + 1
    end = text.find("\n", span.tokens[-1].end)
    end = len(text) if end < 0 else end
    first = bisect.bisect_left(doc.tokens, begin, key=_token_start)
    last = bisect.bisect_left(doc.tokens, end, key=_token_start)
    words = [t for t in doc.tokens[first:last] if t.kind == "word"]
    if len(words) > _SHORT_LINE_WORDS:
        return False
    return sum(t.capitalised for t in words) * 2 >= len(words)


def _name_article(doc: Document, span: _Span, pack: LanguagePack) -> str:
    """The article written just before an organisation's name that a title's name opens with: one in
    capitals inside a sentence ("selon La Stampa", "dans The Fifth Estate"), or before a single word
    ("à la Stampa"); "" if none."""
    if span.kind != "organization" or not pack.name_articles:
        return ""
    first = span.tokens[0]
    at = bisect.bisect_left(doc.tokens, first.start, key=_token_start)
    if at == 0:
        return ""
    prev = doc.tokens[at - 1]
    if (
        prev.kind != "word"
        or prev.sentence != first.sentence
        or first.start - prev.end > 1
        or prev.lower.replace("\u2019", "'") not in pack.name_articles
    ):
        return ""
    if prev.capitalised and not prev.sentence_start:
        return prev.text
    # a lower-case article says so only where people's names take none (fr, es, it, pt: ``articles``)
    single = len(span.tokens) == 1 and not first.upper and bool(pack.articles)
    return prev.text if single and not prev.capitalised else ""


def _span_key(
    span: _Span, lemma: Callable[[str], str], suffixes: tuple[str, ...] = ()
) -> tuple[str, tuple[str, ...]]:
    """The entry a span belongs to: its kind and its words' lemma stems (a tail kept as written)."""
    words = [t.base for t in span.tokens]
    inflected = words[: len(words) - span.tail]
    return span.kind, _group_key(inflected, lemma, suffixes) + tuple(
        w.casefold().replace("\u2019", "'") for w in words[len(inflected) :]
    )


_ACRONYM_MAX = 8
_PARENTHESIS = re.compile(r" ?\( ?")


def _acronym_definitions(doc: Document, spans: list[_Span]) -> dict[str, _Span]:
    """Acronyms the text defines in parentheses, each with the name it stands for: "Fonds monétaire
    international (FMI)", "ORAT (Operation Readiness and Transfer)". The definition is document-level
    evidence: the name is an organisation (unless it is a person's or a place's), and the acronym alone
    anywhere in the text is that organisation."""
    by_start = {span.tokens[0].start: span for span in spans}
    found: dict[str, _Span] = {}
    for span in spans:
        after = _PARENTHESIS.match(doc.text, span.tokens[-1].end)
        inner = by_start.get(after.end()) if after else None
        if inner is None or doc.text[inner.tokens[-1].end : inner.tokens[-1].end + 1] != ")":
            continue
        short, full = (inner, span) if len(inner.tokens) == 1 else (span, inner)
        acronym = short.tokens[0]
        if (
            len(short.tokens) != 1
            or len(full.tokens) < 2
            or not acronym.upper
            or len(acronym.text) > _ACRONYM_MAX
            or full.kind not in ("", "organization")
            or short.kind not in ("", "organization")
        ):
            continue
        full.kind = "organization"
        found.setdefault(acronym.base, full)
    return found


_QUOTED_MAX_WORDS = 6
_QUOTED_ALONE_MAX_WORDS = 4
_QUOTED_MAX_CHARS = 90
_PREFIX_MAX_WORDS = 3
_LEGAL_FORM_MAX = 6
_QUOTED_WORD = re.compile(r"[^\W_][\w'’.&+]*")


@dataclass
class _Quoted:
    """An organisation's name in quotation marks, with the legal form or head written before it:
    "ТОВ «Укргеоекологія»", "ДП «Міжнародний аеропорт «Бориспіль»", "Политической партии «Единство»",
    "НАК \"Нафтогаз Украины\"", or (packs with ``quoted_names``) alone: "«Газпром»"."""

    start: int
    end: int
    forms: list[str]  # the fullest form first, then the quoted name, then an inner quoted name
    nominative: bool  # the words before the quotation marks are their own lemmas
    words: list[str]  # the quoted name's words (the entity's key)
    prefix_words: int

    def covers(self, span: _Span) -> bool:
        first, last = span.tokens[0], span.tokens[-1]
        return (first.start < self.end and last.end > self.start and span.kind != "place") or (
            span.kind == "place" and first.start <= self.start and last.end >= self.end
        )


def _quoted_words(name: str) -> list[str]:
    """A quoted name's words, hyphens and dashes as spaces ("Поділля-Інвест Сіті" = "Поділля – Інвест Сіті")."""
    return _QUOTED_WORD.findall(re.sub(r"[-–—]", " ", name).replace("'", " "))


def _quote_closing(text: str, opener: str, closer: str, at: int) -> int:
    """Where the quotation opened at ``at`` closes (-1 if not on the same line, within a name's length).
    A quotation nested inside closes with the outer one where the press writes one closing mark only
    ("ТОВ «ЛБК «Наш Дом»")."""
    end = min(len(text), at + 1 + _QUOTED_MAX_CHARS)
    for k in range(at + 1, end):
        if text[k] == "\n":
            return -1
        if text[k] == closer:
            return k
    return -1


def _quoted_organizations(doc: Document, pack: LanguagePack, lemma: Callable[[str], str]) -> list[_Quoted]:
    text = doc.text
    found: list[_Quoted] = []
    taken: list[tuple[int, int]] = []
    for opener, closer in pack.quote_pairs:
        at = text.find(opener)
        while at >= 0:
            close = _quote_closing(text, opener, closer, at)
            if close < 0:
                at = text.find(opener, at + 1)
                continue
            nxt = text.find(opener, close + 1)
            if any(a <= at < b for a, b in taken):
                at = nxt
                continue
            item = _quoted_at(doc, pack, lemma, at, close, opener=opener)
            if item is not None:
                found.append(item)
                taken.append((at, close + 1))
            at = nxt
    return found


_QUOTED_LIST_ITEM = re.compile(r"\s*(?:,|\w{2,5})\s*«[^«»]{1,60}»")
_KIND_WORDS = 3  # words between a quoted name and the noun that says what it names ("memlekettik jastar")


def _names_no_body(doc: Document, pack: LanguagePack, close: int) -> bool:
    """A quoted name, or a list of them, followed within a few lower-case words by a noun that says it is a
    prize, a work, an event or a programme («X» memlekettik syılyǵy, «X», «Y» halyqaralyq syılyǵy)."""
    if not pack.quoted_non_org_heads:
        return False
    at = close + 1
    while (item := _QUOTED_LIST_ITEM.match(doc.text, at)) is not None:
        at = item.end()
    k = bisect.bisect_left(doc.tokens, at, key=_token_start)
    for tok in doc.tokens[k : k + _KIND_WORDS]:
        if tok.kind != "word" or tok.capitalised:
            return False
        if pack.quoted_non_org_heads.get(tok.lower):
            return True
    return False


def _quoted_at(
    doc: Document, pack: LanguagePack, lemma: Callable[[str], str], at: int, close: int, *, opener: str
) -> _Quoted | None:
    text = doc.text
    inner = text[at + 1 : close].strip()
    name = inner.lstrip(opener).strip()
    words = _QUOTED_WORD.findall(inner)
    if not words or len(words) > _QUOTED_MAX_WORDS or not name[:1].isupper():
        return None
    if inner[-1:] in "!?…,:;" or (inner.endswith(".") and len(words[-1]) > 5):
        return None  # a sentence, not a name
    toks = doc.tokens
    first = bisect.bisect_left(toks, at, key=_token_start)
    last = bisect.bisect_left(toks, close, key=_token_start)
    inside = [t for t in toks[first:last] if t.kind == "word"]
    if any(_is_verb(t, pack, lemma) or pack.reporting_verbs.get(t.lower) for t in inside):
        return None
    after = text[close + 1 : close + 5]
    if re.match(r"\s*[,.]?\s*[-–—]", after) or text[max(0, at - 2) : at].strip().endswith(":"):
        return None  # a quotation with its attribution ("«...», — сказал он")
    prefix: list[Token] = []
    k = first - 1
    edge = at
    while k >= 0 and len(prefix) < _PREFIX_MAX_WORDS:
        tok = toks[k]
        if tok.kind != "word" or edge - tok.end > 1 or (prefix and tok.sentence != prefix[0].sentence):
            break
        legal = tok.upper and len(tok.text) <= _LEGAL_FORM_MAX and not _is_geo(tok, pack)
        head = _is_org_head(tok, pack, lemma)
        adjective = (
            bool(prefix)
            and _is_org_head(prefix[0], pack, lemma)
            and tok.capitalised
            and _is_name_word(tok, pack)
            and not pack.demonyms.get(tok.lower)
            and not _is_geo(tok, pack)
        )
        if (
            not (legal or head or adjective)
            or pack.role_words.get(tok.lower)
            or pack.honorifics.get(tok.lower)
        ):
            break
        prefix.insert(0, tok)
        edge = tok.start
        k -= 1
    while prefix and not prefix[0].capitalised and _is_org_head(prefix[0], pack, lemma):
        # a head in lower case is a common noun ("компания «Газпром»", "фирма «X»"): not in the name
        if any(t.capitalised for t in prefix[1:]):
            break
        prefix = []
    if not prefix and (not pack.quoted_names or len(words) > _QUOTED_ALONE_MAX_WORDS):
        return None
    if not prefix and _names_no_body(doc, pack, close):
        return None
    if not prefix and at > 0 and not text[at - 1].isspace():
        return None  # glued to a word: not a name of its own
    start = prefix[0].start if prefix else at + 1
    end = close + 1 if prefix else close
    full = " ".join(text[start:end].split())
    forms = [full]
    if prefix:
        forms.append(" ".join(name.split()))
    if opener in name:
        innermost = name.rsplit(opener, 1)[1].strip()
        if innermost and innermost not in forms:
            forms.append(innermost)
    nominative = all(t.upper or lemma(t.lower).casefold() == t.lower for t in prefix) and (
        bool(prefix) or all(lemma(w.casefold()).casefold() == w.casefold() for w in words[:1])
    )
    return _Quoted(
        start=start,
        end=end,
        forms=forms,
        nominative=nominative,
        words=_quoted_words(name.replace(opener, " ")),
        prefix_words=len(prefix),
    )


def _add_quoted(
    quoted: list[_Quoted],
    entities: dict[tuple[str, tuple[str, ...]], _Entity],
    lemma: Callable[[str], str],
) -> None:
    """Quoted organisation names join the entry of the same name (a person or place guess of it is
    dropped: the quotation marks say it is a name of a body)."""
    inner_keys: dict[tuple[str, ...], tuple[str, ...]] = {}
    for item in quoted:
        words = _group_key(item.words, lemma)
        if item.prefix_words or len(item.forms) > 1:
            inner_keys.setdefault(_group_key(_quoted_words(item.forms[-1]), lemma), words)
    for item in quoted:
        words = _group_key(item.words, lemma)
        if not item.prefix_words and len(item.forms) == 1 and words in inner_keys:
            words = inner_keys[words]  # "«Борисполю»" after "ДП «Міжнародний аеропорт «Бориспіль»"
        for kind in ("person", "place"):
            other = entities.pop((kind, words), None)
            if other is not None:
                entity = entities.setdefault(("organization", words), _Entity("organization"))
                entity.forms.update(other.forms)
        entity = entities.setdefault(("organization", words), _Entity("organization"))
        entity.forms[item.forms[0]] += 1
        for form in item.forms[1:]:
            entity.forms[form] += 0
        if item.nominative:
            entity.nominative.add(item.forms[0])
        entity.tail = max(entity.tail, len(item.forms[0].split()) - max(1, item.prefix_words))


def _add_agencies(
    doc: Document, pack: LanguagePack, entities: dict[tuple[str, tuple[str, ...]], _Entity]
) -> None:
    """News agencies named in the text are organisations, whole ("РИА Новости", not "РИА")."""
    for agency in pack.agencies:
        if agency not in doc.text:
            continue  # a plain substring test first: most agencies are in no given article
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
    """Document-level evidence: a shorter form of one person's full name is that person.

    - a name that ends the one longer name ("Guido Lombardi" -> "George Guido Lombardi");
    - a surname alone joins the full name that ends with it ("Миллер" -> "Алексей Миллер");
    - a person's single name that opens the one full name and ends none ("Marco" -> "Marco Rubio");
    - else a person's single name one letter off the surname of one full name (a misspelling, "Чепурненко"
      beside "Марина Чепуренко")."""
    people = sorted((k for k in entities if k[0] == "person" and len(k[1]) > 1), key=lambda k: len(k[1]))
    for key in people:
        longer = [
            k
            for k in entities
            if k[0] == "person" and len(k[1]) > len(key[1]) and k[1][-len(key[1]) :] == key[1]
        ]
        if len(longer) == 1:
            _join(entities, key, entities[longer[0]])
    full = [(key, e) for key, e in entities.items() if key[0] == "person" and len(key[1]) > 1]
    for key in [k for k in entities if k[1] and len(k[1]) == 1]:
        owners = [e for fk, e in full if fk[1][-1] == key[1][0]]
        if not owners and key[0] == "person":
            owners = [e for fk, e in full if fk[1][0] == key[1][0]]
        if not owners and key[0] == "person":
            alone = {f.casefold() for f in entities[key].forms}
            owners = [e for _, e in full if any(_misspelt(f.split()[-1].casefold(), alone) for f in e.forms)]
        if len(owners) == 1:
            _join(entities, key, owners[0])


_MISSPELT_MIN = 6  # shorter names one letter apart are often different names ("Kim"/"Kin")


def _misspelt(surname: str, forms: set[str]) -> bool:
    """One of ``forms`` is ``surname`` with one letter more, less or replaced."""
    return any(
        form != surname
        and len(form) >= _MISSPELT_MIN
        and abs(len(form) - len(surname)) <= 1
        and _one_edit(form, surname)
        for form in forms
    )


def _one_edit(a: str, b: str) -> bool:
    if len(a) < len(b):
        a, b = b, a
    i = 0
    while i < len(b) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i + 1 :] == b[i:]


def _join(
    entities: dict[tuple[str, tuple[str, ...]], _Entity], key: tuple[str, tuple[str, ...]], owner: _Entity
) -> None:
    alone = entities.pop(key)
    owner.forms.update(alone.forms)
    owner.roles.extend(r for r in alone.roles if r not in owner.roles)


def _merge_short_organizations(entities: dict[tuple[str, tuple[str, ...]], _Entity]) -> None:
    """An organisation's name cut short joins the one longer name it opens ("la Commission" after "la
    Commission européenne", "le Fonds" after "Fonds monétaire international", "Ministério Público" after
    "Ministério Público Federal"), the shortest first."""
    orgs = sorted((k for k in entities if k[0] == "organization"), key=lambda k: len(k[1]))
    for key in orgs:
        if any(f.isupper() for f in entities[key].forms):
            continue  # an acronym is a name of its own
        size = len(key[1])
        owners = [
            e
            for k, e in entities.items()
            if k[0] == "organization" and len(k[1]) > size and k[1][:size] == key[1]
        ]
        if len(owners) == 1:
            owners[0].forms.update(entities.pop(key).forms)


_INITIALS_MIN = 3


def _initials(name: str, pack: LanguagePack) -> str:
    """The first letters of a name's words, less its function words ("Вісник державних закупівель" -> "вдз")."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.casefold() not in pack.stopwords]
    return "".join(w[0] for w in words).casefold()


def _merge_initials(entities: dict[tuple[str, tuple[str, ...]], _Entity], pack: LanguagePack) -> None:
    """An acronym alone (three letters or more, in capitals or capitalised: "ВДЗ", "Nyt") that is the
    initials of the one longer organisation of the text ("Вісник державних закупівель", "New York Times")
    is that organisation's short name, not one of its own."""
    orgs = [k for k in entities if k[0] == "organization"]
    for key in orgs:
        forms = entities[key].forms
        if len(forms) != 1:
            continue
        acronym = next(iter(forms))
        if not (
            (acronym.isupper() or acronym.istitle())
            and acronym.isalpha()
            and _INITIALS_MIN <= len(acronym) <= _ACRONYM_MAX
        ):
            continue
        owners = [
            k
            for k in orgs
            if k != key
            and k in entities
            and any(" " in form and _initials(form, pack) == acronym.casefold() for form in entities[k].forms)
        ]
        if len(owners) == 1:
            entities[owners[0]].forms.update(entities.pop(key).forms)


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


def _dictionary_form(entity: _Entity, lemma: Callable[[str], str], *, head_final: bool = False) -> str:
    if entity.nominative:
        # Over the forms in the order first seen (a set's order changes with the hash seed, and a record
        # must not): the most frequent, then one not in capitals ("Kazinform" over a dateline's "KAZINFORM").
        seen = [f for f in entity.forms if f in entity.nominative] or sorted(entity.nominative)
        return max(seen, key=lambda f: (entity.forms[f], not f.isupper(), len(f)))
    best = max(entity.forms, key=lambda f: (len(f.split()), entity.forms[f], -len(f)))
    if entity.kind != "person" and head_final:
        # suffixes agglutinate onto the name, and the lemmatiser would cut the head's own compound suffix
        # ("Merkez Bankası" -> "Banka"): the shortest full-length form is the name
        return min((f for f in entity.forms if len(f.split()) == len(best.split())), key=len)
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


_SURE_SUFFIX = 3  # a suffix this long ("-tyń", "-pen", "-dan") is seldom the end of a name itself


def _suffix_nominatives(entity: _Entity, pack: LanguagePack) -> list[str]:
    """The forms without a case suffix of a name in a language without a lemmatiser (Kazakh "Mırzıeevpen" ->
    "Mırzıeev", "Ulttyq quryltaıdyń" -> "Ulttyq quryltaı"): where the bare form was seen too, or two
    suffixed forms agree on it, or the suffix is long, the bare form is the nominative and takes their
    mentions; else it is only a guess, returned for the aliases ("Meloni" may end in "-ni" or be a name)."""
    if entity.kind not in ("person", "organization"):
        return []
    bare: dict[str, tuple[str, int]] = {}
    for form in list(entity.forms):
        words = form.split(" ")
        cut = _case_suffix(words[-1], pack)
        if cut:
            bare[form] = (" ".join([*words[:-1], words[-1][:-cut]]), cut)
    agreeing = Counter(base for base, _ in bare.values())
    longest = max(len(form.split(" ")) for form in entity.forms)
    guesses: list[str] = []
    for form, (base, cut) in bare.items():
        family = entity.kind == "person" and base.casefold().endswith(pack.surname_endings)
        if base in entity.forms or cut >= _SURE_SUFFIX or agreeing[base] > 1 or family:
            entity.nominative.discard(form)
            entity.nominative.add(base)
            # a surname alone counts for no full name ("Toqaevqa" beside "Qasym-Jomart Toqaev")
            entity.forms[base] += entity.forms[form] if len(base.split(" ")) == longest else 0
        elif base not in guesses:
            guesses.append(base)
    return guesses


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
        mentions = sum(entity.forms.values())
        guesses = _suffix_nominatives(entity, pack) if pack is not None and pack.name_suffix_rules else []
        name = _dictionary_form(entity, lemma, head_final=pack is not None and pack.head_final)
        aliases = [f for f in entity.forms if f != name]
        aliases.extend(g for g in guesses if g != name and g not in aliases)
        if entity.kind == "person" and pack is not None and pack.name_endings and not entity.nominative:
            aliases.extend(n for n in _nominatives(name, pack, lemma) if n != name and n not in aliases)
        for form in (name, *aliases):
            aliases.extend(latin for latin in latin_forms(form, language) if latin not in aliases)
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


def _forms(tok: Token, language: str) -> tuple[str, ...]:
    """The keys a word is looked up under: its case-folded form and, in Turkish and Azerbaijani, the form
    lowered with the dotted/dotless i rules ("MİLYON LİRALIK" -> "milyon liralık")."""
    if language in ("tr", "az") and any(c in tok.text for c in "İIı"):
        return (tok.text.replace("İ", "i").replace("I", "ı").lower(), tok.lower.replace("\u0307", ""))
    return (tok.lower,)


def _lookup(
    toks: tuple[Token, ...], j: int, lexicon: Lexicon[V], language: str, *, max_words: int = 3
) -> tuple[V | None, int]:
    """The value of the longest phrase of up to ``max_words`` words at ``toks[j]`` in ``lexicon`` (an
    abbreviation's dot included: "долл.", "Mrd."), and the index after it."""
    if j >= len(toks) or toks[j].kind != "word":
        return None, j
    for size in range(min(max_words, lexicon.max_words), 0, -1):
        words = toks[j : j + size]
        if len(words) < size or any(w.kind != "word" for w in words):
            continue
        if any(b.start - a.end > 1 or a.sentence != b.sentence for a, b in itertools.pairwise(words)):
            continue
        dotted = j + size < len(toks) and toks[j + size].text == "." and toks[j + size].start == words[-1].end
        for key in _phrase_keys(words, language):
            if dotted:
                value = lexicon.get_exact(f"{key}.")
                if value is not None:
                    return value, j + size + 1
            value = lexicon.get_phrase(key)
            if value is not None:
                return value, j + size
    return None, j


def _phrase_keys(words: Sequence[Token], language: str) -> list[str]:
    keys = [" ".join(w.lower for w in words)]
    if language in ("tr", "az"):
        for k in range(2):
            alt = " ".join(_forms(w, language)[min(k, len(_forms(w, language)) - 1)] for w in words)
            if alt not in keys:
                keys.append(alt)
    return keys


# A bare "dollar" (or "$", "peso", "krone"...) in an article about a country with its own currency of that
# name is that country's: "6 millions de dollars" in a Canadian report is CAD. Qualified forms ("dollars
# américains", "долларов США") and ISO codes are never changed.
_LOCAL_CURRENCY = {
    "USD": {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "HK": "HKD", "SG": "SGD", "TW": "TWD"},
    "MXN": {"AR": "ARS", "CL": "CLP", "CO": "COP", "UY": "UYU", "CU": "CUP", "DO": "DOP", "PH": "PHP"},
    "SEK": {"NO": "NOK", "DK": "DKK", "CZ": "CZK", "IS": "ISK"},
    "DKK": {"NO": "NOK", "SE": "SEK", "CZ": "CZK", "IS": "ISK"},
}
_RANGE_DASHES = frozenset("-–—")


def _money_number(toks: tuple[Token, ...], i: int, pack: LanguagePack | None) -> float | None:
    tok = toks[i]
    if tok.kind == "number":
        return _number(tok.text, pack)
    if pack is not None and tok.kind == "word" and (i == 0 or toks[i - 1].kind != "number"):
        value = pack.number_words.get(tok.lower)
        if value is not None:
            return float(value)
    return None


def _scale_at(
    toks: tuple[Token, ...], j: int, pack: LanguagePack | None, language: str
) -> tuple[float, int, str | None]:
    """(multiplier, index after it, currency glued to it) of the scale word at ``toks[j]``: "Mrd.",
    "mil millones", "M€" (a scale glued to a currency sign); (1.0, j, None) when there is none."""
    if pack is None or j >= len(toks):
        return 1.0, j, None
    tok = toks[j]
    if (
        tok.kind == "word"
        and j + 1 < len(toks)
        and toks[j + 1].text in SYMBOLS
        and toks[j + 1].start == tok.end
    ):
        glued = pack.scales.get(f"{tok.lower}{toks[j + 1].text}")
        if glued is not None:
            return glued, j + 2, SYMBOLS[toks[j + 1].text]
    found = _lookup(toks, j, pack.scales, language, max_words=2)
    scale, after = found
    if scale is None:
        return 1.0, j, None
    if after < len(toks) and toks[after].text == "." and toks[after].start == toks[after - 1].end:
        after += 1  # an abbreviation's dot the pack does not write: "4 mld. euro"
    return scale, after, None


def _currency_at(
    toks: tuple[Token, ...], j: int, pack: LanguagePack | None, language: str
) -> tuple[str | None, int, bool]:
    """(ISO code, index after it, bare) of the currency written at ``toks[j]``; ``bare`` when it is a sign
    or a single unqualified word that a country may read as its own currency (:data:`_LOCAL_CURRENCY`)."""
    if j >= len(toks):
        return None, j, False
    tok = toks[j]
    sign = tok.text
    if j + 1 < len(toks) and toks[j + 1].start == tok.end and f"{sign}{toks[j + 1].text}" in SYMBOLS:
        return SYMBOLS[f"{sign}{toks[j + 1].text}"], j + 2, False  # "US$", "R$"
    if sign in SYMBOLS:
        return SYMBOLS[sign], j + 1, sign == "$"
    if tok.upper and sign in ISO_CODES:
        return sign, j + 1, False
    if pack is None or tok.kind != "word":
        return None, j, False
    found = _lookup(toks, j, pack.currencies, language)
    currency, after = found
    if currency is None:
        return None, j, False
    bare = after == j + 1 and "us" not in tok.lower and tok.lower != currency.casefold()
    return currency, after, bare


def _subunit_at(
    toks: tuple[Token, ...], j: int, pack: LanguagePack | None, language: str
) -> tuple[str | None, int]:
    """The currency of a hundredth written at ``toks[j]`` ("50 Cent", "30 копеек", "20 groszy")."""
    if pack is None or not pack.subunits:
        return None, j
    return _lookup(toks, j, pack.subunits, language, max_words=1)


def _range_start(toks: tuple[Token, ...], i: int, pack: LanguagePack | None) -> tuple[float, int] | None:
    """The lower end of a range written before the amount at ``toks[i]`` with the scale and currency
    once ("от 10 до 15 млрд рублей", "10 bis 15 Milliarden Euro", "entre 3 y 5 millones", "10-15 mln zł"):
    its value and token index."""
    if i < 2:
        return None
    link = toks[i - 1]
    is_link = link.text in _RANGE_DASHES or (
        pack is not None and link.kind == "word" and len(link.text) <= 4 and link.lower in pack.stopwords
    )
    if not is_link or toks[i - 2].kind != "number" or toks[i - 2].sentence != toks[i].sentence:
        return None
    if link.kind == "word":
        # "от 10 до 15", "entre 10 et 15", "von 10 bis 15": a word link needs a word before the lower end too
        opener = toks[i - 3] if i >= 3 else None
        if opener is None or opener.kind != "word" or pack is None or opener.lower not in pack.stopwords:
            return None
    value = _number(toks[i - 2].text, pack)
    return (value, i - 2) if value is not None else None


def _signed_range_end(
    toks: tuple[Token, ...], i: int, pack: LanguagePack | None, language: str
) -> tuple[float, float, int] | None:
    """After a signed lower end at ``toks[i]`` ("$80"), the upper end of a range written with one scale
    ("-90 тис."): (its value, the scale, the index after the scale), or None."""
    if i + 3 > len(toks) or toks[i + 1].text not in _RANGE_DASHES or toks[i + 2].kind != "number":
        return None
    if toks[i + 1].sentence != toks[i].sentence or toks[i + 2].start - toks[i].end > 3:
        return None
    upper = _number(toks[i + 2].text, pack)
    scale, after, _ = _scale_at(toks, i + 3, pack, language)
    if upper is None or scale == 1.0:
        return None
    return upper, scale, after


def _compound_amount(
    toks: tuple[Token, ...], j: int, first: float, scale: float, *, pack: LanguagePack | None, language: str
) -> tuple[float, float, int]:
    """An amount written as descending number + scale groups ("8 milyar 354 milyon 236 bin 725 lira",
    "1 млрд 200 млн рублей", "2 mld 300 mln zł"): (the whole amount, scale 1.0, the index after it) when
    more groups follow the first (``first`` times ``scale``, ending before ``toks[j]``), else
    (first, scale, j) unchanged."""
    value, k, grouped, first_scale = first * scale, j, False, scale
    while k < len(toks) and toks[k].kind == "number" and toks[k].sentence == toks[j - 1].sentence:
        number = _number(toks[k].text, pack)
        if number is None or number >= 1000 or number != int(number):
            break
        next_scale, after, _ = _scale_at(toks, k + 1, pack, language)
        if next_scale >= scale:
            break
        # the last group, in units: only when a currency closes the amount
        if next_scale == 1.0 and _currency_at(toks, k + 1, pack, language)[0] is None:
            break
        value, scale, k, grouped = value + number * next_scale, next_scale, after, True
        if next_scale == 1.0:
            break
    if not grouped:
        return first, first_scale, j
    return value, 1.0, k


def extract_money(doc: Document, *, country: str | None = None) -> list[Money]:
    """Every amount written with a currency: a number or a number word, a scale ("млрд", "Milliarden",
    "mil millones", "M€"), the currency after it (a pack word in any of its forms, a sign, an ISO code) or
    a sign/code before it; a range written with one scale and currency gives both ends. Amounts in units;
    each (amount, currency) once. ``country``: the article's main country, for bare "dollars"."""
    pack = doc.pack
    language = doc.language
    toks = doc.tokens
    found: list[Money] = []
    seen: set[tuple[float, str]] = set()

    def add(start: int, end: int, amount: float, currency: str) -> None:
        key = (round(amount, 2), currency)
        if key not in seen:
            seen.add(key)
            found.append(Money(text=doc.text[start:end], amount=key[0], currency=currency))

    skip_to = 0
    for i, tok in enumerate(toks):
        if i < skip_to:
            continue  # inside a compound amount already read
        value = _money_number(toks, i, pack)
        if value is None:
            continue
        scale, j, currency = _scale_at(toks, i + 1, pack, language)
        if tok.kind == "word" and scale == 1.0:
            continue  # a number word counts only with a scale: "zwei Milliarden Euro", not "zwei Euro"
        if currency is None and scale > 1.0:
            value, scale, j = _compound_amount(toks, j, value, scale, pack=pack, language=language)
            skip_to = j
        bare = False
        end = toks[j - 1].end
        if currency is None:
            k = j
            if (
                pack
                and k + 1 < len(toks)
                and toks[k].kind == "word"
                and len(toks[k].lower) <= 3
                and toks[k].lower.rstrip("'’") in pack.stopwords | {"d", "de", "di", "of"}
                and toks[k + 1].kind == "word"
                and not toks[k + 1].upper
                and toks[k + 1].start - toks[k].end <= 1
            ):
                k += 1  # "millions de dollars", "miliardi di euro", "milliard d'euros" (a word, not "e US$")
            currency, after, bare = _currency_at(toks, k, pack, language)
            if currency is None and k != j:
                currency, after, bare = _currency_at(toks, j, pack, language)
            if currency is not None:
                end = toks[after - 1].end
        start = tok.start
        if currency is None and i > 0:
            k = i - 1
            if k > 0 and toks[k - 1].end == toks[k].start and f"{toks[k - 1].text}{toks[k].text}" in SYMBOLS:
                k -= 1
            got, after, bare = _currency_at(toks, k, None, language)
            if got is not None and after == i:
                currency, start = got, toks[k].start
                end = toks[j - 1].end if scale != 1.0 else tok.end
                upper = _signed_range_end(toks, i, pack, language) if scale == 1.0 else None
                if upper is not None:  # "$80-90 тис.": the scale after the upper end is both ends'
                    upper_value, scale, skip_to = upper
                    end = toks[skip_to - 1].end
                    add(start, end, value * scale, currency)
                    value = upper_value
        if currency is None and scale == 1.0 and tok.kind == "number":
            currency, after = _subunit_at(toks, j, pack, language)
            if currency is not None:
                scale, end = 0.01, toks[after - 1].end
        if currency is None:
            continue
        if bare and country:
            currency = _LOCAL_CURRENCY.get(currency, {}).get(country, currency)
        lower = _range_start(toks, i, pack)
        if lower is not None and lower[0] < value:
            add(toks[lower[1]].start, end, lower[0] * scale, currency)
        add(start, end, value * scale, currency)
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
TOPIC_RELATIVE = 0.4
# The leading topic needs two cue occurrences (one distinct cue seen once scores 1 + log 2 < 2): every article
# has a topic, and a short one often has only two cue words. A further topic needs a third, so that one
# stray word of another field is not a topic of its own.
TOPIC_MIN_SCORE = 2.0
TOPIC_FURTHER_MIN_SCORE = 3.0
TOPIC_TITLE_BONUS = 1.0
MAX_TOPICS = 3


def topic_scores(doc: Document, title: str | None) -> dict[str, float]:
    """Per IPTC top-level code: the number of distinct cue words of the pack the text uses, plus
    log(1 + their occurrences), plus a bonus per cue in the title. Distinct cues, not occurrences,
    lead: one word repeated ("Regierung" ten times) is weaker evidence than five different cues."""
    pack = doc.pack
    if pack is None:
        return {}
    occurrences: dict[str, int] = defaultdict(int)
    distinct: dict[str, set[str]] = defaultdict(set)
    in_title: dict[str, int] = defaultdict(int)
    title_end = len(title) if title and doc.text.startswith(title) else -1
    codes = _cue_codes(pack)
    for tok in doc.tokens:
        if tok.kind != "word" or tok.lower in pack.stopwords:
            continue
        for code in codes(tok.lower):
            occurrences[code] += 1
            distinct[code].add(tok.lower)
            if tok.end <= title_end:
                in_title[code] += 1
    return {
        code: len(distinct[code]) + math.log1p(count) + TOPIC_TITLE_BONUS * in_title[code]
        for code, count in occurrences.items()
    }


_WORD_CACHE_SIZE = 65536
_CUE_CODES: dict[int, tuple[LanguagePack, Callable[[str], tuple[str, ...]]]] = {}


def _cue_codes(pack: LanguagePack) -> Callable[[str], tuple[str, ...]]:
    """word -> the topic codes whose cues match it, memoised per pack (the cue stems are tried once per
    distinct word, not once per token)."""
    held = _CUE_CODES.get(id(pack))
    if held is not None and held[0] is pack:
        return held[1]
    cues = LexiconIndex(pack.topic_cues)

    @lru_cache(maxsize=_WORD_CACHE_SIZE)
    def codes(word: str) -> tuple[str, ...]:
        return cues.matching(word)

    _CUE_CODES[id(pack)] = (pack, codes)
    return codes


def classify_topics(doc: Document, title: str | None) -> list[Topic]:
    scores = topic_scores(doc, title)
    if not scores:
        return []
    top = sorted(scores.items(), key=lambda item: -item[1])
    best = top[0][1]
    if best < TOPIC_MIN_SCORE:
        return []
    chosen = [top[0]] + [
        (code, score)
        for code, score in top[1:]
        if score >= TOPIC_RELATIVE * best and score >= TOPIC_FURTHER_MIN_SCORE
    ]
    chosen = chosen[:MAX_TOPICS]
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
        countries = pack.countries
        phrases = countries.max_words > 1
        for k, word in enumerate(words):
            # a two-word country form opens with a phrase head: no pair string for any other word
            two = (
                f"{word} {words[k + 1]}"
                if phrases and k + 1 < len(words) and countries.opens_phrase(word)
                else ""
            )
            code = (countries.get_phrase(two) if two else None) or countries.get(word)
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
    # a continent or world region ("Europa", "Азия") is too broad to index an article by
    weighted += [(float(p.mentions), p.name) for p in places if p.country or not _world_region(doc, p.name)]
    named = sorted(weighted, reverse=True)
    phrases: dict[str, float] = defaultdict(float)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    run: list[Token] = []
    for tok in (*doc.tokens, None):
        usable = (
            tok is not None
            and tok.kind == "word"
            and (
                (not tok.capitalised and len(tok.text) > 3 and tok.text[-1] not in "'’")  # not "dell’"
                or (tok.upper and tok.lower in pack.not_names)  # a common noun's acronym: "PIB", "ВВП"
            )
            and tok.lower not in pack.stopwords
            and not pack.keyword_stop.get(tok.lower)
            and not pack.reporting_verbs.get(tok.lower)
            and (not run or (tok.sentence == run[-1].sentence and tok.start - run[-1].end <= 1))
        )
        if usable and tok is not None:
            run.append(tok)
            continue
        if not run:
            continue  # most tokens end no run: nothing to count
        keys = [lemma(t.lower).casefold() for t in run]  # each word's lemma once, for its pairs and itself
        for k in range(len(run) - 1):
            pair = f"{keys[k]} {keys[k + 1]}"
            phrases[pair] += 1.5
            surfaces[pair][f"{run[k].text} {run[k + 1].text}"] += 1
        for k, key in enumerate(keys):
            phrases[key] += 1.0
            surfaces[key][run[k].text] += 1
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
    countries = countries_of(doc, places)
    return Facts(
        people=people,
        organizations=orgs,
        places=places,
        money=extract_money(doc, country=countries[0] if countries else None),
        quotes=extract_quotes(doc, people, orgs),
        dateline=dateline_of(doc),
        topics=classify_topics(doc, title),
        countries=countries,
        keywords=keywords_of(doc, people, orgs, places),
    )
