# ruff: noqa: RUF001  # typographic apostrophes and Cyrillic names are this script's data
"""Build shared/article_pipeline/data/lang/places/<code>.tsv: localised place names for each language pack.

From the Unicode CLDR data that babel ships (babel is a development-time dependency here; the files are
plain text read by ``pipeline/placenames.py``, no babel at run time):

- the names of every country and territory (ISO 3166-1 alpha-2) and of the UN M49 world regions
  (continents and sub-continents: "Europa", "Afryka", "Юго-Восточная Азия"), in the language;
- the exemplar city of every time zone (about 420 capitals and major cities: "Katmandou", "Йоганнесбурґ"),
  in the language where CLDR localises it, else its English name (Latin-script languages only);
- plus the first-level subdivisions of the language's own countries (``SUBDIVISIONS`` below) and the
  macro-regions news names by a set phrase ("Bliski Wschód", "Proche-Orient": ``MACRO_REGIONS``): general
  knowledge, not taken from any evaluation text.

Left out: the world as a whole ("весь мир"), supranational unions (the EU is an organisation), Antarctic
stations and the small towns that only name a US time zone (America/Indiana/..., America/North_Dakota/...),
and single words that are the pack's function words or a given name or surname of the public name lists
(unless the pack already lists the city), so that a person called Victoria or Davis stays a person.

Run:  .venv/bin/python scripts/build_place_names.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel import Locale
from babel.core import get_global

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "shared"))

from article_pipeline.pipeline import gazetteer as gz  # noqa: E402

LANG_DIR = ROOT / "shared" / "article_pipeline" / "data" / "lang"
OUT_DIR = LANG_DIR / "places"
LANGUAGES = ("ru", "uk", "kk", "de", "fr", "es", "it", "pt", "tr", "pl")
SKIP_TERRITORIES = frozenset(
    {"001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AQ", "EA"}
)  # EA: "Ceuta and Melilla"
SKIP_ZONE_PREFIXES = ("Antarctica/", "America/Indiana/", "America/North_Dakota/", "America/Kentucky/", "Etc/")

# First-level subdivisions of each language's own countries, as that language's press writes them.
SUBDIVISIONS: dict[str, dict[str, list[str]]] = {
    "es": {
        "ES": ["Andalucía", "Aragón", "Asturias", "Baleares", "Islas Baleares", "Canarias", "Islas Canarias",
               "Cantabria", "Castilla y León", "Castilla-La Mancha", "Cataluña", "Comunidad Valenciana",
               "Extremadura", "Galicia", "La Rioja", "Navarra", "País Vasco", "Euskadi", "Murcia",
               "Región de Murcia", "Comunidad de Madrid", "Ceuta", "Melilla"],
    },
    "it": {
        "IT": ["Abruzzo", "Basilicata", "Calabria", "Campania", "Emilia-Romagna", "Friuli-Venezia Giulia",
               "Lombardia", "Liguria", "Marche", "Molise", "Piemonte", "Puglia", "Sardegna", "Sicilia",
               "Toscana", "Trentino-Alto Adige", "Umbria", "Valle d'Aosta", "Veneto"],
    },
    "de": {
        "DE": ["Baden-Württemberg", "Bayern", "Brandenburg", "Hessen", "Mecklenburg-Vorpommern",
               "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland", "Sachsen",
               "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen"],
        "AT": ["Burgenland", "Kärnten", "Niederösterreich", "Oberösterreich", "Steiermark", "Tirol",
               "Vorarlberg"],
    },
    "fr": {
        "FR": ["Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse",
               "Grand Est", "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie",
               "Pays de la Loire", "Provence-Alpes-Côte d'Azur", "Alsace", "Lorraine", "Provence"],
    },
    "pt": {
        "BR": ["Acre", "Alagoas", "Amapá", "Amazonas", "Bahia", "Ceará", "Distrito Federal", "Espírito Santo",
               "Goiás", "Maranhão", "Mato Grosso", "Mato Grosso do Sul", "Minas Gerais", "Pará", "Paraíba",
               "Paraná", "Pernambuco", "Piauí", "Rio Grande do Norte", "Rio Grande do Sul", "Rondônia",
               "Roraima", "Santa Catarina", "Sergipe", "Tocantins"],
        "PT": ["Algarve", "Alentejo", "Açores", "Madeira", "Minho"],
    },
    "pl": {
        "PL": ["Dolny Śląsk", "Górny Śląsk", "Śląsk", "Pomorze", "Mazowsze", "Małopolska", "Wielkopolska",
               "Podkarpacie", "Podlasie", "Warmia", "Mazury", "Kujawy", "Lubelszczyzna"],
    },
    "tr": {
        "TR": ["Marmara", "Ege", "Akdeniz", "Karadeniz", "İç Anadolu", "Doğu Anadolu", "Güneydoğu Anadolu",
               "Anadolu", "Trakya"],
    },
    "ru": {
        "RU": ["Сибирь", "Урал", "Кавказ", "Северный Кавказ", "Дальний Восток", "Поволжье", "Подмосковье",
               "Дагестан", "Чечня", "Татарстан", "Башкирия", "Башкортостан", "Якутия", "Крым", "Кубань",
               "Приморье", "Карелия", "Бурятия", "Ингушетия", "Чукотка", "Камчатка", "Сахалин"],
    },
    "uk": {
        "UA": ["Донбас", "Крим", "Галичина", "Закарпаття", "Поділля", "Волинь", "Буковина", "Слобожанщина",
               "Полісся", "Таврія", "Прикарпаття", "Приазов'я", "Причорномор'я"],
    },
    "kk": {"KZ": []},
}  # fmt: skip


# Regions that news names by a fixed phrase CLDR does not list (no country), and short names of countries
# whose CLDR name is the long one, with their inflected forms where the stem changes (Polish ó/o).
MACRO_REGIONS: dict[str, dict[str, list[str]]] = {
    "ru": {"": ["Ближний Восток", "Средний Восток", "Дальний Восток", "Балканы", "Скандинавия", "Закавказье",
                "Прибалтика", "Персидский залив"], "ZA": ["ЮАР"], "AE": ["Эмираты"]},
    "uk": {"": ["Близький Схід", "Далекий Схід", "Балкани", "Скандинавія", "Закавказзя", "Прибалтика",
                "Перська затока"], "ZA": ["Південна Африка", "ПАР"], "AE": ["Емірати"]},
    "kk": {"": []},
    "de": {"": ["Naher Osten", "Nahost", "Mittlerer Osten", "Ferner Osten", "Balkan", "Skandinavien",
                "Kaukasus", "Baltikum", "Persischer Golf"], "AE": ["Emirate"]},
    "fr": {"": ["Proche-Orient", "Moyen-Orient", "Extrême-Orient", "Balkans", "Scandinavie", "Caucase",
                "pays baltes", "golfe Persique", "Maghreb"], "AE": ["Emirats", "Émirats"]},
    "es": {"": ["Oriente Medio", "Oriente Próximo", "Extremo Oriente", "Lejano Oriente", "Balcanes",
                "Escandinavia", "Cáucaso", "Golfo Pérsico", "Magreb"], "AE": ["Emiratos"]},
    "it": {"": ["Medio Oriente", "Vicino Oriente", "Estremo Oriente", "Balcani", "Scandinavia", "Caucaso",
                "Golfo Persico", "Maghreb"], "AE": ["Emirati"]},
    "pt": {"": ["Oriente Médio", "Médio Oriente", "Extremo Oriente", "Bálcãs", "Balcãs", "Escandinávia",
                "Cáucaso", "Golfo Pérsico", "Magrebe"], "AE": ["Emirados"]},
    "tr": {"": ["Orta Doğu", "Ortadoğu", "Uzak Doğu", "Balkanlar", "İskandinavya", "Kafkasya", "Basra Körfezi"],
           "AE": ["Emirlikler"]},
    "pl": {"": ["Bliski Wschód", "Bliskiego Wschodu", "Bliskim Wschodzie", "Daleki Wschód",
                "Dalekiego Wschodu", "Dalekim Wschodzie", "Bałkany", "Skandynawia", "Kaukaz", "Zatoka Perska",
                "Zatoce Perskiej"], "AE": ["Emiraty"]},
}  # fmt: skip


def _pack_words(code: str) -> tuple[set[str], dict[str, str]]:
    pack = json.loads((LANG_DIR / f"{code}.json").read_text(encoding="utf-8"))
    function = {w.casefold() for key in ("stopwords", "not_names") for w in pack.get(key, [])}
    return function, {k.casefold(): v for k, v in pack.get("city_forms", {}).items()}


def build(code: str) -> dict[str, str]:
    locale = Locale(code)
    function_words, pack_cities = _pack_words(code)
    latin = locale.character_order is not None and code not in ("ru", "uk", "kk")
    names: dict[str, str] = {}

    def add(name: str, country: str, *, guard: bool) -> None:
        key = " ".join(name.replace("\u02bc", "'").replace("’", "'").split())
        low = key.casefold()
        if not key or low in function_words:
            return
        single = " " not in key and "-" not in key
        if guard and single and low not in pack_cities and (gz.is_first_name(key) or gz.is_surname(key)):
            return
        names.setdefault(key, country)

    for territory, name in sorted(locale.territories.items()):
        if territory in SKIP_TERRITORIES:
            continue
        country = territory if len(territory) == 2 and territory.isalpha() else ""
        add(name, country, guard=False)
    zones: dict[str, str] = get_global("zone_territories")
    localised = locale.time_zones
    for zone, territory in sorted(zones.items()):
        if zone.startswith(SKIP_ZONE_PREFIXES) or territory in SKIP_TERRITORIES or "/" not in zone:
            continue
        city = localised.get(zone, {}).get("city")
        if city is None and latin:
            city = zone.rsplit("/", 1)[-1].replace("_", " ")
        if city:
            add(city, territory, guard=True)
    for country, regions in MACRO_REGIONS.get(code, {}).items():
        for region in regions:
            add(region, country, guard=False)
    for country, regions in SUBDIVISIONS.get(code, {}).items():
        for region in regions:
            add(region, country, guard=False)
    return names


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for code in LANGUAGES:
        names = build(code)
        lines = [f"# {code}: localised place names (CLDR via babel, see scripts/build_place_names.py)"]
        lines += [
            f"{name}\t{country}" for name, country in sorted(names.items(), key=lambda kv: kv[0].casefold())
        ]
        (OUT_DIR / f"{code}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(code, len(names))


if __name__ == "__main__":
    main()
