"""The framing section's outlet view: per outlet, its stance toward each main actor with the sentences
that show it, and the words it uses for each actor (outlet × actor), so a reader sees at a glance
which outlets side with whom and who calls whom what."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from rashomon.report.markup import esc
from rashomon.report.sections import pct
from rashomon.report.view import View

__all__ = ["outlet_stance_table", "stance_evidence"]

MAX_ACTORS = 8
WORDS_PER_CELL = 4
STRONG = 0.5  # confidence from which a stance badge is coloured
_BADGE = {"critical": "bad", "favourable": "ok"}


def _table(view: View) -> Mapping[str, Any]:
    framing = view.doc.get("framing")
    table = framing.get("_table") if isinstance(framing, Mapping) else None
    return table if isinstance(table, Mapping) else {}


def _actors(view: View) -> list[str]:
    """The actors most outlets take a stance on or designate, most covered first."""
    seen: Counter[str] = Counter()
    for a in view.articles:
        seen.update({str(s.get("target")) for s in view.framing.get(a, {}).get("stance") or []})
    table = _table(view)
    cells = table.get("cells", {}) if isinstance(table.get("cells"), Mapping) else {}
    for actor in table.get("actors", []):
        seen[str(actor)] += len(cells.get(actor, {})) if isinstance(cells, Mapping) else 0
    return [a for a, n in seen.most_common() if n >= 2][:MAX_ACTORS]


def _words(view: View, article_id: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in view.framing.get(article_id, {}).get("designations") or []:
        if isinstance(d, Mapping):
            out[str(d.get("actor"))] = [
                str(w.get("text")) for w in d.get("words", []) if isinstance(w, Mapping)
            ]
    return out


def _cell(view: View, article_id: str, st: Mapping[str, Any] | None, words: list[str]) -> str:
    parts = []
    if st:
        ev = (st.get("evidence") or [{}])[0]
        label = f"{st.get('stance')} {float(st.get('mean_polarity') or 0):+.2f}"
        link = (
            view.evidence(article_id, ev.get("start"), label)
            if isinstance(ev, Mapping) and ev
            else esc(label)
        )
        # a weak lean is shown, but not coloured like a clear one
        cls = _BADGE.get(str(st.get("stance")), "") if float(st.get("score") or 0) >= STRONG else ""
        parts.append(f"<span class='badge {cls}' title='confidence {pct(st.get('score'))}'>{link}</span>")
    if words:
        parts.append(f"<span class='meta'>{esc(', '.join(words[:WORDS_PER_CELL]))}</span>")
    return "<br>".join(parts) or "·"


def outlet_stance_table(view: View) -> str:
    """Outlet rows × actor columns: the stance (linked to its strongest sentence) and the words used.

    Returns:
        HTML, or "" when no article has a stance or a designation.
    """
    actors = _actors(view)
    if not actors or not view.framing:
        return ""
    head = "".join(f"<th scope='col'>{esc(view.actor(a))}</th>" for a in actors)
    rows = []
    for a in view.articles:
        stances = {str(s.get("target")): s for s in view.framing.get(a, {}).get("stance") or []}
        words = _words(view, a)
        tds = "".join(f"<td>{_cell(view, a, stances.get(t), words.get(t, []))}</td>" for t in actors)
        rows.append(f"<tr><th scope='row'>{view.link(a, short=30)}</th>{tds}</tr>")
    return (
        "<h3>Each outlet on the main actors</h3><p class='meta'>Stance (polarity −1 critical … +1 "
        "favourable, linked to the sentence that shows it best) and, below it, the words the outlet uses "
        "for the actor. Groups found only through context are named by their most used words.</p>"
        '<div class="scroll" role="region" tabindex="0" aria-label="Stance and designations by outlet">'
        f'<table class="matrix"><thead><tr><th scope="col">outlet</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _evidence_item(view: View, article_id: str, st: Mapping[str, Any]) -> str:
    sentences = []
    for ev in (st.get("evidence") or [])[:3]:
        if not isinstance(ev, Mapping):
            continue
        cues = ", ".join(
            f"{esc(c.get('signal'))}: “{esc(c.get('text'))}” {float(c.get('polarity') or 0):+.2f}"
            for c in (ev.get("cues") or [])[:4]
            if isinstance(c, Mapping)
        )
        link = view.evidence(article_id, ev.get("start"), f"“{ev.get('text')}”")
        sentences.append(f"<li>{link}" + (f" <span class='meta'>({cues})</span>" if cues else "") + "</li>")
    return (
        f"<li><strong>{esc(view.actor(st.get('target')))}</strong>: {esc(st.get('stance'))} "
        f"{float(st.get('mean_polarity') or 0):+.2f} <span class='meta'>confidence {pct(st.get('score'))}</span>"
        + (f"<ul>{''.join(sentences)}</ul>" if sentences else "")
        + "</li>"
    )


def stance_evidence(view: View) -> str:
    """Per outlet, a collapsed list: each actor it takes a stance on, with the sentences and their cues."""
    blocks = []
    for a in view.articles:
        items = [
            _evidence_item(view, a, st)
            for st in view.framing.get(a, {}).get("stance") or []
            if isinstance(st, Mapping) and st.get("stance") != "neutral"
        ]
        if items:
            blocks.append(
                f"<details><summary>{esc(view.name(a))}: why ({len(items)} actors)</summary>"
                f"<ul class='labels'>{''.join(items)}</ul></details>"
            )
    return "".join(blocks)
