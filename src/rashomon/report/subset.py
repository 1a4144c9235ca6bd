"""One story out of an analysis: the document restricted to a set of articles, and the stories list."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from rashomon.report.markup import esc
from rashomon.report.sections import pct
from rashomon.report.story import story_parts
from rashomon.report.view import View

__all__ = ["restrict_to", "stories_section"]


def _keep_article(items: Any, ids: Collection[str], key: str = "article") -> list[Any]:
    return [x for x in items or [] if isinstance(x, Mapping) and str(x.get(key)) in ids]


def restrict_to(doc: Mapping[str, Any], ids: Collection[str]) -> dict[str, Any]:
    """``doc`` with only the articles in ``ids`` and the findings about them.

    Reuse links need both ends inside; a claim, an entity or a quote group is kept when one of its
    articles is inside (its members outside are dropped, its counts stay those of the whole analysis).

    Args:
        doc: an analysis document.
        ids: the article ids to keep.

    Returns:
        A new document (the input is not changed).
    """
    keep = set(ids)
    out = dict(doc)
    out["articles"] = [a for a in doc.get("articles", []) if str(a.get("id")) in keep]
    if "reuse" in doc:
        out["reuse"] = [
            lk for lk in doc["reuse"] or [] if lk.get("source") in keep and lk.get("target") in keep
        ]
    if "claims" in doc:
        out["claims"] = [
            {**c, "members": _keep_article(c.get("members"), keep)}
            for c in doc["claims"] or []
            if set(c.get("support", [])) & keep
        ]
    if "entities" in doc:
        out["entities"] = [
            {
                **e,
                "mentions": _keep_article(e.get("mentions"), keep),
                "by_article": {a: v for a, v in (e.get("by_article") or {}).items() if a in keep},
            }
            for e in doc["entities"] or []
            if any(str(m.get("article")) in keep for m in e.get("mentions", []))
        ]
    quotes = doc.get("quotes")
    if isinstance(quotes, Mapping):
        out["quotes"] = {**quotes, "quotes": _keep_article(quotes.get("quotes"), keep)}
    if "timeline" in doc:
        out["timeline"] = _keep_article(doc["timeline"], keep)
    framing = doc.get("framing")
    if isinstance(framing, Mapping):
        out["framing"] = {k: v for k, v in framing.items() if k in keep or k.startswith("_")}
    return out


def _counts(story: Mapping[str, Any]) -> str:
    """`` · N with earlier analyses · N links · M claims`` from the story's per-story fields ("" when absent)."""
    links, claims = story.get("reuse"), story.get("claims")
    stored, size = story.get("size_in_store"), story.get("size")
    out = f" · {stored} with earlier analyses" if stored and size and stored != size else ""
    if isinstance(links, Mapping):
        out += f" · {len(links.get('links') or [])} links"
    if isinstance(claims, Mapping):
        out += f" · {len(claims.get('ids') or [])} claims"
    return esc(out)


def stories_section(view: View) -> str:
    """The stories the articles form (label, dates, main actors, members), when there is more than one.

    Each story shared by several articles opens onto its own links, claims, designations and stance
    (:mod:`rashomon.report.story`). Stories of one article are listed together on one line, after the
    stories shared by several.
    """
    stories = view.doc.get("stories")
    if not isinstance(stories, list) or len(stories) < 2:
        return ""
    items = []
    alone: list[str] = []
    for s in stories:
        members = [str(a) for a in s.get("articles", []) if a in view.articles]
        if len(members) < 2:
            alone.extend(view.link(a, short=40) for a in members)
            continue
        actors = ", ".join(str(a.get("name")) for a in s.get("actors", []) if isinstance(a, Mapping))
        when = " – ".join(str(x) for x in (s.get("start"), s.get("end")) if x) or "undated"
        href = view.links.story(str(s.get("id")))
        title = f'<a href="{esc(href)}">{esc(s.get("label"))}</a>' if href else esc(s.get("label"))
        parts = story_parts(view, s)
        details = (
            f"<details><summary>Links, claims, designations, stance</summary>{parts}</details>"
            if parts
            else ""
        )
        items.append(
            f"<li><strong>{title}</strong> <span class='meta'>{len(members)} articles · {esc(when)} · "
            f"confidence {pct(s.get('confidence'))}{_counts(s)}</span><br><span class='meta'>{esc(actors)}</span><br>"
            f"{', '.join(view.link(a, short=30) for a in members)}{details}</li>"
        )
    shared = (
        f"<ul class='stories'>{''.join(items)}</ul>"
        if items
        else "<p>No two articles tell the same story.</p>"
    )
    single = f"<p class='meta'>Articles that share no story: {', '.join(alone)}</p>" if alone else ""
    return shared + single
