"""The SemEval-2023 Task 3 file formats: paragraphs as lines, and the three prediction files.

- ST1 (genre): ``<ID>\\t<label>`` per article.
- ST2 (frames): ``<ID>\\t<frame>,<frame>,...`` per article.
- ST3 (techniques): ``<ID>\\t<line>\\t<technique>,...`` for every non-empty line of the article,
  lines numbered from 1 over all lines, exactly as the task's ``.template`` files list them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rashomon.errors import InputError

__all__ = [
    "article_id",
    "line_paragraphs",
    "read_articles",
    "write_st1",
    "write_st2",
    "write_st3",
]

_ARTICLE_FILE = re.compile(r"^article(\w+)\.txt$")


def line_paragraphs(text: str) -> list[tuple[int, int, int]]:
    """The paragraphs of an article as the task defines them: its non-empty lines.

    Args:
        text: the article text (title on the first line).

    Returns:
        ``(line_number, start, end)`` per non-empty line; lines are numbered from 1 over all lines
        (empty ones included), ``start``/``end`` are character offsets of the line without its newline.
    """
    out: list[tuple[int, int, int]] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        end = pos + len(line)
        if line.strip():
            stripped_end = end - (1 if line.endswith("\r") else 0)
            out.append((number, pos, stripped_end))
        pos = end + 1
    return out


def article_id(path: Path) -> str:
    """The ``<ID>`` of an ``article<ID>.txt`` file.

    Raises:
        InputError: the file name does not follow the ``article<ID>.txt`` pattern.
    """
    match = _ARTICLE_FILE.match(path.name)
    if match is None:
        raise InputError(str(path), "expected a file named article<ID>.txt, as in the SemEval-2023 data")
    return match.group(1)


def read_articles(directory: Path) -> dict[str, str]:
    """The ``article<ID>.txt`` files of ``directory``, keyed by ID, in ID order.

    Raises:
        InputError: the folder does not exist or holds no ``article<ID>.txt`` file.
    """
    if not directory.is_dir():
        raise InputError(str(directory), "not a folder; pass the folder that holds the article<ID>.txt files")
    files = sorted(p for p in directory.iterdir() if _ARTICLE_FILE.match(p.name))
    if not files:
        raise InputError(str(directory), "holds no article<ID>.txt file")
    return {article_id(p): p.read_text(encoding="utf-8", errors="replace") for p in files}


def write_st1(labels: Mapping[str, str], out: Path) -> int:
    """Write genre labels as ``<ID>\\t<label>`` lines; returns the number of lines."""
    lines = [f"{aid}\t{label}" for aid, label in labels.items()]
    out.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return len(lines)


def write_st2(frames: Mapping[str, Sequence[str]], out: Path) -> int:
    """Write frames as ``<ID>\\t<frame>,...`` lines; returns the number of lines."""
    lines = [f"{aid}\t{','.join(labels)}" for aid, labels in frames.items()]
    out.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return len(lines)


def write_st3(rows: Iterable[tuple[str, int, Sequence[str]]], out: Path) -> int:
    """Write ``<ID>\\t<line>\\t<technique>,...`` lines (one per non-empty line); returns the count."""
    lines = [f"{aid}\t{number}\t{','.join(labels)}" for aid, number, labels in rows]
    out.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return len(lines)
