"""English entity typing with document evidence: which kind a name is, and when a name is no entity.

Each test is one failure class of issue 12 (the texts are written for the tests, not taken from the corpus).
"""

from __future__ import annotations

from collections.abc import Sequence

from article_pipeline.models import Organization, Person, Place
from article_pipeline.pipeline import gazetteer as gz
from article_pipeline.pipeline.entities import Entities, extract_entities


def _names(items: Sequence[Person | Organization | Place]) -> list[str]:
    return [item.name for item in items]


def _forms(ents: Entities, kind: str) -> set[str]:
    return {form for e in getattr(ents, kind) for form in (e.name, *e.aliases)}


def test_well_known_company_is_an_organisation_not_a_city_or_a_surname() -> None:
    # GIVEN companies named alone: one is also a Japanese city, one is also a surname
    text = (
        "Sales of hybrids rose at Toyota in October, while Ford cut prices on three models. "
        "Analysts expect Toyota to gain market share next year."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are organisations, and neither is a place nor a person
    assert {"Toyota", "Ford"} <= set(_names(ents.organizations))
    assert "Toyota" not in _names(ents.places)
    assert "Ford" not in _names(ents.people)


def test_surname_of_a_person_in_the_article_is_not_the_company() -> None:
    # GIVEN a person whose surname is also a company's name
    text = "Harrison Ford arrived late. Ford said the film had taken four years to make."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the surname joins the person, and no organisation "Ford" is made
    assert "Ford" in _forms(ents, "people")
    assert "Ford" not in _names(ents.organizations)


def test_legislative_bodies_named_alone_are_organisations() -> None:
    # GIVEN institutions named by one word
    text = "The bill passed the Senate on Tuesday, and Congress is expected to vote on it next week."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN they are organisations
    assert {"Senate", "Congress"} <= set(_names(ents.organizations))


def test_product_after_its_maker_is_no_organisation() -> None:
    # GIVEN a product named after its maker, then alone
    text = (
        "The new Nissan Sentra arrives in spring. Buyers who liked the old Sentra will find "
        "more room, and the Sentra keeps its price. Nissan said demand was strong."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the maker is the organisation and the product is none
    assert "Nissan" in _names(ents.organizations)
    assert not any("Sentra" in name for name in _names(ents.organizations) + _names(ents.people))


def test_undefined_acronyms_of_a_spec_sheet_are_no_organisations() -> None:
    # GIVEN technical acronyms repeated in a review, and a well-known agency
    text = (
        "The monitor covers 99% of sRGB with an IPS panel and HDR support. The IPS panel is bright, "
        "HDR looks good and RGB lighting is optional. NASA engineers use a similar panel."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN only the agency is an organisation
    orgs = set(_names(ents.organizations))
    assert "NASA" in orgs
    assert not orgs & {"IPS", "HDR", "RGB"}


def test_acronym_with_a_plural_is_a_common_noun() -> None:
    # GIVEN an acronym also used in the plural, with a word after it that looks like an organisation's
    text = "Patients in ICUs need constant care. The ICU staff said the ICU was full on Monday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN neither form is an organisation
    assert not set(_names(ents.organizations)) & {"ICU", "ICUs"}


def test_ordinary_word_in_capitals_is_no_organisation_however_often() -> None:
    # GIVEN ordinary words capitalised as product tiers and game titles, repeated
    text = (
        "The Premium plan adds storage. Premium also removes ads. Players of Shadow can buy the "
        "Collection, and Shadow runs on older machines."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN none of them is an organisation
    assert not set(_names(ents.organizations)) & {"Premium", "Shadow", "Collection"}


def test_position_code_before_a_name_makes_a_person() -> None:
    # GIVEN a sports stat line: a position code, then a name the names list does not hold
    text = "LB Sione Takitaki 6 snaps, 1 tackle. CB T.J. Carrie 63 snaps. S Sheldrick Redwine 33 snaps."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the names are people, and the codes are not part of them
    people = set(_names(ents.people))
    assert {"Sione Takitaki", "T.J. Carrie", "Sheldrick Redwine"} <= people
    assert not set(_names(ents.organizations)) & {"Sione Takitaki", "Sheldrick Redwine"}


def test_city_beside_its_team_is_the_team_in_sports_copy() -> None:
    # GIVEN a game story that names a team in full and then by its city
    text = (
        "The Cleveland Browns lost the game 21-7. Cleveland had no answer on defense all season, "
        "and the coach said the league would review the tackles."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the city is an alias of the team, not a place, and it still locates the article
    assert "Cleveland" in _forms(ents, "organizations")
    assert "Cleveland" not in _names(ents.places)
    assert ("Cleveland", "US") in [(p.name, p.country) for p in ents.located]


def test_city_that_plays_is_a_club_in_sports_copy() -> None:
    # GIVEN a transfer story where the club is named by its city and takes a plural verb
    text = (
        "Chelsea have paid the transfer fee for the goalkeeper. The club said the league season starts "
        "next month, and Chelsea hope to announce the deal before the first match."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the city is an organisation
    assert "Chelsea" in _names(ents.organizations)
    assert "Chelsea" not in _names(ents.places)


def test_city_outside_sports_copy_stays_a_place() -> None:
    # GIVEN a city with a plural noun after it in ordinary news
    text = "Boulder Flatirons trails were closed. Boulder officials said the trails reopen on Friday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the city is a place
    assert "Boulder" in _forms(ents, "places")


def test_name_shaped_thing_without_evidence_is_no_entity() -> None:
    # GIVEN title-cased product names that look like personal names, with nothing to confirm them
    text = "The bundle includes Pokemon Sword and a Master Builder Series set for the holidays."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN they are neither people nor organisations
    names = set(_names(ents.people)) | set(_names(ents.organizations))
    assert not names & {"Pokemon Sword", "Master Builder Series"}


def test_name_taken_up_by_a_personal_pronoun_is_a_person() -> None:
    # GIVEN a name the names lists do not hold, taken up by "He"
    text = "The rocket was built for Zorvan Quillet. He said the first flight would be in March."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN it is a person
    assert "Zorvan Quillet" in _names(ents.people)


def test_context_confirmed_single_name_is_a_person() -> None:
    # GIVEN a one-word name after a role word
    text = "Brazil star Neymar was among the 12,000 fans in attendance."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN it is a person, not an organisation
    assert "Neymar" in _names(ents.people)
    assert "Neymar" not in _names(ents.organizations)


def test_hyphenated_east_asian_given_names_are_names() -> None:
    # GIVEN names whose given name is two syllables joined by a hyphen
    text = (
        "Taiwan's president, Tsai Ing-wen, spoke on Monday. Cheuk Hau-yip, the commander of the "
        "district, said police would stay. The Kazakh-born engineer left."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are people, and a hyphenated adjective is still no name
    people = set(_names(ents.people))
    assert {"Tsai Ing-wen", "Cheuk Hau-yip"} <= people
    assert not any("Kazakh" in name for name in people)


def test_given_name_before_a_town_is_a_person() -> None:
    # GIVEN a person whose surname is also a town's name
    text = "The songs were written by Caitlyn Smith and Kate York last winter."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are people and the town is no place
    assert {"Caitlyn Smith", "Kate York"} <= set(_names(ents.people))
    assert "York" not in _names(ents.places)


def test_generational_suffix_does_not_split_a_person() -> None:
    # GIVEN one person written with a suffix and with a middle initial
    text = (
        "Patrick Carlineo Jr., 55, was charged on Monday. Court papers name him Patrick W. Carlineo. "
        "Carlineo's lawyer declined to comment."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN one person holds every form
    carlineos = [p for p in ents.people if "Carlineo" in p.name]
    assert len(carlineos) == 1
    assert "Patrick W. Carlineo" in (carlineos[0].name, *carlineos[0].aliases)


def test_countries_joined_by_a_hyphen_are_places() -> None:
    # GIVEN two countries joined by a hyphen as an adjective
    text = "Markets rallied on hopes of a US-China trade deal."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN each country is a place
    assert {"US", "China"} <= _forms(ents, "places")


def test_nations_of_the_united_kingdom_are_places_of_their_own() -> None:
    # GIVEN the United Kingdom and one of its nations
    text = "The tour starts in the United Kingdom and ends in Scotland in May."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are places, not one place with two names
    assert {"United Kingdom", "Scotland"} <= set(_names(ents.places))


def test_place_opening_an_organisation_name_locates_the_article() -> None:
    # GIVEN an event named after its city, the city named once more
    text = "The Amsterdam Light Festival opens on Friday. Amsterdam expects many visitors."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the event is an organisation and the city's country is among the located places
    assert "Amsterdam Light Festival" in _names(ents.organizations)
    assert any(isinstance(p, Place) and p.country == "NL" for p in ents.located)


def test_known_organisation_table_is_case_insensitive() -> None:
    # GIVEN names written in capitals or lower case
    # WHEN they are looked up
    # THEN the table finds them; an ordinary word is in the common-word table instead
    assert gz.is_known_org("NVIDIA") and gz.is_known_org("Goldman Sachs")
    assert not gz.is_known_org("Premium")
    assert gz.is_common_word("Premium") and not gz.is_common_word("Zacian")


def test_share_indices_are_no_organisations() -> None:
    # GIVEN a markets report naming share indices alone
    text = "The Sensex rose 1.2% and the Nikkei closed higher, while shares of Toyota gained."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the indices are no organisations, the company is one
    orgs = set(_names(ents.organizations))
    assert not orgs & {"Sensex", "Nikkei"}
    assert "Toyota" in orgs


def test_newspaper_with_and_without_its_article_is_one_organisation() -> None:
    # GIVEN a newspaper named in full with "The", then short
    text = "The San Francisco Chronicle reported the arrest. The Chronicle said police were still searching."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN one organisation holds the full name, the name without "The" and the short form
    papers = [o for o in ents.organizations if "Chronicle" in o.name]
    assert len(papers) == 1
    assert {"San Francisco Chronicle", "The Chronicle"} <= {papers[0].name, *papers[0].aliases}


def test_party_in_lower_case_house_style_is_an_organisation() -> None:
    # GIVEN parties written with a lower-case "party"
    text = "The Communist party warned the Democratic Progressive party against the visit."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are organisations
    assert {"Communist party", "Democratic Progressive party"} <= set(_names(ents.organizations))


def test_newspaper_named_with_a_possessive_owner() -> None:
    # GIVEN a newspaper whose name holds a possessive
    text = "On Monday, the People's Daily warned that the protests must end."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the whole name is one organisation
    assert "People's Daily" in _names(ents.organizations)


def test_state_after_a_party_letter_is_a_place() -> None:
    # GIVEN a lawmaker with her party and state abbreviation
    text = "He threatened to kill Rep. Ilhan Omar (D-Minn.), prosecutors said."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the state is a place and the code is no organisation
    assert "Minnesota" in _names(ents.places)
    assert not any("Minn" in name for name in _names(ents.organizations))


def test_place_before_a_locative_suffix_is_a_place() -> None:
    # GIVEN a known city in a hyphenated adjective
    text = "He paid an Amritsar-based agent to take him to Mexico."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the city is a place
    assert "Amritsar" in _names(ents.places)


def test_one_word_place_framed_by_a_region_is_a_place() -> None:
    # GIVEN small towns the gazetteer does not hold, placed by their region or by "the county of"
    text = (
        "Singh Jabarjung, 24, is from Punjab's Bhatinda. The patient was treated in the county of "
        "Huade, officials said."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are places, and neither is an organisation
    places = set(_names(ents.places))
    assert {"Bhatinda", "Huade"} <= places
    assert not set(_names(ents.organizations)) & {"Bhatinda", "Huade"}


def test_locality_before_police_is_a_place() -> None:
    # GIVEN a small town named only before "police"
    text = "A tip led Forest Hill police officers to the motel room shortly before midnight."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the town is a place, not an organisation
    assert "Forest Hill" in _names(ents.places)
    assert "Forest Hill" not in _names(ents.organizations)


def test_known_maker_before_a_model_code_or_in_a_title_case_line() -> None:
    # GIVEN deal lines: a maker before a model number, and a Title Case line naming a maker
    text = "Save 45% on the LG 65UM7300 TV today.\nBest Lenovo Laptop Deals Of The Week\nPrices end Monday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the makers are organisations
    assert {"LG", "Lenovo"} <= set(_names(ents.organizations))


def test_known_organisation_inside_capitals_or_before_a_hyphenated_adjective() -> None:
    # GIVEN an agency after a country code, and one before a hyphenated adjective
    text = "The figures beat the US EPA test. The car has NASA-inspired seats and a heated wheel."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both agencies are organisations
    assert {"EPA", "NASA"} <= set(_names(ents.organizations))


def test_name_before_a_product_noun_is_no_organisation() -> None:
    # GIVEN invented product names followed by what they are, repeated
    text = (
        "The Vorlix crossover is roomy, and the Vorlix crossover is cheap. Fans of the Zentaro "
        "series will like Zentaro too."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN neither is an organisation
    assert not set(_names(ents.organizations)) & {"Vorlix", "Zentaro"}


def test_name_only_ever_in_quotation_marks_is_a_title() -> None:
    # GIVEN a film and a character named only inside quotation marks, and a holiday
    text = (
        "The song closes “Wild Rose,” a story about a singer. The service also has “Mary Poppins” "
        "and “Bambi.” Voters went to the polls on Election Day."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN none of them is a person or an organisation
    names = set(_names(ents.people)) | set(_names(ents.organizations))
    assert not names & {"Wild Rose", "Mary Poppins", "Election Day"}


def test_person_quoted_once_and_named_again_stays_a_person() -> None:
    # GIVEN a person's name once in quotation marks and once in running text
    text = "Fans chanted “Harry Kane” all night. Harry Kane said he was proud of the team."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the person is kept
    assert "Harry Kane" in _names(ents.people)


def test_product_name_ending_in_an_edition_or_model_word_is_no_entity() -> None:
    # GIVEN products whose last word says what they are, and the product's first word alone later
    text = (
        "The Premiere Edition ships with a Chromecast Ultra. Images from the Hubble Space Telescope "
        "arrived on Monday, and Hubble will keep watching the moon."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN none of them is a person or an organisation
    names = set(_names(ents.people)) | set(_names(ents.organizations))
    assert not names & {
        "Premiere Edition",
        "Chromecast Ultra",
        "Hubble Space Telescope",
        "Hubble",
        "Chromecast",
    }


def test_firm_and_observatory_heads_make_organisations() -> None:
    # GIVEN a brokerage, a design studio and an observatory named by their heads
    text = (
        "Analysts at Kotak Institutional Equities cut their forecast. The light work was made by "
        "Peter Koros Design, and astronomers at the Keck Observatory confirmed the finding."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN they are organisations, not people
    orgs = set(_names(ents.organizations))
    assert {"Kotak Institutional Equities", "Peter Koros Design", "Keck Observatory"} <= orgs
    assert not set(_names(ents.people)) & orgs


def test_washington_dc_is_one_place_and_dc_current_is_none() -> None:
    # GIVEN the US capital written with its district, and "DC" as direct current
    text = "The probe was announced in Washington, D.C., on Monday. The car supports DC fast charging."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN one place holds "Washington, D.C.", and no place is made of "DC"
    capitals = [p for p in ents.places if "Washington, D.C." in (p.name, *p.aliases)]
    assert len(capitals) == 1
    assert not any(p.name in ("D.C.", "DC") for p in ents.places)


def test_embedded_post_signature_names_its_author() -> None:
    # GIVEN an embedded social post signed with a name, a handle and a date
    text = (
        "The state spent half a million dollars on it: https://t.co/abc\n\n"
        "— Dianna E. Anderson (@diannaeanderson) November 18, 2019\n\nSo much for that."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the signature's name is a person (the line is no Title Case headline)
    assert "Dianna E. Anderson" in _names(ents.people)


def test_party_named_by_its_members_is_an_organisation() -> None:
    # GIVEN a party named by its members, with a place or a chamber before it, and by its nickname
    text = (
        "Virginia Democrats won both chambers. House Republicans objected, and the GOP said "
        "Republicans would fight on."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN "Democrats" is an organisation, the place stays a place, and "Republicans" joins the GOP
    assert "Democrats" in _names(ents.organizations)
    assert "Virginia" in _names(ents.places)
    gop = [o for o in ents.organizations if "GOP" in (o.name, *o.aliases)]
    assert len(gop) == 1 and "Republicans" in (gop[0].name, *gop[0].aliases)


def test_the_house_beside_the_senate_is_the_chamber() -> None:
    # GIVEN "the House" in an article that names the Senate, and a house that is a building
    text = "The bill passed the House on Tuesday and goes to the Senate next week."
    other = "The family left the House on the hill in 1990."
    # WHEN entities are extracted
    ents, plain = extract_entities(text), extract_entities(other)
    # THEN the chamber is an organisation; the building is none
    assert "House" in _names(ents.organizations)
    assert "House" not in _names(plain.organizations)


def test_surname_shared_by_two_people_is_neither_a_new_person_nor_an_organisation() -> None:
    # GIVEN two people with one surname, then the surname alone
    text = "Chad Thomas started and Tavierre Thomas came off the bench. Thomas played 40 snaps."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the two people are kept and the surname makes no third entity
    assert {"Chad Thomas", "Tavierre Thomas"} <= set(_names(ents.people))
    assert "Thomas" not in set(_names(ents.people)) | set(_names(ents.organizations))


def test_network_and_its_local_station_are_one_name() -> None:
    # GIVEN local stations named by their network and a channel number or a call code
    text = "Police told NBC 5 the girl was safe. CBS DFW first reported the arrest."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN each station is one organisation, not the bare network
    orgs = set(_names(ents.organizations))
    assert {"NBC 5", "CBS DFW"} <= orgs
    assert not orgs & {"NBC", "CBS"}


def test_office_named_by_its_holders_title_is_one_organisation() -> None:
    # GIVEN an office named by a title, a possessive and its district
    text = (
        "He pleaded guilty, the U.S. Attorney's Office for the Western District of New York said. "
        "The Sheriff's Office declined to comment."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN each office is one organisation, and no person is made of its words
    orgs = set(_names(ents.organizations))
    assert "U.S. Attorney's Office for the Western District of New York" in orgs
    assert "Sheriff's Office" in orgs
    assert not ents.people


def test_a_name_shaped_span_that_owns_an_organisation_is_a_person() -> None:
    # GIVEN a name the names lists do not know, owning an organisation named by its head word
    text = "The agency hired Tavrin Oskel's Corvane Systems to build the lander."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the owner is a person
    assert "Tavrin Oskel" in _names(ents.people)


def test_a_name_shaped_span_of_a_town_or_after_written_by_is_a_person() -> None:
    # GIVEN unknown names placed in a town, or named as an author
    text = (
        "Police identified the victim as Dorvel Quastin of Raleigh. "
        "The song was written by Marsiel Tovrak last year."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are people, and neither an organisation
    assert {"Dorvel Quastin", "Marsiel Tovrak"} <= set(_names(ents.people))
    assert not {"Dorvel Quastin", "Marsiel Tovrak"} & set(_names(ents.organizations))


def test_an_unknown_word_near_a_place_or_listed_with_places_is_a_place() -> None:
    # GIVEN unknown single words after "near" and in a list with known places
    text = "The fire burned near Quenvale overnight. Crews were sent to Dallas, Plano and Torvick on Monday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are places, not organisations
    assert {"Quenvale", "Torvick"} <= set(_names(ents.places))
    assert not {"Quenvale", "Torvick"} & set(_names(ents.organizations))


def test_a_name_after_a_place_and_a_comma_is_no_list_item() -> None:
    # GIVEN a place, a comma, and a team's name that opens the next phrase
    text = "In the game in Cleveland, Dravens defensive end Jane Doe was hurt."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the second name is not made a place by the comma
    assert "Dravens" not in _names(ents.places)


def test_airports_and_well_known_venues_are_places() -> None:
    # GIVEN an airport named with its head word, and venues named alone
    text = "Flights at Quenvale Regional Airport were cancelled, and fans left Wembley for Heathrow."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN they are places (the guidelines' facilities that function as places), not organisations
    assert {"Quenvale Regional Airport", "Wembley", "Heathrow"} <= set(_names(ents.places))
    assert not set(_names(ents.organizations))


def test_a_city_named_like_a_persons_given_name_stays_a_place() -> None:
    # GIVEN a person whose given name is a capital's name, and that capital as a place
    text = "Paris Hilton spoke on Monday. Hilton later flew to Paris for the show."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the city is a place, not the person's alias
    assert "Paris" in _names(ents.places)
    assert all("Paris" not in p.aliases for p in ents.people)


def test_a_common_word_named_alone_does_not_confirm_a_name_shaped_thing() -> None:
    # GIVEN a name-shaped product whose last word is a common noun, later named by that noun alone,
    # and an unknown person later named by an uncommon surname
    text = (
        "Players of Zorvak Shield can trade items. The Shield update also adds raids. "
        "Critics praised Dorvel Quastin. Quastin said the film took years."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN only the person is a person
    assert _names(ents.people) == ["Dorvel Quastin"]
