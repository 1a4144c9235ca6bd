"""Figures for docs/reliability.md: the bad-input run, the 100 MB inputs and a kill -9 loop.

Usage (from the repo root; takes a few minutes, mostly the kill loop):
    nice -n 10 .venv/bin/python benchmarks/robustness.py --kills 20 > benchmarks/results/robustness.json

The checks themselves are the tests in tests/robustness; this script only counts and measures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "robustness"))

from robust_support import (
    CHEAP_STAGE,
    build_inputs,
    en_variant,
    load_analysis,
    run_cli,
    start_cli,
    wait_cli,
    write_big_html,
    write_big_text,
)

from rashomon.store import Store

MB = 1 << 20


def _args(inputs: Path, work: Path, db: str = "r.db") -> list[str]:
    return [
        "analyze",
        str(inputs),
        "--out",
        str(work / "out"),
        "--db",
        str(work / db),
        "--stage",
        CHEAP_STAGE,
    ]


def bad_inputs(work: Path) -> dict[str, Any]:
    cases = build_inputs(work / "inputs")
    run = run_cli(_args(work / "inputs", work), work)
    doc = load_analysis(work / "out")
    return {
        "inputs_tried": len(cases),
        "good_expected": sum(c.good for c in cases),
        "analysed": len(doc["articles"]),
        "bad_expected": sum(not c.good for c in cases),
        "reported": len(doc["errors"]),
        "exit_code": run.code,
        "seconds": round(run.seconds, 1),
        "peak_rss_mb": round(run.peak_rss_bytes / MB),
    }


def huge_inputs(work: Path) -> dict[str, Any]:
    inputs = work / "inputs"
    inputs.mkdir()
    write_big_text(inputs / "huge.txt", 100 * MB)
    write_big_html(inputs / "huge.html", 100 * MB)
    run = run_cli(_args(inputs, work), work)
    doc = load_analysis(work / "out")
    return {
        "inputs": "100 MB .txt + 100 MB .html",
        "errors": [e["reason"][:80] for e in doc["errors"]],
        "exit_code": run.code,
        "seconds": round(run.seconds, 1),
        "peak_rss_mb": round(run.peak_rss_bytes / MB),
    }


def kill_loop(work: Path, kills: int, seed: int) -> dict[str, Any]:
    inputs = work / "inputs"
    inputs.mkdir()
    for i in range(12):
        (inputs / f"article {i:02d}.txt").write_text(en_variant(i), encoding="utf-8")
    ref_dir = work / "ref"
    ref_dir.mkdir()
    ref = run_cli(_args(inputs, ref_dir), ref_dir)
    ref_doc = {k: v for k, v in load_analysis(ref_dir / "out").items() if k != "created"}
    rng = random.Random(seed)
    killed = checks_ok = 0
    stored_after_kill: list[int] = []  # articles in the store after each kill: where the kills landed
    for _ in range(kills):
        delay = rng.uniform(0.1, 1.05) * ref.seconds
        started = time.monotonic()
        proc = start_cli(_args(inputs, work), work)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)  # not reaped yet: the pid is still this child's
        killed += wait_cli(proc, work, started).code == -signal.SIGKILL
        if (work / "r.db").exists():
            with Store(work / "r.db", readonly=True) as store:
                checks_ok += not store.check()
                stored_after_kill.append(store.count_articles())
    outputs_before_final = (work / "out" / "analysis.json").exists()
    final = run_cli(_args(inputs, work), work)
    with Store(work / "r.db", readonly=True) as store:
        problems, count = store.check(), store.count_articles()
    doc = {k: v for k, v in load_analysis(work / "out").items() if k != "created"}
    return {
        "runs_started": kills,
        "killed_mid_run": killed,
        "integrity_checks_passed": checks_ok,
        "articles_in_store_after_each_kill": stored_after_kill,
        "a_killed_run_had_written_outputs": outputs_before_final,
        "final_exit_code": final.code,
        "final_integrity_problems": problems,
        "articles": count,
        "articles_expected": 12,
        "analysis_equal_to_uninterrupted": doc == ref_doc,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=8)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("bad", "huge", "kill"):
            (root / name).mkdir()
        figures = {
            "bad_inputs": bad_inputs(root / "bad"),
            "huge_inputs": huge_inputs(root / "huge"),
            "kill_loop": kill_loop(root / "kill", opts.kills, opts.seed),
        }
    json.dump(figures, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
