"""simplemma's low-memory dictionaries with a memo in front of each (imported with simplemma, on first use),
opened from a seed index built ahead of time where the layer has one.

A stream dictionary answers a lookup by decoding up to 32 front-coded records (about 15 us), and one word
is looked up several times: the lemmatiser tries the word and its other casing, then its parts (affixes,
hyphens), and :func:`polyglot._known_word` asks the dictionary again. Over the non-English gold texts a
quarter of the lookups repeat one already made; the memo answers those from a dict.

Opening a stream dictionary decodes every record once to find the restart point of each block of 32: 0.4 s
for Ukrainian, 0.8 s for Russian, 2 s for Polish on this machine, paid by the first article in that language
in each execution environment. That index depends only on simplemma's data file, so the layer build writes
it beside the package (:func:`write_indexes`, run by scripts/build_layer.py; 0.05-1.1 MiB per language,
3.3 MiB for the ten) and :class:`MemoStreamDictionaryFactory` reads it instead (tens of ms), after checking
that it was made from the very data file it sits beside. Without an index (a development checkout) the dictionary is opened as
simplemma opens it; the answers are the same either way (tests/unit/test_lemma_index.py).
"""

from __future__ import annotations

import hashlib
import json
import lzma
import zlib
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path

from simplemma.strategies.dictionaries import StreamDictionaryFactory, frontcode
from simplemma.strategies.dictionaries.dictionary_factory import DATA_FOLDER, DecodedStrMapping
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

from article_pipeline.pipeline.langpack import lemma_languages

LOOKUP_MEMO_SIZE = 1 << 15  # per language; emptied when full (a long-lived environment, open vocabulary)
INDEX_FOLDER = Path(__file__).resolve().parent.parent / "data" / "lemma_index"
INDEX_FORMAT = 1


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


def _data_file(lang: str) -> Path:
    return DATA_FOLDER / f"{lang}.plzma"


def _index_file(lang: str, folder: Path) -> Path:
    return folder / f"{lang}.idx"


def _joined(items: list[bytes]) -> tuple[bytes, bytes]:
    return array("H", map(len, items)).tobytes(), b"".join(items)


def _split(lengths: bytes, joined: bytes) -> list[bytes]:
    sizes = array("H")
    sizes.frombytes(lengths)
    out: list[bytes] = []
    pos = 0
    for size in sizes:
        out.append(joined[pos : pos + size])
        pos += size
    return out


def build_index(lang: str) -> bytes:
    """The seed index of ``lang``'s stream dictionary as one file: a JSON header line (format, digest of the
    data file it was made from, the stream's header fields, section sizes), then the zlib-compressed sections:
    each block's offset, first key and the value before it. A block is resumed with its own first key as the
    previous key: a record only reuses the previous key's first ``shared`` bytes, which its own key starts
    with. The value before it is kept only where the block's first record repeats it (the others: b"")."""
    raw = _data_file(lang).read_bytes()
    stream = StreamMap(lang)
    firsts: list[bytes] = stream._firsts
    values: list[bytes] = []
    marker = b"\x00"  # no lemma is a NUL byte: a first record that yields it took the value before it
    for first, (offset, _, previous_value) in zip(firsts, stream._blocks, strict=True):
        _, _, value = next(frontcode._iter_records(stream._data, offset, first, marker))
        values.append(previous_value if value == marker else b"")
    offsets = array("Q", (block[0] for block in stream._blocks)).tobytes()
    sections = [offsets, *_joined(firsts), *_joined(values)]
    header = {
        "format": INDEX_FORMAT,
        "source_sha256": hashlib.sha256(raw).hexdigest(),
        "rev": stream._rev,
        "count": stream._count,
        "pos": stream._pos,
        "sections": [len(section) for section in sections],
    }
    return json.dumps(header).encode() + b"\n" + zlib.compress(b"".join(sections), 9)


def write_indexes(languages: list[str], folder: Path = INDEX_FOLDER) -> dict[str, int]:
    """Write the seed index of each language's dictionary into ``folder``; returns the bytes written per file."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for lang in languages:
        blob = build_index(lang)
        _index_file(lang, folder).write_bytes(blob)
        sizes[lang] = len(blob)
    return sizes


def open_indexed(lang: str, folder: Path = INDEX_FOLDER) -> StreamMap | None:
    """``lang``'s stream dictionary opened from its index in ``folder``, or None when there is none or it was
    made from another data file (a simplemma upgrade without a rebuild): the caller then opens it as usual."""
    path = _index_file(lang, folder)
    if not path.is_file():
        return None
    raw = _data_file(lang).read_bytes()
    head, _, body = path.read_bytes().partition(b"\n")
    header = json.loads(head)
    if header.get("format") != INDEX_FORMAT or header.get("source_sha256") != hashlib.sha256(raw).hexdigest():
        return None
    sections: list[bytes] = []
    data, pos = zlib.decompress(body), 0
    for size in header["sections"]:
        sections.append(data[pos : pos + size])
        pos += size
    offsets = array("Q")
    offsets.frombytes(sections[0])
    firsts = _split(sections[1], sections[2])
    stream: StreamMap = object.__new__(StreamMap)
    stream._data = lzma.decompress(raw)
    stream._rev, stream._count, stream._pos = header["rev"], header["count"], header["pos"]
    stream._firsts = firsts
    stream._blocks = list(zip(offsets, firsts, _split(sections[3], sections[4]), strict=True))
    return stream


class MemoStreamDictionaryFactory(StreamDictionaryFactory):
    """simplemma's stream dictionaries, each behind a :class:`MemoDictionary`, opened from the layer's index
    when it has one."""

    __slots__ = ()

    def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
        indexed = open_indexed(lang)
        return MemoDictionary(indexed if indexed is not None else super()._get_dictionary_uncached(lang))


def main(argv: list[str] | None = None) -> int:
    """``python -m article_pipeline.pipeline.lemma_dictionaries FOLDER [LANG...]``: write the indexes (of
    every kept language when none is given)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: lemma_dictionaries FOLDER [LANG...]", file=sys.stderr)
        return 2
    languages = args[1:] or sorted(lemma_languages())
    for lang, size in write_indexes(languages, Path(args[0])).items():
        print(f"lemma index {lang}: {size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
