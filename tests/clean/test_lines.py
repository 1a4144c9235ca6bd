"""Tests for rashomon.clean.lines: segmentation with offsets and per-line cues."""

from __future__ import annotations

from rashomon.clean.lines import byline_name, normalise_line, script_of, segment


def test_blocks_keep_raw_offsets() -> None:
    raw = "  Menu  \n\nA sentence that ends here.\r\nLast line"
    blocks = segment(raw)
    assert [b.text for b in blocks] == ["Menu", "A sentence that ends here.", "Last line"]
    for block in blocks:
        assert raw[block.start : block.end] == block.text


def test_hard_wrapped_paragraph_is_one_block() -> None:
    raw = "The council met on Monday and decided that the new\nbridge would be built next year.\n\nNext paragraph."
    blocks = segment(raw)
    assert len(blocks) == 2
    assert blocks[0].breaks == [(raw.index("new") + 3, raw.index("bridge"))]
    assert blocks[0].terminal


def test_byline_after_title_is_not_merged() -> None:
    raw = "River volunteers pull two tonnes of waste from the water\nby Daniel Price\nMore text."
    assert [b.text for b in segment(raw)][:2] == [
        "River volunteers pull two tonnes of waste from the water",
        "by Daniel Price",
    ]


def test_cues() -> None:
    texts = [
        "2,171 views",
        "Comments: 0",
        "12 Kommentare",
        "05, Jan, 2022 @10:13 PM",
        "By continuing to use the site, you agree to the use of cookies.",
        "Home | World | Sport",
        "Photo: Reuters",
        "Russian troops arrived in the city on Thursday morning.",
    ]
    blocks = segment("\n".join(texts))
    assert [b.counter for b in blocks] == [True, True, True, False, False, False, False, False]
    assert blocks[3].datelike and not blocks[7].datelike
    assert blocks[4].consent and not blocks[7].consent
    assert blocks[5].nav and blocks[6].credit
    assert blocks[7].prose and not blocks[5].prose


def test_script_counts() -> None:
    assert script_of("Hello мир")["cyrillic"] == 3
    assert script_of("コメント")["cjk"] == 4
    assert script_of("Café")["latin"] == 4
    assert segment("コメント機能がオフになっています。")[0].script == "cjk"


def test_byline_name() -> None:
    assert byline_name("By Jane Okafor, Regional Correspondent") == "Jane Okafor"
    assert byline_name("Written by The Frontier Post") == "The Frontier Post"
    assert byline_name("Posted on March 3, 2024 by Margaret Ellison") == "Margaret Ellison"
    assert byline_name("Автор: Ирина Соколова") == "Ирина Соколова"
    assert byline_name("By the end of the year the bridge will be finished and the road reopened.") is None
    assert byline_name("Bylines matter") is None


def test_normalise_line() -> None:
    assert normalise_line("  Comments:   12 ") == normalise_line("comments: 47")
