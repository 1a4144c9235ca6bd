"""Find reuse among input files: the library call behind ``rashomon reuse``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.model import Article, Failure

__all__ = ["ReuseResult", "find_reuse"]


@dataclass(frozen=True)
class ReuseResult:
    """Articles read, inputs that failed, and the reuse links (``ReuseLink.to_json`` dicts)."""

    articles: list[Article]
    failures: list[Failure]
    links: list[dict[str, Any]]


def find_reuse(
    paths: Sequence[str | Path],
    db_path: str | Path | None = None,
    settings: Mapping[str, Any] | None = None,
    progress: Any = None,
) -> ReuseResult:
    """Read and clean ``paths`` and run the reuse stage over them.

    Args:
        paths: files or folders (any format ``rashomon ingest`` reads).
        db_path: a store to reuse and keep the stage output in; None runs without one.
        settings: setting overrides (see :mod:`rashomon.settings`).
        progress: a ``(task, done, total)`` callback.

    Returns:
        The :class:`ReuseResult`.

    Raises:
        rashomon.errors.RashomonError: the inputs or the store cannot be used (the message says why).
    """
    from rashomon.analyze import analyze_articles, load_articles

    articles, failures = load_articles(paths, settings, progress)
    if db_path is None:
        results = analyze_articles(articles, settings, stages=["reuse"], progress=progress)
    else:
        from rashomon.store import Store

        with Store(db_path) as store:
            results = analyze_articles(articles, settings, stages=["reuse"], cache=store, progress=progress)
    return ReuseResult(articles, failures, list(results.get("reuse", [])))
