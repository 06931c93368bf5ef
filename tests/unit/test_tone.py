from __future__ import annotations

import json
import math
import time

from hypothesis import given
from hypothesis import strategies as st

from article_pipeline.models import ArticleRecord
from article_pipeline.pipeline.tone import (
    NEGATION_WINDOW,
    english_lexicon,
    lexicon_from_lists,
    tokens,
    tone_of,
)
from support import NEWS_TEXT

LEXICON = english_lexicon()
NEGATIVE = ["killed", "attack", "flooding", "fraud", "crisis", "lost", "bad", "terrible", "injured"]
POSITIVE = ["won", "agreement", "growth", "celebrated", "award", "good", "great", "peace"]
PLAIN = ["the", "minister", "said", "on", "tuesday", "city", "report", "of", "and", "in", "council"]
NO_NEGATORS = st.lists(st.sampled_from(NEGATIVE + POSITIVE + PLAIN), max_size=300)


def test_violence_is_negative_and_celebration_positive() -> None:
    # GIVEN a report of a deadly attack and one of a won championship
    attack = tokens("A bomb attack killed 12 people and injured dozens in the capital, police said.")
    party = tokens("The team won the championship and fans celebrated the historic victory.")
    # WHEN their tone is computed / THEN the labels follow the annotation rule
    assert tone_of(attack, LEXICON).label == "negative"
    assert tone_of(party, LEXICON).label == "positive"


def test_plain_reporting_is_neutral() -> None:
    # GIVEN a text with no tone words
    words = tokens("The council will meet on Tuesday to discuss the budget for next year, the mayor said.")
    # WHEN / THEN
    assert tone_of(words, LEXICON).label == "neutral"


def test_empty_input_is_neutral_zero() -> None:
    assert tone_of([], LEXICON).model_dump() == {"label": "neutral", "score": 0.0}


def test_a_negator_flips_what_follows_it_within_the_window() -> None:
    # GIVEN a positive word right after "not", and one beyond the window
    near = tone_of(["this", "is", "not", "good"], LEXICON)
    far = tone_of(["not", *["the"] * NEGATION_WINDOW, "good"], LEXICON)
    # WHEN / THEN "not good" is negative, a distant "good" is not negated
    assert near.score < 0
    assert far.score > 0
    assert tone_of(["it", "didn't", "win"], LEXICON).score < 0  # English contractions negate


def test_stems_match_prefixes_and_whole_words_only_themselves() -> None:
    # GIVEN a list lexicon with one stem and one whole word
    lexicon = lexicon_from_lists(["celebr*"], ["war"])
    # WHEN / THEN the stem matches its inflections, the whole word not its compounds
    assert tone_of(["celebrations"], lexicon).label == "positive"
    assert tone_of(["war"], lexicon).label == "negative"
    assert tone_of(["warm"], lexicon).score == 0.0


def test_lists_from_another_language_work_with_its_negators() -> None:
    # GIVEN a small German pack lexicon
    lexicon = lexicon_from_lists(["sieg*", "einig*"], ["tot*", "angriff*"], negators=["nicht", "kein"])
    # WHEN / THEN
    assert tone_of(tokens("Bei dem Angriff wurden drei Menschen getötet"), lexicon).label == "negative"
    assert tone_of(tokens("Die Parteien einigten sich nach dem Sieg"), lexicon).label == "positive"
    assert tone_of(tokens("Das war kein Sieg"), lexicon).score < 0


@given(NO_NEGATORS | st.lists(st.text(max_size=12), max_size=100))
def test_score_is_always_in_range(words: list[str]) -> None:
    tone = tone_of(words, LEXICON)
    assert -1.0 <= tone.score <= 1.0
    assert tone.label in {"negative", "neutral", "positive"}


@given(NO_NEGATORS, st.lists(st.sampled_from(NEGATIVE), min_size=1, max_size=20), st.randoms())
def test_adding_negative_words_never_raises_the_score(
    words: list[str], added: list[str], rng: object
) -> None:
    # GIVEN any text without negators, and negative words inserted anywhere in it
    longer = list(words)
    for word in added:
        longer.insert(rng.randint(0, len(longer)), word)  # type: ignore[attr-defined]
    # WHEN / THEN the score does not go up
    assert tone_of(longer, LEXICON).score <= tone_of(words, LEXICON).score


@given(st.lists(st.sampled_from(PLAIN), max_size=50), st.lists(st.sampled_from(NEGATIVE), max_size=5))
def test_adding_negative_words_never_raises_a_list_lexicons_score(words: list[str], added: list[str]) -> None:
    lexicon = lexicon_from_lists(["won", "growth"], ["killed", "crisis", "lost"])
    assert tone_of([*words, *added], lexicon).score <= tone_of(words, lexicon).score


def test_a_5_kb_article_costs_under_a_millisecond() -> None:
    # GIVEN a 5 KB news text tokenized once, and a warm lexicon
    text = (NEWS_TEXT * (5000 // len(NEWS_TEXT) + 1))[:5000]
    words = tokens(text)
    tone_of(words, LEXICON)
    # WHEN it is scored many times / THEN the median cost is below 1 ms
    runs = []
    for _ in range(50):
        start = time.perf_counter()
        tone_of(words, LEXICON)
        runs.append(time.perf_counter() - start)
    assert sorted(runs)[len(runs) // 2] < 0.001


def test_the_record_carries_tone_for_english_and_it_round_trips_as_json() -> None:
    from article_pipeline.models import Source
    from article_pipeline.pipeline.process import process_article

    # GIVEN an English article processed by the pipeline
    record = process_article(NEWS_TEXT.encode(), Source(bucket="b", key="incoming/a.txt"))
    # WHEN / THEN it has a tone, and the JSON form validates back to the same record
    assert record.tone is not None
    assert ArticleRecord.model_validate(json.loads(record.model_dump_json())) == record


def test_a_contests_outcome_words_carry_no_tone_in_sports_copy() -> None:
    # GIVEN a match report in which the winners "defeated" and "beat" the losers
    words = tokens(
        "The visitors defeated the hosts 3-1 and beat them again in the return leg; the hosts lost "
        "both games, and the visitors won the tie."
    )
    # WHEN its tone is read as a contest's and as any text's
    contest = tone_of(words, english_lexicon(contest=True))
    plain = tone_of(words, english_lexicon())
    # THEN in sports copy the outcome words are neutral and the win is what counts
    assert contest.score > plain.score
    assert contest.label == "positive"
    # AND outside sports copy "lost" is still a loss
    assert tone_of(tokens("The company lost its biggest customer."), english_lexicon()).label == "negative"


def test_a_repeated_positive_word_counts_sublinearly_and_a_repeated_negative_one_in_full() -> None:
    # GIVEN a list lexicon and texts of equal length repeating one positive or one negative word
    lexicon = lexicon_from_lists(["deal"], ["loss"])
    plain = ["the"] * 40
    once_pos = tone_of(["deal", *plain[:-1], "the"], lexicon).score
    four_pos = tone_of(["deal"] * 4 + plain[:-3], lexicon).score
    once_neg = tone_of(["loss", *plain[:-1], "the"], lexicon).score
    four_neg = tone_of(["loss"] * 4 + plain[:-3], lexicon).score
    # WHEN / THEN four "deal"s weigh 1 + ln 4 times one, four "loss"es four times one
    assert abs(four_pos / once_pos - (1 + math.log(4))) < 1e-3
    assert abs(four_neg / once_neg - 4) < 1e-3
