"""Tests of the schema migrations: order, splitting, rollback, and migrating an old file forward."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from rashomon.store import LATEST_VERSION, Store
from rashomon.store.migrations import MIGRATIONS, Migration, current_version, migrate, split_sql


def test_versions_run_one_to_n() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert all(m.description for m in MIGRATIONS)


def test_split_sql_keeps_trigger_bodies_whole() -> None:
    script = """
    CREATE TABLE t (a TEXT);
    CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN
        INSERT INTO t (a) SELECT 'x;y' WHERE 0;
        SELECT 1;
    END;
    INSERT INTO t VALUES ('semi;colon');
    """
    parts = split_sql(script)
    assert len(parts) == 3
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")


def test_split_sql_rejects_incomplete_script() -> None:
    with pytest.raises(ValueError, match="incomplete"):
        split_sql("CREATE TABLE t (a TEXT); CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1;")


def test_migrate_applies_each_step_once() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    assert migrate(conn, target=1) == [1]
    assert migrate(conn) == list(range(2, LATEST_VERSION + 1))
    assert migrate(conn) == []
    assert current_version(conn) == LATEST_VERSION
    assert [r[0] for r in conn.execute("SELECT version FROM migrations ORDER BY version")] == list(
        range(1, LATEST_VERSION + 1)
    )


def test_failed_step_rolls_back_and_keeps_earlier_steps() -> None:
    def boom(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (a INTEGER)")
        raise sqlite3.OperationalError("disk exploded")

    steps = (
        Migration(1, "t", "CREATE TABLE migrations (version INTEGER, description TEXT, applied_at TEXT);"),
        Migration(2, "fails", boom),
    )
    conn = sqlite3.connect(":memory:", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="disk exploded"):
        migrate(conn, migrations=steps)
    assert current_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_unknown_target_is_refused() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    with pytest.raises(ValueError, match="outside"):
        migrate(conn, target=LATEST_VERSION + 1)


def _old_store(path: Path) -> None:
    """A version-1 file as the first release wrote it, holding one run and one article."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO runs (command, args, started, status, rashomon_version) "
        "VALUES ('ingest', '{}', '2025-01-01T00:00:00+00:00', 'ok', '0.0.1')"
    )
    text = "The Marrow valley dam was closed for inspection, engineers said."
    conn.execute(
        "INSERT INTO articles (id, seq, content_hash, path, title, outlet, text, raw_text, offsets, "
        "first_run, added_at) VALUES ('old1', 1, 'h', 'old/a.txt', 'Dam closed', 'Valley Post', ?, ?, ?, 1, "
        "'2025-01-01T00:00:00+00:00')",
        (text, text, json.dumps([[len(text), len(text)], [0, 0, len(text)]])),
    )
    conn.close()


def test_old_store_is_migrated_forward_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_store(path)
    with Store(path) as store:
        assert store.schema_version == LATEST_VERSION
        [article] = store.articles()
        assert article.id == "old1" and article.offsets.to_raw(5) == 5
        assert [h["id"] for h in store.search("engineers")] == ["old1"]
        assert [s["path"] for s in store.sources("old1")] == ["old/a.txt"]
        assert store.runs()[0]["rashomon_version"] == "0.0.1"
    conn = sqlite3.connect(path)
    applied = conn.execute("SELECT version, applied_at FROM migrations ORDER BY version").fetchall()
    assert [v for v, _ in applied] == list(range(1, LATEST_VERSION + 1))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_readonly_refuses_to_open_an_old_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_store(path)
    with pytest.raises(Exception, match="open it once for writing"):
        Store(path, readonly=True)
