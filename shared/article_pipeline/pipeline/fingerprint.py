"""Exact and near-duplicate fingerprints: SHA-256 of the normalised body and a 64-bit simhash."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+", re.UNICODE)
SIMHASH_BITS = 64


def normalise_for_hash(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def content_sha256(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def simhash(text: str, *, shingle: int = 3) -> str:
    """64-bit simhash over word 3-shingles, as 16 hex digits. Near-identical texts differ in few bits."""
    words = _WORD.findall(text.casefold())
    grams = [" ".join(words[i : i + shingle]) for i in range(max(1, len(words) - shingle + 1))]
    weights = [0] * SIMHASH_BITS
    for gram in grams:
        h = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(SIMHASH_BITS):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(SIMHASH_BITS) if weights[bit] > 0)
    return f"{value:016x}"


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


# Two bodies whose simhashes differ in at most this many of 64 bits are near duplicates.
NEAR_DUPLICATE_BITS = 3
