# ruff: noqa: RUF001  # typographic quotes are what these tests exercise
"""Non-English organisations and people (issue 15): one test per error class fixed in pipeline/polyglot.py."""

from __future__ import annotations

from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document


def _orgs(text: str, language: str) -> dict[str, list[str]]:
    _people, orgs, _places = polyglot.extract_entities(build_document(text, language))
    return {o.name: o.aliases for o in orgs}


def _people(text: str, language: str) -> dict[str, list[str]]:
    people, _orgs, _places = polyglot.extract_entities(build_document(text, language))
    return {p.name: p.aliases for p in people}


def test_legal_form_and_quoted_name_are_one_organisation() -> None:
    text = (
        "Тендер виграло ТОВ «Будівельна група», а замовником було КП «Міськсвітло». "
        "Директор ТОВ «Будівельна група» відмовився від коментарів."
    )
    orgs = _orgs(text, "uk")
    assert "ТОВ «Будівельна група»" in orgs
    assert "Будівельна група" in orgs["ТОВ «Будівельна група»"]
    assert "КП «Міськсвітло»" in orgs
    assert "ТОВ" not in orgs and "КП" not in orgs


def test_nested_quotation_closed_once_keeps_the_inner_name() -> None:
    orgs = _orgs("Договір підписало ТОВ «Торгова компанія «Полісся» у травні.", "uk")
    assert "ТОВ «Торгова компанія «Полісся»" in orgs
    assert "Полісся" in orgs["ТОВ «Торгова компанія «Полісся»"]


def test_quoted_name_alone_is_an_organisation_and_joins_its_inner_form() -> None:
    text = "Компания «Северсталь» сообщила о росте. Позже «Северстали» пришлось снизить цены."
    orgs = _orgs(text, "ru")
    assert len([n for n in orgs if "Северстал" in n]) == 1


def test_quotation_with_attribution_is_not_a_name() -> None:
    orgs = _orgs("«Мы готовы», — сказал министр.", "ru")
    assert not orgs


def test_turkish_organisation_keeps_its_place_and_its_head_suffix() -> None:
    text = "Soruşturma kapsamında Türkiye Cumhuriyet Merkez Bankası ve MASAK raporları incelendi."
    orgs = _orgs(text, "tr")
    assert "Türkiye Cumhuriyet Merkez Bankası" in orgs  # not "Cumhuriyet Merkez Banka"
    assert "MASAK" in orgs  # "ve" after the head does not join the next name


def test_heading_in_capitals_and_a_bare_head_opening_a_sentence_are_not_names() -> None:
    text = "İKİNCİ OPERASYON\n\nSavcılıkta ifade veren şüpheliler tutuklandı. Ozan Holding açıklama yaptı."
    orgs = _orgs(text, "tr")
    assert "İKİNCİ OPERASYON" not in orgs
    assert not [name for name in orgs if name.startswith("Savcılık")]
    assert "Ozan Holding" in orgs


def test_head_alone_joins_the_longer_name_it_opens() -> None:
    text = (
        "Les prévisions de la Commission européenne sont sombres. Mardi, la Commission a confirmé le "
        "ralentissement, comme le Fonds monétaire international (FMI)."
    )
    orgs = _orgs(text, "fr")
    assert "Commission" not in orgs and "Commission européenne" in orgs
    assert "Commission" in orgs["Commission européenne"]
    # an acronym defined in parentheses is an alias of its name (GUIDELINES: acronyms are aliases)
    assert "FMI" in orgs["Fonds monétaire international"]


def test_organisation_after_an_of_word_takes_its_tail() -> None:
    orgs = _orgs("Il a parlé lors du congrès du Parti socialiste à Toulouse.", "fr")
    assert "Parti socialiste" in orgs


def test_names_without_case_endings_keep_their_written_form() -> None:
    orgs = _orgs("Ela estudou na Escola de Belas Artes da UFMG em 2010.", "pt")
    assert any(name.startswith("Escola de Belas Artes") for name in orgs)


def test_common_nouns_written_in_capitals_are_not_organisations() -> None:
    assert "PIB" not in _orgs("Le PIB de la France a progressé de 1 % selon l'Insee.", "fr")
    assert "ВВП" not in _orgs("Рост ВВП России замедлился, сообщил Росстат.", "ru")


def test_a_title_does_not_reach_past_a_preposition_or_another_name() -> None:
    people = _people("Lo dijo el abogado de la Infanta en Palma.", "es")
    assert "Infanta" not in people
    text = "Katarzyna Kiela jest szefową Discovery na rynkach w Europie Środkowej."
    assert not [name for name in _people(text, "pl") if name.startswith("Europ")]


def test_two_full_names_joined_by_a_particle_or_conjunction_are_two_people() -> None:
    people = _people("Giorgia Meloni da Donald Trump: la premier è volata in Florida.", "it")
    assert "Giorgia Meloni" in people and "Donald Trump" in people
    assert not [name for name in people if " da " in name]
    found = polyglot.extract_entities(build_document("Il museo espone Leonardo da Vinci e altri.", "it"))
    assert "Leonardo da Vinci" in [
        e.name for kind in found for e in kind
    ]  # a particle before a surname joins


def test_a_given_name_in_an_oblique_case_is_not_a_country() -> None:
    people = _people("W artykule pada nazwisko Polki Katarzyny Kieli, która kieruje firmą.", "pl")
    assert any("Katarzyn" in name for name in people)


def test_a_title_with_its_complement_leads_the_person_after_it() -> None:
    people = _people("Tarım ve Orman Bakanı İbrahim Yumaklı, ödemelerin başladığını açıkladı.", "tr")
    assert "İbrahim Yumaklı" in people


def test_an_organisation_after_a_capitalised_title_stays_an_organisation() -> None:
    text = "Dyrektor Międzynarodowej Federacji Pracowników Transportu powiedział, że strajk trwa."
    assert not [name for name in _people(text, "pl") if "Federacj" in name]


def test_a_title_alone_is_not_a_name() -> None:
    text = "Jas jazýshylarǵa arnalǵan Prezıdenttiń arnaıy syılyǵy berildi."
    assert not _people(text, "kk")


def test_an_elided_article_is_not_part_of_a_name() -> None:
    orgs = _orgs("L’Iran ha risposto. L'Unione europea discute.", "it")
    assert not [name for name in orgs if name.startswith(("L'", "L’"))]


def test_a_turkish_suffix_after_an_apostrophe_is_not_an_elision() -> None:
    from article_pipeline.pipeline.document import build_document as build

    tokens = [(t.text, t.base) for t in build("Ali'nin açıklaması", "tr").tokens]
    assert tokens[0] == ("Ali'nin", "Ali")
    assert build("Зв'язку немає", "uk").tokens[0].text == "Зв'язку"


def test_article_after_the_of_word_keeps_the_complement_of_the_name() -> None:
    # GIVEN bodies whose complement opens with "of" and an article ("de la", "de l'")
    text = (
        "Le dossier est devant la Cour de l’impôt depuis mars. "
        "Hier, le Syndicat national de la presse a protesté. "
        "Le Conseil national de la semaine dernière a siégé."
    )
    # WHEN the organisations are read
    orgs = _orgs(text, "fr")
    # THEN the complement is in the name, written with its elision, and a time phrase is not
    assert "Cour de l’impôt" in orgs
    assert "Syndicat national de la presse" in orgs
    assert "Conseil national" in orgs
    assert not [name for name in orgs if "semaine" in name]


def test_english_head_closing_a_latin_name_makes_it_an_organisation() -> None:
    # GIVEN a Polish text naming a company by its English name, head last
    text = "W marcu spółka Hollowbrook Communications przejęła sieć kanałów."
    # WHEN the entities are read
    people, orgs, _places = polyglot.extract_entities(build_document(text, "pl"))
    # THEN the name is an organisation, not a person
    assert "Hollowbrook Communications" in {o.name for o in orgs}
    assert "Hollowbrook Communications" not in {p.name for p in people}


def test_a_title_is_named_with_the_article_it_opens_with() -> None:
    # GIVEN French text citing newspapers and a programme by names that open with an article
    text = (
        "Le ministre l'a dit dans un entretien à la Tribunetta hier. "
        "Selon l'émission The Morning Ledger, le juge a démissionné."
    )
    # WHEN the organisations are read
    orgs = _orgs(text, "fr")
    # THEN each is also given with its article, and the lower-case noun before "à la" does not block it
    assert "la Tribunetta" in orgs.get("Tribunetta", [])
    assert "The Morning Ledger" in orgs.get("Morning Ledger", [])


def test_a_complement_after_a_title_or_head_is_no_title_of_its_own() -> None:
    # GIVEN a ministry and a minister whose complement follows "de l'"
    orgs = _orgs("Le ministre de l'Intérieur a parlé. Le ministère de l'Écologie a répondu.", "fr")
    # THEN the complement alone is no organisation
    assert "Intérieur" not in orgs and "Écologie" not in orgs


def test_german_ministry_is_no_title_before_its_complement() -> None:
    # GIVEN German ministries, whose heads open like the title "minister*", before their complements
    text = (
        "Gestern hat das Bundesministerium der Finanzen neue Regeln vorgestellt. "
        "Das Bundesministerium Hessen prüft den Fall."
    )
    # WHEN the entities are read
    people, _orgs, _places = polyglot.extract_entities(build_document(text, "de"))
    # THEN no complement is taken for a person with the ministry as a title
    assert not people


def test_german_compound_head_and_hyphenated_company_keep_their_names() -> None:
    # GIVEN a body named by a compound closed by a head, and a hyphenated company with its legal form
    text = (
        "Kritik kam vom Vogelschutzbund Niedersachsen am Montag. "
        "Der Vorstand der Kessler-Brandt AG stimmte dem Plan zu."
    )
    # WHEN the organisations are read
    orgs = _orgs(text, "de")
    # THEN each is whole, not cut to the place or the legal form
    assert "Vogelschutzbund Niedersachsen" in orgs
    assert "Kessler-Brandt AG" in orgs
    assert "AG" not in orgs


def test_german_common_noun_alone_in_another_case_is_no_organisation() -> None:
    # GIVEN a generic head written alone in the genitive
    orgs = _orgs("Er leitete den Vertrieb des Verlages und später des Vereins.", "de")
    # THEN neither is an organisation
    assert not orgs


def test_a_capital_head_names_a_body_only_when_written_with_a_capital() -> None:
    # GIVEN "Casa" opening an institution's name, alone, and a lower-case house before a place
    text = "Il ministro è arrivato alla Casa Grigia ieri. La Casa era vuota. Abita in una casa di Torino."
    # WHEN the entities are read
    people, orgs, _places = polyglot.extract_entities(build_document(text, "it"))
    # THEN only the capitalised name is an organisation, and it is no person
    assert set(_orgs(text, "it")) == {"Casa Grigia"}
    assert "Casa Grigia" not in {p.name for p in people}
    assert len(orgs) == 1


def test_a_number_between_an_organisation_head_and_its_of_word_stays_in_the_name() -> None:
    # GIVEN a numbered court written with its town
    text = "El caso lo instruye el Juzgado de Instrucción 4 de Sevilla desde marzo."
    # WHEN its organisations are read
    orgs = _orgs(text, "es")
    # THEN the court keeps its number and town, and is not cut before the number
    assert "Juzgado de Instrucción 4 de Sevilla" in orgs
    assert "Juzgado de Instrucción" not in orgs


def test_two_genitive_complements_joined_by_and_stay_in_one_organisation() -> None:
    # GIVEN a Ukrainian department named by two complements joined by "та", and its regional administration
    text = (
        "Тендер оголосив Департамент освіти та науки Житомирської облдержадміністрації минулого тижня. "
        "Організація подала скаргу."
    )
    # WHEN its organisations are read
    orgs = _orgs(text, "uk")
    # THEN the name runs through "та" to the administration it belongs to, and is not cut before "та"
    assert "Департамент освіти та науки Житомирської облдержадміністрації" in orgs
    assert "Департамент освіти" not in orgs


def test_common_nouns_before_a_full_name_are_not_part_of_it() -> None:
    # GIVEN a title whose complement ends in a capitalised common noun just before a person's full name
    text = "Koordynator ds. Komunikacji Anna Nowak powiedziała, że rozmowy trwają."
    # WHEN its people and organisations are read
    people, orgs = _people(text, "pl"), _orgs(text, "pl")
    # THEN the person is the given name and surname; no name begins with the common noun
    assert "Anna Nowak" in people
    assert not any(name.startswith("Komunikacj") for name in (*people, *orgs))
