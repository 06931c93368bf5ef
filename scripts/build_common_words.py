"""Build shared/article_pipeline/data/common_words.txt (development time only).

The entity extractor treats a capitalised word that is an ordinary English word ("Premium", "Steam",
"Expert") as no organisation unless the article gives evidence for one. The list is every lowercase
alphabetic word of at least three letters with an English Zipf frequency of at least 3.5 in wordfreq
(Apache-2.0 code; only the yes/no membership is derived from its CC BY-SA frequency data).

    python -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install wordfreq
    /tmp/gazvenv/bin/python scripts/build_common_words.py
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import top_n_list, zipf_frequency  # type: ignore[import-not-found]  # build-time only

OUT = Path(__file__).resolve().parent.parent / "shared" / "article_pipeline" / "data" / "common_words.txt"
MIN_ZIPF = 3.5


def main() -> None:
    words = sorted(
        {
            w
            for w in top_n_list("en", 60_000)
            if w.isascii()
            and w.isalpha()
            and w.islower()
            and len(w) >= 3
            and zipf_frequency(w, "en") >= MIN_ZIPF
        }
    )
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
