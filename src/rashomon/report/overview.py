"""The overview (outlets, dates, genre, stance, provenance graph, timeline) and the framing charts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from rashomon.report.articles import legend
from rashomon.report.charts import provenance_graph, stance_chart, technique_chart, timeline_chart
from rashomon.report.markup import esc
from rashomon.report.sections import pct
from rashomon.report.stance import outlet_stance_table, stance_evidence
from rashomon.report.view import View

__all__ = ["framing_section", "overview_section"]


def _reuse_roles(view: View) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = defaultdict(list)
    for i, link in enumerate(view.doc.get("reuse") or []):
        s, t = str(link["source"]), str(link["target"])
        pair = esc(view.links.pair(s, t, i))
        if link.get("relation") == "shared_source":
            roles[s].append(f'<a href="{pair}">shares a source with {esc(view.name(t))}</a>')
            roles[t].append(f'<a href="{pair}">shares a source with {esc(view.name(s))}</a>')
            continue
        credit = "credited" if link.get("attributed") else "uncredited"
        roles[t].append(f'<a href="{pair}">{esc(link.get("relation"))} of {esc(view.name(s))}</a> ({credit})')
        roles[s].append(f'<a href="{pair}">source of {esc(view.name(t))}</a>')
    return roles


def _genre(result: Mapping[str, Any]) -> str:
    genre = result.get("genre")
    if not isinstance(genre, Mapping) or not genre.get("label"):
        return ""
    return f"{esc(genre['label'])} {pct((genre.get('scores') or {}).get(genre['label']))}"


def _stance(view: View, result: Mapping[str, Any]) -> str:
    items = [s for s in result.get("stance") or [] if s.get("stance") not in (None, "neutral")]
    return "; ".join(
        f"{esc(s.get('stance'))} of {esc(view.actor(s.get('target')))} {pct(s.get('score'))}"
        for s in items[:3]
    )


def overview_section(view: View) -> str:
    """Outlets with date, genre, stance and reuse role; the provenance graph and the timeline chart."""
    if not view.articles:
        return "<p>No article was analysed.</p>"
    roles = _reuse_roles(view)
    framed = bool(view.framing)
    rows = []
    for a, meta in view.articles.items():
        f = view.framing.get(a, {})
        role = "<br>".join(roles.get(a, [])) or ("independent" if "reuse" in view.doc else "")
        rows.append(
            f"<tr><th scope='row'>{esc(meta.get('outlet') or 'unknown')}</th>"
            f"<td>{view.link(a, label=str(meta.get('title') or view.name(a)))}</td>"
            f"<td class='date'>{esc(str(meta.get('published') or '')[:10]) or 'unknown'}</td>"
            f"<td>{esc(meta.get('language'))}</td>"
            + (f"<td>{_genre(f)}</td><td>{_stance(view, f)}</td>" if framed else "")
            + f"<td>{role}</td></tr>"
        )
    table = (
        '<div class="scroll" role="region" tabindex="0" aria-label="Outlets"><table><thead><tr>'
        "<th scope='col'>outlet</th><th scope='col'>headline</th><th scope='col'>published</th>"
        "<th scope='col'>lang.</th>"
        + ("<th scope='col'>genre</th><th scope='col'>stance</th>" if framed else "")
        + f"<th scope='col'>reuse</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    graph = provenance_graph(view)
    timeline = timeline_chart(view)
    parts = [table]
    if graph:
        parts.append(f"<figure><figcaption>Who copied whom</figcaption>{graph}</figure>")
    if timeline:
        parts.append(f"<figure><figcaption>Timeline of the story</figcaption>{timeline}</figure>")
    return "\n".join(parts)


def framing_section(view: View) -> str:
    """Technique counts per outlet with the legend, each outlet's stance toward the actors (chart, and a
    table with the words it uses for them and the sentences that show its stance)."""
    techniques = technique_chart(view)
    stance = stance_chart(view)
    parts = [outlet_stance_table(view) + stance_evidence(view)]
    if techniques:
        parts.append(
            f"<figure><figcaption>Persuasion techniques per outlet</figcaption>{techniques}</figure>{legend(view)}"
        )
    if stance:
        parts.append(f"<figure><figcaption>Stance toward the story's actors</figcaption>{stance}</figure>")
    return "\n".join(p for p in parts if p)
