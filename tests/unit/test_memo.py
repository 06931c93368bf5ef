from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from article_pipeline.pipeline.memo import Memo, memoized


def test_each_key_is_computed_once() -> None:
    # GIVEN a memo over a function that counts its calls
    calls: list[str] = []

    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    upper = memoized(8)(shout)
    # WHEN the same words are asked for again and again
    results = [upper(w) for w in ["a", "b", "a", "a", "b"]]
    # THEN the answers are the function's and it ran once per distinct word
    assert results == ["A", "B", "A", "A", "B"]
    assert calls == ["a", "b"]


def test_a_full_memo_empties_itself_and_stays_bounded() -> None:
    # GIVEN a memo of at most 3 entries
    memo: Memo[int, int] = Memo(lambda n: n * n, 3)
    # WHEN more distinct keys than that are asked for
    values = [memo[n] for n in range(10)]
    # THEN every answer is right and the memo never holds more than its bound
    assert values == [n * n for n in range(10)]
    assert len(memo) <= 3


def test_none_is_a_value_like_any_other() -> None:
    # GIVEN a function that answers None (a word that is no place)
    calls: list[str] = []

    def nothing(word: str) -> None:
        calls.append(word)

    lookup = memoized(4)(nothing)
    # WHEN asked twice THEN the None answer is remembered
    assert lookup("x") is None and lookup("x") is None
    assert calls == ["x"]


@given(st.lists(st.text(max_size=3), max_size=60), st.integers(min_value=1, max_value=8))
def test_memo_agrees_with_the_function(keys: list[str], bound: int) -> None:
    memo: Memo[str, int] = Memo(len, bound)
    assert [memo[k] for k in keys] == [len(k) for k in keys]
    assert len(memo) <= bound
