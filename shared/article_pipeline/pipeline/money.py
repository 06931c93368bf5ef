"""Money amounts with ISO 4217 currencies.

Rules (regular expressions over the cleaned body, no model):

- a currency marker before the number: a symbol (``$``, ``US$``, ``C$``, ``A$``, ``HK$``, ``€``, ``£``,
  ``¥``, ``₹``, ``Rs``...) or an upper-case ISO code (``USD 10m``, ``EUR 5``);
- or a currency after the number: a code (``50 EUR``) or a currency word (``45 million euro``,
  ``5 million yuan``, ``176 Hong Kong dollars``, ``10 mln dollars``, ``2.5 billion rubles``);
- scale words expand the amount: thousand/k, million/m/mn/mln, billion/bn/bln/b, trillion/tn/trn,
  lakh (1e5), crore (1e7), lakh crore (1e12); ``$1.5-billion`` and ``$40-50 billion`` (a range gives
  both ends, each with the scale) are understood;
- ``$`` is USD unless the text itself says the dollar figures are another dollar
  ("all figures in Canadian dollars");
- cents and pence are hundredths ("45 cents a share" -> 0.45 USD);
- words that are currencies only sometimes (``pounds``, ``won``, ``rand``) count only with a scale word
  or a qualifier (``British pounds``, ``South Korean won``), so "a 10-pound bag" is not money.

Each distinct (amount, currency) is reported once, at its first mention (``unique=False`` gives every
mention). ``Money.text`` is the surface text as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache

from article_pipeline.models import Money
from article_pipeline.pipeline.document import Document
from article_pipeline.pipeline.langpack import english


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EN = english()


# Scale words, longest first where one is a prefix of another.
_SCALES: dict[str, int] = _EN.table("scale_words")
# Single letters are scales only when glued to the number ("$10m", "$5bn"), never after a space.
_GLUED_ONLY = _EN.words("glued_scale_words")

# Symbols and prefixed symbols written before the amount.
_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "$US": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAN$": "CAD",
    "CDN$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "SG$": "SGD",
    "NT$": "TWD",
    "R$": "BRL",
    "MX$": "MXN",
    "Mex$": "MXN",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "CN¥": "CNY",
    "Rmb": "CNY",
    "E£": "EGP",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "₴": "UAH",
    "₸": "KZT",
    "₱": "PHP",
    "₦": "NGN",
    "KSh": "KES",
    "Ksh": "KES",
    "₫": "VND",
    "₪": "ILS",
    "Rp": "IDR",
    "RM": "MYR",
    "Dh": "AED",
    "Dhs": "AED",
    "GH¢": "GHS",
    "GH₵": "GHS",
    "₵": "GHS",
    "SFr": "CHF",
    "Tk": "BDT",
    "CFA": "XOF",
}
# Symbols some writers put after the number ("5 €", "300 000 ₽"), as their languages' typography does.
_POSTFIX_SYMBOLS: dict[str, str] = {"€": "EUR", "₽": "RUB", "₴": "UAH", "₸": "KZT", "₺": "TRY"}

# ISO 4217 codes accepted when written in capitals next to a number. Codes that are also common
# English words or acronyms in news (ALL, TOP, PEN, MAD, CUP...) are left out on purpose.
_CODES = _words(
    "USD EUR GBP JPY CNY HKD CAD AUD NZD CHF SEK NOK DKK ISK INR PKR LKR BDT NPR RUB KZT UZS KGS TJS AZN "
    "GEL AMD UAH BYN TRY BRL MXN ARS CLP COP ZAR NGN KES GHS EGP MAD SAR AED QAR KWD BHD OMR JOD ILS IRR "
    "IQD PLN CZK HUF RON BGN RSD KRW SGD TWD THB IDR MYR PHP VND UGX TZS ETB ZMW MWK RWF XOF XAF DZD TND "
    "LYD JMD TTD BWP NAD MZN AOA SDG MUR CDF GNF MGA KHR LAK MMK MNT AFN YER SYP LBP BYR UYU PYG "
    "DOP GTQ HNL"
)
_CODE_ALIASES = {"RMB": "CNY", "YUAN": "CNY", "RUR": "RUB", "NIS": "ILS"}

# Currency words after the amount; the qualifier before "dollar"/"pound"/... picks the currency.
_CURRENCY_WORDS: dict[str, str] = _EN.table("currency_words")
_QUALIFIED: dict[str, str] = {k: v for k, v in _CURRENCY_WORDS.items() if " " in k}
# Unqualified currency words (singular stem; plural forms are derived).
_WORDS: dict[str, str] = {k: v for k, v in _CURRENCY_WORDS.items() if " " not in k}
# Hundredths: "45 cents a share" is 0.45 in the text's dollar; "50 pence" is 0.50 GBP.
_SUBUNITS: dict[str, str] = _EN.table("subunit_words")
# Words that are money only with a scale word before them ("5 million pounds", not "a 10-pound bag").
_SCALE_ONLY_WORDS: dict[str, str] = _EN.table("scale_only_currency_words")

_PLURAL_IRREGULAR = _EN.words("irregular_currency_plurals")


def _plural_forms(word: str) -> list[str]:
    if word in _PLURAL_IRREGULAR or word.endswith("s"):
        return [word]
    return [word, word + "s"]


_SUBUNIT_FORMS = frozenset(form for word in _SUBUNITS for form in _plural_forms(word))


# Thousands grouped by commas ("45,000") or, as much of Europe and Africa writes them, by a (no-break
# or thin) space ("40 000"); a space group is read only as three digits after one to three.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]*\d)|\d+(?:\.\d+)?|\.\d+"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    scale_words = [s for s in _SCALES if s not in _GLUED_ONLY]
    scale = (
        rf"(?i:(?:[ \t\u00a0]|-)?(?:{_alternation(scale_words)})\b|(?:{_alternation(sorted(_GLUED_ONLY))})\b)"
    )
    symbols = _alternation(list(_SYMBOLS))
    codes = _alternation(sorted(_CODES | set(_CODE_ALIASES)))
    # Prefix form: SYMBOL/CODE amount [scale] [range], e.g. "$1.5-billion", "USD 10m", "$40-50 billion".
    prefix = re.compile(
        rf"(?<![\w$€£¥])(?P<cur>{symbols}|(?<![A-Za-z])(?:{codes})(?![A-Za-z]))[ \u00a0]?(?P<n1>{_NUMBER})(?P<s1>{scale})?"
        rf"(?:[ \u00a0]?(?:-|\u2013|\u2014|to)[ \u00a0]?(?:{symbols})?(?P<n2>{_NUMBER})(?P<s2>{scale})?)?"
        r"(?![\d.,]*\d)"
    )
    words: list[str] = []
    for table in (_QUALIFIED, _WORDS, _SCALE_ONLY_WORDS, _SUBUNITS):
        for key in table:
            words.extend(_plural_forms(key))
    words.extend(_CODES)
    words.extend(_CODE_ALIASES)
    # Suffix form: amount [scale] WORD/CODE, e.g. "45 million euro", "176 Hong Kong dollars", "50 EUR".
    suffix = re.compile(
        rf"(?<![\w$€£¥.,])(?P<n1>{_NUMBER})(?:[ \u00a0]?(?:-|\u2013|to)[ \u00a0]?(?P<n2>{_NUMBER}))?"
        rf"(?P<s1>{scale})?(?:(?:[ \u00a0]+|-)(?P<word>(?i:{_alternation(words)}))\b"
        r"(?!-?\s*(?:zone|area|countries|nations|members|member states|region|bonds?)\b)"
        rf"|[ \u00a0]?(?P<sym>[{''.join(_POSTFIX_SYMBOLS)}])|(?P<pence>p)\b(?!\.m\.))"
    )
    context = re.compile(
        r"(?i)\b(?:all\s+)?(?:figures|amounts|prices|values|sums|dollar\s+(?:figures|amounts))\s+"
        r"(?:are\s+|is\s+|given\s+|quoted\s+|expressed\s+)?in\s+"
        r"(?P<q>canadian|australian|new zealand|hong kong|singapore|taiwan|u\.?s\.?)\s+dollars"
    )
    # After a spelled-out number: the scale words (a second one allowed: "hundred million") and the
    # currency word, separated by spaces only ("a million-dollar question" is an adjective, not a sum).
    after = re.compile(
        r"(?i)(?P<scale>hundred|thousand|million|billion|trillion)(?:\s+(?P<scale2>million|billion|thousand))?\s+"
        rf"(?P<word>{_alternation(words)})\b"
    )
    return prefix, suffix, context, after


_YEAR = re.compile(r"(?:19|20)\d\d")
_SHARED_SCALE = re.compile(
    r"\s+and\s+\S{0,4}?\d[\d,.]*[ \u00a0-]?(million|billion|trillion|bn|mn|mln|m|b|crore|lakh|thousand)\b"
)


def _scale_of(raw: str | None) -> int:
    if not raw:
        return 1
    return _SCALES.get(raw.strip(" \t\u00a0-").lower(), 1)


def _amount(number: str, scale: int | Decimal) -> float | None:
    try:
        value = Decimal(re.sub(r"[,\s\u202f]", "", number)) * scale
    except InvalidOperation:
        return None
    return float(value) if value > 0 else None


def _word_currency(word: str, has_scale: bool, dollar: str = "USD") -> str | None:
    upper = word.upper()
    if word == upper and (upper in _CODES or upper in _CODE_ALIASES):
        return _CODE_ALIASES.get(upper, upper)
    lower = " ".join(word.lower().split())
    for table in (_QUALIFIED, _WORDS):
        for key, code in table.items():
            if lower in _plural_forms(key):
                return code
    for key, code in _SCALE_ONLY_WORDS.items():
        if lower in _plural_forms(key):
            return code if has_scale else None
    for key, code in _SUBUNITS.items():
        if lower in _plural_forms(key):
            return dollar if code == "$" else code
    return None


# Where an amount can start: a currency symbol or a capital letter (prefix form), a digit (suffix form).
# The full patterns are only tried there, which is several times faster than a plain finditer.
# A capital letter only counts when a number follows within the length of the longest lettered prefix
# ("U.S.$ 5", "USD 10"): most capitals of a text (names, sentence starts) are then not tried at all.
_LETTERED_PREFIXES = [p for p in (*_SYMBOLS, *_CODES, *_CODE_ALIASES) if p[:1].isupper()]
_PREFIX_TRIGGER = re.compile(
    r"[$€£¥₹₽₩₺₴₸₱₦₫₪₵]|[A-Z](?<![\w$€£¥][A-Z])"
    + "(?=["
    + re.escape("".join(sorted({c for p in _LETTERED_PREFIXES for c in p[1:]})))
    + f"]{{0,{max(map(len, _LETTERED_PREFIXES)) - 1}}}[ \u00a0]?[0-9.])"
)
# Both triggers start with a character class (the engine skips to those characters fast) and look behind
# that character for what may not precede it.
_SUFFIX_TRIGGER = re.compile(r"[0-9.](?<![\w$€£¥.,][0-9.])")


def _scan(pattern: re.Pattern[str], trigger: re.Pattern[str], text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    end = 0
    for hit in trigger.finditer(text):
        if hit.start() < end:
            continue
        match = pattern.match(text, hit.start())
        if match is not None:
            found.append(match)
            end = match.end()
    return found


def _dollar_default(text: str) -> str:
    if "dollars" not in text.lower():
        return "USD"
    _, _, context, _ = _patterns()
    match = context.search(text)
    if match is None:
        return "USD"
    qualifier = match.group("q").lower().replace(".", "")
    return _QUALIFIED.get(f"{qualifier} dollar", "USD")


_Adder = Callable[[int, int, str, str, list[tuple[str, int | Decimal]]], None]


def _add_glued(match: re.Match[str], british: bool, add: _Adder) -> None:
    """A symbol after the number ("5 €") or pence glued to it ("50p")."""
    scale: int | Decimal = _scale_of(match.group("s1"))
    if match.group("pence"):
        currency, scale = "GBP", Decimal(scale) / 100
    else:
        currency = _POSTFIX_SYMBOLS[match.group("sym")]
    numbers: list[tuple[str, int | Decimal]] = [(match.group("n1"), scale)]
    if match.group("n2"):
        numbers.append((match.group("n2"), scale))
    add(match.start(), match.end(), match.group().strip(), currency, numbers)


# Round sums spelled out before a scale word ("half a million dollars", "five billion euros"): found
# from the scale word, which is rare enough in a text to be the trigger.
_UNITS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# A first letter then the rest: several times faster than a case-insensitive alternation.
_SPELLED_SCALE = re.compile(r"(?<!\w)[hHtTmMbB](?:undred|housand|illion|rillion)\b")
_SPELLED_BEFORE = re.compile(
    rf"(?i)\b(?P<num>(?:an?|one|three)\s+quarters?\s+of\s+an?|half\s+an?|an?|(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(_UNITS)})"
    r"\s+$"
)


def _spelled_value(num: str) -> float:
    words = num.lower().replace("-", " ").split()
    if len(words) > 1 and words[1].startswith("quarter"):
        return 0.75 if words[0] == "three" else 0.25  # "a quarter of a million", "three quarters of a"
    if words[0] == "half":
        return 0.5
    if words[0] in ("a", "an"):
        return 1.0
    value = 0
    for word in words:
        value += (_TENS.index(word) + 2) * 10 if word in _TENS else _UNITS.index(word) + 1
    return float(value)


def _spelled_amounts(text: str, dollar: str) -> list[tuple[int, int, float, str]]:
    """(start, end, amount, currency) of every spelled-out sum with a currency word after its scale."""
    if "illion" not in text and "ousand" not in text and "undred" not in text:
        return []  # a substring test first: most texts have no scale word at all
    _, _, _, after = _patterns()
    found: list[tuple[int, int, float, str]] = []
    for scale in _SPELLED_SCALE.finditer(text):
        before = _SPELLED_BEFORE.search(text, max(0, scale.start() - 30), scale.start())
        tail = after.match(text, scale.start())
        if before is None or tail is None:
            continue
        if before.group("num").lower() in ("a", "an") and text[: before.start()].rstrip().lower().endswith(
            " of"
        ):
            continue  # "a fraction of a million dollars": no round sum
        currency = _word_currency(tail.group("word"), True, dollar)
        if currency is None:
            continue
        amount = _spelled_value(before.group("num")) * _SCALES.get(tail.group("scale").lower(), 100)
        amount *= _SCALES.get((tail.group("scale2") or "").lower(), 1)
        if tail.group("word").lower() in _SUBUNIT_FORMS:
            amount /= 100
        found.append((before.start(), tail.end(), amount, currency))
    return found


def extract_money(article: Document | str, *, unique: bool = True) -> list[Money]:
    """Every amount written with an explicit currency, in units, with its ISO 4217 code, in an English
    article's document (or a text). Amounts are patterns of the text (a number, a scale word, a currency
    written before or after it), so they are matched on the document's text."""
    text = article.text if isinstance(article, Document) else article
    if not text or not (
        any(map(str.isdigit, text)) or "illion" in text or "ousand" in text or "undred" in text
    ):
        return []
    prefix, suffix, _, _ = _patterns()
    dollar = _dollar_default(text)
    found: list[tuple[int, Money]] = []
    taken: list[tuple[int, int]] = []

    def add(
        start: int, end: int, surface: str, currency: str, numbers: list[tuple[str, int | Decimal]]
    ) -> None:
        taken.append((start, end))
        for number, scale in numbers:
            amount = _amount(number, scale)
            if amount is not None:
                found.append((start, Money(text=surface, amount=amount, currency=currency)))

    for match in _scan(prefix, _PREFIX_TRIGGER, text):
        raw = match.group("cur")
        currency = _SYMBOLS.get(raw) or _CODE_ALIASES.get(raw, raw)
        if raw == "$":
            currency = dollar
        s1, s2 = _scale_of(match.group("s1")), _scale_of(match.group("s2"))
        if not match.group("s1") and not match.group("n2"):
            # "between $5 and $10 million": the scale written once applies to both ends.
            shared = _SHARED_SCALE.match(text, match.end())
            if shared is not None and text[
                max(0, match.start() - 12) : match.start()
            ].lower().rstrip().endswith("between"):
                s1 = _scale_of(shared.group(1))
        numbers: list[tuple[str, int | Decimal]] = [
            (match.group("n1"), s1 if match.group("s1") or s1 != 1 else s2)
        ]
        if match.group("n2"):
            numbers.append((match.group("n2"), s2))
        add(match.start(), match.end(), match.group().strip(), currency, numbers)

    british = "£" in text or "sterling" in text.lower()
    for match in _scan(suffix, _SUFFIX_TRIGGER, text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        if match.group("sym") or match.group("pence"):
            if match.group("pence") and not british:
                continue  # "50p" is pence only in a text that counts in pounds
            _add_glued(match, british, add)
            continue
        has_scale = bool(match.group("s1"))
        if (
            not has_scale
            and _YEAR.fullmatch(match.group("n1"))
            and text[: match.start()].endswith(("in ", "In "))
        ):
            continue  # "in 2019 dollars": a price basis, not an amount
        word_currency = _word_currency(match.group("word"), has_scale, dollar)
        if word_currency is None:
            continue
        scale: int | Decimal = _scale_of(match.group("s1"))
        if match.group("word").lower() in _SUBUNIT_FORMS:
            scale = Decimal(scale) / 100
        word_numbers: list[tuple[str, int | Decimal]] = [(match.group("n1"), scale)]
        if match.group("n2"):
            word_numbers.append((match.group("n2"), scale))
        add(match.start(), match.end(), match.group().strip(), word_currency, word_numbers)

    for start, end, amount, currency in _spelled_amounts(text, dollar):
        if not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
            found.append((start, Money(text=text[start:end], amount=amount, currency=currency)))

    found.sort(key=lambda item: item[0])
    result: list[Money] = []
    seen: set[tuple[float, str]] = set()
    for _, money in found:
        key = (money.amount, money.currency)
        if unique and key in seen:
            continue
        seen.add(key)
        result.append(money)
    return result
