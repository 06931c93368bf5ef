# ruff: noqa: RUF001  # typographic apostrophes are part of what the English grammar cuts
"""English articles are read once, into the same document model as every other language (issue 15, item 1).

The English pack selects its token grammar (``segmentation: english``); every English stage reads that one
document: entities take its tokens, topics and tone its words, key phrases its tokens.
"""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.models import Source
from article_pipeline.pipeline import document as document_module
from article_pipeline.pipeline import process
from article_pipeline.pipeline.document import build_document
from article_pipeline.pipeline.entities import extract_entities
from article_pipeline.pipeline.summarize import _KEY_TOKEN, _document_surfaces
from article_pipeline.pipeline.topics import _document_tokens, _tokens

_ARTICLE = (
    "WASHINGTON (AP) — Sen. Maria Alvarez's office said the U.S. Department of Energy will spend $2.5 billion.\n\n"
    "Christopher L. Tays, 45, of AT&T told reporters the 13-inch model isn’t ready. “We’re close,” he said."
)


def test_the_english_grammar_keeps_acronyms_titles_and_possessives_apart() -> None:
    # GIVEN an English article with an acronym written with dots, a title with its dot, a possessive, a
    # middle initial, a name with an ampersand and contractions
    # WHEN its document is built
    words = [token.text for token in build_document(_ARTICLE, "en").tokens]
    # THEN each is one token, and the possessive is a token of its own
    for token in ("U.S.", "Sen.", "L.", "AT&T", "isn’t", "We’re", "Alvarez", "'s"):
        assert token in words
    assert "Alvarez's" not in words


def test_other_languages_keep_the_generic_grammar() -> None:
    # GIVEN a French sentence with an elision and a dotted abbreviation
    # WHEN its document is built
    words = [token.text for token in build_document("M. Macron a vu l'Assemblée.", "fr").tokens]
    # THEN the elision is split off and the abbreviation's dot is its own token
    assert words[:2] == ["M", "."]
    assert "l'" in words and "Assemblée" in words


def test_entities_of_a_document_are_those_of_its_text() -> None:
    # GIVEN an English article and its document
    document = build_document(_ARTICLE, "en")
    # WHEN entities are extracted from each
    from_document, from_text = extract_entities(document), extract_entities(_ARTICLE)
    # THEN they are the same, and the names are found
    assert from_document == from_text
    assert "Christopher L. Tays" in [person.name for person in from_document.people]


_PIECES = st.sampled_from(
    ["Word", "word", "U.S.", "Mr.", "6million", "23-year-old", "449,000", "1 000", "it's", "Kallas's", "AT&T",
     "PFF_Browns", "93.2", "e.g.", "—", "-", "'", "’", " ", " ", "\n", ".", ",", "(", ")", "中文", "5G"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_topic_terms_of_the_document_are_the_texts(text: str) -> None:
    # GIVEN any English text
    # WHEN the topic terms are read from its document and from the text
    # THEN they are the same terms, cut as the topic lexicon's phrases are
    assert _document_tokens(build_document(text, "en")) == _tokens(text)


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_key_phrase_tokens_of_the_document_are_the_texts(text: str) -> None:
    # GIVEN any English text
    # WHEN key-phrase tokens are read from its document and from the text
    # THEN they are the same
    assert _document_surfaces(build_document(text, "en")) == _KEY_TOKEN.findall(text)


def test_an_english_article_is_read_into_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a counter on the document builder
    calls: list[str] = []
    real = document_module.build_document

    def counting(text: str, language: str, pack: object = None) -> object:
        calls.append(language)
        return real(text, language)

    monkeypatch.setattr(process, "build_document", counting)
    monkeypatch.setattr("article_pipeline.pipeline.entities.build_document", counting)
    # WHEN an English article is processed
    record = process.process_article(_ARTICLE.encode(), Source(bucket="b", key="incoming/a.txt"))
    # THEN its text was read into a document once, and every fact came from it
    assert record.language == "en"
    assert calls == ["en"]
    assert record.people and record.organizations and record.money and record.keywords


def test_the_tables_are_frozen_after_an_article() -> None:
    # GIVEN a processed article
    process.process_article(_ARTICLE.encode(), Source(bucket="b", key="incoming/a.txt"))
    # WHEN the collector is asked what it no longer walks
    # THEN the tables loaded for it are out of its reach
    assert gc.get_freeze_count() > 0


def test_english_sentences_end_where_the_text_ends_them() -> None:
    # GIVEN a month abbreviation before a day, an index code written on its dot and an ellipsis
    text = (
        "The vote is on Dec. 1 in Paris. The Dow Jones Industrial Average .DJI fell. All... Then it rained."
    )
    # WHEN the English document is built
    document = build_document(text, "en")
    sentences = [document.sentence_text(i) for i in range(len(document.sentences))]
    # THEN none of them ends a sentence: four sentences, as written
    assert sentences == [
        "The vote is on Dec. 1 in Paris.",
        "The Dow Jones Industrial Average .DJI fell.",
        "All...",
        "Then it rained.",
    ]
