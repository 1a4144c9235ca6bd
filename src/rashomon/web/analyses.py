"""Analysis documents kept in the store, so ``rashomon serve`` can show every past run.

``rashomon analyze`` saves its analysis.json document as the finding
``("analysis", "analysis.v1", "<run id>")``. Article texts are left out (the store already holds them)
and put back from the ``articles`` table when the document is loaded.

Example:
    >>> with Store("rashomon.db") as store:  # doctest: +SKIP
    ...     save_analysis(store, run_id, doc)
    ...     load_analysis(store, run_id)["articles"][0]["text"]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rashomon.store import Store

__all__ = ["ANALYSIS_STAGE", "ANALYSIS_VERSION", "analysis_runs", "load_analysis", "save_analysis"]

ANALYSIS_STAGE = "analysis"
ANALYSIS_VERSION = "analysis.v1"


def save_analysis(store: Store, run_id: int, doc: Mapping[str, Any]) -> None:
    """Keep the analysis document of run ``run_id`` in the store (without the article texts).

    Args:
        store: a writable store.
        run_id: the run that produced ``doc``.
        doc: the analysis.json document.

    Raises:
        rashomon.errors.StoreError: the store is read-only or the document is not JSON-ready.
    """
    slim = dict(doc)
    slim["articles"] = [{k: v for k, v in a.items() if k != "text"} for a in doc.get("articles", [])]
    store.put_finding(ANALYSIS_STAGE, ANALYSIS_VERSION, str(run_id), slim)


def load_analysis(store: Store, run_id: int) -> dict[str, Any] | None:
    """The analysis document of run ``run_id`` with article texts from the store, or None.

    Args:
        store: the store (read-only is fine).
        run_id: a run id.

    Returns:
        The document; an article no longer in the store keeps an empty text.
    """
    doc = store.get_finding(ANALYSIS_STAGE, ANALYSIS_VERSION, str(run_id))
    if not isinstance(doc, dict):
        return None
    ids = [str(a["id"]) for a in doc.get("articles", []) if isinstance(a, Mapping) and "id" in a]
    texts = {a.id: a.text for a in store.articles(ids)}
    doc["articles"] = [{**a, "text": texts.get(str(a.get("id")), "")} for a in doc.get("articles", [])]
    return doc


def analysis_runs(store: Store) -> list[dict[str, Any]]:
    """Runs that saved an analysis document, newest first (the ``runs`` rows of the store)."""
    runs = [r for r in store.runs() if r.get("command") == "analyze"]
    found = [r for r in runs if store.get_finding(ANALYSIS_STAGE, ANALYSIS_VERSION, str(r["id"])) is not None]
    return sorted(found, key=lambda r: -int(r["id"]))
