from __future__ import annotations

from rashomon.report.markup import Highlight, highlight, paragraphs


def test_highlight_escapes_and_marks() -> None:
    out = highlight("a <b> c", [Highlight(2, 5, "mut", 'x"y')])
    assert out == 'a <mark class="mut" title="x&quot;y">&lt;b&gt;</mark> c'


def test_overlapping_marks_stay_well_formed() -> None:
    out = highlight("abcdef", [Highlight(0, 4, "a"), Highlight(2, 6, "b"), Highlight(9, 12, "c")])
    assert out.count("<mark") == 1 and out.count("</mark>") == 1


def test_paragraph_offsets_are_kept() -> None:
    text = "First para.\n\nSecond para here."
    out = paragraphs(text, [Highlight(13, 19, "tech")])
    assert out == '<p>First para.</p>\n<p><mark class="tech">Second</mark> para here.</p>'


def test_points_and_anchored_marks_stay_well_formed() -> None:
    out = highlight(
        "one two three", [Highlight(4, 7, "tech", "t", "t-1")], points=[(0, "s0"), (5, "s5"), (13, "end")]
    )
    assert out.startswith('<span class="pt" id="s0" tabindex="-1"></span>one ')
    assert '<mark class="tech" id="t-1" tabindex="-1" title="t">t<span class="pt" id="s5"' in out
    assert out.endswith('three<span class="pt" id="end" tabindex="-1"></span>')
    assert out.count("<mark") == out.count("</mark>") == 1


def test_adjacent_marks_close_before_the_next_opens() -> None:
    out = highlight("abcd", [Highlight(0, 2, "a"), Highlight(2, 4, "b")])
    assert out == '<mark class="a">ab</mark><mark class="b">cd</mark>'


def test_points_outside_the_text_are_dropped() -> None:
    assert highlight("abc", [], offset=10, points=[(5, "x"), (20, "y")]) == "abc"
