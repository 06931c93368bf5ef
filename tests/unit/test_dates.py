from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline.dates import extract_dates

ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def resolved(text: str, reference: str | None) -> list[tuple[str, str]]:
    return [(d.text, d.date) for d in extract_dates(text, reference=reference)]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("The council met on Dec. 1.", "2025-12-02", [("Dec. 1", "2025-12-01")]),
        ("Talks open on Dec. 3.", "2025-12-02", [("Dec. 3", "2025-12-03")]),
        ("The vote is on December 1, 2025.", "2019-01-01", [("December 1, 2025", "2025-12-01")]),
        ("Signed on 1 December 2024 in Paris.", "2025-06-01", [("1 December 2024", "2024-12-01")]),
        ("A deadline of 15 January looms.", "2025-12-20", [("15 January", "2026-01-15")]),
        ("The plant closed on March 3.", "2025-12-02", [("March 3", "2025-03-03")]),
        ("Exports fell in November.", "2025-12-02", [("November", "2025-11")]),
        ("The law takes effect in January.", "2025-12-02", [("January", "2026-01")]),
        ("Sales in November 2023 were weak.", "2025-12-02", [("November 2023", "2023-11")]),
        ("The next round is due in 2026.", "2025-12-02", [("2026", "2026")]),
        ("Figures released 2025-03-04 showed growth.", None, [("2025-03-04", "2025-03-04")]),
        ("The tariffs start in mid-December.", "2019-11-19", [("mid-December", "2019-12")]),
    ],
)
def test_mentions_resolve_against_the_reference(text: str, reference: str | None, expected: list) -> None:  # type: ignore[type-arg]
    # GIVEN a mention and the article's date
    # WHEN dates are extracted
    # THEN the year is the one nearest the reference, biased to the recent past
    assert resolved(text, reference) == expected


def test_weekdays_are_the_most_recent_such_day_on_or_before_the_reference() -> None:
    # GIVEN an article of Wednesday 2025-12-03 mentioning weekdays
    text = "He resigned on Monday. She spoke on Wednesday. They meet next Friday."
    # WHEN dates are extracted
    found = dict(resolved(text, "2025-12-03"))
    # THEN a bare weekday is on or before the reference, "next" is after it
    assert found == {"Monday": "2025-12-01", "Wednesday": "2025-12-03", "next Friday": "2025-12-05"}


def test_relative_words() -> None:
    # GIVEN relative expressions
    text = "Yesterday the index fell; last year it rose, and next month it may recover."
    # WHEN dates are extracted against 2025-12-02
    found = dict(resolved(text, "2025-12-02"))
    # THEN each resolves to the day, year or month it names
    assert found == {"Yesterday": "2025-12-01", "last year": "2024", "next month": "2026-01"}


def test_without_reference_only_self_contained_dates_and_years_resolve() -> None:
    # GIVEN a text with no published date and no full date to anchor on
    text = "Talks opened on Dec. 2 and the next round is in 2026."
    # WHEN dates are extracted with no reference
    # THEN the bare year resolves, the month-day is left out rather than guessed
    assert resolved(text, None) == [("2026", "2026")]


def test_a_full_date_in_the_text_anchors_the_rest_when_there_is_no_reference() -> None:
    # GIVEN a text with one complete date and a bare month-day
    text = "The statement of November 18, 2019 followed talks on Nov. 15."
    # WHEN dates are extracted with no reference
    # THEN the month-day takes its year from the stated date
    assert ("Nov. 15", "2019-11-15") in resolved(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "You may go now.",
        "Thousands march in the streets.",
        "About 2000 people attended.",
        "The index rose 2.5% to 2,019 points.",
        "She won 6-4, 7-6 in the final.",
    ],
)
def test_words_and_numbers_that_are_not_dates(text: str) -> None:
    # GIVEN modal "may", the verb "march", counts and scores
    # WHEN dates are extracted / THEN nothing is reported
    assert extract_dates(text, reference="2025-12-02") == []


def test_repeated_mentions_are_reported_once() -> None:
    # GIVEN the same mention twice
    text = "On Dec. 1 they met. Again on Dec. 1 they spoke."
    # WHEN dates are extracted / THEN it appears once
    assert resolved(text, "2025-12-02") == [("Dec. 1", "2025-12-01")]


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=200),
    st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=12)),
)
def test_never_raises_and_dates_are_iso(text: str, reference: str | None) -> None:
    # GIVEN any text and any (even malformed) reference
    # WHEN dates are extracted
    found = extract_dates(text, reference=reference)
    # THEN every date is ISO 8601 at year, month or day precision
    assert all(ISO.fullmatch(d.date) for d in found)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Dec. 1", "Monday", "in May", "March 3, 2024", "2026", "mid-June", "yesterday", "the", "on"]
        ),
        max_size=12,
    ).map(" ".join),
    st.dates().map(lambda d: d.isoformat()),
)
def test_date_like_sentences_always_resolve_to_iso(text: str, reference: str) -> None:
    # GIVEN sentences built from date expressions and a valid reference
    # WHEN dates are extracted
    found = extract_dates(text, reference=reference)
    # THEN every mention has an ISO date
    assert all(ISO.fullmatch(d.date) for d in found)


@pytest.mark.parametrize("reference", ["0001-01-01", "9999-12-31"])
def test_references_at_the_edge_of_the_calendar_do_not_break_resolution(reference: str) -> None:
    # GIVEN relative mentions and a reference on the first or last day the calendar allows
    text = "In May, on Monday, on Dec. 1, yesterday, tomorrow, next month and next year."
    # WHEN dates are extracted
    found = extract_dates(text, reference=reference)
    # THEN nothing raises and every resolved date is a four-digit-year ISO date
    assert found
    assert all(ISO.fullmatch(d.date) for d in found)


def test_a_weekday_written_before_its_date_is_not_reported_twice() -> None:
    # GIVEN "Monday, Dec. 1" in an article whose reference makes the bare weekday ambiguous
    # WHEN dates are extracted
    # THEN only the explicit date is reported
    assert resolved("The talks opened Monday, Dec. 1, in Brussels.", "2025-12-10") == [
        ("Dec. 1", "2025-12-01")
    ]


def test_a_product_code_before_a_number_makes_it_a_model_not_a_year() -> None:
    # GIVEN a graphics card model number and a real year after an acronym
    # WHEN dates are extracted
    # THEN only the year after "US" is a date
    assert resolved("The RTX 2060 card sold out before the US 2020 election.", "2019-11-19") == [
        ("2020", "2020")
    ]
