"""Keywords and an extractive summary (pure Python, no model, no downloads).

Sentences: split after ``.``, ``!`` or ``?`` (and closing quotes/brackets) before a capital letter,
digit-free opening quote or a new paragraph, except after known abbreviations ("Dec.", "Mr.", "Gov.",
"U.S.", "Inc.") and single-letter initials ("Mark M. Milley"). Lines without final punctuation
(subheadings, captions) are their own units and are not used in summaries.

Summary: each sentence is scored by term centrality (mean document frequency of its content words,
so sentences about what the whole article is about win) times a lead bias (``1 / (1 + 0.3 * i)``:
news puts the essentials first); very short and very long sentences are penalised. The best
``max_sentences`` sentences are returned in their original order, capped at ``MAX_SUMMARY_CHARS``
(1200) characters (cut at a word with an ellipsis: some uploads have no sentence ends at all).

Keywords: RAKE-style candidate runs (1-5 words between stopwords, punctuation and lower-case past
forms such as "approved"); every 1-3 word sub-phrase of a run is a candidate, scored
``count ** 0.8 * sum(frequency of its words)`` (= length x mean word frequency: repeated multi-word
phrases win). A phrase that repeats words of a better one is skipped. The lower-case surface form is
kept when the phrase is ever written mid-sentence ("visa facilitation", "European Union").

Article keywords (``article_keywords``, what an English record carries): the entity stage's four most
mentioned names first (not a wire service in a credit line), then the key phrases above that are not a
form of those names, a generic news noun alone ("company", "state"), a demonym alone or a score ("7-6"),
seven terms in all (the gold annotates 5-8; counts chosen on the English dev gold's tune split).
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from functools import partial
from itertools import chain, compress, pairwise, repeat

from article_pipeline.pipeline.document import Document
from article_pipeline.pipeline.gazetteer import is_demonym
from article_pipeline.pipeline.langpack import english
from article_pipeline.pipeline.memo import memoized

_EN = english()
_ABBREVIATIONS = _EN.words("abbreviations")

_STOPWORDS = _EN.words("stopwords")

# The next sentence opens with a capital of Latin (accented ones too: "Álvarez said"), Greek or Cyrillic, or a digit.
_SENTENCE_END = re.compile(
    r"[.!?]+[\"\u201d\u2019')\]]*(?=\s+[\"\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0400-\u042f])"
)
# Letters of any script ([^\W\d_]), not ASCII only: an English article names José Álvarez and Málaga too.
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-]+[^\W\d_]+)*")


MAX_SUMMARY_CHARS = 1200
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")
_OTHER_LINE_BREAKS = ("\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85")
_DOTTED_LETTERS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s", "e.g" before their final dot

# Stopwords that start place and organisation names when capitalised ("New York", "The Hague" is not).
_NAME_PARTS = _EN.words("name_stopwords")


def split_sentences(text: str) -> list[str]:
    """Sentences and stand-alone lines of ``text`` in order."""
    sentences: list[str] = []
    text = text or ""
    # Without other line separators, splitting at "\n" gives the same paragraphs (empty ones are skipped).
    exotic = any(separator in text for separator in _OTHER_LINE_BREAKS)
    for raw in _LINE_BREAKS.split(text) if exotic else text.split("\n"):
        paragraph = " ".join(raw.split())
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            before = paragraph[start : match.start()].rsplit(None, 1)  # only its last word matters
            last = before[-1] if before else ""
            stem = last.lower().rstrip(".").lstrip('("“')
            if match.group().startswith(".") and (
                stem in _ABBREVIATIONS
                or (len(stem) == 1 and stem.isalpha())
                or _DOTTED_LETTERS.fullmatch(stem)
            ):
                continue
            sentences.append(paragraph[start : match.end()].strip())
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


@memoized(1 << 15)
def _content_form(word: str) -> str:
    """The word in lower case, or "" for a stopword or a word of one or two letters."""
    lower = word.lower()
    return lower if lower not in _STOPWORDS and len(lower) > 2 else ""


def _content_words(sentence: str) -> list[str]:
    # The curly and the straight apostrophe play the same part in _WORD, so replacing before matching finds the same words.
    return list(filter(None, map(_content_form, _WORD.findall(sentence.replace("\u2019", "'")))))


def summarize(text: str, *, max_sentences: int = 3) -> str:
    """An extractive summary: the ``max_sentences`` best sentences in their original order."""
    sentences = split_sentences(text)
    if not sentences or max_sentences <= 0:
        return ""
    words = [_content_words(s) for s in sentences]
    frequency = Counter(chain.from_iterable(map(set, words)))
    document_frequency = frequency.__getitem__
    scored: list[tuple[float, int]] = []
    for index, (sentence, content) in enumerate(zip(sentences, words, strict=True)):
        length = len(sentence.split())
        if not content or sentence[-1] not in ".!?\"\u201d\u2019')" or length < 6:
            continue
        centrality = sum(map(document_frequency, content)) / (len(content) + 3)
        shape = 1.0 if 10 <= length <= 45 else 0.7
        scored.append((centrality * shape / (1.0 + 0.3 * index), index))
    if not scored:
        return _cap(sentences[:max_sentences])
    chosen = sorted(index for _, index in sorted(scored, reverse=True)[:max_sentences])
    return _cap([sentences[i] for i in chosen])


def _cap(sentences: list[str]) -> str:
    """At most ``MAX_SUMMARY_CHARS``: whole sentences are dropped from the end first; a single sentence
    that is still too long is cut at a word boundary with an ellipsis (texts without sentence ends)."""
    while len(sentences) > 1 and len(" ".join(sentences)) > MAX_SUMMARY_CHARS:
        sentences = sentences[:-1]
    summary = " ".join(sentences)
    if len(summary) <= MAX_SUMMARY_CHARS:
        return summary
    cut = summary[: MAX_SUMMARY_CHARS - 1]
    if " " in cut[MAX_SUMMARY_CHARS // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "\u2026"


# Words (with inner dots, apostrophes, hyphens and ampersands: "U.S.", "S&P", "787-9"), or any other
# single non-space character (punctuation breaks phrases).
_KEY_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019&-]+[^\W_]+)*(?:[\u2019']s\b)?|[^\w\s]|_")


@memoized(1 << 15)
def _key_token(raw: str) -> tuple[str, bool] | None:
    """``(token, possessive)`` for a token that can be part of a key phrase, None for one that breaks it.

    Cached: stopwords and punctuation make up half of every text, and names repeat.
    """
    possessive = raw.endswith(("'s", "\u2019s"))
    token = raw[:-2] if possessive else raw
    first = token[0]
    lower = token.lower()
    if (
        not first.isalnum()
        or first
        >= "\u3000"  # CJK, kana, hangul: a quoted foreign word in an English text is no English keyword
        or (lower in _STOPWORDS and not (first.isupper() and lower in _NAME_PARTS))
        or (len(token) < 3 and not token.isupper())
        or token.isdigit()
        or (first.islower() and len(token) > 5 and token.endswith("ed"))
    ):
        return None
    return token, possessive


def _document_surfaces(document: Document) -> list[str]:
    """The document's tokens as key phrases cut them (``_KEY_TOKEN``): a run of tokens written together
    ("Browns's", "13-inch", "PFF_Browns", "93.2") is cut again by that pattern, a lone word is taken as it is."""
    text = document.text
    surfaces: list[str] = []
    for start, end, alone in document.written_runs:
        if alone:
            surfaces.append(text[start:end])
        else:
            surfaces.extend(_KEY_TOKEN.findall(text, start, end))
    return surfaces


def _candidates(article: Document | str) -> list[list[str]]:
    """Runs of 1-5 content words between stopwords, punctuation and lower-case past forms."""
    phrases: list[list[str]] = []
    current: list[str] = []
    raw = _document_surfaces(article) if isinstance(article, Document) else _KEY_TOKEN.findall(article)
    for verdict in map(_key_token, raw):
        if verdict is None:
            if current:
                phrases.append(current)
                current = []
            continue
        token, possessive = verdict
        current.append(token)
        if possessive or len(current) == 5:
            phrases.append(current)
            current = []
    if current:
        phrases.append(current)
    return phrases


def _subphrase_counts(runs: list[list[str]]) -> Counter[tuple[str, ...]]:
    """How often each contiguous sub-phrase of 2-3 words of any run occurs: "public transport budget
    rises" also counts for "public transport budget" and "public transport" (single words are the word
    counts). The runs are laid end to end with a separator, so the pairs and triples of the whole text
    are counted at C speed; those that straddle two runs hold the separator and are dropped after."""
    flat: list[str | None] = []
    for run in runs:
        flat += run
        flat.append(None)
    counts: Counter[tuple[str | None, ...]] = Counter(pairwise(flat))
    counts.update(zip(flat, flat[1:], flat[2:], strict=False))
    return Counter({key: n for key, n in counts.items() if None not in key})  # type: ignore[misc]  # None filtered out


def _first_seen(keys: list[tuple[str, ...]], runs: list[list[str]]) -> dict[tuple[str, ...], tuple[int, int]]:
    """(run index, word index) where each key first occurs."""
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    for key in keys:
        by_first_word.setdefault(key[0], []).append(key)
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    for index, run in enumerate(runs):
        for i in compress(range(len(run)), map(by_first_word.__contains__, run)):
            for key in by_first_word[run[i]]:
                if key not in found and tuple(run[i : i + len(key)]) == key:
                    found[key] = (index, i)
                    if len(found) == len(keys):
                        return found
    return found


def keywords(article: Document | str, *, limit: int = 10) -> list[str]:
    """Up to ``limit`` key phrases of an English article (its document, or a text), best first."""
    text = article.text if isinstance(article, Document) else article
    if not text or limit <= 0:
        return []
    runs = _candidates(article)
    lowered_runs = [[w.lower() for w in run] for run in runs]
    word_freq = Counter(chain.from_iterable(lowered_runs))
    phrase_freq: dict[tuple[str, ...], int] = {(word,): count for word, count in word_freq.items()}
    phrase_freq.update(_subphrase_counts(lowered_runs))
    # score = count ** 0.8 * (sum of its words' frequencies), computed at C speed over all phrases
    keys = list(phrase_freq)
    word_weights = map(sum, map(partial(map, word_freq.__getitem__), keys))
    scores = map(operator.mul, map(pow, phrase_freq.values(), repeat(0.8)), word_weights)
    scored = list(scores)
    head = _ranking_head(scored, keys, limit)
    chosen = _disjoint(head, limit)
    if len(chosen) < limit and len(head) < len(keys):  # the head repeated words too often: rank all
        chosen = _disjoint(sorted(zip(map(operator.neg, scored), keys, strict=True)), limit)
    first_seen = _first_seen(chosen, lowered_runs)
    return [_surface(key, runs, first_seen[key], text) for key in chosen]


def _ranking_head(
    scores: list[float], keys: list[tuple[str, ...]], limit: int
) -> list[tuple[float, tuple[str, ...]]]:
    """``(-score, key)`` best first (ties by key) for the phrases scoring at least the ``4 * limit``-th
    best score: the head of the whole ranking, which is all ``_disjoint`` usually reads. Floats sort
    faster than the tuples, so the floor is found on the scores alone."""
    head = 4 * limit
    if len(scores) <= head:
        return sorted(zip(map(operator.neg, scores), keys, strict=True))
    floor = sorted(scores, reverse=True)[head - 1]
    return sorted((-score, key) for score, key in zip(scores, keys, strict=True) if score >= floor)


def _disjoint(ranked: list[tuple[float, tuple[str, ...]]], limit: int) -> list[tuple[str, ...]]:
    """The best phrases in order, skipping any that repeats a word of a better one."""
    chosen: list[tuple[str, ...]] = []
    used: set[str] = set()
    for _, key in ranked:
        if len(chosen) >= limit:
            break
        if not used.isdisjoint(key):
            continue
        chosen.append(key)
        used.update(key)
    return chosen


def _surface(key: tuple[str, ...], runs: list[list[str]], where: tuple[int, int], text: str) -> str:
    """The phrase as first written, in lower case when the text also writes it so mid-sentence."""
    index, start = where
    written = " ".join(runs[index][start : start + len(key)])
    lower = " ".join(key)
    if written != lower and written[0].isupper() and not written.isupper() and f" {lower}" in text:
        return lower
    return written


# Single words that are no index term on their own: the generic nouns of news copy.
_GENERIC_KEYWORDS = _EN.words("keyword_stop")
# Calendar words are when, not what: "March" from "KYIV, March 14" or "Dec" from "Dec. 3" tags nothing.
_DATE_WORDS = frozenset(
    (*_EN.table("months"), *_EN.table("weekdays"), *_EN.table("relative_days"), *_EN.ordered("day_parts"))
)
_SCORE_LIKE = re.compile(r"\d+[-\u2013]\d+")

#: Key phrases returned by :func:`article_keywords` and how many of them may be entity names.
ARTICLE_KEYWORDS = 7
KEYWORD_ENTITIES = 4
KEYWORD_ENTITY_MIN_MENTIONS = 1


def _nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one phrase's words occur as a contiguous run of the other's."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _ends_inside(phrase: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether the phrase stops part-way into the name: "defense secretary lloyd" into "lloyd austin"."""
    return any(phrase[-k:] == name[:k] for k in range(1, min(len(phrase), len(name))) if len(phrase) > k)


# News agencies named as the source of a wire story ("(Reuters) —"): a credit, not a subject.
_WIRE_SERVICES = _EN.words("dateline_agencies")


def article_keywords(
    article: Document | str,
    names: list[tuple[str, list[str], int]],
    *,
    limit: int = ARTICLE_KEYWORDS,
    max_names: int = KEYWORD_ENTITIES,
    min_mentions: int = KEYWORD_ENTITY_MIN_MENTIONS,
) -> list[str]:
    """Index terms an editor would tag: the most mentioned names first, then key phrases.

    ``names`` are the article's entities as (fullest name, other forms, mentions). Up to ``max_names``
    names with at least ``min_mentions`` mentions come first (most mentioned first; not a wire service
    credited as the source), then the best key phrases of :func:`keywords` that are not a form of one
    of those names or part of one, not a generic news noun alone ("company", "state"), not a demonym
    alone ("Chinese"), not a score ("7-6"), up to ``limit`` terms in all.
    """
    text = article.text if isinstance(article, Document) else article
    if not text or limit <= 0:
        return []
    chosen: list[str] = []
    keys: list[tuple[str, ...]] = []
    ranked = sorted(
        (
            (mentions, -i, name, forms)
            for i, (name, forms, mentions) in enumerate(names)
            if mentions >= min_mentions and name.lower() not in _WIRE_SERVICES
        ),
        reverse=True,
    )
    for _, _, name, forms in ranked:
        if len(chosen) >= min(limit, max_names):
            break
        key = tuple(name.lower().split())
        if key and not any(_nested(key, k) for k in keys):
            chosen.append(name)
            keys.append(key)
            keys.extend(tuple(f.lower().split()) for f in forms if f.strip())
    # Every form of every name, for phrases that run into a name and stop inside it (a title and a first name).
    multiword = {
        key
        for name, forms, _ in names
        for form in (name, *forms)
        if len(key := tuple(form.lower().split())) > 1
    }
    for phrase in keywords(article, limit=2 * limit):
        if len(chosen) >= limit:
            break
        key = tuple(phrase.lower().split())
        if not key or _SCORE_LIKE.fullmatch(phrase) or " ".join(key) in _WIRE_SERVICES:
            continue
        if len(key) > 1 and any(_ends_inside(key, name) for name in multiword):
            continue
        if len(key) == 1 and (key[0] in _GENERIC_KEYWORDS or is_demonym(phrase)):
            continue
        dated = [word.rstrip(".") in _DATE_WORDS for word in key]
        if any(dated) and all(d or word.isdigit() for d, word in zip(dated, key, strict=True)):
            continue
        if any(_nested(key, k) for k in keys):
            continue
        chosen.append(phrase)
        keys.append(key)
    return chosen
