from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from article_pipeline.adapters.fingerprint_index import fingerprint_keys
from article_pipeline.pipeline.fingerprint import NEAR_DUPLICATE_BITS, content_sha256, hamming, simhash
from support import NEWS_TEXT


def test_same_text_with_different_spacing_and_case_has_the_same_sha() -> None:
    assert content_sha256(NEWS_TEXT) == content_sha256("  " + NEWS_TEXT.upper().replace(" ", "   "))


def test_small_edit_is_a_near_duplicate_and_other_text_is_not() -> None:
    # GIVEN a long article, the same with one word changed, and an unrelated article
    text = " ".join([NEWS_TEXT] * 4)
    edited = text.replace("largest", "biggest", 1)
    other = "The football club signed a new striker from Brazil for a record fee, its manager said. " * 6
    # THEN the edit stays within the near-duplicate distance, the unrelated text does not
    assert hamming(simhash(text), simhash(edited)) <= NEAR_DUPLICATE_BITS
    assert hamming(simhash(text), simhash(other)) > NEAR_DUPLICATE_BITS


def test_near_duplicates_share_a_band_key() -> None:
    text = " ".join([NEWS_TEXT] * 4)
    a, b = simhash(text), simhash(text.replace("largest", "biggest", 1))
    keys_a, keys_b = set(fingerprint_keys("x", a)[1:]), set(fingerprint_keys("y", b)[1:])
    assert keys_a & keys_b


@given(st.text())
def test_simhash_is_always_16_hex_digits(text: str) -> None:
    value = simhash(text)
    assert len(value) == 16
    int(value, 16)
