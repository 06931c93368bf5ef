"""Score classification and the non-entity extractors against the hand-annotated development gold.

    .venv/bin/python scripts/score_classify.py [--verbose] [--json]

Texts: the `articleBody` of tests/corpus/aeb/ground-truth.json for benchmark ids (already clean main
text), the seed files for seed ids after the pipeline's own cleaning stage (as in production: the
scraped "date ..." header and the photo credit go). Prints:

- topics (with the title the pipeline derives from the body, or none with --no-title): micro-averaged precision / recall / F1 over the set of predicted top-level codes per article
  against the gold codes (second-level codes are mapped to their top-level first; duplicates count once);
- money: micro P / R / F1 over (amount, currency) multisets;
- dates (the seeds, the only gold with dates): recall of gold (text, date) pairs, precision of the
  predicted pairs, with the gold `published_date` as the reference date;
- language accuracy against the gold `language`;
- per-article timings (ms) of language, topics, money, dates, keywords+summary: the median of five
  warm calls each (the first call, which loads models and tables, is not counted).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from article_pipeline.pipeline.clean import clean
from article_pipeline.pipeline.dates import extract_dates
from article_pipeline.pipeline.language import detect_language
from article_pipeline.pipeline.metadata import derive_title
from article_pipeline.pipeline.money import extract_money
from article_pipeline.pipeline.summarize import keywords, summarize
from article_pipeline.pipeline.topics import classify_topics

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
REPEATS = 5


def load() -> list[tuple[dict[str, object], str]]:
    gold = json.loads((CORPUS / "gold" / "dev_gold.json").read_text(encoding="utf-8"))
    truth = json.loads((CORPUS / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    docs = []
    for entry in gold:
        doc_id = str(entry["id"])
        if doc_id in truth:
            text = truth[doc_id]["articleBody"]
        else:
            seed = CORPUS / "seeds" / doc_id
            raw = (seed if seed.exists() else seed.with_name(f"{doc_id}.txt")).read_text(encoding="utf-8")
            # Seeds are raw uploads (scraped header, photo credit): the pipeline cleans them first.
            text = clean(raw).body
        docs.append((entry, text))
    return docs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def top_level(code: str) -> str | None:
    digits = code.removeprefix("medtop:")
    return f"medtop:{digits}" if digits.endswith("000000") else None


def timed(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    """The result and the median warm time in ms over ``REPEATS`` calls (after one warm-up call)."""
    result = function(*args, **kwargs)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function(*args, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
    return result, sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="show every article's predictions")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--no-title",
        action="store_true",
        help="classify the body alone (default: with the title the pipeline derives from the body, as in production)",
    )
    args = parser.parse_args()

    topic_tp = topic_fp = topic_fn = 0
    money_tp = money_fp = money_fn = 0
    date_tp = date_pred = date_gold = 0
    lang_ok = 0
    rows = []
    for entry, text in load():
        doc_id = str(entry["id"])[:16]
        language, t_lang = timed(detect_language, text)
        title = None if args.no_title else derive_title(text, dateline=entry.get("dateline"))  # type: ignore[arg-type]
        topics, t_topics = timed(classify_topics, text, title=title)
        money, t_money = timed(extract_money, text)
        reference = entry.get("published_date")
        dates, t_dates = timed(
            extract_dates, text, reference=reference if isinstance(reference, str) else None
        )
        _, t_keywords = timed(keywords, text)
        _, t_summarize = timed(summarize, text)
        t_summary = t_keywords + t_summarize

        lang_ok += language == entry.get("language")
        predicted = {c for t in topics if (c := top_level(t.code))}
        gold_topics = set(entry["topics"])  # type: ignore[arg-type]
        topic_tp += len(predicted & gold_topics)
        topic_fp += len(predicted - gold_topics)
        topic_fn += len(gold_topics - predicted)

        got = Counter((round(m.amount, 4), m.currency) for m in money)
        want = Counter((round(float(m["amount"]), 4), m["currency"]) for m in entry["money"])  # type: ignore[attr-defined, index]
        overlap = sum((got & want).values())
        money_tp += overlap
        money_fp += sum(got.values()) - overlap
        money_fn += sum(want.values()) - overlap

        if "dates" in entry:
            got_dates = {(d.text, d.date) for d in dates}
            want_dates = {(d["text"], d["date"]) for d in entry["dates"]}  # type: ignore[attr-defined, index]
            date_tp += len(got_dates & want_dates)
            date_pred += len(got_dates)
            date_gold += len(want_dates)
        rows.append(
            {
                "id": doc_id,
                "chars": len(text),
                "topics": [(t.code, t.label, t.score) for t in topics],
                "gold_topics": sorted(gold_topics),
                "money_missed": sorted((want - got).elements()),
                "money_extra": sorted((got - want).elements()),
                "dates": [(d.text, d.date) for d in dates] if "dates" in entry else None,
                "ms": {
                    "language": round(t_lang, 2),
                    "topics": round(t_topics, 2),
                    "money": round(t_money, 2),
                    "dates": round(t_dates, 2),
                    "keywords+summary": round(t_summary, 2),
                },
            }
        )

    figures = {
        "topics": dict(zip(("precision", "recall", "f1"), prf(topic_tp, topic_fp, topic_fn), strict=True)),
        "money": dict(zip(("precision", "recall", "f1"), prf(money_tp, money_fp, money_fn), strict=True)),
        "dates_seeds": {
            "recall": date_tp / date_gold if date_gold else 0.0,
            "precision": date_tp / date_pred if date_pred else 0.0,
            "gold": date_gold,
        },
        "language_accuracy": lang_ok / len(rows) if rows else 0.0,
        "articles": len(rows),
    }
    if args.json:
        print(json.dumps({"figures": figures, "articles": rows}, indent=1))
        return
    for row in rows:
        ms = row["ms"]
        print(f"{row['id']:<18} {row['chars']:>5} chars  " + "  ".join(f"{k} {v:.2f}" for k, v in ms.items()))  # type: ignore[attr-defined]
        if args.verbose:
            print(f"    topics {row['topics']}\n    gold   {row['gold_topics']}")
            if row["money_missed"] or row["money_extra"]:
                print(f"    money missed {row['money_missed']} extra {row['money_extra']}")
            if row["dates"] is not None:
                print(f"    dates {row['dates']}")
    totals = sorted(sum(row["ms"].values()) for row in rows)  # type: ignore[attr-defined]
    if totals:
        print(
            f"warm ms per article (these stages): median {totals[len(totals) // 2]:.1f}, max {totals[-1]:.1f}"
        )
    t, m, d = figures["topics"], figures["money"], figures["dates_seeds"]
    print(f"topics (top-level, micro)  P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}")
    print(f"money (amount, currency)   P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    print(
        f"dates (seeds)              recall {d['recall']:.3f}  precision {d['precision']:.3f}  of {d['gold']} gold"
    )
    print(
        f"language accuracy          {figures['language_accuracy']:.3f}  over {figures['articles']} articles"
    )


if __name__ == "__main__":
    main()
