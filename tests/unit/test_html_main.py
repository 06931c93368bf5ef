# ruff: noqa: RUF001  # Cyrillic letters and full-width commas are the test data
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline.html_main import HtmlArticle, extract

PARAGRAPHS = [
    "Kazakhstan and the European Union opened negotiations on visa facilitation on Tuesday, officials said.",
    "The talks, held in Brussels, cover short-stay visas for students, researchers and business travellers.",
    "A second round is planned in Astana next spring, when both sides expect to agree on the fees, the diplomats said.",
    "Trade between the two reached a record last year, driven by oil, metals and, increasingly, grain exports.",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
NAV = '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>'
SIDEBAR = (
    '<div class="sidebar"><h3>Most read</h3><ul>'
    + "".join(f'<li><a href="/s{i}">Another story about the markets, number {i}</a></li>' for i in range(8))
    + "</ul></div>"
)
COMMENTS = (
    '<div id="comments"><p>Great article, thanks for sharing this with us, really, I mean it.</p>'
    "<p>I disagree with everything here, and I have said so, at length, before.</p></div>"
)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_article_container_beats_navigation_sidebar_and_comments() -> None:
    # GIVEN a page with navigation, a sidebar of links and reader comments around the article
    html = page(
        NAV + SIDEBAR + f'<div class="story-body">{ARTICLE}</div>' + COMMENTS + "<footer>© Example</footer>"
    )
    # WHEN it is extracted
    result = extract(html)
    # THEN the article's paragraphs, and only they, are the text, and the extractor is confident
    assert result.text == "\n\n".join(PARAGRAPHS)
    assert result.confident


def test_paragraphs_are_separated_by_blank_lines_and_br_is_a_line_break() -> None:
    # GIVEN an article whose last paragraph holds a line break
    html = page(f"<article>{ARTICLE}<p>First line of the address,<br>second line of it.</p></article>")
    # WHEN it is extracted
    text = extract(html).text
    # THEN blocks are separated by a blank line and the <br> by a newline
    assert text.split("\n\n")[:4] == PARAGRAPHS
    assert text.endswith("First line of the address,\nsecond line of it.")


def test_link_heavy_blocks_inside_the_article_are_dropped() -> None:
    # GIVEN an article with a block of related links and a link-only paragraph inside it
    related = (
        "<div>"
        + "".join(f'<p><a href="/r{i}">Related headline number {i}</a></p>' for i in range(5))
        + "</div>"
    )
    html = page(
        f'<div class="article-body">{ARTICLE}{related}<p><a href="/x">Read the full report here</a></p></div>'
    )
    # WHEN it is extracted
    text = extract(html).text
    # THEN only the article's own paragraphs remain
    assert text == "\n\n".join(PARAGRAPHS)


def test_boilerplate_lines_are_dropped() -> None:
    # GIVEN an article with share and subscribe lines between its paragraphs
    body = f"<article><p>Share this article</p>{ARTICLE}<p>Advertisement</p><p>Subscribe to our newsletter</p></article>"
    # WHEN it is extracted
    text = extract(page(body)).text
    # THEN those lines are gone
    assert text == "\n\n".join(PARAGRAPHS)


def test_paywall_notices_and_page_stamps_are_dropped_in_several_languages() -> None:
    # GIVEN an article whose container also holds a paywall notice, a login prompt, update stamps, a view counter
    # and an ad label between dashes, in English, German and French
    furniture = [
        "To view the full story, please subscribe to The Daily Record.",
        "If you are seeing this message but you are already a subscriber, please log in.",
        "Sie sind bereits Abonnent? Hier anmelden.",
        "Déjà abonné ? Connectez-vous pour lire la suite.",
        "Aktualisiert am 3. Mai 2024",
        "Updated 10:42 GMT",
        "Views: 1,204",
        "- Anzeige -",
    ]
    body = "<article>" + "".join(f"<p>{line}</p>" for line in [PARAGRAPHS[0], *furniture, *PARAGRAPHS[1:]])
    # WHEN it is extracted
    text = extract(page(body + "</article>")).text
    # THEN only the story's paragraphs are left
    assert text == "\n\n".join(PARAGRAPHS)


def test_a_paragraph_about_subscriptions_is_not_a_paywall_notice() -> None:
    # GIVEN a story paragraph that talks about subscribers
    story = "Netflix said it gained 9 million subscribers in the quarter, more than analysts had expected, on Tuesday."
    body = "<article>" + "".join(f"<p>{line}</p>" for line in [*PARAGRAPHS, story]) + "</article>"
    # WHEN it is extracted / THEN it is kept
    assert extract(page(body)).text.endswith(story)


def test_json_ld_article_body_points_at_the_container() -> None:
    # GIVEN a page whose article sits in an unnamed div beside a longer, comma-rich unrelated block, and whose
    # JSON-LD carries the article body
    decoy = (
        "<div><div>"
        + "".join(f"<p>{p[::-1]}, and more, and more, and more.</p>" for p in PARAGRAPHS * 2)
        + "</div></div>"
    )
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": " ".join(PARAGRAPHS)}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    html = page(decoy + f"<div><div>{ARTICLE}</div></div>", head)
    # WHEN it is extracted
    result = extract(html)
    # THEN the text is the block holding the JSON-LD body
    assert result.text == "\n\n".join(PARAGRAPHS)
    assert result.confident


def test_itemprop_article_body_is_a_strong_hint() -> None:
    # GIVEN a page marking its article body with itemprop, beside a block that would score higher
    decoy = "<div>" + "".join(f"<p>{p}, and again, and again.</p>" for p in PARAGRAPHS * 3) + "</div>"
    html = page(decoy + f'<div itemprop="articleBody">{ARTICLE}</div>')
    # WHEN it is extracted
    # THEN the marked block is the text
    assert extract(html).text == "\n\n".join(PARAGRAPHS)


def test_metadata_precedence() -> None:
    # GIVEN a page with the same fields in several places
    ld = {
        "@type": "NewsArticle",
        "headline": "JSON-LD headline",
        "datePublished": "2025-12-01T09:00:00+05:00",
        "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "John Roe"}],
        "publisher": {"@type": "Organization", "name": "Example News"},
    }
    head = (
        "<title>Visa talks open | Example News</title>"
        '<meta property="og:title" content="Visa talks open">'
        '<meta property="article:published_time" content="2025-12-02T10:00:00Z">'
        '<meta name="description" content="Talks on visas began.">'
        '<link rel="canonical" href="https://example.com/visa-talks">'
        '<meta property="og:url" content="https://example.com/visa-talks?utm=1">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    # WHEN it is extracted
    result = extract(page(f"<article><h1>Visa talks open</h1>{ARTICLE}</article>", head))
    # THEN og:title, article:published_time, JSON-LD author and publisher, the canonical link win
    assert result.title == "Visa talks open"
    assert result.published == "2025-12-02"
    assert result.author == "Jane Doe, John Roe"
    assert result.sitename == "Example News"
    assert result.url == "https://example.com/visa-talks"
    assert result.description == "Talks on visas began."


def test_title_falls_back_to_the_title_tag_without_the_site_suffix() -> None:
    # GIVEN a page with only a <title> and og:site_name, and a byline and date in its markup
    head = (
        '<title>Visa talks open - Example News</title><meta property="og:site_name" content="Example News">'
    )
    body = f'<article><span class="byline">By Jane Doe</span><span class="date">December 2, 2025</span>{ARTICLE}</article>'
    # WHEN it is extracted
    result = extract(page(body, head))
    # THEN the title drops the site's name, and the byline and the written date are read
    assert result.title == "Visa talks open"
    assert result.author == "Jane Doe"
    assert result.published == "2025-12-02"


def test_a_utc_timestamp_a_day_off_the_url_date_gives_the_url_date() -> None:
    # GIVEN an evening story (US time) stamped in UTC after midnight, with the local day in its URL
    head = (
        '<meta property="article:published_time" content="2019-11-20T02:59:46Z">'
        '<link rel="canonical" href="https://example.com/2019/11/19/late-game-report/">'
    )
    # WHEN it is extracted
    # THEN the publisher's own day is the date
    assert extract(page(f"<article>{ARTICLE}</article>", head)).published == "2019-11-19"


def test_malformed_and_truncated_html_does_not_crash() -> None:
    # GIVEN unclosed tags, a page cut in the middle of a tag and stray closing tags
    cases = [
        f"<html><body><div><p>{PARAGRAPHS[0]}<p>{PARAGRAPHS[1]}<div><p>{PARAGRAPHS[2]}",
        f"<html><body><article>{ARTICLE}</article><div class=",
        "</div></p></body><p>" + PARAGRAPHS[0] + "</span></html></html>",
        '<script type="application/ld+json">{"@type": "Article", "articleBody": [1, {</script><p>x</p>',
    ]
    for html in cases:
        # WHEN each is extracted
        result = extract(html)
        # THEN a result comes back, with the paragraphs that were there
        assert isinstance(result, HtmlArticle)
    assert PARAGRAPHS[2] in extract(cases[0]).text


def test_empty_page_gives_no_text() -> None:
    # GIVEN pages with no text at all
    for html in ("", "   ", "<html></html>", page("<script>var a = 1;</script><div></div>")):
        # WHEN each is extracted
        result = extract(html)
        # THEN the text is empty and the extractor is not confident
        assert result.text == ""
        assert not result.confident


def test_non_english_page_is_kept_intact() -> None:
    # GIVEN a Russian and a Chinese article
    russian = [
        "Казахстан и Европейский союз начали переговоры об упрощении визового режима, сообщили в МИД.",
        "Следующий раунд пройдёт в Астане весной, когда стороны, как ожидается, согласуют сборы.",
        "Товарооборот между ними в прошлом году достиг рекорда, прежде всего за счёт нефти и металлов.",
    ]
    chinese = [
        "哈萨克斯坦与欧盟周二启动了签证便利化谈判，双方官员表示，谈判进展顺利，预计明年春季达成协议。" * 2,
        "下一轮谈判将于明年春天在阿斯塔纳举行，届时双方预计将就签证费用、办理时限和适用人群达成一致。" * 2,
    ]
    for paragraphs in (russian, chinese):
        html = page(NAV + "<main><div>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></main>")
        # WHEN it is extracted
        # THEN its paragraphs come back unchanged
        assert extract(html).text == "\n\n".join(paragraphs)


def test_short_page_is_not_confident() -> None:
    # GIVEN a page with a single short paragraph
    html = page("<div><p>Only a short note about the talks, nothing more.</p></div>")
    # WHEN it is extracted
    # THEN the extractor says it is not sure (the caller falls back)
    assert not extract(html).confident


SOUP = [
    "<p>", "</p>", "<div class='article'>", "</div>", "<br>", "<a href='x'>", "</a>", "<script>", "<!--", "-->",
    "<meta property='og:title' content='T'>", "<time datetime='2025-13-45'>", "&amp;", "&#0;", "\x00", "<li>",
    '<script type="application/ld+json">{"@type":"Article","author":{"name":[', "<table><tr><td>",
]  # fmt: skip
HTMLISH = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(SOUP),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=2000), HTMLISH))
def test_arbitrary_input_never_raises(html: str) -> None:
    # GIVEN any text or HTML-like soup
    # WHEN it is extracted
    result = extract(html)
    # THEN an article comes back, its text free of the <br> marker and never confident without text
    assert isinstance(result, HtmlArticle)
    assert "\ue000" not in result.text
    assert result.text or not result.confident


def test_json_ld_author_by_reference_is_resolved_and_a_newsroom_is_not_an_author() -> None:
    # GIVEN a JSON-LD graph whose article names its author by @id, and another whose author is an Organization
    graph = {
        "@graph": [
            {"@type": "Article", "author": {"@id": "#jane"}, "publisher": {"@id": "#org"}},
            {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
            {"@type": "Organization", "@id": "#org", "name": "Example News"},
        ]
    }
    newsroom = {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Example Wire"}}

    def with_ld(ld: object) -> HtmlArticle:
        return extract(
            page(
                f"<article>{ARTICLE}</article>",
                f'<script type="application/ld+json">{json.dumps(ld)}</script>',
            )
        )

    # WHEN they are extracted
    by_reference, by_newsroom = with_ld(graph), with_ld(newsroom)
    # THEN the referenced person is the author and the publisher the site; a newsroom is no author
    assert (by_reference.author, by_reference.sitename) == ("Jane Doe", "Example News")
    assert by_newsroom.author is None


def test_a_date_in_the_url_slug_and_a_meta_value_attribute_are_read() -> None:
    # GIVEN a page whose only date is in its canonical slug, and whose site handle is in a value= attribute
    head = (
        '<link rel="canonical" href="https://example.com/news/talks-key-moments-2019-11-19/">'
        '<meta name="twitter:site" value="@examplenews">'
    )
    # WHEN it is extracted
    result = extract(page(f"<article>{ARTICLE}</article>", head))
    # THEN the slug's date is the published date and the handle names the site
    assert (result.published, result.sitename) == ("2019-11-19", "examplenews")


def test_a_data_table_gives_one_line_per_row_and_a_layout_table_its_paragraphs() -> None:
    # GIVEN an article with a results table, and an old page laid out in a table
    rows = "<tr><th>Pos.</th><th>Driver</th></tr><tr><td>1</td><td>Kyle Busch</td></tr>"
    with_data = page(f"<article>{ARTICLE}<table>{rows}</table></article>")
    layout = page(f"<table><tr><td><a href='/'>Home</a></td><td>{ARTICLE}</td></tr></table>")
    # WHEN they are extracted
    # THEN the data rows are lines with their cells, and the layout table yields the article's paragraphs
    assert extract(with_data).text.endswith("| Pos. | Driver |\n\n| 1 | Kyle Busch |")
    assert extract(layout).text == "\n\n".join(PARAGRAPHS)
