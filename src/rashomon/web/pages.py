"""The HTML pages of ``rashomon serve``: home, search, story (one analysis run), article, side by side.

Every page reuses the report's sections and page frame; links point to the app's URLs
(:class:`WebLinks`). All article-derived text goes through :func:`rashomon.report.markup.esc`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from rashomon.report.articles import article_view
from rashomon.report.markup import esc
from rashomon.report.page import csp, page, render_sections
from rashomon.report.sections import link_summary, pct, side_by_side
from rashomon.report.story import story_facts, story_stance
from rashomon.report.subset import restrict_to
from rashomon.report.view import View, make_view

__all__ = [
    "POLICY",
    "WebLinks",
    "article_page",
    "compare_page",
    "home_page",
    "message_page",
    "search_page",
    "story_page",
]

# the search form submits to the app itself; everything else is as strict as the report
POLICY = csp(form_action="'self'")


class WebLinks:
    """Links of one analysis run's pages."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id

    def article(self, article_id: str, anchor: str = "") -> str:
        """``/run/<run>/article/<id>`` (at ``#anchor``)."""
        frag = f"#{anchor}" if anchor else ""
        return f"/run/{self.run_id}/article/{quote(article_id, safe='')}{frag}"

    def pair(self, source_id: str, target_id: str, index: int | None = None) -> str:
        """``/run/<run>/compare?a=<source>&b=<target>``."""
        return f"/run/{self.run_id}/compare?{urlencode({'a': source_id, 'b': target_id})}"

    def story(self, story_id: str) -> str:
        """``/run/<run>/story/<story id>``."""
        return f"/run/{self.run_id}/story/{quote(story_id, safe='')}"


def _search_form(query: str = "") -> str:
    return (
        '<form class="search" role="search" method="get" action="/search">'
        '<label for="q">Search the corpus</label>'
        f'<input type="search" id="q" name="q" value="{esc(query)}" maxlength="500" '
        'placeholder="words, &quot;a phrase&quot;, word*">'
        '<button type="submit">Search</button></form>'
    )


def _crumbs(*items: tuple[str, str]) -> str:
    links = " › ".join(f'<a href="{esc(href)}">{esc(label)}</a>' for href, label in items)
    return f'<nav aria-label="Breadcrumb" class="meta">{links}</nav>'


def home_page(runs: Sequence[Mapping[str, Any]], n_articles: int) -> str:
    """The start page: the search form and the analysed runs, newest first."""
    items = []
    for r in runs:
        summary = r.get("summary") or {}
        paths = ", ".join(str(p) for p in (r.get("args") or {}).get("paths", []))
        items.append(
            f'<li><a href="/run/{int(r["id"])}">Analysis {int(r["id"])}</a> '
            f"<span class='meta'>{esc(r.get('started'))} · {esc(summary.get('articles', '?'))} articles · "
            f"{esc(paths)}</span></li>"
        )
    runs_html = (
        f"<ol reversed>{''.join(items)}</ol>"
        if items
        else "<p>No analysis stored yet: run <code>rashomon analyze PATH --out DIR --db FILE</code>.</p>"
    )
    header = f"<p class='meta'>{n_articles} articles in the store.</p>{_search_form()}"
    return page("rashomon", header, [("runs", "Analyses", runs_html)], POLICY)


def search_page(query: str, results: Sequence[Mapping[str, Any]], error: str = "", note: str = "") -> str:
    """Search results: outlet, headline, date and the matching words of each article."""
    items = []
    for r in results:
        snippet = esc(r.get("snippet")).replace("[", "<mark>").replace("]", "</mark>")
        items.append(
            f'<li><a href="/article/{quote(str(r["id"]), safe="")}">{esc(r.get("title") or r["id"])}</a> '
            f"<span class='meta'>{esc(r.get('outlet'))} · {esc(r.get('published'))}</span><br>{snippet}</li>"
        )
    if error:
        body = f'<p role="alert">{esc(error)}</p>'
    else:
        shown = f" <span class='meta'>{esc(note)}</span>" if note else ""
        body = f"<p>{len(results)} results for “{esc(query)}”.{shown}</p><ol class='results'>{''.join(items)}</ol>"
    header = _crumbs(("/", "Home")) + _search_form(query)
    return page("Search", header, [("results", "Results", body)], POLICY)


def _compare_form(view: View, run_id: int, a: str = "", b: str = "") -> str:
    def options(selected: str) -> str:
        return "".join(
            f'<option value="{esc(i)}"{" selected" if i == selected else ""}>{esc(view.name(i))}: '
            f"{esc((view.articles[i].get('title') or '')[:60])}</option>"
            for i in view.articles
        )

    return (
        f'<form class="search" method="get" action="/run/{run_id}/compare">'
        f'<label for="cmp-a">Compare</label><select id="cmp-a" name="a">{options(a)}</select>'
        f'<label for="cmp-b">with</label><select id="cmp-b" name="b">{options(b)}</select>'
        '<button type="submit">Side by side</button></form>'
    )


def story_page(run_id: int, doc: Mapping[str, Any], story_id: str | None = None) -> str:
    """One analysis run (or one story of it): every section of the report, articles linking to their pages.

    Args:
        run_id: the run.
        doc: its analysis document.
        story_id: show only this story's articles (an id from the ``stories`` section).

    Returns:
        The HTML page.

    Raises:
        KeyError: ``story_id`` is not a story of the analysis.
    """
    title = f"Analysis {run_id}"
    crumbs = [("/", "Home")]
    own: list[tuple[str, str, str]] = []
    if story_id is not None:
        story = next((s for s in doc.get("stories") or [] if str(s.get("id")) == story_id), None)
        if story is None:
            raise KeyError(story_id)
        own = _story_own_sections(run_id, doc, story)
        doc = _story_doc(doc, story)
        crumbs.append((f"/run/{run_id}", title))
        title = str(story.get("label") or story_id)
    view = make_view(doc, WebLinks(run_id))
    rendered = render_sections(view, _STORY_SECTIONS)
    listing = "".join(
        f"<li>{view.link(a)}: {esc(m.get('title'))} <span class='meta'>{esc(m.get('published'))}</span></li>"
        for a, m in view.articles.items()
    )
    ids = list(view.articles)
    form = _compare_form(view, run_id, ids[0], ids[1]) if len(ids) > 1 else ""
    rendered.insert(1, ("articles", "Articles", f"<ul>{listing}</ul>{form}"))
    # the story first, its stance after the overview and the articles it summarises
    rendered = own[:1] + rendered[:2] + own[1:] + rendered[2:]
    header = _crumbs(*crumbs) + f"<p class='meta'>{len(view.articles)} articles.</p>"
    return page(title, header, rendered, POLICY)


def _story_doc(doc: Mapping[str, Any], story: Mapping[str, Any]) -> dict[str, Any]:
    """The analysis restricted to the story's articles, its designation table the story's own."""
    out = restrict_to(doc, [str(a) for a in story.get("articles", [])])
    out.pop("stories", None)
    framing, table = out.get("framing"), story.get("designations")
    if isinstance(framing, Mapping) and isinstance(table, Mapping):
        out["framing"] = {**framing, "_table": table}  # not the corpus table sliced
    return out


def _story_own_sections(
    run_id: int, doc: Mapping[str, Any], story: Mapping[str, Any]
) -> list[tuple[str, str, str]]:
    """ "This story" (dates, outlets, key actors, link and claim counts) and its stance table.

    Rendered over the whole analysis: the story's fields point into its ``reuse`` and ``claims`` lists.
    """
    view = make_view(doc, WebLinks(run_id))
    out = [("story", "This story", story_facts(view, story))]
    stance = story_stance(view, story)
    if stance:
        out.append(("stance", "Stance toward the story's actors", stance))
    return out


_STORY_SECTIONS = (
    "overview",
    "stories",
    "reuse",
    "claims",
    "actors",
    "quotes",
    "framing",
    "timeline",
    "errors",
)


def article_page(run_id: int, doc: Mapping[str, Any], article_id: str) -> str:
    """One article of a run: labels, legend, the text with technique spans, its claims, comparisons."""
    view = make_view(doc, WebLinks(run_id))
    rendered = [("text", "Text and labels", article_view(view, article_id))]
    claims = _article_claims(view, article_id)
    if claims:
        rendered.append(("claims", "Its claims", claims))
    others = "".join(
        f'<li><a href="{esc(view.links.pair(article_id, o))}">Side by side with {esc(view.name(o))}</a></li>'
        for o in view.articles
        if o != article_id
    )
    if others:
        rendered.append(("compare", "Compare", f"<ul>{others}</ul>"))
    header = (
        _crumbs(("/", "Home"), (f"/run/{run_id}", f"Analysis {run_id}")) if run_id else _crumbs(("/", "Home"))
    )
    return page(view.name(article_id), header, rendered, POLICY)


def _article_claims(view: View, article_id: str) -> str:
    items = []
    for c in view.doc.get("claims") or []:
        member = next((m for m in c.get("members", []) if m.get("article") == article_id), None)
        if member is None:
            continue
        span = member.get("span") or [None]
        others = len(c.get("support", [])) - 1
        independent = "independent" if article_id in c.get("independent_support", []) else "copied"
        items.append(
            f"<li><span class='badge'>{esc(c.get('status'))}</span> "
            f"{view.evidence(article_id, span[0], str(member.get('text') or c.get('text')))} "
            f"<span class='meta'>{independent} here · {others} other articles · score {pct(member.get('score'))}</span></li>"
        )
    return f"<ul>{''.join(items)}</ul>" if items else ""


def compare_page(run_id: int, doc: Mapping[str, Any], a: str, b: str) -> str:
    """Two articles side by side: the run's reuse link when there is one, else a fresh lexical alignment."""
    view = make_view(doc, WebLinks(run_id))
    link, found = _pair_link(view, a, b)
    intro = (
        link_summary(view, link)
        if found
        else "<p class='meta'>The analysis found no reuse between these two articles; the passages below "
        "are aligned on shared words only, for reading them side by side.</p>"
    )
    title = f"{view.name(str(link['source']))} and {view.name(str(link['target']))}"
    heading = f"<h3>{view.link(str(link['source']))} → {view.link(str(link['target']))}</h3>"
    header = _crumbs(("/", "Home"), (f"/run/{run_id}", f"Analysis {run_id}")) + _compare_form(
        view, run_id, a, b
    )
    body = heading + intro + side_by_side(view, link, "cmp")
    return page(title, header, [("compare", "Side by side", body)], POLICY)


def _pair_link(view: View, a: str, b: str) -> tuple[Mapping[str, Any], bool]:
    for link in view.doc.get("reuse") or []:
        if {str(link.get("source")), str(link.get("target"))} == {a, b}:
            return link, True
    from rashomon.reuse.align import align_texts

    alignment = align_texts(view.text(a), view.text(b))
    link = {
        "source": a,
        "target": b,
        "passages": [
            {
                "source_span": list(p.source_span),
                "target_span": list(p.target_span),
                "similarity": p.similarity,
            }
            for p in alignment.passages
        ],
        "omissions": [list(s) for s in alignment.omissions],
        "additions": [list(s) for s in alignment.additions],
        "mutations": [],
    }
    return link, False


def message_page(title: str, message: str) -> str:
    """An error or notice page (404, 400…)."""
    return page(title, _crumbs(("/", "Home")), [("message", title, f"<p>{esc(message)}</p>")], POLICY)
