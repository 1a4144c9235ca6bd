from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from rashomon.store import Store
from rashomon.web.analyses import ANALYSIS_STAGE, analysis_runs, load_analysis


def test_saved_without_texts_and_loaded_with_them(store_path: Path, story: dict[str, Any]) -> None:
    row = sqlite3.connect(store_path).execute("SELECT value FROM findings WHERE stage = ?", (ANALYSIS_STAGE,))
    saved = json.loads(row.fetchone()[0])
    assert all("text" not in a for a in saved["articles"])
    with Store(store_path, readonly=True) as store:
        loaded = load_analysis(store, 1)
        assert loaded is not None
        assert [a["text"] for a in loaded["articles"]] == [a["text"] for a in story["articles"]]
        assert loaded["reuse"] == story["reuse"]
        assert load_analysis(store, 2) is None


def test_only_runs_with_an_analysis_are_listed(store_path: Path) -> None:
    with Store(store_path) as store:
        run = store.start_run("ingest", {"paths": []})
        store.finish_run(run, "ok", {})
    with Store(store_path, readonly=True) as store:
        assert [r["id"] for r in analysis_runs(store)] == [1]


def test_analyze_keeps_its_document_for_serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rashomon.stages
    from rashomon.analyze import analyze

    monkeypatch.setattr(rashomon.stages, "all_stages", list)  # ingest and clean only: fast
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, outlet in enumerate(("Daily <Echo>", "Weekly Post")):
        (corpus / f"{i}.txt").write_text(
            f"Harbour strike enters second week\n\nBy {outlet}\n\n"
            f"Dock workers stayed away for the {i + 7}th day on Monday, the union said.\n\n"
            "Talks with the port authority are set to resume on Thursday.\n",
            encoding="utf-8",
        )
    result = analyze([corpus], tmp_path / "out", tmp_path / "r.db")
    with Store(tmp_path / "r.db", readonly=True) as store:
        [run] = analysis_runs(store)
        assert run["id"] == result.run_id
        doc = load_analysis(store, int(run["id"]))
    written = json.loads((tmp_path / "out" / "analysis.json").read_text(encoding="utf-8"))
    assert doc is not None and doc["articles"] == written["articles"]
