"""English entities: general failure classes on unseen news (issue 12, the enents3 round).

Each test is one class of error; the texts are invented for the tests, not taken from the corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

from article_pipeline.models import Organization, Person, Place
from article_pipeline.pipeline.entities import Entities, extract_entities


def _names(items: Sequence[Person | Organization | Place]) -> list[str]:
    return [item.name for item in items]


def _forms(ents: Entities, kind: str) -> set[str]:
    return {form for e in getattr(ents, kind) for form in (e.name, *e.aliases)}


def test_unknown_name_listed_with_a_sure_person_is_a_person() -> None:
    # GIVEN a name the gazetteer does not know, coordinated with a well-formed person's name
    text = "The envoy met Qorin Belvak and Jane Smith in Geneva on Tuesday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are people, and the unknown one is no organisation
    assert {"Qorin Belvak", "Jane Smith"} <= set(_names(ents.people))
    assert "Qorin Belvak" not in _forms(ents, "organizations")


def test_unknown_name_alone_is_not_made_a_person_by_the_list_rule() -> None:
    # GIVEN the same unknown name-shaped span with no person beside it, listed with a company
    text = "Shares of Qorin Belvak and Microsoft fell on Monday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN it is not a person
    assert "Qorin Belvak" not in _names(ents.people)


def test_possessive_with_a_kinship_noun_makes_a_lone_surname_a_person() -> None:
    # GIVEN a surname used alone, only in the possessive, before nouns only a person has
    text = "The plan was criticised by Dravosky's aides, and Dravosky's wife declined to comment."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the surname is a person, not an organisation
    assert "Dravosky" in _names(ents.people)
    assert "Dravosky" not in _forms(ents, "organizations")


def test_possessive_with_a_company_noun_is_not_made_a_person() -> None:
    # GIVEN a lone name in the possessive before a company's noun
    text = "Analysts said Zentrix's shares rose 4 percent after Zentrix's chief executive spoke."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN it is no person
    assert "Zentrix" not in _names(ents.people)


def test_saints_name_inside_an_institution_is_one_organisation() -> None:
    # GIVEN hospitals named after saints, the possessive inside the name (twice in the second)
    text = (
        "She was treated at St Bride's Hospital in Leeds before moving to St. Anselm's Children's "
        "Research Hospital last year."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    orgs = set(_names(ents.organizations))
    # THEN each institution is one organisation, and no saint is a person or a place
    assert "St Bride's Hospital" in orgs
    assert "St. Anselm's Children's Research Hospital" in orgs
    assert not {"Bride", "St Bride", "St. Anselm", "Anselm"} & (
        _forms(ents, "people") | _forms(ents, "places")
    )


def test_saints_possessive_without_an_institution_head_is_not_joined() -> None:
    # GIVEN a saint's name in the possessive followed by a capitalised word that heads no institution
    text = "Pilgrims gathered for St. Anselm's Day in Canterbury."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN no organisation spans the possessive
    assert not any("'s" in name for name in _names(ents.organizations))


def test_name_after_a_straight_closing_quote_is_mid_sentence() -> None:
    # GIVEN a surname used alone, only right after a quotation closed with a straight quote and a comma
    text = '"We will appeal the ruling," Brannigan said on Friday.'
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the speaker is a person (the quote closing ends no sentence)
    assert "Brannigan" in _names(ents.people)


def test_straight_quote_ending_a_sentence_still_ends_it() -> None:
    # GIVEN a quotation that ends a sentence with a full stop inside a straight quote
    from article_pipeline.pipeline.document import build_document
    from article_pipeline.pipeline.entities import _Extractor

    toks = _Extractor(build_document('She said "we won." Later the team left, "and" then slept.', "en")).toks
    # WHEN the tokens are read
    starts = {t.text for t in toks if t.sent_start}
    # THEN the word after the closing quote starts a sentence, and one after a mid-sentence quote does not
    assert "Later" in starts
    assert "then" not in starts


def test_person_name_that_opens_an_institution_name_is_the_institution() -> None:
    # GIVEN a hospital named after a person in full, then by the person's name alone
    text = (
        "The Harlan Wexby Memorial Hospital said the patient was stable. Doctors at Harlan Wexby "
        "said he was resting."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the short form is the hospital's, and no person is made
    assert "Harlan Wexby" not in _names(ents.people)
    assert "Harlan Wexby" in _forms(ents, "organizations")


def test_person_named_alone_by_surname_beside_their_foundation_stays_a_person() -> None:
    # GIVEN a person, a foundation named after them, and the surname used alone
    text = (
        "Harlan Wexby started the Harlan Wexby Family Foundation in 2002. Wexby said the fund would double."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the person remains, beside the foundation
    assert "Harlan Wexby" in _names(ents.people)
    assert "Harlan Wexby Family Foundation" in _names(ents.organizations)


def test_cities_followed_by_a_games_score_are_teams_in_sports_copy() -> None:
    # GIVEN a match report that names both teams by their cities, with scores and little sports vocabulary
    text = (
        "Eastbrook beat Portland 31-10 on Sunday night. Portland fell to 2-7 after Eastbrook drew "
        "3-3 with Tacoma last week. Portland coach Dale Ruskin said the team must improve."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN Portland, which plays in every mention, is a team, not a place
    assert "Portland" in _names(ents.organizations)
    assert "Portland" not in _names(ents.places)


def test_score_like_vote_count_does_not_make_a_city_a_team() -> None:
    # GIVEN a council story with a vote count after a verb, and no sports vocabulary
    text = "The council in Portland voted 5-2 on Tuesday to raise fees. Portland residents objected."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN Portland stays a place
    assert "Portland" in _names(ents.places)
    assert "Portland" not in _names(ents.organizations)


def test_club_named_like_a_person_before_a_team_noun_is_an_organisation() -> None:
    # GIVEN sports copy naming a club that is also a given name, right before "manager"
    text = (
        "Arsenal drew 1-1 with Chelsea in the league on Saturday. The match was tense, and "
        "Chelsea manager Enzo Maresca praised his squad."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the club is an organisation
    assert "Chelsea" in _names(ents.organizations)
    assert "Chelsea" not in _names(ents.people)


def test_given_name_before_a_team_noun_outside_sports_copy_is_no_club() -> None:
    # GIVEN a given name before "fans" in a story with no sports vocabulary and no score
    text = "The singer thanked her fans. Chelsea fans of the show lined up for tickets in Leeds."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN no organisation is made from the given name
    assert "Chelsea" not in _names(ents.organizations)


def test_state_that_plays_in_every_mention_is_a_team() -> None:
    # GIVEN college sports copy naming a team by its state in every mention
    text = (
        "Duke beat North Carolina 80-71 in the conference tournament. North Carolina coach "
        "Hubert Davis said his players were tired after the game."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the state is the team
    assert "North Carolina" in _names(ents.organizations)
    assert "North Carolina" not in _names(ents.places)


def test_venue_after_a_preposition_of_place_is_a_place_not_a_person() -> None:
    # GIVEN venues whose names look like a given name and a surname, after "at" and "outside the"
    text = "The quartet played at Marlow Hall on Friday, and fans waited outside the Denham Abbey for hours."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are places, and neither is a person
    assert {"Marlow Hall", "Denham Abbey"} <= set(_names(ents.places))
    assert not {"Marlow Hall", "Denham Abbey"} & set(_names(ents.people))


def test_person_whose_surname_is_a_venue_word_stays_a_person() -> None:
    # GIVEN a person whose surname is a venue's head word, with no preposition of place before the name
    text = "Marlow Hall, the festival's director, said tickets sold out."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the person remains a person
    assert "Marlow Hall" in _names(ents.people)


def test_storms_given_name_is_no_place_and_no_person() -> None:
    # GIVEN storms named with a town's name and a given name
    text = "Hurricane Milton struck Florida on Wednesday. Tropical Storm Helene followed a week later."
    # WHEN entities are extracted
    ents = extract_entities(text)
    names = set(_names(ents.places)) | set(_names(ents.people)) | set(_names(ents.organizations))
    # THEN the storms name nothing, and the state is still a place
    assert not {"Milton", "Helene", "Hurricane Milton", "Tropical Storm Helene"} & names
    assert "Florida" in _names(ents.places)


def test_capitalised_kicker_before_a_colon_is_no_dateline_place() -> None:
    # GIVEN a story opening with a kicker in capitals that is an ordinary word
    text = "WATCH: Crews battle a warehouse blaze\nFirefighters fought the fire for six hours in Tulsa."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the kicker is no place, and the town in the body is
    assert "WATCH" not in _names(ents.places)
    assert "Tulsa" in _names(ents.places)


def test_unknown_capitalised_dateline_town_is_still_a_place() -> None:
    # GIVEN a dateline in capitals naming a small town the gazetteer does not know
    text = "KELVERTON — The town council voted on Tuesday to close the bridge."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the town is a place
    assert "KELVERTON" in _names(ents.places)


def test_local_business_named_by_a_town_and_a_trade_is_an_organisation() -> None:
    # GIVEN a bakery and a brewery named by a town's name and their trade
    text = "Maple Grove Bakery won the award on Saturday, beating Elm Creek Brewery in the final round."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are organisations, not people
    assert {"Maple Grove Bakery", "Elm Creek Brewery"} <= set(_names(ents.organizations))
    assert not {"Maple Grove Bakery", "Elm Creek Brewery"} & set(_names(ents.people))


def test_name_followed_by_who_or_a_life_verb_is_a_person() -> None:
    # GIVEN unknown name-shaped spans followed only by words that fit a person
    text = (
        "Qorin Belvak, who lives nearby, called the fire department. Later, Dravin Holm was "
        "arrested at the scene. Tavish Oruwa (left) posed with the crew."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN each is a person, and none is an organisation
    assert {"Qorin Belvak", "Dravin Holm", "Tavish Oruwa"} <= set(_names(ents.people))
    assert not {"Qorin Belvak", "Dravin Holm", "Tavish Oruwa"} & _forms(ents, "organizations")


def test_unknown_name_with_no_person_cue_is_not_made_a_person() -> None:
    # GIVEN an unknown name-shaped span followed by "which" and a company's verb
    text = "Qorin Belvak, which makes sensors, announced a new plant in Ohio."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN it is not a person
    assert "Qorin Belvak" not in _names(ents.people)
