"""The store's schema, built and changed only through the ordered migrations below.

Each migration has a version (1, 2, 3… without gaps), a description and either an SQL script or a
function of the connection. :func:`migrate` applies the pending ones, each in its own ``BEGIN
IMMEDIATE`` transaction, sets ``PRAGMA user_version`` and records the run in the ``migrations``
table, so a database file always says which schema it holds and when each step was applied.

To change the schema, append a migration; never edit one that has shipped (databases in the field
have already run it).

Example:
    >>> conn = sqlite3.connect(":memory:", isolation_level=None)
    >>> migrate(conn)
    [1, 2, 3]
    >>> current_version(conn) == LATEST_VERSION
    True
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["LATEST_VERSION", "MIGRATIONS", "Migration", "current_version", "migrate", "split_sql"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema.

    Attributes:
        version: the ``user_version`` the database has after this step.
        description: what the step does, recorded in the ``migrations`` table.
        apply: an SQL script (several statements) or a function given the open connection; either
            runs inside the step's transaction and must not commit.
    """

    version: int
    description: str
    apply: str | Callable[[sqlite3.Connection], None]


_CORE = """
CREATE TABLE migrations (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL
);
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE runs (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    command   TEXT NOT NULL,
    args      TEXT NOT NULL DEFAULT '{}',
    started   TEXT NOT NULL,
    finished  TEXT,
    status    TEXT NOT NULL DEFAULT 'running',
    summary   TEXT,
    rashomon_version TEXT NOT NULL
);
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    path         TEXT NOT NULL,
    title        TEXT,
    outlet       TEXT,
    author       TEXT,
    url          TEXT,
    published    TEXT,
    language     TEXT NOT NULL DEFAULT 'und',
    kind         TEXT NOT NULL DEFAULT 'text',
    text         TEXT NOT NULL,
    raw_text     TEXT NOT NULL,
    offsets      TEXT NOT NULL,
    first_run    INTEGER REFERENCES runs(id),
    added_at     TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE TABLE failures (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id  INTEGER NOT NULL REFERENCES runs(id),
    path    TEXT NOT NULL,
    reason  TEXT NOT NULL
);
CREATE INDEX failures_run ON failures(run_id);
CREATE TABLE findings (
    stage    TEXT NOT NULL,
    version  TEXT NOT NULL,
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    created  TEXT NOT NULL,
    PRIMARY KEY (stage, version, key)
);
"""

_SOURCES = """
CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    path       TEXT NOT NULL,
    run_id     INTEGER REFERENCES runs(id),
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, path)
);
INSERT INTO article_sources (article_id, path, run_id, seen_at)
    SELECT id, path, first_run, added_at FROM articles;
"""

# External-content FTS5 keyed on articles.seq: an explicit integer column, so the index stays valid
# after VACUUM (which may renumber the implicit rowid of a table with a TEXT primary key).
_FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, seq ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables: migrations, meta, runs, articles, failures, findings", _CORE),
    Migration(2, "article_sources: every path an article's content was seen at", _SOURCES),
    Migration(3, "articles_fts: full-text search over title and text, kept in sync by triggers", _FTS),
)

LATEST_VERSION = MIGRATIONS[-1].version


def _check_order(migrations: tuple[Migration, ...]) -> None:
    expected = list(range(1, len(migrations) + 1))
    if [m.version for m in migrations] != expected:
        raise AssertionError(f"migration versions must run 1..n without gaps, got {migrations}")


_check_order(MIGRATIONS)


def split_sql(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies keep their inner semicolons).

    Args:
        script: several SQL statements separated by ``;``.

    Returns:
        The statements, stripped, without empty ones.

    Raises:
        ValueError: the script ends with an incomplete statement.
    """
    statements: list[str] = []
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n\t;"):
                statements.append(buf.strip())
            buf = ""
    if buf.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement at the end of the script: {buf.strip()[:80]!r}")
    return statements


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open database (``PRAGMA user_version``; 0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _apply(conn: sqlite3.Connection, migration: Migration, now: str) -> None:
    if callable(migration.apply):
        migration.apply(conn)
    else:
        for statement in split_sql(migration.apply):
            conn.execute(statement)
    conn.execute(
        "INSERT INTO migrations (version, description, applied_at) VALUES (?, ?, ?)",
        (migration.version, migration.description, now),
    )
    # PRAGMA takes no bound parameters; the version is an int from the code, not input
    conn.execute(f"PRAGMA user_version = {int(migration.version)}")


def migrate(
    conn: sqlite3.Connection,
    *,
    target: int | None = None,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    clock: Callable[[], datetime] | None = None,
) -> list[int]:
    """Apply the pending migrations up to ``target`` (default: all).

    Each step runs in its own ``BEGIN IMMEDIATE`` transaction and re-reads the version inside it,
    so two processes opening a new file at once apply each step exactly once.

    Args:
        conn: a connection in autocommit mode (``isolation_level=None``).
        target: the version to stop at; tests use it to build an old database.
        migrations: the ordered steps (default :data:`MIGRATIONS`).
        clock: returns the current time (UTC); injectable for tests.

    Returns:
        The versions applied by this call, in order.

    Raises:
        sqlite3.Error: a step failed (it is rolled back; earlier steps stay applied).
        ValueError: ``target`` is not a known version.
    """
    latest = migrations[-1].version if migrations else 0
    target = latest if target is None else target
    if not 0 <= target <= latest:
        raise ValueError(f"target schema version {target} outside 0..{latest}")
    now = clock or (lambda: datetime.now(UTC))
    applied: list[int] = []
    for migration in migrations:
        if migration.version > target:
            break
        if current_version(conn) >= migration.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) < migration.version:  # another process may have just done it
                _apply(conn, migration, now().isoformat(timespec="seconds"))
                applied.append(migration.version)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("store schema migrated to %d: %s", migration.version, migration.description)
    return applied
