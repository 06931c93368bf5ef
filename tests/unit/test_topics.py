from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline.topics import MAX_TOP, THRESHOLD, classify_topics, label_of, score_text, stem

# Invented news paragraphs, one or two per top-level IPTC Media Topic.
CASES = [
    (
        "01000000",
        "The film premiered at the festival on Friday, and critics praised the actress and the director. "
        "The soundtrack album topped the charts.",
    ),
    (
        "01000000",
        "The museum opened an exhibition of the painter's work, and the gallery expects record visitors.",
    ),
    (
        "02000000",
        "Police arrested two suspects on Tuesday after a string of burglaries. Prosecutors charged them "
        "with theft, and a judge set bail at the court hearing.",
    ),
    (
        "02000000",
        "A jury found the former mayor guilty of bribery, and he was sentenced to five years in prison.",
    ),
    (
        "03000000",
        "A powerful earthquake struck the coastal region overnight, collapsing buildings. Rescuers searched "
        "the rubble for survivors as the death toll rose to 40.",
    ),
    (
        "03000000",
        "A train derailed near the station, injuring dozens; firefighters and emergency services rushed in.",
    ),
    (
        "04000000",
        "Shares of the retailer jumped 8% after it reported quarterly revenue above analysts' estimates. "
        "Investors cheered the higher profit margin and raised sales guidance.",
    ),
    (
        "04000000",
        "The central bank left interest rates unchanged as inflation slowed and economic growth picked up.",
    ),
    (
        "05000000",
        "The school board voted to hire more teachers and reduce class sizes. Students and parents said the "
        "new curriculum would help pupils prepare for exams.",
    ),
    (
        "06000000",
        "Scientists warned that rising greenhouse gas emissions are accelerating climate change. Conservation "
        "groups urged action to protect endangered species and their habitat.",
    ),
    (
        "07000000",
        "Hospitals reported a surge in flu patients this week. Doctors urged people to get the vaccine, and "
        "health officials warned of a severe outbreak of the disease.",
    ),
    (
        "08000000",
        "A dog that went missing during a storm walked 50 miles home to its family, who threw it a birthday "
        "party at the local zoo, in a heartwarming reunion.",
    ),
    (
        "09000000",
        "Thousands of workers went on strike demanding higher wages. The union said talks with employers over "
        "pay and pensions had collapsed.",
    ),
    (
        "10000000",
        "The resort offers hiking trails, a spa and fine dining. Travelers on vacation can enjoy wine tastings "
        "and cooking classes.",
    ),
    (
        "11000000",
        "The prime minister called an early election after parliament rejected the budget. Opposition "
        "lawmakers said voters would punish the government.",
    ),
    ("11000000", "The foreign minister met the ambassador to discuss a bilateral treaty and new sanctions."),
    (
        "12000000",
        "The pope celebrated Mass at the cathedral, and thousands of Catholic pilgrims joined the prayer. "
        "Religious leaders from the Muslim and Jewish faiths attended.",
    ),
    (
        "13000000",
        "NASA launched a new satellite to study the atmosphere of Mars. Engineers said the spacecraft software "
        "performed well after the rocket reached orbit.",
    ),
    (
        "14000000",
        "Homelessness rose sharply in the city, and advocates blamed poverty and a lack of affordable housing. "
        "Immigrants and refugees were among the families affected by discrimination.",
    ),
    (
        "15000000",
        "The striker scored twice as the home team won the league match 3-1. The coach praised his players "
        "after the victory moved them top of the table for the season.",
    ),
    ("15000000", "She won the tennis final in straight sets to claim her third grand slam championship."),
    (
        "16000000",
        "Troops clashed with rebels near the border, and airstrikes hit militant positions. The army said "
        "soldiers were killed in the fighting as the war entered its third year.",
    ),
    (
        "17000000",
        "Forecasters expect heavy rain and snow this weekend as a winter storm moves in. Temperatures will "
        "drop below freezing, the weather service said.",
    ),
]


@pytest.mark.parametrize(("code", "text"), CASES)
def test_each_top_level_topic_is_recognised(code: str, text: str) -> None:
    # GIVEN an invented paragraph about one topic
    # WHEN it is classified
    topics = classify_topics(text)
    # THEN that topic comes first, with IPTC's code and English label
    assert topics[0].code == f"medtop:{code}"
    assert topics[0].label == label_of(code)


def test_a_story_with_two_subjects_gets_both() -> None:
    # GIVEN a story about a trade deal negotiated by governments
    text = (
        "The president and the prime minister signed a trade deal at the summit. The agreement cuts tariffs "
        "on exports, and investors expect the economy and company profits to benefit. Lawmakers in "
        "parliament must still ratify the treaty."
    )
    # WHEN it is classified
    codes = [t.code for t in classify_topics(text)]
    # THEN both politics and economy are emitted, at most three top-level topics
    assert {"medtop:11000000", "medtop:04000000"} <= set(codes)
    assert len([c for c in codes if c.endswith("000000")]) <= MAX_TOP


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "13000000",
            "The carmaker unveiled its first electric vehicle: the battery charges in half an hour, and sensors"
            " and software let the car park itself. A self-driving version will follow.",
        ),
        (
            "10000000",
            "Gamers on every console will find the gameplay familiar. The new PlayStation and Xbox titles"
            " arrive in time for Black Friday, and make good gifts.",
        ),
        (
            "07000000",
            "Doctors warn that the air quality is hurting the lungs of children: respiratory illness and"
            " asthma cases are rising, and smoking makes it worse.",
        ),
    ],
)
def test_consumer_technology_games_and_health_cues(code: str, text: str) -> None:
    # GIVEN an invented paragraph about gadgets and cars, video games, or health
    # WHEN it is classified
    codes = [t.code for t in classify_topics(text)]
    # THEN that topic is emitted
    assert f"medtop:{code}" in codes


def test_a_team_and_its_fans_alone_are_no_sport() -> None:
    # GIVEN a business story that speaks of a team, fans and a final decision
    text = (
        "The company said its team of engineers would take a final decision on the merger next quarter;"
        " investors and fans of the brand cheered the deal, and the shares rose."
    )
    # WHEN it is classified / THEN sport is not among its topics
    assert "medtop:15000000" not in [t.code for t in classify_topics(text)]


def test_labels_are_iptc_english_labels() -> None:
    # GIVEN codes in both forms / WHEN their labels are looked up / THEN IPTC's labels come back
    assert label_of("medtop:11000000") == "politics and government"
    assert label_of("04000000") == "economy, business and finance"
    assert label_of("medtop:20000574") == "election"
    assert label_of("medtop:99999999") is None


def test_emitted_topics_pass_the_documented_threshold() -> None:
    # GIVEN a clearly political text
    text = "Voters went to the polls in a general election; the ruling party lost its majority in parliament."
    # WHEN classified
    topics = classify_topics(text)
    top_level = [t for t in topics if t.code.endswith("000000")]
    # THEN the first topic is politics, and every emitted top-level score is >= the threshold or is the single best
    assert top_level[0].code == "medtop:11000000"
    assert all(t.score >= THRESHOLD for t in top_level) or len(top_level) == 1


def test_second_level_concepts_follow_their_top_level_topic() -> None:
    # GIVEN a long election story
    text = (
        "Voters cast ballots in the presidential election on Sunday. The election commission said turnout "
        "was high, and the opposition candidate conceded after the vote count. Election observers praised "
        "the polling stations, and the electoral campaign ended without violence. Parliament will certify "
        "the election result and the vote."
    ) * 2
    # WHEN classified
    codes = [t.code for t in classify_topics(text)]
    # THEN the "election" concept is included after "politics and government"
    assert codes[0] == "medtop:11000000"
    assert "medtop:20000574" in codes
    assert codes.index("medtop:20000574") > codes.index("medtop:11000000")


def test_a_title_boosts_its_terms() -> None:
    # GIVEN a neutral body and a sports title
    body = "The result was announced on Saturday evening after a long day."
    # WHEN scored with and without the title
    with_title = score_text(body, title="Tennis championship final")
    without = score_text(body)
    # THEN sport only scores with the title
    assert with_title.top.get("15000000", 0.0) > without.top.get("15000000", 0.0)


def test_no_signal_gives_no_topics() -> None:
    # GIVEN empty or topic-free text / WHEN classified / THEN nothing is emitted
    assert classify_topics("") == []
    assert classify_topics("12345 ... !!!") == []


def test_stemmer_merges_inflections() -> None:
    # GIVEN inflected words / WHEN stemmed / THEN they meet their base form
    assert stem("tariffs") == stem("tariff")
    assert stem("elections") == stem("election")
    assert stem("countries") == stem("country")
    assert stem("bus") == "bus"


def test_short_words_are_not_stemmed_into_other_words() -> None:
    # GIVEN sport names ending in "-ing" whose stem would be an ordinary word
    # WHEN stemmed / THEN they keep their ending, while longer "-ing" words still meet their base
    assert stem("boxing") != stem("box")
    assert stem("rowing") != stem("row")
    assert stem("training") == stem("train")


def test_a_row_in_a_box_is_no_sport() -> None:
    # GIVEN a music-business story about a row over recordings kept in a box
    text = (
        "The row between the singer and her former label deepened on Tuesday, the latest row in a feud over "
        "her master recordings. Boxes of tapes were kept in a box at the label's offices; the row may go to "
        "court, and fans lined up in rows outside the label."
    )
    # WHEN it is classified / THEN sport is not among its topics
    assert "medtop:15000000" not in [t.code for t in classify_topics(text)]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=40)))
def test_never_raises_scores_are_probabilities_and_top_levels_are_capped(
    text: str, title: str | None
) -> None:
    # GIVEN any text and title
    # WHEN classified
    topics = classify_topics(text, title=title)
    # THEN scores are in [0, 1], codes are medtop codes, and at most three top-level topics appear
    assert all(0.0 <= t.score <= 1.0 and t.code.startswith("medtop:") for t in topics)
    assert len([t for t in topics if t.code.endswith("000000")]) <= MAX_TOP


def test_the_compiled_lexicon_file_is_current() -> None:
    # GIVEN the shipped compiled lexicons and a fresh build from the vocabulary and cue files
    from article_pipeline.pipeline import topics

    compiled = topics._load_compiled()
    # WHEN they are compared
    fresh = topics.build_lexicons()
    # THEN the file exists, is not stale, and equals the build (run scripts/build_topics_data.py otherwise)
    assert compiled is not None
    assert topics.compiled_payload(compiled) == topics.compiled_payload(fresh)


def test_other_languages_get_only_topics_that_pass_the_threshold() -> None:
    # GIVEN a German text with a weak English-looking signal
    text = "Der Film lief gestern im Kino, und die Kritiker waren begeistert von der Musik."
    # WHEN classified
    topics = classify_topics(text)
    # THEN no below-threshold fallback topic is invented for it
    assert all(t.score >= THRESHOLD for t in topics)
