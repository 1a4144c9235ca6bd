"""Charts as inline SVG (no script, no network): provenance graph, technique counts, stance, timeline.

Colours are SVG presentation attributes, never ``style`` attributes, so the strict Content-Security-Policy
(style only from the page's one hashed ``<style>``) still applies. Every chart has a ``<title>`` and
the same figures are available as text next to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from rashomon.report.markup import esc
from rashomon.report.view import View

__all__ = ["PALETTE", "provenance_graph", "readable", "stance_chart", "technique_chart", "timeline_chart"]

# (strong colour for bars and borders, light colour for text highlights); dark text stays readable on
# every light one (contrast ≥ 7:1 with #1d1d1f)
PALETTE: tuple[tuple[str, str], ...] = (
    ("#5b3cc4", "#e6defc"),
    ("#b3261e", "#fbdcd9"),
    ("#0b6e4f", "#d3f0e4"),
    ("#a15c00", "#fde7c8"),
    ("#0b5cad", "#d6e6f8"),
    ("#8a1c7c", "#f6d9f1"),
    ("#3b6e00", "#e2f2cc"),
    ("#6b4e16", "#efe3cb"),
    ("#006f80", "#d0eef2"),
    ("#a3004f", "#fbd6e6"),
    ("#44505e", "#e3e7ec"),
    ("#7a5c00", "#f7efc2"),
)
_W = 720  # viewBox width; the SVG scales to its container
WINDOW_BEFORE, WINDOW_AFTER = 90, 30  # days around the publication dates that the timeline chart shows


def readable(label: object) -> str:
    """A model label for people: ``Loaded_Language`` → ``Loaded Language``."""
    return str(label).replace("_", " ")


def _svg(height: int, title: str, body: str, ident: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {_W} {height}" role="img" aria-labelledby="{ident}-t">'
        f'<title id="{ident}-t">{esc(title)}</title>{body}</svg>'
    )


def _label(
    x: float, y: float, text: str, anchor: str = "start", size: int = 13, fill: str = "#1d1d1f"
) -> str:
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
        f'font-family="system-ui, sans-serif">{esc(text)}</text>'
    )


def _short(text: str, n: int = 22) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _generations(ids: Sequence[str], links: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Column of each article: sources left, the articles derived from them to the right."""
    depth = dict.fromkeys(ids, 0)
    for _ in range(len(ids)):  # longest path in a small graph; cycles stop after len(ids) rounds
        changed = False
        for link in links:
            s, t = str(link["source"]), str(link["target"])
            if link.get("relation") != "shared_source" and s in depth and t in depth and depth[t] <= depth[s]:
                depth[t] = depth[s] + 1
                changed = True
        if not changed:
            break
    return depth


def provenance_graph(view: View) -> str:
    """Who copied whom: boxes for linked articles in columns (sources left), arrows from source to copy.

    Solid arrows: the copy credits its source; dashed red: it does not; dotted grey: a shared source.
    Returns "" when the analysis has no reuse links.
    """
    links = [lk for lk in view.doc.get("reuse") or [] if lk.get("source") in view.articles]
    if not links:
        return ""
    ids = [a for a in view.articles if any(a in (lk["source"], lk["target"]) for lk in links)]
    depth = _generations(ids, links)
    columns: dict[int, list[str]] = defaultdict(list)
    for a in ids:
        columns[depth[a]].append(a)
    n_cols, n_rows = max(columns) + 1, max(len(c) for c in columns.values())
    box_w, box_h, gap_y = 190, 46, 22
    step_x = (_W - box_w - 20) / max(1, n_cols - 1)
    height = 30 + n_rows * (box_h + gap_y) + 40
    pos = {
        a: (10 + col * step_x, 30 + row * (box_h + gap_y))
        for col, members in columns.items()
        for row, a in enumerate(members)
    }
    edges = [_edge(pos, link, box_w, box_h) for link in links]
    nodes = []
    for a, (x, y) in pos.items():
        meta = view.articles[a]
        sub = str(meta.get("published") or "")[:10] or "date unknown"
        nodes.append(
            f'<a href="{esc(view.links.article(a))}"><title>{esc(view.name(a))}: {esc(meta.get("title"))}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{box_w}" height="{box_h}" rx="6" fill="#f6f7f9" stroke="#55575c"/>'
            f"{_label(x + 8, y + 19, _short(view.name(a)))}{_label(x + 8, y + 37, sub, size=11, fill='#55575c')}</a>"
        )
    legend = (
        f'<line x1="10" y1="{height - 14}" x2="40" y2="{height - 14}" stroke="#0b6e4f" stroke-width="2"/>'
        f"{_label(46, height - 10, 'credits its source', size=12)}"
        f'<line x1="190" y1="{height - 14}" x2="220" y2="{height - 14}" stroke="#b3261e" stroke-width="2" '
        f'stroke-dasharray="6 4"/>{_label(226, height - 10, "does not credit it", size=12)}'
        f'<line x1="370" y1="{height - 14}" x2="400" y2="{height - 14}" stroke="#55575c" stroke-width="2" '
        f'stroke-dasharray="2 3"/>{_label(406, height - 10, "shared source", size=12)}'
    )
    defs = (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1d1d1f"/></marker></defs>'
    )
    return _svg(
        int(height), "Provenance graph: who copied whom", defs + "".join(edges + nodes) + legend, "prov"
    )


def _edge(pos: Mapping[str, tuple[float, float]], link: Mapping[str, Any], box_w: int, box_h: int) -> str:
    (sx, sy), (tx, ty) = pos[str(link["source"])], pos[str(link["target"])]
    shared = link.get("relation") == "shared_source"
    if tx > sx:
        x1, y1, x2, y2 = sx + box_w, sy + box_h / 2, tx, ty + box_h / 2
    else:  # same column (a shared source, or a cycle): connect the boxes' sides
        x1, y1, x2, y2 = sx + box_w, sy + box_h / 2, tx + box_w, ty + box_h / 2
    mid = (x1 + x2) / 2 if tx > sx else x1 + 40
    if shared:
        colour, dash, marker = "#55575c", ' stroke-dasharray="2 3"', ""
    elif link.get("attributed"):
        colour, dash, marker = "#0b6e4f", "", ' marker-end="url(#arrow)"'
    else:
        colour, dash, marker = "#b3261e", ' stroke-dasharray="6 4"', ' marker-end="url(#arrow)"'
    label = f"{link.get('relation')} {float(link.get('coverage', 0)):.0%}"
    return (
        f'<path d="M{x1:.0f},{y1:.0f} C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {x2:.0f},{y2:.0f}" fill="none" '
        f'stroke="{colour}" stroke-width="2"{dash}{marker}/>'
        f"{_label(mid, (y1 + y2) / 2 - 4, label, 'middle', 11, colour)}"
    )


def technique_colours(view: View) -> dict[str, int]:
    """Palette index of every persuasion technique in the analysis, most frequent first."""
    counts: dict[str, int] = defaultdict(int)
    for result in view.framing.values():
        for t in result.get("techniques") or []:
            counts[str(t.get("technique"))] += 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    return {name: i % len(PALETTE) for i, name in enumerate(ranked)}


def technique_chart(view: View) -> str:
    """Stacked horizontal bars: persuasion techniques found per outlet ("" when none were looked for)."""
    colours = technique_colours(view)
    per = {a: view.framing[a].get("techniques") or [] for a in view.articles if a in view.framing}
    if not colours or not per:
        return ""
    top = max(len(v) for v in per.values()) or 1
    left, bar_h, gap = 190, 20, 10
    height = 20 + len(per) * (bar_h + gap) + 10
    body = []
    for row, (a, techniques) in enumerate(per.items()):
        y = 12 + row * (bar_h + gap)
        body.append(_label(left - 8, y + 15, _short(view.name(a), 24), "end"))
        counts: dict[str, int] = defaultdict(int)
        for t in techniques:
            counts[str(t.get("technique"))] += 1
        x = float(left)
        for name in sorted(counts, key=lambda k: colours[k]):
            w = (_W - left - 50) * counts[name] / top
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[colours[name]][0]}">'
                f"<title>{esc(readable(name))}: {counts[name]}</title></rect>"
            )
            x += w
        body.append(_label(x + 6, y + 15, str(len(techniques))))
    return _svg(int(height), "Persuasion techniques per outlet", "".join(body), "tech")


def stance_chart(view: View) -> str:
    """Diverging dots: each outlet's stance toward the story's actors, critical (left) to favourable (right)."""
    rows: list[tuple[str, str, float, str]] = []
    for a in view.articles:
        for s in view.framing.get(a, {}).get("stance") or []:
            rows.append(
                (
                    view.actor(s.get("target")),
                    view.name(a),
                    float(s.get("mean_polarity") or 0),
                    str(s.get("stance")),
                )
            )
    if not rows:
        return ""
    rows.sort(key=lambda r: (r[0], r[1]))
    targets = list(dict.fromkeys(r[0] for r in rows))
    left, mid, row_h = 300, 300 + (_W - 320) / 2, 22
    half = (_W - 320) / 2
    height = 36 + (len(rows) + len(targets)) * row_h + 10
    colours = {"critical": "#b3261e", "favourable": "#0b6e4f", "mixed": "#a15c00", "neutral": "#55575c"}
    body = [
        f'<line x1="{mid:.0f}" y1="20" x2="{mid:.0f}" y2="{height - 6}" stroke="#d5d7db"/>',
        _label(left, 14, "critical", size=11, fill="#b3261e"),
        _label(_W - 20, 14, "favourable", "end", 11, "#0b6e4f"),
    ]
    y = 36 - row_h
    current = None
    for target, outlet, pol, stance in rows:
        if target != current:  # one heading row per actor, its outlets below
            current = target
            y += row_h
            body.append(
                f'<text x="10" y="{y + 4}" font-size="13" font-weight="bold" fill="#1d1d1f" '
                f'font-family="system-ui, sans-serif">{esc(_short(target, 60))}</text>'
            )
        y += row_h
        x = mid + max(-1.0, min(1.0, pol)) * half
        body.append(_label(left - 8, y + 4, _short(outlet, 34), "end", 12))
        body.append(
            f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{colours.get(stance, "#55575c")}">'
            f"<title>{esc(outlet)} on {esc(target)}: {esc(stance)} ({pol:+.2f})</title></circle>"
        )
    return _svg(int(height), "Stance of each outlet toward the story's actors", "".join(body), "stance")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def timeline_chart(view: View) -> str:
    """One row per outlet, a dot per dated event it reports and a diamond on its publication date.

    When publication dates are known, only events from :data:`WINDOW_BEFORE` days before the first to
    :data:`WINDOW_AFTER` days after the last are drawn (the timeline table lists them all).
    """
    events = [
        (str(e.get("article")), _day(e.get("date") or e.get("start"))) for e in view.doc.get("timeline") or []
    ]
    pubs = [(a, _day(m.get("published"))) for a, m in view.articles.items()]
    published = [d for _, d in pubs if d is not None]
    if published:  # the story's weeks, not the history its articles recall ("in 1968")
        first = min(published) - timedelta(days=WINDOW_BEFORE)
        last = max(published) + timedelta(days=WINDOW_AFTER)
        events = [(a, d) for a, d in events if d is not None and first <= d <= last]
    dated = [(a, d) for a, d in events + pubs if d is not None and a in view.articles]
    if len(dated) < 2:
        return ""
    lo, hi = min(d for _, d in dated), max(d for _, d in dated)
    span = max(1, (hi - lo).days)
    left, row_h = 190, 24
    ids = list(dict.fromkeys(a for a, _ in dated))
    height = 30 + len(ids) * row_h + 24
    body = [
        _label(left, height - 6, lo.isoformat(), size=11),
        _label(_W - 10, height - 6, hi.isoformat(), "end", 11),
    ]
    for row, a in enumerate(ids):
        y = 24 + row * row_h
        body.append(_label(left - 8, y + 4, _short(view.name(a), 24), "end", 12))
        body.append(f'<line x1="{left}" y1="{y}" x2="{_W - 10}" y2="{y}" stroke="#e5e7eb"/>')
        for ea, d in events:
            if ea == a and d is not None:
                x = left + (_W - 10 - left) * (d - lo).days / span
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y}" r="4" fill="#0b5cad"><title>{d.isoformat()}</title></circle>'
                )
        pub = _day(view.articles[a].get("published"))
        if pub is not None:
            x = left + (_W - 10 - left) * (pub - lo).days / span
            body.append(
                f'<path d="M{x:.1f},{y - 7} l7,7 l-7,7 l-7,-7 z" fill="#a15c00">'
                f"<title>published {pub.isoformat()}</title></path>"
            )
    return _svg(
        int(height), "Timeline: events reported (dots) and publication dates (diamonds)", "".join(body), "tl"
    )
