"""Rebuild ``shared/article_pipeline/data/tone_vader.tsv`` from VADER's lexicon (MIT).

Development time only: ``pip install vaderSentiment==3.3.2`` into a scratch venv, then
``python scripts/build_tone_lexicon.py PATH/TO/vaderSentiment/vader_lexicon.txt``.

Kept: single-word entries (letters, inner apostrophe/hyphen) whose mean valence is at least 0.5 in
magnitude, less the words that are names or function words in news text (``NEWS_NEUTRAL``). Only the
word and its mean rating are kept; VADER's per-rater columns are dropped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
MIN_MAGNITUDE = 0.5
# VADER rates these as sentiment, but in news they are names ("United", "Swift", "Amazon", "Supreme
# Court"), finance terms ("shares", "credit", "securities") or function words ("like", "well", "please").
NEWS_NEUTRAL = frozenset(
    [
        "united",
        "swift",
        "amazon",
        "supreme",
        "like",
        "likes",
        "liked",
        "please",
        "want",
        "wants",
        "wanted",
        "care",
        "number",
        "shares",
        "share",
        "shared",
        "credit",
        "credits",
        "treasury",
        "securities",
        "security",
        "defense",
        "play",
        "plays",
        "played",
        "original",
        "free",
        "well",
        "yes",
        "true",
        "fair",
        "fine",
        "pretty",
        "kind",
        "help",
        "helps",
        "helped",
        "support",
        "supported",
        "supports",
        "matter",
        "matters",
        "interest",
        "interests",
        "interested",
        "ok",
        "okay",
        "sure",
        "yeah",
        "certain",
        "certainly",
        "clear",
        "clearly",
        "join",
        "joined",
        "value",
        "values",
        "worth",
        "top",
        "reach",
        "reached",
        "reaching",
        "allow",
        "allowed",
        "allows",
        "ready",
        "lead",
        "leading",
        "leads",
        "chance",
        "chances",
        "party",
        "parties",
        "grant",
        "granted",
        "guard",
        "guards",
        "justice",
        "trust",
        "funny",
        "god",
        "hell",
    ]
)
OUT = Path(__file__).resolve().parents[1] / "shared/article_pipeline/data/tone_vader.tsv"
HEADER = (
    "# VADER sentiment lexicon subset (vaderSentiment 3.3.2, MIT, (c) C.J. Hutto); built by\n"
    "# scripts/build_tone_lexicon.py: single words, |mean| >= 0.5, news-neutral words dropped.\n"
    "# word<TAB>mean valence (-4..4)\n"
)


def main(source: str) -> None:
    kept: dict[str, float] = {}
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        word, mean, *_ = line.split("\t")
        value = float(mean)
        wanted = WORD.fullmatch(word) and abs(value) >= MIN_MAGNITUDE and word.lower() not in NEWS_NEUTRAL
        if wanted and (word == word.lower() or word.lower() not in kept):  # "lol" over "LOL"
            kept[word.lower()] = value
    rows = [f"{word}\t{value:g}" for word, value in sorted(kept.items())]
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} entries -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
