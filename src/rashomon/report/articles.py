"""Actors (designations, roles, spellings) and the article view (text with technique spans and labels)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rashomon.report.charts import PALETTE, readable, technique_colours
from rashomon.report.markup import Highlight, esc, paragraphs
from rashomon.report.sections import article_anchor, pct, span_of
from rashomon.report.view import View, safe_id

__all__ = ["actors_section", "article_view", "articles_section", "legend"]


def _designations_table(view: View) -> str:
    table = (
        (view.doc.get("framing") or {}).get("_table")
        if isinstance(view.doc.get("framing"), Mapping)
        else None
    )
    if not isinstance(table, Mapping) or not table.get("actors"):
        return ""
    outlets = list(dict.fromkeys(str(o) for o in table.get("outlets", [])))
    cells = table.get("cells", {})
    head = "".join(f"<th scope='col'>{esc(o)}</th>" for o in outlets)
    rows = []
    for actor in table["actors"][:40]:
        by = cells.get(actor, {}) if isinstance(cells, Mapping) else {}
        tds = "".join(f"<td>{esc(', '.join(str(w) for w in by.get(o, [])[:6])) or '·'}</td>" for o in outlets)
        rows.append(f"<tr><th scope='row'>{esc(actor)}</th>{tds}</tr>")
    return (
        "<h3>Who calls whom what</h3><p class='meta'>The words each outlet uses for each actor, most frequent first.</p>"
        '<div class="scroll" role="region" tabindex="0" aria-label="Designations by outlet">'
        f'<table class="matrix"><thead><tr><th scope="col">actor</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _roles_table(view: View) -> str:
    rows = []
    for a in view.articles:
        for r in view.framing.get(a, {}).get("roles") or []:
            ev = (r.get("evidence") or [{}])[0]
            where = view.evidence(a, ev.get("start"), "evidence") if isinstance(ev, Mapping) else ""
            fine = ", ".join(str(f) for f in r.get("fine_roles", []))
            rows.append(
                f"<tr><td>{esc(view.actor(r.get('entity')))}</td><td>{view.link(a)}</td><td>{esc(r.get('role'))}"
                f"<br><span class='meta'>{esc(fine)}</span></td><td>{pct(r.get('score'))}</td><td>{where}</td></tr>"
            )
    if not rows:
        return ""
    return (
        "<h3>Roles</h3><table><thead><tr><th scope='col'>actor</th><th scope='col'>outlet</th>"
        "<th scope='col'>role</th><th scope='col'>confidence</th><th scope='col'>shown by</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _ranked_entities(view: View) -> list[Mapping[str, Any]]:
    entities = [e for e in view.doc.get("entities") or [] if isinstance(e, Mapping)]
    return sorted(
        entities,
        key=lambda e: (-len(e.get("articles") or e.get("by_article") or []), -len(e.get("mentions", []))),
    )


def _spellings_table(view: View) -> str:
    """Outlet × actor: the names each article uses for the actors two or more articles mention."""
    shared = [e for e in _ranked_entities(view) if len(e.get("by_article") or {}) >= 2][:25]
    if not shared:
        return ""
    ids = list(view.articles)
    head = "".join(f"<th scope='col' class='outlet'>{view.link(a, short=18)}</th>" for a in ids)
    rows = []
    for e in shared:
        by = e.get("by_article") or {}
        tds = "".join(f"<td>{esc(', '.join(str(v) for v in by.get(a, []))) or '·'}</td>" for a in ids)
        rows.append(
            f"<th scope='row'>{esc(e.get('name'))} <span class='meta'>{esc(e.get('type'))}</span></th>{tds}"
        )
    return (
        "<h3>How each outlet names the actors</h3>"
        '<div class="scroll" role="region" tabindex="0" aria-label="Names by outlet">'
        f'<table class="matrix names"><thead><tr><th scope="col">actor</th>{head}</tr></thead>'
        f"<tbody>{''.join(f'<tr>{r}</tr>' for r in rows)}</tbody></table></div>"
    )


def _entities_table(view: View) -> str:
    entities = _ranked_entities(view)
    if not entities:
        return ""
    rows = []
    for e in entities[:40]:
        first = next(iter(e.get("mentions", [])), None)
        where = view.evidence(str(first["article"]), first.get("start"), "first mention") if first else ""
        descriptors = ", ".join(str(d) for d in e.get("descriptors", [])[:4])
        rows.append(
            f"<tr><td>{esc(e.get('name'))}<br><span class='meta'>{esc(descriptors)}</span></td>"
            f"<td>{esc(e.get('type'))}</td><td>{esc(', '.join(str(v) for v in e.get('variants', [])[:6]))}</td>"
            f"<td>{len(e.get('mentions', []))} in {len(e.get('by_article') or {})}</td>"
            f"<td>{pct(e.get('score'))}</td><td>{where}</td></tr>"
        )
    return (
        "<details><summary>All actors</summary><table><thead><tr><th scope='col'>actor</th>"
        "<th scope='col'>type</th><th scope='col'>spellings</th><th scope='col'>mentions in articles</th>"
        "<th scope='col'>merge confidence</th><th scope='col'>evidence</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def actors_section(view: View) -> str:
    """Designations (outlet × actor), names per outlet, roles per article, and every actor with its evidence."""
    return _designations_table(view) + _spellings_table(view) + _roles_table(view) + _entities_table(view)


def legend(view: View, techniques: list[Mapping[str, Any]] | None = None) -> str:
    """The colour legend of persuasion techniques (of one article when ``techniques`` is given)."""
    colours = technique_colours(view)
    names = colours if techniques is None else {str(t.get("technique")) for t in techniques}
    items = "".join(
        f'<li><span class="swatch t{colours[n]}" aria-hidden="true"></span>{esc(readable(n))}</li>'
        for n in sorted(names, key=lambda k: colours.get(k, 0))
        if n in colours
    )
    return f'<ul class="legend" aria-label="Persuasion techniques">{items}</ul>' if items else ""


def _scored(items: Any, key: str, limit: int) -> str:
    return ", ".join(
        f"{esc(readable(x.get(key)))} {pct(x.get('score'))}"
        for x in list(items or [])[:limit]
        if isinstance(x, Mapping)
    )


def _article_labels(view: View, article_id: str) -> list[str]:
    """Genre, narratives, frames and stance of one article, each with its confidence."""
    f = view.framing.get(article_id, {})
    out = []
    genre = f.get("genre")
    if isinstance(genre, Mapping) and genre.get("label"):
        score = (genre.get("scores") or {}).get(genre["label"])
        out.append(f"<li>genre: <strong>{esc(genre['label'])}</strong> {pct(score)}</li>")
    narratives = f.get("narratives")
    if isinstance(narratives, Mapping) and narratives.get("narratives"):
        out.append(f"<li>narratives: {_scored(narratives['narratives'], 'narrative', 3)}</li>")
    if f.get("frames"):
        out.append(f"<li>frames: {_scored(f['frames'], 'frame', 4)}</li>")
    for st in f.get("stance") or []:
        ev = (st.get("evidence") or [{}])[0]
        link = (
            view.evidence(article_id, ev.get("start"), "evidence") if isinstance(ev, Mapping) and ev else ""
        )
        out.append(
            f"<li>stance toward {esc(view.actor(st.get('target')))}: <strong>{esc(st.get('stance'))}</strong> "
            f"{pct(st.get('score'))} {link}</li>"
        )
    return out


def _designation_labels(view: View, article_id: str) -> list[str]:
    """The words the article uses for each actor, each linking to where it first uses them."""
    out = []
    for d in view.framing.get(article_id, {}).get("designations") or []:
        words = [
            view.evidence(article_id, (span_of(w.get("span")) or (None,))[0], f"“{w.get('text')}”")
            + (f" ×{int(w['count'])}" if int(w.get("count") or 1) > 1 else "")
            for w in d.get("words", [])
            if isinstance(w, Mapping)
        ]
        if words:
            out.append(f"<li>calls {esc(view.actor(d.get('actor') or 'a group'))}: {', '.join(words)}</li>")
    return out


def _labels(view: View, article_id: str, techniques: list[Mapping[str, Any]]) -> str:
    """The side panel: technique labels (linking to their spans), article labels, names used."""
    tech = [
        f'<li><a href="{esc(view.links.article(article_id, f"t-{safe_id(article_id)}-{i}"))}">'
        f"{esc(readable(t.get('technique')))}</a> {pct(t.get('score'))}: “{esc(t.get('text'))}”</li>"
        for i, t in enumerate(techniques)
    ]
    parts = []
    if tech:
        parts.append(f"<h4>Persuasion techniques ({len(tech)})</h4><ul class='labels'>{''.join(tech)}</ul>")
    article = _article_labels(view, article_id)
    if article:
        parts.append(f"<h4>The article</h4><ul class='labels'>{''.join(article)}</ul>")
    names = _designation_labels(view, article_id)
    if names:
        parts.append(
            f"<details><summary>Names it uses ({len(names)})</summary><ul class='labels'>{''.join(names)}</ul></details>"
        )
    if not parts:
        return ""
    return f'<aside class="labels" aria-label="Labels of this article">{"".join(parts)}</aside>'


def article_view(view: View, article_id: str, open_text: bool = True) -> str:
    """One article: metadata, the text with technique spans, and beside it the labels with their evidence.

    Args:
        view: the analysis view.
        article_id: the article to show.
        open_text: show the text expanded (else inside a collapsed ``<details>``).

    Returns:
        HTML of an ``<article>`` element with id ``article-<id>``.
    """
    a = view.articles[article_id]
    techniques = list(view.framing.get(article_id, {}).get("techniques") or [])
    marks = _technique_marks(view, article_id, techniques)
    quotes = _quote_marks(view, article_id, marks)
    points = [(s, f"s-{safe_id(article_id)}-{s}") for s, _ in view.sentences(article_id)]
    meta = " · ".join(
        esc(x) for x in (a.get("outlet"), a.get("author"), a.get("published"), a.get("language")) if x
    )
    lang = str(a.get("language") or "")
    lang_attr = f' lang="{esc(lang)}"' if lang and lang != "und" else ""
    # dir=auto: right-to-left scripts (Arabic, Hebrew) lay out correctly in the same page
    text = paragraphs(view.text(article_id), marks + quotes, points)
    body = f'<div class="text" dir="auto"{lang_attr}>{text}</div>'
    note = _technique_note(view, article_id, techniques)
    quote_key = (
        '<p class="meta"><mark class="quote">underlined</mark>: a quote (its speaker and fidelity on hover)</p>'
        if quotes
        else ""
    )
    return (
        f'<article class="doc" id="{article_anchor(article_id)}" aria-labelledby="{article_anchor(article_id)}-h">'
        f'<h3 id="{article_anchor(article_id)}-h">{esc(a.get("title") or "(no headline)")}</h3>'
        f'<p class="meta">{meta}<br>from {esc(a.get("path"))} · id {esc(article_id)}</p>'
        f"{legend(view, techniques)}{quote_key}{note}"
        f'<div class="doc-body">{body if open_text else f"<details><summary>Text</summary>{body}</details>"}'
        f"{_labels(view, article_id, techniques)}</div></article>"
    )


def _technique_note(view: View, article_id: str, techniques: list[Mapping[str, Any]]) -> str:
    """Why an article shows no technique span: none found, or not looked for (no model installed)."""
    if "framing" not in view.doc or techniques:
        return ""
    if view.framing.get(article_id, {}).get("techniques") is None:
        return "<p class='meta'>Persuasion techniques were not looked for: the techniques model is not installed.</p>"
    return "<p class='meta'>No persuasion technique was found in this article.</p>"


def _technique_marks(view: View, article_id: str, techniques: list[Mapping[str, Any]]) -> list[Highlight]:
    colours = technique_colours(view)
    return [
        Highlight(
            int(t["start"]),
            int(t["end"]),
            f"tech t{colours.get(str(t.get('technique')), 0)}",
            f"{readable(t.get('technique'))} ({pct(t.get('score'))})",
            f"t-{safe_id(article_id)}-{i}",
        )
        for i, t in enumerate(techniques)
        if span_of([t.get("start"), t.get("end")])
    ]


def _quote_marks(view: View, article_id: str, techniques: list[Highlight]) -> list[Highlight]:
    """Quotes of the article, under the technique spans (a quote overlapping one is not marked)."""
    section = view.doc.get("quotes")
    quotes = section.get("quotes", []) if isinstance(section, Mapping) else section or []
    marks = []
    for q in quotes:
        span = span_of(q.get("content_span")) if q.get("article") == article_id else None
        if span is None or any(t.start < span[1] and t.end > span[0] for t in techniques):
            continue
        fidelity = f", {q.get('fidelity')}" if q.get("fidelity") else ""
        title = f"quote of {q.get('speaker_text') or 'an unknown speaker'}{fidelity} ({pct(q.get('score'))})"
        marks.append(Highlight(span[0], span[1], "quote", title))
    return marks


def articles_section(view: View) -> str:
    """Every article's view (text collapsed; links into it open on the sentence they point to)."""
    return "\n".join(article_view(view, a, open_text=True) for a in view.articles)


def palette_css() -> str:
    """CSS classes ``t0``… for technique highlights and legend swatches."""
    return "\n".join(
        f"mark.t{i} {{ background:{light}; border-bottom:2px solid {strong}; }} "
        f".swatch.t{i} {{ background:{strong}; }}"
        for i, (strong, light) in enumerate(PALETTE)
    )
