"""Tests for rashomon.clean.body: the body is found, chrome around it is not kept."""

from __future__ import annotations

from rashomon.clean.body import chrome_level, find_body
from rashomon.clean.lines import segment

PARA = (
    "The regional council voted on Tuesday to close the old bridge for repairs, a decision that will "
    "force thousands of commuters onto a detour for at least six months."
)
PARA2 = (
    "Engineers found cracks in two of the supporting pillars last year, and the council said it had no "
    "choice but to act before the winter storms arrive."
)
PARA3 = "Local shop owners fear that the detour will keep customers away from the town centre for months."


def _kept(raw: str) -> list[str]:
    blocks = segment(raw)
    layout = find_body(blocks, "latin")
    return [blocks[i].text for i in layout.body]


def _title(raw: str) -> str | None:
    blocks = segment(raw)
    layout = find_body(blocks, "latin")
    return blocks[layout.title].text if layout.title is not None else None


def test_navigation_title_and_related_list() -> None:
    raw = "\n\n".join(
        [
            "top of page",
            "Home",
            "Bridge to close for six months",
            PARA,
            PARA2,
            "Related stories",
            "Council approves new cycle lanes",
            "12 May 2023",
            "Cycle lanes opened on the ring road",
            "10 May 2023",
        ]
    )
    assert _kept(raw) == [PARA, PARA2]
    assert _title(raw) == "Bridge to close for six months"


def test_short_closing_paragraphs_and_subheadings_are_kept() -> None:
    raw = "\n\n".join(
        [PARA, "What happens next?", PARA2, PARA3, "We will see.", "Let us hope so.", "Comments: 0"]
    )
    assert _kept(raw) == [PARA, "What happens next?", PARA2, PARA3, "We will see.", "Let us hope so."]


def test_widget_in_another_script_and_counters_are_dropped() -> None:
    raw = "\n".join(
        [PARA, PARA2, "", "2,171 views0 comments", "コメント", "コメント機能がオフになっています。"]
    )
    assert _kept(raw) == [PARA, PARA2]


def test_question_headline_is_the_title() -> None:
    raw = "\n\n".join(["News", "Why is the bridge closing?", PARA, PARA2])
    assert _title(raw) == "Why is the bridge closing?"
    assert _kept(raw) == [PARA, PARA2]


def test_standfirst_is_kept_and_byline_is_metadata() -> None:
    standfirst = "Repairs will take at least six months and commuters face a long detour"
    raw = "\n\n".join(["Bridge to close for six months", standfirst, "By Jane Doe", PARA, PARA2])
    blocks = segment(raw)
    layout = find_body(blocks, "latin")
    assert [blocks[i].text for i in layout.body] == [standfirst, PARA, PARA2]
    assert [blocks[i].text for i in layout.head] == ["By Jane Doe"]


def test_body_continues_across_an_advertisement() -> None:
    raw = "\n\n".join([PARA, PARA2, "Advertisement", PARA3 + " " + PARA3, PARA2])
    assert _kept(raw) == [PARA, PARA2, PARA3 + " " + PARA3, PARA2]


def test_comment_section_is_not_body() -> None:
    raw = "\n\n".join(
        [
            PARA,
            PARA2,
            PARA3,
            "3 comments",
            "Peter",
            "March 3, 2024 at 6:41 pm",
            "I fully agree with this, well said.",
        ]
    )
    assert _kept(raw) == [PARA, PARA2, PARA3]


def test_author_box_after_the_body_is_dropped() -> None:
    raw = "\n\n".join(
        [
            "Bridge to close",
            "By Laura Chen",
            PARA,
            PARA2,
            "About the author",
            "Laura Chen covers transport for us.",
        ]
    )
    assert _kept(raw) == [PARA, PARA2]


def test_nothing_but_navigation_gives_no_body() -> None:
    assert _kept("Home\nNews\nSport\nWeather\nContact us") == []


def test_chrome_levels() -> None:
    blocks = segment("Comments: 4\nHome | News\n" + PARA)
    assert [chrome_level(b, "latin") for b in blocks] == [2, 1, 0]


def test_section_breaks_pull_quotes_and_teasers_inside_the_body() -> None:
    raw = "\n\n".join(
        [
            PARA,
            "***",
            PARA2,
            "Engineers found cracks in two of the supporting pillars",
            PARA3,
            "READ THE FULL STORY HERE",
            PARA,
        ]
    )
    assert _kept(raw) == [PARA, PARA2, PARA3, PARA]


def test_relative_times_and_reply_buttons_end_the_body() -> None:
    raw = "\n\n".join(
        [PARA, PARA2, "Reader comments", "truthseeker 9h", PARA3 + " " + PARA3, "Reply", PARA2 + "!"]
    )
    assert _kept(raw) == [PARA, PARA2]
