"""The benchmark corpus: the real pages and seeds of tests/corpus plus generated variants of realistic length.

Variants are built from real article paragraphs (the gold main texts), shuffled across articles with a seeded
random generator, so their vocabulary and sentence shapes are those of news, at lengths from 1 KB to 20 KB.

:func:`iter_corpus` yields the items one at a time, each read or generated when it is asked for, so a measurement
of memory holds one article at a time, as a Lambda does; :func:`build_corpus` is the same items in a list.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["html", "text"]


@dataclass(frozen=True)
class BenchItem:
    name: str
    kind: Kind
    data: bytes


def _paragraphs(corpus: Path) -> list[str]:
    truth = json.loads((corpus / "aeb" / "ground-truth.json").read_text())
    paragraphs = []
    for entry in truth.values():
        paragraphs += [p.strip() for p in str(entry["articleBody"]).split("\n") if len(p.strip()) > 60]
    for seed in sorted((corpus / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in seed.read_text().split("\n") if len(p.strip()) > 60]
    return paragraphs


def text_of_size(paragraphs: list[str], size: int, rng: random.Random) -> str:
    """Real paragraphs, drawn at random, until the text reaches ``size`` bytes."""
    out: list[str] = []
    total = 0
    while total < size:
        paragraph = rng.choice(paragraphs)
        out.append(paragraph)
        total += len(paragraph.encode()) + 2
    return "\n\n".join(out).encode()[:size].decode("utf-8", "ignore")


def iter_corpus(corpus: Path, *, variants: int = 120, seed: int = 7) -> Iterator[BenchItem]:
    """The bench items in order, read (HTML, seeds) or generated (variants) lazily: one in memory at a time."""
    for path in sorted((corpus / "aeb" / "html").glob("*.html.gz")):
        yield BenchItem(path.name.removesuffix(".html.gz"), "html", gzip.decompress(path.read_bytes()))
    for path in sorted((corpus / "seeds").glob("*.txt")):
        yield BenchItem(path.name, "text", path.read_bytes())
    rng = random.Random(seed)
    paragraphs = _paragraphs(corpus)
    for index in range(variants):
        # Log-uniform between 1 KB and 20 KB: most news articles are 2-8 KB of text.
        size = int(1024 * 20 ** rng.random())
        yield BenchItem(f"variant-{index:03d}", "text", text_of_size(paragraphs, size, rng).encode())


def build_corpus(corpus: Path, *, variants: int = 120, seed: int = 7) -> list[BenchItem]:
    return list(iter_corpus(corpus, variants=variants, seed=seed))
