from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline.summarize import article_keywords, keywords, split_sentences, summarize

ARTICLE = (
    "ALMATY — The city council approved a new budget for public transport on Monday, "
    "promising more buses and cheaper fares for students.\n"
    "The public transport budget rises by a fifth, the council said in a statement.\n"
    "Mayor Anna Petrova said the bus network would grow to 120 routes by next year.\n"
    "Critics said the budget ignored road repairs.\n"
    "Weather\n"
    "It was sunny.\n"
    "The council will review the public transport budget in six months."
)


def test_abbreviations_do_not_end_sentences() -> None:
    # GIVEN abbreviations, initials and times inside sentences
    text = (
        "Gov. Kristi Noem (R) spoke on Dec. 1 in the U.S. capital. Gen. Mark A. Milley left at 4:30 a.m. "
        "on Friday. Then Mr. Smith spoke."
    )
    # WHEN the text is split into sentences
    sentences = split_sentences(text)
    # THEN only the three real sentence ends split
    assert sentences == [
        "Gov. Kristi Noem (R) spoke on Dec. 1 in the U.S. capital.",
        "Gen. Mark A. Milley left at 4:30 a.m. on Friday.",
        "Then Mr. Smith spoke.",
    ]


def test_quotes_and_paragraphs_split() -> None:
    # GIVEN a closing quote before the next sentence, and a paragraph break without punctuation
    text = '"We will win," she said. "The vote is close."\nSubheading\nThe end.'
    # WHEN split / THEN quotes stay with their sentence and the heading is its own unit
    assert split_sentences(text) == [
        '"We will win," she said.',
        '"The vote is close."',
        "Subheading",
        "The end.",
    ]


def test_summary_is_extractive_lead_biased_and_in_order() -> None:
    # GIVEN a short news article
    # WHEN it is summarised in two sentences
    summary = summarize(ARTICLE, max_sentences=2)
    sentences = split_sentences(summary)
    # THEN two sentences of the article come back in article order, the lead among them, no heading
    assert len(sentences) == 2
    assert all(s in ARTICLE for s in sentences)
    assert sentences[0].startswith("ALMATY — The city council approved")
    assert "Weather" not in summary


def test_keywords_are_meaningful_phrases() -> None:
    # GIVEN the article
    # WHEN keywords are extracted
    found = keywords(ARTICLE, limit=5)
    # THEN the repeated multi-word subject leads, stopwords and reporting verbs are absent
    assert found[0].lower() == "public transport budget"
    assert len(found) <= 5
    assert not {"said", "the", "monday"} & {w.lower() for k in found for w in k.split()}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.integers(min_value=0, max_value=5))
def test_never_raise_and_summary_is_taken_from_the_text(text: str, n: int) -> None:
    # GIVEN any text
    # WHEN summarised and keyworded
    summary = summarize(text, max_sentences=n)
    found = keywords(text, limit=n)
    # THEN nothing raises, the limit holds, and summary sentences come from the text
    assert len(found) <= n
    assert all(
        sentence in " ".join(text.split()) or sentence in text for sentence in split_sentences(summary)
    )


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_summarising_a_summary_changes_nothing(text: str) -> None:
    # GIVEN a summary of three sentences or fewer
    once = summarize(text)
    # WHEN it is summarised again / THEN it is unchanged (idempotent)
    assert summarize(once) == once


def test_a_text_without_sentence_ends_gives_a_capped_summary() -> None:
    # GIVEN a long list-like text with no sentence punctuation
    text = " ".join(f"item{i} blue widget" for i in range(1000))
    # WHEN summarised
    summary = summarize(text)
    # THEN the summary is capped, ends at a word with an ellipsis, and summarising it again changes nothing
    assert len(summary) <= 1200
    assert summary.endswith("\u2026")
    assert summarize(summary) == summary


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=5, max_value=120), min_size=1, max_size=8))
def test_long_summaries_stay_idempotent(lengths: list[int]) -> None:
    # GIVEN sentences of up to 120 words (some summaries hit the length cap)
    text = " ".join(("Word " + "alpha beta gamma " * (n // 3)).strip() + "." for n in lengths)
    # WHEN summarised twice
    once = summarize(text)
    # THEN the cap holds and summarising the summary changes nothing
    assert len(once) <= 1200
    assert summarize(once) == once


# Issue 12: index terms an editor would tag


_MATCH = (
    "Rafael Nadal kept Spain's hopes alive at the Davis Cup Finals. Nadal won 6-3, 7-6 against Russia. "
    "The doubles match decided the tie, and the company that runs the event said the state of the Davis "
    "Cup Finals was good. Spain won the doubles match. Chinese fans watched. Nadal said the tie was hard."
)
_NAMES = [
    ("Rafael Nadal", ["Nadal"], 3),
    ("Spain", [], 2),
    ("Russia", [], 1),
]


def test_article_keywords_put_the_most_mentioned_names_first() -> None:
    # GIVEN a match report and its entities
    # WHEN its index terms are chosen
    terms = article_keywords(_MATCH, _NAMES)
    # THEN the names come first, most mentioned first, then key phrases, at most seven
    assert terms[:3] == ["Rafael Nadal", "Spain", "Russia"]
    assert "Davis Cup Finals" in terms
    assert len(terms) <= 7


def test_article_keywords_leave_out_scores_generic_nouns_demonyms_and_name_forms() -> None:
    # GIVEN the same report / WHEN its index terms are chosen
    terms = article_keywords(_MATCH, _NAMES)
    # THEN no score, no generic noun alone, no demonym alone, no second form of a chosen name
    assert not {"6-3", "7-6", "company", "state", "Chinese", "Nadal"} & set(terms)


def test_article_keywords_skip_a_wire_service_credit() -> None:
    # GIVEN a wire story whose most mentioned "entity" is the agency in its credit line
    text = "(Reuters) - Oil prices fell on Tuesday. Oil prices fell again, Reuters reported. Reuters said so."
    # WHEN / THEN the agency is no index term
    assert "Reuters" not in article_keywords(text, [("Reuters", [], 3)])


ACCENTED = (
    "MADRID — Prime Minister Pedro Sánchez met José Álvarez, the head of Telefónica, in Málaga on Tuesday. "
    "Álvarez said the company would invest in Andalucía. Sánchez welcomed the plan for Málaga.\n"
    "Telefónica's shares rose after the meeting in Málaga, where Sánchez and Álvarez spoke to workers.\n"
    "Workers in Málaga welcomed the investment by Telefónica."
)


def test_english_keywords_keep_accented_names_whole() -> None:
    # GIVEN an English article whose names carry accented letters
    # WHEN keywords are taken
    found = keywords(ACCENTED)
    # THEN no keyword is a fragment cut at an accented letter
    assert "Málaga" in found
    assert not any(
        word in {"laga", "nchez", "lvarez", "Vel", "zquez"} for phrase in found for word in phrase.split()
    )


def test_a_sentence_opening_with_an_accented_capital_is_split() -> None:
    # GIVEN a sentence that opens with "Á"
    text = "Prime Minister Pedro Sánchez met José Álvarez on Tuesday. Álvarez said the company would invest."
    # WHEN split / THEN it is a sentence of its own
    assert split_sentences(text) == [
        "Prime Minister Pedro Sánchez met José Álvarez on Tuesday.",
        "Álvarez said the company would invest.",
    ]


def test_a_foreign_word_in_an_unspaced_script_is_no_english_keyword() -> None:
    # GIVEN an English text quoting a Japanese word several times
    text = (
        "The sign said つづく at the station. Riders read つづく on the train. つづく means to be continued."
    )
    # WHEN keywords are taken / THEN the Japanese word is not one of them
    assert not any("つづく" in phrase for phrase in keywords(text))


def test_a_key_phrase_that_stops_inside_a_name_is_no_keyword() -> None:
    # GIVEN titles before names, repeated so that "title + first name" is a frequent phrase
    text = (
        "Defense Secretary Lloyd Austin will travel to Tokyo. Defense Secretary Lloyd Austin met troops. "
        "Foreign Minister Yoko Kamikawa will host the talks on regional security. "
        "Defense Secretary Lloyd Austin said regional security was the priority."
    )
    names = [("Lloyd Austin", [], 3), ("Yoko Kamikawa", [], 1)]
    # WHEN the article's keywords are taken
    found = article_keywords(text, names)
    # THEN the names come first and no phrase ends on a first name
    assert found[:2] == ["Lloyd Austin", "Yoko Kamikawa"]
    assert not any(phrase.lower().endswith((" lloyd", " yoko")) for phrase in found)


def test_calendar_words_are_no_keywords() -> None:
    # GIVEN a wire story whose dateline and text repeat month and weekday names
    text = (
        "TOKYO, Dec 3 (Reuters) - The Nikkei share average fell on Tuesday. The Nikkei share average rose in "
        "March. Traders expect the Bank of Japan to act in Dec. The Nikkei share average fell again on Tuesday."
    )
    # WHEN the article's keywords are taken
    found = [phrase.lower().rstrip(".") for phrase in article_keywords(text, [("Bank of Japan", [], 1)])]
    # THEN the subject phrases are there and no keyword is a date
    assert "nikkei share average" in found
    assert not {"dec", "march", "tuesday", "dec 3"} & set(found)
