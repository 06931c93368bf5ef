# ruff: noqa: RUF001, RUF003, SIM905  # Cyrillic case endings are this module's data, written as one string per language
"""Localised place names per language: countries, world regions, major cities and own subdivisions.

The lists are ``data/lang/places/<code>.tsv`` (``name<TAB>ISO 3166-1 alpha-2 or empty``), built from the
CLDR data by ``scripts/build_place_names.py``, read the first time an article in that language asks
(never at import). A name matches as written, by its lemma, or - in languages that inflect names
(:data:`INFLECTING`) - as an inflected form of an entry: every word shares the entry word's stem (all but
its final vowel) followed by one of the language's case endings ("Европу" / "Европа", "Afryce" / "Afryka",
"Дурбані" / "Дурбан"), never by an adjective's ending ("Женевских" is not "Женева").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path

_DIR = Path(__file__).resolve().parent.parent / "data" / "lang" / "places"
#: Languages whose place names take case endings (the stem rule above applies to them).
INFLECTING = frozenset({"ru", "uk", "pl"})
_MIN_FUZZY = 4  # entry words shorter than this match only exactly


def _fold(text: str) -> str:
    return " ".join(text.replace("\u02bc", "'").replace("\u2019", "'").casefold().split())


@cache
def _table(code: str) -> tuple[dict[str, str], dict[tuple[int, str], list[tuple[tuple[str, ...], str]]]]:
    """(folded name -> country, (words, first word's first letters) -> entries) of one language."""
    path = _DIR / f"{code}.tsv"
    exact: dict[str, str] = {}
    index: dict[tuple[int, str], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    if not path.is_file():
        return exact, index
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        name, _, country = line.partition("\t")
        key = _fold(name)
        exact.setdefault(key, country)
        words = tuple(key.split())
        index[(len(words), words[0][:3])].append((words, country))
    return exact, dict(index)


#: Case endings a place name takes in each inflecting language (nominative endings included).
CASE_ENDINGS: dict[str, frozenset[str]] = {
    "ru": frozenset("а я у ю е и ы о ь й ой ей ою ею ом ем ам ям ами ями ах ях ов ев".split()),
    "uk": frozenset("а я у ю е є і ї и о ь й ой ей ою єю ом ем ам ям ами ями ах ях ів ові еві".split()),
    "pl": frozenset("a y i u e o ę ą ie em om ach ami ów ce dze ze owi".split()),
}
#: Endings of adjectives (all genders and cases) in the languages that put them before a place head.
ADJECTIVE_ENDINGS: dict[str, tuple[str, ...]] = {
    "ru": tuple("ий ый ой ая яя ое ее ые ие ого его ому ему ым им ом ем ей ую юю ых их ыми ими".split()),
    "uk": tuple("ий ій а я е є і ого ього ому ьому ім им ої ьої ою ьою у ю их іх ими іми".split()),
    "pl": tuple(
        "ki ka kie kiego kiej kim kiemu ką ny na ne nego nej nym nemu ną wy wa we wego wej wym".split()
    ),
}
_VOWEL_FINAL = frozenset("аяоеёиыуюэьйіїєaeiouyąęó")


def _inflected(
    word: str, entry: str, code: str, adjective_endings: Sequence[str], *, modifier: bool = False
) -> bool:
    """``word`` is ``entry`` in another case: the entry's stem (a final vowel, soft sign or й dropped; in
    Polish also the consonant before it, which alternates: Afryka / Afryce) and one of the language's case
    endings."""
    if word == entry:
        return True
    endings = CASE_ENDINGS.get(code)
    if endings is None or len(entry) < _MIN_FUZZY:
        return False
    stems = [entry]
    if entry[-1] in _VOWEL_FINAL:
        stems.append(entry[:-1])
        if code == "pl" and len(entry) > _MIN_FUZZY:
            stems.append(entry[:-2])
    adjectives = ADJECTIVE_ENDINGS.get(code, ())
    if modifier and entry.endswith(adjectives):
        # an adjective of the name ("Південна Африка" / "Південній Африці", "Южная Корея" / "Южной Корее")
        return any(word.startswith(entry[:-cut]) and word.endswith(adjectives) for cut in (1, 2, 3))
    for stem in stems:
        if word.startswith(stem) and word[len(stem) :] in endings and len(word) > len(stem):
            return not any(
                len(e) >= 2 and word.endswith(e) for e in adjective_endings if len(word) > len(entry)
            )
    return False


def lookup(
    code: str,
    words: Sequence[str],
    lemma: Callable[[str], str],
    adjective_endings: Sequence[str] = (),
) -> str | None:
    """The country of the place the words name ("" for a world region), or None when they name none."""
    if not words:
        return None
    return _lookup(code, tuple(words), lemma, tuple(adjective_endings))


@lru_cache(maxsize=16384)  # per name: an article names the same places again and again
def _lookup(
    code: str, words: tuple[str, ...], lemma: Callable[[str], str], adjective_endings: tuple[str, ...]
) -> str | None:
    exact, index = _table(code)
    if not exact:
        return None
    folded = [_fold(w) for w in words]
    for key in (" ".join(folded), " ".join(_fold(lemma(w)) for w in words)):
        found = exact.get(key)
        if found is not None:
            return found
    if code not in INFLECTING:
        if code == "de" and len(folded) == 1 and folded[0].endswith("s"):
            return exact.get(folded[0][:-1])  # the genitive: "Deutschlands", "Leipzigs"
        return None
    for entry, country in index.get((len(folded), folded[0][:3]), ()):
        last = len(entry) - 1
        if all(
            _inflected(w, e, code, adjective_endings, modifier=n < last)
            for n, (w, e) in enumerate(zip(folded, entry, strict=True))
        ):
            return country
    return None


_NOMINATIVE_VOWELS = ("", "а", "я", "е", "о", "ь", "и")


def nominative_guesses(word: str, code: str) -> list[str]:
    """Dictionary forms a place name in an oblique case may have ("Дурбані" -> "Дурбан", "Рівного" ->
    "Рівне"): the word without one of the language's case or adjective endings, with or without a
    nominative vowel; the word itself first."""
    endings = CASE_ENDINGS.get(code)
    if endings is None:
        return [word]
    guesses = [word]
    low = word.casefold()
    for ending in sorted(endings | set(ADJECTIVE_ENDINGS.get(code, ())), key=len, reverse=True):
        if low.endswith(ending) and len(low) - len(ending) >= _MIN_FUZZY:
            stem = word[: len(word) - len(ending)]
            guesses.extend(stem + vowel for vowel in _NOMINATIVE_VOWELS if stem + vowel not in guesses)
    return guesses
