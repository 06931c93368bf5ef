"""Exact and near-duplicate fingerprints: SHA-256 of the normalised body and a 64-bit simhash."""

from __future__ import annotations

import hashlib
import re

from article_pipeline.pipeline.memo import memoized

# Scripts written without spaces count one character as a word, so their shingles are not whole sentences.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+", re.UNICODE)
SIMHASH_BITS = 64
# _BIT_OF[b] maps a byte to 1 where its bit b is set, else 0: counting runs at C speed via translate().
_BIT_OF = [bytes((value >> bit) & 1 for value in range(256)) for bit in range(8)]


_BLAKE2B_8 = hashlib.blake2b(digest_size=8)


def _hash8(gram: bytes) -> bytes:
    """blake2b with an 8-byte digest; copying a configured hasher skips the keyword parsing per call."""
    hasher = _BLAKE2B_8.copy()
    hasher.update(gram)
    return hasher.digest()


@memoized(1 << 15)
def _word_hash(word: str) -> bytes:
    """A word's 64-bit hash; cached per execution environment (common words recur in every article)."""
    return _hash8(word.encode("utf-8"))


def content_sha256(text: str) -> str:
    return _sha256_of_words(_WORD.findall(text.casefold()))


def fingerprints(text: str) -> tuple[str, str]:
    """``(content_sha256, simhash)`` of a body, splitting it into words once."""
    words = _WORD.findall(text.casefold())
    return _sha256_of_words(words), _simhash_of_words(words, SHINGLE)


def _sha256_of_words(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


SHINGLE = 3
_LANE = 0xFFFFFFFFFFFFFFFF
# Rotation of the k-th word of a shingle inside its 64-bit lane: the order of the words counts.
_ROTATE = 21


def simhash(text: str, *, shingle: int = SHINGLE) -> str:
    """64-bit simhash over word shingles (3 words), as 16 hex digits. Near-identical texts differ in few bits.

    Each distinct word gets a 64-bit blake2b hash; a shingle's hash is the XOR of its words' hashes, the
    k-th rotated left by 21*k bits. Bit b of the result is set when more than half of the shingles' hashes
    have bit b set.
    """
    return _simhash_of_words(_WORD.findall(text.casefold()), shingle)


def _simhash_of_words(words: list[str], shingle: int) -> str:
    # Speed: words repeat, so each distinct word is hashed once; the shingle hashes of the whole text are
    # then combined as one big integer of 64-bit lanes (lane i = word i), where a shift, a mask and an XOR
    # act on every lane at C speed; the bits are counted with bytes.translate/count. This is ~3x faster
    # than hashing every shingle's text, and the fingerprints are as well spread.
    count = len(words) - shingle + 1
    if count < 1:  # shorter than one shingle: the whole text is the only feature
        features = _hash8(" ".join(words).encode("utf-8"))
        count = 1
    else:
        distinct = set(words)
        hash_of = dict(zip(distinct, map(_word_hash, distinct), strict=True))
        lanes = int.from_bytes(b"".join(map(hash_of.__getitem__, words)), "little")
        mixed = lanes
        for k in range(1, shingle):
            mixed ^= _rotate_lanes(lanes >> (64 * k), (_ROTATE * k) % 64, len(words))
        features = (mixed & ((1 << (64 * count)) - 1)).to_bytes(8 * count, "little")
    half = count / 2
    value = 0
    for position in range(8):
        column = features[position::8]
        for bit in range(8):
            if column.translate(_BIT_OF[bit]).count(1) > half:
                value |= 1 << (position * 8 + bit)
    return f"{value:016x}"


def _rotate_lanes(value: int, by: int, lanes: int) -> int:
    """Rotate each of ``lanes`` 64-bit lanes of ``value`` left by ``by`` bits."""
    if by == 0:
        return value
    high = int.from_bytes(((_LANE << by) & _LANE).to_bytes(8, "little") * lanes, "little")
    low = int.from_bytes(((1 << by) - 1).to_bytes(8, "little") * lanes, "little")
    return ((value << by) & high) | ((value >> (64 - by)) & low)


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


# Two bodies whose simhashes differ in at most this many of 64 bits are near duplicates.
NEAR_DUPLICATE_BITS = 3
