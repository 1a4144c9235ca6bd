"""Input paths to the files they name: folders walked recursively in a fixed order, loops caught."""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rashomon.model import Failure

__all__ = ["InputFile", "iter_files"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InputFile:
    """A regular file to read.

    Attributes:
        path: where to open it.
        name: how to name it in results: the path as the user wrote it, joined with the names walked.
    """

    path: Path
    name: str


def iter_files(paths: Sequence[str | Path]) -> Iterator[InputFile | Failure]:
    """The files under ``paths``, in a deterministic order.

    Each given path is taken in the order given; a folder is walked recursively with its entries
    sorted by name. Hidden entries (names starting with ``.``) inside folders are skipped; a path
    given explicitly is read even when hidden. Symbolic links are followed, except one that leads
    back into a folder being walked (a loop), which is reported once as a Failure; a folder reached
    twice through different links is read once.

    Args:
        paths: files and folders.

    Yields:
        An :class:`InputFile` per file, a :class:`Failure` per path that cannot be walked.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        name = str(given)
        try:
            info = path.stat()
        except OSError as exc:
            yield Failure(name, _stat_reason(exc))
            continue
        if path.is_dir():
            yield from _walk_dir(path, name, (), seen_dirs, info)
        else:
            yield InputFile(path, name)


def _walk_dir(
    path: Path,
    name: str,
    ancestors: tuple[tuple[int, int], ...],
    seen_dirs: set[tuple[int, int]],
    info: os.stat_result,
) -> Iterator[InputFile | Failure]:
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        yield Failure(
            name, "a symbolic link loop: this folder links back to a folder that contains it; remove the link"
        )
        return
    if key in seen_dirs:
        logger.debug("%s: already walked through another link", name)
        return
    seen_dirs.add(key)
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(name, f"cannot list the folder ({exc.strerror}); check its permissions")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child_name = os.path.join(name, entry.name)
        child = Path(entry.path)
        try:
            child_info = child.stat()
        except OSError as exc:
            yield Failure(child_name, _stat_reason(exc))
            continue
        if child.is_dir():
            yield from _walk_dir(child, child_name, (*ancestors, key), seen_dirs, child_info)
        elif child.is_file():
            yield InputFile(child, child_name)
        else:
            logger.debug("%s: not a regular file (device, socket or pipe); skipped", child_name)


def _stat_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop: the link points (through other links) back to itself; remove it"
    if exc.errno == errno.ENOENT:
        return "no such file or folder (or a symbolic link to one that is gone); check the path"
    if exc.errno == errno.EACCES:
        return "permission denied; make the file readable (chmod +r) or run as its owner"
    return f"cannot open it ({exc.strerror}); check the path"
