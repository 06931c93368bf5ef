# ruff: noqa: RUF001, RUF002  # Cyrillic letters are this module's data
"""Latin-script forms of names written in other scripts, so that one person is one key in every language.

Cyrillic follows BGN/PCGN (the romanisation of English-language news: Кошербаев -> Kosherbayev, Ермек ->
Yermek), with a second form where the continental convention differs (я -> ja, й -> j: Кая Каллас ->
Kaja Kallas as well as Kaya Kallas). anyascii gives it word-initial and post-vowel е as plain "e", which
English-language copy does not use, hence the table here. Every other script (Arabic, Greek, CJK...)
goes through anyascii (ISC licence, no dependencies), imported on first need.
"""

from __future__ import annotations

from functools import cache, lru_cache

_VOWELS = frozenset("аеёиоуыэюяіїєәөұүaeiou")
_BGN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ә": "a", "ғ": "gh", "қ": "q",
    "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ў": "w",
}  # fmt: skip
_CONTINENTAL = {"я": "ja", "ю": "ju", "й": "j", "ё": "jo", "х": "ch"}
_UKRAINIAN = {"г": "h", "и": "y"}


def _cyrillic(word: str, table: dict[str, str], *, ukrainian: bool) -> str:
    out: list[str] = []
    previous = ""
    for char in word:
        lower = char.lower()
        if lower == "е" and (not previous or previous in _VOWELS or previous in "ъь"):
            latin = "ye"
        elif ukrainian and lower in _UKRAINIAN:
            latin = _UKRAINIAN[lower]
        else:
            latin = table.get(lower, _BGN.get(lower, lower))
        if char.isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = lower if lower.isalpha() else ""
    return "".join(out)


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u052f" for c in text)


def _is_latin(text: str) -> bool:
    return all(c.isascii() or not c.isalpha() or "\u00c0" <= c <= "\u024f" for c in text)


@cache
def _anyascii() -> object:
    from anyascii import anyascii

    return anyascii


def latin_forms(name: str, language: str = "") -> list[str]:
    """Latin-script forms of a name written in another script (none for a Latin-script name)."""
    return list(_latin_forms(name, language))


@lru_cache(maxsize=16384)  # per name: an article's names are asked about again and again
def _latin_forms(name: str, language: str) -> tuple[str, ...]:
    if _is_latin(name):
        return ()
    if _is_cyrillic(name):
        ukrainian = language == "uk" or any(c in name for c in "іїєґІЇЄҐ")
        forms = [_cyrillic(name, _BGN, ukrainian=ukrainian)]
        forms.append(_cyrillic(name, {**_BGN, **_CONTINENTAL}, ukrainian=ukrainian))
        return tuple(dict.fromkeys(form for form in forms if form.strip()))
    convert = _anyascii()
    latin = str(convert(name)).strip()  # type: ignore[operator]
    return (latin,) if latin and latin != name else ()
