from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline.money import extract_money


def pairs(text: str) -> list[tuple[float, str]]:
    return [(m.amount, m.currency) for m in extract_money(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade reached $50 billion last year.", [(50_000_000_000, "USD")]),
        (
            "It will invest 45 million euro (US$48.6 million) in the port.",
            [(45_000_000, "EUR"), (48_600_000, "USD")],
        ),
        ("The bank lent €3.2bn to the utility.", [(3_200_000_000, "EUR")]),
        ("The house sold for £500,000.", [(500_000, "GBP")]),
        ("A stimulus of ¥1.2 trillion was approved.", [(1_200_000_000_000, "JPY")]),
        ("The state spent Rs 5 crore and then Rs 3 lakh more.", [(50_000_000, "INR"), (300_000, "INR")]),
        ("The fine was 5 million yuan.", [(5_000_000, "CNY")]),
        ("Tickets cost C$40, A$35 and HK$300.", [(40, "CAD"), (35, "AUD"), (300, "HKD")]),
        ("It raised USD 10m in a seed round.", [(10_000_000, "USD")]),
        ("The contract is worth 10 mln dollars.", [(10_000_000, "USD")]),
        ("Gazprom paid 2.5 billion rubles in dividends.", [(2_500_000_000, "RUB")]),
        ("A $1.5-billion bond sale.", [(1_500_000_000, "USD")]),
        ("Purchases of $40-50 billion a year.", [(40_000_000_000, "USD"), (50_000_000_000, "USD")]),
        ("The share price was 176 Hong Kong dollars (£17.43).", [(176, "HKD"), (17.43, "GBP")]),
        ("A budget of between $5 and $10 million.", [(5_000_000, "USD"), (10_000_000, "USD")]),
        ("A stake of ₹2 lakh crore.", [(2_000_000_000_000, "INR")]),
        (
            "South Dakota spends $449K; a $5M grant and a $2B fund.",
            [(449_000, "USD"), (5_000_000, "USD"), (2_000_000_000, "USD")],
        ),
        (
            "Crude fell to $55.12 per barrel and gold rose to $1,472.19 an ounce.",
            [(55.12, "USD"), (1472.19, "USD")],
        ),
    ],
)
def test_amounts_are_expanded_to_units_with_iso_currency(
    text: str, expected: list[tuple[float, str]]
) -> None:
    # GIVEN a sentence with written amounts
    # WHEN money is extracted
    found = pairs(text)
    # THEN every amount is in units with its ISO 4217 code, in text order
    assert found == expected


def test_dollar_follows_the_currency_the_text_declares() -> None:
    # GIVEN a text that says its dollar figures are Canadian
    text = "All figures are in Canadian dollars. The province will spend $5 million on roads."
    # WHEN money is extracted
    # THEN "$" is read as CAD, not USD
    assert pairs(text) == [(5_000_000, "CAD")]


@pytest.mark.parametrize(
    "text",
    [
        "He carried a 10-pound bag up the hill.",
        "Yen and euro traded flat.",
        "The yen weakened to 108.55 per dollar.",
        "The 19 euro zone countries met.",
        "Prices are quoted in 2019 dollars.",
        "The team won 3-1 on Sunday.",
        "Revenue rose 5% to 300 units.",
    ],
)
def test_numbers_without_an_explicit_currency_are_not_money(text: str) -> None:
    # GIVEN numbers near currency-like words that are not amounts
    # WHEN money is extracted / THEN nothing is reported
    assert extract_money(text) == []


def test_surface_text_is_kept_and_repeats_are_reported_once() -> None:
    # GIVEN the same amount written twice
    text = "Alibaba may raise $12.9bn. The deal could raise $12.9bn if the option is used."
    # WHEN money is extracted with and without de-duplication
    unique = extract_money(text)
    every = extract_money(text, unique=False)
    # THEN the surface text is as written, and repeats are collapsed only by default
    assert [m.text for m in unique] == ["$12.9bn"]
    assert len(every) == 2


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,-$€£¥kmbnillionUSDEURrupees crore")), max_size=80))
def test_never_raises_and_amounts_are_positive(text: str) -> None:
    # GIVEN arbitrary text made of money-like characters
    # WHEN money is extracted
    found = extract_money(text)
    # THEN it does not raise, and every amount is positive with a three-letter code
    assert all(m.amount > 0 and len(m.currency) == 3 and m.currency.isupper() for m in found)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_unicode(text: str) -> None:
    # GIVEN any text / WHEN money is extracted / THEN it returns a list
    assert isinstance(extract_money(text), list)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(
        [("$", "", "USD"), ("€", "", "EUR"), ("£", "", "GBP"), ("US$", "", "USD"), ("", " euros", "EUR")]
    ),
    st.sampled_from(
        [("", 1), (" million", 10**6), ("bn", 10**9), (" billion", 10**9), (" trillion", 10**12)]
    ),
)
def test_written_amounts_round_trip(
    number: int, currency: tuple[str, str, str], scale: tuple[str, int]
) -> None:
    # GIVEN an amount written in one of the common shapes inside a sentence
    prefix, suffix, code = currency
    word, factor = scale
    if suffix and word == "bn":
        word = " billion"
    surface = f"{prefix}{number}{word}{suffix}"
    # WHEN money is extracted
    found = extract_money(f"The company said on Monday it would spend {surface} on new plants.")
    # THEN exactly that amount comes back, in units, with its surface text
    assert [(m.amount, m.currency, m.text) for m in found] == [(number * factor, code, surface)]


def test_cents_and_pence_are_hundredths_of_the_texts_currency() -> None:
    # GIVEN earnings per share in cents, a price in pence, and a Canadian-dollar text
    # WHEN money is extracted
    # THEN the subunits are hundredths of their currency
    assert pairs("Profit was $3.2 million, or 45 cents a share.") == [(3_200_000, "USD"), (0.45, "USD")]
    assert pairs("Shares closed at 250 pence.") == [(2.5, "GBP")]
    assert pairs("All amounts are in Canadian dollars. Gas rose 30 cents.") == [(0.3, "CAD")]
    assert extract_money("Inflation rose 5 per cent, or 3 percent in real terms.") == []


def test_space_grouped_thousands_hyphenated_currency_words_and_kenyan_shillings() -> None:
    # GIVEN "40 000 euros" (thousands grouped by a space), "a 5 million-dollar deal", "KSh 5 million"
    # WHEN money is extracted / THEN each amount in units
    assert pairs("The fine was 40 000 euros.") == [(40_000, "EUR")]
    assert pairs("It was a 5 million-dollar deal.") == [(5_000_000, "USD")]
    assert pairs("The county spent KSh 5 million on roads.") == [(5_000_000, "KES")]
    # AND a year before a count is no grouped number, and a "10-pound bag" is no money
    assert pairs("In 2019 200 people paid $5.") == [(5, "USD")]
    assert pairs("He carried a 10-pound bag.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The county spent nearly half a million dollars on signs.", [(500_000, "USD")]),
        ("He left a million pounds to the hospital.", [(1_000_000, "GBP")]),
        ("Donors pledged twenty-five million euros.", [(25_000_000, "EUR")]),
        ("The ransom was two hundred thousand dollars.", [(200_000, "USD")]),
        ("Five billion yuan went to the railways.", [(5_000_000_000, "CNY")]),
    ],
)
def test_round_sums_spelled_out_before_a_scale_word(text: str, expected: list[tuple[float, str]]) -> None:
    # GIVEN a sum written in words with a scale word and a currency word
    # WHEN money is extracted
    # THEN it is read in units like the same sum in digits
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It was a million-dollar question.",
        "A billion people watched the final.",
        "Several million dollars were lost.",
        "The dollar fell against a basket of currencies.",
    ],
)
def test_spelled_words_without_a_sum_are_not_money(text: str) -> None:
    # GIVEN a scale word used as an adjective, without a number, or a currency named alone
    # WHEN money is extracted / THEN nothing is reported
    assert extract_money(text) == []


def test_symbols_after_the_number_and_more_prefixed_symbols() -> None:
    # GIVEN "5 €" written European-style, "$US", "Dh", "GH¢" and "Tk" before the number
    # WHEN money is extracted / THEN each has its currency
    assert pairs("A coffee costs 3 € and a room 120 000 ₽.") == [(3, "EUR"), (120_000, "RUB")]
    assert pairs("The fund holds $US5 million and Dh2 billion.") == [
        (5_000_000, "USD"),
        (2_000_000_000, "AED"),
    ]
    assert pairs("It costs GH¢40 or Tk 5 crore.") == [(40, "GHS"), (50_000_000, "BDT")]


def test_pence_glued_to_the_number_count_only_in_a_text_that_counts_in_pounds() -> None:
    # GIVEN "80p" in a text that also writes pounds, and "5p" in one that does not
    # WHEN money is extracted
    # THEN the first is 0.80 GBP and the second nothing; "5p.m." is a time
    assert pairs("A pint costs £4 and a bag of crisps 80p.") == [(4, "GBP"), (0.8, "GBP")]
    assert pairs("Turn to page 5p of the form.") == []
    assert pairs("Tickets are £3; doors open at 7p.m.") == [(3, "GBP")]


def test_more_african_and_asian_currencies_by_code_and_by_word() -> None:
    # GIVEN amounts in Ugandan shillings (code), cedis, birr, taka and CFA francs
    text = "It cost UGX 5 billion, 3 million cedis, 200 million birr, 1.2 billion taka and CFA 5 billion."
    # WHEN money is extracted / THEN each has its ISO 4217 code
    assert pairs(text) == [
        (5_000_000_000, "UGX"),
        (3_000_000, "GHS"),
        (200_000_000, "ETB"),
        (1_200_000_000, "BDT"),
        (5_000_000_000, "XOF"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The repairs cost a quarter of a million dollars.", [(250_000, "USD")]),
        ("Investors lost three quarters of a billion euros.", [(750_000_000, "EUR")]),
    ],
)
def test_a_fraction_of_a_spelled_scale_is_that_fraction(text: str, expected: list[tuple[float, str]]) -> None:
    # GIVEN "a quarter of a million dollars" (not one million)
    # WHEN money is extracted / THEN the fraction applies to the scale
    assert pairs(text) == expected


def test_an_unquantified_fraction_of_a_million_is_no_sum() -> None:
    # GIVEN "a fraction of a million dollars"
    # WHEN / THEN no round million is reported
    assert extract_money("They raised only a fraction of a million dollars.") == []


def test_mil_as_a_scale_and_more_prefixed_symbols() -> None:
    # GIVEN "mil" for million after a currency, "Rmb" glued to the number and "E£"
    # WHEN money is extracted / THEN each is read with its scale and currency
    assert pairs("The plant cost RM5mil and the port $2 mil.") == [(5_000_000, "MYR"), (2_000_000, "USD")]
    assert pairs("Sales hit Rmb5bn while the canal earned E£3 billion.") == [
        (5_000_000_000, "CNY"),
        (3_000_000_000, "EGP"),
    ]
