"""The simplemma seed index the layer build writes: same answers as simplemma's own stream dictionary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

from article_pipeline.pipeline import lemma_dictionaries as ld

WORDS = ("houses", "went", "better", "children", "zzzzqx", "running", "mice", "Europe", "a", "was")


@pytest.fixture(scope="module")
def index_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lemma_index")
    ld.write_indexes(["en"], folder)
    return folder


def test_an_indexed_dictionary_answers_as_simplemma_does(index_folder: Path) -> None:
    # GIVEN the English dictionary opened from a written index and as simplemma opens it
    indexed = ld.open_indexed("en", index_folder)
    plain = StreamMap("en")
    # WHEN both are asked the same words, hits and misses
    # THEN they answer the same, and hold the same number of entries
    assert indexed is not None
    assert [indexed.get(w) for w in WORDS] == [plain.get(w) for w in WORDS]
    assert indexed.get("went") is not None
    assert len(indexed) == len(plain)


def test_an_index_made_from_another_data_file_is_not_used(index_folder: Path, tmp_path: Path) -> None:
    # GIVEN an index whose recorded digest is not that of the data file beside it (simplemma upgraded)
    head, _, body = (index_folder / "en.idx").read_bytes().partition(b"\n")
    header = json.loads(head)
    header["source_sha256"] = "0" * 64
    (tmp_path / "en.idx").write_bytes(json.dumps(header).encode() + b"\n" + body)
    # WHEN it is opened
    # THEN it is refused, and the caller opens the dictionary as usual
    assert ld.open_indexed("en", tmp_path) is None


def test_no_index_means_the_usual_dictionary(tmp_path: Path) -> None:
    # GIVEN a folder without an index
    # WHEN the factory opens a dictionary
    assert ld.open_indexed("en", tmp_path) is None
    # THEN it still answers (simplemma's own opening)
    assert ld.MemoStreamDictionaryFactory().get_dictionary("en").get("went") is not None
