"""``rashomon classify``: run a framing model over a folder of ``article<ID>.txt`` files.

:data:`CLASSIFIERS` maps a task name to ``fn(in_dir, out_file, mentions_file) -> lines written``;
each writes the official prediction file of its shared task. The roles engineer registers ``roles``
and ``narratives`` (SemEval-2025 Task 10) here too; :data:`FORMATS` says which format each task writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rashomon.errors import ConfigError
from rashomon.framing.formats import line_paragraphs, read_articles, write_st1, write_st2, write_st3
from rashomon.framing.narratives_train import classify_narratives
from rashomon.framing.roles_train import classify_roles

__all__ = ["CLASSIFIERS", "FORMATS", "classify", "classify_frames", "classify_genre", "classify_techniques"]


def classify_techniques(in_dir: Path, out_file: Path, mentions_file: Path | None = None) -> int:
    """Write ST3 predictions: one line per non-empty line of every article, numbered over all lines.

    Args:
        in_dir: folder of ``article<ID>.txt`` files.
        out_file: the prediction file to write.
        mentions_file: unused (the signature is shared by every task).

    Returns:
        The number of lines written.
    """
    from rashomon.framing.techniques import predict_techniques

    rows: list[tuple[str, int, list[str]]] = []
    for aid, text in read_articles(in_dir).items():
        lines = line_paragraphs(text)
        found: dict[int, list[str]] = {}
        for span in predict_techniques(text):
            labels = found.setdefault(span["paragraph"], [])
            if span["technique"] not in labels:
                labels.append(span["technique"])
        rows += [(aid, number, found.get(p, [])) for p, (number, _, _) in enumerate(lines)]
    return write_st3(rows, out_file)


def classify_genre(in_dir: Path, out_file: Path, mentions_file: Path | None = None) -> int:
    """Write ST1 predictions (calibrated genre): ``<ID>\\t<label>`` per article; returns the count."""
    from rashomon.framing.genre import predict_genre

    labels = {aid: str(predict_genre(text)["label"]) for aid, text in read_articles(in_dir).items()}
    return write_st1(labels, out_file)


def classify_frames(in_dir: Path, out_file: Path, mentions_file: Path | None = None) -> int:
    """Write ST2 predictions: ``<ID>\\t<frame>,...`` per article; returns the count."""
    from rashomon.framing.frames import predict_frames

    found = {aid: [f["frame"] for f in predict_frames(text)] for aid, text in read_articles(in_dir).items()}
    return write_st2(found, out_file)


CLASSIFIERS: dict[str, Callable[[Path, Path, Path | None], int]] = {
    "techniques": classify_techniques,
    "genre": classify_genre,
    "frames": classify_frames,
    "roles": classify_roles,
    "narratives": classify_narratives,
}

# the output format of each task; a task missing here writes "semeval2023"
FORMATS: dict[str, str] = {
    "techniques": "semeval2023",
    "genre": "semeval2023",
    "frames": "semeval2023",
    "roles": "semeval2025",
    "narratives": "semeval2025",
}
FORMATS.update(roles="semeval2025", narratives="semeval2025")


def classify(task: str, fmt: str, in_dir: Path, out_file: Path, mentions_file: Path | None = None) -> int:
    """Run the classifier of ``task`` writing format ``fmt``.

    Args:
        task: a key of :data:`CLASSIFIERS`.
        fmt: ``semeval2023`` (techniques, genre, frames) or ``semeval2025`` (roles, narratives).
        in_dir: folder of ``article<ID>.txt`` files.
        out_file: the prediction file to write.
        mentions_file: entity mentions (roles only).

    Returns:
        The number of lines written.

    Raises:
        ConfigError: unknown task, or a format the task does not write.
    """
    if task not in CLASSIFIERS:
        raise ConfigError(f"unknown task {task!r}; choose one of {', '.join(sorted(CLASSIFIERS))}")
    expected = FORMATS.get(task, "semeval2023")
    if fmt != expected:
        raise ConfigError(
            f"task {task!r} writes the {expected} format, not {fmt!r}: pass --format {expected}"
        )
    return CLASSIFIERS[task](in_dir, out_file, mentions_file)
