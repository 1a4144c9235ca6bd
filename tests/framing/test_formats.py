from pathlib import Path

import pytest

from rashomon.errors import InputError
from rashomon.framing.formats import (
    article_id,
    line_paragraphs,
    read_articles,
    write_st1,
    write_st2,
    write_st3,
)


def test_line_paragraphs_number_all_lines_and_skip_empty_ones() -> None:
    text = "Title here\n\nFirst para.\n   \nSecond para.\nThird.\n"
    pars = line_paragraphs(text)
    assert [n for n, _, _ in pars] == [1, 3, 5, 6]
    assert [text[a:b] for _, a, b in pars] == ["Title here", "First para.", "Second para.", "Third."]


def test_line_paragraphs_drop_carriage_returns() -> None:
    text = "A\r\n\r\nB\r\n"
    assert [text[a:b] for _, a, b in line_paragraphs(text)] == ["A", "B"]


def test_writers_produce_the_task_layout(tmp_path: Path) -> None:
    st3 = tmp_path / "st3.txt"
    assert write_st3([("7", 1, []), ("7", 3, ["Doubt", "Slogans"])], st3) == 2
    assert st3.read_text() == "7\t1\t\n7\t3\tDoubt,Slogans\n"
    st2 = tmp_path / "st2.txt"
    write_st2({"7": ["Economic", "Political"], "8": []}, st2)
    assert st2.read_text() == "7\tEconomic,Political\n8\t\n"
    st1 = tmp_path / "st1.txt"
    write_st1({"7": "opinion"}, st1)
    assert st1.read_text() == "7\topinion\n"


def test_read_articles_keys_by_id_and_rejects_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "article12.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("y", encoding="utf-8")
    assert read_articles(tmp_path) == {"12": "x"}
    assert article_id(Path("article99.txt")) == "99"
    with pytest.raises(InputError):
        article_id(Path("story.txt"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError):
        read_articles(empty)
