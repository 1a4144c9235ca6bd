"""Realistic synthetic news pages with gold article text, for the ingest benchmark.

Each page wraps one article (real bodies from ``../shared/data/allsides/articles.jsonl.gz`` when present,
else a small built-in fictional text) in one of several site templates: different tags, class names,
nesting, cookie banners, navigation, share bars, related lists, comment threads, newsletter boxes and
footers. The gold text is the article body only (paragraphs joined by blank lines); the title, byline,
captions and all chrome are not gold. Each page also has a "scraped" rendering: the page as text lines
with the chrome lines left in, as a crawler that strips tags would store it.

Usage:
    >>> pages = generate_pages(10, seed=1)
    >>> pages[0].layout in LAYOUTS
    True
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

__all__ = ["LAYOUTS", "Article", "Page", "builtin_articles", "generate_pages", "load_articles", "scrape_text"]

DATA_FILE = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "allsides" / "articles.jsonl.gz"


@dataclass(frozen=True)
class Article:
    """An article to dress as a page."""

    title: str
    author: str
    published: str  # YYYY-MM-DD
    outlet: str
    url: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """A synthetic page and its gold."""

    layout: str
    html: str
    scraped: str
    gold_text: str
    article: Article


_BUILTIN = """The river authority of the fictional town of Marlow Vale opened its flood gates on Tuesday \
after three days of rain pushed the reservoir to a level not seen since the authority was founded.
Officials said the release was planned and that no homes were at risk, although two roads along the \
lower valley were closed as a precaution. "We would rather open early and slowly than late and all at \
once," the authority's chief engineer, Dana Whitlock, told reporters at the dam.
Farmers downstream were less convinced. Several said they had received the warning only hours before \
the water reached their fields, and one called the notice "a text message sent to people who were \
already wading".
The authority said it had followed the procedure agreed with the county in 2019 and would review the \
timing of its alerts. A council member asked for an independent inquiry into why the reservoir had \
been kept so full during a wet autumn.
Forecasters expect the rain to ease by the weekend. The authority will publish daily readings of the \
reservoir level on its website until the gates are closed again.
Local businesses along the river front reported a quiet day, with several cafés closing early. The \
rowing club cancelled its regatta, which had been due to take place on Saturday, for the first time in \
forty years.
Residents who need sandbags can collect them from the fire station on Mill Lane between eight in the \
morning and six in the evening, the county said in a statement."""

_OUTLETS = ("Valley Courier", "The Northern Ledger", "Metro Daily Post", "Harbour Times", "Riverside Record")
_AUTHORS = ("Jane Ortega", "Tomasz Wiśniewski", "Amara Okafor", "Lucas Brandt", "Mei Lin")


def builtin_articles(n: int, seed: int = 0) -> list[Article]:
    """Articles made from a small built-in fictional text (sentences shuffled), when no data is present."""
    rng = random.Random(seed)
    sentences = [s for para in _BUILTIN.split("\n") for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", para)]
    out = []
    for i in range(n):
        picked = rng.sample(sentences, k=min(len(sentences), rng.randint(8, len(sentences))))
        paras: list[str] = []
        while picked:
            k = rng.randint(1, 3)
            paras.append(" ".join(picked[:k]))
            picked = picked[k:]
        outlet = rng.choice(_OUTLETS)
        out.append(
            Article(
                title=f"Flood gates opened at Marlow Vale reservoir ({i})",
                author=rng.choice(_AUTHORS),
                published=f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                outlet=outlet,
                url=f"https://www.{outlet.lower().replace(' ', '')}.example/news/{i}",
                paragraphs=tuple(paras),
            )
        )
    return out


def _clean_paragraphs(content: str, title: str) -> tuple[str, ...]:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", content)]
    paras = [p for p in paras if p]
    if paras and paras[0] == " ".join(title.split()):
        paras = paras[1:]  # some records repeat the headline as their first line
    return tuple(paras[:30])


def load_articles(n: int, seed: int = 0, data_file: Path = DATA_FILE) -> list[Article]:
    """Up to ``n`` real article bodies from the AllSides corpus, falling back to built-in text.

    Args:
        n: number of articles wanted.
        seed: chooses which records (every k-th record, from a seeded offset).
        data_file: the AllSides JSONL.gz.

    Returns:
        ``n`` articles (built-in ones when the data file is absent).
    """
    if not data_file.is_file():
        return builtin_articles(n, seed)
    rng = random.Random(seed)
    skip = rng.randint(0, 50)
    out: list[Article] = []
    with gzip.open(data_file, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip or (i - skip) % 7:
                continue
            rec = json.loads(line)
            title = " ".join(str(rec.get("title") or "").split())
            paras = _clean_paragraphs(str(rec.get("content_original") or ""), title)
            if len(paras) < 3 or not title or sum(map(len, paras)) < 800:
                continue
            authors = str(rec.get("authors") or "").split(",")[0].strip() or rng.choice(_AUTHORS)
            date = str(rec.get("date") or "")[:10]
            if not re.match(r"\d{4}-\d{2}-\d{2}$", date):
                date = "2020-01-15"
            outlet = str(rec.get("source") or rng.choice(_OUTLETS))
            url = str(rec.get("url") or f"https://example.org/{i}")
            out.append(Article(title, authors, date, outlet, url, paras))
            if len(out) >= n:
                break
    return out if out else builtin_articles(n, seed)


# ----------------------------------------------------------------------------------------- rendering
# fmt: off
_SECTIONS = ("World", "Politics", "Business", "Tech", "Science", "Sport", "Opinion", "Culture", "Travel",
             "Video", "Podcasts", "Weather", "Local", "Health")
# fmt: on
_COMMENTERS = ("mark_1971", "Sunny Days", "truthseeker", "Ann K.", "observer22", "Paul R", "lena.m")
_CHROME_SENTENCES = (
    "We use cookies to give you the best experience on our website. By continuing to browse, you agree "
    "to our use of cookies.",
    "Sign up for our morning briefing and get the day's top stories delivered straight to your inbox.",
    "Support independent journalism: become a member today and get unlimited access to all our stories.",
    "Comments are moderated and may take some time to appear. Please read our community guidelines.",
    "This website uses cookies and similar technologies to analyse traffic and personalise content.",
)


def _esc(text: str, rng: random.Random) -> str:
    """HTML-escape text, sometimes with numeric or named entities for apostrophes and dashes."""
    out = html.escape(text, quote=False)
    if rng.random() < 0.4:
        out = out.replace("'", "&#39;").replace("’", "&rsquo;").replace("—", "&mdash;")
    if rng.random() < 0.2:
        out = out.replace('"', "&quot;")
    return out


def _inline(text: str, rng: random.Random) -> str:
    """A paragraph's HTML with some words wrapped in links or emphasis."""
    words = text.split(" ")
    if len(words) > 8 and rng.random() < 0.5:
        i = rng.randint(0, len(words) - 4)
        n = rng.randint(1, 3)
        tag = rng.choice(("a", "a", "em", "strong"))
        attrs = f' href="/topic/{rng.randint(1, 999)}"' if tag == "a" else ""
        head = _esc(" ".join(words[:i]), rng)
        mid = _esc(" ".join(words[i : i + n]), rng)
        tail = _esc(" ".join(words[i + n :]), rng)
        return f"{head}{' ' if head else ''}<{tag}{attrs}>{mid}</{tag}> {tail}"
    return _esc(text, rng)


def _links(items: list[str], rng: random.Random, ul_cls: str = "") -> str:
    cls = f' class="{ul_cls}"' if ul_cls else ""
    lis = "".join(f'<li><a href="/{rng.randint(1, 9999)}">{html.escape(t)}</a></li>' for t in items)
    return f"<ul{cls}>{lis}</ul>"


def _headlines(rng: random.Random, pool: list[str], k: int) -> list[str]:
    return [rng.choice(pool) for _ in range(k)]


def _comment_texts(c: _Ctx, k: int) -> list[str]:
    """Comment texts: sentences of other articles, so they read like prose."""
    out = []
    for _ in range(k):
        picked = c.rng.sample(c.sentence_pool, k=min(len(c.sentence_pool), c.rng.randint(1, 3)))
        out.append(" ".join(s for s in picked if s not in c.own_sentences) or "Well said.")
    return out


@dataclass
class _Ctx:
    art: Article
    rng: random.Random
    headline_pool: list[str]
    sentence_pool: list[str]
    own_sentences: set[str]


def _meta_head(c: _Ctx) -> str:
    a, r = c.art, c.rng
    parts = [f"<title>{html.escape(a.title)} | {html.escape(a.outlet)}</title>", '<meta charset="utf-8">']
    if r.random() < 0.8:
        parts.append(f'<meta property="og:title" content="{html.escape(a.title)}">')
        parts.append(f'<meta property="og:site_name" content="{html.escape(a.outlet)}">')
        parts.append(f'<link rel="canonical" href="{html.escape(a.url)}">')
    if r.random() < 0.6:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "datePublished": f"{a.published}T08:{r.randint(10, 59)}:00Z",
            "author": {"@type": "Person", "name": a.author},
            "publisher": {"@type": "Organization", "name": a.outlet},
        }
        parts.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    else:
        parts.append(f'<meta name="author" content="{html.escape(a.author)}">')
        parts.append(f'<meta property="article:published_time" content="{a.published}T10:00:00+00:00">')
    parts.append("<style>body{font-family:sans-serif}.x{display:none}</style>")
    parts.append(f"<script>window.dataLayer=[{{'page':'{r.randint(1, 99999)}'}}];</script>")
    return "<head>" + "".join(parts) + "</head>"


def _comments_block(c: _Ctx, wrap: str, item: str, cls: str) -> str:
    r = c.rng
    n = r.randint(2, 8)
    items = []
    for text in _comment_texts(c, n):
        who = r.choice(_COMMENTERS)
        items.append(
            f'<{item} class="{cls}-item"><div class="{cls}-meta"><b>{html.escape(who)}</b> '
            f"<span>{r.randint(1, 23)} hours ago</span></div><p>{html.escape(text)}</p>"
            f'<a href="#reply">Reply</a> <span>{r.randint(0, 40)} likes</span></{item}>'
        )
    return f'<{wrap} class="{cls}" id="{cls}"><h3>{n} Comments</h3>{"".join(items)}</{wrap}>'


def _news(c: _Ctx) -> str:
    """Semantic HTML5 news site: header/nav, cookie banner, article, aside related, comments, footer."""
    a, r = c.art, c.rng
    paras = "".join(f"<p>{_inline(p, r)}</p>" for p in a.paragraphs)
    if len(a.paragraphs) > 4 and r.random() < 0.5:
        fig = (
            f'<figure><img src="/i/{r.randint(1, 999)}.jpg" alt="photo"><figcaption>Photo: '
            f"{html.escape(r.choice(_AUTHORS))} / Agency</figcaption></figure>"
        )
        paras = paras.replace("</p>", "</p>" + fig, 1)
    cookie = f'<div class="cookie-banner"><p>{_CHROME_SENTENCES[0]}</p><button>Accept all</button></div>'
    return (
        f'<!DOCTYPE html><html lang="en">{_meta_head(c)}<body>{cookie}'
        f'<header class="site-header"><a class="logo" href="/">{html.escape(a.outlet)}</a>'
        f"<nav>{_links(list(r.sample(_SECTIONS, 8)), r)}</nav></header>"
        f'<main><article><h1>{html.escape(a.title)}</h1><div class="byline">By '
        f'<a rel="author" href="/by/x">{html.escape(a.author)}</a> · <time datetime="{a.published}">'
        f"{a.published}</time></div>{paras}"
        f'<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>'
        f"</article>"
        f'<aside class="related"><h2>Related stories</h2>{_links(_headlines(r, c.headline_pool, 5), r)}</aside>'
        f"{_comments_block(c, 'section', 'article', 'comments')}</main>"
        f"<footer><p>© {a.published[:4]} {html.escape(a.outlet)}. All rights reserved.</p>"
        f"{_links(['About us', 'Contact', 'Privacy policy', 'Terms of use'], r)}</footer></body></html>"
    )


def _blog(c: _Ctx) -> str:
    """WordPress-like blog: div#page, entry-content, sidebar widgets, comment list, newsletter box."""
    a, r = c.art, c.rng
    paras = "\n".join(f"<p>{_inline(p, r)}</p>" for p in a.paragraphs)
    widgets = "".join(
        f'<div class="widget widget_{w}"><h4 class="widget-title">{w.title()}</h4>'
        f"{_links(_headlines(r, c.headline_pool, 4), r)}</div>"
        for w in ("recent_posts", "archives", "popular")
    )
    return (
        f'<!DOCTYPE html><html>{_meta_head(c)}<body class="post-template single comments-open">'
        f'<div id="page"><div id="masthead"><div class="site-title">{html.escape(a.outlet)}</div>'
        f'<div class="menu-main">{_links(list(r.sample(_SECTIONS, 6)), r, "menu")}</div></div>'
        f'<div id="content"><div id="primary"><div class="post hentry">'
        f'<h1 class="entry-title">{html.escape(a.title)}</h1>'
        f'<div class="entry-meta">Posted on {a.published} by <span class="author vcard">'
        f"{html.escape(a.author)}</span></div>"
        f'<div class="entry-content">\n{paras}\n</div>'
        f'<div class="newsletter-box"><p>{_CHROME_SENTENCES[1]}</p><form><input type="email">'
        f"<button>Subscribe</button></form></div>"
        f'<div class="post-tags">Tags: <a href="#">news</a>, <a href="#">{r.choice(_SECTIONS)}</a></div>'
        f"</div>{_comments_block(c, 'ol', 'li', 'commentlist')}"
        f'<div id="respond"><h3>Leave a Reply</h3><p>{_CHROME_SENTENCES[3]}</p></div></div>'
        f'<div id="sidebar">{widgets}</div></div>'
        f'<div id="colophon">Proudly powered by a blog engine · {html.escape(a.outlet)}</div></div>'
        f"</body></html>"
    )


def _obfuscated(rng: random.Random) -> str:
    return "css-" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))


def _divsoup(c: _Ctx) -> str:
    """A React-style page: nested divs with generated class names, paragraphs as divs, no semantic tags."""
    a, r = c.art, c.rng
    o = _obfuscated
    paras = "".join(f'<div class="{o(r)}">{_inline(p, r)}</div>' for p in a.paragraphs)
    related = "".join(
        f'<div class="{o(r)}"><a href="/s/{r.randint(1, 9999)}">{html.escape(h)}</a>'
        f"<span>{r.randint(1, 28)} Jan {a.published[:4]}</span></div>"
        for h in _headlines(r, c.headline_pool, 6)
    )
    comments = "".join(
        f'<div class="{o(r)}"><div class="{o(r)}">{html.escape(r.choice(_COMMENTERS))}</div>'
        f'<div class="{o(r)}">{html.escape(t)}</div><div class="{o(r)}">Reply · Like</div></div>'
        for t in _comment_texts(c, r.randint(2, 6))
    )
    body = (
        f'<div class="{o(r)}" id="consent"><div>{_CHROME_SENTENCES[4]}</div><div>OK</div></div>'
        f'<div class="{o(r)}"><div class="{o(r)}">{"".join(f"<a href=/s>{s}</a>" for s in _SECTIONS)}</div></div>'
        f'<div class="{o(r)}"><div class="{o(r)}"><div class="{o(r)}"><div class="{o(r)}">'
        f'<div class="{o(r)}">{html.escape(a.title)}</div>'
        f'<div class="{o(r)}">{html.escape(a.author)} | {a.published}</div>'
        f'<div class="{o(r)}">{paras}</div></div>'
        f'<div class="{o(r)}"><div>More from {html.escape(a.outlet)}</div>{related}</div></div>'
        f'<div class="{o(r)}"><div>Join the conversation</div>{comments}</div></div></div>'
        f'<div class="{o(r)}"><div>© {html.escape(a.outlet)}</div><div><a href=/p>Privacy</a> '
        f"<a href=/t>Terms</a> <a href=/c>Contact</a></div></div>"
    )
    return f'<!DOCTYPE html><html lang="en">{_meta_head(c)}<body><div id="root">{body}</div></body></html>'


def _table(c: _Ctx) -> str:
    """An old table layout: nav in one cell, text with <br><br> and <font> in another, no classes."""
    a, r = c.art, c.rng
    body = "<br><br>\n".join(_inline(p, r) for p in a.paragraphs)
    nav = "<br>".join(f'<a href="/{s.lower()}">{s}</a>' for s in r.sample(_SECTIONS, 10))
    related = "<br>".join(
        f'<a href="/a/{r.randint(1, 999)}">{html.escape(h)}</a>' for h in _headlines(r, c.headline_pool, 5)
    )
    return (
        f"<html>{_meta_head(c)}<body><table width=100%><tr><td colspan=2>"
        f"<font size=5>{html.escape(a.outlet)}</font></td></tr><tr><td width=150 valign=top>{nav}</td>"
        f"<td valign=top><font size=4><b>{html.escape(a.title)}</b></font><br><i>by "
        f"{html.escape(a.author)}, {a.published}</i><br><br>\n<font face=arial>{body}</font>"
        f"<br><br><b>See also:</b><br>{related}</td></tr>"
        f"<tr><td colspan=2><small>Copyright {a.published[:4]} {html.escape(a.outlet)}. "
        f"<a href=/contact>Contact</a></small></td></tr></table></body></html>"
    )


def _magazine(c: _Ctx) -> str:
    """A magazine page: in-body 'read more' links, pull quote, newsletter box inside the body, author bio."""
    a, r = c.art, c.rng
    blocks = [f"<p>{_inline(p, r)}</p>" for p in a.paragraphs]
    if len(blocks) > 3:
        rel = r.choice(c.headline_pool)
        blocks.insert(
            2, f'<p class="read-more"><strong>Read more:</strong> <a href="/r">{html.escape(rel)}</a></p>'
        )
        blocks.insert(
            4, f'<div class="inline-promo"><p>{_CHROME_SENTENCES[2]}</p><a href="/join">Join</a></div>'
        )
    if len(blocks) > 6:
        blocks.insert(6, f'<blockquote class="pullquote">{html.escape(a.paragraphs[1][:80])}</blockquote>')
    most_read = "".join(
        f'<li><span>{i}</span><a href="/m">{html.escape(h)}</a></li>'
        for i, h in enumerate(_headlines(r, c.headline_pool, 5), 1)
    )
    return (
        f'<!DOCTYPE html><html lang="en">{_meta_head(c)}<body>'
        f'<div class="top-bar"><a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></div>'
        f'<div class="navigation">{_links(list(r.sample(_SECTIONS, 9)), r)}</div>'
        f'<div class="layout"><div class="main-column"><div class="story">'
        f'<div class="story-header"><span class="kicker">{r.choice(_SECTIONS)}</span>'
        f'<h1>{html.escape(a.title)}</h1><p class="dek">{html.escape(r.choice(c.headline_pool))}</p>'
        f'<div class="author-name">{html.escape(a.author)}</div></div>'
        f'<div class="story-body">{"".join(blocks)}</div>'
        f'<div class="author-bio"><p>{html.escape(a.author)} is a correspondent for '
        f"{html.escape(a.outlet)} covering politics and public policy.</p></div></div></div>"
        f'<div class="sidebar-column"><div class="most-read"><h3>Most read</h3><ol>{most_read}</ol></div>'
        f'<div class="ad-slot">Advertisement</div></div></div>'
        f'<div class="site-footer-wrap"><div>{html.escape(a.outlet)} · All rights reserved</div></div>'
        f"</body></html>"
    )


def _portal(c: _Ctx) -> str:
    """A portal page: the body split into groups with ads and teasers between, unclassed comments."""
    a, r = c.art, c.rng
    groups, i = [], 0
    while i < len(a.paragraphs):
        k = r.randint(2, 4)
        inner = "".join(f"<p>{_inline(p, r)}</p>" for p in a.paragraphs[i : i + k])
        groups.append(f'<div class="body-text">{inner}</div>')
        i += k
    fillers = [
        '<div class="ad-container"><span>Advertisement</span></div>',
        f'<div class="inline-teaser"><a href="/t">{html.escape(r.choice(c.headline_pool))}</a></div>',
    ]
    body = "".join(g + (r.choice(fillers) if j < len(groups) - 1 else "") for j, g in enumerate(groups))
    comments = "".join(
        f"<div><div><strong>{html.escape(r.choice(_COMMENTERS))}</strong> <time>{r.randint(1, 9)}h</time></div>"
        f"<p>{html.escape(t)}</p><div><a href='#'>Reply</a></div></div>"
        for t in _comment_texts(c, r.randint(1, 5))
    )
    return (
        f'<!DOCTYPE html><html lang="en">{_meta_head(c)}<body><div class="page-wrap">'
        f'<div class="global-header"><div class="brand">{html.escape(a.outlet)}</div>'
        f'<ul class="sections">{"".join(f"<li><a href=/s>{s}</a></li>" for s in r.sample(_SECTIONS, 7))}</ul></div>'
        f'<div class="article-page"><div class="headline-block"><h1>{html.escape(a.title)}</h1>'
        f'<p class="article-byline">By {html.escape(a.author)}</p></div>'
        f'<div class="article-content">{body}</div>'
        f'<div class="article-tags"><a href="/t1">{r.choice(_SECTIONS)}</a></div></div>'
        f"<section><h2>Reader comments</h2>{comments}</section>"
        f'<div class="global-footer"><p>{html.escape(a.outlet)} © {a.published[:4]}</p></div>'
        f"</div></body></html>"
    )


LAYOUTS: dict[str, Callable[[_Ctx], str]] = {
    "news": _news,
    "blog": _blog,
    "divsoup": _divsoup,
    "table": _table,
    "magazine": _magazine,
    "portal": _portal,
}

# fmt: off
_BLOCK_TAGS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "table", "section",
    "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "blockquote", "form", "br",
    "dt", "dd", "pre",
))
# fmt: on


def _walk(el: etree._Element, lines: list[str], buf: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("script", "style", "head", "noscript") or not tag:
        if el.tail:
            buf.append(el.tail)
        return
    block = tag in _BLOCK_TAGS
    if block:
        _flush(lines, buf)
    if el.text:
        buf.append(el.text)
    for child in el:
        _walk(child, lines, buf)
    if block:
        _flush(lines, buf)
    if el.tail:
        buf.append(el.tail)


def _flush(lines: list[str], buf: list[str]) -> None:
    line = " ".join("".join(buf).split())
    if line:
        lines.append(line)
    buf.clear()


def scrape_text(page_html: str) -> str:
    """Render a page as a tag-stripping scraper would: one line per block, chrome included."""
    root = lxml_html.document_fromstring(page_html)
    lines: list[str] = []
    buf: list[str] = []
    body = root.find("body")
    _walk(body if body is not None else root, lines, buf)
    _flush(lines, buf)
    return "\n".join(lines) + "\n"


def _pools(articles: list[Article]) -> tuple[list[str], list[str]]:
    headlines = [a.title for a in articles]
    sentences = [s for a in articles for p in a.paragraphs[:3] for s in re.split(r"(?<=[.!?])\s+", p)]
    return headlines, [s for s in sentences if 30 < len(s) < 200] or ["I agree with this."]


def generate_pages(n: int, seed: int = 0, data_file: Path = DATA_FILE) -> list[Page]:
    """``n`` pages, layouts in rotation, each dressing one article.

    Args:
        n: number of pages.
        seed: makes the pages reproducible.
        data_file: the AllSides JSONL.gz (built-in text when absent).

    Returns:
        The pages with their gold text and scraped rendering.
    """
    articles = load_articles(n, seed, data_file)
    headlines, sentences = _pools(articles)
    rng = random.Random(seed)
    names = sorted(LAYOUTS)
    return [
        _page(art, names[i % len(names)], rng, headlines, sentences)
        for i, art in zip(range(n), _cycle(articles), strict=False)
    ]


def _cycle(articles: list[Article]) -> Iterator[Article]:
    while True:
        yield from articles


def _js_blob(rng: random.Random, size: int) -> str:
    """Minified-looking script, as the bundles and trackers that make most of a real page's bytes."""
    parts, n = [], 0
    while n < size:
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz_$") for _ in range(rng.randint(1, 3)))
        part = f"function {name}(e,t){{var n=e[{rng.randint(0, 99)}]||t;return n&&n.{name}?n:{rng.random():.4f}}};"
        parts.append(part)
        n += len(part)
    return "".join(parts)


def _svg_sprite(rng: random.Random, icons: int) -> str:
    paths = "".join(
        f'<symbol id="i{i}" viewBox="0 0 24 24"><path d="M{rng.randint(0, 24)} {rng.randint(0, 24)}'
        + "".join(f"l{rng.randint(-9, 9)} {rng.randint(-9, 9)}" for _ in range(30))
        + 'z"/></symbol>'
        for i in range(icons)
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{paths}</svg>'


def _add_bulk(page_html: str, art: Article, rng: random.Random) -> str:
    """Scripts, an SVG sprite and (on some pages) a JSON page state repeating the article text."""
    head_js = f"<script>{_js_blob(rng, rng.randint(8_000, 60_000))}</script>"
    page_html = page_html.replace("</head>", head_js + "</head>", 1)
    at = page_html.find(">", page_html.find("<body")) + 1
    page_html = page_html[:at] + _svg_sprite(rng, rng.randint(5, 25)) + page_html[at:]
    tail = f"<script>{_js_blob(rng, rng.randint(2_000, 20_000))}</script>"
    if rng.random() < 0.4:
        state = {
            "props": {"article": {"headline": art.title, "body": list(art.paragraphs)}, "ab": rng.random()}
        }
        tail += f'<script id="__STATE__" type="application/json">{json.dumps(state)}</script>'
    end = page_html.rfind("</body>")
    return page_html[:end] + tail + page_html[end:]


def _page(art: Article, layout: str, rng: random.Random, headlines: list[str], sentences: list[str]) -> Page:
    # other articles' sentences make comment texts that read like prose, the hard case for a cleaner
    own = {s for p in art.paragraphs[:3] for s in re.split(r"(?<=[.!?])\s+", p)}
    ctx = _Ctx(
        art,
        random.Random(rng.random()),
        [h for h in headlines if h != art.title] or headlines,
        sentences,
        own,
    )
    page_html = _add_bulk(LAYOUTS[layout](ctx), art, ctx.rng)
    return Page(layout, page_html, scrape_text(page_html), "\n\n".join(art.paragraphs), art)
