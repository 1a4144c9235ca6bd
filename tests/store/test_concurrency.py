"""Two processes on one store: both succeed in turn or one gets StoreBusy; the file is never corrupted."""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from rashomon.errors import StoreBusy
from rashomon.model import Article, article_id_for
from rashomon.offsets import OffsetMap
from rashomon.store import Store


def make_article(text: str, path: str = "a.txt") -> Article:
    return Article(article_id_for(text), path, text, text, OffsetMap.identity(len(text)))


def _writer(path: str, name: str, start: Event, results: Queue[tuple[str, str]]) -> None:
    start.wait(10)
    try:
        with Store(path, timeout=20) as store:
            run = store.start_run("ingest", {"worker": name})
            for batch in range(5):
                own = [make_article(f"{name} report {batch}-{i} on the Velmora ferry.") for i in range(20)]
                shared = [
                    make_article(f"Shared wire copy {batch}-{i} about the ferry.", path=name)
                    for i in range(10)
                ]
                store.add_articles(own + shared, run)
                store.put_finding("stage", "stage.v1", f"{name}-{batch}", {"n": batch})
            store.finish_run(run, "ok", {"worker": name})
    except StoreBusy:
        results.put((name, "busy"))
        return
    except Exception as exc:  # reported to the test instead of leaving it waiting
        results.put((name, repr(exc)))
        return
    results.put((name, "ok"))


def _hold_lock(path: str, locked: Event, release: Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    locked.set()
    release.wait(20)
    conn.execute("ROLLBACK")
    conn.close()


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")  # fresh file: both processes also race to create the schema
    ctx = mp.get_context("fork")  # children find the helpers of this test module
    start, results = ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=_writer, args=(path, name, start, results)) for name in ("alpha", "beta")]
    for w in workers:
        w.start()
    start.set()
    outcomes = sorted(results.get(timeout=120)[1] for _ in workers)
    for w in workers:
        w.join(30)
    assert set(outcomes) <= {"ok", "busy"} and "ok" in outcomes, outcomes
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    assert len(ids) == len(set(ids))
    assert (
        conn.execute("SELECT count(*) FROM migrations").fetchone()[0]
        == conn.execute("PRAGMA user_version").fetchone()[0]
    )
    if outcomes == ["ok", "ok"]:
        assert len(ids) == 2 * 100 + 50
        assert conn.execute("SELECT count(*) FROM findings").fetchone()[0] == 10
        assert conn.execute("SELECT count(*) FROM runs WHERE status = 'ok'").fetchone()[0] == 2
    conn.close()


def test_busy_writer_in_another_process_gives_store_busy(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    Store(path).close()
    ctx = mp.get_context("fork")  # children find the helpers of this test module
    locked, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(path), locked, release))
    holder.start()
    try:
        assert locked.wait(30)
        with Store(path, timeout=0.2) as store:
            try:
                store.put_finding("s", "s.v1", "k", 1)
            except StoreBusy as exc:
                assert "busy.db" in str(exc) and "--db" in str(exc)
            else:
                raise AssertionError("write succeeded while another process held the lock")
            release.set()
            holder.join(30)
            store.put_finding("s", "s.v1", "k", 2)  # the lock is free again: the write goes through
            assert store.get_finding("s", "s.v1", "k") == 2
    finally:
        release.set()
        holder.join(30)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def _add_forever(path: str) -> None:
    with Store(path, timeout=20) as store:
        run = store.start_run("ingest", {})
        batch = 0
        while True:
            store.add_articles(
                [
                    make_article(f"Writer {os.getpid()} batch {batch} item {i} about the dam.")
                    for i in range(50)
                ],
                run,
            )
            batch += 1


def test_killed_writer_leaves_a_sound_store_with_whole_batches(tmp_path: Path) -> None:
    path = str(tmp_path / "killed.db")
    Store(path).close()
    ctx = mp.get_context("fork")
    for delay in (0.3, 0.5, 0.7):  # kill -9 at a few points of a busy write loop
        child = ctx.Process(target=_add_forever, args=(path,))
        child.start()
        child.join(delay)
        child.kill()
        child.join(10)
    with Store(path) as store:
        assert store.check() == []
        ids = store.article_ids()
        assert len(ids) == len(set(ids)) and ids
        assert len(ids) % 50 == 0  # each add_articles call is all or nothing
        assert [r["status"] for r in store.runs()] == ["interrupted"] * 3  # killed runs never finished


def _open_once(path: str, start: Event, results: Queue[tuple[str, str]]) -> None:
    start.wait(10)
    try:
        with Store(path, timeout=20) as store:
            store.put_finding("open", "open.v1", str(os.getpid()), store.schema_version)
    except Exception as exc:
        results.put(("open", repr(exc)))
        return
    results.put(("open", "ok"))


def test_processes_creating_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = mp.get_context("fork")
    for round_ in range(3):
        path = str(tmp_path / f"new{round_}.db")
        start, results = ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_open_once, args=(path, start, results)) for _ in range(4)]
        for p in procs:
            p.start()
        start.set()
        outcomes = [results.get(timeout=60)[1] for _ in procs]
        for p in procs:
            p.join(10)
        assert outcomes == ["ok"] * 4, outcomes
        with Store(path) as store:
            assert store.check() == []
            assert len(store.runs()) == 0
