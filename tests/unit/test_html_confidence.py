"""Issue 13: what html_main keeps on layouts unlike the benchmark's, the signals behind its confidence, the
trafilatura fallback that confidence decides, and the page's declared language as a detection hint."""

from __future__ import annotations

from typing import Any

import pytest

from article_pipeline.models import Source
from article_pipeline.pipeline import decode as decode_module
from article_pipeline.pipeline.decode import decode
from article_pipeline.pipeline.html_main import extract
from article_pipeline.pipeline.process import process_article

STORY = [
    "Die Stadt hat am Dienstag den Haushalt für das kommende Jahr beschlossen, nach langer Debatte im Rat.",
    "Mehr Geld fließt in Schulen, Radwege und den Nahverkehr, während bei der Verwaltung gespart wird.",
    "Die Opposition kritisierte die Pläne als zu zaghaft, stimmte aber den meisten Einzelposten zu.",
    "Der Kämmerer rechnet für das übernächste Jahr wieder mit einem Überschuss, sagte er nach der Sitzung.",
    "Bis dahin, so der Kämmerer, müsse die Stadt an vielen Stellen sparen, auch bei Kultur und Sport.",
]
BODY = "".join(f"<p>{p}</p>" for p in STORY)
LEAD = "Nach monatelangem Streit steht der Haushalt: Was die Stadt im kommenden Jahr ausgibt und wofür genau."


def page(body: str, head: str = "", lang: str | None = None) -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{attr}><head>{head}</head><body>{body}</body></html>"


def test_a_header_wrapping_the_whole_page_is_not_dropped_as_furniture() -> None:
    # GIVEN a theme whose <header> is never closed, so that it holds the article too
    html = page(
        f'<header class="site-header"><div class="logo">Stadtblatt</div><div class="entry">{BODY}</div>'
    )
    # WHEN it is extracted
    result = extract(html)
    # THEN the story is found inside the header
    assert "\n\n".join(STORY) in result.text


def test_a_small_header_is_still_dropped() -> None:
    # GIVEN a page header with a menu, beside the article
    html = page(
        "<header><p>Stadtblatt, die Zeitung für alle Bürgerinnen und Bürger der Stadt</p></header>" + BODY
    )
    # THEN the header's text is not in the extract
    assert "Zeitung für alle" not in extract(html).text


@pytest.mark.parametrize(
    "lead",
    [
        f'<header class="article-header"><h1>Haushalt</h1><p class="article-lead">{LEAD}</p></header>',
        f'<div class="teaser-text"><p>{LEAD}</p></div>',
        f'<h2 class="article--sub-headline">{LEAD}</h2>',
    ],
)
def test_the_lead_before_the_body_comes_back_first(lead: str) -> None:
    # GIVEN an article whose lead sits in its header, or in a block named for a teaser, before the body block
    html = page(f'<article>{lead}<div class="entry-content">{BODY}</div></article>')
    # WHEN it is extracted
    text = extract(html).text
    # THEN the lead opens the text and the body follows
    assert text.startswith(LEAD)
    assert text.endswith(STORY[-1])


def test_related_teasers_after_the_body_are_not_leads() -> None:
    # GIVEN teasers of other stories in a related block after the article
    related = '<div class="related">' + "".join(
        f'<div class="teaser"><a href="/s{i}">Andere Geschichte {i}</a><p class="teaser-text">{LEAD} {i}</p></div>'
        for i in range(3)
    )
    html = page(f'<article><div class="entry-content">{BODY}</div></article>{related}</div>')
    # THEN none of them is in the text
    assert LEAD not in extract(html).text


def test_soft_hyphens_are_not_text() -> None:
    html = page(
        "<article>"
        + BODY.replace("Haushalt", "Haus\u00adhalt").replace("Schulen", "Schu&shy;len")
        + "</article>"
    )
    text = extract(html).text
    assert "\u00ad" not in text
    assert "Haushalt" in text
    assert "Schulen" in text


@pytest.mark.parametrize(
    ("lang", "head", "expected"),
    [
        ("de-DE", "", "de"),
        ("fr", "", "fr"),
        (None, '<meta property="og:locale" content="es_ES">', "es"),
        (None, '<meta name="language" content="it">', "it"),
        ("x-klingon", "", None),
        (None, "", None),
    ],
)
def test_the_page_language_is_read_from_html_lang_or_its_meta(
    lang: str | None, head: str, expected: str | None
) -> None:
    assert extract(page(BODY, head=head, lang=lang)).language == expected


def test_signals_describe_the_extraction() -> None:
    # GIVEN the story beside a sidebar of links
    sidebar = '<div class="sidebar">' + "".join(
        f'<a href="/{i}">Meistgelesen Nummer {i}</a>' for i in range(9)
    )
    result = extract(page(f'<div class="story">{BODY}</div>{sidebar}</div>'))
    # THEN the signals say how much of the page's text was kept, in how many paragraphs, by a clear winner
    signals = result.signals or {}
    assert signals["paragraphs"] == len(STORY)
    assert 0 < signals["text_chars"] <= signals["page_chars"]
    assert signals["strong"] == 1.0
    assert result.confident


def _spy_fallback(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    calls: list[str] = []

    def fake(html: str) -> str:
        calls.append(html)
        return answer

    monkeypatch.setattr(decode_module, "_trafilatura", fake)
    return calls


def test_a_confident_page_never_runs_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy_fallback(monkeypatch, "should not be used")
    html = page(f"<article>{BODY}</article>", head="<title>Haushalt beschlossen</title>", lang="de")
    decoded = decode(html.encode(), key="a.html")
    assert calls == []
    assert "html: fallback extractor" not in decoded.notes
    assert decoded.text == "\n\n".join(STORY)
    assert decoded.language == "de"


def test_an_unsure_page_takes_trafilaturas_text_and_keeps_html_mains_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a page too short for a clear container (under the confident length)
    calls = _spy_fallback(monkeypatch, "Text from the fallback extractor.")
    html = page(f"<div><p>{STORY[0]}</p></div>", head="<title>Haushalt beschlossen</title>", lang="de")
    decoded = decode(html.encode(), key="a.html")
    # THEN trafilatura ran once, its text is used with the paragraph only html_main found put back before
    # it (the two are merged), and the title and language are html_main's
    assert len(calls) == 1
    assert decoded.text.split("\n") == [STORY[0], "Text from the fallback extractor."]
    assert "html: fallback extractor" in decoded.notes
    assert decoded.title == "Haushalt beschlossen"
    assert decoded.language == "de"


def test_an_empty_fallback_keeps_html_mains_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _spy_fallback(monkeypatch, "")
    decoded = decode(page(f"<div><p>{STORY[0]}</p></div>").encode(), key="a.html")
    assert decoded.text == STORY[0]


def test_the_real_fallback_returns_text() -> None:
    # trafilatura fast, without metadata, on a page of several paragraphs
    text = decode_module._trafilatura(page(f"<div><div>{BODY}</div></div>"))
    assert STORY[0] in text


def _process(html: str) -> Any:
    return process_article(
        html.encode(), Source(bucket="b", key="incoming/a.html"), processed_at="2000-01-01T00:00:00.000Z"
    )


def test_html_lang_decides_the_language_of_a_text_too_short_to_detect() -> None:
    # GIVEN a page whose text is a few words, declared German
    record = _process(page("<article><p>Haushalt beschlossen.</p></article>", lang="de-AT"))
    # THEN the record's language is the declared one
    assert record.status == "processed"
    assert record.language == "de"


def test_detection_wins_over_a_wrong_html_lang() -> None:
    # GIVEN a German story on a page that declares English (a theme's default)
    record = _process(page(f"<article>{BODY}</article>", lang="en"))
    assert record.language == "de"


PARTIAL_PAGE = page(
    f'<article class="story">{BODY}</article>'
    # more text outside the article block than in it, in a list of other stories' summaries
    + "<div><ul>"
    + "".join(f"<li>{p[::-1]} {p[::-1]}</li>" for p in STORY[:3])
    + "</ul></div>"
)


def test_a_clear_container_beside_more_text_than_it_holds_is_partial_not_confident() -> None:
    # GIVEN a named article block next to a list holding more text than it does
    result = extract(PARTIAL_PAGE)
    # THEN the article's text is kept, but html_main is not sure it is the whole story
    assert result.text == "\n\n".join(STORY)
    assert result.partial and not result.confident
    # and a page whose article block holds most of the text stays confident
    whole = extract(page(f'<article class="story">{BODY}</article>'))
    assert whole.confident and not whole.partial


def test_a_partial_page_keeps_its_text_and_takes_only_the_fallbacks_long_paragraphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a partial page, and a fallback that finds the story's first paragraph, a teaser line and a long
    # paragraph html_main left out
    extra = "Ein weiterer Absatz der Geschichte, " * 6
    calls = _spy_fallback(monkeypatch, f"{STORY[0]}\nMehr lesen: Der Haushalt im Überblick\n{extra.strip()}")
    decoded = decode(PARTIAL_PAGE.encode(), key="a.html")
    # THEN the fallback ran, html_main's paragraphs come first, the long paragraph is added after the one
    # both found, and the short teaser line is not
    assert len(calls) == 1
    assert decoded.text.split("\n\n") == [STORY[0], extra.strip(), *STORY[1:]]
