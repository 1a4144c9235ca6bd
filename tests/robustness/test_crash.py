"""Crash safety: ``kill -9`` during ``rashomon analyze`` loses nothing; two processes never corrupt a store.

Each kill lands at a random moment (seeded, so a failure can be replayed) between the start of the
run and the end of an uninterrupted one: while importing, reading, writing articles, running the
stage or writing the outputs. After the kills a last run completes; the store must pass
``PRAGMA integrity_check``, hold every article exactly once, and the analysis must equal that of a
run never interrupted (timestamps aside).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from robust_support import CHEAP_STAGE, Run, en_variant, load_analysis, run_cli, start_cli, wait_cli

from rashomon.analyze import ExitCode
from rashomon.store import Store

SEED = int(os.environ.get("RASHOMON_CRASH_SEED", "8"))
ARTICLES = 12


def _corpus(root: Path) -> Path:
    inputs = root / "inputs"
    inputs.mkdir()
    for i in range(ARTICLES):
        (inputs / f"article {i:02d}.txt").write_text(en_variant(i), encoding="utf-8")
    return inputs


def _args(inputs: Path, out: Path, db: Path) -> list[str]:
    return ["analyze", str(inputs), "--out", str(out), "--db", str(db), "--stage", CHEAP_STAGE]


def _stable(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in doc.items() if key != "created"}


def _store_facts(db: Path) -> tuple[list[str], list[str], int]:
    """Problems found, article ids, and duplicated (article, path) source rows."""
    with Store(db, readonly=True) as store:
        problems = store.check()
        ids = sorted(store.article_ids())
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        dupes: int
        (dupes,) = conn.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM article_sources GROUP BY article_id, path HAVING COUNT(*) > 1)"
        ).fetchone()
    finally:
        conn.close()
    return problems, ids, dupes


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run, dict[str, Any], list[str]]:
    work = tmp_path_factory.mktemp("reference")
    inputs = _corpus(work)
    run = run_cli(_args(inputs, work / "out", work / "r.db"), work)
    assert run.code == ExitCode.OK, run.stderr[-2000:]
    problems, ids, _ = _store_facts(work / "r.db")
    assert not problems and len(ids) == ARTICLES
    return inputs, run, load_analysis(work / "out"), ids


def _kill_at_random(args: list[str], work: Path, delay: float) -> bool:
    """Start a run, SIGKILL it after ``delay`` s; True when it was killed (not finished before)."""
    started = time.monotonic()
    proc = start_cli(args, work)
    time.sleep(delay)
    # not reaped yet, so the pid is still this child's even if it has exited (then the signal is moot)
    os.kill(proc.pid, signal.SIGKILL)
    return wait_cli(proc, work, started).code == -signal.SIGKILL


@pytest.mark.parametrize("kills", [3, pytest.param(12, marks=pytest.mark.slow)])
def test_kill_9_then_rerun_loses_nothing(
    tmp_path: Path, reference: tuple[Path, Run, dict[str, Any], list[str]], kills: int
) -> None:
    inputs, ref_run, ref_doc, ref_ids = reference
    rng = random.Random(SEED + kills)
    args = _args(inputs, tmp_path / "out", tmp_path / "r.db")
    killed = 0
    for _ in range(kills):
        killed += _kill_at_random(args, tmp_path, rng.uniform(0.1, 1.05) * ref_run.seconds)
        if (tmp_path / "r.db").exists():
            problems, ids, dupes = _store_facts(tmp_path / "r.db")
            assert not problems and dupes == 0
            assert set(ids) <= set(ref_ids)  # a killed run adds all of a batch or none of it
    assert killed >= kills // 2, "the runs finished before the kills: the delays are too long"
    final = run_cli(args, tmp_path)
    assert final.code == ExitCode.OK, final.stderr[-2000:]
    problems, ids, dupes = _store_facts(tmp_path / "r.db")
    assert problems == [] and dupes == 0
    assert ids == ref_ids  # no article lost or duplicated
    assert _stable(load_analysis(tmp_path / "out")) == _stable(ref_doc)
    assert not list((tmp_path / "out").glob("*.tmp"))  # no half-written output left behind


def test_two_processes_on_one_store(
    tmp_path: Path, reference: tuple[Path, Run, dict[str, Any], list[str]]
) -> None:
    """Both runs finish (the second waits for the write lock), or one says the store is busy."""
    inputs, _, ref_doc, ref_ids = reference
    db = tmp_path / "shared.db"
    started = time.monotonic()
    procs = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        procs.append(start_cli(_args(inputs, tmp_path / name / "out", db), tmp_path / name))
    runs = [wait_cli(p, tmp_path / name, started) for p, name in zip(procs, ("one", "two"), strict=True)]
    for run, name in zip(runs, ("one", "two"), strict=True):
        if run.code == ExitCode.STORE_UNAVAILABLE:
            assert "another rashomon process is writing" in run.stderr
        else:
            assert run.code == ExitCode.OK, run.stderr[-2000:]
            assert _stable(load_analysis(tmp_path / name / "out")) == _stable(ref_doc)
    assert any(run.code == ExitCode.OK for run in runs)
    problems, ids, dupes = _store_facts(db)
    assert problems == [] and dupes == 0 and ids == ref_ids
