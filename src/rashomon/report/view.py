"""What every section renders from: the analysis document, its articles by id, and how to link.

The same sections serve two forms. In ``report.html`` every link is an anchor inside the one page
(:class:`PageLinks`); in ``rashomon serve`` articles and pairs have their own URLs (the web package
passes its own :class:`Links`).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote

from rashomon.report.markup import esc

__all__ = ["Links", "PageLinks", "View", "make_view", "safe_id"]


def safe_id(value: object) -> str:
    """``value`` reduced to characters that are safe in an HTML id and a URL fragment."""
    return quote(str(value), safe="").replace("%", "_")


class Links(Protocol):
    """Where a section's links point: anchors in one page, or URLs of the web app."""

    def article(self, article_id: str, anchor: str = "") -> str:
        """The article view, optionally at an element id inside it."""
        ...

    def pair(self, source_id: str, target_id: str, index: int | None = None) -> str:
        """The side-by-side view of two articles (``index``: the reuse link's position, when known)."""
        ...

    def story(self, story_id: str) -> str:
        """The page of one story ("" when stories have no page of their own)."""
        ...


class PageLinks:
    """Links inside the single self-contained report page."""

    def article(self, article_id: str, anchor: str = "") -> str:
        """``#anchor`` when given (the anchor is inside the article), else the article's own anchor."""
        return f"#{anchor}" if anchor else f"#article-{safe_id(article_id)}"

    def pair(self, source_id: str, target_id: str, index: int | None = None) -> str:
        """The reuse link's block in the report (the reuse section when the pair is not linked)."""
        return f"#link-{index}" if index is not None else "#reuse"

    def story(self, story_id: str) -> str:
        """No page per story inside the one report page."""
        return ""


@dataclass(frozen=True)
class View:
    """An analysis document ready to render.

    Attributes:
        doc: the analysis.json document.
        articles: its articles by id, in document order.
        links: where links point.
        framing: the ``framing`` section without its ``_table`` (per-article results by id).
        names: canonical actor names by entity id (from the ``entities`` section).
    """

    doc: Mapping[str, Any]
    articles: dict[str, Mapping[str, Any]]
    links: Links = field(default_factory=PageLinks)
    framing: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    _sentences: dict[str, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def name(self, article_id: str) -> str:
        """The outlet of an article (its title, else its file name, else its id when the outlet is unknown)."""
        a = self.articles.get(article_id, {})
        path = str(a.get("path") or "").split("#")[0].replace("\\", "/").rsplit("/", 1)[-1]
        return str(a.get("outlet") or a.get("title") or path or article_id)

    def link(self, article_id: str, anchor: str = "", label: str | None = None, short: int = 0) -> str:
        """An ``<a>`` to the article (at ``anchor``), labelled with its outlet unless ``label`` is given.

        Args:
            article_id: the article.
            anchor: an element id inside the article view.
            label: the link text (default: the outlet).
            short: cut the text to this many characters (full text in the tooltip); 0 keeps it whole.

        Returns:
            HTML.
        """
        text = self.name(article_id) if label is None else label
        if article_id not in self.articles:  # no page to link to: the name alone
            return esc(text)
        href = esc(self.links.article(article_id, anchor))
        if short and len(text) > short:
            return f'<a href="{href}" title="{esc(text)}">{esc(text[: short - 1])}…</a>'
        return f'<a href="{href}">{esc(text)}</a>'

    def actor(self, key: object) -> str:
        """An actor's name: the canonical name when ``key`` is an entity id (``person:…``), else ``key``."""
        return self.names.get(str(key), str(key))

    def sentences(self, article_id: str) -> list[tuple[int, int]]:
        """Sentence spans of an article's text (computed once per view)."""
        if article_id not in self._sentences:
            from rashomon.nlp.sentences import split_sentences

            self._sentences[article_id] = split_sentences(self.text(article_id))
        return self._sentences[article_id]

    def anchor(self, article_id: str, pos: int) -> str:
        """The element id of the sentence holding character ``pos`` (the article view places one per sentence)."""
        sents = self.sentences(article_id)
        i = bisect.bisect_right([s for s, _ in sents], pos) - 1
        start = sents[i][0] if i >= 0 else 0
        return f"s-{safe_id(article_id)}-{start}"

    def evidence(self, article_id: str, pos: int | None, label: str) -> str:
        """An ``<a>`` labelled ``label`` to the sentence of the article holding ``pos`` (the article when None)."""
        if article_id not in self.articles:  # no page to link to: the label alone
            return esc(label)
        anchor = self.anchor(article_id, pos) if pos is not None else ""
        return f'<a href="{esc(self.links.article(article_id, anchor))}">{esc(label)}</a>'

    def cite(self, article_id: object, pos: int | None) -> str:
        """An ``<a>`` naming the article's outlet, to the sentence holding ``pos``."""
        return self.evidence(str(article_id), pos, self.name(str(article_id)))

    def text(self, article_id: str) -> str:
        """The clean text of an article ("" when unknown)."""
        return str(self.articles.get(article_id, {}).get("text", ""))


def make_view(doc: Mapping[str, Any], links: Links | None = None) -> View:
    """A :class:`View` of ``doc`` (links inside one page unless ``links`` is given)."""
    articles = {str(a["id"]): a for a in doc.get("articles", []) if isinstance(a, Mapping) and "id" in a}
    raw = doc.get("framing")
    framing = (
        {str(k): v for k, v in raw.items() if not str(k).startswith("_") and isinstance(v, Mapping)}
        if isinstance(raw, Mapping)
        else {}
    )
    names = {
        str(e.get("id")): str(e.get("name"))
        for e in doc.get("entities") or []
        if isinstance(e, Mapping) and e.get("id")
    }
    return View(doc, articles, links or PageLinks(), framing, names)
