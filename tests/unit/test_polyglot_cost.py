# ruff: noqa: RUF001  # Cyrillic letters are part of the invented words
"""What makes the non-English path cheaper (issue #15) gives the same answers as the plain lookups."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from article_pipeline.pipeline.document import build_document
from article_pipeline.pipeline.langpack import Lexicon, LexiconIndex

_LETTERS = st.text(alphabet="abcдеж", min_size=1, max_size=7)


def test_a_stem_at_the_shortest_length_still_matches() -> None:
    # GIVEN a lexicon with a stem of three letters and a whole word
    lexicon = Lexicon({"вод*": "water", "ab": "whole"})
    # WHEN words that open with the stem, are shorter than it, or only share its first letters are looked up
    answers = [lexicon.get(w) for w in ("вод", "водой", "во", "ab", "abc", "вадой")]
    # THEN only the stem's words and the whole word answer
    assert answers == ["water", "water", None, "whole", None, None]


def test_the_index_names_every_lexicon_a_word_is_in_in_their_order() -> None:
    # GIVEN three cue lists, two of which share a stem and one a whole word
    cues = {
        "sport": Lexicon.of_words(["match*", "goal"]),
        "economy": Lexicon.of_words(["market*", "goal"]),
        "weather": Lexicon.of_words(["matchless*", "rain"]),
    }
    index = LexiconIndex(cues)
    # WHEN words are matched against all of them at once
    # THEN each gives the lists it is in, in the lists' order, as one lookup per list would
    assert index.matching("matchlessly") == ("sport", "weather")
    assert index.matching("goal") == ("sport", "economy")
    assert index.matching("markets") == ("economy",)
    assert index.matching("rainy") == ()
    assert index.matching("ma") == ()


@given(
    st.lists(st.lists(st.tuples(_LETTERS, st.booleans()), max_size=6), min_size=1, max_size=4),
    st.lists(_LETTERS, max_size=20),
)
def test_the_index_agrees_with_one_lookup_per_lexicon(
    raw: list[list[tuple[str, bool]]], words: list[str]
) -> None:
    # GIVEN random word lists of whole words and stems
    lexicons = {
        f"list{n}": Lexicon.of_words(f"{w}*" if stem else w for w, stem in entries)
        for n, entries in enumerate(raw)
    }
    index = LexiconIndex(lexicons)
    # WHEN any word is matched (the entries themselves and random ones)
    probes = [*words, *(w for entries in raw for w, _ in entries)]
    # THEN the index names exactly the lexicons whose get() answers
    for word in probes:
        assert index.matching(word) == tuple(key for key, lexicon in lexicons.items() if lexicon.get(word))


def test_capitals_are_told_from_the_letters_whatever_the_second_character() -> None:
    # GIVEN invented words in capitals, capitalised, mixed and with digits
    doc = build_document("ZORVAN Zorvan ZoRVAN ZO-RVAN Z1RV Z1rv X ÅSA ÅsA l'Orvan d’Ordo", "fr")
    # WHEN the document is read
    flags = {t.text: t.upper for t in doc.tokens if t.kind == "word"}
    # THEN only the words whose every letter is a capital (two or more letters) are in capitals
    assert flags == {
        "ZORVAN": True,
        "Zorvan": False,
        "ZoRVAN": False,
        "ZO-RVAN": True,
        "Z1RV": True,
        "Z1rv": False,
        "X": False,
        "ÅSA": True,
        "ÅsA": False,
        "l'": False,
        "Orvan": False,
        "d’": False,
        "Ordo": False,
    }


def test_the_lemma_dictionary_memo_asks_the_dictionary_once_per_word() -> None:
    from collections import Counter
    from collections.abc import Iterator, Mapping

    from article_pipeline.pipeline.lemma_dictionaries import MemoDictionary

    class Counted(Mapping[str, str]):
        def __init__(self, entries: dict[str, str]) -> None:
            self.entries, self.asked = entries, Counter[str]()

        def __getitem__(self, key: str) -> str:
            self.asked[key] += 1
            return self.entries[key]

        def __iter__(self) -> Iterator[str]:
            return iter(self.entries)

        def __len__(self) -> int:
            return len(self.entries)

    # GIVEN an invented dictionary behind the memo
    inner = Counted({"zorvany": "zorvan", "plimfs": "plimf"})
    memo = MemoDictionary(inner)
    # WHEN words, found and not, are looked up twice
    answers = [memo.get(w) for w in ("zorvany", "qwyx", "zorvany", "qwyx", "plimfs")]
    # THEN the answers are the dictionary's, and it was asked once per word
    assert answers == ["zorvan", None, "zorvan", None, "plimf"]
    assert inner.asked == Counter({"zorvany": 1, "qwyx": 1, "plimfs": 1})
    assert len(memo) == 2 and sorted(memo) == ["plimfs", "zorvany"]


def test_only_the_first_word_of_a_phrase_entry_opens_a_phrase() -> None:
    # GIVEN invented country forms of one and two words
    lexicon = Lexicon({"nova zorvania": "ZV", "zorvan*": "ZV", "plimfia": "PL"})
    # WHEN words are asked whether a phrase entry starts with them
    heads = {w: lexicon.opens_phrase(w) for w in ("nova", "zorvania", "plimfia", "novas")}
    # THEN only the first word of the two-word entry does, and no phrase opened by another word answers
    assert heads == {"nova": True, "zorvania": False, "plimfia": False, "novas": False}
    assert lexicon.get_phrase("nova zorvania") == "ZV"
    assert lexicon.get_phrase("plimfia zorvania") is None
