# ruff: noqa: RUF001, RUF003  # typographic quotes, dashes and look-alike letters are what this module matches
"""Named entities: people with roles, organizations with acronyms, places with countries.

A fast rule-based extractor (no model): a tokenizer, a chunker of capitalised spans that joins
connectors inside names ("Ministry of Foreign Affairs", "Securities and Exchange Commission",
"Alex de Minaur"), and a classifier that uses cue words (titles, organisation and place heads),
gazetteers built from public data (``gazetteer``), acronym definitions ("European Union (EU)") and
document-level evidence (a surname seen after a full name is that person). Roughly 1-3 ms for a
5 KB article once the tables are loaded.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from article_pipeline.models import Organization, Person, Place
from article_pipeline.pipeline import gazetteer as gz
from article_pipeline.pipeline.document import Document, build_document
from article_pipeline.pipeline.langpack import english


@dataclass(frozen=True)
class Entities:
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # Places named only inside another entity's name: a team's city ("Cleveland" for the Browns) is no
    # place of the article, yet it still tells where the article is (countries).
    located: list[Place] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Lexicons (general English news vocabulary)


_EN = english()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_HONORIFICS = _EN.words("honorifics")
# Words that head a person's title or role (capitalised before a name, or lowercase in apposition),
# local office, clergy and ranks included ("Sheriff John Mina", "Rev. Al Sharpton").
_TITLE_HEADS = _EN.words("role_words")
# Modifiers allowed inside a title before its head ("Deputy Foreign Minister", "chief executive").
_TITLE_MODIFIERS = _EN.words("role_modifiers")
# Final words that make a capitalised span an organisation.
_ORG_HEADS = _EN.words("org_heads")
# Heads of an organisation name that continue with "of"/"for"/"on" ("Ministry of ...", "Bank of ...").
_OF_HEADS = _EN.words("of_heads")
# Final words that make a capitalised span a place (geographic features and facilities).
_PLACE_HEADS = _EN.words("place_heads")
_PLACE_INITIALS = _EN.words("place_initials")
_DIRECTIONS = _EN.words("directions")
# Words that name a place when they follow a capitalised span in lower case ("Logar province").
_PLACE_NOUNS = _EN.words("place_nouns")
_PLACE_LEAD_NOUNS = _EN.words("place_lead_nouns")
# Capitalised nouns of portfolios and programmes: never part of a personal name.
_PORTFOLIO_WORDS = _EN.words("portfolio_words")
_CONNECT_PARTICLES = _EN.words("name_particles")
# Organisations English copy names in their own language, head first ("Banque de France", "Société
# Générale", "Banco Santander", "Universidad de Chile").
_FOREIGN_ORG_HEADS = _EN.words("foreign_org_heads")
_COMPANY_SUFFIXES = _EN.words("company_suffixes")
# Last words that make the words before them the company's short name ("Ithaca" for "Ithaca Holdings").
_LEGAL_FORMS = _EN.words("legal_forms")
_REGNAL_NUMBERS = frozenset({"II", "III", "IV", "V", "VI", "VII", "VIII"})
# Legal-form suffixes written after a comma ("Acme Widgets, Inc."): part of the company's name.
_COMMA_SUFFIXES = _EN.words("comma_suffixes")
_CURRENCY_CODES = _words(
    """
    USD EUR GBP JPY CNY RMB CHF CAD AUD NZD HKD SGD RUB INR KZT BRL MXN ZAR TRY SEK NOK DKK PLN KRW AED
    SAR
    """
)
# Acronyms and units that name things, not organisations.
_GENERIC_ACRONYMS = _EN.words("generic_acronyms")
# Heads after which "X and Y <head>" is one name ("Securities and Exchange Commission"); company words
# are left out because "Wistron and Global Lighting Technologies" are two companies.
_AND_HEADS = _EN.words("and_heads")
_SMALL_WORDS = _EN.words("small_words")
# Lowercase words that end a role read leftwards from a name ("said", "when", "the").
_LOWER_STOPS = _EN.words("lower_stops")
_NEWSPAPER_HEADS = _EN.words("newspaper_heads")
_CELESTIAL = _EN.words("celestial_bodies")
_POSSESSIVE_OWNERS = _EN.words("possessive_owners")
# Nouns after a name's "'s" that only a person has ("Biden's aides", "Ellison's wife").
_PERSON_POSSESSIONS = _EN.words("person_possessions")
# Abbreviations of "Saint" that open a saint's name inside an institution's ("St Mary's Hospital").
_SAINT_WORDS = _EN.words("saint_words")
_MONTHS = frozenset((*_EN.names("months"), *_EN.abbreviations("months")))
_DAYS = frozenset(_EN.names("weekdays"))
# Capitalised only because they open a sentence (or generic words that are never names alone).
_FUNCTION_WORDS = _EN.words("sentence_openers")
_NOT_NAMES = _EN.words("not_names")
_ABBREVIATIONS = _EN.words("token_abbreviations")
_ACRONYM_PLACES = _EN.words("acronym_places")

_ACRONYM_TOKEN = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.": a word token of the document ending with a dot
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
# A company-style coined word: a capital, lowercase letters, then another capital ("SoFi", "GoBank").
_CAMEL_CASE = re.compile(r"[A-Z][a-z]+[A-Z]\w*")
# Final words of a product's or a craft's name ("Premiere Edition", "Switch Lite", "Hubble Space Telescope").
_THING_HEADS = _EN.words("thing_heads")
# Lowercase nouns after a name that make it a product or a work, not an organisation.
_PRODUCT_NOUNS = _EN.words("product_nouns")
_OFFICE_HOLDERS = _EN.words("office_holders")
_BROADCASTERS = _EN.words("broadcasters")
# Parties named by their members, and the names they are also written under.
_PARTY_PLURALS = {plural: tuple(names) for plural, names in _EN.table("party_plurals").items()}
_ELECTRIC_NOUNS = _EN.words("electric_nouns")
_LOCATIVE_PREPS = _EN.words("locative_prepositions")
_PERSON_VERBS_AFTER = _EN.words("person_verbs_after")  # verbs after a name that only a person does
_PERSON_PARTICIPLES = _EN.words("person_participles")  # "was arrested", "was born": a person's passive
_CAPTION_POSITIONS = _EN.words("caption_positions")  # "(left)" after a name in a photo caption
_VENUE_HEADS = _EN.words("venue_heads")  # last words of a building's or a venue's name ("Carnegie Hall")
_STORM_WORDS = _EN.words("storm_words")  # words before a storm's given name ("Hurricane Milton")
_LOCATIVE_SUFFIXES = _EN.words("locative_suffixes")
# AP-style abbreviations of US states, as written after a party letter ("D-Minn.") or a city ("Columbia, S.C.").
_US_STATE_ABBREVIATIONS = _EN.table("us_state_abbreviations")  # fmt: skip
_MARKET_INDICES = _EN.words("market_indices")
_HYPHEN_LOWER = re.compile(r"[-–][a-z]")
# A romanised East Asian given name: a capitalised syllable, a hyphen, a short lowercase one ("Ing-wen",
# "Hau-yip", "Jae-in", "Jong-un"); "Kazakh-born", "GOP-led", "New York-listed" are adjectives.
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]{1,4}[-–][a-z]{2,4}")
_HYPHEN_ADJECTIVES = _EN.words("hyphen_adjectives")


def _hyphenated_given_name(word: str) -> bool:
    if not _HYPHENATED_GIVEN.fullmatch(word):
        return False
    tail = _HYPHENS.split(word, 1)[1]
    return tail not in _HYPHEN_ADJECTIVES and not tail.endswith(("ed", "ly"))


_HYPHENS = re.compile(r"[-–]")
_DOT_DIGIT = re.compile(r"\.\d")
_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t)$")
_CREDITS = re.compile(
    r"(?=[(PCISBREW])"  # the possible first characters, so that the engine skips the others fast
    r"(?:\((?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled)\s+by[^)]{0,300}\)"
    r"|^(?:Photo(?:graph)?(?: credit)?|Credit|Image|Source)s?:[^\n]{0,200}$"
    r"|^(?:By|Reporting by|Editing by|Written by)\s+[A-Z][^\n]{0,150}$)",
    re.MULTILINE,
)
_SENTENCE_END = frozenset({".", "!", "?", ":", ";"})
_OPENERS = frozenset("“\"‘'([«—–-•")
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'-]{1,40}?)?(?:,\s*(?P<region>[A-Z][A-Za-z .]{1,30}?))?"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z .]{1,30}?))?\s*"
    r"(?:\((?P<agency>[^)]{1,30})\))?\s*(?:[—–]|-{1,2}|:)\s"
)


class _Tok:
    """A token: ``text`` at ``[start, end)`` of ``kind`` acr, abbr, word, num, poss or punct; ``is_cap`` and
    ``is_allcaps`` describe its capitals, ``sent_start`` and ``gap_newline`` (a line break separates it from
    the previous token) are set by ``_tokenize``. Made only by ``_tokens_of``."""

    __slots__ = ("end", "gap_newline", "is_allcaps", "is_cap", "kind", "sent_start", "start", "text")
    text: str
    start: int
    end: int
    kind: str
    sent_start: bool
    gap_newline: bool
    is_cap: bool
    is_allcaps: bool


def _tokens_of(document: Document, credits: list[tuple[int, int]]) -> list[_Tok]:
    """The document's tokens (cut by the English pack's grammar) with their capitalisation flags and the
    finer kinds the chunker reads: acr ("U.S."), abbr (a title with its dot, or an initial), word, num, poss
    ("'s") and punct. Tokens inside a credit are left out.

    Built inline rather than through an ``__init__``: a function call per token costs a tenth of the
    entity stage, and texts have a thousand tokens.
    """
    toks: list[_Tok] = []
    append = toks.append
    new = object.__new__
    for token in document.tokens:
        if credits and any(start <= token.start < end for start, end in credits):
            continue
        tok = new(_Tok)
        tok.text = word = token.text
        tok.start = token.start
        tok.end = token.end
        tok.sent_start = False
        tok.gap_newline = False
        kind = token.kind
        if kind == "word":
            if word[-1] == ".":  # only an acronym, a title or an initial ends with its dot
                if _ACRONYM_TOKEN.fullmatch(word):
                    tok.kind = "acr"
                    tok.is_cap = True
                    tok.is_allcaps = word.isupper()
                else:  # a middle initial too: "Christopher L. Tays" is one name, not two sentences
                    tok.kind = "abbr"
                    tok.is_cap = True
                    tok.is_allcaps = False
            elif word.islower():
                tok.kind = "word"
                tok.is_cap = False
                tok.is_allcaps = False
            else:
                tok.kind = "word"
                first = word[0]
                tok.is_cap = first.isupper() or (len(word) > 1 and first.islower() and word[1].isupper())
                tok.is_allcaps = len(word) >= 2 and word.isupper()
        else:
            tok.kind = "num" if kind == "number" else "poss" if len(word) == 2 else "punct"
            tok.is_cap = False
            tok.is_allcaps = False
        append(tok)
    return toks


def _tokenize(text: str, document: Document, credits: list[tuple[int, int]]) -> list[_Tok]:
    toks = _tokens_of(document, credits)
    count = len(toks)
    # No token holds a line break, so the token after each break is the first one starting past it:
    # a bisection per break (a few dozen) instead of slicing the gap before every token.
    newline = text.find("\n")
    if newline >= 0:
        starts = [tok.start for tok in toks]
        while newline >= 0:
            k = bisect_right(starts, newline)
            if k >= count:
                break
            if k:
                toks[k].gap_newline = True
            newline = text.find("\n", starts[k])  # later breaks in the same gap mark the same token
    prev_real: _Tok | None = None
    prev_prev: _Tok | None = None
    previous: _Tok | None = None
    before_previous: _Tok | None = None
    previous_opens = False
    size = len(text)
    for tok in toks:
        opens = tok.kind == "punct" and tok.text in _OPENERS
        if (
            opens
            and tok.text in "\"'"
            and tok.start > 0
            and not text[tok.start - 1].isspace()
            and (tok.end >= size or text[tok.end].isspace())
        ):
            # A straight quote closing a quotation ('"We will," Jane said'): it opens no sentence, and the
            # word after it starts one only when the quotation ended one ('"We will." Jane left').
            before_previous, previous, previous_opens = previous, tok, False
            continue
        if not opens:
            if prev_real is None or tok.gap_newline:
                tok.sent_start = True
            elif prev_real.text in _SENTENCE_END:
                tok.sent_start = not (
                    prev_real.text == "." and prev_prev is not None and prev_prev.text in _ABBREVIATIONS
                )
            elif previous_opens and previous is not None and previous.gap_newline:
                tok.sent_start = True
            prev_prev, prev_real = prev_real, tok
        # An opener at a sentence start passes that on to the token it opens.
        if (
            previous_opens
            and previous is not None
            and (
                before_previous is None
                or before_previous.text in _SENTENCE_END
                or previous.gap_newline
                or previous.text in '“"‘'
            )
        ):
            tok.sent_start = True
        before_previous, previous, previous_opens = previous, tok, opens
    return toks


# --------------------------------------------------------------------------------------------
# Mentions


@dataclass
class _Mention:
    kind: str  # person, org, place, single (unresolved single word), acronym
    text: str
    start: int
    end: int
    role: str | None = None
    country: str | None = None
    alias_of: str | None = None  # for "Long Name (ACR)" acronyms: the long name's text
    sent_start: bool = False
    context_person: bool = False  # a verb of saying or age in apposition suggests a person
    weak: bool = False  # a person guessed from the shape of the name alone


def _span_text(text: str, toks: list[_Tok]) -> str:
    return text[toks[0].start : toks[-1].end]


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    return gap.strip() == "" and "\n" not in gap and len(gap) <= 2


def _low(tok: _Tok) -> str:
    return tok.text.lower()


def _is_title_word(word: str) -> bool:
    return word.lower() in _TITLE_HEADS


# Document evidence that a name found only by elimination is an organisation: what follows it
# ("Uber said", "Uber’s chief executive", "Uber shares") or what precedes it ("at Uber", "joined Uber").
_ORG_VERBS_AFTER = _EN.words("org_verbs_after")
_ORG_NOUNS_AFTER = _EN.words("org_nouns_after")
_PERSONAL_PRONOUNS = _EN.words("personal_pronouns")
# Nouns right after a name (or its "'s") that only a company has, and the offices "chief" heads there.
_COMPANY_NOUNS_AFTER = _words(
    "shares stock CEO CFO COO executives employees headquarters shareholders stockholders profit revenue earnings"
)
_CHIEF_OFFICES = _words("executive financial operating technology marketing commercial")
# Prepositions that put what follows on a map ("in", "into", "across", "at" and "from" also take
# companies and software: "in Photoshop", "across Instagram").
_PLACE_PREPS = _words("near outside toward towards")
_STAKE_WORDS = _words(
    """
    stake stakes invest invested investing investment investments interest interests shares share
    role roles job jobs career work worked works working position positions listed stock
    """
)
# Participles before "by" that only a person is the agent of ("written by Jane Doe").
_AUTHORED = _words(
    """
    written co-written directed co-directed composed painted narrated illustrated sung performed
    portrayed played voiced coached photographed authored penned choreographed
    """
)
# Heads of an appositive that make the name before it a company or a body ("Corvane, the battery startup,").
_COMPANY_NOUNS = _words(
    """
    company companies firm startup start-up maker manufacturer automaker carmaker chipmaker drugmaker
    retailer chain brand lender bank insurer carrier airline operator provider supplier distributor
    conglomerate giant subsidiary unit affiliate outlet newspaper broadcaster network website marketplace
    nonprofit non-profit charity organization organisation group agency
    """
)
# Words around a city's name that make it the city's team (sports copy).
_TEAM_AFTER = _EN.words("team_after")
_SPORTS = _EN.words("sports")
# Lowercase words of sports copy: three of them make a document one where a city can be its team.
_SPORTS_COPY = _EN.words("sports_copy")
_TEAM_BEFORE = _EN.words("team_before")
_TEAM_NOUNS = _EN.words("team_nouns")  # nouns right after a name that only a team has ("Chelsea manager")
_PLURAL_VERBS = _EN.words("plural_verbs")
_ORG_PREPS_BEFORE = _EN.words("org_prepositions_before")


# Nouns that name what a person is or does, beyond the office titles above ("investor", "teacher").
_ROLE_NOUNS = _EN.words("role_nouns")
# Playing positions written as abbreviations before a name in sports copy ("LB Mack Wilson"), and the
# two-word positions whose head alone names no role ("defensive end Myles Garrett").
_POSITION_ABBREVIATIONS = _EN.words("position_abbreviations")
_POSITION_PAIRS = frozenset(tuple(pair.split()) for pair in _EN.ordered("position_pairs"))

# Participles of being made something: "was named the new coach", "was elected mayor".
_MADE_VERBS = _EN.words("made_verbs")
_ROLE_PREPS = _EN.words("role_prepositions")
# Degrees and credentials written between commas after a name: ", Ph.D.,", ", MD,", ", RN,".
_DEGREE_NAMES = r"(?:Ph\.?\s?D\.?|M\.D\.|MD|MSc|MSCE|MHS|MPH|MPhil|DPhil|MBA|RN|Esq\.|CPA|DDS|DVM|FRCP|FACP|FRS|OBE|MBE|CBE)"
_DEGREE = re.compile(rf"\s*{_DEGREE_NAMES}(?:\s*,\s*{_DEGREE_NAMES})*(?=\s*,)")
_AS_VERBS = _EN.words("as_verbs")
_REPORT_VERBS = _EN.words("report_verbs")
_HIRING_VERBS = _EN.words("hiring_verbs")
_NEW_WORDS = _EN.words("new_words")
# Verbs of holding an office, after "X, who": the office they name ("who heads the agency" -> "head").
_OFFICE_VERBS = {
    "heads": "head",
    "headed": "head",
    "chairs": "chair",
    "chaired": "chair",
    "leads": "leader",
    "directs": "director",
    "manages": "manager",
    "owns": "owner",
    "founded": "founder",
    "co-founded": "co-founder",
    "cofounded": "co-founder",
    "coaches": "coach",
    "coached": "coach",
    "edits": "editor",
    "directed": "director",
    "produced": "producer",
    "teaches": "teacher",
    "taught": "teacher",
}
# What the office's object opens with (or a capitalised name): a determiner or a possessive ("heads the
# agency", "owns his family's farm"); "leads 52-48" or "leads in the polls" is no office.
_OFFICE_OBJECT_STARTS = _words("the a an his her its their")
# What may follow a name when a role comes after it: an appositive or a copula.
_AFTER_NAME_ROLE_STARTS = _EN.words("after_name_role_starts")
# A role given on a later mention: "The senator said", "the late neurologist wrote" name the person
# named last before them; the modifiers such a mention may carry and the verbs that may follow it.
_LATER_MENTION_MODIFIERS = _EN.words("later_mention_modifiers")
_LATER_MENTION_VERBS = _EN.words("later_mention_verbs")
_SUBJECT_PRONOUNS = _words("He She he she")  # personal pronouns that open a clause about the person
_ROLE_PARTICLES = _EN.words("role_particles")  # "sworn in as", "takes over as"
_BE_FORMS = _words("be been being is was were will would has have had take takes took")
# Participles of making a work before "by" and the maker they name: "directed by Jane Doe" -> director.
_BY_ROLES = {verb: str(role) for verb, role in _EN.table("by_roles").items()}
# What joins a role noun to the name it exemplifies: "a superstar like Jane Doe", "economists such as".
_EXAMPLE_CONNECTORS = tuple(tuple(c.split()) for c in _EN.ordered("example_connectors"))


def _is_position(word: str) -> bool:
    """A playing position's abbreviation ("LB"; the one-letter "S", "K", "P" only opening a roster line)."""
    return word in _POSITION_ABBREVIATIONS or word in ("S", "K", "P")


# Lowercase words with a role-like ending that name no person.
_NOT_ROLE_NOUNS = _EN.words("not_role_nouns")
_ROLE_HYPHEN_SUFFIXES = _EN.words("role_hyphen_suffixes")  # "mayor-elect", "minister-designate"
_IDENTIFIED_VERBS = _EN.words("identified_verbs")  # "the victim was identified as Jane Doe"
_KNOWN_ROLES = _TITLE_HEADS | _ROLE_NOUNS
_LATER_MODIFIERS = _LATER_MENTION_MODIFIERS | _TITLE_MODIFIERS
_ROLE_SUFFIXES = _EN.ordered("role_suffixes")


def _is_plural_role(word: str) -> bool:
    """A role noun in the plural ("coaches", "founders"), which names one person only in a list."""
    w = word.lower()
    known = _TITLE_HEADS | _ROLE_NOUNS
    return w not in known and w.endswith("s") and (w[:-1] in known or (w.endswith("es") and w[:-2] in known))


def _is_role_noun(word: str) -> bool:
    """Does a lowercase word name a person by what they are or do ("teacher", "investor", "deportee")?"""
    w = word.lower()
    if w in _TITLE_HEADS or w in _ROLE_NOUNS:
        return True
    if w in _NOT_ROLE_NOUNS or len(w) < 5 or (not w.isalpha() and "-" not in w):
        return False
    if "-" in w and w.rsplit("-", 1)[-1] in _TITLE_HEADS | _ROLE_NOUNS:
        return True  # "vice-premier", "co-host", "ex-minister"
    if "-" in w and w.split("-", 1)[1] in _ROLE_HYPHEN_SUFFIXES and w.split("-", 1)[0] in _KNOWN_ROLES:
        return True  # "mayor-elect", "minister-designate"
    if w.endswith("es") and (w[:-2] in _TITLE_HEADS or w[:-2] in _ROLE_NOUNS):
        return True  # "coaches", "actresses", "bosses"
    if w.endswith("s") and not w.endswith(("ss", "ess")):
        w = w[:-1]  # "songwriters", "founders"
        if w in _TITLE_HEADS or w in _ROLE_NOUNS:
            return True
    if w.endswith(("ier", "ller")) and w not in ("cashier", "soldier", "seller", "traveller", "bestseller"):
        return False
    return w.endswith(_ROLE_SUFFIXES) and w not in _NOT_ROLE_NOUNS


def _is_name_token(tok: _Tok) -> bool:
    """Could this capitalised token be part of a personal name?"""
    w = tok.text
    if tok.kind == "acr" and len(w) == 4 and w not in _ACRONYM_PLACES and gz.lookup_place(w) is None:
        return True  # two initials: "T.J. Carrie", "J.R. Smith"
    if tok.kind not in ("word", "abbr") or (tok.is_allcaps and len(w) > 1 and tok.kind != "abbr"):
        return tok.kind == "word" and tok.is_allcaps and len(w) <= 1
    if tok.kind == "abbr":
        return w in ("Jr.", "Sr.", "St.") or (len(w) == 2 and w[0].isupper())
    if w in ("Jr", "Sr"):
        return True  # a generational suffix written without its dot: "Martin Luther King Jr"
    if (
        w in _HONORIFICS
        or w in _ORG_HEADS
        or w in _PLACE_HEADS
        or _is_title_word(w)
        or w.lower() in _TITLE_MODIFIERS
        or w in _MONTHS
        or w in _DAYS
        or w in _FUNCTION_WORDS
        or w in _NOT_NAMES
        or w in _PORTFOLIO_WORDS
        or gz.is_demonym(w)
    ):
        return False
    return w[0].isupper() and any(map(str.islower, w))


def _leads_a_listed_name(tok: _Tok) -> bool:
    """Is the token a demonym or a lowercase title word that may open a list's item before its name?"""
    if tok.is_cap:
        return gz.is_demonym(tok.text)
    low = tok.text
    return tok.kind == "word" and (low in _TITLE_MODIFIERS or _is_role_noun(low)) and low not in _LOWER_STOPS


class _Extractor:
    def __init__(self, document: Document) -> None:
        # Bylines and credits are not entities of the article: blank them out, keeping offsets.
        text = document.text
        credits = [match.span() for match in _CREDITS.finditer(text)]
        for start, end in credits:
            text = text[:start] + " " * (end - start) + text[end:]
        self.text = text
        self.toks = _tokenize(self.text, document, credits)
        self.mentions: list[_Mention] = []
        self.acronyms: dict[str, tuple[str, str]] = {}  # ACR -> (kind, long name)
        self.single_midsentence: set[str] = set()
        words = [tok for tok in self.toks if tok.kind == "word"]
        capitalised = [tok for tok in words if tok.is_cap]
        self.cap_midsentence: set[str] = {tok.text for tok in capitalised if not tok.sent_start}
        self.cap_counts: dict[str, int] = Counter(tok.text for tok in capitalised)
        self.lower_words: set[str] = {tok.text for tok in words if not tok.is_cap and tok.text.islower()}
        self.tok_at_start: dict[int, int] = {}  # token index by start offset, built on first use
        # "ICUs", "CBs": an acronym with a plural is a common noun ("ICU" too), not a body's name.
        self.plural_acronyms: set[str] = {
            tok.text[:-1] for tok in capitalised if _PLURAL_ACRONYM.fullmatch(tok.text)
        }
        self.products: set[str] = set()  # keys of product names seen after their maker ("Sentra")
        # Token indexes of the names a game's score follows, right after or past one verb ("beat Denver
        # 24-17", "Arsenal drew 1-1").
        toks = self.toks
        self.scored: set[int] = {
            p
            for p in range(len(toks) - 3)
            if toks[p].is_cap
            and (
                self._score_at(p + 1)
                or (toks[p + 1].kind == "word" and toks[p + 1].text.islower() and self._score_at(p + 2))
            )
        }

    def _score_at(self, q: int) -> bool:
        """Is there a game's score at token ``q`` ("24-17", "3-1" or with an en dash): two small numbers joined by a dash?"""
        toks = self.toks
        if q + 2 >= len(toks) or toks[q].kind != "num" or toks[q + 2].kind != "num":
            return False
        if (
            toks[q + 1].text not in ("-", "–")
            or toks[q].end != toks[q + 1].start
            or toks[q + 1].end != toks[q + 2].start
        ):
            return False
        return len(toks[q].text) <= 3 and len(toks[q + 2].text) <= 3

    def toks_between(self, start: int, end: int) -> list[_Tok]:
        """The tokens of the text range [start, end) that starts at a token."""
        p = self._index_of(start)
        if p is None:
            return []
        q = p
        while q < len(self.toks) and self.toks[q].start < end:
            q += 1
        return self.toks[p:q]

    def _index_of(self, start: int) -> int | None:
        index = self.tok_at_start
        if not index:
            index.update((tok.start, p) for p, tok in enumerate(self.toks))
        return index.get(start)

    def _span_tokens(self, start: int, length: int) -> tuple[int, int] | None:
        """The index of the span's first token and of the first token after it, or None."""
        p = self._index_of(start)
        if p is None:
            return None
        toks, end = self.toks, start + length
        q = p + 1
        while q < len(toks) and toks[q].start < end:
            q += 1
        return p, q

    def locative_country(self, start: int) -> str | None:
        """The country of a known region that places the one-word name at ``start``: "from X in Inner
        Mongolia", "near X, Punjab", "Punjab's X". None when no such region frames it."""
        p = self._index_of(start)
        toks = self.toks
        if p is None:
            return None

        def region_at(q: int, sizes: tuple[int, ...] = (3, 2, 1)) -> str | None:
            for size in sizes:
                words = toks[q : q + size]
                if q >= 0 and len(words) == size and all(t.is_cap for t in words):
                    info = gz.lookup_place(_span_text(self.text, words))
                    if info is not None and info.kind in ("country", "region") and not info.common_word:
                        return info.country
            return None

        if (
            p >= 1
            and toks[p - 1].text in _LOCATIVE_PREPS
            and p + 2 < len(toks)
            and toks[p + 1].text in ("in", ",")
        ):
            country = region_at(p + 2)
            if country is not None:
                return country
        if p >= 2 and toks[p - 1].kind == "poss":  # the region ends right before the "'s"
            for size in (1, 2, 3):
                country = region_at(p - 1 - size, (size,))
                if country is not None:
                    return country
        return None

    def product_noun_follows(self, start: int) -> bool:
        """Is the name at ``start`` followed by a noun for a product or a work ("Juke crossover",
        "Titanfall series", "Shakeology shake")?"""
        p = self._index_of(start)
        if p is None:
            return False
        toks = self.toks
        q = p
        while q < len(toks) and (toks[q].is_cap or toks[q].kind in ("acr", "num")) and q - p < 8:
            q += 1
        return q < len(toks) and toks[q].text in _PRODUCT_NOUNS

    def quoted(self, start: int, length: int) -> bool:
        """Is the text at [start, start + length) the whole of a quotation (“Wild Rose,”)?"""
        before = self.text[max(0, start - 2) : start].rstrip()
        after = self.text[start + length : start + length + 3].lstrip().lstrip(",.")
        return before[-1:] in ("“", '"', "‘") and after[:1] in ("”", '"', "’")

    def pronoun_follows(self, start: int) -> bool:
        """Is the name at ``start`` taken up by "he"/"she" (or "his", "her", "him") before any other
        capitalised name, within the next sentence? Things are "it"; people are "he" and "she"."""
        p = self._index_of(start)
        if p is None:
            return False
        toks = self.toks
        q = p
        while q < len(toks) and (toks[q].is_cap or toks[q].kind == "acr"):
            q += 1
        ends = 0
        for tok in toks[q : q + 30]:
            low = tok.text.lower()
            if low in _PERSONAL_PRONOUNS:
                return True
            if low in ("it", "its", "they", "their", "them"):
                return False
            if tok.is_cap and not tok.sent_start:
                return False  # another name comes first: the pronoun may be theirs
            if tok.text in _SENTENCE_END:
                ends += 1
                if ends == 2:
                    return False
        return False

    def team_evidence(self, start: int, size: int) -> bool:
        """Is the place named at ``start`` (``size`` tokens) a team: "Chelsea have paid", "the Pittsburgh
        quarterback", "against Pittsburgh", "Barcelona soccer player"?"""
        p = self._index_of(start)
        if p is None:
            return False
        toks = self.toks
        q = p + size
        if q < len(toks) and toks[q].kind == "poss":
            q += 1
        after = [t.text.lower() for t in toks[q : q + 2]]
        if after[:1] and (
            after[0] in _TEAM_AFTER or (after[0] in _SPORTS and after[1:2] and after[1] in _TEAM_AFTER)
        ):
            return True
        if q == p + size and self.plural_verb_follows(start):
            return True
        if q - 1 in self.scored:
            return True  # "Denver 24-17": a score after the name is a team's
        return p > 0 and toks[p - 1].text.lower() in _TEAM_BEFORE

    def team_noun_follows(self, start: int) -> bool:
        """Does a noun only a team has follow the one-word name at ``start`` ("Chelsea manager", "Jordan
        fans")? Not after a possessive: "Jenkins's coach" is a player's."""
        p = self._index_of(start)
        toks = self.toks
        return p is not None and p + 1 < len(toks) and toks[p + 1].text in _TEAM_NOUNS

    def plural_verb_follows(self, start: int) -> bool:
        """Does a plural verb follow the one-word name at ``start`` mid-sentence ("Chelsea have paid",
        "Chelsea hope to")? Only a body of people takes one after a singular name (British usage)."""
        p = self._index_of(start)
        toks = self.toks
        if p is None or p + 1 >= len(toks) or toks[p].sent_start or toks[p].text.endswith("s"):
            return False
        return toks[p + 1].text in _PLURAL_VERBS

    def org_evidence(self, start: int) -> bool:
        """Does the text around the mention starting at ``start`` act like an organisation's name?"""
        index = self.tok_at_start
        if not index:
            index.update((tok.start, p) for p, tok in enumerate(self.toks))
        p = index.get(start)
        if p is None:
            return False
        toks = self.toks
        q = p
        while q < len(toks) and (toks[q].is_cap or toks[q].kind == "acr") and q - p < 8:
            q += 1
        if q < len(toks) and toks[q].kind == "poss":
            q += 1
        if q < len(toks) and (toks[q].text in _ORG_VERBS_AFTER or toks[q].text in _ORG_NOUNS_AFTER):
            return True
        b = p - 1
        if b >= 0 and toks[b].text in ("the", "The"):
            b -= 1
        return b >= 0 and toks[b].text in _ORG_PREPS_BEFORE

    def company_evidence(self, start: int, length: int) -> bool:
        """Is the name at ``start`` (``length`` characters) one a company's by how the sentence treats it: its
        chief executive or shares ("Corvane's chief executive", "Corvane shares"), "shares of" it, an
        appositive that names a kind of company ("Corvane, the Berlin-based battery startup,"), or "its"
        taking it up ("Corvane said its profit rose")? Stronger than ``org_evidence``: people say things
        too, but have no shares, no chief executive and are not a "startup"."""
        span = self._span_tokens(start, length)
        if span is None:
            return False
        p, q = span
        toks = self.toks
        name_end = q
        if q < len(toks) and toks[q].kind == "poss":
            q += 1
        after = [t.text for t in toks[q : q + 2]]
        if after[:1] and (
            after[0] in _COMPANY_NOUNS_AFTER
            or (after[0] == "chief" and after[1:2] and after[1] in _CHIEF_OFFICES)
        ):
            return True
        if p >= 2 and toks[p - 1].text == "of" and toks[p - 2].text.lower() in ("shares", "stock"):
            return True
        return self._company_appositive(name_end) or self._its_follows(name_end)

    def after_locative(self, start: int) -> bool:
        """Does a preposition of place come right before the name at ``start`` ("near Malibu", "in the
        Carolinas"), and no word that makes "in" a stake or a job ("invested in Corvane")?"""
        p = self._index_of(start)
        if p is None or p < 1:
            return False
        toks = self.toks
        b = p - 1
        if toks[b].text == "the" and b >= 1:
            b -= 1
        if toks[b].text not in _PLACE_PREPS or (p + 1 < len(toks) and toks[p + 1].kind == "poss"):
            return False  # "in FromSoftware's work": an owner, not where
        return not (b >= 1 and toks[b - 1].text.lower() in _STAKE_WORDS)

    def list_neighbours(self, start: int, length: int) -> set[int]:
        """Token starts of the other capitalised names coordinated with the name at ``start`` in one list
        ("Chime, Varo, SoFi and GoBank"; "between GE and Ascom"): names in a list are of one kind."""
        span = self._span_tokens(start, length)
        if span is None:
            return set()
        p, q = span
        toks = self.toks
        found: set[int] = set()
        # rightwards: ", B", "and B", ", and B", "or B"; then on along the list
        # A bare comma links two names only inside a list, when the name after it goes on with ",",
        # "and" or "or" ("Dallas, Plano and Frisco"; not "in Cleveland, Browns defensive end").
        name_end = q
        listish = (",", "and", "or")
        while q + 1 < len(toks) and len(found) < 12 and toks[q].text in listish:
            bare = toks[q].text == "," and toks[q + 1].text not in ("and", "or")
            q += 1 if bare or toks[q].text != "," else 2
            lead = q  # "and rival Corvane", "and Chinese lender Corvina Bank": past the role
            while lead < len(toks) and lead - q < 4 and _leads_a_listed_name(toks[lead]):
                lead += 1
            if lead < len(toks) and toks[lead].is_cap and lead > q:
                q = lead
            if q >= len(toks) or not toks[q].is_cap or toks[q].sent_start:
                break
            run: list[int] = []
            while q < len(toks) and toks[q].is_cap and len(run) < 6:
                run.append(toks[q].start)
                q += 1
            if q < len(toks) and toks[q].kind == "poss":
                break  # "Stadia, Google's streaming service": an appositive, no list
            if bare and not (q < len(toks) and toks[q].text in listish):
                break
            found.update(run)
        # leftwards: "A, " / "A and ", back along the list
        b = p - 1
        goes_on = name_end < len(toks) and toks[name_end].text in listish
        while b >= 1 and len(found) < 24 and toks[b].text in listish:
            if toks[b].text == "," and not goes_on and toks[b - 1].text not in ("and", "or"):
                break
            b -= 2 if toks[b].text in ("and", "or") and toks[b - 1].text == "," else 1
            if b < 0 or not toks[b].is_cap:
                break
            while b >= 0 and toks[b].is_cap and len(found) < 24:
                found.add(toks[b].start)
                if toks[b].sent_start:
                    return found
                b -= 1
        return found

    def person_evidence(self, start: int, length: int, org_starts: set[int]) -> bool:
        """Does the sentence treat the name-shaped span at ``start`` as a person: the owner of an
        organisation ("Elon Musk's SpaceX"), someone "of" a town ("Jane Doe of Raleigh"), the author or
        player of something ("written by Jane Doe", "played by Jane Doe")?"""
        span = self._span_tokens(start, length)
        if span is None:
            return False
        p, q = span
        toks = self.toks
        if q + 1 < len(toks) and toks[q].kind == "poss" and toks[q + 1].start in org_starts:
            return True
        if q + 1 < len(toks) and toks[q].text == "of" and toks[q + 1].is_cap:
            info = gz.lookup_place(toks[q + 1].text)
            after = toks[q + 2] if q + 2 < len(toks) else None
            if (
                info is not None
                and not info.common_word
                and info.kind in ("city", "capital", "region")
                and (after is None or not after.is_cap or after.text == ",")
            ):
                return True
        return p >= 2 and toks[p - 1].text == "by" and toks[p - 2].text in _AUTHORED

    def person_cue_follows(self, start: int, length: int) -> bool:
        """Do the words right after the name-shaped span at ``start`` fit a person only: ", who", a verb
        of a life ("died", "pleaded", "thinks"), a passive one ("was arrested", "was born"), or a photo
        caption's position ("(left)")?"""
        span = self._span_tokens(start, length)
        if span is None:
            return False
        _, q = span
        toks = self.toks
        after = [t.text for t in toks[q : q + 3]]
        if after[:2] == [",", "who"]:
            return True
        if after[:1] and after[0] in _PERSON_VERBS_AFTER:
            return True
        if len(after) >= 2 and after[0] in ("was", "is", "were") and after[1] in _PERSON_PARTICIPLES:
            return True
        return len(after) >= 3 and after[0] == "(" and after[1] in _CAPTION_POSITIONS and after[2] == ")"

    def _company_appositive(self, q: int) -> bool:
        """ ", the Berlin-based battery startup,", ", a unit of Acme,": an appositive headed by a company noun."""
        toks = self.toks
        if q + 1 >= len(toks) or toks[q].text != ",":
            return False
        for r in range(q + 1, min(len(toks), q + 8)):
            t = toks[r]
            if t.kind in ("punct", "poss") or (
                r > q + 1 and t.text in _LOWER_STOPS and t.text not in ("the", "a", "an")
            ):
                return False  # "Stadia, Google's streaming service,": a thing of the owner's
            low = t.text.lower()
            if t.text.islower() and low in _COMPANY_NOUNS:
                nxt = toks[r + 1] if r + 1 < len(toks) else None
                return nxt is None or (nxt.kind != "poss" and not _is_role_noun(nxt.text))
            if t.text.islower() and _is_role_noun(low) and low not in _TITLE_MODIFIERS:
                return False  # "Jane Doe, a bank executive,": a person's role
        return False

    def _its_follows(self, q: int) -> bool:
        """ "Corvane said its", "Corvane said on Tuesday its": "its" takes the name up."""
        toks = self.toks
        if q < len(toks) and toks[q].text in ("said", "says", "announced", "reported"):
            q += 1
            if q + 1 < len(toks) and toks[q].text == "on" and toks[q + 1].text in _DAYS:
                q += 2
            if q < len(toks) and toks[q].text == "that":
                q += 1
            return q < len(toks) and toks[q].text == "its"
        return False

    def known_org(self, i: int, j: int) -> bool:
        """Is the span [i, j) a well-known organisation's name, not a common word opening a sentence
        ("Fed up with ...")?"""
        toks = self.toks
        if not gz.is_known_org(_span_text(self.text, toks[i:j])):
            return False
        return not (j - i == 1 and toks[i].sent_start and toks[i].text.lower() in self.lower_words)

    # ---- chunking ------------------------------------------------------------------------
    def _run_end(self, i: int) -> int:
        """Index after the maximal run of adjacent capitalised tokens starting at i."""
        toks, j = self.toks, i + 1
        while j < len(toks) and toks[j].is_cap and _adjacent(self.text, toks[j - 1], toks[j]):
            if toks[j].sent_start and toks[j].text in _FUNCTION_WORDS:
                break
            j += 1
        return j

    def _after_titles(self, i: int, j: int) -> int:
        """Index after the last title or organisation word of the run [i, j) (i when it has none)."""
        start = i
        for k in range(i, j):
            word = self.toks[k].text
            if _is_title_word(word) or word in _ORG_HEADS or word in _TITLE_MODIFIERS:
                start = k + 1
        return start

    def chunks(self) -> Iterable[tuple[int, int]]:
        toks, n = self.toks, len(self.toks)
        capitalised = [k for k, tok in enumerate(toks) if tok.is_cap]  # chunks start only there
        p = 0
        while p < len(capitalised):
            i = capitalised[p]
            j = self._run_end(i)
            # "People's Liberation Army", "Children's Hospital": one-word owner inside an organisation name.
            # "St Mary's Hospital", "St. Jude's Children's Research Hospital": a saint's name, the same.
            while (
                j + 1 < n
                and toks[j].kind == "poss"
                and toks[j + 1].is_cap
                and (
                    (j == i + 1 and toks[i].text in _POSSESSIVE_OWNERS)
                    or (j == i + 2 and toks[i].text in _SAINT_WORDS)
                    or (j > i + 1 and toks[j - 1].text in _POSSESSIVE_OWNERS)
                )
            ):
                r_end = self._run_end(j + 1)
                last_run = j + 1
                while (
                    r_end + 1 < n
                    and toks[r_end].kind == "poss"
                    and toks[r_end - 1].text in _POSSESSIVE_OWNERS
                ):
                    last_run = r_end + 1
                    r_end = self._run_end(r_end + 1)  # "Children's" again inside the name
                if not any(  # "King's College London": the head may come before a place's name
                    t.text in _ORG_HEADS and t.text not in _COMPANY_SUFFIXES for t in toks[last_run:r_end]
                ):
                    break
                j = r_end
            # "U.S. Attorney's Office", "Sheriff's Department": an office named by its holder's title.
            if (
                j + 1 < n
                and toks[j].kind == "poss"
                and toks[j - 1].text in _OFFICE_HOLDERS
                and toks[j + 1].text in ("Office", "Department")
            ):
                j = self._run_end(j + 1)
            while j < n:
                k = j
                conn = toks[k]
                if not _adjacent(self.text, toks[k - 1], conn):
                    break
                if (
                    conn.text == ","
                    and k + 1 < n
                    and toks[k + 1].text in _COMMA_SUFFIXES
                    and _adjacent(self.text, conn, toks[k + 1])
                ):
                    j = k + 2  # "CollectiveBias, Inc.", "Zeta Holdings, Ltd.": the suffix is the name's
                    break
                if conn.text == "&" or (conn.text == "+" and k + 1 < n):
                    nxt = k + 1
                elif conn.text in _CONNECT_PARTICLES:
                    nxt = k + 1
                    while nxt < n and toks[nxt].text in _CONNECT_PARTICLES:
                        nxt += 1
                    # A long run is a name with a particle only after its titles ("European Commission
                    # President Ursula von der Leyen", "Brazilian President Luiz Inácio Lula da Silva").
                    if j - self._after_titles(i, j) > 3:
                        break
                elif conn.text in ("of", "for", "on") and toks[j - 1].text in _OF_HEADS:
                    nxt = k + 1
                    if nxt < n and toks[nxt].text == "the":
                        nxt += 1
                elif conn.text == "and":
                    nxt = k + 1
                elif (
                    conn.text == ","
                    and k + 3 < n
                    and any(toks[q].text in ("of", "for") for q in range(i + 1, j))
                    and toks[k + 1].is_cap
                    and toks[k + 2].text == "and"
                    and toks[k + 3].is_cap
                    and self._run_end(k + 1) == k + 2
                    and gz.lookup_place(toks[k + 1].text) is None
                    and not gz.is_first_name(toks[k + 1].text)
                    and _adjacent(self.text, toks[k], toks[k + 1])
                ):
                    j = self._run_end(k + 3)  # "Ministry of Trade, Industry and Energy"
                    break
                else:
                    break
                if nxt >= n or not toks[nxt].is_cap or not _adjacent(self.text, toks[nxt - 1], toks[nxt]):
                    break
                if toks[nxt].text in _DAYS or toks[nxt].text in _MONTHS:
                    break
                r_end = self._run_end(nxt)
                if conn.text == "and":
                    heads = [t.text for t in toks[nxt:r_end]]
                    last_head = max(
                        (q for q, h in enumerate(heads) if h in _AND_HEADS or h in _PORTFOLIO_WORDS),
                        default=-1,
                    )
                    tail = heads[last_head + 1 :]
                    if not (
                        last_head >= 0
                        and (not tail or gz.is_first_name(tail[0]))
                        and heads[last_head] not in _COMPANY_SUFFIXES
                        and toks[j - 1].text not in _COMPANY_SUFFIXES
                        and j - i <= 6
                        and gz.lookup_place(toks[j - 1].text) is None
                        and not (j - i >= 2 and gz.is_first_name(toks[j - 2].text))
                        and not _is_title_word(toks[nxt].text)
                        and not (  # "United Nations and European Union": two names
                            j - i >= 2
                            and toks[j - 1].text in _ORG_HEADS
                            and r_end - nxt >= 2
                            and (gz.is_demonym(toks[nxt].text) or gz.lookup_place(toks[nxt].text) is not None)
                        )
                    ):
                        break
                j = r_end
            yield i, j
            p = bisect_left(capitalised, j, p + 1)

    # ---- extraction ----------------------------------------------------------------------
    def run(self) -> None:
        start_index = self._dateline()
        headlines = self._headline_spans()
        headline_starts = [a for a, _ in headlines]  # in text order: a bisection finds the line
        for i, j in self.chunks():
            if j <= start_index:
                continue
            at = self.toks[i].start
            line = bisect_right(headline_starts, at) - 1
            if line >= 0 and at < headlines[line][1]:
                # Title Case lines (headlines, link lists) capitalise every word: known places only.
                self._places_in(max(i, start_index), j)
            elif not self._lone_function_word(max(i, start_index), j):
                self._chunk(max(i, start_index), j)
        self.later_mention_roles()

    def _lone_function_word(self, i: int, j: int) -> bool:
        """A chunk that is one function word capitalised by position ("The", "But", "He"): ``_chunk``
        would drop it after its other checks, none of which keeps anything; deciding it here spares
        ``_chunk`` a fifth of its calls."""
        if j - i != 1:
            return False
        tok = self.toks[i]
        return (tok.sent_start or tok.text in ("A", "An")) and tok.text in _FUNCTION_WORDS

    def _places_in(self, i: int, j: int) -> None:
        """Gazetteer places inside a span, longest first ("Fort Worth" before "Worth")."""
        toks = self.toks
        p = i
        while p < j:
            for size in (3, 2, 1):
                if p + size <= j:
                    words = toks[p : p + size]
                    info = gz.lookup_place(_span_text(self.text, words))
                    if (
                        info is not None
                        and not info.common_word
                        and info.country is not None
                        and (size > 1 or words[0].text not in _DIRECTIONS)
                    ):
                        self.mentions.append(
                            _Mention(
                                "place",
                                _span_text(self.text, words),
                                words[0].start,
                                words[-1].end,
                                country=info.country,
                            )
                        )
                        p += size
                        break
                    if self.known_org(p, p + size) and not (size == 1 and gz.is_common_word(words[0].text)):
                        # a well-known organisation is as unambiguous as a place ("Dell Alienware Deal")
                        self.mentions.append(
                            _Mention("org", _span_text(self.text, words), words[0].start, words[-1].end)
                        )
                        p += size
                        break
            else:
                p += 1

    def _headline_spans(self) -> list[tuple[int, int]]:
        """Character ranges of lines where nearly every word is capitalised and no sentence ends."""
        spans = []
        offset = 0
        for line in self.text.split("\n"):
            if line.rstrip().endswith((".", "?", "!", "\u201d", '"')):  # most paragraphs: decided cheaply
                offset += len(line) + 1
                continue
            words = [w for w in line.split() if w[:1].isalpha() and w not in _SMALL_WORDS]
            if len(words) >= 4 and "(@" not in line:  # "— Jane Doe (@janedoe) May 1, 2019" signs a post
                caps = sum(1 for w in words if w[0].isupper())
                if caps >= 0.8 * len(words):
                    spans.append((offset, offset + len(line)))
            offset += len(line) + 1
        return spans

    def _dateline(self) -> int:
        index = self._dateline_mentions()
        if index < len(self.toks):
            self.toks[index].sent_start = True
        return index

    def _dateline_mentions(self) -> int:
        m = _DATELINE.match(self.text)
        if not m or not (m.group("place") or m.group("agency")):
            return 0
        if not m.group("place"):  # "(Reuters) — ..."
            self.mentions.append(
                _Mention("org", m.group("agency").strip(), m.start("agency"), m.end("agency"))
            )
            return next((k for k, t in enumerate(self.toks) if t.start >= m.end()), len(self.toks))
        place = m.group("place").strip()
        info = gz.lookup_place(place)
        if info is None and not (place.isupper() and len(place) > 2):
            return 0
        if info is None and gz.is_common_word(place.lower()):
            return 0  # "WATCH:", "PHOTO —", "UPDATE:": a kicker in capitals, no unknown town's name
        if m.group("country") and (cinfo := gz.lookup_place(m.group("country"))) is not None:
            self.mentions.append(
                _Mention(
                    "place",
                    m.group("country").strip(),
                    m.start("country"),
                    m.end("country"),
                    country=cinfo.country,
                )
            )
        region = m.group("region")
        country = info.country if info else None
        if region:
            whole = gz.lookup_place(f"{place}, {region.strip()}")
            if whole is not None:
                place = f"{place}, {region.strip()}"
                country = whole.country
            else:
                rinfo = gz.lookup_place(region)
                if rinfo is not None:
                    country = country or rinfo.country
                    self.mentions.append(
                        _Mention(
                            "place", region.strip(), m.start("region"), m.end("region"), country=rinfo.country
                        )
                    )
        self.mentions.append(
            _Mention("place", place, m.start("place"), m.start("place") + len(place), country=country)
        )
        agency = m.group("agency")
        if agency and agency.strip()[:1].isupper() and not re.fullmatch(r"[A-Z]\)?", agency.strip()):
            self.mentions.append(_Mention("org", agency.strip(), m.start("agency"), m.end("agency")))
        return next((k for k, t in enumerate(self.toks) if t.start >= m.end()), len(self.toks))

    def _chunk(self, i: int, j: int) -> None:
        toks = self.toks
        # "Hurricane Milton", "Tropical Storm Helene": a storm's given name names no person and no town.
        storm = next((p for p in range(i, j - 1) if toks[p].text in _STORM_WORDS), None)
        if storm is not None and j - storm <= 3 and all(_is_name_token(t) for t in toks[storm + 1 : j]):
            if storm > i:
                self._chunk(i, storm)  # what comes before stays ("Florida Hurricane ..." is rare)
            return
        # "GOP-dominated Legislature", "New York-listed": the adjective and what precedes it are no name.
        for p in range(j - 1, i - 1, -1):
            if (
                toks[p].kind == "word"
                and _HYPHEN_LOWER.search(toks[p].text)
                and not (p > i and _hyphenated_given_name(toks[p].text))
            ):
                self._place_before_suffix(toks[p])
                i = p + 1
                break
        if i >= j:
            return
        if (
            j - i == 1
            and _is_position(toks[i].text)
            and (toks[i].sent_start or toks[i].gap_newline or i == 0)
            and j < len(toks)
            and _is_name_token(toks[j])
        ):
            return  # "CB" opening a roster line "CB Denzel Ward 74 100%": the player's role, no name
        if j - i == 1 and self._party_state(toks[i]):
            return
        if toks[i].text in _BROADCASTERS and (station := self._station_end(i, j)) is not None:
            # "NBC 5", "CBS DFW": a network's local station
            self.mentions.append(_Mention("org", self.text[toks[i].start : station], toks[i].start, station))
            return
        if toks[j - 1].text in _PARTY_PLURALS:
            # "Democrats", "Virginia Democrats", "House Republicans": the party (and what leads it)
            last = toks[j - 1]
            self.mentions.append(_Mention("org", last.text, last.start, last.end))
            if j - 1 > i:
                self._chunk(i, j - 1)
            return
        if (
            j - i == 1
            and toks[i].text in ("DC", "AC")
            and j < len(toks)
            and toks[j].text.split("-")[0] in _ELECTRIC_NOUNS
        ):
            return  # "DC fast charging": direct current, not the District of Columbia
        # Web handles and addresses, tickers (".DJI", "XAU="), contractions ("I'm").
        while i < j:
            t, before = toks[i], self.text[toks[i].start - 1 : toks[i].start] if toks[i].start else ""
            after = self.text[toks[j - 1].end : toks[j - 1].end + 1]
            if (
                before in ("@", "/", ".", "<", "#", "_", "=")
                or after in ("=", "_", "/", "@")
                or "_" in t.text
            ):
                return
            if _DOT_DIGIT.match(self.text, toks[j - 1].end):
                return  # "ID.3", model numbers
            if (
                _CONTRACTION.search(t.text)
                or t.text in _CURRENCY_CODES
                or (t.text in _GENERIC_ACRONYMS and not _is_title_word(t.text))
                or t.text in ("And", "But", "Or", "So")
            ):
                i += 1
            else:
                break
        while j > i and toks[j - 1].text in ("I", "A"):
            j -= 1
        if i >= j:
            return
        last_word = toks[j - 1].text
        if last_word.endswith(("ism", "isms")) or last_word in ("Nazi", "Nazis", "Fascist", "Fascists"):
            return
        if last_word in _MARKET_INDICES and all(t.text in ("The", "the") for t in toks[i : j - 1]):
            return  # "Sensex", "Nikkei": a share index, not the exchange's company
        if j - i > 1 and last_word in ("Average", "Composite", "Index", "Indices"):
            return  # market indices: "Dow Jones Industrial Average", "Nasdaq Composite"
        if gz.is_demonym(last_word) and all(t.text in _DIRECTIONS for t in toks[i : j - 1]):
            return  # "North American"
        if (
            j - i == 1
            and last_word == "House"
            and i > 0
            and toks[i - 1].text == "the"
            and not (j < len(toks) and toks[j].text == "of")
            and any(self.cap_counts.get(w, 0) for w in ("Senate", "Congress", "Representatives", "Speaker"))
        ):
            # "the House" in an article about Congress: the chamber
            self.mentions.append(_Mention("org", "House", toks[i].start, toks[i].end))
            return
        if (
            j - i == 1
            and not self.known_org(i, j)
            and (
                last_word in _ORG_HEADS
                or last_word in _OF_HEADS
                or last_word in _CELESTIAL
                or last_word in _PORTFOLIO_WORDS
            )
        ):
            return  # "the Fund", "the Council" alone, "Jupiter"
        # Tickers, codes and model numbers ("CLc1", "US10YT", "A350"), headline capitals ("FRANCE WINS").
        coded = next(
            (p for p in range(i, j) if toks[p].kind == "word" and any(map(str.isdigit, toks[p].text))),
            None,
        )
        if coded is not None:
            if coded - i < 2:
                if coded > i and self.known_org(i, coded):  # "LG 65UM7300": the maker of a model
                    self.mentions.append(_Mention("org", toks[i].text, toks[i].start, toks[i].end))
                return
            j = coded  # "London Metal Exchange CMAL3": keep the name before the code
        if (
            j - i > 1
            and all(t.is_allcaps for t in toks[i:j])
            and (gz.lookup_place(_span_text(self.text, toks[i:j])) is None)
        ):
            for p in range(i, j):  # "NVIDIA G-SYNC", "US EPA": the well-known bodies among the capitals
                if self.known_org(p, p + 1):
                    self.mentions.append(_Mention("org", toks[p].text, toks[p].start, toks[p].end))
                info = gz.lookup_place(toks[p].text)
                if info is not None and info.kind == "country":
                    self.mentions.append(
                        _Mention("place", toks[p].text, toks[p].start, toks[p].end, country=info.country)
                    )
            return
        # Leading words capitalised only by position, and dates.
        while i < j:
            t = toks[i]
            if t.text == "The" and j - i > 1 and toks[j - 1].text in _NEWSPAPER_HEADS:
                break  # "The New York Times", "The Hill" keep their article
            if (
                ((t.sent_start or t.text in ("A", "An")) and t.text in _FUNCTION_WORDS)
                or (
                    t.sent_start
                    and j - i > 1
                    and len(t.text) > 1  # "S Sheldrick Redwine": a one-letter position code, not a word
                    and (t.text.lower() in self.lower_words or t.text.endswith(("ing", "ly")))
                    and not gz.is_first_name(t.text)
                    and gz.lookup_place(t.text) is None
                )
                or t.text in _DAYS
                or (t.text in _MONTHS and (j - i == 1 or (i + 1 < len(toks) and toks[i + 1].kind == "num")))
                or (t.text in _HONORIFICS and j - i == 1)
            ):
                i += 1
            else:
                break
        while i < j and toks[i].text in ("and", "of", "for", "on", "the", "&", "+"):
            i += 1
        while j > i and (
            toks[j - 1].text in _DAYS
            or (toks[j - 1].text in _MONTHS and j - i > 1 and not gz.is_first_name(toks[j - 2].text))
        ):
            j -= 1
        if i >= j:
            return
        if (
            j < len(toks)
            and toks[j].text == "party"
            and _adjacent(self.text, toks[j - 1], toks[j])
            and not any(
                gz.lookup_place(t.text) or (_is_name_token(t) and gz.is_first_name(t.text)) for t in toks[i:j]
            )
        ):
            # "the Communist party", "the Democratic Progressive party": a party in lower-case house style
            self.mentions.append(
                _Mention("org", self.text[toks[i].start : toks[j].end], toks[i].start, toks[j].end)
            )
            return
        span = toks[i:j]
        if all(
            t.text in _NOT_NAMES or t.text in _CONNECT_PARTICLES or t.text in _FUNCTION_WORDS for t in span
        ):
            return
        # "Remember New Jersey", "Enter South Dakota": an imperative before a place (not a given name before a
        # town's name: "Owen Kettering said").
        if (
            j - i >= 2
            and toks[i].sent_start
            and gz.lookup_place(toks[i].text) is None
            and not (gz.is_first_name(toks[i].text) and j - i == 2 and toks[i + 1].text not in _DIRECTIONS)
            and (gz.lookup_place(_span_text(self.text, toks[i + 1 : j])) is not None)
        ):
            i += 1
            span = toks[i:j]
        if self._place_split(i, j):
            return
        # "Republican Phil Bryant": a party adjective before a name; "American Kevin King" a demonym;
        # "Welcome Jose Mourinho", "Employee Steve Castro": a sentence's first word that is no name.
        lead_role: str | None = None
        if (
            j - i >= 3
            and gz.is_first_name(toks[i + 1].text)
            and _is_name_token(toks[i + 1])
            and (
                toks[i].text in _NOT_NAMES
                or gz.is_demonym(toks[i].text)
                or (
                    toks[i].sent_start
                    and toks[i].kind == "word"
                    and not gz.is_first_name(toks[i].text)
                    and not gz.is_surname(toks[i].text)
                    and gz.lookup_place(toks[i].text) is None
                    and toks[i].text not in _HONORIFICS
                    and not _is_title_word(toks[i].text)
                    and all(_is_name_token(t) for t in toks[i + 1 : j])
                )
            )
        ):
            if toks[i].sent_start and _is_role_noun(toks[i].text):
                lead_role = toks[i].text
            i += 1
            span = toks[i:j]
        if any(
            t.kind == "poss" and p + 1 < j and toks[p + 1].text in ("Office", "Department")
            for p, t in enumerate(toks[i:j], start=i)
        ):
            self.mentions.append(
                _Mention("org", _span_text(self.text, toks[i:j]), toks[i].start, toks[j - 1].end)
            )
            return
        # "Long Name (ACR)"
        acr = self._acronym_after(j)
        # A person's name at the end of a chunk that carries a title or an organisation.
        split = self._person_split(i, j)
        if split is not None:
            name_start, role = split
            if name_start > i and not (name_start == i + 1 and _is_position(toks[i].text)):
                self._prefix_entities(i, name_start)  # (a playing position before a name names nothing)
            self._add_person(name_start, j, role)
            return
        lead = i
        while lead < j and (toks[lead].text.lower() in _TITLE_MODIFIERS or gz.is_demonym(toks[lead].text)):
            lead += 1
        # A title word before nothing but organisation heads names the body: "Premier League", "General
        # Assembly" (a title before a name or a portfolio is split off: "Premier Li Qiang").
        heads_only = lead + 1 < j and all(t.text in _ORG_HEADS for t in toks[lead + 1 : j])
        if (
            lead < j
            and _is_title_word(toks[lead].text)
            and toks[lead].text not in _ORG_HEADS
            and not heads_only
        ):
            self._prefix_entities(i, j)
            return
        if j - i == 1 and j < len(toks) and toks[j].text == "$" and toks[j].start == toks[i].end:
            return  # "US$48.6 million"
        if self._maker_and_product(i, j):
            return
        kind, country = self._classify(i, j)
        if kind is None:
            return
        weak_org = kind == "weak_org"  # an organisation only by elimination: the document must confirm it
        if weak_org:
            kind = "org"
        if acr is not None and kind in ("org", "place") and " " not in acr:
            i = self._trim_to_acronym(i, j, acr)
            span = toks[i:j]
        text = _span_text(self.text, span)
        if kind == "place" and country is None:
            info = gz.lookup_place(text)
            country = info.country if info else None
        mention = _Mention(
            kind, text, span[0].start, span[-1].end, country=country, sent_start=span[0].sent_start
        )
        if kind in ("maybe_person", "person"):
            mention.kind = "person"
            mention.role = self._roles(i, j, lead_role)
            mention.weak = kind == "maybe_person" and not self._person_context(i, j) and mention.role is None
        if weak_org and acr is None:
            mention.weak = True
        if kind == "single":
            mention.context_person = self._person_context(i, j)
            if (j < len(toks) and toks[j].text in _AFTER_NAME_ROLE_STARTS) or (
                i > 0 and toks[i - 1].kind in ("word", "acr") and _is_role_noun(toks[i - 1].text)
            ):
                mention.role = self._roles(i, j, None)  # kept if the word turns out to name a person
            if not span[0].sent_start:
                ex_single = self.single_midsentence
                ex_single.add(text)
        self.mentions.append(mention)
        if acr is not None and (kind in ("org", "place") or (kind == "single" and " " not in acr)):
            if kind == "single":
                mention.kind = "org"
            self.acronyms[acr] = (mention.kind, text)

    def _station_end(self, i: int, j: int) -> int | None:
        """End offset of a station's name after its network at ``i``: a channel number or a call code."""
        toks = self.toks
        if (
            j - i == 1
            and j < len(toks)
            and toks[j].kind == "num"
            and len(toks[j].text) <= 2
            and _adjacent(self.text, toks[i], toks[j])
        ):
            return toks[j].end
        if j - i == 2 and toks[i + 1].is_allcaps and len(toks[i + 1].text) <= 4:
            return toks[i + 1].end
        return None

    def _place_before_suffix(self, tok: _Tok) -> None:
        """ "Amritsar-based agent", "Texas-born": the place before a locative suffix is a place."""
        head, _, suffix = tok.text.rpartition("-")
        if " " in head or "-" in head or not head:
            return
        if gz.is_known_org(head) and not suffix[:1].isupper():
            # "NASA-inspired seats", "Google-owned YouTube": the organisation before the adjective
            self.mentions.append(_Mention("org", head, tok.start, tok.start + len(head)))
            return
        if suffix not in _LOCATIVE_SUFFIXES:
            return
        info = gz.lookup_place(head)
        if info is not None and info.country is not None and not info.common_word:
            self.mentions.append(
                _Mention("place", head, tok.start, tok.start + len(head), country=info.country)
            )

    def _party_state(self, tok: _Tok) -> bool:
        """ "Rep. Ilhan Omar (D-Minn.)": the party letter and the state's abbreviation; the state is a place."""
        party, _, abbreviation = tok.text.partition("-")
        state = _US_STATE_ABBREVIATIONS.get(abbreviation)
        if party not in ("D", "R", "I") or state is None:
            return False
        info = gz.lookup_place(state)
        start = tok.start + len(party) + 1
        country = info.country if info is not None else "US"
        self.mentions.append(_Mention("place", state, start, tok.end, country=country))
        return True

    def _hyphen_parts(self, tok: _Tok, parts: list[str]) -> None:
        """The places and known organisations joined by hyphens in one word ("US-China", "Kazakhstan-EU")."""
        offset = tok.start
        for part in parts:
            start = self.text.find(part, offset)
            offset = start + len(part)
            info = gz.lookup_place(part)
            if info is not None and info.kind == "country" and info.country is not None:
                self.mentions.append(_Mention("place", part, start, offset, country=info.country))
            elif gz.is_known_org(part):
                self.mentions.append(_Mention("org", part, start, offset))

    def _maker_and_product(self, i: int, j: int) -> bool:
        """A well-known company then what it makes: "Nissan Sentra", "Apple MacBook Pro", "Google
        Stadia" name the company and a product, not a third organisation (nor a person)."""
        toks = self.toks
        if j - i < 2 or toks[j - 1].text in _ORG_HEADS or toks[j - 1].text in _PLACE_HEADS:
            return False
        if self.known_org(i, j):
            return False
        for size in (2, 1):
            if i + size < j and self.known_org(i, i + size):
                words = toks[i : i + size]
                self.mentions.append(
                    _Mention("org", _span_text(self.text, words), words[0].start, words[-1].end)
                )
                self.products.add(gz.norm_key(_span_text(self.text, toks[i + size : j])))
                return True
        return False

    def _place_split(self, i: int, j: int) -> bool:
        """A place then a name, an acronym or a common noun: "to Britain Liu Xiaming", "Kentucky GOP"."""
        toks = self.toks
        if j - i < 2 or j - i > 4:
            return False
        info = gz.lookup_place(toks[i].text)
        if (
            toks[i].text in _DIRECTIONS
            or info is None
            or info.kind not in ("country", "region", "capital")
            or (toks[i].is_allcaps and (toks[i].text not in _ACRONYM_PLACES))
        ):
            return False
        if gz.lookup_place(_span_text(self.text, toks[i:j])) is not None:
            return False
        rest = toks[i + 1 : j]
        words = [t.text for t in rest]
        if any(
            w in _ORG_HEADS
            or w in _OF_HEADS
            or w in _PLACE_HEADS
            or w in _DIRECTIONS
            or w in _CONNECT_PARTICLES
            for w in words
        ):
            return False
        if gz.is_known_org(_span_text(self.text, rest)) and not gz.is_demonym(toks[i].text):
            # "Kenya Red Cross": the place, then the well-known body (never a person)
            self.mentions.append(
                _Mention("place", toks[i].text, toks[i].start, toks[i].end, country=info.country)
            )
            self.mentions.append(_Mention("org", _span_text(self.text, rest), rest[0].start, rest[-1].end))
            return True
        is_name = (
            len(rest) >= 2
            and all(_is_name_token(t) for t in rest)
            and (gz.is_first_name(words[0]) or gz.is_surname(words[-1]))
        )
        is_acronym = len(rest) == 1 and rest[0].is_allcaps and gz.lookup_place(words[0]) is None
        is_thing = (
            all(w.lower() in self.lower_words or w in _NOT_NAMES for w in words)
            or (
                len(rest) == 1
                and not rest[0].is_allcaps
                and not gz.is_first_name(words[0])
                and not gz.is_surname(words[0])
                and not self.cap_elsewhere(words[0])
            )
        ) and not gz.is_first_name(toks[i].text)
        if not (is_name or is_acronym or is_thing):
            return False
        self.mentions.append(
            _Mention("place", toks[i].text, toks[i].start, toks[i].end, country=info.country)
        )
        if is_name:
            self._add_person(i + 1, j, None)
        elif is_acronym:
            self.mentions.append(_Mention("org", words[0], rest[0].start, rest[0].end))
        return True

    def cap_elsewhere(self, word: str) -> bool:
        return self.cap_counts.get(word, 0) > 1

    def _trim_to_acronym(self, i: int, j: int, acr: str) -> int:
        """ "Kazakhstan-EU Enhanced Partnership and Cooperation Agreement (EPCA)": start where EPCA starts."""
        letters = [c for c in acr if c.isalpha()]
        sig = [p for p in range(i, j) if self.toks[p].text not in ("and", "of", "for", "the", "on", "&")]
        if len(sig) > len(letters) >= 2:
            tail = sig[len(sig) - len(letters) :]
            if all(self.toks[p].text[0].upper() == c.upper() for p, c in zip(tail, letters, strict=True)):
                return tail[0]
        return i

    def _acronym_after(self, j: int) -> str | None:
        toks = self.toks
        if j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")":
            cand = toks[j + 1]
            if cand.kind in ("word", "acr") and cand.is_allcaps and 2 <= len(cand.text) <= 10:
                return cand.text
        # Another name in brackets: "WeWork (The We Company)".
        if j + 2 < len(toks) and toks[j].text == "(":
            end = j + 1
            while (
                end < len(toks)
                and end - j <= 6
                and (toks[end].is_cap or toks[end].text in ("of", "and", "&"))
            ):
                end += 1
            if end < len(toks) and toks[end].text == ")" and end > j + 2 and toks[j + 1].is_cap:
                return _span_text(self.text, toks[j + 1 : end])
        return None

    def _person_context(self, i: int, j: int) -> bool:
        """Verbs of saying next to the name, or an age in apposition: "Smith said", ", 45,"."""
        toks = self.toks
        after = [t.text for t in toks[j : j + 3]]
        before = [t.text for t in toks[max(0, i - 2) : i]]
        if after[:1] and after[0] in ("said", "says", "told", "added", "wrote", "stressed", "noted"):
            return True
        if len(after) >= 3 and after[0] == "," and after[1].isdigit() and after[2] == ",":
            return True
        if j < len(toks) and toks[j].kind == "poss" and after[1:2] and after[1] in _PERSON_POSSESSIONS:
            return True  # "Biden's aides", "Ellison's wife": only a person has them
        if before and (before[-1] in _TITLE_HEADS or before[-1] in ("star", "player", "actor", "singer")):
            return True
        return bool(before and before[-1] in ("said", "says") and (i < 2 or before[0] != "the"))

    def _state_abbreviation_after(self, j: int) -> bool:
        """Is the name ending at ``j`` followed by ", " and a US state's abbreviation with its full stop
        ("Ore.", "Calif.", "S.C.", "N.Y.")?"""
        toks = self.toks
        if j + 1 >= len(toks) or toks[j].text != ",":
            return False
        abbr = toks[j + 1]
        if abbr.kind == "acr":
            return abbr.text.replace(".", "") in _US_STATE_ABBREVIATIONS and len(abbr.text) == 4
        return (
            abbr.kind in ("word", "abbr")
            and abbr.text.rstrip(".") in _US_STATE_ABBREVIATIONS
            and not abbr.text.isupper()
            and (abbr.text.endswith(".") or (j + 2 < len(toks) and toks[j + 2].text == "."))
            and _adjacent(self.text, toks[j], abbr)
        )

    def _after_age(self, i: int) -> bool:
        """Does the span at ``i`` follow a person's age in apposition ("Jamie Miller, 46, Decatur," or
        "..., 46, of Decatur")? Crime and court reports give where the person lives there."""
        toks = self.toks
        p = i - 1
        if p >= 0 and toks[p].text == "of":
            p -= 1
        if p < 3 or toks[p].text != "," or toks[p - 2].text != ",":
            return False
        age, name = toks[p - 1], toks[p - 3]
        return age.kind == "num" and age.text.isdigit() and len(age.text) <= 3 and name.is_cap

    def _person_split(self, i: int, j: int) -> tuple[int, str | None] | None:
        """Where a personal name starts inside [i, j) and the role before it, or None."""
        toks = self.toks
        span = toks[i:j]
        n = j - i
        # Trailing name tokens ("Elizabeth II": a regnal number closes the name).
        k = j - 1 if j - 1 > i and toks[j - 1].text in _REGNAL_NUMBERS else j
        while (k > i and _is_name_token(toks[k - 1])) or (
            k > i + 1 and toks[k - 1].text in _CONNECT_PARTICLES and k < j
        ):
            k -= 1
        if k == j - 1 and toks[k].text in _REGNAL_NUMBERS:
            k = j  # the numeral alone is no name
        if k < j and k > i and all(t.text.rstrip(".") in ("Jr", "Sr", "II", "III", "IV") for t in toks[k:j]):
            # "Martin Luther King Jr": a generational suffix closes a name whose surname is a title word
            k -= 1
            while k > i and _is_name_token(toks[k - 1]):
                k -= 1
        if k == j and j - i >= 2 and gz.is_surname(toks[j - 1].text) and gz.is_first_name(toks[j - 2].text):
            k = j - 2  # a surname that is also a head word: "Helen Park", "Tom Bay"
            while k > i and _is_name_token(toks[k - 1]):
                k -= 1
        if (
            j - k == 3
            and k >= i
            and toks[k].kind == "word"
            and len(toks[k].text) == 1
            and toks[k].text not in "AI"
        ):
            k += 1  # "S Sheldrick Redwine": a one-letter position before the name, no initial
        name_len = j - k
        if name_len == 0:
            return None
        prefix = toks[i:k]
        has_title = any(_is_title_word(t.text) or t.text in _HONORIFICS for t in prefix)
        if name_len > 4 or (name_len > 2 and has_title):
            # Choose the leftmost first name in the tail as the start; else the last two tokens.
            starts = [p for p in range(k, j - 1) if gz.is_first_name(toks[p].text)]
            # Three unknown name words right after a title are one name ("Director-General Tedros Adhanom
            # Ghebreyesus"); otherwise the last two.
            whole = not starts and name_len == 3 and k > i and _is_title_word(toks[k - 1].text)
            k = starts[0] if starts else k if whole else j - 2
            prefix = toks[i:k]
            name_len = j - k
        if not prefix:
            return None
        last_prefix = prefix[-1].text
        # "CB Denzel Ward 74 100% ..." opening a line of a sports roster: the position is a title
        position = (
            len(prefix) == 1
            and name_len >= 2
            and _is_position(last_prefix)
            and (prefix[0].sent_start or prefix[0].gap_newline or i == 0)
        )
        # "LB Sione Takitaki", "DL Devaroe Lawrence": a short code (a position, a party, a team) before
        # two name-shaped words that name no place; the name's words need not be in the names list.
        coded_name = (
            len(prefix) == 1
            and prefix[0].kind == "word"
            and last_prefix.isupper()
            and len(last_prefix) <= 3
            and name_len == 2
            and all(t.kind == "acr" or (t.kind == "word" and not t.is_allcaps) for t in toks[k:j])
            and not any(gz.lookup_place(t.text) or t.text.lower() in self.lower_words for t in toks[k:j])
        )
        if (
            has_title
            or coded_name
            or position
            or last_prefix in _HONORIFICS
            or (
                (last_prefix in _ORG_HEADS or last_prefix in _PORTFOLIO_WORDS or prefix[-1].is_allcaps)
                and name_len >= 2
                and (gz.is_first_name(toks[k].text))
            )
        ):
            pass
        else:
            return None
        if name_len == 1 and toks[k].kind != "word":
            return None
        role = toks[i].text if position else self._role_text(i, k)
        del span, n
        return k, role

    def _role_text(self, i: int, k: int) -> str | None:
        """The role words before a name: drop honorifics, leading demonyms and possessive countries."""
        toks = self.toks
        start = i
        # Extend back across "X's" when the chunk before it holds a title ("Deputy Director of the Commission's").
        while start < k and (toks[start].text in _HONORIFICS or gz.is_demonym(toks[start].text)):
            start += 1
        # A leading place is where the office is, not part of its name: "South Dakota Gov." -> "Gov.".
        for stop in range(min(k, start + 3), start, -1):
            words = toks[start:stop]
            info = gz.lookup_place(_span_text(self.text, words))
            if info is not None and info.kind in ("country", "region") and not words[0].is_allcaps:
                start = stop
                break
        end = k
        while end > start and toks[end - 1].text in _HONORIFICS:
            end -= 1
        if start >= end:
            return None
        if start == i and i >= 2 and toks[i - 1].kind == "poss":
            # find the beginning of the capitalised run before the possessive
            p = i - 2
            q = p
            while (
                q > 0
                and (toks[q - 1].is_cap or toks[q - 1].text in ("of", "the", "for"))
                and (_adjacent(self.text, toks[q - 1], toks[q]))
            ):
                q -= 1
            while q <= p and not toks[q].is_cap:
                q += 1
            before = toks[q : p + 1]
            if any(_is_title_word(t.text) for t in before):
                while q <= p and (gz.is_demonym(toks[q].text) or toks[q].text in _HONORIFICS):
                    q += 1
                start = q
        words = toks[start:end]
        if not any(_is_title_word(t.text) or t.text.lower() in _TITLE_MODIFIERS for t in words):
            return None
        return self.text[words[0].start : words[-1].end]

    def _prefix_entities(self, i: int, k: int) -> None:
        """Organisations and places named inside a title: "EU Commissioner", "Director of the Commission"."""
        toks = self.toks
        seg: list[int] = []

        def flush() -> None:
            while seg and toks[seg[0]].text in ("of", "for", "on", "the", "and"):
                seg.pop(0)
            while seg and toks[seg[-1]].text in ("of", "for", "on", "the", "and"):
                seg.pop()
            if not seg:
                return
            a, b = seg[0], seg[-1] + 1
            words = toks[a:b]
            text = _span_text(self.text, words)
            seg.clear()
            if b - a == 1 and gz.is_demonym(text):
                return
            if self._place_split(a, b):
                return
            kind, country = self._classify(a, b)
            org_like = (
                words[-1].text in _ORG_HEADS
                or (b - a == 1 and words[0].is_allcaps)
                or (words[0].text in _OF_HEADS and b - a > 2)
            )
            if (kind == "org" and org_like) or (kind == "place" and gz.lookup_place(text) is not None):
                self.mentions.append(_Mention(kind, text, words[0].start, words[-1].end, country=country))

        after_title = False
        for p in range(i, k):
            t = toks[p]
            nxt = toks[p + 1].text if p + 1 < k else ""
            is_title = t.text[0].isupper() and (
                _is_title_word(t.text)
                or (
                    t.text.lower() in _TITLE_MODIFIERS
                    and (_is_title_word(nxt) or nxt.lower() in _TITLE_MODIFIERS)
                )
            )
            if is_title or t.kind == "poss" or (after_title and t.text in ("of", "for", "on", "the")):
                flush()
                after_title = is_title or (after_title and t.text in ("of", "for", "on", "the"))
            else:
                seg.append(p)
                after_title = False
        flush()

    def _classify(self, i: int, j: int) -> tuple[str | None, str | None]:
        toks = self.toks
        span = toks[i:j]
        text = _span_text(self.text, span)
        words = [t.text for t in span]
        first, last = words[0], words[-1]
        if len(span) == 1 and (len(first) < 2 or first in _NOT_NAMES):
            return None, None
        if self.known_org(i, j):
            # A well-known organisation ("Toyota", not the city; "Goldman Sachs", not a person); a
            # word that is also a personal name ("Ford") waits for the document (see _resolve).
            if len(span) == 1 and (gz.is_surname(first) or gz.is_first_name(first)):
                return "single", None
            return "org", None
        # Nationality adjectives are never entities on their own, nor are bare directions.
        if len(span) == 1 and (gz.is_demonym(first) or first in _DIRECTIONS):
            return None, None
        # Inhabitants: "South Dakotans", "New Yorkers", "Muscovites".
        for suffix, repl in (
            ("ns", ""),
            ("ers", ""),
            ("er", ""),
            ("ites", ""),
            ("ite", ""),
            ("ians", "ia"),
            ("ans", "a"),
            ("n", ""),
        ):
            if last.endswith(suffix) and gz.lookup_place(text[: len(text) - len(suffix)] + repl) is not None:
                return None, None
        info = gz.lookup_place(text)
        if (
            info is None
            and len(span) <= 3
            and last not in _ORG_HEADS
            and not gz.is_first_name(first)
            and self._after_age(i)
        ):
            return "place", None  # "Cameron Horve, 27, Macon, was arrested"
        if info is not None and len(span) > 1 and last in _ORG_HEADS and info.kind in ("city", "capital"):
            info = None  # "White House" is an institution before it is an exonym
        if info is not None and info.common_word and span[0].sent_start and first.lower() in self.lower_words:
            info = None  # "Reading the report, ..."
        if info is not None and not (
            len(span) == 1
            and span[0].is_allcaps
            and len(first) <= 3
            and first not in _ACRONYM_PLACES
            and info.kind != "country"
        ):
            nxt = toks[j].text if j < len(toks) else ""
            if not (nxt in _ORG_HEADS and j < len(toks) and _adjacent(self.text, toks[j - 1], toks[j])):
                return "place", info.country
        if first == "The" and len(span) > 1:
            inner_info = gz.lookup_place(_span_text(self.text, span[1:]))
            if inner_info is not None and last not in _ORG_HEADS:
                return "place", inner_info.country
        if (
            len(span) >= 2
            and last in _VENUE_HEADS
            and i >= 1
            and (
                toks[i - 1].text in _LOCATIVE_PREPS
                or (i >= 2 and toks[i - 1].text == "the" and toks[i - 2].text in _LOCATIVE_PREPS)
            )
        ):
            return "place", None  # "spoke at Carnegie Hall", "inside the Doge's Palace": a venue, where
        if (
            len(span) == 2
            and gz.is_first_name(first)
            and gz.is_surname(last)
            and _is_name_token(span[0])
            and gz.lookup_place(first) is None
        ):
            return "person", None  # "Helen Park", "Anna Street"
        if len(span) > 1 and last in _THING_HEADS and not (len(span) == 2 and gz.is_surname(last)):
            # "Premiere Edition", "MacBook Pro", "Hubble Space Telescope": a product; "Hubble" alone too
            self.products.add(gz.norm_key(" ".join(words[:-1])))
            self.products.add(gz.norm_key(first))
            return None, None
        if len(span) > 1 and last in ("Day", "Eve"):
            return None, None  # "Election Day", "New Year's Eve": a date, not a name
        if first in _PLACE_INITIALS and len(span) > 2 and words[1] in ("of", "for"):
            return "place", None  # "Gulf of Mexico", "Strait of Hormuz"
        if (
            last in _ORG_HEADS
            or (len(span) > 1 and first in _FOREIGN_ORG_HEADS)
            or (
                len(span) > 2
                and any(w in _OF_HEADS and nxt in ("of", "for", "on") for w, nxt in itertools.pairwise(words))
            )
        ):
            return "org", None
        if first in _PLACE_INITIALS and _is_team_name(words) and gz.is_common_word(last.lower()):
            return "weak_org", None  # "St. Louis Cardinals": a team, though its city opens with "St."
        if len(span) > 1 and (last in _PLACE_HEADS or first in _PLACE_INITIALS):
            inner_words = [w for w in words[:-1] if w not in _DIRECTIONS]
            inner = gz.lookup_place(" ".join(inner_words)) if inner_words else None
            if inner is not None and inner.common_word:
                inner = None
            return "place", inner.country if inner else None
        if j < len(toks) and toks[j].text in _PLACE_NOUNS and _adjacent(self.text, toks[j - 1], toks[j]):
            return "place", None
        if (
            len(span) >= 2
            and j < len(toks)
            and toks[j].text in ("police", "residents")
            and not any(t.is_allcaps for t in span)
            and _adjacent(self.text, toks[j - 1], toks[j])
        ):
            return "place", None  # "Forest Hill police", "Forest Hill residents": a locality
        if (
            i >= 3
            and toks[i - 1].text == "of"
            and toks[i - 2].text in _PLACE_LEAD_NOUNS
            and (toks[i - 3].text in ("the", "The"))
        ):
            return "place", None
        if len(span) == 1:
            tok = span[0]
            if _HYPHEN_LOWER.search(first):
                return None, None  # "EU-affiliated", "Kazakh-born"
            parts = _HYPHENS.split(first) if ("-" in first or "–" in first) else [first]
            if len(parts) > 1 and all(gz.lookup_place(x) or x.isupper() for x in parts):
                self._hyphen_parts(tok, parts)  # "US-China trade": the United States and China
                return None, None  # "Kazakhstan–EU" as an adjective is no entity itself
            if tok.is_allcaps and (
                first.lower() in self.lower_words
                or first in _GENERIC_ACRONYMS
                or (first.endswith("S") and first[:-1] in _GENERIC_ACRONYMS)
            ):
                return None, None  # shouting ("VOTE", "YES") or a generic acronym ("SUVs")
            if first in self.plural_acronyms or _PLURAL_ACRONYM.fullmatch(first):
                return None, None
            if tok.is_allcaps and len(first) <= 8:
                # An acronym nobody defines ("RGB", "HDR", "INT"): an organisation only when the
                # document treats it as one (see _resolve); well-known ones are known above.
                return "weak_org", None
            if "+" in first:
                return "org", None
            if (
                j + 2 < len(toks)
                and toks[j].text == ","
                and (rinfo := gz.lookup_place(toks[j + 1].text))
                and (
                    rinfo.kind == "region"
                    and not tok.sent_start
                    and not (
                        j + 2 < len(toks)
                        and toks[j + 2].is_cap
                        and _adjacent(self.text, toks[j + 1], toks[j + 2])
                    )
                )
            ):
                return "place", rinfo.country  # "Sarkh, Logar"
            if self._state_abbreviation_after(j):
                return "place", "US"  # "Bend, Ore.", "Columbia, S.C.": a town and its state, AP style
            return "single", None
        # Multi-token spans.
        if last in _GENERIC_ACRONYMS or (last.endswith("s") and last[:-1] in _GENERIC_ACRONYMS):
            return None, None  # "VW Atlas Cross Sport SUV", "Smart TV": a kind of thing, named
        place_parts = [gz.lookup_place(w) for w in words]
        if gz.is_demonym(first) and len(span) > 1:
            return "weak_org", None
        if (
            len(span) == 2
            and (region := place_parts[0]) is not None
            and region.kind == "region"
            and (town := place_parts[1]) is not None
            and town.kind == "city"
            and town.population < 100_000
            and gz.is_first_name(first)
            and all(_is_name_token(t) for t in span)
        ):
            return "person", None  # "Brent Sherwood", "Georgia Ashby": a given name, then a town's name
        if (
            len(span) == 2
            and (one := place_parts[0]) is not None
            and (two := place_parts[1]) is not None
            and one.kind == two.kind == "city"
            and gz.is_surname(last)
            and all(_is_name_token(t) for t in span)
        ):
            return "person", None  # "Lamont Jackson": two towns' names that name no place together
        if any(place_parts) and all(
            p is not None or w in _DIRECTIONS for p, w in zip(place_parts, words, strict=True)
        ):
            known = next(
                (
                    p
                    for p, w in zip(place_parts, words, strict=True)
                    if p is not None and w not in _DIRECTIONS
                ),
                next(p for p in place_parts if p is not None),
            )
            return "place", known.country
        if _is_team_name(words) and not gz.is_surname(last) and gz.is_common_word(last.lower()):
            # "Dallas Cowboys", "Buffalo Bills": a city and a plural nickname; an organisation when the
            # document confirms it ("Metro Exodus" is a game)
            return "weak_org", None
        looks_name = all(_is_name_token(t) or t.text in _CONNECT_PARTICLES for t in span) and (
            sum(1 for t in span if t.text not in _CONNECT_PARTICLES) <= 4
        )
        if (
            looks_name
            and len(span) == 2
            and place_parts[0] is None
            and (city := place_parts[1]) is not None
            and city.kind == "city"
            and gz.is_surname(last)
            and first.lower() not in self.lower_words
            and not gz.is_common_word(first.lower())
        ):
            return "person", None  # "Keyosha Jackson", "Royal Jackson": a surname that is also a town
        if (
            looks_name
            and (gz.is_first_name(first) or gz.is_surname(last))
            and not any(p is not None and not p.common_word for p in place_parts[1:])
        ):
            return "person", None  # ("George W. Bush": a place that is a common word is a word first)
        if (
            looks_name
            and span[0].kind == "acr"
            and len(first) == 4
            and len(span) >= 2
            and not any(place_parts[1:])
        ):
            return "person", None  # "J.K. Rowling", "T.J. Miller": two initials, then a name
        if (
            len(span) == 2
            and gz.is_first_name(first)
            and last in _REGNAL_NUMBERS
            and not (i > 0 and toks[i - 1].text in ("the", "The"))  # "the Apollo II mission"
        ):
            return "person", None  # "Elizabeth II", "Charles III": a given name and a regnal number
        if (
            looks_name
            and len(span) == 2
            and place_parts[0] is None
            and gz.is_first_name(first)
            and (city := place_parts[1]) is not None
            and (city.kind == "city" or city.common_word)
        ):
            return "person", None  # "Kate York", "Jack London": a given name, then a town as surname
        if looks_name and (
            self._person_context(i, j)
            or (len(span) >= 3 and any(w in _CONNECT_PARTICLES for w in words[1:-1]))
        ):
            return "person", None  # "Botic van de Zanschulp"
        if any(place_parts) or any(t.is_allcaps for t in span):
            return "weak_org", None
        if first == "The" and not span[0].sent_start:
            # "The Hill", "The Economist"; "The Mandalorian" (a series) must be confirmed as a body
            return (
                "org" if last in _NEWSPAPER_HEADS else "weak_org"
            ), None  # "The Hill", "The Economist": a capital "The" mid-sentence belongs to a name
        common = sum(1 for w in words if w.lower() in self.lower_words and w != "The")
        if common * 2 >= len(words):
            return None, None  # a title-cased phrase of ordinary words ("More Money, Less Testing")
        if looks_name and sum(1 for w in words if w not in _CONNECT_PARTICLES) <= 3:
            return "maybe_person", None  # a person only if the document confirms it (see _resolve)
        return "weak_org", None

    def _add_person(self, k: int, j: int, role: str | None) -> None:
        toks = self.toks
        text = _span_text(self.text, toks[k:j])
        m = _Mention("person", text, toks[k].start, toks[j - 1].end, role=self._roles(k, j, role))
        self.mentions.append(m)

    def _roles(self, k: int, j: int, role: str | None) -> str | None:
        """Roles of the name at [k, j): the title before it, an appositive after it, or a lowercase title."""
        roles = [role] if role else []
        after = self._appositive_role(j) or self._copular_role(j, k)
        bracketed = self._bracketed_role(j)
        if after:
            roles.append(after)
        before = (
            self._lowercase_role(k)
            or self._role_of_place_before(k)
            or self._by_role(k)
            or self._identified_role(k)
            or self._of_title_before(k)
        )
        if (
            before
            and _is_plural_role(before.split()[-1])
            and not (j < len(self.toks) and self.toks[j].text in (",", "and"))
        ):
            before = (
                None  # "coaches Jane Doe and John Roe" share a title; "the film stars Jane Doe" is a verb
            )
        if before and not roles:
            roles.append(before)
        example = None if roles else self._example_role(k)
        if example:
            roles.append(example)  # "economists such as Jane Doe": a plural role before a list is hers too
        if after and after.startswith(("both ", "all ")):
            self._share_with_previous_name(k, after)  # "Jane Doe and John Roe, both teachers at ...,"
        if bracketed:
            roles.append(bracketed)  # "diver Jane Doe (junior)": both
        if not roles:
            shared = self._coordinated_role(k)
            if shared:
                roles.append(shared)
        return "\n".join(roles) or None

    def _by_role(self, k: int) -> str | None:
        """ "the film, directed by Jane Doe," -> "director": a participle of making a work, "by", the name."""
        toks = self.toks
        if k < 2 or toks[k - 1].text != "by":
            return None
        return _BY_ROLES.get(toks[k - 2].text.lower())

    def _identified_role(self, k: int) -> str | None:
        """ "The victim was identified as Jane Doe", "police identified the driver as Jane Doe", "the
        suspect, identified as Jane Doe," -> the role noun the name identifies."""
        toks = self.toks
        if k < 3 or toks[k - 1].text != "as":
            return None
        verb_at = next(
            (q for q in range(k - 2, max(-1, k - 6), -1) if toks[q].text in _IDENTIFIED_VERBS), None
        )
        if verb_at is None:
            return None
        # the role noun after the verb ("identified the driver as") or before it ("the victim was identified")
        spans = [range(verb_at + 1, k - 1), range(verb_at - 1, max(-1, verb_at - 5), -1)]
        for span in spans:
            for q in span:
                t = toks[q]
                if t.kind != "word" or not t.text.islower():
                    if t.text == ",":
                        continue
                    break
                if (t.text in _TITLE_HEADS or t.text in _ROLE_NOUNS or _is_role_noun(t.text)) and q >= 1:
                    opener = next(
                        (r for r in range(q - 1, max(-1, q - 3), -1) if _low(toks[r]) in ("the", "a", "an")),
                        None,
                    )
                    if opener is not None:
                        return t.text
        return None

    def _of_title_before(self, k: int) -> str | None:
        """ "chief of staff Jane Doe", "White House chief of staff Jane Doe", "Head of Research Jane Doe":
        a title, "of" and one word of its field right before the name."""
        toks = self.toks
        if k < 3 or toks[k - 2].text != "of" or toks[k - 1].kind != "word":
            return None
        field, title = toks[k - 1], toks[k - 3]
        if title.kind != "word" or not (title.text.islower() or title.text.istitle()):
            return None
        if not (field.text.islower() or field.text.istitle()) or not _is_title_word(title.text):
            return None
        p = k - 3
        while p > 0 and toks[p - 1].text.islower() and toks[p - 1].text in _TITLE_MODIFIERS:
            p -= 1
        return self.text[toks[p].start : field.end]

    def _example_role(self, k: int) -> str | None:
        """ "a genre-bending superstar like Jane Doe", "economists such as Jane Doe" -> the role noun."""
        toks = self.toks
        for connector in _EXAMPLE_CONNECTORS:
            at = k - len(connector)
            if at < 1 or tuple(_low(t) for t in toks[at:k]) != connector:
                continue
            head = toks[at - 1]
            word = head.text
            opens = head.sent_start and word.istitle()  # "Researchers like Jane Doe say ..."
            if (
                head.kind == "word"
                and (word.islower() or opens)
                and (_is_role_noun(word) or _is_plural_role(word))
            ):
                return word
        return None

    def later_mention_roles(self) -> None:
        """ "Jane Doe saved a penalty. The goalkeeper said ..." -> Doe is the goalkeeper: a definite role
        noun (with at most three modifiers) before a verb of saying or being names the person named last
        before it, in the same or a recent sentence."""
        toks = self.toks
        people = sorted((m for m in self.mentions if m.kind in ("person", "single")), key=lambda m: m.end)
        if not people:
            return
        ends = [m.end for m in people]
        openers = _SUBJECT_PRONOUNS | {"the", "The"}
        for i in [i for i, t in enumerate(toks) if t.text in openers]:
            tok = toks[i]
            if tok.text in _SUBJECT_PRONOUNS and (
                tok.sent_start or (i > 0 and toks[i - 1].text in (",", ";"))
            ):
                # "Jane Doe ... She is a nurse at the clinic." / "He was named coach in May."
                last = bisect_right(ends, tok.start) - 1
                if last >= 0 and tok.start - ends[last] <= 400:
                    role = self._copular_role(i + 1, i)
                    owner = people[last]
                    if role and not (owner.role and role.split()[-1].lower() not in owner.role.lower()):
                        owner.role = f"{owner.role}\n{role}" if owner.role else role
                continue
            if tok.text not in ("the", "The"):
                continue
            p = i + 1
            while p < len(toks) and p - i <= 3 and _low(toks[p]) in _LATER_MODIFIERS:
                p += 1
            if p + 1 >= len(toks):
                continue
            head, verb = toks[p], toks[p + 1]
            known = _KNOWN_ROLES
            if (
                head.kind != "word"
                or not head.text.islower()
                or not (
                    head.text in known
                    or ("-" in head.text and head.text.rsplit("-", 1)[-1] in known)
                    or (head.text.endswith(("ist", "ian")) and _is_role_noun(head.text))
                )
                or head.text in _NOT_ROLE_NOUNS
                or verb.text not in _LATER_MENTION_VERBS
            ):
                continue
            last = bisect_right(ends, tok.start) - 1
            if last < 0 or tok.start - ends[last] > 400:
                continue
            owner = people[last]
            role = self.text[toks[i + 1].start : head.end]
            if owner.role and head.text not in owner.role.lower():
                continue  # "coach Jane Doe ... the quarterback said": someone else
            owner.role = f"{owner.role}\n{role}" if owner.role else role

    def _share_with_previous_name(self, k: int, role: str) -> None:
        """Give ``role`` to the person named right before "and" and the name at ``k`` as well."""
        toks = self.toks
        if k < 2 or toks[k - 1].text != "and" or not self.mentions:
            return
        prev = self.mentions[-1]
        if prev.kind in ("person", "single") and prev.end == toks[k - 2].end:
            prev.role = f"{prev.role}\n{role}" if prev.role else role

    def _coordinated_role(self, k: int) -> str | None:
        """ "co-writers Caitlyn Smith and Kate York": the second name shares the first one's title."""
        toks = self.toks
        if k < 2 or toks[k - 1].text != "and" or not self.mentions:
            return None
        prev = self.mentions[-1]
        if prev.kind != "person" or prev.end != toks[k - 2].end or not prev.role:
            return None
        first = next((p for p in range(k - 2, -1, -1) if toks[p].start == prev.start), None)
        if first is None:
            return None
        before = self._lowercase_role(first)
        return before if before and before in prev.role.split("\n") else None

    def _role_of_place_before(self, k: int) -> str | None:
        """ "ambassador to Britain Liu Xiaming" -> "ambassador to Britain": a lowercase title, "to"/"of"/
        "for" and a place or organisation of up to three capitalised words, right before the name."""
        toks = self.toks
        end = k - 1 if k >= 1 and toks[k - 1].text == "," else k  # "the senator from Ohio, Sherrod Brown"
        p = end
        while p > 0 and end - p < 3 and toks[p - 1].kind == "word" and toks[p - 1].text[:1].isupper():
            p -= 1
        if p == end or p < 2 or toks[p - 1].text not in ("to", "of", "for", "from"):
            return None
        if gz.lookup_place(_span_text(self.text, toks[p:end])) is None:
            return None
        role = self._lowercase_role(p - 1)
        if role is None and _is_role_noun(toks[p - 2].text) and toks[p - 2].text.islower():
            role = toks[p - 2].text
        if role is None or self.text[toks[p - 2].start : toks[p - 2].end] != role.split()[-1]:
            return None
        return self.text[self.text.rfind(role, 0, toks[p - 2].end) : toks[end - 1].end]

    def _copular_role(self, j: int, k: int = 0) -> str | None:
        """ "Jane Doe is the chief executive of Acme", "Jane Doe, who is a nurse at the clinic," ->
        the title up to its head noun ("chief executive", "nurse"), when it follows the name directly."""
        toks = self.toks
        p = self._after_aside(j)
        if (
            p + 2 < len(toks)
            and toks[p].text == ","
            and toks[p + 1].kind == "num"
            and toks[p + 2].text == ","
        ):
            p += 2  # "Jane Doe, 45, who works as a nurse,"
            if p + 1 < len(toks) and toks[p + 1].text not in ("who", "of"):
                p += 1  # "Jane Doe, 45, is a sprinter"
        if p + 1 < len(toks) and toks[p].text == ",":
            home = self._past_hometown(p + 1)
            if home > p + 1:
                p = home - 1  # "Jane Doe, 45, of Dayton, Ohio, who works as a nurse,"
        relative = p + 1 < len(toks) and toks[p].text == "," and toks[p + 1].text == "who"
        bare_relative = not relative and p + 1 < len(toks) and toks[p].text == "who"  # "said Jane Doe who is"
        if relative or bare_relative:
            p += 1 if bare_relative else 2
            relative = True
            perfect = (
                p + 2 < len(toks) and toks[p].text in ("has", "had") and toks[p + 1].text in _OFFICE_VERBS
            )
            office = (
                _OFFICE_VERBS.get(toks[p + int(perfect)].text) if p + 1 + int(perfect) < len(toks) else None
            )
            p += int(perfect) if office else 0  # "who has headed the agency since 2019"
            if office and (toks[p + 1].text in _OFFICE_OBJECT_STARTS or toks[p + 1].text[:1].isupper()):
                return office  # "Jane Doe, who heads the agency's research unit," is its head
            if (
                toks[p].text in ("plays", "played")
                and p + 1 < len(toks)
                and toks[p + 1].text.islower()
                and toks[p + 1].text in _ROLE_NOUNS | _TEAM_AFTER
            ):
                return toks[p + 1].text  # "Jane Doe, who played quarterback for the Falcons,"
        if (
            p + 1 < len(toks)
            and toks[p].text in ("has", "have", "had", "will", "would")
            and (toks[p + 1].text in ("been", "be", "become", "served", "worked", "taken"))
        ):
            p += 1  # "has been the coach", "will become the new coach", "has served as president"
        if p >= len(toks):
            return None
        verb = toks[p].text
        if verb in ("is", "was", "became", "becomes", "become", "remains", "remained", "been", "be"):
            p += 1
            if p < len(toks) and verb in ("is", "was", "been", "be") and toks[p].text in _MADE_VERBS:
                p += 1  # "was named the new coach", "was elected mayor"
                if p + 1 < len(toks) and toks[p].text in _ROLE_PARTICLES and toks[p + 1].text == "as":
                    p += 1  # "was sworn in as governor"
                if p < len(toks) and toks[p].text == "as":
                    p += 1
        elif verb in _AS_VERBS and p + 1 < len(toks) and toks[p + 1].text == "as":
            p += 2  # "who serves as the group's president", "who works as a nurse", "resigned as CEO"
        elif verb in ("took", "stepped") and p + 2 < len(toks) and toks[p + 1].text in ("over", "down"):
            if toks[p + 2].text != "as":
                return None
            p += 3  # "took over as coach", "stepped down as CEO"
        elif verb == "as" and not relative and k > 0 and toks[k - 1].text.lower() in _HIRING_VERBS:
            p += 1  # "hired Jane Doe as its new manager" (not "stars Jane Doe as a detective")
        else:
            after_as = self._as_after_verb(p)
            if after_as is None:
                return None
            p = after_as  # "joins Acme as chief financial officer", "will take over as president"
        while p < len(toks) and toks[p].text in ("now", "also", "still", "currently", "then", "once"):
            p += 1
        if p >= len(toks):
            return None
        if toks[p].text.lower() in ("the", "a", "an", "its", "their", "his", "her", "our", "my"):
            p += 1
        elif (toks[p].text.islower() or toks[p].text.isupper()) and toks[p].text.lower() in _TITLE_HEADS:
            pass  # "became president", "was elected mayor", "resigned as CEO": a bare office title
        elif self._bare_modified_title(p):
            pass  # "was health minister", "served as deputy mayor": the same with its modifiers
        elif toks[p].text[:1].isupper() and not toks[p].sent_start:
            q = p  # "who is Jane Doe's lawyer": a possessive name before the title
            while q < len(toks) and q - p < 6 and toks[q].text[:1].isupper():
                q += 1
            if q < len(toks) and toks[q].kind == "poss" and q - p < 4:
                p = q + 1
            else:
                # "who is Napa County Public Works Director": a capitalised title closing the run
                head = toks[q - 1]
                if q - p >= 2 and head.kind == "word" and head.text.istitle() and _is_title_word(head.text):
                    return self.text[toks[p].start : head.end]
                return None
        else:
            return None
        if p + 1 < len(toks) and toks[p + 1].kind == "poss":
            p += 2  # "is the company's chief executive"
        start = p
        for q in range(start, min(len(toks), start + 5)):
            t = toks[q]
            if t.kind not in ("word", "acr") or t.text in _LOWER_STOPS:
                return None
            if (
                t.text.istitle()
                and q + 1 < len(toks)
                and not toks[q + 1].text[:1].isupper()
                and (_is_title_word(t.text) or t.text.lower() in _ROLE_NOUNS)
            ):
                return self.text[toks[start].start : t.end]  # "is a Software Engineer for Acme"
            if (t.text.islower() or t.text.isupper()) and _is_role_noun(t.text):
                end = q  # "chief executive": the head is the last of a run of title words
                while (
                    end + 1 < len(toks) and toks[end + 1].text.islower() and _is_role_noun(toks[end + 1].text)
                ):
                    end += 1
                if (
                    end + 2 < len(toks)
                    and toks[end + 1].kind == "word"
                    and toks[end + 1].text.islower()
                    and toks[end + 1].text not in _LOWER_STOPS
                    and toks[end + 2].text.islower()
                    and toks[end + 2].text in _KNOWN_ROLES
                ):
                    end += 2  # "chief financial officer": one modifier between two title words
                return self.text[toks[start].start : toks[end].end]
            if t.text.islower() and not (
                t.text in _TITLE_MODIFIERS
                or t.text in _NEW_WORDS
                or t.text.endswith(("al", "ic", "an"))
                or (q > start and toks[q - 1].text[:1].isupper() and t.text.endswith("s"))
            ):
                return None  # ("the Lake Berryessa concessions manager": a plural noun modifier after a name)
        return None

    def _as_after_verb(self, p: int) -> int | None:
        """Past "<verb> [particle | object] as" from ``p`` ("joins Acme as", "will take over as", "won
        re-election as", "was fired as"): the index after "as", or None. The verb opens the clause; at most
        three words (lowercase verbs and particles, or a capitalised name) come between it and "as"."""
        toks = self.toks
        first = toks[p].text if p < len(toks) else ""
        if not (
            first in _AS_VERBS or first in _MADE_VERBS or first in _LATER_MENTION_VERBS or first in _BE_FORMS
        ):
            return None
        for q in range(p + 1, min(len(toks), p + 5)):
            t = toks[q]
            if t.text == "as":
                before = toks[q - 1].text
                return q + 1 if before not in ("such", "well", "so", "known", "just") else None
            if t.kind != "word" or t.sent_start:
                return None
            if t.text.islower() and not (
                t.text in _ROLE_PARTICLES
                or t.text in _AS_VERBS
                or t.text in _MADE_VERBS
                or t.text in _BE_FORMS
            ):
                return None
        return None

    def _bare_modified_title(self, p: int) -> bool:
        """Lowercase title modifiers, then an office title, from ``p``: "health minister", "deputy mayor"."""
        toks = self.toks
        q = p
        while q < len(toks) and q - p < 3 and toks[q].text.islower() and toks[q].text in _TITLE_MODIFIERS:
            q += 1
        if (
            p < q < len(toks)
            and not _is_role_noun(toks[q].text)
            and _is_role_noun(toks[q - 1].text)
            and q - 1 > p
        ):
            q -= 1  # "interim chief executive": the last modifier is the head
        if not p < q < len(toks):
            return False
        head = toks[q].text
        if head.isupper() and head.lower() in _TITLE_HEADS:
            return True  # "interim CEO"
        return head.islower() and (head in _TITLE_HEADS or head in _ROLE_NOUNS)

    def _bracketed_role(self, j: int) -> str | None:
        """ "Jane Doe (CEO of Acme)", "Jane Doe (chief executive)": a title in brackets right after the name."""
        toks = self.toks
        if j + 2 >= len(toks) or toks[j].text != "(":
            return None
        close = next((q for q in range(j + 1, min(len(toks), j + 10)) if toks[q].text == ")"), None)
        if close is None or close == j + 1:
            return None
        words = toks[j + 1 : close]
        first = words[0]
        is_title = _is_title_word(first.text) or (
            (first.text.islower() or first.kind == "acr" or first.text.isupper())
            and _is_role_noun(first.text)
        )
        if not is_title or any(t.kind == "num" for t in words):
            return None
        return self.text[first.start : words[-1].end]

    def _after_aside(self, j: int) -> int:
        """Past a short parenthesis right after a name ("Jane Doe (pictured), the mayor,", "Jane Doe (R)")
        or a degree between commas ("Jane Doe, Ph.D., a biologist,")."""
        toks = self.toks
        if j < len(toks) and toks[j].text == "(":
            close = next((q for q in range(j + 1, min(len(toks), j + 5)) if toks[q].text == ")"), None)
            if close is not None:
                return close + 1
        if j < len(toks) and toks[j].text == ",":
            degree = _DEGREE.match(self.text, toks[j].end)
            if degree is not None:
                return next(
                    (q for q in range(j + 1, min(len(toks), j + 8)) if toks[q].start >= degree.end()), j
                )
        return j

    def _appositive_role(self, j: int) -> str | None:
        """ "Jane Doe, the chief executive of Acme Corp," -> "chief executive of Acme Corp"."""
        toks = self.toks
        j = self._after_aside(j)
        if j < len(toks) and toks[j].text == "of":
            home = self._past_hometown(j)  # "Jane Doe of Springfield, a teacher,"
            if home == j:
                return None
            j = home - 1
        if j >= len(toks) or toks[j].text not in (",", "—", "–", "-"):
            return None
        dash = toks[j].text != ","
        p = j + 1
        if p + 1 < len(toks) and toks[p].kind == "num" and toks[p + 1].text == ",":
            p += 2  # "Jane Doe, 45, a teacher,"
        if not dash:
            p = self._past_hometown(p)  # "Jane Doe, 45, of Springfield, Ohio, a teacher,"
        article = p < len(toks) and toks[p].text.lower() in ("the", "a", "an", "its", "their", "his", "her")
        if article:
            p += 1
        elif dash and not (
            p < len(toks)
            and (
                (_is_title_word(toks[p].text) and toks[p].text[:1].isupper())
                or (toks[p].kind == "acr" and toks[p].text.lower() in _TITLE_HEADS)
            )
        ):
            return None  # "Doe — and nobody else —": a dash appositive opens with an article or a title
        if (
            article
            and p + 2 < len(toks)
            and toks[p].kind == "num"
            and toks[p + 1].text in ("-", "–")
            and toks[p + 2].text.startswith(("year", "time", "foot", "feet", "pound", "metre", "meter"))
        ):
            p += 3  # "a 45-year-old nurse", "a 3-time champion", "a 6-foot-5 forward", "a 250-pound tackle"
        start = p
        relative = False
        while (
            p < len(toks)
            and p - start < 14
            and toks[p].text not in {",", ".", ";", ":", "”", "“", '"', "(", ")", "—", "–"}
            and not (p > start and toks[p].gap_newline)
        ):
            if toks[p].text in ("who", "whose", "which", "that"):
                relative = True  # "Jane Doe, a lawyer who represents the family,": the role ends here
                break
            if toks[p].text in ("said", "says", "told", "is", "was", "has", "had", "will") or (
                toks[p].text in _REPORT_VERBS
            ):
                return None  # "Jane Doe (D-Minn.), the U.S. Attorney's Office announced": a clause
            p += 1
        if (
            p - start >= 14
            and p < len(toks)
            and not dash
            and (article or toks[start].text.lower() in _TITLE_MODIFIERS or _is_role_noun(toks[start].text))
        ):
            # a long appositive ("the chief executive of the country's largest independent oil and gas
            # ... company"): up to its last title word among the first seven
            heads = [
                q
                for q in range(start, start + 7)
                if _is_title_word(toks[q].text) or (toks[q].text.islower() and _is_role_noun(toks[q].text))
            ]
            return self.text[toks[start].start : toks[heads[-1]].end] if heads else None
        if relative:
            heads = [q for q in range(start, p) if toks[q].text.islower() and _is_role_noun(toks[q].text)]
            if not heads or heads[0] > start + 4 or (dash and not article):
                return None  # "a former director of student services who ...": the role and its complement
            return self.text[toks[start].start : toks[p - 1].end]
        if dash:
            # "Harper — a young British filmmaker hot off directing ... —": up to the title's head noun
            heads = [
                q
                for q in range(start, min(p, start + 6))
                if (toks[q].text.islower() and _is_role_noun(toks[q].text))
                or (not article and _is_title_word(toks[q].text))
            ]
            if not heads:
                return None
            return self.text[toks[start].start : toks[heads[0]].end]
        words = toks[start:p]
        if (
            not words
            or p > len(toks)
            or (
                p < len(toks)
                and toks[p].text not in (",", ".", ";", "—", "–", ")")
                and not toks[p].gap_newline
            )
        ):
            return None
        if (
            not any(
                _is_title_word(t.text)
                or ((t.text.islower() or t.kind == "acr") and _is_role_noun(t.text))
                or (t.text.istitle() and t.text.lower() in _ROLE_NOUNS)  # "Kyle Hughes, Writer"
                for t in words[:7]
            )
            and not any(
                (a.text.lower(), b.text.lower()) in _POSITION_PAIRS for a, b in itertools.pairwise(words[:7])
            )
        ):
            return None
        if words[0].kind == "num" or (
            words[0].text.islower()
            and words[0].text.endswith("ing")
            and not article
            and words[0].text not in _TITLE_MODIFIERS
        ):
            return None  # "Jane Doe, hitting him in the head," is no role ("the reigning champion" is)
        if len(words) >= 2 and words[-1].text.islower() and words[-1].text.endswith("ed"):
            return None  # "According to Jane Doe, the officers acted." is a clause, no role
        return self.text[words[0].start : words[-1].end]

    def _past_hometown(self, p: int) -> int:
        """Past "of Springfield," or "of Dayton, Ohio," at ``p`` (a hometown between a name and its role):
        the index after the closing comma, or ``p`` when there is none."""
        toks = self.toks

        def capitals_from(q: int) -> int:
            start = q
            while q < len(toks) and q - start < 4 and toks[q].kind == "word" and toks[q].text[:1].isupper():
                q += 1
            return q

        if p + 2 >= len(toks) or toks[p].text != "of":
            return p
        q = capitals_from(p + 1)
        if q == p + 1 or q + 1 >= len(toks) or toks[q].text != ",":
            return p
        region = capitals_from(q + 1)  # "Dayton, Ohio,": a region only when it is a known place
        if (
            region > q + 1
            and region < len(toks)
            and toks[region].text == ","
            and gz.lookup_place(_span_text(self.text, toks[q + 1 : region])) is not None
        ):
            return region + 1
        return q + 1

    def _capitalised_title(self, head: int) -> str | None:
        """A capitalised title that ends at ``head`` before a comma and a name: "Senate Leader",
        "former House of Representatives Speaker" (up to four capitalised words and "of" before the head,
        and lowercase modifiers such as "former")."""
        toks = self.toks
        p = head
        while p > 0 and head - p < 5:
            t = toks[p - 1]
            if t.kind == "word" and (t.text[:1].isupper() or t.text == "of") and not t.sent_start:
                p -= 1
                continue
            if t.kind == "word" and t.text[:1].isupper() and t.sent_start:
                p -= 1
                break
            break
        while p > 0 and toks[p - 1].kind == "word" and toks[p - 1].text.lower() in _TITLE_MODIFIERS:
            p -= 1
            if toks[p].sent_start:
                break
        while p < head and toks[p].text in ("of", "The", "the"):
            p += 1
        if p < head and (toks[p].text in _HONORIFICS or gz.is_demonym(toks[p].text)):
            p += 1
        return self.text[toks[p].start : toks[head].end]

    def _role_of_something(self, end: int) -> str | None:
        """ "A spokesman for the ministry, Jane Doe," -> "spokesman for the ministry": a lowercase title,
        "for"/"of"/"at"/"with"/"to" and a short noun phrase ending at ``end``, right before a comma and a name."""
        toks = self.toks
        p = end
        while p > 0 and end - p < 6:
            t = toks[p]
            if t.text in (",", ".", ";", ":", "(", ")", '"', "“", "”") or t.gap_newline:
                return None
            low = t.text.lower()
            if low in _ROLE_PREPS and p - 1 >= 0 and p < end:
                head = p - 1
                if toks[head].kind == "word" and toks[head].text.islower() and _is_role_noun(toks[head].text):
                    role = self._lowercase_role(head + 1) or toks[head].text
                    first = self.text.rfind(role, 0, toks[head].end)
                    return self.text[first : toks[end].end] if first >= 0 else None
                return None
            if (
                t.kind == "word"
                and t.text.islower()
                and low in _LOWER_STOPS
                and low not in ("the", "a", "an")
            ):
                return None
            p -= 1
        return None

    def _lowercase_role(self, k: int) -> str | None:
        """ "agency spokeswoman Jane Doe" -> "spokeswoman"; "math teacher Jane Doe" -> "math teacher";
        "the suspect, Jane Doe," -> "suspect"; "its founder and former CEO, Jane Doe," -> the same."""
        toks = self.toks
        head = k - 1
        if head >= 1 and toks[head].text in _HONORIFICS and toks[head - 1].text.islower():
            head -= 1  # "pharmacist Dr. Jane Doe": the role before the honorific
        if (
            head >= 1
            and toks[head].text == ":"
            and toks[head - 1].kind == "word"
            and toks[head - 1].text.istitle()
            and _is_role_noun(toks[head - 1].text)
            and (
                head == 1
                or toks[head - 1].sent_start
                or toks[head - 1].gap_newline
                or toks[head - 2].kind == "punct"
            )
        ):
            return toks[head - 1].text  # "Director: Jane Doe", "Moderator: Jane Doe" in credits
        if (
            head == k - 1
            and head >= 0
            and toks[head].sent_start
            and toks[head].kind == "word"
            and "-" in toks[head].text
            and toks[head].text[:1].isupper()
            and toks[head].text[1:].islower()
            and _is_role_noun(toks[head].text)
        ):
            return toks[head].text  # "Co-founder Bill Gates", "Singer-songwriter Jane Doe" opening a sentence
        if (
            head >= 0
            and toks[head].text in _POSITION_ABBREVIATIONS
            and (
                head == 0
                or toks[head].sent_start
                or toks[head - 1].text in (",", "and")
                or toks[head].gap_newline
            )
        ):
            return toks[head].text  # "LB Mack Wilson" opening a line of a sports roster
        if (
            head >= 1
            and (toks[head - 1].text.lower(), toks[head].text.lower()) in _POSITION_PAIRS
            and toks[head].text.islower()
        ):
            return self.text[toks[head - 1].start : toks[head].end]  # "defensive end Myles Garrett"
        if head >= 1 and toks[head].text == "," and not toks[head].gap_newline:
            head -= 1  # "nominee for governor, Jim Hood"
            if _is_title_word(toks[head].text) and toks[head].text.istitle():
                return self._capitalised_title(head)  # "Senate Leader, Ahmad Lawan"
            of_role = self._role_of_something(head)
            if of_role is not None:
                return of_role
        if (
            head < 0
            or toks[head].kind not in ("word", "acr")
            or not (
                _is_role_noun(toks[head].text)
                and (toks[head].text.islower() or toks[head].kind == "acr" or toks[head].text.isupper())
            )
        ):
            return None
        if (
            (toks[head].kind == "acr" or toks[head].text.isupper())
            and head == k - 1
            and toks[head].text.lower() not in _TITLE_HEADS
        ):
            return None  # "NYPD Jane Doe": not a title by itself ("CEO Jane Doe" is)
        p = head
        modifiers = 0
        while p > 0 and modifiers < 5:
            t = toks[p - 1]
            low = t.text.lower()
            if (t.kind == "acr" or t.text.isupper()) and _is_role_noun(t.text):
                p -= 1
                continue
            if t.kind != "word" or not t.text.islower() or low in _LOWER_STOPS:
                break
            if low.endswith(("ed", "ly")) and not _is_role_noun(low) and low not in _TITLE_MODIFIERS:
                break
            p -= 1
            modifiers += 1
        while p < head and toks[p].text in _SMALL_WORDS:
            p += 1
        return self.text[toks[p].start : toks[head].end]


# --------------------------------------------------------------------------------------------
# Document-level resolution


@dataclass(eq=False)  # identity: entries are compared and removed by object, never by value
class _Entry:
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    mentions: int = 0
    first: int = 0
    weak: bool = True  # every mention so far was a guess from the name's shape
    dead: bool = False  # merged into another entry

    def add_alias(self, alias: str) -> None:
        if alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def forms(self) -> set[str]:
        return {gz.norm_key(x) for x in (self.name, *self.aliases)}


_GENERATIONS = _EN.words("generations")


def _name_parts(name: str) -> list[str]:
    """The words of a personal name's key, without a generational suffix: "Patrick Carlineo Jr." ->
    ["patrick", "carlineo"], so that "Patrick W. Carlineo" and "Carlineo" find it by its surname."""
    parts = gz.norm_key(name).split()
    while len(parts) > 2 and parts[-1] in _GENERATIONS:
        parts.pop()
    return parts


# Nations of the United Kingdom: places of their own, not other names of the country GB.
_UK_NATIONS = _EN.words("uk_nations")


def _is_team_name(words: list[str]) -> bool:
    """ "Cleveland Browns", "Los Angeles Lakers": a city, then a plural nickname that heads no other kind
    of name."""
    last = words[-1]
    if not (last.endswith("s") and last[:1].isupper() and last[1:].islower()) or last in _ORG_HEADS:
        return False
    if last in _PLACE_HEADS or gz.is_demonym(last):
        return False
    info = gz.lookup_place(" ".join(words[:-1]))
    return info is not None and info.kind in ("city", "capital", "region")


def _short_company_form(e: _Entry) -> bool:
    """Could ``e`` be a company named without its legal form: a person-shaped or organisation name, or a
    one-word town ("Ithaca" for "Ithaca Holdings"; not "Singapore" for "Singapore Airlines")?"""
    if e.kind in ("person", "org"):
        return True
    if e.kind != "place" or " " in e.name:
        return False
    info = gz.lookup_place(e.name)
    return info is not None and info.kind == "city" and info.population < 100_000


def _is_acronym(name: str) -> bool:
    """ "RGB", "U.S.", "AT&T": capitals (and dots or "&") only, at least two letters."""
    return " " not in name and name.isupper() and sum(map(str.isalpha, name)) >= 2


def _names_a_place(name: str) -> bool:
    """Do one to three consecutive words of ``name`` name a known place (not a common word)?"""
    words = name.split()
    for size in (1, 2, 3):
        for p in range(len(words) - size + 1):
            info = gz.lookup_place(" ".join(words[p : p + size]))
            if info is not None and not info.common_word:
                return True
    return False


def _resolve(ex: _Extractor) -> Entities:
    # sports copy: a city can be its team; games' scores after names count as much as its words
    sports = len(ex.lower_words & _SPORTS_COPY) + len(ex.scored) >= 3
    mentions = sorted(ex.mentions, key=lambda m: m.start)
    entries: list[_Entry] = []
    countries: dict[str, _Entry] = {}  # ISO code -> the entry of that country
    by_key: dict[tuple[str, str], _Entry] = {}

    def find(kind: str, key: str) -> _Entry | None:
        return by_key.get((kind, key))

    def register(entry: _Entry) -> None:
        for key in entry.forms():
            by_key.setdefault((entry.kind, key), entry)

    def add(kind: str, text: str, m: _Mention) -> _Entry:
        key = gz.norm_key(text)
        entry = find(kind, key)
        if entry is None:
            # A name with look-alike letters from another script is named in Latin, the variant kept.
            entry = _Entry(kind, gz.fold_confusables(text), country=m.country, first=m.start)
            entry.add_alias(text)
            entries.append(entry)
        else:
            if entry.country is None:
                entry.country = m.country
            entry.add_alias(text)
        entry.mentions += 1
        register(entry)
        return entry

    def _names_a_country(m: _Mention) -> bool:  # "United States", not "Scotland" (a nation of the U.K.)
        info = gz.lookup_place(m.text)
        return info is not None and info.kind == "country" and gz.norm_key(m.text) not in _UK_NATIONS

    # Acronym definitions first, so the long form is known.
    for m in mentions:
        if m.kind in ("person", "org", "place"):
            kind = m.kind
            if kind == "place" and m.country and _names_a_country(m):
                # Countries are one entry per code: "United States", "U.S." and "US".
                existing = countries.get(m.country)
                if existing is not None:
                    existing.mentions += 1
                    if gz.norm_key(m.text) not in existing.forms():
                        existing.add_alias(m.text)
                    register(existing)
                    continue
            entry = add(kind, m.text, m)
            entry.weak = entry.weak and m.weak
            if kind == "place" and m.country and _names_a_country(m):
                countries.setdefault(m.country, entry)
            if kind == "person" and m.role:
                for role in m.role.split("\n"):
                    if role not in entry.roles:
                        entry.roles.append(role)
    for acr, (kind, long_name) in ex.acronyms.items():
        long_entry = find(kind, gz.norm_key(long_name))
        if long_entry is None:
            continue
        short = find("org", gz.norm_key(acr)) or find("place", gz.norm_key(acr))
        if short is not None and short is not long_entry:
            long_entry.mentions += short.mentions - 1
            short.dead = True
            for a in (short.name, *short.aliases):
                long_entry.add_alias(a)
            by_key = {k: (long_entry if v is short else v) for k, v in by_key.items()}
        else:
            long_entry.mentions -= 1  # the "(ACR)" itself was not counted as a separate mention
            long_entry.mentions = max(long_entry.mentions, 1)
        long_entry.add_alias(acr)
        register(long_entry)

    people = [e for e in entries if e.kind == "person" and not e.dead]
    # One person written two ways: "Joshua Apte" / "Josh Apte", "Donald J. Trump" / "Donald Trump".
    by_surname: dict[str, list[_Entry]] = {}
    for e in people:
        parts = _name_parts(e.name)
        if len(parts) >= 2:
            by_surname.setdefault(parts[-1], []).append(e)
    same_surname = [pair for group in by_surname.values() for pair in itertools.combinations(group, 2)]
    for one, two in same_surname:
        if one.dead or two.dead:
            continue
        pa, pb = _name_parts(one.name), _name_parts(two.name)
        fa, fb = pa[0], pb[0]
        shorter, longer = (pa, pb) if len(pa) < len(pb) else (pb, pa)
        if (
            fa == fb
            or (min(len(fa), len(fb)) >= 3 and (fa.startswith(fb) or fb.startswith(fa)))
            or (len(shorter) >= 2 and longer[-len(shorter) :] == shorter)
        ):
            keep, drop = (one, two) if len(one.name) >= len(two.name) else (two, one)
            keep.add_alias(drop.name)
            for alias in drop.aliases:
                keep.add_alias(alias)
            keep.roles.extend(r for r in drop.roles if r not in keep.roles)
            keep.mentions += drop.mentions
            keep.weak = keep.weak and drop.weak
            keep.first = min(keep.first, drop.first)
            drop.dead = True
    people = [e for e in people if not e.dead]
    # Surname-only (or first-name-only) people and single words: merge into a full name when unambiguous.
    token_index: dict[str, list[_Entry]] = {}
    for e in people:
        parts = _name_parts(e.name)
        if len(parts) >= 2:
            words = e.name.split()
            # A hyphenated surname is one word of the text ("Montoya-Lewis") but two of the key.
            hyphenated = {gz.norm_key(w) for w in (words[0], words[-1]) if "-" in w or "–" in w}
            for part in {parts[-1], parts[0]} | (hyphenated if len(words) >= 2 else set()):
                token_index.setdefault(part, []).append(e)
    for e in list(people):
        key = gz.norm_key(e.name)
        if " " in e.name.strip():
            continue
        owners = [o for o in token_index.get(key, []) if o is not e]
        if len(owners) == 1:
            owner = owners[0]
            owner.weak = owner.weak and e.weak
            owner.add_alias(e.name)
            owner.mentions += e.mentions
            owner.roles.extend(r for r in e.roles if r not in owner.roles)
            e.dead = True
    # Longer names that contain a shorter full name ("Donald J. Trump" / "Donald Trump").
    edge_words: dict[str, list[_Entry]] = {}
    for e in entries:
        if e.kind in ("org", "place") and " " in e.name and not e.dead:
            parts = gz.norm_key(e.name).split()
            for part in {parts[0], parts[-1]}:
                edge_words.setdefault(part, []).append(e)
    # One word the document treats as a company somewhere ("Corvane's chief executive") is one everywhere,
    # "Corvane said" included.
    company_keys = {
        gz.norm_key(m.text)
        for m in mentions
        if m.kind == "single" and ex.company_evidence(m.start, len(m.text))
    }
    # Token starts of the organisations named for sure (by a head word, in full, or well known): a name in
    # a list with one of them is an organisation too.
    sure_org_starts = {
        t.start
        for m in mentions
        if (m.kind == "org" and not m.weak) or (m.kind == "single" and gz.is_known_org(m.text))
        for t in ex.toks_between(m.start, m.end)
    }

    def listed_with_org(start: int, length: int) -> bool:
        return not sure_org_starts.isdisjoint(ex.list_neighbours(start, length))

    # ... and of the places the gazetteer knows: an unknown word listed with them is a place.
    sure_place_starts = {
        t.start
        for m in mentions
        if m.kind == "place" and m.country is not None
        for t in ex.toks_between(m.start, m.end)
    }

    def listed_with_place(start: int, length: int) -> bool:
        return not sure_place_starts.isdisjoint(ex.list_neighbours(start, length))

    for m in mentions:
        if m.kind != "single":
            continue
        key = gz.norm_key(m.text)
        owners = [e for e in token_index.get(key, []) if not e.dead]
        if not owners and (same := find("person", key)) is not None and not same.dead:
            owners = [same]
        if len(owners) == 1:
            owners[0].add_alias(m.text)
            owners[0].mentions += 1
            if m.context_person or not gz.is_common_word(m.text.lower()):
                owners[
                    0
                ].weak = False  # "Scissors said" confirms "Derek Scissors"; "the Sword" alone does not
            if m.role:  # "Harper — a young British filmmaker —" is Tom Harper's role
                owners[0].roles.extend(r for r in m.role.split("\n") if r not in owners[0].roles)
            continue
        if len(owners) > 1 and all(o.kind == "person" for o in owners):
            continue  # "Thomas" beside "Chad Thomas" and "Tavierre Thomas": one of them, not a new name
        acr_entry = find("org", key) or find("place", key)
        if acr_entry is not None and not acr_entry.dead:
            acr_entry.mentions += 1
            continue
        if m.text in _FUNCTION_WORDS:
            continue
        if gz.is_known_org(m.text) and not (m.sent_start and m.text.lower() in ex.lower_words):
            add("org", m.text, m).weak = False  # "Ford" with no Ford named in full: the company
            continue
        # The first or last word of one longer organisation or place: "Statehouse", "Nordvik".
        wholes = [e for e in edge_words.get(key, []) if not e.dead]
        if len(wholes) == 1 and (m.text in _ORG_HEADS or m.text in _PLACE_HEADS or not m.sent_start):
            wholes[0].add_alias(m.text)
            wholes[0].mentions += 1
            continue
        if m.text in _PLACE_HEADS:
            continue  # "the Avenue", "the Neighborhood" alone
        if key in company_keys and m.text.lower() not in ex.lower_words:
            add("org", m.text, m).weak = False
            continue
        if m.sent_start and (m.text not in ex.single_midsentence or m.text.lower() in ex.lower_words):
            continue
        if m.text.lower() in ex.lower_words:
            continue
        if m.context_person:
            one = add("person", m.text, m)  # "star Neymar", "Neymar said": the context confirms it
            one.weak = False
            one.roles.extend(r for r in (m.role or "").split("\n") if r and r not in one.roles)
        elif gz.is_first_name(m.text) and gz.is_surname(m.text):
            one = add("person", m.text, m)
            one.roles.extend(r for r in (m.role or "").split("\n") if r and r not in one.roles)
        elif (
            ex.plural_verb_follows(m.start)
            and "-" not in m.text
            and (gz.is_first_name(m.text) or gz.is_surname(m.text) or not gz.is_common_word(m.text))
        ):
            add("org", m.text, m).weak = False  # "Chelsea hope to": a club (or a band) named like a person
        elif sports and not m.context_person and ex.team_noun_follows(m.start):
            add("org", m.text, m).weak = False  # "Chelsea manager Enzo Maresca": a club named like a person
        elif gz.is_first_name(m.text) or gz.is_surname(m.text):
            continue
        elif (where := ex.locative_country(m.start)) is not None:
            m.country = where  # "from Xilingol in Inner Mongolia", "Punjab's Bhatinda"
            add("place", m.text, m)
        elif ex.after_locative(m.start) or listed_with_place(m.start, len(m.text)):
            add("place", m.text, m)  # "near Malibu", "toward Malibu and Pacific Palisades"
        else:
            add("org", m.text, m)
    # A one-word "place" that is a known person's name ("Jackson" after "Michael Jackson").
    for e in entries:
        if e.kind == "place" and " " not in e.name and e.country is not None and not e.dead:
            key = gz.norm_key(e.name)
            # by the surname only: "in Paris" beside "Paris Hilton" is the city
            owners = [o for o in token_index.get(key, []) if not o.dead and _name_parts(o.name)[0] != key]
            info = gz.lookup_place(e.name)
            if len(owners) == 1 and (info is None or info.kind not in ("country", "continent")):
                owners[0].add_alias(e.name)
                owners[0].mentions += e.mentions
                e.dead = True
    # Short forms: "Sierra Nevada" for "Sierra Nevada Corporation", "Taliban" for "Afghan Taliban",
    # "Statehouse" for "Indiana Statehouse".
    # Unconfirmed name-shaped spans ("Blue Origin", "Gran Turismo") are more often names of things.
    starts: dict[str, list[int]] = {}
    for m in mentions:
        starts.setdefault(gz.norm_key(m.text), []).append(m.start)
    # Teams named by their city: "Cleveland" beside "Cleveland Browns" is the team; a city that plays,
    # coaches or "have" something ("Chelsea have paid") is a club even without its full name.
    teams: dict[str, list[_Entry]] = {}
    located: list[Place] = []
    for e in entries if sports else ():
        words = e.name.split()
        if e.kind == "org" and not e.dead and len(words) >= 2 and _is_team_name(words):
            teams.setdefault(gz.norm_key(" ".join(words[:-1])), []).append(e)
    for e in entries if sports else ():
        if e.kind != "place" or e.dead or e.country is None:
            continue
        info = gz.lookup_place(e.name)
        if info is None or info.kind not in ("city", "capital", "region"):
            continue
        key = gz.norm_key(e.name)
        owners = teams.get(key, [])
        if len(owners) == 1:
            owners[0].add_alias(e.name)
            owners[0].mentions += e.mentions
            e.dead = True
            located.append(Place(name=e.name, country=e.country, mentions=max(1, e.mentions)))
            continue
        spans = starts.get(key, [])
        size = len(e.name.split())
        hits = sum(1 for start in spans if ex.team_evidence(start, size))
        if info.kind == "region" and hits < len(spans):
            continue  # a state or region is a team only when every mention plays ("beat Ohio 3-1")
        if spans and hits * 2 >= len(spans) and not owners:
            located.append(Place(name=e.name, country=e.country, mentions=max(1, e.mentions)))
            e.kind = "org"
            e.country = None
    for e in entries:
        if e.kind in ("person", "org") and not e.dead and not e.roles and " " in e.name:
            forms = [
                (form, start) for form in (e.name, *e.aliases) for start in starts.get(gz.norm_key(form), ())
            ]
            if forms and all(ex.quoted(start, len(form)) for form, start in forms):
                e.dead = True  # “Wild Rose”, “Mary Poppins”: only ever in quotation marks, a title
    lengths = {m.start: len(m.text) for m in mentions}
    # Token starts of the people named for sure (a title, a verb of saying, a given name the gazetteer
    # knows): a name-shaped span in one list with one of them is a person too ("met Xi Jinping and
    # Narendra Modi").
    sure_person_starts = {
        t.start
        for e in entries
        if e.kind == "person" and not e.weak and not e.dead and " " in e.name
        for key in e.forms()
        for start in starts.get(key, ())
        for t in ex.toks_between(start, start + lengths.get(start, len(e.name)))
    }
    for e in entries:
        if e.kind == "person" and e.weak:
            spans = [start for key in e.forms() for start in starts.get(key, ())]
            if " " in e.name and any(ex.pronoun_follows(start) for start in spans):
                continue  # "... Elon Musk. He ...": a personal pronoun takes the name up
            if " " in e.name and any(
                ex.person_evidence(start, lengths.get(start, len(e.name)), sure_org_starts) for start in spans
            ):
                continue  # "Elon Musk's SpaceX", "Jane Doe of Raleigh", "written by Jane Doe"
            if " " in e.name and any(
                not sure_person_starts.isdisjoint(ex.list_neighbours(start, lengths.get(start, len(e.name))))
                or ex.person_cue_follows(start, lengths.get(start, len(e.name)))
                for start in spans
            ):
                continue  # "Xi Jinping and Narendra Modi": listed with a person, a person
            e.kind = "org"
            if not any(ex.org_evidence(start) for start in spans):
                e.dead = True  # a name's shape and nothing else: "Pokemon Sword", "Story Timeline"
    # A person's name that opens an institution's name in the same document, with no role and nothing
    # else that makes it a person ("Walter Reed" beside "Walter Reed National Military Medical Center",
    # "treated at Walter Reed"): the institution, named short.
    institutions: dict[str, list[_Entry]] = {}
    for e in entries:
        words = e.name.split()
        if e.kind == "org" and not e.dead and len(words) >= 3 and words[-1] in _ORG_HEADS:
            for size in range(2, len(words)):
                institutions.setdefault(gz.norm_key(" ".join(words[:size])), []).append(e)
    for e in entries if institutions else ():
        if e.kind != "person" or e.dead or e.roles or " " not in e.name:
            continue
        wholes = [o for o in institutions.get(gz.norm_key(e.name), []) if o is not e and not o.dead]
        if len(wholes) != 1:
            continue
        if any(" " not in alias for alias in e.aliases):
            continue  # "Musk said" beside "Elon Musk Foundation": a surname alone names a person
        spans = [start for key in e.forms() for start in starts.get(key, ())]
        if any(
            ex.person_evidence(start, lengths.get(start, len(e.name)), sure_org_starts) for start in spans
        ):
            continue
        wholes[0].add_alias(e.name)
        wholes[0].mentions += e.mentions
        e.dead = True
    # A person's or a town's name that the document treats as a company ("Tamsin Dairy's chief executive",
    # "Harlow's shares" beside "Harlow Systems") is the company, named in full or short.
    by_first_word: dict[str, list[_Entry]] = {}
    for e in entries:
        if e.kind == "org" and not e.dead and " " in e.name:
            by_first_word.setdefault(gz.norm_key(e.name.split()[0]), []).append(e)
    for e in entries:
        if e.dead or e.roles or not _short_company_form(e) or e.kind == "org":
            continue
        spans = [start for key in e.forms() for start in starts.get(key, ())]
        if not any(ex.company_evidence(start, lengths.get(start, len(e.name))) for start in spans):
            continue
        wholes = [o for o in by_first_word.get(gz.norm_key(e.name), []) if o is not e]
        if len(wholes) == 1 and " " not in e.name:
            wholes[0].add_alias(e.name)
            wholes[0].mentions += e.mentions
            e.dead = True
        elif e.kind == "person":
            e.kind = "org"
    # "Kellan Ridgeback" beside "Kellan Motors": the maker's name, then what it makes, is no person.
    for e in entries:
        words = e.name.split()
        if e.kind != "person" or e.dead or e.roles or len(words) != 2:
            continue
        makers = [
            o
            for o in by_first_word.get(gz.norm_key(words[0]), [])
            if not o.dead and o.name.split()[-1] in _ORG_HEADS and o.name.split()[-1] != words[-1]
        ]
        if makers and len(makers[0].name.split()) == 2:
            e.dead = True
    # "Acme Widgets" after "Acme Widgets, Inc.": the company named without its legal form, not a person.
    legal: dict[str, _Entry] = {}
    for e in entries:
        words = e.name.split()
        if e.kind == "org" and not e.dead and len(words) >= 2 and words[-1] in _LEGAL_FORMS:
            legal.setdefault(gz.norm_key(" ".join(words[:-1])), e)
    for e in entries if legal else ():
        company = legal.get(gz.norm_key(e.name)) if not e.dead and _short_company_form(e) else None
        if company is not None and company is not e:
            company.add_alias(e.name)
            company.mentions += e.mentions
            e.dead = True
    for kind in ("org", "place"):
        group = [e for e in entries if e.kind == kind and not e.dead]
        by_first: dict[str, list[_Entry]] = {}
        by_last: dict[str, list[_Entry]] = {}
        keys = {id(e): gz.norm_key(e.name) for e in group}
        for e in group:
            parts = keys[id(e)].split()
            if len(parts) >= 2:
                by_first.setdefault(parts[0], []).append(e)
                by_last.setdefault(parts[-1], []).append(e)
        for short in group:
            skey = keys[id(short)]
            sparts = skey.split()
            if not sparts:
                continue
            candidates = by_first.get(sparts[0], []) + by_last.get(sparts[-1], [])
            for long in candidates:
                if long is short or long.dead or short.dead:
                    continue
                lkey = keys[id(long)]
                words = long.name.split()
                if lkey.startswith(skey + " "):
                    ok = words[-1] in _COMPANY_SUFFIXES or (kind == "org" and words[-1] in _ORG_HEADS)
                elif lkey.endswith(" " + skey):
                    lead = long.name[: len(long.name) - len(short.name)].split()
                    ok = all(gz.is_demonym(w) or gz.lookup_place(w) for w in lead) or (
                        kind == "place" and words[-1] in _PLACE_HEADS and " " not in short.name
                    )
                else:
                    ok = False
                if ok:
                    long.add_alias(short.name)
                    for alias in short.aliases:
                        long.add_alias(alias)
                    long.mentions += short.mentions
                    short.dead = True
                    break

    # Organisations found only by elimination ("Gran Turismo", "Story Timeline") stay when the document
    # treats them as one somewhere: an acronym, a verb or role of theirs after the name, "at"/"joined" before.
    weak_orgs = [e for e in entries if e.kind == "org" and e.weak and not e.dead]
    if weak_orgs:
        for e in weak_orgs:
            if not e.forms().isdisjoint(ex.products):
                e.dead = True  # "Sentra" alone after "Nissan Sentra": the product, not a company
                continue
            spans = [start for key in e.forms() for start in starts.get(key, ())]
            if any(ex.product_noun_follows(start) for start in spans) and not any(
                ex.org_evidence(start) for start in spans
            ):
                e.dead = True  # "the Juke crossover", "Titanfall games": a product or a work, not a body
                continue
            if any(ex.org_evidence(start) for start in spans):
                continue
            if not gz.is_common_word(e.name.lower()) and any(
                listed_with_org(start, len(e.name)) for start in spans
            ):
                continue
            if _is_acronym(e.name):
                e.dead = True  # spec-sheet and sports-stat capitals repeat too ("RGB", "INT")
                continue
            if (
                all(gz.is_common_word(w) for w in e.name.split() if w not in _SMALL_WORDS)
                and not _names_a_place(e.name)
                and not (e.name.endswith("s") and sports)  # "Browns", "Redskins": teams
            ):
                e.dead = True  # ordinary words in capitals, however often: "Premium", "Steam", "Smart TV"
                continue
            if len(spans) >= 2:
                continue
            # Named once with nothing to confirm it: several words ("Story Timeline") or one word
            # ("Testing", "Titanfall", "Dreamliner": more often a product, a work or a plain word than a
            # body) is no organisation; a coined company-style word ("GoBank") still is.
            if " " in e.name:
                if not _names_a_place(e.name):
                    e.dead = True  # "Air Astana", "Sioux Falls Argus Leader" keep their place word
            elif not _CAMEL_CASE.fullmatch(e.name):
                e.dead = True
    entries = [e for e in entries if not e.dead]
    # "Republicans" beside "GOP" or "the Republican Party": one party.
    for plural, names in _PARTY_PLURALS.items():
        members = [e for e in entries if e.kind == "org" and e.name == plural]
        party = [e for e in entries if e.kind == "org" and gz.norm_key(e.name) in names]
        if members and party:
            party[0].add_alias(plural)
            party[0].mentions += members[0].mentions
            members[0].dead = True
    entries = [e for e in entries if not e.dead]
    # "Washington, D.C." is one place, written whole or as either part.
    capital = [e for e in entries if e.kind == "place" and e.name == "Washington"]
    district = [e for e in entries if e.kind == "place" and gz.norm_key(e.name) == "d c"]
    if capital and district and "Washington, D.C." in ex.text:
        capital[0].add_alias("Washington, D.C.")
        capital[0].add_alias(district[0].name)
        district[0].dead = True
        entries = [e for e in entries if not e.dead]
    for e in entries:
        if e.kind == "org" and " " in e.name:
            first = e.name.split()[0]
            info = gz.lookup_place(first)
            if info is not None and info.country is not None and not info.common_word:
                located.append(Place(name=first, country=info.country, mentions=max(1, e.mentions)))
    entries.sort(key=lambda e: e.first)
    people_out = [
        Person(name=e.name, aliases=e.aliases, roles=e.roles, mentions=max(1, e.mentions))
        for e in entries
        if e.kind == "person"
    ]
    orgs = [e for e in entries if e.kind == "org"]
    for short in orgs:
        # "The Chronicle" after "The San Francisco Chronicle": the same paper, named short
        if short.dead or not short.name.startswith("The ") or " " in short.name[4:]:
            continue
        tail = " " + short.name[4:]
        longs = [e for e in orgs if e is not short and not e.dead and e.name.endswith(tail)]
        if len(longs) == 1:
            longs[0].add_alias(short.name)
            for alias in short.aliases:
                longs[0].add_alias(alias)
            longs[0].mentions += short.mentions
            short.dead = True
    entries = [e for e in entries if not e.dead]
    for e in entries:
        if e.kind == "org" and e.name.startswith("The ") and " " in e.name[4:]:
            e.add_alias(e.name[4:])  # "The San Francisco Chronicle" is also written without its article
    orgs_out = [
        Organization(name=e.name, aliases=e.aliases, mentions=max(1, e.mentions))
        for e in entries
        if e.kind == "org"
    ]
    places_out = [
        Place(name=e.name, aliases=e.aliases, country=e.country, mentions=max(1, e.mentions))
        for e in entries
        if e.kind == "place"
    ]
    return Entities(people=people_out, organizations=orgs_out, places=places_out, located=located)


def extract_entities(article: Document | str) -> Entities:
    """People (with roles), organisations (with acronyms) and places (with ISO country codes) of an English
    article's document (a text is read into one first)."""
    document = article if isinstance(article, Document) else build_document(article, "en")
    if not document.text.strip():
        return Entities()
    ex = _Extractor(document)
    ex.run()
    return _resolve(ex)
