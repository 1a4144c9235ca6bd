from pathlib import Path

import pytest

from rashomon.errors import ConfigError
from rashomon.framing.classify import CLASSIFIERS, classify
from rashomon.framing.frames import FRAMES
from rashomon.framing.genre import GENRES
from rashomon.framing.techniques import TECHNIQUES


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article101.txt").write_text(
        "A title\n\nThese lying crooks want to ruin us!\n\n\nThe vote is on Friday.\n", encoding="utf-8"
    )
    (folder / "article102.txt").write_text(
        "Another title\n\nOfficials said the bridge reopened.", encoding="utf-8"
    )
    return folder


def test_techniques_file_follows_the_template_layout(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "st3.txt"
    assert classify("techniques", "semeval2023", articles, out) == 5
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r[0], r[1]) for r in rows] == [
        ("101", "1"),
        ("101", "3"),
        ("101", "6"),
        ("102", "1"),
        ("102", "3"),
    ]
    assert all(len(r) == 3 for r in rows)
    assert all(t in TECHNIQUES for r in rows for t in r[2].split(",") if t)


def test_genre_and_frames_files(articles: Path, tmp_path: Path) -> None:
    st1, st2 = tmp_path / "st1.txt", tmp_path / "st2.txt"
    assert classify("genre", "semeval2023", articles, st1) == 2
    assert all(line.split("\t")[1] in GENRES for line in st1.read_text().splitlines())
    assert classify("frames", "semeval2023", articles, st2) == 2
    for line in st2.read_text().splitlines():
        aid, frames = line.split("\t")
        assert aid in ("101", "102") and all(f in FRAMES for f in frames.split(",") if f)


def test_unknown_task_or_format_is_a_clear_error(articles: Path, tmp_path: Path) -> None:
    assert {"techniques", "genre", "frames"} <= set(CLASSIFIERS)
    with pytest.raises(ConfigError, match="unknown task"):
        classify("sentiment", "semeval2023", articles, tmp_path / "x")
    with pytest.raises(ConfigError, match="--format semeval2023"):
        classify("genre", "semeval2025", articles, tmp_path / "x")
