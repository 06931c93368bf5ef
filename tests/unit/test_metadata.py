from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline.metadata import derive_title, first_sentence, normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-02", "2025-12-02"),
        ("2025-12-02T23:30:00-05:00", "2025-12-02"),
        ("2025/12/02", "2025-12-02"),
        ("20251202", "2025-12-02"),
        ("Tue, 02 Dec 2025 10:00:00 +0000", "2025-12-02"),
        ("December 2, 2025", "2025-12-02"),
        ("Dec. 2, 2025", "2025-12-02"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("2 Dec 2025", "2025-12-02"),
        ("2nd of December 2025", "2025-12-02"),
        ("Published on Tuesday, December 2nd, 2025 at 10:00", "2025-12-02"),
        ("13/02/2025", "2025-02-13"),
        ("02/13/2025", "2025-02-13"),
        ("02/03/2025", None),  # day and month cannot be told apart
        ("2025-02-30", None),  # no such day
        ("December 2025", None),  # no day
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    # GIVEN a metadata date string
    # WHEN normalised
    # THEN the calendar date as written, or None
    assert normalise_date(value) == expected


def test_headline_like_first_line_is_the_title() -> None:
    # GIVEN a body opening with a short headline line
    body = "Kazakhstan, EU launch visa talks\n\nALMATY — Kazakhstan and the EU opened talks on Dec. 2."
    # THEN it is the title
    assert derive_title(body, dateline="ALMATY") == "Kazakhstan, EU launch visa talks"


def test_title_from_first_sentence_without_dateline() -> None:
    # GIVEN a body opening with a dateline paragraph
    body = (
        "ALMATY — Kazakhstan and the European Union (EU) officially opened negotiations on a visa facilitation "
        "and readmission agreements on Dec. 2 in Brussels, Belgium.\n\nMore text."
    )
    # WHEN a title is derived
    title = derive_title(body, dateline="ALMATY")
    # THEN it is the sentence's opening words without the dateline, shortened
    assert (
        title
        == "Kazakhstan and the European Union (EU) officially opened negotiations on a visa facilitation and…"
    )


def test_short_single_sentence_title() -> None:
    # GIVEN a one-paragraph body with a short sentence
    # THEN the sentence without its full stop is the title
    assert derive_title("The council met on Tuesday.") == "The council met on Tuesday"


def test_first_sentence_skips_abbreviations() -> None:
    # GIVEN a sentence with "Dec." and "U.S." inside
    text = "The U.S. envoy arrived on Dec. 1 in Astana. He left on Friday."
    # THEN the split is after Astana
    assert first_sentence(text) == "The U.S. envoy arrived on Dec. 1 in Astana."


def test_empty_body_has_no_title() -> None:
    assert derive_title("  \n ") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=20)))
def test_metadata_functions_never_raise(text: str, dateline: str | None) -> None:
    # GIVEN any text
    # WHEN titles and dates are derived
    title = derive_title(text, dateline=dateline)
    date = normalise_date(text)
    # THEN a short title or None, and an ISO date or None
    assert title is None or len(title.split()) <= 20 or "\n" not in title
    assert date is None or (len(date) == 10 and date[4] == "-")
