"""IPTC Media Topics classification: a fast lexical classifier, no model, no network.

Lexicons (built once per process from two data files):

- ``data/topics_mediatopic.json``: IPTC's Media Topics vocabulary (CC BY 4.0, (c) IPTC): English label,
  definition, parent and level of every current concept. Every concept feeds the lexicon of its
  top-level topic and of its second-level ancestor: its label as a phrase (``LABEL_PHRASE``), the label's
  words (``LABEL_WORD``) and the definition's content words (``DEFINITION_WORD``). Deeper concepts count
  less (``DEPTH_DECAY`` per level). A term's weight is then multiplied by its inverse "topic frequency"
  over the 17 top-level lexicons, so words that appear under many topics ("people", "organisation") fade.
- ``data/topics_cues.json``: hand-curated general news cue words per top-level topic ("minister",
  "tariffs", "troops"), weighted 0.5-2; added to the top-level lexicons with ``CUE_SCALE``.

Scoring a text: words are lower-cased and lightly stemmed (``stem``), function words dropped, and
lexicon terms found by greedy longest match (up to three words; a phrase consumes its words, so
"European Union" is not also the labour word "union"). Each matched term adds ``weight * (1 + log(count))`` (sublinear tf); title terms count
``TITLE_BOOST`` times more. The raw sum is divided by ``sqrt(tokens / 100)`` (length normalisation,
floored at one for short texts) and mapped to ``[0, 1)`` with ``1 - exp(-raw / SCALE)``, so a score
of 0.35 means "clearly present", 0.7 "dominant".

Emission (``classify_topics``):

- a top-level topic is emitted when its score is >= ``THRESHOLD`` (0.35) AND >= ``RELATIVE`` (0.45)
  times the best score; at most ``MAX_TOP`` (3) topics, best first;
- the best topic is always emitted when any topic has a score >= ``MIN_SIGNAL`` (some signal) and the
  text is English; the lexicons are English, so in other languages only topics that pass the
  threshold on their own are emitted;
- second-level concepts (``medtop:2000xxxx``) are added after the top-levels, only under an emitted
  topic, at most one per topic: the best second-level concept under it, when its score is
  >= ``SUB_THRESHOLD`` (0.45), it matched at least ``SUB_MIN_TERMS`` (3) distinct terms, and it beats the
  runner-up sibling by ``SUB_MARGIN`` (1.3x).

Labels are IPTC's English (en-GB) labels.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, filterfalse

from article_pipeline.models import Topic
from article_pipeline.pipeline.document import Document
from article_pipeline.pipeline.langpack import english
from article_pipeline.pipeline.language import detect_language as _detect_language
from article_pipeline.pipeline.memo import memoized

_EN = english()


THRESHOLD = 0.35
RELATIVE = 0.45
MAX_TOP = 3
MIN_SIGNAL = 0.05
SUB_THRESHOLD = 0.45
SUB_MIN_TERMS = 3
SUB_MARGIN = 1.3
MAX_SUB = 3
TITLE_BOOST = 3.0
SCALE = 9.0
SUB_SCALE = 6.0
CUE_SCALE = 1.0
LABEL_PHRASE = 1.0
LABEL_WORD = 0.25
DEFINITION_WORD = 0.15
DEFINITION_MAX_LEVEL = 2
DEPTH_DECAY = 0.85
REPEAT_BONUS = 0.2
# "-ing" is stripped only from words of 7+ letters: "boxing", "rowing", "sewing" would otherwise meet the
# ordinary words "box", "row", "sew" (a cardboard box, a row over royalties counted as sport).
ING_MIN_LENGTH = 7
MAX_TERM_WEIGHT = 1.5

# Words that carry no topic in labels and definitions.
_GENERIC = _EN.words("label_stopwords")

_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")  # any script's letters: "café" is not "caf"


def stem(word: str) -> str:
    """A light suffix stripper: plural and common verb endings (shared by lexicons and texts)."""
    w = word.replace("\u2019", "'").removesuffix("'s")
    if len(w) <= 3:
        return w
    for suffix, replacement, min_len in (
        ("ies", "y", 5),
        ("sses", "ss", 5),
        ("ches", "ch", 5),
        ("shes", "sh", 5),
        ("xes", "x", 4),
        ("s", "", 4),
    ):
        if w.endswith(suffix) and len(w) >= min_len and not w.endswith(("ss", "us", "is")):
            w = w[: -len(suffix)] + replacement
            break
    if len(w) >= ING_MIN_LENGTH and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
    return w


# Function words skipped before n-grams are formed, in texts, labels and cues alike, so that
# "act of terror" in a text meets the label phrase "act terror".
_FUNCTION = _EN.words("phrase_function_words")


_cached_stem = memoized(1 << 16)(stem)  # news vocabulary repeats: a dict hit beats re-stemming


def _tokens(text: str) -> list[str]:
    return list(map(_cached_stem, filterfalse(_FUNCTION.__contains__, _WORD.findall(text.lower()))))


def _document_tokens(document: Document) -> list[str]:
    """The stems of the document's terms, function words left out, cut as the lexicon's phrases were cut
    (``_WORD``): a lone word is taken as it is; a run of tokens written together ("6million", "23-year-old",
    "U.S.", "AT&T") is cut again by that pattern."""
    text = document.text
    words: list[str] = []
    for start, end, alone in document.written_runs:
        if alone:
            words.append(text[start:end].lower())
        else:
            words.extend(_WORD.findall(text[start:end].lower()))
    return list(map(_cached_stem, filterfalse(_FUNCTION.__contains__, words)))


@dataclass(frozen=True)
class _Concept:
    code: str
    label: str
    parent: str
    level: int
    top: str
    second: str


@dataclass(frozen=True)
class _Lexicons:
    concepts: dict[str, _Concept]
    # term (space-joined stems) -> "code:weight code:weight" (parsed on first use: loading stays cheap)
    top: dict[str, str]
    second: dict[str, str]
    max_n: int


def _encode(entries: list[tuple[str, float]]) -> str:
    return " ".join(f"{code}:{round(weight, 4)}" for code, weight in entries)


@cache
def _decode(encoded: str) -> tuple[tuple[str, float], ...]:
    pairs = (item.split(":") for item in encoded.split())
    return tuple((code, float(weight)) for code, weight in pairs)


def _read_json(name: str) -> dict[str, object]:
    text = resources.files("article_pipeline").joinpath(f"data/{name}").read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def _content(text: str) -> list[str]:
    return [
        stem(t) for t in _WORD.findall(text.lower()) if t not in _GENERIC and len(t) > 2 and not t.isdigit()
    ]


def _label_phrases(label: str) -> list[str]:
    """A label's phrases: "arts, culture and media" -> "arts", "culture", "media"; "coup d'etat" kept."""
    label = re.sub(r"\([^)]*\)", " ", label.lower())
    parts = re.split(r",|\band\b|\bor\b|/|;", label)
    phrases: list[str] = []
    for part in parts:
        words = _tokens(part)
        if words and not (len(words) == 1 and words[0] in _GENERIC):
            phrases.append(" ".join(words))
    return phrases


def _accumulate(weights: list[float]) -> float:
    """The strongest evidence plus a little for every further concept using the term, capped."""
    ordered = sorted(weights, reverse=True)
    return min(MAX_TERM_WEIGHT, ordered[0] + REPEAT_BONUS * sum(ordered[1:]))


def build_lexicons() -> _Lexicons:
    """Build the lexicons from the vocabulary and cue files (~100 ms; see ``_lexicons`` for the cache)."""
    raw = _read_json("topics_mediatopic.json")
    rows = raw["concepts"]
    assert isinstance(rows, list)
    by_code: dict[str, tuple[str, str, str, int]] = {}
    for row in rows:
        code, label, definition, parent, level = row
        by_code[str(code)] = (str(label), str(definition), str(parent), int(level))

    def ancestors(code: str) -> list[str]:
        chain = [code]
        while by_code[chain[-1]][2] and by_code[chain[-1]][2] in by_code:
            chain.append(by_code[chain[-1]][2])
        return chain

    concepts: dict[str, _Concept] = {}
    top_terms: dict[str, dict[str, list[float]]] = {}
    second_terms: dict[str, dict[str, list[float]]] = {}
    for code, (label, definition, parent, level) in by_code.items():
        chain = ancestors(code)
        top = chain[-1]
        second = chain[-2] if len(chain) >= 2 else ""
        concepts[code] = _Concept(code, label, parent, level, top, second)
        decay = DEPTH_DECAY ** max(0, level - 2)
        contributions: dict[str, float] = {}
        for phrase in _label_phrases(label):
            contributions[phrase] = max(contributions.get(phrase, 0.0), LABEL_PHRASE * decay)
            if " " in phrase:
                for word in phrase.split():
                    if word not in _GENERIC and len(word) > 2:
                        contributions[word] = max(contributions.get(word, 0.0), LABEL_WORD * decay)
        if level <= DEFINITION_MAX_LEVEL:
            for word in set(_content(definition)):
                contributions[word] = max(contributions.get(word, 0.0), DEFINITION_WORD)
        targets = [top_terms.setdefault(top, {})]
        if second:
            targets.append(second_terms.setdefault(second, {}))
        for target in targets:
            for term, weight in contributions.items():
                target.setdefault(term, []).append(weight)
    # Inverse topic frequency over the 17 top-level lexicons.
    n_top = max(1, len(top_terms))
    spread: Counter[str] = Counter()
    for table in top_terms.values():
        spread.update(table.keys())

    def itf(term: str) -> float:
        return math.log(1.0 + n_top / max(1, spread[term])) / math.log(1.0 + n_top)

    top_lex: dict[str, list[tuple[str, float]]] = {}
    for code, table in top_terms.items():
        for term, weights in table.items():
            top_lex.setdefault(term, []).append((code, _accumulate(weights) * itf(term)))
    cues = _read_json("topics_cues.json")["cues"]
    assert isinstance(cues, dict)
    for code, table in cues.items():
        for cue, weight in table.items():
            term = " ".join(_tokens(str(cue)))
            if term and float(weight) > 0:
                entries = top_lex.setdefault(term, [])
                merged = [(c, w) for c, w in entries if c != code]
                existing = sum(w for c, w in entries if c == code)
                merged.append((str(code), max(existing, CUE_SCALE * float(weight))))
                top_lex[term] = merged
    second_lex: dict[str, list[tuple[str, float]]] = {}
    for code, table in second_terms.items():
        for term, weights in table.items():
            second_lex.setdefault(term, []).append((code, _accumulate(weights) * itf(term)))
    max_n = max(len(term.split()) for term in [*top_lex, *second_lex])
    return _Lexicons(
        concepts,
        {term: _encode(entries) for term, entries in sorted(top_lex.items())},
        {term: _encode(entries) for term, entries in sorted(second_lex.items())},
        min(max_n, 3),
    )


COMPILED = "topics_lexicon.json"
_SOURCES = ("topics_mediatopic.json", "topics_cues.json")


def source_digest() -> str:
    """Fingerprint of the vocabulary, the cues and the lexicon parameters the compiled file was built from."""
    digest = hashlib.sha256()
    for name in _SOURCES:
        digest.update(resources.files("article_pipeline").joinpath(f"data/{name}").read_bytes())
    parameters = (
        LABEL_PHRASE,
        LABEL_WORD,
        DEFINITION_WORD,
        DEFINITION_MAX_LEVEL,
        DEPTH_DECAY,
        REPEAT_BONUS,
        ING_MIN_LENGTH,
    )
    digest.update(
        repr((parameters, MAX_TERM_WEIGHT, CUE_SCALE, sorted(_FUNCTION), sorted(_GENERIC))).encode()
    )
    return digest.hexdigest()


def compiled_payload(lex: _Lexicons) -> dict[str, object]:
    """The lexicons as JSON-ready data (written by scripts/build_topics_data.py)."""
    return {
        "about": "Compiled from topics_mediatopic.json (IPTC Media Topics, CC BY 4.0, (c) IPTC) and "
        "topics_cues.json by scripts/build_topics_data.py; do not edit by hand.",
        "digest": source_digest(),
        "max_n": lex.max_n,
        "concepts": {c.code: [c.label, c.parent, c.level, c.top, c.second] for c in lex.concepts.values()},
        "top": lex.top,
        "second": lex.second,
    }


def _load_compiled() -> _Lexicons | None:
    path = resources.files("article_pipeline").joinpath(f"data/{COMPILED}")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("digest") != source_digest():
        return None  # stale: the sources or parameters changed since it was compiled
    concepts = {
        code: _Concept(code, str(v[0]), str(v[1]), int(v[2]), str(v[3]), str(v[4]))
        for code, v in data["concepts"].items()
    }
    return _Lexicons(concepts, data["top"], data["second"], int(data["max_n"]))


@cache
def _lexicons() -> _Lexicons:
    """The compiled lexicons (a few ms to load) or, when that file is missing or stale, a fresh build."""
    return _load_compiled() or build_lexicons()


@cache
def _phrase_lengths() -> dict[str, tuple[int, ...]]:
    """First word of every multi-word lexicon term -> the term lengths it starts, longest first."""
    lex = _lexicons()
    lengths: dict[str, set[int]] = {}
    for term in (*lex.top, *lex.second):
        words = term.split(" ")
        if len(words) > 1:
            lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(counts, reverse=True)) for word, counts in lengths.items()}


@cache
def _term_words() -> frozenset[str]:
    """Every single-word term and every first word of a phrase term (of the lexicons in use)."""
    lex = _lexicons()
    return frozenset((*lex.top, *lex.second, *_phrase_lengths()))


def _term_counts(tokens: list[str], lex: _Lexicons) -> Counter[str]:
    """Lexicon terms in the text by greedy longest match: a matched phrase consumes its words, so
    "European Union" counts as that phrase and not also as "union" (a labour word)."""
    counts: dict[str, int] = {}
    top, second = lex.top, lex.second
    lengths_from = _phrase_lengths().get
    n_tokens = len(tokens)
    resume = 0
    # Only words that are terms or start one can count: the others are skipped at C speed.
    for i in compress(range(n_tokens), map(_term_words().__contains__, tokens)):
        if i < resume:
            continue  # inside a phrase counted before
        word = tokens[i]
        step = 1
        for n in lengths_from(word, ()):
            if i + n <= n_tokens:
                term = " ".join(tokens[i : i + n])
                if term in top or term in second:
                    counts[term] = counts.get(term, 0) + 1
                    step = n
                    break
        else:
            if word in top or word in second:
                counts[word] = counts.get(word, 0) + 1
        resume = i + step
    return Counter(counts)


@dataclass(frozen=True)
class TopicScores:
    top: dict[str, float]
    second: dict[str, float]
    second_terms: dict[str, int]


def score_text(article: Document | str, *, title: str | None = None) -> TopicScores:
    """Scores in [0, 1) for every top-level topic and second-level concept with any evidence."""
    lex = _lexicons()
    body_tokens = _document_tokens(article) if isinstance(article, Document) else _tokens(article or "")
    title_tokens = _tokens(title or "")
    counts = _term_counts(body_tokens, lex)
    title_counts = _term_counts(title_tokens, lex)
    norm = math.sqrt(max(1.0, len(body_tokens) / 100.0))
    raw_top: dict[str, float] = {}
    raw_second: dict[str, float] = {}
    second_hits: dict[str, int] = {}  # a plain dict: Counter's += calls a Python __missing__ per new code
    top_get, second_get = raw_top.get, raw_second.get
    for term in counts.keys() | title_counts.keys():
        top_entries = lex.top.get(term)
        second_entries = lex.second.get(term)
        if not top_entries and not second_entries:
            continue
        count = counts.get(term, 0)
        tf = (1.0 + math.log(count) if count else 0.0) + TITLE_BOOST * min(1, title_counts.get(term, 0))
        for code, weight in _decode(top_entries) if top_entries else ():
            raw_top[code] = top_get(code, 0.0) + tf * weight
        for code, weight in _decode(second_entries) if second_entries else ():
            raw_second[code] = second_get(code, 0.0) + tf * weight
            second_hits[code] = second_hits.get(code, 0) + 1
    top = {code: 1.0 - math.exp(-value / norm / SCALE) for code, value in raw_top.items() if value > 0}
    second = {
        code: 1.0 - math.exp(-value / norm / SUB_SCALE) for code, value in raw_second.items() if value > 0
    }
    return TopicScores(top, second, second_hits)


def _second_level(scores: TopicScores, emitted: list[str], lex: _Lexicons) -> list[Topic]:
    """The one clearly best second-level concept under each emitted top-level topic, if any."""
    by_top: dict[str, list[tuple[float, str]]] = {}
    for code, score in scores.second.items():
        concept = lex.concepts.get(code)
        if concept is not None and concept.top in emitted:
            by_top.setdefault(concept.top, []).append((score, code))
    found: list[Topic] = []
    for top_code in emitted:
        ranked = sorted(by_top.get(top_code, []), reverse=True)
        if not ranked:
            continue
        score, code = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if score < SUB_THRESHOLD or scores.second_terms.get(code, 0) < SUB_MIN_TERMS:
            continue
        if score < SUB_MARGIN * runner_up:
            continue  # two sibling concepts about equally likely: not confident
        found.append(
            Topic(code=f"medtop:{code}", label=lex.concepts[code].label, score=round(min(score, 1.0), 3))
        )
    return found[:MAX_SUB]


def label_of(code: str) -> str | None:
    """IPTC's English label of a Media Topic code ("medtop:11000000" or "11000000")."""
    concept = _lexicons().concepts.get(code.removeprefix("medtop:"))
    return concept.label if concept else None


def classify_topics(
    article: Document | str,
    *,
    title: str | None = None,
    include_second_level: bool = True,
    language: str | None = None,
) -> list[Topic]:
    """IPTC Media Topics of an English article (its document, or a text): 1-3 top-level topics, then confident
    second-level concepts.

    ``language`` (ISO 639-1) is detected when not given; pass the pipeline's value to save ~0.7 ms.
    """
    scores = score_text(article, title=title)
    text = article.text if isinstance(article, Document) else article
    if not scores.top:
        return []
    ranked = sorted(scores.top.items(), key=lambda item: (-item[1], item[0]))
    best = ranked[0][1]
    if best < MIN_SIGNAL:
        return []
    lex = _lexicons()
    chosen = [(code, score) for code, score in ranked if score >= THRESHOLD and score >= RELATIVE * best]
    if not chosen and (language or _detect_language(text)) == "en":
        # Some signal but nothing above the threshold: the best topic still describes the text. Not for
        # other languages: there the English lexicons only meet loan words and names.
        chosen = [ranked[0]]
    chosen = chosen[:MAX_TOP]
    topics = [
        Topic(code=f"medtop:{code}", label=lex.concepts[code].label, score=round(min(score, 1.0), 3))
        for code, score in chosen
    ]
    if include_second_level:
        topics.extend(_second_level(scores, [code for code, _ in chosen], lex))
    return topics
