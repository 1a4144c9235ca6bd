"""The library side of ``rashomon claims``: read inputs, run the claims stage (and what it uses)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.model import Article, Failure

__all__ = ["ClaimsResult", "claims_for_paths"]


@dataclass
class ClaimsResult:
    """Claim groups of a set of inputs, with the articles and the inputs that failed."""

    claims: list[dict[str, Any]]
    articles: list[Article]
    failures: list[Failure]
    timeline: list[dict[str, Any]] = field(default_factory=list)

    def labels(self) -> dict[str, str]:
        """A short name for each article id (outlet, title or file name)."""
        return {a.id: a.outlet or a.title or Path(a.path).name for a in self.articles}


def claims_for_paths(paths: Sequence[str | Path], with_timeline: bool = False) -> ClaimsResult:
    """Read ``paths`` and run ``claims`` (plus ``reuse`` and ``entities`` when registered).

    Args:
        paths: files or folders, as ``rashomon analyze`` takes them.
        with_timeline: also run the ``timeline`` stage.

    Returns:
        The claim groups, the articles read and the failed inputs.

    Raises:
        RashomonError: inputs or settings that cannot work (see the message).
    """
    from rashomon.analyze import analyze_articles, load_articles

    articles, failures = load_articles(paths)
    if not articles:
        return ClaimsResult([], [], failures)
    stages = ["claims", "timeline"] if with_timeline else ["claims"]
    results = analyze_articles(articles, stages=stages)
    return ClaimsResult(
        list(results.get("claims", [])), articles, failures, list(results.get("timeline", []))
    )
