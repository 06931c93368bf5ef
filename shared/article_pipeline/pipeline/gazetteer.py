# ruff: noqa: RUF001  # typographic quotes, dashes and look-alike letters are what this module matches
"""Gazetteers for entity extraction: places with ISO country codes, demonyms, personal names.

The large tables are compact files under ``article_pipeline/data`` built from public data by
``scripts/build_entity_data.py`` (sources and licences in ``data/README.md``); the small hand
tables below hold general knowledge that those sources lack (common English names of countries,
demonyms, macro-regions). Everything is loaded once per process, lazily.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from itertools import filterfalse
from pathlib import Path

from article_pipeline.pipeline.memo import memoized

# Look-alike letters from Cyrillic and Greek that are folded to Latin inside mostly-Latin words.
_CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "ѕ": "s",
        "і": "i",
        "ј": "j",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ё": "e",
        "ү": "y",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "У": "Y",
        "Х": "X",
        "Ѕ": "S",
        "І": "I",
        "Ј": "J",
        "Ү": "Y",
        "Ԛ": "Q",
        "Ԝ": "W",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
        "ο": "o",
        "ν": "v",
        "α": "a",
        "ι": "i",
        "κ": "k",
        "ρ": "p",
    }
)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F]")
_CONFUSABLE_LETTER = re.compile("[" + "".join(re.escape(chr(code)) for code in _CONFUSABLES) + "]")
_WORD_WITH_CONFUSABLE = re.compile(
    "\\b\\w*?[" + "".join(re.escape(chr(code)) for code in _CONFUSABLES) + "]\\w*"
)


def fold_confusables(text: str) -> str:
    """Replace Cyrillic/Greek look-alike letters inside words that are otherwise Latin.

    Words written wholly in another script are left alone: only a word with at least one Latin
    letter and whose other-script letters all have a Latin look-alike is repaired.
    """
    if text.isascii() or _CONFUSABLE_LETTER.search(text) is None:
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if not _LATIN_LETTER.search(word):
            return word
        folded = word.translate(_CONFUSABLES)
        return folded if not _NON_LATIN_LETTER.search(folded) else word

    # Only words holding a look-alike letter can change: visiting just those keeps the common case
    # (curly quotes, accents, no Cyrillic/Greek) one C-speed scan instead of a Python call per word.
    return _WORD_WITH_CONFUSABLE.sub(fix, text)


def ascii_fold(text: str) -> str:
    """Strip accents: "São Paulo" -> "Sao Paulo"."""
    if text.isascii():
        return text  # NFKD leaves ASCII as it is
    return "".join(filterfalse(unicodedata.combining, unicodedata.normalize("NFKD", text)))


_PUNCT_TO_SPACE = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~’‘“”–—•·"})


@memoized(1 << 16)
def norm_key(text: str) -> str:
    """Comparison key: look-alikes folded, accents stripped, lowercase, punctuation as spaces."""
    if not text.isascii():
        text = ascii_fold(fold_confusables(text))
    return " ".join(text.casefold().translate(_PUNCT_TO_SPACE).split())


# Common English names of countries that the ISO and GeoNames names do not cover.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "US",
    "US": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Emirates": "AE",
    "Russia": "RU",
    "South Korea": "KR",
    "North Korea": "KP",
    "Korea": "KR",
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "Burma": "MM",
    "Myanmar": "MM",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Holland": "NL",
    "The Netherlands": "NL",
    "Netherlands": "NL",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Palestine": "PS",
    "Gaza": "PS",
    "Gaza Strip": "PS",
    "West Bank": "PS",
    "Taiwan": "TW",
    "Vietnam": "VN",
    "Laos": "LA",
    "Syria": "SY",
    "Iran": "IR",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "Timor-Leste": "TL",
    "Brunei": "BN",
    "Micronesia": "FM",
    "St. Lucia": "LC",
    "St. Kitts and Nevis": "KN",
    "Kyrgyzstan": "KG",
    "Hong Kong": "HK",
    "Macau": "MO",
    "Macao": "MO",
    "Mainland China": "CN",
    "Kosovo": "XK",
}

# Nationality adjectives and plural nouns (never places themselves) -> ISO code.
DEMONYMS: dict[str, str] = {
    "Afghan": "AF",
    "Albanian": "AL",
    "Algerian": "DZ",
    "American": "US",
    "Andorran": "AD",
    "Angolan": "AO",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Armenian": "AM",
    "Australian": "AU",
    "Austrian": "AT",
    "Azerbaijani": "AZ",
    "Azeri": "AZ",
    "Bahraini": "BH",
    "Bangladeshi": "BD",
    "Belarusian": "BY",
    "Belgian": "BE",
    "Beninese": "BJ",
    "Bhutanese": "BT",
    "Bolivian": "BO",
    "Bosnian": "BA",
    "Brazilian": "BR",
    "British": "GB",
    "Bulgarian": "BG",
    "Burkinabe": "BF",
    "Burmese": "MM",
    "Burundian": "BI",
    "Cambodian": "KH",
    "Cameroonian": "CM",
    "Canadian": "CA",
    "Chadian": "TD",
    "Chilean": "CL",
    "Chinese": "CN",
    "Colombian": "CO",
    "Congolese": "CD",
    "Croatian": "HR",
    "Croat": "HR",
    "Cuban": "CU",
    "Cypriot": "CY",
    "Czech": "CZ",
    "Danish": "DK",
    "Dane": "DK",
    "Dominican": "DO",
    "Dutch": "NL",
    "Ecuadorian": "EC",
    "Egyptian": "EG",
    "Emirati": "AE",
    "English": "GB",
    "Eritrean": "ER",
    "Estonian": "EE",
    "Ethiopian": "ET",
    "Fijian": "FJ",
    "Filipino": "PH",
    "Finnish": "FI",
    "Finn": "FI",
    "French": "FR",
    "Gabonese": "GA",
    "Gambian": "GM",
    "Georgian": "GE",
    "German": "DE",
    "Ghanaian": "GH",
    "Greek": "GR",
    "Guatemalan": "GT",
    "Guinean": "GN",
    "Haitian": "HT",
    "Honduran": "HN",
    "Hungarian": "HU",
    "Icelandic": "IS",
    "Indian": "IN",
    "Indonesian": "ID",
    "Iranian": "IR",
    "Iraqi": "IQ",
    "Irish": "IE",
    "Israeli": "IL",
    "Italian": "IT",
    "Ivorian": "CI",
    "Jamaican": "JM",
    "Japanese": "JP",
    "Jordanian": "JO",
    "Kazakh": "KZ",
    "Kazakhstani": "KZ",
    "Kenyan": "KE",
    "Korean": "KR",
    "Kosovar": "XK",
    "Kuwaiti": "KW",
    "Kyrgyz": "KG",
    "Lao": "LA",
    "Laotian": "LA",
    "Latvian": "LV",
    "Lebanese": "LB",
    "Liberian": "LR",
    "Libyan": "LY",
    "Lithuanian": "LT",
    "Luxembourgish": "LU",
    "Macedonian": "MK",
    "Malagasy": "MG",
    "Malawian": "MW",
    "Malaysian": "MY",
    "Malian": "ML",
    "Maltese": "MT",
    "Mauritanian": "MR",
    "Mexican": "MX",
    "Moldovan": "MD",
    "Mongolian": "MN",
    "Montenegrin": "ME",
    "Moroccan": "MA",
    "Mozambican": "MZ",
    "Namibian": "NA",
    "Nepali": "NP",
    "Nepalese": "NP",
    "Nicaraguan": "NI",
    "Nigerian": "NG",
    "Nigerien": "NE",
    "Norwegian": "NO",
    "Omani": "OM",
    "Pakistani": "PK",
    "Palestinian": "PS",
    "Panamanian": "PA",
    "Paraguayan": "PY",
    "Peruvian": "PE",
    "Polish": "PL",
    "Pole": "PL",
    "Portuguese": "PT",
    "Qatari": "QA",
    "Romanian": "RO",
    "Russian": "RU",
    "Rwandan": "RW",
    "Salvadoran": "SV",
    "Saudi": "SA",
    "Scottish": "GB",
    "Scot": "GB",
    "Senegalese": "SN",
    "Serbian": "RS",
    "Serb": "RS",
    "Singaporean": "SG",
    "Slovak": "SK",
    "Slovenian": "SI",
    "Somali": "SO",
    "South African": "ZA",
    "Spanish": "ES",
    "Spaniard": "ES",
    "Sri Lankan": "LK",
    "Sudanese": "SD",
    "Swedish": "SE",
    "Swede": "SE",
    "Swiss": "CH",
    "Syrian": "SY",
    "Taiwanese": "TW",
    "Tajik": "TJ",
    "Tanzanian": "TZ",
    "Thai": "TH",
    "Tibetan": "CN",
    "Togolese": "TG",
    "Tunisian": "TN",
    "Turkish": "TR",
    "Turk": "TR",
    "Turkmen": "TM",
    "Ugandan": "UG",
    "Ukrainian": "UA",
    "Uruguayan": "UY",
    "Uzbek": "UZ",
    "Venezuelan": "VE",
    "Vietnamese": "VN",
    "Welsh": "GB",
    "Yemeni": "YE",
    "Zambian": "ZM",
    "Zimbabwean": "ZW",
    "Kurdish": "",
    "Kurd": "",
    "Arab": "",
    "Arabic": "",
    "European": "",
    "Asian": "",
    "African": "",
    "Latin": "",
    "Nordic": "",
    "Scandinavian": "",
    "Balkan": "",
    "Caucasian": "",
    "Baltic": "",
    "Hispanic": "",
    "Latino": "",
    "Western": "",
    "Eastern": "",
    "Soviet": "",
    "Persian": "IR",
    "Hongkonger": "HK",
    "Catalan": "ES",
    "Basque": "ES",
    "Bavarian": "DE",
    "Quebecois": "CA",
    "Jewish": "",
    "Muslim": "",
    "Christian": "",
    "Catholic": "",
    "Sunni": "",
    "Shiite": "",
    "Shia": "",
    "Hindu": "",
    "Buddhist": "",
    "Islamic": "",
    "Pashtun": "AF",
    "Uighur": "CN",
    "Uyghur": "CN",
    "Sikh": "",
    "Protestant": "",
    "Orthodox": "",
    "Mideast": "",
    "Transatlantic": "",
}

# Named macro-regions and well-known areas that GeoNames' city and country tables do not list.
REGIONS: dict[str, str] = {
    # Former states: places of history, no country of today's ISO list
    "Soviet Union": "",
    "USSR": "",
    "U.S.S.R.": "",
    "Yugoslavia": "",
    "Czechoslovakia": "",
    "East Germany": "",
    "West Germany": "",
    "Ottoman Empire": "",
    "Roman Empire": "",
    "Austria-Hungary": "",
    "Prussia": "",
    "Rhodesia": "",
    "Zaire": "",
    "Middle East": "",
    "Near East": "",
    "Far East": "",
    "Central Asia": "",
    "Southeast Asia": "",
    "South Asia": "",
    "East Asia": "",
    "Asia-Pacific": "",
    "Asia Pacific": "",
    "Latin America": "",
    "South America": "",
    "North America": "",
    "Central America": "",
    "Sub-Saharan Africa": "",
    "West Africa": "",
    "East Africa": "",
    "North Africa": "",
    "Southern Africa": "",
    "Horn of Africa": "",
    "Eastern Europe": "",
    "Western Europe": "",
    "Central Europe": "",
    "Northern Europe": "",
    "Southern Europe": "",
    "Balkans": "",
    "Caucasus": "",
    "Caribbean": "",
    "Arctic": "",
    "Antarctica": "",
    "Scandinavia": "",
    "Gulf": "",
    "Persian Gulf": "",
    "Pacific": "",
    "Atlantic": "",
    "Mediterranean": "",
    "Sahel": "",
    "Eurasia": "",
    "Baltics": "",
    "Levant": "",
    "Mainland": "",
    "Silicon Valley": "US",
    "Wall Street": "US",
    "Midwest": "US",
    "New England": "US",
    "Capitol Hill": "US",
    "Crimea": "UA",
    "Donbas": "UA",
    "Kashmir": "",
    "Tibet": "CN",
    "Xinjiang": "CN",
    "Siberia": "RU",
    "Kurdistan": "IQ",
    "Patagonia": "",
    "Himalayas": "",
    "Alps": "",
    "Sahara": "",
    "Amazon basin": "",
    "Golan Heights": "",
    "Sinai": "EG",
    "Black Sea": "",
    "Caspian Sea": "",
    "Red Sea": "",
    "South China Sea": "",
    "North Sea": "",
    "Baltic Sea": "",
    "Indian Ocean": "",
    "Pacific Ocean": "",
    "Atlantic Ocean": "",
    "Arctic Ocean": "",
    "Strait of Hormuz": "",
    "Suez Canal": "EG",
    "Panama Canal": "PA",
    "Gulf of Mexico": "",
    "Washington DC": "US",
    "D.C.": "US",
    "DC": "US",
    "Washington, D.C.": "US",
    "Washington, DC": "US",
    "Manhattan": "US",
    "Brooklyn": "US",
    "Bronx": "US",
    "Queens": "US",
    "Hollywood": "US",
    "Westminster": "GB",
    "Downing Street": "GB",
    "Whitehall": "GB",
    "Kremlin": "RU",
    # Facilities that news names alone, as places (airports, stadiums, venues, landmarks, prisons)
    "Heathrow": "GB",
    "Gatwick": "GB",
    "Stansted": "GB",
    "O'Hare": "US",
    "LaGuardia": "US",
    "Changi": "SG",
    "Schiphol": "NL",
    "Narita": "JP",
    "Haneda": "JP",
    "Wembley": "GB",
    "Anfield": "GB",
    "Old Trafford": "GB",
    "Camp Nou": "ES",
    "Santiago Bernabéu": "ES",
    "Bernabeu": "ES",
    "San Siro": "IT",
    "Maracanã": "BR",
    "Maracana": "BR",
    "Wrigley Field": "US",
    "Lambeau Field": "US",
    "Madison Square Garden": "US",
    "Roland Garros": "FR",
    "Flushing Meadows": "US",
    "Silverstone": "GB",
    "Guantanamo": "CU",
    "Guantánamo": "CU",
    "Alcatraz": "US",
    "Mar-a-Lago": "US",
    "Ground Zero": "US",
    "Big Ben": "GB",
    "Buckingham Palace": "GB",
    "Élysée Palace": "FR",
    "Elysee Palace": "FR",
}


@dataclass(frozen=True)
class PlaceInfo:
    country: str | None  # ISO alpha-2, None for continents and multi-country regions
    kind: str  # country, continent, region, capital, city
    population: int
    common_word: bool = False  # the name is also a frequent English word ("Reading", "Split")


_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _data_text(name: str) -> str:
    return (_DATA_DIR / name).read_text(encoding="utf-8")


@cache
def _places() -> dict[str, str]:
    """norm_key(name) -> "cc<TAB>kind<TAB>population<TAB>common" (parsed on lookup: loading stays cheap)."""
    lines = _data_text("places.tsv").split("\n")
    table = dict(line.split("\t", 1) for line in lines if line and line[0] != "#")
    for name, cc in REGIONS.items():
        table[norm_key(name)] = f"{cc}\tregion\t{10**9}\t0"
    for name, cc in COUNTRY_ALIASES.items():
        table[norm_key(name)] = f"{cc}\tcountry\t{10**9}\t0"
    for word in DEMONYMS:  # a nationality adjective is never a place ("Georgian" is not Georgia)
        table.pop(norm_key(word), None)
    return table


@cache
def _demonyms() -> dict[str, str]:
    table = {norm_key(k): v for k, v in DEMONYMS.items()}
    for k, v in list(DEMONYMS.items()):
        if k.endswith(("an", "i", "ese")) and not k.endswith("ian" + "s"):
            table[norm_key(k + "s")] = v  # plurals: Afghans, Iraqis, Americans
    return table


@cache
def _first_names() -> frozenset[str]:
    return frozenset(_data_text("first_names.txt").split())


@cache
def _surnames() -> frozenset[str]:
    return frozenset(_data_text("surnames.txt").split())


@memoized(1 << 15)  # per word: entity rules ask about the same words again and again
def lookup_place(name: str) -> PlaceInfo | None:
    """The place a name denotes, or None. Case-insensitive ("ALMATY" finds Almaty).

    A town of towns.tsv is found only by a name written without accents: its keys are folded, and a
    folded "Sänger" (German for singers) is the Californian town Sanger.
    """
    key = norm_key(name)
    info = _place_info(key)
    if info is None and key and name.isascii():
        row = _town_row(key)  # a town below places.tsv's threshold ("Macon", "Pana")
        if row is not None:
            cc, pop = row
            info = PlaceInfo(cc or None, "city", int(pop), False)
    return info


@cache
def _towns() -> list[str]:
    """towns.tsv's sorted lines ("key<TAB>cc<TAB>population"), searched by bisection: no table is built, so
    loading costs a read and a split (well under a millisecond), on the first name places.tsv lacks."""
    return _data_text("towns.tsv").split("\n")


def _town_row(key: str) -> tuple[str, str] | None:
    """(country, population) of the town whose key is ``key``, or None."""
    lines = _towns()
    probe = key + "\t"
    at = bisect_left(lines, probe)
    if at < len(lines) and lines[at].startswith(probe):
        cc, pop = lines[at][len(probe) :].split("\t")
        return cc, pop
    return None


@memoized(1 << 14)
def _place_info(key: str) -> PlaceInfo | None:
    row = _places().get(key)
    if row is None:
        return None
    cc, kind, pop, common = row.split("\t")
    return PlaceInfo(cc or None, kind, int(pop), common == "1")


@memoized(1 << 15)  # per word: entity rules ask about the same words again and again
def demonym_country(word: str) -> str | None:
    """ "Kazakh" -> "KZ"; "" for a group adjective with no single country ("European"); None if no demonym."""
    return _demonyms().get(norm_key(word))


@memoized(1 << 15)  # per word: entity rules ask about the same words again and again
def is_demonym(word: str) -> bool:
    return norm_key(word) in _demonyms()


@cache
def _known_orgs() -> frozenset[str]:
    lines = _data_text("organizations.txt").split("\n")
    return frozenset(norm_key(line) for line in lines if line.strip() and line[0] != "#")


@cache
def _common_words() -> frozenset[str]:
    return frozenset(_data_text("common_words.txt").split())


def is_common_word(word: str) -> bool:
    """An ordinary English word (wordfreq Zipf >= 3.5, lower case): "premium", "steam", "expert"."""
    return word.lower() in _common_words()


@memoized(1 << 15)  # per span: entity rules ask about the same names again and again
def is_known_org(name: str) -> bool:
    """A well-known organisation that news names alone ("Toyota", "NASA", "Goldman Sachs")."""
    return norm_key(name) in _known_orgs()


@memoized(1 << 15)  # per word: entity rules ask about the same words again and again
def is_first_name(word: str) -> bool:
    """A given name in the public names list; a hyphenated name ("Jo-Wilfried") by its first part."""
    word = ascii_fold(fold_confusables(word))
    names = _first_names()
    return word in names or ("-" in word and word.split("-", 1)[0] in names)


@memoized(1 << 15)  # per word: entity rules ask about the same words again and again
def is_surname(word: str) -> bool:
    return ascii_fold(fold_confusables(word)) in _surnames()


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 for a country, major city, region or (optionally) demonym; None if unknown.

    >>> country_code("Kazakhstan"), country_code("ALMATY"), country_code("U.S."), country_code("Kazakh")
    ('KZ', 'KZ', 'US', 'KZ')
    """
    if not name or not name.strip():
        return None
    info = lookup_place(name)
    if info is not None:
        return info.country
    return demonym_country(name) or None


def warm() -> None:
    """Load every table now (e.g. at Lambda init) instead of on the first article."""
    _places()
    _demonyms()
    _first_names()
    _surnames()
    _known_orgs()
    _common_words()
