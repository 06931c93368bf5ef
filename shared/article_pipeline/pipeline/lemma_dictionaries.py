"""simplemma's low-memory dictionaries with a memo in front of each (imported with simplemma, on first use).

A stream dictionary answers a lookup by decoding up to 32 front-coded records (about 15 us), and one word
is looked up several times: the lemmatiser tries the word and its other casing, then its parts (affixes,
hyphens), and :func:`polyglot._known_word` asks the dictionary again. Over the non-English gold texts a
quarter of the lookups repeat one already made; the memo answers those from a dict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from simplemma.strategies.dictionaries import StreamDictionaryFactory
from simplemma.strategies.dictionaries.dictionary_factory import DecodedStrMapping

LOOKUP_MEMO_SIZE = 1 << 15  # per language; emptied when full (a long-lived environment, open vocabulary)


class MemoDictionary(DecodedStrMapping):
    """A read-only dictionary whose answers (misses included) are kept once looked up."""

    __slots__ = ("_inner", "_memo")

    def __init__(self, inner: Mapping[str, str]) -> None:
        self._inner = inner
        self._memo: dict[str, str | None] = {}

    def _lookup(self, key: str) -> str | None:
        memo = self._memo
        if key in memo:
            return memo[key]
        if len(memo) >= LOOKUP_MEMO_SIZE:
            memo.clear()
        value = memo[key] = self._inner.get(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._inner)

    def __len__(self) -> int:
        return len(self._inner)


class MemoStreamDictionaryFactory(StreamDictionaryFactory):
    """simplemma's stream dictionaries, each behind a :class:`MemoDictionary`."""

    __slots__ = ()

    def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
        return MemoDictionary(super()._get_dictionary_uncached(lang))
