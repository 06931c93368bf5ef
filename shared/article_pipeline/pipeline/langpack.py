"""Language packs: everything language-specific, as data, one JSON file per language.

``data/lang/<code>.json`` holds a language's stop and function words, titles and role words, organization
and place heads, demonyms, country and city forms, months and weekdays, number and scale words, currency
words, reporting verbs and quotation marks, dateline agencies, topic cue words and tone words (the format:
``docs/language-packs.md``). A pack is read the first time an article in its language arrives, so the cold
start of an English-only environment pays nothing for the others. English is one pack too (``en.json``):
its stages read it through :func:`english` when they are imported, with their lists' case and order kept.

Entries are case-folded. An entry ending in ``*`` is a stem that matches any word starting with it (how the
packs cover the case endings of inflected languages without listing every form); other entries match whole
words. Multi-word entries match a phrase of words joined by single spaces.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

V = TypeVar("V")

_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "lang"
MIN_STEM = 3
_MEMO_SIZE = 65536


class Lexicon(Generic[V]):
    """Whole words and stems (``word*``) mapped to values; ``get`` answers the longest stem that matches."""

    __slots__ = ("_exact", "_heads", "_memo", "_stem_lengths", "_stem_starts", "_stems", "max_words")

    def __init__(self, entries: Mapping[str, V]) -> None:
        self._exact: dict[str, V] = {}
        self._stems: dict[str, V] = {}
        for raw, value in entries.items():
            key = " ".join(raw.casefold().split())
            if key.endswith("*") and len(key) > MIN_STEM:
                self._stems.setdefault(key[:-1], value)
            elif key and not key.endswith("*"):
                self._exact.setdefault(key, value)
        self._stem_lengths = sorted({len(stem) for stem in self._stems}, reverse=True)
        # every stem has at least MIN_STEM letters: a word whose first ones open no stem matches none
        self._stem_starts = frozenset(stem[:MIN_STEM] for stem in self._stems)
        self._memo: dict[str, tuple[V | None]] = {}  # word -> its stem answer: a word is matched once
        self._heads = frozenset(key.split(" ", 1)[0] for key in (*self._exact, *self._stems) if " " in key)
        self.max_words = max((key.count(" ") + 1 for key in (*self._exact, *self._stems)), default=1)

    @classmethod
    def of_words(cls, words: Iterable[str]) -> Lexicon[bool]:
        return Lexicon(dict.fromkeys(words, True))

    def get(self, word: str) -> V | None:
        memo = self._memo.get(word)
        if memo is not None:
            return memo[0]
        found = self._exact.get(word)
        if found is not None or word[:MIN_STEM] not in self._stem_starts:
            return found
        size = len(word)
        for length in self._stem_lengths:
            if length <= size:
                found = self._stems.get(word[:length])
                if found is not None:
                    break
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()  # bounded: a long-lived Lambda environment sees an open vocabulary
        self._memo[word] = (found,)
        return found

    def get_phrase(self, phrase: str) -> V | None:
        """Like :meth:`get`, but a stem answers only when it reaches past the phrase's first word: so
        "доллар*" gives nothing for "долларов и", while "долларов сша" and "us-dollar*" still answer."""
        found = self._exact.get(phrase)
        if found is not None or " " not in phrase:
            return found if found is not None else (self.get(phrase) if " " not in phrase else None)
        first = phrase.index(" ")
        if phrase[:first] not in self._heads:
            return None
        for length in self._stem_lengths:
            if first < length <= len(phrase):
                found = self._stems.get(phrase[:length])
                if found is not None:
                    return found
        return None

    def opens_phrase(self, word: str) -> bool:
        """Whether some entry of several words starts with ``word`` (else :meth:`get_phrase` of any phrase
        that ``word`` opens is None, and the phrase need not be built)."""
        return word in self._heads

    def get_exact(self, word: str) -> V | None:
        """The value of ``word`` as a whole entry, never through a stem (an abbreviation with its dot)."""
        return self._exact.get(word)

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __bool__(self) -> bool:
        return bool(self._exact or self._stems)


class LexiconIndex:
    """Which of several word lexicons (:meth:`Lexicon.of_words`) match a word, in their order: one lookup of
    the whole word and one pass over the union of their stem lengths, not one :meth:`Lexicon.get` each (a
    pack's seventeen topic cue lists were a fifth of reading a non-English article's new words)."""

    __slots__ = ("_exact", "_keys", "_stem_lengths", "_stem_starts", "_stems")

    def __init__(self, lexicons: Mapping[str, Lexicon[bool]]) -> None:
        self._keys = tuple(lexicons)
        exact: dict[str, set[int]] = {}
        stems: dict[str, set[int]] = {}
        for index, lexicon in enumerate(lexicons.values()):
            for word, value in lexicon._exact.items():
                if value:
                    exact.setdefault(word, set()).add(index)
            for stem, value in lexicon._stems.items():
                if value:
                    stems.setdefault(stem, set()).add(index)
        self._exact = {word: frozenset(found) for word, found in exact.items()}
        self._stems = {stem: frozenset(found) for stem, found in stems.items()}
        self._stem_lengths = sorted({len(stem) for stem in self._stems}, reverse=True)
        self._stem_starts = frozenset(stem[:MIN_STEM] for stem in self._stems)

    def matching(self, word: str) -> tuple[str, ...]:
        """The keys of the lexicons in which ``word`` is an entry or starts with a stem of theirs."""
        found: frozenset[int] = self._exact.get(word, frozenset())
        if word[:MIN_STEM] in self._stem_starts:
            size = len(word)
            for length in self._stem_lengths:
                if length <= size:
                    found = found | self._stems.get(word[:length], frozenset())
        return tuple(self._keys[index] for index in sorted(found))


class CompoundLexicon(Lexicon[V]):
    """Heads of a language that writes compounds as one word, the head last (German): a stem matches a
    word only with an inflection ending after it ("Ministeriums", not "Parteichef" or "Polizeisprecher":
    there the stem is the front of a compound with another head)."""

    __slots__ = ("_inflected_memo", "_max_ending")

    def __init__(self, entries: Mapping[str, V], max_ending: int) -> None:
        super().__init__(entries)
        self._max_ending = max_ending
        self._inflected_memo: dict[str, tuple[V | None]] = {}

    def get(self, word: str) -> V | None:
        memo = self._inflected_memo.get(word)
        if memo is not None:
            return memo[0]
        found = self._exact.get(word)
        if found is None:
            found = next(
                (
                    self._stems[word[:length]]
                    for length in self._stem_lengths
                    if length <= len(word) <= length + self._max_ending and word[:length] in self._stems
                ),
                None,
            )
        if len(self._inflected_memo) >= _MEMO_SIZE:
            self._inflected_memo.clear()
        self._inflected_memo[word] = (found,)
        return found


def _inverted(groups: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """``{"DE": ["германи*", "фрг"]}`` -> ``{"германи*": "DE", "фрг": "DE"}``."""
    return {form: key for key, forms in groups.items() for form in forms}


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    scripts: tuple[str, ...]
    decimal_separator: str
    thousands_separators: tuple[str, ...]
    stopwords: frozenset[str]
    not_names: frozenset[str]
    abbreviations: frozenset[str]
    honorifics: Lexicon[bool]
    role_words: Lexicon[bool]
    role_modifiers: Lexicon[bool]
    org_heads: Lexicon[bool]
    place_heads: Lexicon[bool]
    name_particles: frozenset[str]
    org_connectors: frozenset[str]
    demonyms: Lexicon[str]
    countries: Lexicon[str]
    cities: Lexicon[str]
    months: Lexicon[int]
    weekdays: Lexicon[int]
    relative_days: Lexicon[int]
    number_words: Lexicon[int]
    scales: Lexicon[float]
    currencies: Lexicon[str]
    reporting_verbs: Lexicon[bool]
    quote_pairs: tuple[tuple[str, str], ...]
    dash_dialogue: bool
    agencies: tuple[str, ...]
    topic_cues: Mapping[str, Lexicon[bool]]
    tone_positive: tuple[str, ...]
    tone_negative: tuple[str, ...]
    keyword_stop: Lexicon[bool]
    capitalises_nouns: bool = False
    compound_words: bool = (
        False  # compounds are one word, head last (de): "Naturschutzbund" has the head "bund"
    )
    # optional, for organisation names longer than their capitalised words (pipeline/polyglot.py)
    org_tail_connectors: frozenset[str] = frozenset()  # "of" words inside a name's tail: de, du, di, по
    genitive_tails: bool = False  # complements follow a head in the genitive, no preposition (ru, uk, pl)
    tail_joiners: frozenset[str] = frozenset()  # "and" words joining two genitive complements ("... та ...")
    head_final: bool = False  # the head closes the name (tr, kk): no tails
    verb_endings: tuple[str, ...] = ()  # endings of a verb's dictionary form (its infinitive)
    adjective_endings: tuple[str, ...] = ()  # endings of adjectives and participles (never a finite verb)
    # [oblique, nominative] endings of personal names (Russian genitive -oy -> -a), longest first
    name_endings: tuple[tuple[str, str], ...] = ()
    # case suffixes joined to names where no lemmatiser knows them (kk: -tyń, -ǵa, -men), longest first
    name_suffixes: tuple[str, ...] = ()
    # each case suffix with the last letters of a stem that takes it (vowel harmony and assimilation: Kazakh
    # "-tyń" only after a voiceless consonant, so "Nursultan" holds no "-tan"), longest first
    name_suffix_rules: tuple[tuple[str, frozenset[str]], ...] = ()
    # endings of family names and patronymics, before any case suffix (kk: -ov, -eva, -uly, -qyzy)
    surname_endings: tuple[str, ...] = ()
    # case suffixes of name_suffix_rules that close a name: a word with one ends it, the next word opens
    # another ("Kezdesýde | Almaz Toqtarov"); the genitive is not among them ("Qazaqstannyń Ulttyq bank")
    closing_suffixes: frozenset[str] = frozenset()
    # where the head closes the name, only its first word may be capitalised: the lower-case words up to the
    # head are part of it (kk: "Ulttyq bank", not "Ulttyq Bank")
    lower_case_heads: bool = False
    # nouns that, written after a quoted name, say it names a prize, a work, an event or a programme, not a
    # body (kk: «X» jobasy, «X» baǵdarlamasy)
    quoted_non_org_heads: Lexicon[bool] = field(default_factory=lambda: Lexicon({}))
    # heads that only say what kind of body the name before them is (kk: "World Boxing uiymy" is World Boxing)
    classifier_heads: Lexicon[bool] = field(default_factory=lambda: Lexicon({}))
    # "named after": a name before it opens a body's name that runs to the head (kk: "X atyndagy ... teatry")
    named_after: frozenset[str] = frozenset()
    # copulas between a title in the instrumental and the name it gives ("директором фірми є Іван Петренко")
    role_copulas: frozenset[str] = frozenset()
    # a short capitalised phrase in quotation marks is an organisation's name (ru, uk, kk: «Газпром»)
    quoted_names: bool = False
    # names take case endings (ru, uk, pl, de, tr, kk); false (fr, es, it, pt): every written form is the name's own
    inflected_names: bool = True
    # a short word before an apostrophe is an elided article or preposition ("l'Assemblée"); false where the
    # apostrophe joins a suffix to a name (tr: "Ali'nin") or is a letter of the word (uk: "зв'язку")
    elisions: bool = True
    # how the document cuts tokens: "generic", or "english" (acronyms with dots, titles with their dot from
    # ``dotted_titles``, a possessive "'s" its own token; see ``document._english_grammar``)
    segmentation: str = "generic"
    dotted_titles: tuple[str, ...] = ()
    cue_weights: Mapping[str, float] = field(default_factory=dict)
    # definite articles and their contractions with prepositions ("il", "della", "dell'"): where names of
    # people take none, a name after one is a body's (fr, es, it, pt: "del Foglio", "della Lazio")
    articles: frozenset[str] = frozenset()
    # articles that open a title's name when written before it ("La Stampa", "The Guardian", "Le Monde"):
    # an organisation's name after one is also given with it
    name_articles: frozenset[str] = frozenset()
    # plural definite articles before a family's name ("les Cooper", "los Borbón"): a single name after one
    # is a family, not a body's
    family_articles: frozenset[str] = frozenset()
    # organisation heads only when written with a capital ("Casa Bianca", "Casa Real"; not "una casa di Roma")
    capital_heads: frozenset[str] = frozenset()
    subunits: Lexicon[str] = field(default_factory=lambda: Lexicon({}))

    def is_function_word(self, lower: str) -> bool:
        return lower in self.stopwords


def _pack_from(data: Mapping[str, object]) -> LanguagePack:
    def words(key: str) -> list[str]:
        value = data.get(key, [])
        return [str(item) for item in value] if isinstance(value, list) else []

    def mapping(key: str) -> dict[str, object]:
        value = data.get(key, {})
        return dict(value) if isinstance(value, dict) else {}

    def folded(key: str) -> frozenset[str]:
        return frozenset(" ".join(w.casefold().split()) for w in words(key))

    topic_cues = {
        f"medtop:{code}": Lexicon.of_words(str(w) for w in cues)
        for code, cues in mapping("topic_cues").items()
        if isinstance(cues, list)
    }
    tone = mapping("tone")
    pairs = tuple(
        (str(pair[0]), str(pair[1]))
        for pair in data.get("quote_pairs", [])  # type: ignore[attr-defined]
        if isinstance(pair, list) and len(pair) == 2
    )
    return LanguagePack(
        code=str(data["code"]),
        name=str(data.get("name", data["code"])),
        scripts=tuple(words("scripts")),
        decimal_separator=str(data.get("decimal_separator", ".")),
        thousands_separators=tuple(words("thousands_separators")),
        stopwords=folded("stopwords"),
        not_names=folded("not_names"),
        abbreviations=folded("abbreviations"),
        honorifics=Lexicon.of_words(words("honorifics")),
        role_words=Lexicon.of_words(words("role_words")),
        role_modifiers=Lexicon.of_words(words("role_modifiers")),
        org_heads=_org_heads(data, words("org_heads")),
        place_heads=Lexicon.of_words(words("place_heads")),
        name_particles=folded("name_particles"),
        org_connectors=folded("org_connectors"),
        demonyms=Lexicon({k: str(v) for k, v in mapping("demonyms").items()}),
        countries=Lexicon(
            _inverted({k: v for k, v in mapping("country_forms").items() if isinstance(v, list)})
        ),
        cities=Lexicon({k: str(v) for k, v in mapping("city_forms").items()}),
        months=Lexicon({k: int(str(v)) for k, v in mapping("months").items()}),
        weekdays=Lexicon({k: int(str(v)) for k, v in mapping("weekdays").items()}),
        relative_days=Lexicon({k: int(str(v)) for k, v in mapping("relative_days").items()}),
        number_words=Lexicon({k: int(float(str(v))) for k, v in mapping("number_words").items()}),
        scales=Lexicon({k: float(str(v)) for k, v in mapping("scale_words").items()}),
        currencies=Lexicon({k: str(v) for k, v in mapping("currency_words").items()}),
        reporting_verbs=Lexicon.of_words(words("reporting_verbs")),
        quote_pairs=pairs or (("\u201c", "\u201d"), ('"', '"')),
        dash_dialogue=bool(data.get("dash_dialogue", False)),
        agencies=tuple(words("dateline_agencies")),
        topic_cues=topic_cues,
        tone_positive=tuple(str(w) for w in tone.get("positive", []) or []),  # type: ignore[attr-defined]
        tone_negative=tuple(str(w) for w in tone.get("negative", []) or []),  # type: ignore[attr-defined]
        keyword_stop=Lexicon.of_words(words("keyword_stop")),
        capitalises_nouns=bool(data.get("capitalises_nouns", False)),
        compound_words=bool(data.get("compound_words", False)),
        subunits=Lexicon({k: str(v) for k, v in mapping("subunit_words").items()}),
        org_tail_connectors=folded("org_tail_connectors"),
        articles=frozenset(w.replace("\u2019", "'") for w in folded("articles")),
        name_articles=frozenset(w.replace("\u2019", "'") for w in folded("name_articles")),
        family_articles=folded("family_articles"),
        capital_heads=folded("capital_heads"),
        genitive_tails=bool(data.get("genitive_tails", False)),
        tail_joiners=folded("tail_joiners"),
        head_final=bool(data.get("head_final", False)),
        quoted_names=bool(data.get("quoted_names", False)),
        inflected_names=bool(data.get("inflected_names", True)),
        elisions=bool(data.get("elisions", True)),
        segmentation=str(data.get("segmentation", "generic")),
        dotted_titles=tuple(words("dotted_titles")),
        verb_endings=tuple(words("verb_endings")),
        adjective_endings=tuple(words("adjective_endings")),
        role_copulas=frozenset(word.casefold() for word in words("role_copulas")),
        name_suffixes=tuple(sorted(words("name_suffixes"), key=lambda suffix: -len(suffix))),
        name_suffix_rules=_suffix_rules(mapping("name_sound_classes"), mapping("name_suffix_rules")),
        surname_endings=tuple(w.casefold() for w in words("surname_endings")),
        closing_suffixes=folded("closing_suffixes"),
        lower_case_heads=bool(data.get("lower_case_heads", False)),
        quoted_non_org_heads=Lexicon.of_words(words("quoted_non_org_heads")),
        classifier_heads=Lexicon.of_words(words("classifier_heads")),
        named_after=folded("named_after"),
        name_endings=tuple(
            sorted(
                (
                    (str(pair[0]), str(pair[1]))
                    for pair in data.get("name_endings", [])  # type: ignore[attr-defined]
                    if isinstance(pair, list) and len(pair) == 2
                ),
                key=lambda pair: -len(pair[0]),
            )
        ),
    )


def _suffix_rules(
    classes: Mapping[str, object], rules: Mapping[str, object]
) -> tuple[tuple[str, frozenset[str]], ...]:
    """``{"tyń": ["voiceless"]}`` with ``{"voiceless": "kqpst..."}`` -> ``(("tyń", {"k", "q", ...}),)``."""
    letters = {name: frozenset(str(value)) for name, value in classes.items()}
    out = [
        (suffix, frozenset().union(*(letters.get(str(name), frozenset()) for name in names)))
        for suffix, names in rules.items()
        if isinstance(names, list)
    ]
    return tuple(sorted(out, key=lambda rule: -len(rule[0])))


def _org_heads(data: Mapping[str, object], heads: list[str]) -> Lexicon[bool]:
    if not data.get("compound_words"):
        return Lexicon.of_words(heads)
    return CompoundLexicon(dict.fromkeys(heads, True), _INFLECTION_MAX)


_INFLECTION_MAX = 3  # letters of a case or plural ending after a German stem: "-s", "-es", "-en", "-ern"


@cache
def supported_languages() -> frozenset[str]:
    """Languages with a pack: their articles get every record field."""
    return frozenset(path.stem for path in _DATA_DIR.glob("*.json"))


@cache
def lemma_languages() -> frozenset[str]:
    """The languages whose simplemma dictionaries the layer keeps and indexes: one list
    (data/lemma_languages.json), read by the pipeline, ``make venv`` and the layer build, which reads the
    file as data because it cannot import the pipeline it packages."""
    path = _DATA_DIR.parent / "lemma_languages.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8")))


@cache
def _pack_data(code: str) -> Mapping[str, Any]:
    with (_DATA_DIR / f"{code}.json").open(encoding="utf-8") as handle:
        data: Mapping[str, Any] = json.load(handle)
        return data


@cache
def load_pack(code: str) -> LanguagePack | None:
    """The pack of a language, read on first use; ``None`` for a language without one."""
    if code not in supported_languages():
        return None
    return _pack_from(_pack_data(code))


class StageWords:
    """A pack's lists as written, for the English stages: order kept (a list's order can decide which
    entry wins, or how a regular expression built from it matches) and case kept (the English stages
    read capitalisation as evidence: "May" is a month, "may" is not)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    def ordered(self, key: str) -> tuple[str, ...]:
        """The entries of a list key in the pack's order."""
        value = self._data[key]
        if not isinstance(value, list):
            raise TypeError(f"pack key {key!r} is not a list")
        return tuple(str(item) for item in value)

    def words(self, key: str) -> frozenset[str]:
        return frozenset(self.ordered(key))

    def table(self, key: str) -> dict[str, Any]:
        """A mapping key (``{"thousand": 1000}``) in the pack's order."""
        value = self._data[key]
        if not isinstance(value, dict):
            raise TypeError(f"pack key {key!r} is not a mapping")
        return dict(value)

    def forms(self, key: str) -> dict[int, tuple[str, ...]]:
        """The forms of each value of a mapping key (months, weekdays), in the pack's order: the first is
        the full name ("january"), the others its abbreviations ("jan")."""
        grouped: dict[int, list[str]] = {}
        for form, value in self.table(key).items():
            grouped.setdefault(int(value), []).append(form)
        return {value: tuple(forms) for value, forms in grouped.items()}

    def longest_first(self, key: str) -> tuple[str, ...]:
        """Every form of a mapping key, value by value, each value's longest form first: the order of a
        regular expression's alternatives that must try "september" before "sept" and "sep"."""
        return tuple(
            form for forms in self.forms(key).values() for form in sorted(forms, key=len, reverse=True)
        )

    def names(self, key: str) -> tuple[str, ...]:
        """The full name of each value of a mapping key, capitalised as English writes it ("January")."""
        return tuple(forms[0].capitalize() for forms in self.forms(key).values())

    def abbreviations(self, key: str) -> tuple[str, ...]:
        """The other forms of each value of a mapping key, capitalised ("Jan", "Sept"), in the pack's order."""
        return tuple(form.capitalize() for forms in self.forms(key).values() for form in forms[1:])


@cache
def english() -> StageWords:
    """English's pack for the English stages, read once per process (on the first import of a stage)."""
    return StageWords(_pack_data("en"))


# fastText confuses the Turkic languages written in Latin script (Kazakh in its Latin alphabets is read as
# Turkish or Uzbek): among these, the pack whose function words cover most of the text decides.
CONFUSABLE_GROUPS = (frozenset({"tr", "kk", "uz", "az", "ky", "tk", "tt", "ba"}),)
MIN_STOPWORD_SHARE = 0.08
# A language without a pack is re-read as a pack's only when that pack's function-word share is over 3x the
# next pack's. Measured 2026-12-07: Kazakh in Latin script 14x; close neighbours without a pack stay below
# 2x (Belarusian uk/ru 1.9, Catalan es/fr 1.5, Serbian ru/uk 1.6, Bulgarian 1.2, Galician is detected as pt).
NO_PACK_MARGIN = 3.0


def refine_language(language: str, words: list[str]) -> str:
    """The detected language, or a pack whose function words the text uses far more.

    Two cases: the detector's guess is in a confusable group (Turkic languages in Latin script) and another
    pack of the group fits better; or the guess has no pack and one pack clearly fits (a detector that has
    seen little Kazakh in Latin script calls some of it Estonian). English is never refined, nor a refinement.
    """
    if not words or language == "en":
        return language
    refinable = supported_languages() - {"en"}  # English is told by the detector alone, never by packs
    group = next((g for g in CONFUSABLE_GROUPS if language in g), None)
    if group is not None:
        candidates = group & refinable
    elif language not in supported_languages():
        candidates = refinable
    else:
        return language
    shares: dict[str, float] = {}
    for code in sorted(candidates):
        pack = load_pack(code)
        if pack is not None:
            shares[code] = sum(1 for w in words if w in pack.stopwords) / len(words)
    if not shares:
        return language
    ranked = sorted(shares, key=lambda code: -shares[code])
    best = ranked[0]
    if group is None:  # a guess outside the packs: the best pack must stand out from every other
        runner_up = shares[ranked[1]] if len(ranked) > 1 else 0.0
        clear = shares[best] >= MIN_STOPWORD_SHARE and shares[best] > NO_PACK_MARGIN * runner_up
        return best if clear else language
    if (
        best != language
        and shares[best] >= MIN_STOPWORD_SHARE
        and shares[best] > 1.5 * shares.get(language, 0.0)
    ):
        return best
    return language
