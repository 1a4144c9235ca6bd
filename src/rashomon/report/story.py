"""One story's own sections: its reuse links, claims, designation table and stance toward its actors.

They render the per-story fields of the ``stories`` section (docs/analysis-schema.md, written by
:mod:`rashomon.stories.report`), which reference the top-level ``reuse`` and ``claims`` lists by
position and id: render them with a :class:`View` of the whole document, not of a restricted one.
Every part renders "" when its field is absent, so an analysis made before these fields existed
still renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rashomon.report.markup import esc
from rashomon.report.sections import pct
from rashomon.report.view import View

__all__ = [
    "story_claims",
    "story_designations",
    "story_facts",
    "story_links",
    "story_parts",
    "story_stance",
]

MAX_ITEMS = 12  # links or claims listed per story; the rest are counted


def _field(story: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = story.get(name)
    return value if isinstance(value, Mapping) else {}


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def story_facts(view: View, story: Mapping[str, Any]) -> str:
    """Dates, size (and size in the store), outlets, key actors and the counts of links and claims."""
    when = " – ".join(dict.fromkeys(str(x) for x in (story.get("start"), story.get("end")) if x)) or "undated"
    size, stored = story.get("size"), story.get("size_in_store")
    earlier = f" ({esc(stored)} in the store, earlier analyses included)" if stored and stored != size else ""
    actors = story.get("entities") or story.get("actors") or []
    names = ", ".join(esc(a.get("name")) for a in actors if isinstance(a, Mapping))
    links, claims = _field(story, "reuse"), _field(story, "claims")
    items = [
        f"<li>{esc(when)} · {esc(size)} articles{earlier} · confidence {pct(story.get('confidence'))}</li>",
        f"<li>outlets: {esc(', '.join(str(o) for o in story.get('outlets') or []))}</li>"
        if story.get("outlets")
        else "",
        f"<li>key actors: {names}</li>" if names else "",
        (
            f"<li>{_n(len(links.get('links') or []), 'reuse link')} inside the story, "
            f"{esc(links.get('cross_story', 0))} to other stories</li>"
            if links
            else ""
        ),
        (
            f"<li>{_n(len(claims.get('ids') or []), 'claim group')}, "
            f"{esc(claims.get('cross_story', 0))} also stated in other stories</li>"
            if claims
            else ""
        ),
    ]
    return f"<ul class='labels'>{''.join(items)}</ul>"


def story_links(view: View, story: Mapping[str, Any]) -> str:
    """The reuse links inside the story: who copied whom, how, each linking to its side-by-side view."""
    reuse = view.doc.get("reuse")
    indices = _field(story, "reuse").get("links")
    if not isinstance(reuse, list) or not isinstance(indices, list) or not indices:
        return ""
    items = []
    for i in indices[:MAX_ITEMS]:
        if not isinstance(i, int) or not 0 <= i < len(reuse):
            continue
        link = reuse[i]
        source, target = str(link.get("source")), str(link.get("target"))
        credit = "credited" if link.get("attributed") else "not credited"
        href = view.links.pair(source, target, i)
        items.append(
            f"<li>{view.link(source)} → {view.link(target)}: {esc(link.get('relation'))}, {credit}, "
            f"covers {pct(link.get('coverage'))} <span class='meta'>confidence {pct(link.get('confidence'))}</span> "
            f'<a href="{esc(href)}">side by side</a></li>'
        )
    more = f"<p class='meta'>and {len(indices) - MAX_ITEMS} more.</p>" if len(indices) > MAX_ITEMS else ""
    return f"<h4>Who copied whom</h4><ul>{''.join(items)}</ul>{more}"


def story_claims(view: View, story: Mapping[str, Any]) -> str:
    """The story's claim groups: text, status, and how many of the story's articles state each."""
    ids = _field(story, "claims").get("ids")
    if not isinstance(ids, list) or not ids:
        return ""
    members = {str(a) for a in story.get("articles", [])}
    by_id = {str(c.get("id")): c for c in view.doc.get("claims") or [] if isinstance(c, Mapping)}
    items = []
    for cid in ids[:MAX_ITEMS]:
        claim = by_id.get(str(cid))
        if claim is None:
            continue
        inside = [a for a in claim.get("support", []) if a in members]
        independent = [a for a in claim.get("independent_support", []) if a in members]
        first = next((m for m in claim.get("members", []) if m.get("article") in members), None)
        text = esc(claim.get("text"))
        if first is not None:
            span = first.get("span") or [None]
            text = view.evidence(str(first.get("article")), span[0], str(claim.get("text")))
        items.append(
            f"<li><span class='badge'>{esc(claim.get('status'))}</span> {text} <span class='meta'>"
            f"{len(inside)} of its articles, {len(independent)} independent · score {pct(claim.get('score'))}</span></li>"
        )
    more = f"<p class='meta'>and {len(ids) - MAX_ITEMS} more.</p>" if len(ids) > MAX_ITEMS else ""
    return f"<h4>Claims</h4><ul>{''.join(items)}</ul>{more}"


def story_designations(view: View, story: Mapping[str, Any]) -> str:
    """The outlet × actor table of the words the story's outlets use for its actors."""
    table = _field(story, "designations")
    actors = table.get("actors") or []
    if not actors:
        return ""
    outlets = [str(o) for o in table.get("outlets", [])]
    raw = table.get("cells")
    cells: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    head = "".join(f"<th scope='col'>{esc(o)}</th>" for o in outlets)
    rows = []
    for actor in actors[:20]:
        by = cells.get(actor, {}) if isinstance(cells.get(actor), Mapping) else {}
        tds = "".join(f"<td>{esc(', '.join(str(w) for w in by.get(o, [])[:6])) or '·'}</td>" for o in outlets)
        rows.append(f"<tr><th scope='row'>{esc(view.actor(actor))}</th>{tds}</tr>")
    return (
        "<h4>Who calls whom what</h4>"
        f'<div class="scroll" role="region" tabindex="0" aria-label="Designations in {esc(story.get("label"))}">'
        f'<table class="matrix"><thead><tr><th scope="col">actor</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def story_stance(view: View, story: Mapping[str, Any]) -> str:
    """Each article's stance toward the story's main actors, each cell linking to its evidence sentence."""
    stance = _field(story, "stance")
    actors = [str(a) for a in stance.get("actors") or []]
    rows = [r for r in stance.get("articles") or [] if isinstance(r, Mapping)]
    if not actors or not rows:
        return ""
    head = "".join(f"<th scope='col'>{esc(view.actor(a))}</th>" for a in actors)
    body = []
    for row in rows:
        aid = str(row.get("article"))
        by = {str(s.get("target")): s for s in row.get("stances", []) if isinstance(s, Mapping)}
        tds = []
        for actor in actors:
            s = by.get(actor)
            if s is None:
                tds.append("<td class='miss'>·</td>")
                continue
            ev = (s.get("evidence") or [[None]])[0]
            label = f"{s.get('stance')} {pct(s.get('score'))}"
            tds.append(f"<td>{view.evidence(aid, ev[0] if ev else None, label)}</td>")
        body.append(f"<tr><th scope='row'>{view.link(aid)}</th>{''.join(tds)}</tr>")
    return (
        "<h4>Stance toward its actors</h4>"
        "<p class='meta'>From each article's framing; · the article names the actor too rarely to be scored.</p>"
        f'<div class="scroll" role="region" tabindex="0" aria-label="Stance in {esc(story.get("label"))}">'
        f'<table class="matrix"><thead><tr><th scope="col">article</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def story_parts(view: View, story: Mapping[str, Any]) -> str:
    """Links, claims, designations and stance of one story ("" when it has none of them)."""
    return (
        story_links(view, story)
        + story_claims(view, story)
        + story_designations(view, story)
        + story_stance(view, story)
    )
