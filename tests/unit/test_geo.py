from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.models import Place
from article_pipeline.pipeline.geo import countries_of, country_names, country_scores


def test_country_names_and_demonyms_are_counted() -> None:
    # GIVEN a story about Kazakhstan with the EU as a partner
    text = (
        "Kazakhstan and the European Union (EU) opened talks. The Kazakh foreign minister said "
        "Kazakhstan wants more trade with the EU."
    )
    # WHEN countries are derived
    # THEN Kazakhstan is the country; the EU and "European" are not countries
    assert countries_of([], text) == ["KZ"]


def test_demonym_maps_to_its_country() -> None:
    # GIVEN a table lookup
    names = country_names()
    # WHEN demonyms and short forms are looked up / THEN they map to ISO codes
    assert names["Kazakh"] == "KZ"
    assert names["U.S."] == "US"
    assert names["Britain"] == "GB"
    assert "EU" not in names
    assert "European" not in names


def test_places_from_the_entity_stage_add_evidence() -> None:
    # GIVEN places with country codes and a text that names none of the countries
    places = [
        Place(name="Indianapolis", country="US", mentions=2),
        Place(name="Evansville", country="US", mentions=1),
    ]
    # WHEN countries are derived
    # THEN the places' country is reported
    assert countries_of(places, "Teachers rallied at the statehouse.") == ["US"]


def test_most_salient_first_and_passing_mentions_dropped() -> None:
    # GIVEN a story mainly about Austria, with many mentions, and one passing mention of Japan
    text = (
        "Austria will rebuild the house. Austria's interior minister spoke in Vienna. "
        "Austria argued for decades that it was a victim. Architects from Austria and Germany may bid; "
        "Germany's offer is expected. Austria said a Japanese firm had asked too."
    )
    # WHEN countries are derived
    countries = countries_of([Place(name="Vienna", country="AT", mentions=1)], text)
    # THEN Austria leads, Germany follows, the passing demonym is below the floor
    assert countries == ["AT", "DE"]


def test_given_names_that_are_country_names_are_not_countries() -> None:
    # GIVEN "Jordan" as part of a person's name
    text = "Michael Jordan scored 40 points. Chad Smith played drums."
    # WHEN countries are scored / THEN neither Jordan nor Chad counts
    assert country_scores([], text) == {}


def test_new_mexico_is_not_mexico() -> None:
    # GIVEN a US state whose name contains a country's
    # WHEN countries are scored / THEN Mexico does not count
    assert "MX" not in country_scores([], "Wildfires spread across New Mexico.")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_codes_are_alpha2(text: str) -> None:
    # GIVEN any text / WHEN countries are derived / THEN only upper-case alpha-2 codes come back
    assert all(len(c) == 2 and c.isupper() for c in countries_of([], text))


def test_georgia_the_us_state_is_not_georgia_the_country() -> None:
    # GIVEN Georgia as a US state, then Georgia as a country
    state = "Voters in Georgia lined up in Atlanta; Georgia Gov. Brian Kemp urged patience."
    country = "Georgia and Armenia signed a transit deal in Tbilisi; Georgia will upgrade its ports."
    # WHEN countries are scored / THEN only the second is GE
    assert "GE" not in country_scores([], state)
    assert countries_of([], country)[0] == "GE"


def test_a_dateline_in_capitals_names_its_country() -> None:
    # GIVEN a dateline written in capitals and no other mention of the country
    text = "BAAR, SWITZERLAND — The company said on Monday that its new plant would open next year."
    # WHEN / THEN the capitalised name counts as the country
    assert countries_of([], text) == ["CH"]


def test_one_place_is_enough_evidence_and_at_most_three_countries() -> None:
    # GIVEN a text whose only evidence is one city of the entity stage
    assert countries_of([Place(name="Taipei", country="TW", mentions=1)], "Suppliers in Taipei said so.") == [
        "TW"
    ]
    # GIVEN a text naming five countries equally
    text = "France, Spain, Italy, Germany and Poland signed. France, Spain, Italy, Germany and Poland agreed."
    # WHEN / THEN no more than three are reported
    assert len(countries_of([], text)) == 3


def test_national_institutions_and_companies_are_evidence_of_their_country() -> None:
    # GIVEN a story where the Kremlin and Volkswagen act, with no country named
    text = "The Kremlin said on Monday that talks would resume. Volkswagen unveiled its new electric car."
    # WHEN countries are derived / THEN the countries acting are found
    assert set(countries_of([], text)) == {"RU", "DE"}
    # AND a lone passing mention weighs like a place mention, below a country named twice
    scores = country_scores([], "France and France again. The Kremlin declined to comment.")
    assert scores["FR"] > scores["RU"] > 0
