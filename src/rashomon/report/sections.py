"""The report's sections, each from its part of analysis.json; a section with no data renders ""."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rashomon.report.markup import Highlight, esc, highlight, paragraphs

__all__ = [
    "articles_section",
    "claims_section",
    "entities_section",
    "errors_section",
    "quotes_section",
    "reuse_section",
    "timeline_section",
]

Doc = Mapping[str, Any]
Articles = dict[str, Mapping[str, Any]]


def _name(articles: Articles, article_id: str) -> str:
    a = articles.get(article_id, {})
    return str(a.get("outlet") or a.get("title") or article_id)


def _link(articles: Articles, article_id: str) -> str:
    return f'<a href="#article-{esc(article_id)}">{esc(_name(articles, article_id))}</a>'


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, Sequence) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def _mutation_marks(mutations: Sequence[Mapping[str, Any]], side: str) -> list[Highlight]:
    marks = []
    for m in mutations:
        span = _span(m.get(f"{side}_span"))
        if span:
            marks.append(Highlight(span[0], span[1], "mut", f"{m.get('type')}: {m.get('explanation', '')}"))
    return marks


def _side_by_side(link: Mapping[str, Any], articles: Articles) -> str:
    src = str(articles.get(link["source"], {}).get("text", ""))
    tgt = str(articles.get(link["target"], {}).get("text", ""))
    muts = link.get("mutations", [])
    src_marks, tgt_marks = _mutation_marks(muts, "source"), _mutation_marks(muts, "target")
    rows = []
    for p in link.get("passages", []):
        s, t = _span(p.get("source_span")), _span(p.get("target_span"))
        if not s or not t:
            continue
        left = highlight(src[s[0] : s[1]], [m for m in src_marks if m.start < s[1] and m.end > s[0]], s[0])
        right = highlight(tgt[t[0] : t[1]], [m for m in tgt_marks if m.start < t[1] and m.end > t[0]], t[0])
        rows.append(
            f'<tr><td>{left}</td><td class="sim">{float(p.get("similarity", 0)):.2f}</td><td>{right}</td></tr>'
        )
    for s in link.get("omissions", []):
        span = _span(s)
        if span:
            rows.append(
                f'<tr><td class="omitted">{esc(src[span[0] : span[1]])}</td><td class="sim">omitted</td><td></td></tr>'
            )
    for s in link.get("additions", []):
        span = _span(s)
        if span:
            rows.append(
                f'<tr><td></td><td class="sim">added</td><td class="added">{esc(tgt[span[0] : span[1]])}</td></tr>'
            )
    head = (
        f"<tr><th scope='col'>{esc(_name(articles, link['source']))} (source)</th><th scope='col'>similarity</th>"
        f"<th scope='col'>{esc(_name(articles, link['target']))} (copy)</th></tr>"
    )
    return f'<table class="sbs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def reuse_section(doc: Doc, articles: Articles) -> str:
    links = doc.get("reuse")
    if links is None:
        return ""
    if not links:
        return "<p>No article in this corpus copies or rewrites another.</p>"
    parts = []
    for i, link in enumerate(links):
        attributed = (
            '<span class="badge ok">credits its source</span>'
            if link.get("attributed")
            else '<span class="badge bad">does not credit its source</span>'
        )
        muts = "".join(
            f"<li><strong>{esc(m.get('type'))}</strong>: {esc(m.get('explanation'))}"
            f"<br><span class='meta'>source: “{esc(m.get('source_text'))}” → copy: “{esc(m.get('target_text'))}”</span></li>"
            for m in link.get("mutations", [])
        )
        evidence = "; ".join(str(e) for e in link.get("direction_evidence", []))
        parts.append(
            f'<article id="link-{i}"><h3>{_link(articles, link["source"])} → {_link(articles, link["target"])}</h3>'
            f'<p><span class="badge">{esc(link.get("relation"))}</span>{attributed}'
            f'<span class="badge">coverage {float(link.get("coverage", 0)):.0%}</span></p>'
            f'<p class="meta">Direction: {esc(evidence) or "not determined"}</p>'
            f'<h4>What the copy changed ({len(link.get("mutations", []))})</h4><ul class="mutations">{muts or "<li>No change of meaning found.</li>"}</ul>'
            f"<details><summary>Side by side</summary>{_side_by_side(link, articles)}</details></article>"
        )
    return "\n".join(parts)


def claims_section(doc: Doc, articles: Articles) -> str:
    claims = doc.get("claims")
    if not claims:
        return ""
    ids = list(articles)
    head = "".join(f"<th scope='col'>{esc(_name(articles, a))}</th>" for a in ids)
    rows = []
    for c in claims:
        support = set(c.get("support", []))
        cells = "".join('<td class="hit">●</td>' if a in support else '<td class="miss">·</td>' for a in ids)
        contra = "".join(
            f"<br><span class='badge bad'>contradiction</span> {esc(x.get('reason'))}"
            for x in c.get("contradictions", [])
        )
        rows.append(
            f"<tr><td>{esc(c.get('text'))}{contra}</td><td>{esc(c.get('status'))}</td>"
            f"<td>{len(c.get('independent_support', []))} of {len(support)}</td>{cells}</tr>"
        )
    return (
        '<table class="matrix"><thead><tr><th scope="col">claim</th><th scope="col">status</th>'
        f'<th scope="col">independent sources</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def entities_section(doc: Doc, articles: Articles) -> str:
    entities = doc.get("entities")
    if not entities:
        return ""
    ranked = sorted(entities, key=lambda e: -len(e.get("mentions", [])))
    rows = []
    for e in ranked[:60]:
        outlets = sorted({_name(articles, m["article"]) for m in e.get("mentions", [])})
        rows.append(
            f"<tr><td>{esc(e.get('name'))}</td><td>{esc(e.get('type'))}</td><td>{esc(', '.join(e.get('variants', [])))}</td>"
            f"<td>{len(e.get('mentions', []))}</td><td>{esc(', '.join(outlets))}</td></tr>"
        )
    return (
        '<table><thead><tr><th scope="col">actor</th><th scope="col">type</th><th scope="col">spellings</th>'
        f'<th scope="col">mentions</th><th scope="col">outlets</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def quotes_section(doc: Doc, articles: Articles) -> str:
    section = doc.get("quotes")
    quotes = section.get("quotes", []) if isinstance(section, Mapping) else section
    if not quotes:
        return ""
    by_speaker: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for q in quotes:
        by_speaker[str(q.get("speaker_name") or q.get("speaker_text") or "unattributed")].append(q)
    parts = []
    for speaker, items in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        lis = []
        for q in items:
            flag = q.get("fidelity")
            badge = (
                f'<span class="badge {"bad" if flag not in (None, "exact") else "ok"}">{esc(flag)}</span>'
                if flag
                else ""
            )
            kind = "“”" if q.get("direct") else "indirect"
            lis.append(
                f"<li>{badge}<span class='meta'>{esc(kind)} · {_link(articles, q['article'])}</span> {esc(q.get('content'))}</li>"
            )
        parts.append(f"<h3>{esc(speaker)}</h3><ul>{''.join(lis)}</ul>")
    return "\n".join(parts)


def timeline_section(doc: Doc, articles: Articles) -> str:
    events = doc.get("timeline")
    if not events:
        return ""
    rows = "".join(
        f"<tr><td>{esc(e.get('date') or ((e.get('start') or '') + ' – ' + (e.get('end') or '')))}</td>"
        f"<td>{esc(e.get('text'))}</td><td>{_link(articles, e['article'])}</td></tr>"
        for e in events
    )
    return f'<table><thead><tr><th scope="col">date</th><th scope="col">event</th><th scope="col">reported by</th></tr></thead><tbody>{rows}</tbody></table>'


def articles_section(doc: Doc, articles: Articles) -> str:
    parts = []
    for a in doc.get("articles", []):
        meta = " · ".join(
            esc(x) for x in (a.get("outlet"), a.get("author"), a.get("published"), a.get("language")) if x
        )
        parts.append(
            f'<article class="doc" id="article-{esc(a["id"])}"><h3>{esc(a.get("title") or a["id"])}</h3>'
            f'<p class="meta">{meta}<br>from {esc(a.get("path"))} · id {esc(a["id"])}</p>'
            f'<details><summary>Text</summary><div class="text">{paragraphs(str(a.get("text", "")))}</div></details></article>'
        )
    return "\n".join(parts)


def errors_section(doc: Doc, articles: Articles) -> str:
    errors = doc.get("errors")
    if not errors:
        return ""
    rows = "".join(f"<tr><td>{esc(e.get('path'))}</td><td>{esc(e.get('reason'))}</td></tr>" for e in errors)
    return f'<table><thead><tr><th scope="col">input</th><th scope="col">reason</th></tr></thead><tbody>{rows}</tbody></table>'
