"""Exact and near-duplicate fingerprints: SHA-256 of the normalised body and a 64-bit simhash."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+", re.UNICODE)
SIMHASH_BITS = 64
# _BIT_OF[b] maps a byte to 1 where its bit b is set, else 0: counting runs at C speed via translate().
_BIT_OF = [bytes((value >> bit) & 1 for value in range(256)) for bit in range(8)]


_BLAKE2B_8 = hashlib.blake2b(digest_size=8)


def _hash8(gram: bytes) -> bytes:
    """blake2b with an 8-byte digest; copying a configured hasher skips the keyword parsing per call."""
    hasher = _BLAKE2B_8.copy()
    hasher.update(gram)
    return hasher.digest()


def normalise_for_hash(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def content_sha256(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def simhash(text: str, *, shingle: int = 3) -> str:
    """64-bit simhash over word 3-shingles, as 16 hex digits. Near-identical texts differ in few bits.

    Bit b of the result is set when more than half of the shingles' hashes have bit b set. Counting is done
    per byte position and bit with bytes.translate/count (C speed), not a 64-step Python loop per shingle.
    """
    words = _WORD.findall(text.casefold())
    grams = [" ".join(words[i : i + shingle]) for i in range(max(1, len(words) - shingle + 1))]
    joined = b"".join(map(_hash8, map(str.encode, grams)))
    half = len(grams) / 2
    value = 0
    for position in range(8):
        column = joined[position::8]
        for bit in range(8):
            if column.translate(_BIT_OF[bit]).count(1) > half:
                value |= 1 << ((7 - position) * 8 + bit)
    return f"{value:016x}"


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


# Two bodies whose simhashes differ in at most this many of 64 bits are near duplicates.
NEAR_DUPLICATE_BITS = 3
