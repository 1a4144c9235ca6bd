"""The report's sections on reuse, claims, quotes, timeline and failed inputs; no data renders "".

Each section takes a :class:`~rashomon.report.view.View` and returns HTML. Every judgement carries its
score and a link to the sentence that shows it (the article view places an anchor per sentence).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rashomon.report.markup import Highlight, esc, highlight
from rashomon.report.view import View, safe_id

__all__ = [
    "claims_section",
    "errors_section",
    "quotes_section",
    "reuse_section",
    "side_by_side",
    "timeline_section",
]


def span_of(value: Any) -> tuple[int, int] | None:
    """A ``[start, end]`` span as a tuple, None when ``value`` is not one."""
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        try:
            return int(value[0]), int(value[1])
        except (TypeError, ValueError):
            return None
    return None


def pct(value: Any) -> str:
    """A 0..1 score as a percentage ("" when missing)."""
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return ""


def _mutation_marks(mutations: Sequence[Mapping[str, Any]], side: str, prefix: str) -> list[Highlight]:
    marks = []
    for j, m in enumerate(mutations):
        span = span_of(m.get(f"{side}_span"))
        if span:
            title = f"{m.get('type')} ({pct(m.get('confidence'))}): {m.get('explanation', '')}"
            marks.append(Highlight(span[0], span[1], "mut", title, f"{prefix}-m{j}-{side[0]}", str(j + 1)))
    return marks


def _cut(text: str, span: tuple[int, int], marks: list[Highlight]) -> str:
    inner = [m for m in marks if m.start < span[1] and m.end > span[0]]
    return highlight(text[span[0] : span[1]], inner, span[0])


def side_by_side(view: View, link: Mapping[str, Any], prefix: str = "sbs") -> str:
    """The aligned passages of a reuse link as a two-column table, omissions and additions in place.

    Args:
        view: the analysis view.
        link: a ``reuse`` link (``source``, ``target``, ``passages``, ``omissions``, ``additions``,
            ``mutations``).
        prefix: a unique prefix for the element ids of the mutation marks.

    Returns:
        HTML: the table, then the list of mutations linking to their marks.
    """
    src, tgt = view.text(str(link["source"])), view.text(str(link["target"]))
    muts = list(link.get("mutations", []))
    src_marks = _mutation_marks(muts, "source", prefix)
    tgt_marks = _mutation_marks(muts, "target", prefix)
    pairs = [
        (s, t, p)
        for p in link.get("passages", [])
        if (s := span_of(p.get("source_span"))) and (t := span_of(p.get("target_span")))
    ]
    # an omission sits before the first passage that follows it in the source, an addition before the
    # first that follows it in the copy: both texts read in order down the table
    rows: list[tuple[float, str]] = [
        (
            float(i),
            f'<tr><td dir="auto">{_cut(src, s, src_marks)}</td><td class="sim">{pct(p.get("similarity"))}</td>'
            f"<td dir='auto'>{_cut(tgt, t, tgt_marks)}</td></tr>",
        )
        for i, (s, t, p) in enumerate(pairs)
    ]
    for s in filter(None, map(span_of, link.get("omissions", []))):
        at = next((i for i, (ps, _, _) in enumerate(pairs) if ps[0] >= s[1]), len(pairs))
        cell = _cut(src, s, src_marks)
        rows.append(
            (
                at - 0.5,
                f'<tr><td class="omitted" dir="auto">{cell}</td><td class="sim">omitted</td><td></td></tr>',
            )
        )
    for t in filter(None, map(span_of, link.get("additions", []))):
        at = next((i for i, (_, pt, _) in enumerate(pairs) if pt[0] >= t[1]), len(pairs))
        cell = _cut(tgt, t, tgt_marks)
        rows.append(
            (
                at - 0.25,
                f'<tr><td></td><td class="sim">added</td><td class="added" dir="auto">{cell}</td></tr>',
            )
        )
    ordered = [html for _, html in sorted(rows, key=lambda r: r[0])]
    head = (
        f"<tr><th scope='col'>{esc(view.name(str(link['source'])))} (source)</th><th scope='col'>similarity</th>"
        f"<th scope='col'>{esc(view.name(str(link['target'])))} (copy)</th></tr>"
    )
    table = (
        f'<div class="scroll" role="region" tabindex="0" aria-label="Aligned passages">'
        f'<table class="sbs"><thead>{head}</thead><tbody>{"".join(ordered)}</tbody></table></div>'
    )
    return table + _mutation_list(muts, prefix)


def _mutation_list(muts: Sequence[Mapping[str, Any]], prefix: str) -> str:
    items = []
    for j, m in enumerate(muts):
        where = []
        if span_of(m.get("source_span")):
            where.append(f'<a href="#{prefix}-m{j}-s">in the source</a>')
        if span_of(m.get("target_span")):
            where.append(f'<a href="#{prefix}-m{j}-t">in the copy</a>')
        items.append(
            f"<li><strong>{esc(m.get('type'))}</strong> <span class='badge'>confidence {pct(m.get('confidence'))}</span> "
            f"{esc(m.get('explanation'))}<br><span class='meta'>source: “{esc(m.get('source_text'))}” → copy: "
            f"“{esc(m.get('target_text'))}” · {' · '.join(where)}</span></li>"
        )
    body = "".join(items) or "<li>No change of meaning found.</li>"
    return f'<h4>What the copy changed ({len(muts)})</h4><ol class="mutations">{body}</ol>'


def link_summary(view: View, link: Mapping[str, Any]) -> str:
    """Relation, attribution, coverage, confidence and direction evidence of a reuse link."""
    attributed = (
        '<span class="badge ok">✓ credits its source</span>'
        if link.get("attributed")
        else '<span class="badge bad">✗ does not credit its source</span>'
    )
    evidence = "; ".join(str(e) for e in link.get("direction_evidence", []))
    return (
        f'<p><span class="badge">{esc(link.get("relation"))}</span>{attributed}'
        f'<span class="badge">coverage {pct(link.get("coverage"))}</span>'
        f'<span class="badge">confidence {pct(link.get("confidence"))}</span></p>'
        f'<p class="meta">Direction: {esc(evidence) or "not determined"}</p>'
    )


def reuse_section(view: View) -> str:
    """Each reuse link: who copied whom, attribution, the changes, and the side-by-side passages."""
    links = view.doc.get("reuse")
    if links is None:
        return ""
    if not links:
        return "<p>No article in this corpus copies or rewrites another.</p>"
    parts = []
    for i, link in enumerate(links):
        source, target = str(link["source"]), str(link["target"])
        pair = view.links.pair(source, target, i)
        own_page = not pair.startswith("#")
        sbs = (
            f'<p><a href="{esc(pair)}">Open side by side</a></p>'
            if own_page
            else f"<details><summary>Side by side</summary>{side_by_side(view, link, f'l{i}')}</details>"
        )
        parts.append(
            f'<article id="link-{i}" class="card"><h3>{view.link(source)} → {view.link(target)}</h3>'
            f"{link_summary(view, link)}{sbs}</article>"
        )
    return "\n".join(parts)


def _claim_cells(view: View, claim: Mapping[str, Any], ids: list[str]) -> str:
    members = {str(m.get("article")): m for m in claim.get("members", [])}
    independent = set(claim.get("independent_support", []))
    contra = {str(c.get("other_article")) for c in claim.get("contradictions", [])}
    cells = []
    for a in ids:
        if a in members:
            span = span_of(members[a].get("span"))
            symbol, word = ("●", "independent") if a in independent else ("○", "copy")
            href = view.links.article(a, view.anchor(a, span[0]) if span else "")
            cells.append(
                f'<td class="hit" title="{esc(members[a].get("text"))}"><a href="{esc(href)}">{symbol}'
                f'<span class="vh"> {word}: {esc(view.name(a))}</span></a></td>'
            )
        elif a in contra:
            cells.append('<td class="contra">✗ <small>contradicts</small></td>')
        else:
            cells.append('<td class="miss"><span aria-label="not reported">·</span></td>')
    return "".join(cells)


MATRIX_COLUMNS = 12  # more articles than this: each claim lists its outlets instead of a column each
MAX_CLAIMS = 150


def _contradictions(view: View, claim: Mapping[str, Any]) -> str:
    out = []
    for x in claim.get("contradictions", []):
        other = str(x.get("other_article"))
        where = view.evidence(other, (span_of(x.get("other_span")) or (None,))[0], view.name(other))
        out.append(
            f"<br><span class='badge bad'>✗ {esc(x.get('type'))} contradiction {pct(x.get('confidence'))}</span> "
            f"{esc(x.get('reason'))} ({where})"
        )
    return "".join(out)


def _claim_outlets(view: View, claim: Mapping[str, Any]) -> str:
    independent = set(claim.get("independent_support", []))
    items = []
    for m in claim.get("members", []):
        a = str(m.get("article"))
        span = span_of(m.get("span"))
        symbol = "●" if a in independent else "○"
        items.append(f"{symbol} {view.evidence(a, span[0] if span else None, view.name(a))}")
    return f"<td>{'<br>'.join(items)}</td>"


def claims_section(view: View) -> str:
    """The claims × outlets matrix with independent support, status and contradictions.

    With more than :data:`MATRIX_COLUMNS` articles each claim lists its outlets in one column, so the
    table still fits a laptop screen; at most :data:`MAX_CLAIMS` claims (the most supported) are shown.
    """
    claims = view.doc.get("claims")
    if not claims:
        return ""
    ids = list(view.articles)
    wide = len(ids) > MATRIX_COLUMNS
    head = (
        "<th scope='col'>reported by</th>"
        if wide
        else "".join(f"<th scope='col' class='outlet'>{view.link(a, short=18)}</th>" for a in ids)
    )
    rows = []
    for c in claims[:MAX_CLAIMS]:
        status = esc(c.get("status"))
        cells = _claim_outlets(view, c) if wide else _claim_cells(view, c, ids)
        rows.append(
            f"<tr><th scope='row' class='claim'>{esc(c.get('text'))} "
            f"<span class='meta'>score {pct(c.get('score'))}</span>"
            f"{_contradictions(view, c)}</th><td class='status {status}'>{status}<br><span class='meta'>"
            f"{len(c.get('independent_support', []))} of {len(c.get('support', []))} independent</span></td>"
            f"{cells}</tr>"
        )
    more = f"<p class='meta'>{len(claims) - MAX_CLAIMS} less supported claims are in analysis.json.</p>"
    return (
        "<p class='meta'>● independent: the article reports the claim on its own (links to the sentence); "
        "○ copy: it reports the claim in text copied from another article; ✗ it contradicts the claim.</p>"
        '<div class="scroll" role="region" tabindex="0" aria-label="Claims by outlet">'
        '<table class="matrix"><thead><tr><th scope="col">claim</th><th scope="col">status</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        + (more if len(claims) > MAX_CLAIMS else "")
    )


def _speaker(quote: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """The resolved speaker's canonical name, else the words that introduce the quote."""
    if quote.get("speaker") and str(quote["speaker"]) in names:
        return names[str(quote["speaker"])]
    said = str(quote.get("speaker_text") or "").strip()
    return f"unresolved: {said.lower() if len(said) < 5 else said}" if said else "unattributed"


def quotes_section(view: View) -> str:
    """Quotes grouped by speaker, each with its fidelity flag, confidence and a link to its sentence."""
    section = view.doc.get("quotes")
    quotes = section.get("quotes", []) if isinstance(section, Mapping) else section
    if not quotes:
        return ""
    by_speaker: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for q in quotes:
        by_speaker[_speaker(q, view.names)].append(q)
    parts = []
    ranked = sorted(by_speaker.items(), key=lambda kv: (kv[0].startswith("unresolved"), -len(kv[1]), kv[0]))
    for speaker, items in ranked[:40]:
        lis = []
        for q in items:
            flag = q.get("fidelity")
            ok = flag in ("exact", "reference")
            badge = (
                f'<span class="badge {"ok" if ok else "bad"}">{"✓" if ok else "!"} {esc(str(flag).replace("_", " "))}'
                f"{' ' + pct(q['group_similarity']) + ' alike' if 'group_similarity' in q and flag != 'reference' else ''}"
                "</span>"
                if flag
                else ""
            )
            changes = "; ".join(str(c) for c in q.get("changes", []) if c)
            kind = "direct" if q.get("direct") else "indirect"
            span = span_of(q.get("content_span"))
            start = span[0] if span else None
            said = f"“{q.get('speaker_text')}” " if q.get("speaker_text") else ""
            lis.append(
                f"<li>{badge}<span class='meta'>{esc(said)}{esc(kind)} · {view.cite(q['article'], start)}"
                f" · confidence {pct(q.get('score'))}</span> {esc(q.get('content'))}"
                f"{f'<br><span class=meta>changes: {esc(changes)}</span>' if changes and not ok else ''}</li>"
            )
        parts.append(
            f"<h3>{esc(speaker)} <span class='meta'>({len(items)})</span></h3>"
            f"<ul class='quotes'>{''.join(lis)}</ul>"
        )
    return "\n".join(parts)


def _period(start: str, end: str) -> str:
    """A date range, short when it is a whole year ("1968") or a whole month ("2022-01")."""
    if start[4:] == "-01-01" and end[:4] == start[:4] and end[4:] == "-12-31":
        return start[:4]
    if start[8:] == "01" and end[:7] == start[:7] and end[8:] in ("28", "29", "30", "31"):
        return start[:7]
    return f"{start} – {end}"


def timeline_section(view: View) -> str:
    """Dated events in date order, each linked to the sentence that dates it."""
    events = view.doc.get("timeline")
    if not events:
        return ""
    rows = []
    for e in events[:200]:
        when = e.get("date") or (
            _period(str(e["start"]), str(e.get("end") or "")) if e.get("start") else "undated"
        )
        span = span_of(e.get("span"))
        expr = e.get("expression", {}) if isinstance(e.get("expression"), Mapping) else {}
        rows.append(
            f"<tr><td>{esc(when)}<br><span class='meta'>“{esc(expr.get('text'))}”, "
            f"{esc(e.get('resolved_from'))}</span></td>"
            f"<td>{esc(e.get('text'))}</td><td>{view.cite(e['article'], span[0] if span else None)}</td></tr>"
        )
    return (
        '<table class="timeline"><thead><tr><th scope="col">date</th><th scope="col">event</th>'
        f'<th scope="col">reported by</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def errors_section(view: View) -> str:
    """Inputs that could not be analysed, with the reason."""
    errors = view.doc.get("errors")
    if not errors:
        return ""
    rows = "".join(f"<tr><td>{esc(e.get('path'))}</td><td>{esc(e.get('reason'))}</td></tr>" for e in errors)
    return (
        '<table><thead><tr><th scope="col">input</th><th scope="col">reason</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def article_anchor(article_id: str) -> str:
    """The element id of an article's block in the report."""
    return f"article-{safe_id(article_id)}"
