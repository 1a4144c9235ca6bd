"""Property tests: spans stay inside their text, offset maps invert, no exception escapes on any text.

Covers cleaning (:func:`rashomon.clean.clean_documents`, scraped text and HTML), offset maps
(:mod:`rashomon.offsets`), alignment (:func:`rashomon.reuse.align.align_texts`, lexical) and the report's
highlighting (:mod:`rashomon.report.markup`). Example counts are bounded so the file runs in seconds.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.clean import clean_documents
from rashomon.model import Article, Failure, RawDocument
from rashomon.offsets import OffsetMap, TextBuilder, compose
from rashomon.report.markup import Highlight, highlight, paragraphs
from rashomon.reuse.align import align_texts

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text with what real scraped pages hold: letters of several scripts, digits, punctuation, hyphens at
# line ends, odd whitespace, combining marks, control characters, surrogate-free astral characters
_ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])
_WORDS = st.sampled_from(
    ["the", "council", "said", "Talvor", "совет", "заявил", "govern-", "ment", "«", "»", "—", "e\u0301",
     "\u200b", "\t", "\r", "12,000", "€", "https://x.example/a?b=1", "東京", "مرحبا", "\x00", "\ufeff"]
)  # fmt: skip
_LINE = st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=12)), max_size=25).map(" ".join)
_TEXT = st.lists(_LINE, max_size=20).map("\n".join)
_TAGS = st.sampled_from(
    ["p", "div", "span", "article", "nav", "h1", "li", "script", "a", "br", "table", "td"]
)


@st.composite
def _html(draw: st.DrawFn) -> str:
    """Tag soup: random nesting, unclosed and stray tags, entities and attributes."""
    parts: list[str] = ["<html><body>"]
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(_TAGS)
        kind = draw(st.sampled_from(["open", "close", "text", "entity", "attr"]))
        if kind == "open":
            parts.append(f"<{tag}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "entity":
            parts.append(
                draw(st.sampled_from(["&amp;", "&lt;", "&#x41;", "&nbsp;", "&bogus;", "&#99999999;"]))
            )
        elif kind == "attr":
            parts.append(f'<{tag} class="{draw(st.text(_ALPHABET, max_size=5))}">')
        else:
            parts.append(draw(_LINE))
    return "".join(parts)


def _check_article(article: Article) -> None:
    omap = article.offsets
    assert omap.clean_length == len(article.text)
    assert omap.raw_length == len(article.raw_text)
    previous_clean = previous_raw = 0
    for c0, r0, n in omap.runs:
        assert n > 0 and c0 >= previous_clean and r0 >= previous_raw, omap.runs
        assert c0 + n <= len(article.text) and r0 + n <= len(article.raw_text)
        assert article.text[c0 : c0 + n] == article.raw_text[r0 : r0 + n]  # copied verbatim
        assert omap.to_clean(r0) == c0 and omap.to_clean(r0 + n - 1) == c0 + n - 1
        assert omap.to_raw(c0) == r0
        previous_clean, previous_raw = c0 + n, r0 + n
    for start in range(0, len(article.text) + 1, max(1, len(article.text) // 7)):
        raw_start, raw_end = omap.span_to_raw(start, min(len(article.text), start + 5))
        assert 0 <= raw_start <= raw_end <= len(article.raw_text)
    assert OffsetMap.from_json(omap.to_json()) == omap


def _check_results(docs: list[RawDocument], results: list[Article | Failure]) -> None:
    assert len(results) == len(docs)
    for doc, result in zip(docs, results, strict=True):
        if isinstance(result, Failure):
            assert result.path == doc.path and result.reason
        else:
            assert result.raw_text == doc.raw_text and result.text.strip()
            _check_article(result)


@FAST
@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_cleaning_scraped_text_keeps_offsets_valid(texts: list[str]) -> None:
    docs = [RawDocument(path=f"d{i}.txt", raw_text=t, kind="text") for i, t in enumerate(texts)]
    _check_results(docs, clean_documents(docs))


@SLOW
@given(st.lists(_html(), min_size=1, max_size=2))
def test_cleaning_html_keeps_offsets_valid(pages: list[str]) -> None:
    docs = [RawDocument(path=f"d{i}.html", raw_text=p, kind="html") for i, p in enumerate(pages)]
    _check_results(docs, clean_documents(docs))


@st.composite
def _built(draw: st.DrawFn) -> tuple[str, list[tuple[str, int, int]]]:
    raw = draw(st.text(_ALPHABET, max_size=80))
    ops: list[tuple[str, int, int]] = []
    done = 0  # copies go forward through the raw text, as the cleaners do (runs never overlap)
    for _ in range(draw(st.integers(0, 10))):
        if draw(st.booleans()):
            a = draw(st.integers(done, len(raw)))
            done = draw(st.integers(a, len(raw)))
            ops.append(("copy", a, done))
        else:
            ops.append(("insert", draw(st.integers(0, 3)), 0))
    return raw, ops


def _build(raw: str, ops: list[tuple[str, int, int]]) -> tuple[str, OffsetMap]:
    builder = TextBuilder(raw)
    for op, a, b in ops:
        if op == "copy":
            builder.copy(a, b)
        else:
            builder.insert("\n" * a)
    return builder.build()


@FAST
@given(_built())
def test_offset_map_inverts_on_copied_characters(case: tuple[str, list[tuple[str, int, int]]]) -> None:
    raw, ops = case
    text, omap = _build(raw, ops)
    copied = 0
    for clean in range(len(text)):
        back = omap.to_clean(omap.to_raw(clean))
        if back is not None and text[clean] == raw[omap.to_raw(clean)] and back == clean:
            copied += 1
    assert copied == sum(n for _, _, n in omap.runs)  # every copied character, and only those
    for raw_offset in range(len(raw) + 1):
        found = omap.to_clean(raw_offset)
        assert found is None or (0 <= found < len(text) and omap.to_raw(found) == raw_offset)
    for start in range(len(text) + 1):
        for end in (start, min(len(text), start + 3)):
            raw_start, raw_end = omap.span_to_raw(start, end)
            assert 0 <= raw_start <= raw_end <= len(raw)


@FAST
@given(_built(), st.data())
def test_composed_maps_trace_to_the_innermost_text(
    case: tuple[str, list[tuple[str, int, int]]], data: st.DataObject
) -> None:
    raw, ops = case
    middle, inner = _build(raw, ops)
    outer_ops = data.draw(_built().map(lambda built: built[1]))
    outer_ops = [(op, min(a, len(middle)), min(b, len(middle))) for op, a, b in outer_ops]
    text, outer = _build(middle, outer_ops)
    chained = compose(outer, inner)
    assert chained.clean_length == len(text) and chained.raw_length == len(raw)
    for c0, r0, n in chained.runs:
        assert text[c0 : c0 + n] == raw[r0 : r0 + n]


@FAST
@given(_TEXT, _TEXT, st.floats(0.0, 1.0))
def test_alignment_spans_inside_texts(source: str, target: str, min_similarity: float) -> None:
    alignment = align_texts(source, target, min_similarity=min_similarity)
    last_source = last_target = 0
    for passage in alignment.passages:
        (s0, s1), (t0, t1) = passage.source_span, passage.target_span
        assert 0 <= s0 < s1 <= len(source) and 0 <= t0 < t1 <= len(target)
        assert s0 >= last_source and t0 >= last_target  # monotone on both sides
        last_source, last_target = s1, t1
        assert min_similarity - 1e-9 <= passage.similarity <= 1.0 + 1e-9
    for a, b in alignment.omissions:
        assert 0 <= a < b <= len(source)
    for a, b in alignment.additions:
        assert 0 <= a < b <= len(target)
    assert 0.0 <= alignment.coverage <= 1.0 and 0.0 <= alignment.source_coverage <= 1.0


class _Balance(HTMLParser):
    """Checks that every element opened is closed in order, and collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing open"

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1] == "sup"):  # footnote numbers are added, not text
            self.text.append(data)


_MARKS = st.lists(
    st.builds(
        Highlight,
        start=st.integers(-5, 120),
        end=st.integers(-5, 120),
        css=st.sampled_from(["q", "claim", 'x" onclick="y']),
        title=st.text(max_size=6),
        anchor=st.text(max_size=6),
        note=st.sampled_from(["", "1", "<b>"]),
    ),
    max_size=8,
)


def _no_markup_chars(text: str) -> str:
    return re.sub(r"[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)  # what an HTML parser drops


@FAST
@given(
    st.text(_ALPHABET, max_size=120), _MARKS, st.lists(st.tuples(st.integers(-5, 125), st.text(max_size=4)))
)
def test_highlight_is_well_formed_and_keeps_the_text(
    text: str, marks: list[Highlight], points: list[tuple[int, str]]
) -> None:
    out = highlight(text, marks, points=points)
    checker = _Balance()
    checker.feed(out)
    checker.close()
    assert checker.stack == []
    assert _no_markup_chars("".join(checker.text)) == _no_markup_chars(html.unescape(html.escape(text)))
    assert "onclick" not in re.sub(r'"[^"]*"', "", out)  # attribute values stay inside their quotes


@FAST
@given(_TEXT, _MARKS)
def test_paragraphs_keep_every_block(text: str, marks: list[Highlight]) -> None:
    out = paragraphs(text, marks)
    checker = _Balance()
    checker.feed(out)
    checker.close()
    assert checker.stack == []
    blocks = [b for b in text.split("\n\n") if b.strip()]
    assert out.count("<p>") == len(blocks)
