"""Entity extraction: people with roles, organisations with acronyms, places with country codes."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.models import Organization, Person, Place
from article_pipeline.pipeline.entities import Entities, extract_entities
from article_pipeline.pipeline.gazetteer import country_code, fold_confusables, norm_key


def _person(ents: Entities, name: str) -> Person:
    found = [p for p in ents.people if p.name == name]
    assert found, f"{name!r} not in {[p.name for p in ents.people]}"
    return found[0]


def _org(ents: Entities, name: str) -> Organization:
    found = [o for o in ents.organizations if o.name == name]
    assert found, f"{name!r} not in {[o.name for o in ents.organizations]}"
    return found[0]


def _place(ents: Entities, name: str) -> Place:
    found = [p for p in ents.places if p.name == name]
    assert found, f"{name!r} not in {[p.name for p in ents.places]}"
    return found[0]


def test_title_before_name_becomes_role_and_nationality_is_dropped() -> None:
    # GIVEN a sentence with a nationality, a title and a name
    text = "Peruvian Finance Minister Lucia Marquez met bankers in Lima on Tuesday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the name has no title, the role keeps the title without the nationality
    person = _person(ents, "Lucia Marquez")
    assert person.roles == ["Finance Minister"]
    assert _place(ents, "Lima").country == "PE"
    assert all(p.name != "Peruvian" for p in ents.places)


def test_long_title_with_organisation_is_kept_whole_and_its_organisation_found() -> None:
    # GIVEN a title that names a body and a portfolio joined by "and"
    text = (
        "The talks were chaired by UN Special Envoy for Trade and Development Policy Samuel Okafor, "
        "who arrived from Nairobi."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the role is everything before the name, and the body is an organisation
    assert _person(ents, "Samuel Okafor").roles == ["UN Special Envoy for Trade and Development Policy"]
    assert any(o.name == "UN" for o in ents.organizations)
    assert _place(ents, "Nairobi").country == "KE"


def test_appositive_role_after_name() -> None:
    # GIVEN a name followed by ", the chief executive of X,"
    text = "Maria Jensen, the chief executive of Nordvik Shipping Group, said costs would rise."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the appositive is the role and the company an organisation
    assert _person(ents, "Maria Jensen").roles == ["chief executive of Nordvik Shipping Group"]
    assert _org(ents, "Nordvik Shipping Group")


def test_honorifics_are_not_names_or_roles() -> None:
    # GIVEN honorifics before names
    text = "Dr. Helen Park and Mr. Tomas Berg spoke. Park later left for Oslo."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the names are clean, roles empty, and the surname merged into the full name
    park = _person(ents, "Helen Park")
    assert park.roles == []
    assert "Park" in park.aliases
    assert park.mentions == 2
    assert _person(ents, "Tomas Berg")


def test_acronym_definition_links_later_mentions() -> None:
    # GIVEN "Long Name (ACR)" and later bare uses of the acronym
    text = (
        "The Coastal Fisheries Authority (CFA) issued new quotas. Fishermen criticised the CFA, "
        "and the CFA said it would review them."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN one organisation carries the acronym as an alias and counts every mention
    org = _org(ents, "Coastal Fisheries Authority")
    assert org.aliases == ["CFA"]
    assert org.mentions == 3
    assert [o.name for o in ents.organizations] == ["Coastal Fisheries Authority"]


def test_organisation_cues_and_connectors() -> None:
    # GIVEN organisations recognised by their head words and "of"/"and" inside names
    text = (
        "Officials from the Ministry of Agriculture and the Grain and Feed Commission met executives "
        "of Harlow Biotech Inc. at Westbrook University."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN each is one organisation, whole
    names = {o.name for o in ents.organizations}
    assert {"Ministry of Agriculture", "Grain and Feed Commission", "Westbrook University"} <= names
    assert any(n.startswith("Harlow Biotech Inc") for n in names)


def test_places_get_iso_codes_and_demonyms_are_not_places() -> None:
    # GIVEN countries, cities and a nationality adjective
    text = "Brazilian exporters shipped soy from Santos to Rotterdam, and Vietnam bought more from Brazil."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN places carry ISO alpha-2 codes and the adjective is no place
    codes = {p.name: p.country for p in ents.places}
    assert codes.get("Rotterdam") == "NL"
    assert codes.get("Vietnam") == "VN"
    assert codes.get("Brazil") == "BR"
    assert "Brazilian" not in codes


def test_country_variants_merge_into_one_place() -> None:
    # GIVEN one country written three ways
    text = "The United States raised tariffs. U.S. officials said the US would not back down."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN there is one entry for it, with the other forms as aliases
    us = [p for p in ents.places if p.country == "US"]
    assert len(us) == 1
    assert us[0].mentions == 3
    assert {"U.S.", "US"} <= set(us[0].aliases)


def test_dateline_city_is_a_place() -> None:
    # GIVEN an article opening with a capitalised dateline
    text = "NAIROBI — Kenya's central bank held rates steady on Thursday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the dateline city is a place with its country
    assert _place(ents, "NAIROBI").country == "KE"
    assert _place(ents, "Kenya").country == "KE"


def test_lookalike_letters_merge_with_the_latin_spelling() -> None:
    # GIVEN a name once written with a Cyrillic letter (U+043A) and once in Latin letters
    text = "Deputy Mayor Erи Vasquez opened the bridge. Later, Deputy Mayor Erik Vasquez thanked workers."
    text = text.replace("Erи", "Eri\u043a")
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN there is one person, named in Latin letters, with the variant as an alias
    people = [p for p in ents.people if "Vasquez" in p.name]
    assert len(people) == 1
    assert people[0].name == "Erik Vasquez"
    assert "Eri\u043a Vasquez" in people[0].aliases
    assert people[0].roles == ["Deputy Mayor"]


def test_sentence_initial_words_are_not_entities() -> None:
    # GIVEN capitalised ordinary words at sentence starts and a heading
    text = "Trade tensions\n\nHowever, prices rose. Markets fell in Chicago. Analysts expect more."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN only the city is found
    assert [p.name for p in ents.places] == ["Chicago"]
    assert ents.people == []
    assert ents.organizations == []


def test_bylines_and_credits_are_not_entities() -> None:
    # GIVEN a wire-style reporting credit and a photo credit line
    text = (
        "Farmers in Ghana expect a record cocoa harvest.\n\n"
        "(Reporting by Kwame Mensah in Accra; Editing by Laura Fischer)\n\n"
        "Photo credit: Harbour Press Agency"
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN only the article's own entities remain
    assert ents.people == []
    assert ents.organizations == []
    assert [p.name for p in ents.places] == ["Ghana"]


def test_title_case_headline_lines_yield_only_places() -> None:
    # GIVEN a list of related headlines in Title Case under an article
    text = (
        "Flooding closed two bridges in Lisbon on Sunday.\n\n"
        "Woman Rescued From River After Storm Hits Coastal Town\n"
        "Council Approves New Budget For Lisbon Schools"
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the capitalised headline words are not taken for names; the known city still counts
    assert ents.people == []
    assert ents.organizations == []
    assert [(p.name, p.mentions) for p in ents.places] == [("Lisbon", 2)]


def test_empty_and_blank_text() -> None:
    # GIVEN nothing to read / WHEN extracted / THEN nothing is found
    assert extract_entities("") == Entities()
    assert extract_entities("   \n ") == Entities()


def test_country_code_lookup() -> None:
    # GIVEN country names, cities, regions, variants and demonyms
    # WHEN looked up / THEN ISO 3166-1 alpha-2 codes, None when unknown
    assert country_code("Kazakhstan") == "KZ"
    assert country_code("ALMATY") == "KZ"
    assert country_code("Britain") == "GB"
    assert country_code("U.S.") == "US"
    assert country_code("Ontario") == "CA"
    assert country_code("São Paulo") == "BR"
    assert country_code("Kazakh") == "KZ"
    assert country_code("Europe") is None
    assert country_code("Atlantis Prime") is None
    assert country_code("") is None


def test_fold_confusables_only_repairs_mixed_words() -> None:
    # GIVEN a Latin word with a Cyrillic look-alike and a word wholly in Cyrillic
    # WHEN folded / THEN the mixed word is repaired and the Cyrillic word kept
    assert fold_confusables("Yerme\u043a \u041c\u043e\u0441\u043a\u0432\u0430") == (
        "Yermek \u041c\u043e\u0441\u043a\u0432\u0430"
    )
    assert norm_key("Kazakhstan\u2013EU Council") == "kazakhstan eu council"


def test_speed_of_a_five_kilobyte_article() -> None:
    # GIVEN a realistic 5 KB article, tables already loaded
    para = (
        "Acme Robotics Inc. said on Monday that its chief executive, Dana Whitfield, would meet "
        "German Economy Minister Paul Richter in Berlin. The European Commission (EC) is reviewing "
        "the deal, and the EC expects to decide by March, Whitfield said. "
    )
    text = (para * 20)[:5000]
    extract_entities(text)
    # WHEN timed over a few runs
    best = min(_timed(text) for _ in range(5))
    # THEN it stays within the 25 ms budget of the whole clean+classify+extract path, with a factor
    # of two for a loaded two-core CI machine (an idle one measures a few milliseconds)
    assert best < 0.05


def _timed(text: str) -> float:
    start = time.perf_counter()
    extract_entities(text)
    return time.perf_counter() - start


_ODD_CHARS = ["\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u043a", "\u0430", "\u00e9"]
_TEXT = st.text(
    alphabet=st.sampled_from(
        [*"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:'\"()-&+\n019$", *_ODD_CHARS]
    ),
    max_size=300,
)
_WORDS = st.lists(
    st.sampled_from(
        [
            "Anna",
            "Berg",
            "Ministry",
            "of",
            "Finance",
            "in",
            "Paris",
            "said",
            "the",
            "EU",
            "(EU)",
            "Union",
            "European",
            "Kazakh",
            "Foreign",
            "Minister",
            ",",
            ".",
            "“Hello there my friend,” he said.",
            "and",
            "Inc.",
            "Dr.",
            "ALMATY —",
            "Yermeк",
            "Kosherbayev",
            "\n\n",
            "Bank",
            "Corp",
            "River",
            "New",
            "York",
        ]
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, _WORDS))
def test_never_raises_and_names_come_from_the_text(text: str) -> None:
    # GIVEN arbitrary text
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN every name and alias is non-empty and is in the text (up to look-alike letters)
    folded_text = fold_confusables(text)
    entries: list[Person | Organization | Place] = [*ents.people, *ents.organizations, *ents.places]
    for entry in entries:
        assert entry.mentions >= 1
        for form in (entry.name, *entry.aliases):
            assert form.strip()
            assert form in text or fold_confusables(form) in folded_text
    for place in ents.places:
        assert place.country is None or re.fullmatch(r"[A-Z]{2}", place.country)


@settings(max_examples=100, deadline=None)
@given(_WORDS)
def test_deterministic(text: str) -> None:
    # GIVEN any text / WHEN extracted twice / THEN the same result
    assert extract_entities(text) == extract_entities(text)


# Issue 12: roles the text gives in other shapes


def _roles_of(text: str) -> dict[str, list[str]]:
    return {p.name: p.roles for p in extract_entities(text).people}


def test_all_caps_title_after_a_possessive_and_a_comma() -> None:
    # GIVEN "<Org>'s founder and former CEO, <name>,"
    roles = _roles_of("The question is whether Acmeco\u2019s founder and former CEO, Adam Neumann, profited.")
    # WHEN / THEN the whole title is the role
    assert roles["Adam Neumann"] == ["founder and former CEO"]


def test_playing_positions_are_roles() -> None:
    # GIVEN a two-word position in prose and abbreviations opening roster lines
    roles = _roles_of(
        "Browns defensive end Myles Garrett was suspended.\n\nCB Denzel Ward 74 100% 4 tackles.\n\n"
        "LB Mack Wilson 74 100% 1 tackle."
    )
    # WHEN / THEN each position is the player's role
    assert roles["Myles Garrett"] == ["defensive end"]
    assert roles["Denzel Ward"] == ["CB"]
    assert roles["Mack Wilson"] == ["LB"]
    # AND the positions are no organisations
    ents = extract_entities("CB Denzel Ward 74 100% 4 tackles.\n\nLB Mack Wilson 74 100% 1 tackle.")
    assert not {"CB", "LB"} & {o.name for o in ents.organizations}


def test_title_to_a_place_before_the_name() -> None:
    # GIVEN "ambassador to <country> <name>"
    roles = _roles_of("China\u2019s ambassador to Britain Liu Xiaming has said that China has the resolve.")
    # WHEN / THEN the role keeps its place
    assert roles["Liu Xiaming"] == ["ambassador to Britain"]


def test_dash_appositive_on_a_surname_goes_to_the_full_name() -> None:
    # GIVEN a full name, later its surname with "— a <title> ... —"
    roles = _roles_of(
        "It would lead to Tom Harper and Jessie Buckley\u2019s doorstep.\n\n"
        "In 2017 Harper — a young British filmmaker hot off directing a lush adaptation — found a project."
    )
    # WHEN / THEN the role reaches the person, cut at the title's head noun
    assert roles["Tom Harper"] == ["young British filmmaker"]


def test_coordinated_names_share_a_lowercase_title() -> None:
    # GIVEN "<title> <name> and <name>"
    roles = _roles_of("Her co-writers Caitlyn Smith and Nadia Rahman came to the project with a plan.")
    # WHEN / THEN both people have the title
    assert roles.get("Caitlyn Smith") == ["co-writers"]
    assert roles.get("Nadia Rahman") == ["co-writers"]


def test_capitalised_title_before_a_comma_and_the_name() -> None:
    # GIVEN "<Capitalised Title>, <name>" (a comma some copy puts between them)
    roles = _roles_of(
        "Senate Leader, Ahmad Lawan raised a motion over the deaths of former House of Representatives"
        " Speaker , Benjamin Nzeribe."
    )
    # WHEN / THEN the title is the role, with its lowercase modifier
    assert roles["Ahmad Lawan"] == ["Senate Leader"]
    assert roles["Benjamin Nzeribe"] == ["former House of Representatives Speaker"]


def test_one_letter_position_opening_a_roster_line() -> None:
    # GIVEN "S <name> 43 58% ..." in a roster / WHEN / THEN the position is the role
    assert _roles_of("Safety\n\nS Damarious Randall 43 58% 1 tackle (1 combined).") == {
        "Damarious Randall": ["S"]
    }


def test_copular_title_after_the_name() -> None:
    # GIVEN "<name> is the <title> of ..." and "<name>, who is a <title> at ...,"
    roles = _roles_of(
        "Nadia Rahman is the chief executive of Acme Corp. Owen Kettering, who is a nurse at the clinic, agreed."
    )
    # WHEN / THEN the title up to its head noun is the role
    assert roles["Nadia Rahman"] == ["chief executive"]
    assert roles["Owen Kettering"] == ["nurse"]


def test_local_office_and_clergy_titles_are_roles_not_part_of_the_name() -> None:
    # GIVEN titles of local office and clergy before names, mid-sentence
    ents = extract_entities(
        "The suspect fled, said Sheriff John Mina. The letter was signed by Councilman Joe Smith, and the"
        " deal was announced by Rev. Al Sharpton in Harlem."
    )
    # WHEN / THEN the names are the people and the titles their roles
    roles = {p.name: p.roles for p in ents.people}
    assert roles == {"John Mina": ["Sheriff"], "Joe Smith": ["Councilman"], "Al Sharpton": ["Rev."]}


def test_title_from_a_place_before_a_comma_and_a_clause_is_no_appositive() -> None:
    # GIVEN "the <title> from <place>, <name>," and "According to <name>, the officers acted."
    roles = _roles_of(
        "The senator from Ohio, Sherrod Brown, said so. According to Sgt. Jane Doe, the officers acted."
    )
    # WHEN / THEN the first title keeps its place; the clause after the second name is no role
    assert roles["Sherrod Brown"] == ["senator from Ohio"]
    assert roles["Jane Doe"] == ["Sgt."]


def test_a_name_with_particles_after_long_titles_is_kept_whole() -> None:
    # GIVEN names with lower-case particles ("von der", "da") after two or three capitalised title words
    text = (
        "European Commission President Ursula von der Leyen met Brazilian President Luiz Inácio Lula da Silva "
        "on Monday. Lula da Silva said the deal was fair."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN each is one person with the whole name, and no first name stands alone
    names = {p.name for p in ents.people}
    assert {"Ursula von der Leyen", "Luiz Inácio Lula da Silva"} <= names
    assert "Ursula" not in names
    assert "Lula da Silva" in _person(ents, "Luiz Inácio Lula da Silva").aliases


# Issue 12: role forms of news copy in general (appositives with asides, copulas, "as", brackets)


def test_appositive_after_an_age_a_hometown_or_a_short_parenthesis() -> None:
    # GIVEN "<name>, 45, a <title>", "<name>, 45, of <Place>, a <title>", "<name> (pictured), the <title>"
    roles = _roles_of(
        "Nadia Rahman, 45, a nurse from Springfield, said she was scared. Owen Kettering, 38, of Dayton,"
        " a father of two, agreed. Priya Natarajan (pictured), the club's manager, disagreed."
    )
    # WHEN / THEN the appositive after the aside is the role
    assert roles["Nadia Rahman"] == ["nurse from Springfield"]
    assert roles["Owen Kettering"] == ["father of two"]
    assert roles["Priya Natarajan"] == ["club's manager"]


def test_appositive_with_an_age_adjective_or_cut_at_who() -> None:
    # GIVEN "a 45-year-old <title>", "a <title> who ...", "the reigning <title>"
    roles = _roles_of(
        "Nadia Rahman, a 45-year-old mother of three, said. Owen Kettering, a lawyer who represents the"
        " family, said. Priya Natarajan, the reigning champion, won."
    )
    # WHEN / THEN each is the person's role
    assert roles["Nadia Rahman"] == ["mother of three"]
    assert roles["Owen Kettering"] == ["lawyer"]
    assert roles["Priya Natarajan"] == ["reigning champion"]


def test_roles_given_by_a_verb_after_the_name() -> None:
    # GIVEN "was named the new <title>", "who was elected <title>", "who serves as the <org>'s <title>",
    # "who is <name>'s <title>", "hired <name> as its new <title>"
    roles = _roles_of(
        "Nadia Rahman was named the new coach of the Lions on Monday. Owen Kettering, who was elected mayor"
        " in 2019, said. Priya Natarajan, who serves as the group's president, said. Tomas Lindqvist, who"
        " is Nadia Rahman's lawyer, said. The club hired Keith Okonjo as its new manager."
    )
    # WHEN / THEN the title is the role
    assert roles["Nadia Rahman"] == ["new coach"]
    assert roles["Owen Kettering"] == ["mayor"]
    assert roles["Priya Natarajan"] == ["president"]
    assert roles["Tomas Lindqvist"] == ["lawyer"]
    assert roles["Keith Okonjo"] == ["new manager"]


def test_as_after_a_name_is_a_role_only_after_a_verb_of_hiring() -> None:
    # GIVEN "stars <name> as a <character>" / WHEN / THEN no role
    assert _roles_of("The new film stars Keith Okonjo as a detective.").get("Keith Okonjo") == []


def test_title_for_something_before_a_comma_and_the_name() -> None:
    # GIVEN "A <title> for the <body>, <name>,"
    roles = _roles_of("A spokesman for the ministry, Owen Kettering, said the plan was ready.")
    # WHEN / THEN the title with its body is the role
    assert roles["Owen Kettering"] == ["spokesman for the ministry"]


def test_plural_titles_are_shared_by_a_list_of_names_only() -> None:
    # GIVEN "coaches <name> and <name>" and "Actresses <name> and <name>"
    roles = _roles_of("The team is led by coaches Owen Kettering and Keith Okonjo.")
    # WHEN / THEN both have the plural title
    assert roles["Owen Kettering"] == ["coaches"]
    assert roles["Keith Okonjo"] == ["coaches"]


def test_title_in_brackets_after_the_name_and_an_acronym_title_before_it() -> None:
    # GIVEN "<name> (CEO of Acme)" and "Acme founder and CEO <name>"
    roles = _roles_of(
        "The firm said Owen Kettering (CEO of Acme) would speak. Acme founder and CEO Keith Okonjo agreed."
    )
    # WHEN / THEN each is the role
    assert roles["Owen Kettering"] == ["CEO of Acme"]
    assert roles["Keith Okonjo"] == ["founder and CEO"]


def test_single_word_person_keeps_the_role_of_its_first_mention() -> None:
    # GIVEN "<Country> star <mononym>" / WHEN / THEN the title is the role
    assert _roles_of("Brazil star Neymar was among the 12,000 in attendance.") == {"Neymar": ["star"]}


def test_roles_given_by_auxiliaries_and_verbs_of_taking_or_leaving_an_office() -> None:
    # GIVEN "has been the <title>", "has served as <title>", "took over as <title>", "resigned as <title>",
    # "<name>, 24, is a <title>"
    roles = _roles_of(
        "Nadia Rahman has been the coach since 2010. Owen Kettering has served as president since 2012."
        " Priya Natarajan took over as coach in 2015. Tomas Lindqvist resigned as CEO in 2019."
        " Keith Okonjo, 24, is a sprinter from Kenya."
    )
    # WHEN / THEN the title is the role
    assert roles["Nadia Rahman"] == ["coach"]
    assert roles["Owen Kettering"] == ["president"]
    assert roles["Priya Natarajan"] == ["coach"]
    assert roles["Tomas Lindqvist"] == ["CEO"]
    assert roles["Keith Okonjo"] == ["sprinter"]


def test_dash_appositive_opening_with_a_title_and_a_long_appositive() -> None:
    # GIVEN "<name> — CEO of <org> —" and a long appositive that opens with an article
    roles = _roles_of(
        "Owen Kettering — CEO of Acme — said the plan was ready. Keith Okonjo, the chief executive of the"
        " country's largest independent oil and gas exploration and production company, agreed."
    )
    # WHEN / THEN the title is the role (the long one up to its last title word)
    assert roles["Owen Kettering"] == ["CEO"]
    assert roles["Keith Okonjo"] == ["chief executive"]
    # AND a long clause after a name without an article or a title is no role
    ents = extract_entities(
        "From The New York Times to Condé Nast Traveller, almost all major foreign publications have carried"
        " the news about this unique bar in the city."
    )
    assert "Condé Nast Traveller" not in {p.name for p in ents.people}


def test_degree_between_commas_and_a_title_shared_by_both_names() -> None:
    # GIVEN "<name>, Ph.D., a <title>", "<name>, MD, a <title>", "<name> and <name>, both <titles> at ...",
    # and an acronym title ("MVP <name>")
    roles = _roles_of(
        "Owen Kettering, Ph.D., a biologist, said. Keith Okonjo, MD, a cardiologist at the clinic, agreed."
        " Priya Natarajan and Tomas Lindqvist, both teachers at the school, disagreed. MVP Nadia Rahman"
        " scored twice."
    )
    # WHEN / THEN each person has the title
    assert roles["Owen Kettering"] == ["biologist"]
    assert roles["Keith Okonjo"] == ["cardiologist at the clinic"]
    assert roles["Priya Natarajan"] == ["both teachers at the school"]
    assert roles["Tomas Lindqvist"] == ["both teachers at the school"]
    assert roles["Nadia Rahman"] == ["MVP"]


def test_role_before_an_honorific_several_degrees_and_a_hyphenated_title_opening_a_sentence() -> None:
    # GIVEN "pharmacist Dr. <name>", "<name>, MD, MSc, <Title>," and "Co-founder <name>" opening a sentence
    roles = _roles_of(
        "That is fine, says pharmacist Dr. Owen Kettering, if you exercise. Keith Okonjo, MD, MSc, Senior"
        " Deputy Editor, reports no conflicts.\n\nCo-founder Priya Natarajan was an early backer."
    )
    # WHEN / THEN each title is the role
    assert roles["Owen Kettering"] == ["pharmacist"]
    assert roles["Keith Okonjo"] == ["Senior Deputy Editor"]
    assert roles["Priya Natarajan"] == ["Co-founder"]


def test_credits_lines_capitalised_appositives_and_a_role_before_who_with_its_complement() -> None:
    # GIVEN "Moderator: <name>" opening a line, "\u2013 <name>, Writer", and "<name>, a former director of
    # student services who ...,"
    roles = _roles_of(
        "Tonight.\n\nModerator: Owen Kettering\n\nAgenda\n\nIt rocks.\n\n\u2013 Keith Okonjo, Writer\n\nPriya"
        " Natarajan, a former director of student services who now advises universities, said."
    )
    # WHEN / THEN each is the role
    assert roles["Owen Kettering"] == ["Moderator"]
    assert roles["Keith Okonjo"] == ["Writer"]
    assert roles["Priya Natarajan"] == ["former director of student services"]
    # AND "a woman who lives here" names no role
    assert _roles_of("Tomas Lindqvist, a woman who lives here, said.")["Tomas Lindqvist"] == []


def test_organisations_named_in_their_own_language_and_dutch_particles() -> None:
    # GIVEN English copy naming French banks head first, and a Dutch name with "ten"
    text = (
        "Analysts at Société Générale said the Banque de France had warned of slower growth. "
        "Manchester United sacked manager Erik ten Hag on Monday."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the banks are organisations and the manager is one person
    assert {"Société Générale", "Banque de France"} <= {o.name for o in ents.organizations}
    assert "Erik ten Hag" in {p.name for p in ents.people}
    assert not {"Société Générale", "Banque de France"} & {p.name for p in ents.people}


def test_a_club_named_by_its_city_is_confirmed_by_what_it_does() -> None:
    # GIVEN a club named by its city and a common word, that sacks its manager
    ents = extract_entities("Manchester United sacked manager Erik ten Hag on Monday.")
    # WHEN / THEN it is an organisation
    assert "Manchester United" in {o.name for o in ents.organizations}


def test_a_place_before_a_well_known_body_is_no_persons_given_name() -> None:
    # GIVEN a country's branch of a well-known body, as the subject of "said"
    ents = extract_entities("The Kenya Red Cross said it had rescued 200 people.")
    # WHEN / THEN the body is an organisation, the country a place, and no person is found
    assert "Red Cross" in {o.name for o in ents.organizations}
    assert "Kenya" in {p.name for p in ents.places}
    assert not ents.people


def test_three_unknown_name_words_after_a_title_are_one_name() -> None:
    # GIVEN a title, then a three-word name none of whose words is a known given name
    ents = extract_entities(
        "WHO Director-General Tedros Adhanom Ghebreyesus urged wealthy nations to share vaccines."
    )
    # WHEN / THEN the whole name is the person, the title its role
    person = _person(ents, "Tedros Adhanom Ghebreyesus")
    assert person.roles == ["WHO Director-General"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Marta Velasquez, who heads the agency's research unit, said it would work.",
            "Marta Velasquez",
            "head",
        ),
        ("Tobias Renner, who chairs the finance committee, voted no.", "Tobias Renner", "chair"),
        ("Greta Olsen, who founded Brightline in 2004, sold her stake.", "Greta Olsen", "founder"),
        ("Omar Haddad, who owns the bakery on Main Street, was robbed.", "Omar Haddad", "owner"),
    ],
)
def test_an_office_held_in_a_relative_clause_is_a_role(text: str, name: str, role: str) -> None:
    # GIVEN "<name>, who heads/chairs/founded/owns <something>,"
    # WHEN roles are extracted / THEN the office the verb names is the role
    assert _roles_of(text)[name] == [role]


def test_a_verb_that_names_no_office_gives_no_role() -> None:
    # GIVEN "who leads" followed by no object that names what is led
    roles = _roles_of("Tobias Renner, who leads in the polls, spoke on Monday.")
    # WHEN / THEN no role
    assert roles["Tobias Renner"] == []


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Greta Olsen was health minister until 2019.", "Greta Olsen", "health minister"),
        ("Greta Olsen, who served as deputy mayor for a decade, retired.", "Greta Olsen", "deputy mayor"),
    ],
)
def test_a_bare_office_title_with_its_modifiers_after_a_copula(text: str, name: str, role: str) -> None:
    # GIVEN "was health minister", "served as deputy mayor": no article before the modified title
    # WHEN / THEN the title with its modifiers is the role
    assert _roles_of(text)[name] == [role]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Omar Haddad of Riverton, a nurse, saw the crash.", "Omar Haddad", "nurse"),
        ("Omar Haddad, of Dayton, Ohio, a retired teacher, saw the crash.", "Omar Haddad", "retired teacher"),
        ("Omar Haddad, 52, of Dayton, Ohio, who works as a nurse, saw it.", "Omar Haddad", "nurse"),
    ],
)
def test_a_hometown_between_the_name_and_the_role(text: str, name: str, role: str) -> None:
    # GIVEN a hometown ("of Riverton", "of Dayton, Ohio") and maybe an age before the appositive
    # WHEN / THEN the appositive is still the role
    assert _roles_of(text)[name] == [role]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Dana Whitfield, a 6-foot-5 forward, scored 20 points.", "Dana Whitfield", "forward"),
        ("Teammate Dana Whitfield scored twice.", "Dana Whitfield", "Teammate"),
        ("Left-back Dana Whitfield was sent off.", "Dana Whitfield", "Left-back"),
        ("Dana Whitfield, a fellow at the institute, said.", "Dana Whitfield", "fellow at the institute"),
        ("Dana Whitfield, who played quarterback for the Falcons, said.", "Dana Whitfield", "quarterback"),
        ("Dana Whitfield, who directed the film, said.", "Dana Whitfield", "director"),
    ],
)
def test_sports_positions_measures_and_more_role_nouns(text: str, name: str, role: str) -> None:
    # GIVEN a height before a position, hyphenated positions, "teammate", "fellow", "who played <position>"
    # WHEN roles are extracted / THEN each is the person's role
    assert role in _roles_of(text)[name]


@pytest.mark.parametrize("title", ["Coroner", "Ombudsman", "Trustee", "Brigadier", "Headteacher", "Delegate"])
def test_more_office_titles_before_a_name_are_roles_not_part_of_it(title: str) -> None:
    # GIVEN an office title written before a name inside a sentence
    ents = extract_entities(f"On Monday, {title} Dana Whitfield said the report would be published.")
    # WHEN / THEN the person is the name alone and the title is the role
    person = _person(ents, "Dana Whitfield")
    assert person.roles == [title]


@pytest.mark.parametrize("name", ["Anna Warden", "Mark Deacon", "John Ensign", "Sacha Baron Cohen"])
def test_surnames_that_are_also_titles_stay_names(name: str) -> None:
    # GIVEN a person whose surname (or middle name) is also a title somewhere
    ents = extract_entities(f"{name} said the report would be published.")
    # WHEN / THEN the whole name is the person
    assert name in {p.name for p in ents.people}


def test_an_office_held_in_the_perfect_tense() -> None:
    # GIVEN "<name>, who has headed <something> since <year>,"
    roles = _roles_of("Marta Velasquez, who has headed the agency since 2019, said it would work.")
    # WHEN / THEN the office is the role
    assert roles["Marta Velasquez"] == ["head"]
