"""Main text and metadata of an HTML page, over lxml alone: the fast path of the decode stage.

One parse, then C-level removal of what is never article text (scripts, navigation, forms, asides,
figures), then a readability-style choice of the main container: every paragraph-like block scores its
ancestors (text length, commas), class and id words move a container up or down, link density scales it
down; ``itemprop=articleBody`` and a JSON-LD ``articleBody`` are strong hints. Inside the container,
link-heavy and negatively named blocks are dropped and the blocks' text is kept one paragraph per block.

:func:`extract` never raises on text input; ``confident`` says whether a clear container held enough text
(the caller falls back to a slower extractor otherwise).
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from article_pipeline.pipeline.memo import memoized


@dataclass(frozen=True)
class HtmlArticle:
    text: str = ""
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None
    url: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = (
        None  # ISO 639-1 from <html lang> or the page's language meta: a hint for detection
    )
    confident: bool = False
    partial: bool = False  # a clear container, but under 70% of the page's text outside links (not confident)
    signals: dict[str, float] | None = None  # what the confidence was decided on (see :func:`extract`)


# Never article text (removed with their content, keeping the text that follows them).
_DROP = (
    "script", "style", "noscript", "svg", "template", "iframe", "object", "embed", "canvas", "video", "audio",
    "map", "button", "input", "select", "textarea", "option", "label", "nav", "aside", "footer", "header",
    "menu", "dialog", "figure", "figcaption", "head", "link", "meta", "math",
)  # fmt: skip
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "center",
    ]
)
_LEAVES = frozenset(
    ["p", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "pre", "td", "th", "blockquote"]
)  # one paragraph each
_SCORED = frozenset(["p", "pre", "td", "div", "section", "article", "main", "blockquote"])
_CONTAINERS = ("div", "section", "ul", "ol", "table", "form", "dl", "blockquote")


class _Vocabulary:
    """Words looked for in lowercased class and id names: substring tests (C speed), a regex only for the rest."""

    def __init__(self, words: str, pattern: str | None = None) -> None:
        self.words = tuple(words.split())
        self.pattern = re.compile(pattern) if pattern else None

    def __call__(self, names: str) -> bool:
        return any(word in names for word in self.words) or bool(self.pattern and self.pattern.search(names))


# After readability's and trafilatura's vocabularies.
_UNLIKELY = _Vocabulary(
    "ad-break agegate banner breadcrumb combx community cookie disqus extra foot gdpr header legends masthead menu "
    "caption copyright modal newsletter outbrain pagination pager popup promo related remark replies rss share sharing shoutbox "
    "sidebar skyscraper social sponsor subscribe supplemental taboola toolbar tweet widget yom-remote "
    # the same furniture named in other languages (de, fr, es, it, pt, nl, pl, ru transliterated)
    "werbung verwandt teilen kommentar partage commentaire publicite compartir comentario publicidad "
    "relacionad condividi commenti correlat compartilh reclame reklama udostepnij kommentarii",
    r"(?:^|[\s_-])(?:ad|ads|adv|advert\w*)(?:$|[\s_-])|comment(?!ary)",
)
_MAYBE = _Vocabulary("and article body column content main shadow story text")
_POSITIVE = _Vocabulary("article body content entry hentry h-entry main page post text blog story")
_NEGATIVE = _Vocabulary(
    "-ad- hidden banner combx com- contact foot footnote gdpr masthead media meta outbrain promo related scroll "
    "share shoutbox sidebar skyscraper sponsor shopping tags tool widget byline author dateline caption credit "
    "newsletter subscribe recommend more- readmore read-more teaser autor verwandt aehnlich empfehl teilen "
    "partage auteur compartir relacionad",
    r"(?:^|\s)hid(?:\s|$)|comment(?!ary)",
)
_BOILERPLATE = re.compile(
    r"(?:advertisement|advertising|ad|sponsored|share|share this(?: article| story| post)?|tweet|email|print|"
    r"comments?|related(?: articles| stories| content| posts)?|read more|read next|more from .{0,40}|"
    r"recommended(?: for you)?|you may also like|sign up.{0,60}|subscribe.{0,60}|follow us.{0,40}|"
    r"click here.{0,40}|skip to .{0,30}|back to top|loading|continue reading(?: below)?|show comments|"
    r"(?:photo|image|picture) ?(?:credit|source)?:.{0,60})[.:!]?",
    re.IGNORECASE,
)
# Headings that open page furniture rather than the story, in the languages of the pages we see: a block or
# a sibling section that begins with one is left out. Lowercased, matched at the start of the block's text.
_FURNITURE_HEADINGS: dict[str, tuple[str, ...]] = {
    "en": ("related", "you may also like", "you might also like", "more from", "more on this", "read more",
           "read next", "read also", "about the author", "share this", "comments", "leave a reply",
           "leave a comment", "newsletter", "tags:", "photo gallery", "further information", "recommended",
           "most read", "most popular", "latest news", "this entry was posted", "missed the"),
    "de": ("über den autor", "über die autorin", "zum autor", "zur autorin", "verwandte artikel",
           "das könnte sie auch interessieren", "das könnte dich auch interessieren", "weiterführende",
           "weitere informationen", "weitere artikel", "weitere beiträge", "mehr zum thema", "mehr zu",
           "bildergalerie", "teilen", "artikel teilen", "den artikel", "kommentare", "ähnliche artikel",
           "ähnliche beiträge", "zum weiterlesen", "lesen sie auch", "lesen sie mehr", "auch interessant",
           "empfehlungen", "schlagworte", "externer inhalt", "branchen news", "meistgelesen", "neueste artikel",
           "das buch", "anzeige", "werbung", "schon gelesen", "kommentieren", "rezept drucken",
           "quellen ausblenden", "vorschau auf"),
    "fr": ("à lire aussi", "lire aussi", "a lire aussi", "sur le même sujet", "articles similaires",
           "partager", "commentaires", "vos réactions", "à propos de l'auteur", "dans la même rubrique",
           "qui êtes-vous", "les plus lus", "publicité", "voir aussi"),
    "es": ("lo último", "te puede interesar", "noticias relacionadas", "compartir", "comentarios",
           "lee también", "más noticias", "sobre el autor", "publicidad", "también te puede"),
    "it": ("leggi anche", "articoli correlati", "condividi", "commenti", "potrebbe interessarti"),
    "pt": ("leia também", "compartilhe", "comentários", "notícias relacionadas"),
    "nl": ("lees ook", "gerelateerde artikelen", "delen", "reacties", "meer over"),
    "pl": ("czytaj także", "czytaj też", "udostępnij", "komentarze", "powiązane"),
    "ru": ("читайте также", "похожие статьи", "поделиться", "комментарии", "новости по теме", "смотрите также"),
    # a page's own stamps and counters on a line of their own ("Aktualisiert am 3. Mai", "Views: 1,204")
    "stamps": ("updated", "last updated", "views:", "release date", "aktualisiert", "aufrufe", "zuletzt geändert",
               "mis à jour", "actualizado", "aggiornato", "обновлено", "просмотров", "aktualizacja"),
}  # fmt: skip
_HEADINGS = frozenset(["h2", "h3", "h4", "h5", "h6", "dt"])
_FURNITURE_START = re.compile(
    "(?:" + "|".join(re.escape(h) for hs in _FURNITURE_HEADINGS.values() for h in hs) + r")(?:\W|$)"
)
# Paywall and login notices inside the story's container: short paragraphs, in the languages of the pages we see.
_PAYWALL = re.compile(
    r"already (?:a )?(?:subscriber|member)|subscribe (?:now |today )?(?:to (?:read|continue|unlock|view|access)|for "
    r"(?:full|unlimited) access)|to (?:read|view|access|continue reading) (?:the|this) (?:full |entire |rest of "
    r"the )?(?:story|article)|(?:log|sign) in to (?:read|continue|view)|subscribers? only|"
    r"(?:bereits|schon) abonnent|weiterlesen mit|mit (?:einem|ihrem) abo|"
    r"déjà abonné|réservé aux abonnés|pour lire la suite|abonnez-vous pour|"
    r"ya eres suscriptor|exclusivo para suscriptores|suscríbete para"
)
_ARTICLE_TYPES = re.compile(r"article|posting|report|story|blog|review|webpage", re.IGNORECASE)
_DATE = re.compile(r"((?:19|20)\d\d)[-/.]?(0[1-9]|1[0-2])[-/.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_DATE = re.compile(r"[/_-]((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)")
_SPACE = re.compile(r"\s+")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<{}>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
_WORD_DATE = re.compile(
    rf"\b(?:{_MONTH.format('month')}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.format('month2')}\s+)"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_META_TAGS = ("span", "div", "p", "time", "a", "input", "abbr", "address", "li", "meta")
_DATE_NAMES = re.compile(r"date|publish|posted|timestamp|article-time|entry-time")
_MODIFIED = re.compile(r"modif|updat|edited")
_AUTHOR_NAMES = re.compile(r"author|byline|writer|reporter")
_STRING = etree.XPath("string()", smart_strings=False)  # an element's text, as lxml.html's text_content()
_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
_NAMED = (
    "div",
    "section",
    "span",
    "ul",
    "ol",
    "p",
    "table",
    "form",
    "dl",
    "article",
    "main",
    "em",
    "small",
    "strong",
)
_BR = "\ue000"  # a private-use mark for <br> while whitespace is squashed
_MIN_PARAGRAPH = 25
_MIN_CONFIDENT_CHARS = 400
# A confident text holds at least 70% of the page's text outside links once furniture is out: a smaller one is
# often one block of a story split over several (the caller then merges in the fallback extractor's text).
_MIN_COVER = 0.7
_RANKED = 12  # candidates whose link density is weighed (the rest score too low to win)


def extract(html: str) -> HtmlArticle:
    """Main text and metadata of ``html``; an empty text when the page has none."""
    try:
        root = etree.fromstring(
            # Control characters out: lxml refuses them in the text it is given back (the <br> marks).
            html.encode("utf-8", "replace").translate(None, _CONTROL_BYTES),
            parser=etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True),
        )
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return HtmlArticle()
    if root is None:
        return HtmlArticle()
    meta, ld = _metadata(root)
    for br in root.iter("br"):
        br.tail = _BR + (br.tail or "")
    body = root.find("body")
    if body is None:
        body = root
    _keep_wrappers(body)
    leads = _leads(body)
    etree.strip_elements(root, *_DROP, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    marked = _prune(body)
    page_chars = _text_len(body)
    prose_chars = page_chars - _chars("".join(_LINK_TEXT(body)))  # menus and teaser lists are links
    info: dict[str, float] = {}
    top, strong, parts = _container(body, marked, ld.get("articleBody"), info, leads)
    paragraphs = [text for part in parts for text in _paragraphs(part)] if top is not None else []
    text = "\n\n".join(paragraphs)
    info.update(
        page_chars=page_chars,
        prose_chars=prose_chars,
        text_chars=_chars(text),
        paragraphs=len(paragraphs),
        long_paragraphs=sum(len(p) >= 150 for p in paragraphs),
        strong=float(strong),
        parts=len(parts),
        ld_body=float(bool(ld.get("articleBody"))),
    )
    clear = strong and len(text) >= _MIN_CONFIDENT_CHARS
    # (not when the text is as long as the page's JSON-LD articleBody says the story is)
    complete = bool(ld.get("articleBody")) and info["text_chars"] >= 0.8 * _chars(ld["articleBody"])
    partial = clear and not complete and info["text_chars"] < _MIN_COVER * prose_chars
    return HtmlArticle(text=text, confident=clear and not partial, partial=partial, signals=info, **meta)


# --- main text ------------------------------------------------------------------------------------


_SECTIONING = ("header", "footer", "aside", "nav")


def _keep_wrappers(body: Any) -> None:
    """A header, footer, aside or nav that holds most of the page is a wrapper (an unclosed ``<header>``, a
    theme's layout), not furniture: it becomes a ``div`` so that its content is judged like any other."""
    found = list(body.iter(_SECTIONING))
    if not found:
        return
    whole = len(_STRING(body))  # raw lengths: only their ratio matters
    for el in found:
        if len(_STRING(el)) > 0.4 * whole:
            el.tag = "div"


# A story's lead or standfirst, often named for what it is and placed in the article's <header> or beside the
# body block: kept when it comes just before the main text (related-article teasers come after it, or in lists).
_LEAD = re.compile(
    r"(?:^|[\s_-])(?:lead|intro|teaser|excerpt|standfirst|sommario|summary|chapo|chapeau|abstract|dek|"
    r"kicker-text|subline|vorspann|einleitung|entradilla|bajada|sottotitolo|occhiello|epigraph|subtitle|"
    r"sub-?headline|hero__text|hero-text)(?:$|[\s_-])|"
    r"(?:article|story|post|entry)-?(?:lead|intro|teaser|excerpt|summary|abstract|description)",
    re.IGNORECASE,
)
_MAX_LEADS = 2


def _leads(body: Any) -> list[Any]:
    """Up to two lead paragraphs (``class="article-lead"``, ``p.intro``, a standfirst in the ``<header>``),
    taken out of the header they sit in (headers are dropped) and renamed so that no vocabulary drops them."""
    found: list[Any] = []
    for el in body.iter("p", "div", "h2"):
        names = _attrs(el)
        if not names or not _LEAD.search(names) or _not_a_lead(names.lower()):
            continue
        if any(isinstance(c.tag, str) and c.tag in _BLOCKS and c.tag != "p" for c in el.iterdescendants()):
            continue
        length = _text_len(el)
        if not 60 <= length <= 1500 or _link_density(el, length) > 0.3:
            continue
        if el in found or any(lead in el.iterancestors() for lead in found):
            continue  # (a lead moved out of its header is met again after it)
        el.set("class", "ap-lead")
        el.attrib.pop("id", None)
        top = None
        for up in el.iterancestors():
            if up.tag in _SECTIONING:
                top = up
        if top is not None:
            el.tail = None
            top.addnext(el)
        found.append(el)
        if len(found) == _MAX_LEADS:
            break
    return found


def _not_a_lead(names: str) -> bool:
    return any(
        word in names for word in ("related", "teaser-list", "teaserlist", "cookie", "newsletter", "comment")
    )


def _with_lead(parts: list[Any], leads: list[Any]) -> list[Any]:
    """The parts, with a lead put first when it comes before them and the smallest block holding both adds
    little other text: a standfirst in the article's header, a hero text above the body's grid."""
    if not leads or not parts:
        return parts
    first = parts[0]
    inside = {id(el) for part in parts for el in part.iter()}
    size = sum(_text_len(part) for part in parts)
    added = []
    for lead in leads:
        if id(lead) in inside:
            continue
        ancestors = set(lead.iterancestors())
        common = next((up for up in list(first.iterancestors())[:_LEAD_LEVELS] if up in ancestors), None)
        if common is None or common.tag == "body":
            continue
        order = {el: i for i, el in enumerate(common.iter())}
        if order[lead] < order[first] and _text_len(common) <= _LEAD_SLACK * (size + _text_len(lead)) + 400:
            added.append(lead)
    return [*added, *parts] if added else parts


_LEAD_LEVELS = 7  # how far above the first part a lead's block may be shared
_LEAD_SLACK = 1.3  # the shared block may hold this much more text than the lead and the parts


def _attrs(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _weight(el: Any) -> float:
    return _name_weight(_attrs(el))


@memoized(4096)
def _name_weight(names: str) -> float:
    if not names:
        return 0.0
    names = names.lower()
    return (25.0 if _POSITIVE(names) else 0.0) - (25.0 if _NEGATIVE(names) else 0.0)


def _prune(body: Any) -> Any:
    """Drop blocks whose class or id names boilerplate; return the first ``itemprop=articleBody`` block.

    A block holding a third of the page's text is a wrapper whatever its name ("has-sidebar"): it stays and
    the blocks inside it are judged on their own.
    """
    doomed, marked = [], None
    for el in body.iter(_NAMED):
        if el.get("itemprop") == "articleBody":
            marked = el if marked is None else marked
        elif (names := _attrs(el)) and _unlikely(names):
            doomed.append(el)
    if not doomed:
        return marked
    whole = len(_STRING(body))  # raw lengths: only their ratio matters
    dropped: set[Any] = set()
    for el in doomed:
        if any(up in dropped for up in el.iterancestors()):
            continue
        if (marked is not None and el in marked.iterancestors()) or len(_STRING(el)) > whole / 3:
            continue
        dropped.add(el)
    for el in dropped:
        _drop(el)
    return marked


@memoized(4096)
def _unlikely(names: str) -> bool:
    names = names.lower()
    return _UNLIKELY(names) and not _MAYBE(names)


def _drop(el: Any) -> None:
    """Remove ``el`` and its content, keeping the text that follows it."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _chars(text: str) -> int:
    """Non-space characters: a length that markup indentation does not inflate."""
    return len(text) - sum(map(text.count, " \n\t\r\xa0"))  # C-speed counts; split() would build every word


def _squash(text: str) -> str:
    if (
        "\u00ad" in text
    ):  # soft hyphens (&shy;): hyphenation hints, not text ("Mit\u00adtel\u00adal\u00adter")
        text = text.replace("\u00ad", "")
    lines = (" ".join(line.split()) for line in text.split(_BR))
    return "\n".join(line for line in lines if line)


def _loose_text(el: Any) -> str:
    """The text ``el`` holds outside its block children: its own inline run(s)."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
        elif child.tag in _BLOCKS:
            parts.append(" " + (child.tail or ""))
        else:
            parts.append(_STRING(child) + (child.tail or ""))
    return "".join(parts)


def _link_density(el: Any, length: int) -> float:
    if length <= 0 or next(el.iter("a"), None) is None:  # most paragraphs hold no link: skip the XPath
        return 0.0
    links = _chars("".join(_LINK_TEXT(el)))
    return min(1.0, links / length)


def _text_len(el: Any) -> int:
    return _chars(_STRING(el))


def _container(
    body: Any, marked: Any, ld_body: str | None, info: dict[str, float], leads: list[Any]
) -> tuple[Any, bool, list[Any]]:
    """The element holding the main text, whether it stood out clearly, and the parts to read (the
    winner and the siblings that continue the article, in document order)."""
    scores: dict[Any, float] = {}
    for el in body.iter(*_SCORED):
        text = _STRING(el) if el.tag in ("p", "pre", "td") else _loose_text(el)
        length = len(text.strip())  # an upper bound of its characters is enough to skip the short ones
        if length < _MIN_PARAGRAPH or (length < 2 * _MIN_PARAGRAPH and _chars(text) < _MIN_PARAGRAPH):
            continue
        score = 1.0 + text.count(",") + text.count("\uff0c") + text.count("\u3001") + min(length / 100, 3.0)
        node, level = el.getparent(), 0
        if el.tag not in ("p", "pre", "td"):  # a div or section holding loose text scores itself too
            node, level = el, 0
        while node is not None and level < 5:
            if node not in scores:
                scores[node] = _initial(node)
            scores[node] += score / (1 if level == 0 else 2 if level == 1 else level * 3)
            node, level = node.getparent(), level + 1
    hint = marked if marked is not None and _text_len(marked) >= 200 else _hinted(body, ld_body)
    info["hint"] = float(hint is not None)
    if not scores:
        return hint, hint is not None, [hint]
    raw = sorted(scores.items(), key=lambda pair: pair[1], reverse=True)[:_RANKED]
    ranked = sorted(
        ((s * (1 - _link_density(el, _text_len(el))), el) for el, s in raw),
        key=lambda pair: pair[0],
        reverse=True,
    )
    best_score, best = ranked[0]
    info["best_score"] = best_score
    info["best_tag"] = float(best.tag in ("article", "main"))
    info["best_named"] = float(_weight(best) > 0)
    if hint is not None and (best in set(hint.iterancestors()) or _text_len(hint) >= 0.2 * _text_len(best)):
        return hint, True, _with_lead([hint], leads)
    best, parts = _with_siblings(best, best_score, scores)
    parts = _with_lead(parts, leads)
    inside = set(parts)
    # A clear winner: no other candidate outside it (and the siblings taken with it) scores nearly as high.
    rivals = [
        s
        for s, el in ranked[1:6]
        if el not in set(best.iterancestors())
        and best not in set(el.iterancestors())
        and not inside.intersection(el.iterancestors())
        and el not in inside
    ]
    info["rival"] = rivals[0] / best_score if rivals and best_score > 0 else 0.0
    return best, not rivals or rivals[0] < 0.75 * best_score, parts


def _with_siblings(best: Any, best_score: float, scores: dict[Any, float]) -> tuple[Any, list[Any]]:
    """The winner lifted out of wrappers that add (almost) no text, and the siblings that continue it:
    an article split over several sections or text columns, a lead paragraph beside the story block."""
    length = _text_len(best)
    node = best
    while (parent := node.getparent()) is not None and parent.tag != "body":
        if _text_len(parent) > 1.05 * length + 20:
            break
        node = parent
    parent = node.getparent()
    if parent is None:
        return best, [best]
    threshold = max(10.0, 0.35 * best_score)
    names = node.get("class")
    parts = []
    for sibling in parent:
        if sibling is node:
            parts.append(node)
            continue
        if not isinstance(sibling.tag, str) or sibling.tag not in _BLOCKS or _weight(sibling) < 0:
            continue
        size = _text_len(sibling)
        if size == 0 or _furniture(sibling):
            continue
        density = _link_density(sibling, size)
        score = max((v for el, v in _scored_within(sibling, scores)), default=0.0) * (1 - density)
        if names and sibling.get("class") == names:
            score += 0.2 * best_score
        if score >= threshold or (
            sibling.tag == "p"
            and ((size > 80 and density < 0.25) or (density == 0 and ". " in _STRING(sibling)))
        ):
            parts.append(sibling)
    return (node if len(parts) == 1 else best), parts


def _scored_within(el: Any, scores: dict[Any, float]) -> Iterator[tuple[Any, float]]:
    """Scores of ``el`` and of its descendants down to two levels (the paragraphs' parents)."""
    if el in scores:
        yield el, scores[el]
    for child in el:
        if child in scores:
            yield child, scores[child]
        for grandchild in child:
            if grandchild in scores:
                yield grandchild, scores[grandchild]


def _initial(el: Any) -> float:
    base = {"div": 5.0, "article": 10.0, "main": 5.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0}.get(
        el.tag, 0.0
    )
    if el.tag in ("ol", "ul", "dl", "dd", "dt", "li", "form", "address"):
        base = -3.0
    elif el.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "th"):
        base = -5.0
    return base + _weight(el)


def _hinted(body: Any, ld_body: str | None) -> Any:
    """The element holding JSON-LD's ``articleBody``."""
    if not ld_body:
        return None
    gold = " ".join(ld_body.split())
    probe, size = gold[:60], _chars(gold)
    if len(probe) < 40:
        return None
    for el in [*body.iter("p"), *body.iter("div")]:
        if probe in " ".join(_STRING(el).split()):
            node = el
            while node is not None and _text_len(node) < 0.8 * size:
                node = node.getparent()
            return node if node is not None and _text_len(node) <= 3 * size else None
    return None


def _paragraphs(top: Any) -> Iterator[str]:
    for el in list(top.iter(*_CONTAINERS)):
        if el is not top and el.getparent() is not None and _boilerplate_block(el):
            _drop(el)
    yield from _walk(top)


def _furniture(el: Any) -> bool:
    """Whether ``el`` opens with a furniture heading ("Related", "Über den Autor", "Lire aussi"...)."""
    head = " ".join(_STRING(el)[:200].split()).lower()
    return bool(head) and _FURNITURE_START.match(head) is not None


def _boilerplate_block(el: Any) -> bool:
    if el.get("itemprop") == "articleBody":
        return False
    weight = _weight(el)
    if weight < 0:
        return True
    length = _text_len(el)
    if length == 0:
        return False
    if length < 2000 and _furniture(el):
        return True
    density = _link_density(el, length)
    if el.tag == "blockquote":  # a quotation or an embedded post cites its source in links (@handles, dates)
        return density > 0.6
    return density > (0.5 if weight >= 25 else 0.33 if length > 200 else 0.2)


def _walk(el: Any) -> Iterator[str]:
    """Paragraphs of ``el`` in document order: each leaf block once, loose inline runs between blocks."""
    if el.tag in _LEAVES and not any(
        isinstance(c.tag, str) and c.tag in _BLOCKS for c in el.iterdescendants()
    ):
        yield from _keep(el, _STRING(el))
        return
    if el.tag == "tr" and not any(
        isinstance(c.tag, str) and c.tag in _BLOCKS for cell in el for c in cell.iterdescendants()
    ):  # a data row (not a layout table's): one line, cells as trafilatura writes them
        cells = [" ".join(_STRING(cell).split()) for cell in el if cell.tag in ("td", "th")]
        if any(cells):
            yield from _keep(el, "| " + " | ".join(cells) + " |")
        return
    run: list[str] = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in _BLOCKS:
            yield from _keep(el, "".join(run), loose=True)
            run = []
            if child.tag not in ("h1",):
                yield from _walk(child)
        elif isinstance(child.tag, str):
            run.append(_STRING(child))
        run.append(child.tail or "")
    yield from _keep(el, "".join(run), loose=True)


_LINE_MARKS = "-\u2013\u2014|\u2022\u00b7* "  # dashes, bars and bullets around a label ("- Anzeige -")


def furniture_line(text: str, *, heading: bool = False) -> bool:
    """Whether a paragraph's text alone marks it as page furniture: a share/ads/related label, a heading that
    opens furniture ("Weiterführende Informationen", "Lire aussi") or a line serving as one ("Zum
    Weiterlesen:"), a paywall or login notice. Also applied to the fallback extractor's paragraphs."""
    lowered = text.lower()
    return (
        (len(text) < 100 and _BOILERPLATE.fullmatch(text) is not None)
        or (
            len(text) < (80 if heading else 40)
            and _FURNITURE_START.match(lowered.lstrip(_LINE_MARKS)) is not None
        )
        or (len(text) < 300 and _PAYWALL.search(lowered) is not None)
    )


def _keep(el: Any, raw: str, *, loose: bool = False) -> Iterator[str]:
    text = _squash(raw)
    if not text or furniture_line(text, heading=el.tag in _HEADINGS):
        return
    if not loose and len(text) < 300 and el.tag != "pre" and _link_density(el, len(text)) > 0.5:
        return
    yield text


# --- metadata -------------------------------------------------------------------------------------


def _metadata(root: Any) -> tuple[dict[str, str | None], dict[str, str]]:
    metas: dict[str, str] = {}
    found: dict[str, str] = {}  # the first canonical link, <title>, <h1> and <time datetime>
    scripts: list[str] = []
    for el in root.iter("meta", "link", "title", "h1", "time", "script"):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            content = (el.get("content") or el.get("value") or "").strip()  # "value": a common misspelling
            if key and content and key not in metas:
                metas[key] = content
        elif tag == "script":
            if "ld+json" in (el.get("type") or "").lower() and el.text:
                scripts.append(el.text)
        elif tag == "link":
            if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
                found.setdefault("canonical", el.get("href"))
        elif tag == "time":
            if el.get("datetime"):
                found.setdefault("time", el.get("datetime"))
                if el.get("itemprop") == "datePublished":
                    found.setdefault("itemprop_date", el.get("datetime"))
        elif tag not in found:
            found[tag] = _squash(_STRING(el))
    ld = _json_ld(scripts)
    canonical = found.get("canonical")
    page_title = found.get("title") or None
    h1 = found.get("h1") or None
    time_el = found.get("time")
    sitename = _first(
        *(
            name
            for name in (metas.get("og:site_name"), ld.get("publisher"), _handle_name(metas, page_title))
            if name and "://" not in name
        )
    )
    title = _first(metas.get("og:title"), metas.get("twitter:title"), ld.get("headline"), page_title, h1)
    if title and sitename and title == page_title:
        title = _without_site(title, sitename)
    date = None
    for value in (
        metas.get("article:published_time"), ld.get("datePublished"), found.get("itemprop_date"), metas.get("og:published_time"),
        metas.get("datepublished"), metas.get("pubdate"), metas.get("publishdate"), metas.get("publish-date"),
        metas.get("date"), metas.get("dc.date.issued"), metas.get("dc.date"), metas.get("dcterms.created"),
        metas.get("sailthru.date"), metas.get("parsely-pub-date"), time_el,
    ):  # fmt: skip
        date = _iso_date(value)
        if date:
            break
    author = _first(
        ld.get("author"), _person(metas.get("author")), _person(metas.get("article:author")),
        _person(metas.get("parsely-author")), _person(metas.get("sailthru.author")), _person(metas.get("dc.creator")),
    )  # fmt: skip
    if date is None or author is None:
        date, author = _marked_up(root, date, author)
    url_date = _iso_date(canonical) or _iso_date(metas.get("og:url"))
    if date is None or (url_date and _one_day_apart(date, url_date)):
        date = url_date  # a UTC timestamp a day off the date in the path: the path has the publisher's day
    return {
        "title": title,
        "published": date,
        "author": author,
        "url": _first(canonical, metas.get("og:url"), ld.get("url")),
        "sitename": sitename,
        "description": _first(
            metas.get("og:description"), metas.get("description"), metas.get("twitter:description")
        ),
        "language": _language(
            root.get("lang"),
            root.get("{http://www.w3.org/XML/1998/namespace}lang"),
            root.get("xml:lang"),
            metas.get("content-language"),
            metas.get("language"),
            metas.get("dc.language"),
            metas.get("og:locale"),
        ),
    }, ld


_LANG_TAG = re.compile(r"\s*([a-z]{2})(?:$|[-_\s,;])", re.IGNORECASE)


def _language(*values: str | None) -> str | None:
    """The primary subtag of the first language tag given ("de-DE" -> "de", "fr_FR" -> "fr"), if ISO 639-1."""
    for value in values:
        if value and (match := _LANG_TAG.match(value)):
            return match[1].lower()
    return None


def _handle_name(metas: dict[str, str], page_title: str | None) -> str | None:
    """The site's name from its Twitter handle: as the title's suffix spells it, if it does ("The Hill")."""
    handle = (metas.get("twitter:site") or "").lstrip("@").strip()
    if not handle:
        return metas.get("application-name")
    key = re.sub(r"\W|_", "", handle).lower()
    for sep in (" | ", " - ", " \u2013 ", " \u2014 "):
        suffix = (page_title or "").rpartition(sep)[2].strip()
        if sep in (page_title or "") and re.sub(r"\W|_", "", suffix).lower().removeprefix("the") in (
            key,
            "the" + key,
        ):
            return suffix
    return handle


def _one_day_apart(first: str, second: str) -> bool:
    try:
        return abs((datetime.date.fromisoformat(first) - datetime.date.fromisoformat(second)).days) == 1
    except ValueError:
        return False


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return _squash(value)
    return None


def _without_site(title: str, sitename: str) -> str:
    for sep in (" - ", " | ", " \u2013 ", " \u2014 ", " :: ", " · ", ": "):
        head, _, tail = title.rpartition(sep)
        if head and tail.strip().lower() == sitename.lower():
            return head.strip()
    return title


def _person(value: str | None) -> str | None:
    if not value or "://" in value or value.startswith(("/", "@")):
        return None
    return re.sub(r"^by\s+", "", value.strip(), flags=re.IGNORECASE)


def _iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO-like value, an English "Nov. 19, 2019" or "19 November 2019", or a URL path."""
    if not value:
        return None
    if "://" in value:
        match = _URL_DATE.search(value)
        parts = (match[1], match[2], match[3]) if match else None
    elif match := _DATE.search(value):
        parts = (match[1], match[2], match[3])
    elif words := _WORD_DATE.search(value):
        month = _MONTHS.index((words["month"] or words["month2"])[:3].lower()) + 1
        parts = (words["year"], str(month), words["day"] or words["day2"])
    else:
        return None
    try:
        return datetime.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat() if parts else None
    except ValueError:  # no such day
        return None


def _marked_up(root: Any, date: str | None, author: str | None) -> tuple[str | None, str | None]:
    """A date and an author from elements named for them (``class="published_date"``, ``rel="author"``...)."""
    for el in root.iter(_META_TAGS):
        if not el.attrib:
            continue
        kind = _kind(el.get("class"), el.get("id"), el.get("itemprop"), el.get("rel"))
        if kind == "date" and date is None:
            date = _iso_date(el.get("datetime") or el.get("content") or el.get("value") or _STRING(el)[:200])
        elif kind == "author" and author is None:
            author = _byline(el.get("content") or _STRING(el))
        if date and author:
            break
    return date, author


@functools.lru_cache(maxsize=4096)  # several arguments: the one-key memo does not fit
def _kind(*attrs: str | None) -> str | None:
    names = " ".join(a for a in attrs if a).lower()
    if len(names) < 4:
        return None
    if _DATE_NAMES.search(names) and not _MODIFIED.search(names):
        return "date"
    if _AUTHOR_NAMES.search(names) and "comment" not in names:
        return "author"
    return None


def _byline(value: str) -> str | None:
    name = " ".join(value.split())
    name = re.sub(r"^(?:by|written by|posted by|author:?)\s+", "", name, flags=re.IGNORECASE).strip(" ,|-")
    if not (3 <= len(name) <= 60) or any(ch.isdigit() for ch in name) or not name[0].isupper():
        return None
    return name if 1 <= name.count(" ") + 1 <= 6 else None


def _json_ld(scripts: list[str]) -> dict[str, str]:
    """headline, datePublished, author, publisher, url and articleBody of the page's article node."""
    found: dict[str, str] = {}
    for script in scripts:
        try:
            data = json.loads(script[:2_000_000])
        except (ValueError, RecursionError):
            continue
        nodes = list(_ld_nodes(data, 0))
        by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
        for node in nodes:
            types = node.get("@type")
            kinds = " ".join(t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str))
            if not _ARTICLE_TYPES.search(kinds):
                continue
            for key in ("headline", "datePublished", "articleBody", "url"):
                value = node.get(key)
                if isinstance(value, str) and value.strip() and key not in found:
                    found[key] = value.strip()
            names = _ld_names(node.get("author"), by_id, people=True)
            if names and "author" not in found:
                found["author"] = ", ".join(dict.fromkeys(names))
            publisher = _ld_names(node.get("publisher"), by_id)
            if publisher and "publisher" not in found:
                found["publisher"] = publisher[0]
    return found


def _ld_nodes(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:100]:
            yield from _ld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _ld_nodes(graph, depth + 1)


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]], *, people: bool = False) -> list[str]:
    """Names in a JSON-LD value (``{"@id": ...}`` looked up in the graph); with ``people``, an Organization
    (a newsroom given as the author) is skipped."""
    if isinstance(value, str):
        name = _person(value)
        return [name] if name else []
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        if people and "Organization" in str(value.get("@type") or ""):
            return []
        return _ld_names(value.get("name"), by_id)
    if isinstance(value, list):
        return [n for item in value[:20] for n in _ld_names(item, by_id, people=people)]
    return []


__all__ = ["HtmlArticle", "extract"]
