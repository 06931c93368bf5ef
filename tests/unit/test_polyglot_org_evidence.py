# ruff: noqa: RUF001  # Cyrillic letters are the subject of one test
"""Non-English organisations from document-level evidence (issue 15): heads the pack lists as no name,
heads before a place, acronyms defined in parentheses. The sentences are invented for these tests."""

from __future__ import annotations

from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document


def _entities(text: str, language: str) -> tuple[dict[str, list[str]], dict[str, list[str]], set[str]]:
    people, orgs, places = polyglot.extract_entities(build_document(text, language))
    return (
        {p.name: p.aliases for p in people},
        {o.name: o.aliases for o in orgs},
        {p.name for p in places},
    )


def test_a_head_listed_as_no_name_opens_a_name_but_is_none_alone() -> None:
    # GIVEN Spanish heads that the pack lists as never names when they stand alone
    text = (
        "Ayer el Ministerio de Trabajo publicó las cifras. El Gobierno no respondió. "
        "La Fiscalía Anticorrupción abrió una causa y el Gobierno calló."
    )
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "es")
    # THEN the heads open the names they lead, and alone they are no organisation
    assert "Ministerio de Trabajo" in orgs
    assert "Fiscalía Anticorrupción" in orgs
    assert "Gobierno" not in orgs


def test_a_place_closing_a_name_opened_by_a_head_listed_as_no_name_is_a_place_too() -> None:
    # GIVEN a government named after the region it governs ("Gobierno" alone is no name in the pack)
    text = "El portavoz dijo que el Gobierno de Aragón aprobó el plan el martes."
    # WHEN the entities are extracted
    _, orgs, places = _entities(text, "es")
    # THEN the organisation is named whole and the region is a place of its own
    assert "Gobierno de Aragón" in orgs
    assert "Aragón" in places


def test_a_german_head_before_a_place_stays_in_the_name_but_not_before_another_name() -> None:
    # GIVEN German heads (capitalised like every noun) before a city and before a magazine's name
    text = (
        "Gestern teilte die Polizei Hamburg mit, dass die Universität Bonn klagt. "
        "Das Magazin Brandlux Review berichtete darüber."
    )
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "de")
    # THEN head and city make one name; before another name the head is the apposition's common noun
    assert "Polizei Hamburg" in orgs
    assert "Universität Bonn" in orgs
    assert "Brandlux Review" in orgs
    assert "Magazin Brandlux Review" not in orgs


def test_an_acronym_defined_in_parentheses_is_an_alias_of_its_name() -> None:
    # GIVEN a French name defined with its acronym, and the acronym alone later
    text = (
        "Selon le Comité Olympique National (CON), le stade est prêt. Hier encore, le CON a publié un avis."
    )
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "fr")
    # THEN one organisation, named in full, holds the acronym
    assert "CON" not in orgs
    assert "CON" in orgs["Comité Olympique National"]


def test_an_acronym_written_first_takes_its_expansion_in_parentheses() -> None:
    # GIVEN an acronym followed by its expansion in another language
    text = "Dzisiaj związek ITF (International Transport Federation) ogłosił strajk. Potem ITF milczała."
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "pl")
    # THEN the acronym and the expansion are one organisation
    assert "ITF" not in orgs
    assert "ITF" in orgs["International Transport Federation"]


def test_a_party_in_parentheses_after_a_person_is_not_their_alias() -> None:
    # GIVEN a person followed by their party's acronym
    text = "El diputado Pedro Ramírez Soto (PNV) votó en contra del plan."
    # WHEN the entities are extracted
    people, orgs, _ = _entities(text, "es")
    # THEN the person keeps their name and the party is an organisation of its own
    assert "PNV" in orgs
    assert not any("PNV" in aliases for aliases in people.values())


def test_a_well_known_organisation_named_alone_in_its_case_forms_is_one_organisation() -> None:
    # GIVEN a well-known airline named alone in three Polish cases
    text = "Wczoraj Ryanair ogłosił nowe trasy. Piloci Ryanaira protestują, a w Ryanairze trwa spór."
    # WHEN the entities are extracted
    people, orgs, _ = _entities(text, "pl")
    # THEN one organisation in its dictionary form holds the inflected forms
    assert list(orgs) == ["Ryanair"]
    assert "Ryanaira" in orgs["Ryanair"] and "Ryanairze" in orgs["Ryanair"]
    assert not people


def test_a_well_known_organisation_in_cyrillic_keeps_its_script() -> None:
    # GIVEN a well-known body written in Cyrillic letters
    text = "Вчера Тойота объявила о новом заводе."
    # WHEN the entities are extracted
    people, orgs, places = _entities(text, "ru")
    # THEN it is an organisation named in the text's script
    assert "Тойота" in orgs
    assert not people and not places


def test_a_maker_before_a_model_number_is_the_organisation() -> None:
    # GIVEN an aircraft named by its maker and model number
    text = "Un Airbus A321 a atterri hier soir avec deux heures de retard."
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "fr")
    # THEN the maker is the organisation and the model is no name of a body
    assert "Airbus" in orgs
    assert "Airbus A321" not in orgs


def test_a_german_stem_head_is_no_head_at_the_front_of_a_longer_compound() -> None:
    # GIVEN German words that open with an organisation head's stem
    from article_pipeline.pipeline.langpack import load_pack

    pack = load_pack("de")
    assert pack is not None
    # WHEN they are looked up among the organisation heads
    # THEN an inflected head still is one, a compound ending in another noun is not
    assert pack.org_heads.get("ministeriums")
    assert pack.org_heads.get("parteien")
    assert not pack.org_heads.get("parteichef")
    assert not pack.org_heads.get("polizeisprecher")
    assert not pack.org_heads.get("zeitschriftenhandel")


def test_a_name_cut_short_joins_the_one_longer_name_it_opens() -> None:
    # GIVEN a Portuguese body named in full once and cut short later
    text = (
        "Ontem o Tribunal Regional Eleitoral publicou a lista. Segundo o Tribunal Regional, "
        "a votação será em maio."
    )
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "pt")
    # THEN the short form is an alias of the full name
    assert list(orgs) == ["Tribunal Regional Eleitoral"]
    assert "Tribunal Regional" in orgs["Tribunal Regional Eleitoral"]


def test_a_name_after_a_definite_article_is_a_body() -> None:
    # GIVEN an Italian team and a company named alone after articles, beside a given name and a demonym
    text = (
        "Ieri i tifosi della Sampdorix hanno protestato. Lo conferma il Fenzotti, lo dice il Marco. "
        "Domani gli Italiani votano."
    )
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "it")
    # THEN the names after an article are organisations; a given name or a nationality is none
    assert "Sampdorix" in orgs
    assert "Fenzotti" in orgs
    assert "Italiani" not in orgs and "Marco" not in orgs


def test_a_word_after_an_article_inside_a_longer_name_is_no_body_of_its_own() -> None:
    # GIVEN a French complement after an organisation head, and a word the text also writes in lower case
    text = "Le ministère de l'Intérieur a parlé. Selon le Brivalon, le brivalon est rare."
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "fr")
    # THEN neither is an organisation of its own
    assert "Intérieur" not in orgs
    assert "Brivalon" not in orgs


def test_a_name_whose_last_word_recurs_alone_is_no_organisation() -> None:
    # GIVEN a two-word name without a known given name, shortened later to its last word
    text = "Ieri ha parlato in aula Tjorvik Vollhaber. Poi anche Vollhaber ha taciuto."
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "it")
    # THEN the name is not taken for an organisation (the press shortens a body to its first word)
    assert "Tjorvik Vollhaber" not in orgs


def test_a_body_shortened_to_its_first_word_stays_an_organisation() -> None:
    # GIVEN a two-word company name shortened later to its first word
    text = "Wczoraj firma Brixton Logistics ogłosiła wyniki. Później Brixton potwierdził plany."
    # WHEN the entities are extracted
    _, orgs, _ = _entities(text, "pl")
    # THEN it is still an organisation
    assert any("Brixton Logistics" in [name, *aliases] for name, aliases in orgs.items())
