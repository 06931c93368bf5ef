"""Quotes with speakers resolved to people entries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.models import Organization, Person
from article_pipeline.pipeline.entities import extract_entities
from article_pipeline.pipeline.quotes import extract_quotes

_PEOPLE = [
    Person(name="Nadia Rahman", aliases=["Rahman"], roles=["Trade Minister"], mentions=3),
    Person(name="Owen Kettering", aliases=["Kettering"], mentions=2),
]


def test_said_after_quote_with_full_name() -> None:
    # GIVEN a quote followed by "said <full name>"
    text = "“We will open three new ports next year,” said Nadia Rahman at the summit."
    # WHEN quotes are extracted
    quotes = extract_quotes(text, _PEOPLE)
    # THEN the speaker is the person's name and the text has no closing comma
    assert len(quotes) == 1
    assert quotes[0].speaker == "Nadia Rahman"
    assert quotes[0].text == "We will open three new ports next year"


def test_surname_then_said_resolves_to_full_name() -> None:
    # GIVEN a quote followed by "<surname> said"
    text = "“Costs are rising faster than wages this winter,” Kettering said."
    # WHEN / THEN the surname resolves to the people entry's name
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"]


def test_pronoun_speaker_is_nearest_preceding_person() -> None:
    # GIVEN two people named, then a quote attributed with "he said"
    text = (
        "Nadia Rahman opened the forum.\n\n"
        "Owen Kettering welcomed the plan.\n\n"
        "“We need more trains on the northern line,” he said."
    )
    # WHEN / THEN the pronoun goes to the person mentioned last before the quote
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"]


def test_pronoun_is_left_unresolved_when_the_sentence_names_two_people() -> None:
    # GIVEN a sentence naming two people, then a quote attributed with "she said"
    text = "Nadia Rahman met Owen Kettering in the capital. “The talks went well for both sides,” she said."
    # WHEN / THEN the speaker is not guessed
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == [None]


def test_speaker_before_quote_with_colon() -> None:
    # GIVEN "<name> said: “...”"
    text = "Rahman said: “The agreement will be signed in the spring.”"
    # WHEN / THEN the name before the quote is the speaker
    quotes = extract_quotes(text, _PEOPLE)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Nadia Rahman", "The agreement will be signed in the spring")
    ]


def test_unnamed_speaker_is_none_and_short_scare_quotes_are_skipped() -> None:
    # GIVEN a quote from an unnamed official and a two-word scare quote
    text = "The so-called “phase one” deal stalled. “Nothing has been agreed yet,” an official said."
    # WHEN quotes are extracted
    quotes = extract_quotes(text, _PEOPLE)
    # THEN only the real quote is kept, with no speaker
    assert [(q.speaker, q.text) for q in quotes] == [(None, "Nothing has been agreed yet")]


def test_continued_quote_in_same_paragraph_keeps_speaker() -> None:
    # GIVEN an attributed quote followed by a second quote in the same paragraph
    text = "“Prices will fall by summer,” Rahman said. “After that, we will review the tariffs again.”"
    # WHEN / THEN both belong to the same speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Nadia Rahman", "Nadia Rahman"]


def test_with_extracted_people_end_to_end() -> None:
    # GIVEN an article whose people come from the entity extractor
    text = (
        "Harbour Commissioner Ines Albrecht visited the docks in Hamburg on Monday.\n\n"
        "“Our cranes are forty years old and need replacing,” she said."
    )
    people = extract_entities(text).people
    # WHEN quotes are extracted with those people
    quotes = extract_quotes(text, people)
    # THEN the pronoun resolves to the extracted person's name
    assert [q.speaker for q in quotes] == ["Ines Albrecht"]


def test_no_quotes_no_people() -> None:
    # GIVEN text without quotation marks / WHEN / THEN nothing
    assert extract_quotes("Nothing was said here at all.", []) == []
    assert extract_quotes("", _PEOPLE) == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "“",
                "”",
                '"',
                "he",
                "she",
                "said",
                "Rahman",
                "Nadia Rahman",
                "Kettering",
                ",",
                ".",
                ":",
                "\n\n",
                "According to",
                "words",
                "of",
                "the",
                "plan",
                "is",
                "good",
                "we",
                "will",
            ]
        ),
        max_size=60,
    ).map(" ".join)
)
def test_never_raises_and_speakers_are_people(text: str) -> None:
    # GIVEN arbitrary quote-like text
    # WHEN quotes are extracted
    quotes = extract_quotes(text, _PEOPLE)
    # THEN every speaker is a people name or None, and every quote's text is in the input
    names = {p.name for p in _PEOPLE}
    for q in quotes:
        assert q.speaker is None or q.speaker in names
        assert q.text and q.text in text


# Issue 12: attribution classes seen on unseen English articles


def test_title_between_the_verb_and_the_name() -> None:
    # GIVEN "said <title> <name>" after the quote
    text = "“We believe that justice has been served in this case,” said U.S. Attorney Nadia Rahman."
    # WHEN / THEN the name after the title is the speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Nadia Rahman"]


def test_name_with_a_relative_clause_before_the_verb() -> None:
    # GIVEN "<title> <name>, who ..., said" after the quote (longer than a short subject)
    text = (
        "“The house should send an unmistakable signal to the whole region,” Interior Minister Owen Kettering,"
        " who serves in a provisional government of civil servants, said in the statement."
    )
    # WHEN / THEN the speaker is the named subject
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"]


def test_speaker_after_a_verb_further_on_in_the_sentence() -> None:
    # GIVEN a quote that runs into the sentence, then "said <name>"
    text = "“Bigger than just the little deal” announced in October, said Owen Kettering, a trade scholar."
    # WHEN / THEN the name after the verb is the speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"]


def test_appositive_between_the_name_and_said_before_the_quote() -> None:
    # GIVEN "<name>, the <role>, said: “...”"
    text = "Owen Kettering, the commander of the western district, said: “These rioters have to face the consequences.”"
    # WHEN / THEN the subject is the speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"]


def test_reported_speech_running_into_a_quote() -> None:
    # GIVEN "<a>, but <b>, <role>, told media that ... “...”"
    text = (
        "Nadia Rahman has been eager to withdraw, but Owen Kettering, chairman of the board, told reporters"
        " this month that the forces are likely to remain “for several more years to come”."
    )
    # WHEN / THEN the subject of the last clause is the speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"]


def test_one_opening_and_another_closing_quotation_mark() -> None:
    # GIVEN a straight opening mark and a typographic closing one
    text = '"Nissan has a vibrant portfolio of new sedans for customers,” said Nadia Rahman, vice president.'
    # WHEN / THEN it is one quote with its speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Nadia Rahman"]


def test_pronoun_skips_a_name_after_a_preposition() -> None:
    # GIVEN the last name before "she said" is the object of a preposition
    text = (
        "Nadia Rahman told the paper that her client did not intend to cause harm to Kettering.\n\n"
        "“My client is passionate about his political beliefs,” she said in an email."
    )
    # WHEN / THEN the pronoun goes to the sentence's subject
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Nadia Rahman"]


def test_a_name_inside_an_earlier_quote_is_no_antecedent() -> None:
    # GIVEN a quote naming someone, then "she said" after a second quote
    text = (
        "Nadia Rahman recalled the summer.\n\n"
        "“He wanted to work with Owen Kettering, but then I showed up instead,” she said."
    )
    # WHEN / THEN the pronoun skips the name inside the quote
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Nadia Rahman"]


def test_definite_description_resolves_through_roles() -> None:
    # GIVEN "the minister said ... “...”" and one person whose role is a minister
    text = "The minister said on Tuesday that the ports “will open to every carrier next year”."
    # WHEN / THEN the description names that person
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Nadia Rahman"]


def test_organization_speaker() -> None:
    # GIVEN an organization that issues a quoted statement
    orgs = [Organization(name="Harbour Authority", aliases=[])]
    text = "The Harbour Authority said in a statement: “All berths will reopen on Monday morning.”"
    # WHEN / THEN the organization's name is the speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE, orgs)] == ["Harbour Authority"]


def test_paragraph_left_open_takes_the_speaker_of_its_continuation() -> None:
    # GIVEN a quote over two paragraphs, attributed in the second
    text = "“The first part of the answer runs here.\n\n“And the second part ends here,” Rahman said."
    # WHEN quotes are extracted
    quotes = extract_quotes(text, _PEOPLE)
    # THEN both paragraphs are quotes of the same speaker
    assert [q.speaker for q in quotes] == ["Nadia Rahman", "Nadia Rahman"]
    assert quotes[0].text == "The first part of the answer runs here"


def test_embedded_posts_quote_their_author() -> None:
    # GIVEN two embedded posts signed "— <display name> (@handle) <date>"
    orgs = [Organization(name="Harbour Authority", aliases=[])]
    text = (
        "The campaign drew mockery online.\n\n"
        "Yes this is real and the state spent half a million on it: https://t.co/abc\n\n"
        "— Rep. Owen Kettering (@okettering) November 18, 2019\n\n"
        "All berths will reopen on Monday morning pic.twitter.com/xyz\n\n"
        "— The Harbour Authority (@harbour) November 19, 2019\n\n"
        "We think this is the end of it all\n\n"
        "— tall glass of Kettering (@kfc) November 19, 2019"
    )
    # WHEN quotes are extracted
    quotes = extract_quotes(text, _PEOPLE, orgs)
    # THEN each post is a quote of the entity its display name names, without its links; a display name
    # with other words before a name names nobody
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Owen Kettering", "Yes this is real and the state spent half a million on it:"),
        ("Harbour Authority", "All berths will reopen on Monday morning"),
    ]


def test_a_quote_paragraph_continues_the_speaker_its_previous_paragraph_introduces() -> None:
    # GIVEN "<name> said ..." closing a paragraph, then a paragraph that is only a quote
    text = (
        "Owen Kettering said the trains would run late all winter.\n\n"
        "“We are doing what we can with forty-year-old engines.”\n\n"
        "The weather was mild.\n\n"
        "“Nobody knows when the new engines will come.”"
    )
    # WHEN / THEN the first quote is his; the second follows no introduction and has no speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering", None]


def test_dash_then_name_after_the_quote() -> None:
    # GIVEN "“...” — <name>, <title>."
    text = "“It is too early to tell what will happen” — Owen Kettering, mayor."
    # WHEN / THEN the name after the dash is the speaker
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"]


def test_attribution_verbs_beyond_said() -> None:
    # GIVEN quotes attributed with "joked", "revealed", "admits", "shared", "mused"
    for verb in ("joked", "revealed", "admits", "shared", "mused"):
        text = f"“Costs are rising faster than wages this winter,” Kettering {verb}."
        # WHEN / THEN the verb's subject is the speaker
        assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"], verb


def test_partial_quotes_after_calling_describing_and_according_to() -> None:
    # GIVEN "<name> called the plan “...”", "<name> described it as “...”", "According to <name>, ... “...”"
    texts = [
        "Kettering called the plan “a disaster for the whole city”.",
        "Kettering described the plan as “a disaster for the whole city”.",
        "According to Kettering, the plan is “a disaster for the whole city”.",
    ]
    # WHEN / THEN the named person is the speaker
    for text in texts:
        assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering"], text


def test_so_called_is_no_attribution() -> None:
    # GIVEN a "so-called “...”" phrase after a name / WHEN / THEN nobody is quoted
    text = "Kettering opposed what critics named the so-called “plan for the whole city” in May."
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == [None]


def test_a_persons_spokesman_or_lawyer_is_not_that_person() -> None:
    # GIVEN "“...,” <name>'s lawyer said" and "“...,” <name>, <org>'s spokesman, said"
    people = [*_PEOPLE, Person(name="Keith Okonjo", aliases=["Okonjo"], mentions=1)]
    orgs = [Organization(name="Acme Corp", aliases=[], mentions=1)]
    lawyer = extract_quotes(
        "“Costs are rising faster than wages this winter,” Kettering's lawyer said.", people, orgs
    )
    spokesman = extract_quotes(
        "“Costs are rising faster than wages this winter,” Okonjo, Acme Corp's spokesman, said.", people, orgs
    )
    # WHEN / THEN the lawyer is nobody named; the spokesman is the person named before the title
    assert [q.speaker for q in lawyer] == [None]
    assert [q.speaker for q in spokesman] == ["Keith Okonjo"]


def test_a_quotation_over_two_paragraphs_keeps_its_speaker() -> None:
    # GIVEN "<name> said: “... ¶ “...”" (the mark reopened at the next paragraph, closed only at the end)
    text = (
        "Kettering, the commander of the district, said: “These rioters, they are also criminals. They have"
        " to face the consequences of their acts.\n\n"
        "“Other than coming out to surrender, I see no viable option for them.”\n\n"
        "The police fired tear gas on Monday."
    )
    # WHEN / THEN both paragraphs are the same speaker's
    assert [q.speaker for q in extract_quotes(text, _PEOPLE)] == ["Owen Kettering", "Owen Kettering"]
