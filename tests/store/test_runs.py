from __future__ import annotations

import json
import multiprocessing as mp
import sqlite3
from pathlib import Path

from rashomon.store import Store
from rashomon.store.runs import was_interrupted


def _start_and_die(path: str) -> None:
    Store(path).start_run("analyze", {})  # never finished: the process ends with the run open


def test_a_run_whose_process_died_is_interrupted(tmp_path: Path) -> None:
    path = str(tmp_path / "r.db")
    child = mp.get_context("fork").Process(target=_start_and_die, args=(path,))
    child.start()
    child.join(30)
    with Store(path) as store:
        assert [r["status"] for r in store.runs()] == ["interrupted"]
        mine = store.start_run("ingest", {})
        runs = {r["id"]: r for r in store.runs()}
        assert runs[mine]["status"] == "running"  # this process is alive
        store.finish_run(mine, "ok", {"articles": 0})
        assert [r["status"] for r in store.runs()] == ["interrupted", "ok"]
    con = sqlite3.connect(path)
    assert con.execute("select status from runs order by id").fetchall()[0] == ("interrupted",)


def test_runs_of_other_hosts_and_old_rows_are_not_judged() -> None:
    foreign = {"owner": {"host": "another-machine", "pid": 1}}
    assert not was_interrupted("running", foreign)
    assert not was_interrupted("running", None)
    assert not was_interrupted("ok", json.loads('{"owner": {"host": "x", "pid": 2}}'))
