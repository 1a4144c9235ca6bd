"""The report page: one HTML file, CSS inline (hashed in the CSP), no script, readable offline on a laptop.

The same page frame (:func:`page`) is used by ``rashomon serve``; only the links and the
``form-action`` of the Content-Security-Policy differ.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from rashomon.report import articles, overview, sections, subset
from rashomon.report.markup import esc
from rashomon.report.view import Links, View, make_view

__all__ = ["CSP", "SECTIONS", "csp", "page", "render_report", "render_sections", "stylesheet"]

log = logging.getLogger(__name__)

Renderer = Callable[[View], str]

# (anchor, title, renderer); a section renders "" when its data is absent
SECTIONS: tuple[tuple[str, str, Renderer], ...] = (
    ("overview", "Overview", overview.overview_section),
    ("stories", "Stories", subset.stories_section),
    ("reuse", "Who copied whom", sections.reuse_section),
    ("claims", "Claims × outlets", sections.claims_section),
    ("actors", "Actors", articles.actors_section),
    ("quotes", "Quotes by speaker", sections.quotes_section),
    ("framing", "Framing", overview.framing_section),
    ("timeline", "Timeline", sections.timeline_section),
    ("articles", "Articles", articles.articles_section),
    ("errors", "Inputs that failed", sections.errors_section),
)


@cache
def stylesheet() -> str:
    """The page CSS: the packaged ``assets/report.css`` plus the technique palette."""
    base = resources.files("rashomon.report").joinpath("assets/report.css").read_text(encoding="utf-8")
    return base + articles.palette_css() + "\n"


def csp(form_action: str = "'none'", header: bool = False) -> str:
    """The Content-Security-Policy: nothing loads or runs; only the page's own ``<style>`` applies.

    Args:
        form_action: sources forms may submit to (``'self'`` for the web app's search form).
        header: the policy goes in an HTTP header, so ``frame-ancestors`` (ignored in ``<meta>``) is added.

    Returns:
        The policy, for a ``<meta http-equiv>`` or a response header.
    """
    digest = base64.b64encode(hashlib.sha256(stylesheet().encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; "
        f"form-action {form_action}" + ("; frame-ancestors 'none'" if header else "")
    )


CSP = csp()


def render_sections(view: View, wanted: tuple[str, ...] | None = None) -> list[tuple[str, str, str]]:
    """``(anchor, title, html)`` of every section with data (of those in ``wanted``, when given)."""
    out = []
    for anchor, title, render in SECTIONS:
        if wanted is not None and anchor not in wanted:
            continue
        try:
            html = render(view)
        except Exception as exc:  # one malformed section must not cost the whole report
            log.warning("report section %s could not be rendered", anchor, exc_info=True)
            html = f'<p role="alert">This section could not be shown ({esc(type(exc).__name__)}: {esc(exc)}).</p>'
        if html:
            out.append((anchor, title, html))
    return out


def page(title: str, header: str, rendered: list[tuple[str, str, str]], policy: str = CSP) -> str:
    """A whole HTML page: skip link, header with a table of contents, one ``<section>`` per part.

    Args:
        title: the document title (escaped here).
        header: HTML placed in the header under the ``<h1>`` (already escaped by the caller).
        rendered: ``(anchor, title, html)`` sections.
        policy: the Content-Security-Policy for the ``<meta>`` element.

    Returns:
        The HTML document.
    """
    toc = "".join(f'<li><a href="#{anchor}">{esc(t)}</a></li>' for anchor, t, _ in rendered)
    body = "\n".join(
        f'<section id="{anchor}" aria-labelledby="{anchor}-h"><h2 id="{anchor}-h">{esc(t)}</h2>\n{html}</section>'
        for anchor, t, html in rendered
    )
    nav = f'<nav class="toc" aria-label="Sections"><ul>{toc}</ul></nav>' if len(rendered) > 1 else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title><style>{stylesheet()}</style></head>
<body><a class="skip" href="#content">Skip to content</a>
<header class="top"><h1>{esc(title)}</h1>{header}{nav}</header>
<main><div id="content" tabindex="-1">{body}</div></main></body></html>
"""


def render_report(doc: Mapping[str, Any], links: Links | None = None) -> str:
    """The HTML report of an analysis.json document.

    Args:
        doc: the analysis document (docs/analysis-schema.md); sections without data are left out.
        links: where links point; anchors inside the page when None.

    Returns:
        The self-contained HTML page.
    """
    view = make_view(doc, links)
    outlets = sorted({str(a["outlet"]) for a in view.articles.values() if a.get("outlet")})
    unknown = sum(1 for a in view.articles.values() if not a.get("outlet"))
    gen = doc.get("generator", {})
    header = (
        f'<p class="meta">{len(view.articles)} articles from {len(outlets)} named outlets: {esc(", ".join(outlets))}'
        f"{f' and {unknown} of unknown outlet' if unknown else ''}. "
        f"Generated by rashomon {esc(gen.get('version', ''))}, schema {esc(doc.get('schema_version', ''))}"
        f"{', ' + esc(doc.get('created')) if doc.get('created') else ''}.</p>"
    )
    return page("rashomon report", header, render_sections(view))
