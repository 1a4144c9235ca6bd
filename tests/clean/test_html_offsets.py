"""Tests of rashomon.clean.html_offsets."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.clean.html_offsets import locate_paragraphs
from rashomon.offsets import OffsetMap


def _valid(text: str, source: str, omap: OffsetMap) -> None:
    assert omap.clean_length == len(text) and omap.raw_length == len(source)
    last_clean = last_raw = 0
    for c0, r0, n in omap.runs:
        assert n > 0 and c0 >= last_clean and r0 >= last_raw
        assert text[c0 : c0 + n] == source[r0 : r0 + n]
        last_clean, last_raw = c0 + n, r0 + n
    for offset in range(len(text) + 1):
        assert 0 <= omap.to_raw(offset) <= len(source)


def test_inline_tags_entities_and_wrapped_lines() -> None:
    source = (
        "<html><head><title>Bridge</title></head><body><p>The <a href='/b'>new bridge</a> opened\n"
        "   on Tuesday &mdash; two years late.</p><div>Costs rose to &pound;3m, officials&#39; figures show.</div>"
        "</body></html>"
    )
    paras = [
        "The new bridge opened on Tuesday — two years late.",
        "Costs rose to £3m, officials' figures show.",
    ]
    text, omap = locate_paragraphs(source, paras)
    assert text == "\n\n".join(paras)
    _valid(text, source, omap)
    start = text.index("Costs")
    raw_start, raw_end = omap.span_to_raw(start, len(text))
    assert source[raw_start:raw_end].startswith("Costs rose") and source[:raw_end].endswith("show.")
    assert source[omap.to_raw(text.index("opened")) :].startswith("opened")
    assert source[omap.to_raw(text.index("Tuesday")) :].startswith("Tuesday")
    mapped = sum(n for _, _, n in omap.runs)
    assert mapped >= len(text) - 10  # all but separators and entity-decoded characters


def test_chrome_repeat_of_a_word_does_not_anchor_the_paragraph() -> None:
    source = "<body><nav><a>Tuesday</a></nav><p>Tuesday was the hottest day of the year so far.</p></body>"
    _text, omap = locate_paragraphs(source, ["Tuesday was the hottest day of the year so far."])
    assert omap.to_raw(0) == source.index("Tuesday was")


def test_text_in_head_and_attributes_is_skipped() -> None:
    source = (
        '<html><head><script>var a = "Rain fell all night";</script></head><body>'
        '<img alt="Rain fell all night"><p>Rain fell all night in the valley.</p></body></html>'
    )
    _text, omap = locate_paragraphs(source, ["Rain fell all night in the valley."])
    assert omap.to_raw(0) == source.index("Rain fell all night in")


def test_rewritten_words_are_skipped_and_later_words_found() -> None:
    source = "<body><p>The mayor said the plan was final and would not change.</p></body>"
    para = "The mayor said the scheme was final and would not change."
    text, omap = locate_paragraphs(source, [para])
    _valid(text, source, omap)
    assert source[omap.to_raw(text.index("was final")) :].startswith("was final")


def test_paragraph_not_in_the_source_maps_nowhere_but_stays_valid() -> None:
    source = "<body><p>Something else entirely.</p></body>"
    text, omap = locate_paragraphs(source, ["Completely different words here."])
    _valid(text, source, omap)
    assert omap.runs == ()


words = st.text(alphabet="abcdéкиз&<>'’—\"", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=12), min_size=1, max_size=5))
def test_any_escaped_page_gives_a_valid_map(paragraphs: list[list[str]]) -> None:
    paras = [" ".join(ws) for ws in paragraphs]
    body = "".join(f"<p class='x'>{html.escape(p)}</p>\n<div>menu</div>" for p in paras)
    source = f"<html><body>{body}</body></html>"
    text, omap = locate_paragraphs(source, paras)
    _valid(text, source, omap)


def test_text_repeated_in_a_body_script_is_skipped() -> None:
    para = "The council approved the budget on Monday after a long debate."
    source = (
        f'<html><body><script id="state" type="application/json">{{"body": "{para}"}}</script>'
        f"<!-- {para} --><div><p>{para}</p></div></body></html>"
    )
    text, omap = locate_paragraphs(source, [para])
    _valid(text, source, omap)
    assert omap.to_raw(0) == source.index(f"<p>{para}") + 3
    assert omap.runs == ((0, source.index(f"<p>{para}") + 3, len(para)),)


def test_upper_case_and_unclosed_scripts_are_masked_too() -> None:
    para = "Rescue teams reached the village late on Sunday night."
    source = f"<BODY><SCRIPT>var s = '{para}';</Script><P>{para}</P><script>unclosed {para}"
    text, omap = locate_paragraphs(source, [para])
    _valid(text, source, omap)
    assert omap.runs == ((0, source.index(f"<P>{para}") + 3, len(para)),)
