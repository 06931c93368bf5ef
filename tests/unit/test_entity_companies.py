"""English companies named without a legal form: the document's evidence decides (issue 12).

The texts are invented for the tests, in the shapes wire copy uses; none is corpus text.
"""

from __future__ import annotations

from article_pipeline.pipeline.entities import Entities, extract_entities


def _forms(ents: Entities, kind: str) -> set[str]:
    return {form for e in getattr(ents, kind) for form in (e.name, *e.aliases)}


def test_a_word_with_a_chief_executive_is_a_company_not_the_person_who_said_something() -> None:
    # GIVEN an unknown word that "said" something and, elsewhere, has a chief executive and shares
    text = (
        "In a statement, Orvella said it had hired a new finance chief. "
        "Orvella's chief executive, Mia Lund, told analysts that Orvella shares were undervalued."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the word is an organisation, and no person
    assert "Orvella" in _forms(ents, "organizations")
    assert "Orvella" not in _forms(ents, "people")
    assert "Mia Lund" in _forms(ents, "people")


def test_an_appositive_naming_a_kind_of_company_makes_an_organisation() -> None:
    # GIVEN an unknown name followed by ", the ... startup,"
    text = "Tesvia, the Berlin-based battery startup, raised $40 million this year."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN it is an organisation (and Berlin a place)
    assert "Tesvia" in _forms(ents, "organizations")
    assert "Berlin" in _forms(ents, "places")


def test_an_appositive_with_an_owner_names_a_product_not_a_company() -> None:
    # GIVEN a product opening a sentence, described as another company's service
    text = "Quillo, Acme's streaming service, opened to everyone in May."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the product is not made an organisation by the appositive
    assert "Quillo" not in _forms(ents, "organizations")


def test_a_town_name_with_company_evidence_is_the_short_name_of_the_company() -> None:
    # GIVEN a company whose first word is also a town's name, later named by that word alone
    text = (
        "Harlow Systems reported higher revenue on Tuesday. "
        "Analysts said Harlow's chief executive had promised more growth."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the short form is the company's alias, not a place
    assert "Harlow" not in _forms(ents, "places")
    assert any(o.name == "Harlow Systems" and "Harlow" in o.aliases for o in ents.organizations)


def test_a_maker_then_a_model_name_is_no_person() -> None:
    # GIVEN a carmaker named in full, then its model named after the maker's short name
    text = (
        "Kellan Motors recalled 40,000 vehicles over a faulty sensor. The recall covers the 2023 "
        "Kellan Ridgeback and Kellan Vista. A Kellan spokeswoman, Jane Doe, said no one was hurt."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the model is not a person
    assert "Kellan Ridgeback" not in _forms(ents, "people")
    assert "Kellan Motors" in _forms(ents, "organizations")


def test_an_acronym_listed_with_a_named_bank_is_an_organisation() -> None:
    # GIVEN an undefined acronym coordinated with an organisation that has an organisation head
    text = "The ruling helps lenders, and analysts named KDB and Corvina Bank as its main beneficiaries."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN both are organisations
    assert {"KDB", "Corvina Bank"} <= _forms(ents, "organizations")


def test_an_acronym_nobody_treats_as_a_body_stays_out() -> None:
    # GIVEN an undefined acronym that is listed with no organisation
    text = "The monitor supports HDR and a wide colour gamut, and the panel is bright."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN it is no organisation
    assert "HDR" not in _forms(ents, "organizations")


def test_a_title_word_before_an_organisation_head_names_the_league() -> None:
    # GIVEN a league whose name opens with a word that is also a title
    text = "He played six seasons in the Premier League before the General Assembly vote."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the whole names are organisations, not their heads alone
    assert {"Premier League", "General Assembly"} <= _forms(ents, "organizations")
    assert "League" not in _forms(ents, "organizations")


def test_a_title_before_a_name_is_still_split_off() -> None:
    # GIVEN a title word before a personal name
    text = "Premier Li Qiang met the delegation on Monday."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN the person is named without the title
    assert "Li Qiang" in _forms(ents, "people")


def test_well_known_companies_named_alone_are_organisations() -> None:
    # GIVEN well-known companies and a club named by one word, one of them "said" something
    text = "Shares rose after Coinbase said trading volumes doubled. Analysts compared it with Juventus and Carvana."
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN they are organisations, and none a person
    assert {"Coinbase", "Juventus", "Carvana"} <= _forms(ents, "organizations")
    assert not _forms(ents, "people")


def test_a_word_named_once_without_evidence_is_no_organisation() -> None:
    # GIVEN coined words named once: one with nothing around it, one company-style, one that was joined
    text = (
        "The sequel feels like Vorkalon in places and plays well. Fans of PayFlux will like it. "
        "She left last year and joined Quillfeather."
    )
    # WHEN entities are extracted
    ents = extract_entities(text)
    # THEN only the evidenced and the company-style names are organisations
    orgs = _forms(ents, "organizations")
    assert "Vorkalon" not in orgs
    assert {"PayFlux", "Quillfeather"} <= orgs
