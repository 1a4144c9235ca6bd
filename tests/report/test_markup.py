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
