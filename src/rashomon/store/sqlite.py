"""The embedded corpus store: one SQLite file (WAL mode) that any SQLite tool can open.

Tables (see :mod:`rashomon.store.migrations` for the exact schema and its history):

- ``articles``: one row per article id (the content hash of the clean text unless the input gave an
  id), with every :class:`~rashomon.model.Article` field, the offset map as JSON and the run that
  first added it; ``articles_fts`` indexes title and text (FTS5, kept in sync by triggers).
- ``article_sources``: every path the same content was seen at, so re-ingesting adds no row to
  ``articles`` but the new location is not lost.
- ``runs``: each command run (command, arguments, start/finish, status, summary, rashomon version);
  ``failures``: the inputs a run could not use, with the reason.
- ``findings``: stage outputs as JSON, unique per ``(stage, stage version, key)``; the pipeline
  runner reads and writes them through :class:`rashomon.pipeline.FindingCache`.
- ``meta``: facts about the file (which rashomon created it, when); ``migrations``: the schema log.

Writes run in ``BEGIN IMMEDIATE`` transactions, so two processes writing at once take turns; one
that waits past ``timeout`` gets :class:`~rashomon.errors.StoreBusy`.

Example:
    >>> with Store("rashomon.db") as store:
    ...     run = store.start_run("ingest", {"paths": ["examples"]})
    ...     added, present = store.add_articles(articles, run)
    ...     store.finish_run(run, "ok", {"added": added})
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rashomon.errors import StoreBusy, StoreError
from rashomon.model import Article, Failure
from rashomon.offsets import OffsetMap
from rashomon.store.migrations import LATEST_VERSION, current_version, migrate
from rashomon.store.runs import INTERRUPTED, owner_marker, was_interrupted

__all__ = ["Store"]

log = logging.getLogger(__name__)

# SQLite's default limit on bound variables is 32766 since 3.32; stay far below it
_CHUNK = 500
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_ARTICLE_COLUMNS = "id, path, text, raw_text, offsets, title, outlet, author, url, published, language, kind"
_FTS_HINT = (
    'search words are matched as whole tokens; wrap a phrase or any punctuation in double quotes ("peace '
    'talks", "covid-19"); operators AND, OR, NOT, NEAR must be upper case; prefix search is word*'
)


def _version() -> str:
    from rashomon import __version__

    return __version__


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    message = str(exc).lower()
    return "locked" in message or "busy" in message


class Store:
    """The SQLite corpus store.

    Args:
        path: the database file; created with its folder unless ``readonly``.
        readonly: open with ``mode=ro``: no migration, every write raises :class:`StoreError`.
        timeout: seconds a write waits for another process's write lock before :class:`StoreBusy`.
        clock: returns the current time (UTC); injectable so tests are deterministic.

    Raises:
        StoreError: the folder cannot be created, the file is not an SQLite database or not a
            rashomon store, its schema is newer than this code, or (readonly) it is missing or older
            than this code.
        StoreBusy: another process held the write lock past ``timeout`` while the schema needed
            migrating.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        readonly: bool = False,
        timeout: float = 30.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        if timeout < 0:
            raise StoreError(f"store timeout must be >= 0 seconds, got {timeout}")
        self.path = Path(path)
        self.readonly = readonly
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self._timeout = timeout
        self._conn = self._connect(timeout)
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    # -- opening -----------------------------------------------------------------------------

    def _connect(self, timeout: float) -> sqlite3.Connection:
        if self.readonly:
            if not self.path.is_file():
                raise StoreError(f"store {self.path} does not exist; run `rashomon ingest` to create it")
            target, uri = self.path.resolve().as_uri() + "?mode=ro", True
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder {self.path.parent} for store {self.path}: {exc}; "
                    "choose another --db"
                ) from exc
            target, uri = str(self.path), False
        try:
            conn = sqlite3.connect(
                target, timeout=timeout, isolation_level=None, uri=uri, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open store {self.path}: {exc}; check the path and its permissions"
            ) from exc
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        return conn

    def _prepare(self) -> None:
        with self._guard("open"):
            # one read snapshot: another process may be creating the schema right now, and its
            # tables must not be seen beside the version from before it committed
            self._conn.execute("BEGIN")
            try:
                version = current_version(self._conn)
                if version == 0:
                    self._refuse_foreign_database()
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")
            if version > LATEST_VERSION:
                raise StoreError(
                    f"store {self.path} has schema version {version}, newer than this rashomon "
                    f"({_version()}, schema {LATEST_VERSION}); upgrade rashomon or use another --db"
                )
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.readonly:
                if version < LATEST_VERSION:
                    raise StoreError(
                        f"store {self.path} has schema version {version}, older than this rashomon "
                        f"(schema {LATEST_VERSION}); open it once for writing (e.g. `rashomon ingest`) "
                        "to migrate it"
                    )
                self._conn.execute("PRAGMA query_only = ON")
                return
            self._enable_wal()
            # WAL + NORMAL never corrupts on a crash; it may lose the last commits on power loss only
            self._conn.execute("PRAGMA synchronous = NORMAL")
            applied = migrate(self._conn, clock=self._clock)
            if 1 in applied:
                with self._write() as conn:
                    conn.executemany(
                        "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                        [("created_at", self._now()), ("created_by", f"rashomon {_version()}")],
                    )

    def _enable_wal(self) -> None:
        """Switch a new file to WAL, retrying: the switch reports BUSY at once (the busy handler is not
        consulted) while another process is switching or creating the same file."""
        deadline = time.monotonic() + self._timeout
        delay = 0.005
        while True:
            try:
                mode = str(self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
                break
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
        if mode != "wal":
            log.warning(
                "store %s could not switch to WAL mode (%s); concurrent readers will wait", self.path, mode
            )

    def _refuse_foreign_database(self) -> None:
        tables = [
            r[0]
            for r in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if tables:
            raise StoreError(
                f"{self.path} is an SQLite database but not a rashomon store (it holds tables "
                f"{', '.join(sorted(tables)[:5])}); use another --db"
            )

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (``PRAGMA user_version``)."""
        with self._guard("read the schema version"):
            return current_version(self._conn)

    # -- transactions and errors -------------------------------------------------------------

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def _translate(self, exc: sqlite3.Error, doing: str) -> StoreError:
        if _is_busy(exc):
            return StoreBusy(
                f"another rashomon process is writing to {self.path}; wait for it to finish or use another --db"
            )
        message = str(exc)
        if "not a database" in message or "malformed" in message:
            return StoreError(
                f"{self.path} is not a usable rashomon store ({message}); point --db at another file "
                "or restore it from a copy"
            )
        if "readonly" in message or "read-only" in message:
            return StoreError(f"cannot {doing}: store {self.path} is read-only ({message})")
        return StoreError(f"cannot {doing} in store {self.path}: {message}")

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        with self._lock:
            try:
                yield
            except sqlite3.Error as exc:
                raise self._translate(exc, doing) from exc

    @contextmanager
    def _write(self, doing: str = "write") -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on any error."""
        if self.readonly:
            raise StoreError(f"cannot {doing}: store {self.path} was opened read-only")
        with self._guard(doing):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    # -- runs and failures -------------------------------------------------------------------

    def start_run(self, command: str, args: Mapping[str, Any]) -> int:
        """Record the start of a command run.

        Args:
            command: the command name (``"analyze"``, ``"ingest"``…).
            args: its options, JSON-ready (other values are stored as their ``str``).

        Returns:
            The run id, to pass to :meth:`add_articles`, :meth:`add_failures` and :meth:`finish_run`.

        Raises:
            StoreError: read-only store or write failure; StoreBusy: write lock held elsewhere.
        """
        blob = json.dumps(dict(args), sort_keys=True, default=str)
        with self._write("start a run") as conn:
            stale = conn.execute("SELECT id, status, summary FROM runs WHERE status = 'running'").fetchall()
            for run_id, status, summary in stale:
                if was_interrupted(status, json.loads(summary) if summary else None):
                    conn.execute(
                        "UPDATE runs SET status = ?, finished = ? WHERE id = ?",
                        (INTERRUPTED, self._now(), run_id),
                    )
            cur = conn.execute(
                "INSERT INTO runs (command, args, started, status, summary, rashomon_version) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (command, blob, self._now(), "running", owner_marker(), _version()),
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, summary: Mapping[str, Any]) -> None:
        """Record the end of a run.

        Args:
            run_id: from :meth:`start_run`.
            status: e.g. ``"ok"``, ``"failed"``, ``"partial"``, ``"interrupted"``.
            summary: counts and facts about the run, JSON-ready.

        Raises:
            StoreError: unknown run id, empty status, read-only store.
        """
        if not status:
            raise StoreError("finish_run needs a status such as 'ok' or 'failed'")
        blob = json.dumps(dict(summary), sort_keys=True, default=str)
        with self._write("finish a run") as conn:
            cur = conn.execute(
                "UPDATE runs SET finished = ?, status = ?, summary = ? WHERE id = ?",
                (self._now(), status, blob, run_id),
            )
            if cur.rowcount != 1:
                raise StoreError(
                    f"run {run_id} does not exist in store {self.path}; use the id start_run gave"
                )

    def runs(self) -> list[dict[str, Any]]:
        """Every recorded run, oldest first, with ``args`` and ``summary`` decoded.

        A run left ``running`` by a process that no longer exists is reported as ``interrupted``.
        """
        with self._guard("list runs"):
            rows = self._conn.execute(
                "SELECT id, command, args, started, finished, status, summary, rashomon_version "
                "FROM runs ORDER BY id"
            ).fetchall()
        keys = ("id", "command", "args", "started", "finished", "status", "summary", "rashomon_version")
        out = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            item["args"] = json.loads(item["args"] or "{}")
            item["summary"] = json.loads(item["summary"]) if item["summary"] else None
            if was_interrupted(item["status"], item["summary"]):
                item["status"] = INTERRUPTED
            out.append(item)
        return out

    def add_failures(self, run_id: int, failures: Iterable[Failure]) -> None:
        """Record the inputs run ``run_id`` could not use.

        Raises:
            StoreError: unknown run id, read-only store.
        """
        rows = [(run_id, f.path, f.reason) for f in failures]
        if not rows:
            return
        with self._write("record failures") as conn:
            self._require_run(conn, run_id)
            conn.executemany("INSERT INTO failures (run_id, path, reason) VALUES (?, ?, ?)", rows)

    def failures(self, run_id: int | None = None) -> list[Failure]:
        """The failures of one run, or of every run when ``run_id`` is None, in recording order."""
        with self._guard("list failures"):
            if run_id is None:
                rows = self._conn.execute("SELECT path, reason FROM failures ORDER BY id").fetchall()
            else:
                rows = self._conn.execute(
                    "SELECT path, reason FROM failures WHERE run_id = ? ORDER BY id", (run_id,)
                ).fetchall()
        return [Failure(path, reason) for path, reason in rows]

    def _require_run(self, conn: sqlite3.Connection, run_id: int) -> None:
        if conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
            raise StoreError(f"run {run_id} does not exist in store {self.path}; call start_run first")

    # -- articles ----------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], run_id: int) -> tuple[int, int]:
        """Add articles in one transaction; an id already stored (or repeated in the batch) is skipped.

        The id is the content hash of the clean text unless the input gave one, so adding the same
        content again adds nothing; a new path for it is recorded in ``article_sources``.

        Args:
            articles: the articles to add.
            run_id: the run adding them (from :meth:`start_run`).

        Returns:
            ``(added, already_present)``.

        Raises:
            StoreError: unknown run id, read-only store; StoreBusy: write lock held elsewhere.
        """
        batch = list(articles)
        now = self._now()
        with self._write("add articles") as conn:
            self._require_run(conn, run_id)
            present = self._existing_ids(conn, [a.id for a in batch])
            seq = int(conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0])
            rows: list[tuple[Any, ...]] = []
            new_ids: set[str] = set()
            for article in batch:
                if article.id in present or article.id in new_ids:
                    continue
                new_ids.add(article.id)
                seq += 1
                rows.append(_article_row(article, seq, run_id, now))
            conn.executemany(
                "INSERT INTO articles (id, seq, content_hash, path, title, outlet, author, url, published, "
                "language, kind, text, raw_text, offsets, first_run, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            conn.executemany(
                "INSERT OR IGNORE INTO article_sources (article_id, path, run_id, seen_at) VALUES (?, ?, ?, ?)",
                [(a.id, a.path, run_id, now) for a in batch],
            )
        log.info(
            "store %s: %d articles added, %d already present", self.path, len(rows), len(batch) - len(rows)
        )
        return len(rows), len(batch) - len(rows)

    @staticmethod
    def _existing_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), _CHUNK):
            chunk = unique[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles: all in the order they were added, or those of ``ids`` in that order.

        Unknown ids are skipped (compare the lengths to detect them).
        """
        with self._guard("read articles"):
            if ids is None:
                rows = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq").fetchall()
                return [_article_from_row(r) for r in rows]
            by_id: dict[str, Article] = {}
            unique = list(dict.fromkeys(ids))
            for i in range(0, len(unique), _CHUNK):
                chunk = unique[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for row in self._conn.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
                ):
                    by_id[row[0]] = _article_from_row(row)
        return [by_id[i] for i in ids if i in by_id]

    def article_ids(self) -> list[str]:
        """Every stored article id, in the order they were added."""
        with self._guard("list article ids"):
            return [r[0] for r in self._conn.execute("SELECT id FROM articles ORDER BY seq")]

    def count_articles(self) -> int:
        """How many articles the store holds."""
        with self._guard("count articles"):
            return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def sources(self, article_id: str) -> list[dict[str, Any]]:
        """Every path the article's content was seen at: ``path``, ``run_id``, ``seen_at``, oldest first."""
        with self._guard("list article sources"):
            rows = self._conn.execute(
                "SELECT path, run_id, seen_at FROM article_sources WHERE article_id = ? ORDER BY seen_at, path",
                (article_id,),
            ).fetchall()
        return [{"path": p, "run_id": r, "seen_at": s} for p, r, s in rows]

    # -- findings ----------------------------------------------------------------------------

    def get_finding(self, stage: str, version: str, key: str) -> Any | None:
        """The stored output of ``stage`` at ``version`` for ``key``, or None (part of FindingCache)."""
        with self._guard("read a finding"):
            row = self._conn.execute(
                "SELECT value FROM findings WHERE stage = ? AND version = ? AND key = ?",
                (stage, version, key),
            ).fetchone()
        return None if row is None else json.loads(row[0])

    def put_finding(self, stage: str, version: str, key: str, value: Any) -> None:
        """Store (or replace) the output of ``stage`` at ``version`` for ``key`` (part of FindingCache).

        Raises:
            StoreError: ``value`` is not JSON-ready, or the store is read-only.
        """
        self.put_findings(stage, version, [(key, value)])

    def put_findings(self, stage: str, version: str, items: Iterable[tuple[str, Any]]) -> None:
        """Store many outputs of one stage version in one transaction (upsert per key)."""
        if not stage or not version:
            raise StoreError(f"a finding needs a stage name and version, got {stage!r} / {version!r}")
        now = self._now()
        try:
            rows = [(stage, version, key, json.dumps(value, ensure_ascii=False), now) for key, value in items]
        except (TypeError, ValueError) as exc:
            raise StoreError(f"output of stage {stage} ({version}) is not JSON-ready: {exc}") from exc
        if not rows:
            return
        with self._write("store findings") as conn:
            conn.executemany(
                "INSERT INTO findings (stage, version, key, value, created) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (stage, version, key) DO UPDATE SET value = excluded.value, "
                "created = excluded.created",
                rows,
            )

    # -- search ------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and texts (SQLite FTS5 query syntax), best matches first.

        Args:
            query: FTS5 query, e.g. ``harbour AND strike`` or ``"water board"``.
            limit: most results returned.

        Returns:
            Dicts with ``id``, ``title``, ``outlet``, ``path``, ``published``, ``snippet`` (matches in
            ``[…]``) and ``score`` (BM25 relevance, higher is better; near 0 for words found in
            almost every article).

        Raises:
            StoreError: an empty or malformed query (the message says how to write one).
        """
        if not query.strip():
            raise StoreError(f"empty search query; {_FTS_HINT}")
        if limit < 1:
            raise StoreError(f"search limit must be at least 1, got {limit}")
        sql = (
            "SELECT a.id, a.title, a.outlet, a.path, a.published, "
            "snippet(articles_fts, -1, '[', ']', '…', 16), bm25(articles_fts) "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?"
        )
        with self._lock:
            try:
                rows = self._conn.execute(sql, (query, limit)).fetchall()
            except sqlite3.OperationalError as exc:
                # MATCH reports every query mistake as an OperationalError (syntax, unterminated
                # string, unknown column filter); a busy or broken file is told apart by its code
                if _is_busy(exc) or "malformed" in str(exc):
                    raise self._translate(exc, "search") from exc
                raise StoreError(f"cannot search for {query!r}: {exc}; {_FTS_HINT}") from exc
            except sqlite3.Error as exc:
                raise self._translate(exc, "search") from exc
        return [
            {"id": i, "title": t, "outlet": o, "path": p, "published": d, "snippet": s, "score": -float(b)}
            for i, t, o, p, d, s, b in rows
        ]

    # -- health ------------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems SQLite finds in the file (``PRAGMA integrity_check`` and foreign keys); empty when sound."""
        with self._guard("check the store"):
            problems = [r[0] for r in self._conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [
                f"{table} row {rowid} points to a missing {parent} row"
                for table, rowid, parent, _ in self._conn.execute("PRAGMA foreign_key_check")
            ]
        return problems


def _article_row(article: Article, seq: int, run_id: int, now: str) -> tuple[Any, ...]:
    content_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    offsets = json.dumps(article.offsets.to_json(), separators=(",", ":"))
    return (
        article.id,
        seq,
        content_hash,
        article.path,
        article.title,
        article.outlet,
        article.author,
        article.url,
        article.published,
        article.language,
        article.kind,
        article.text,
        article.raw_text,
        offsets,
        run_id,
        now,
    )


def _article_from_row(row: Sequence[Any]) -> Article:
    aid, path, text, raw_text, offsets, title, outlet, author, url, published, language, kind = row
    return Article(
        id=aid,
        path=path,
        text=text,
        raw_text=raw_text,
        offsets=OffsetMap.from_json(json.loads(offsets)),
        title=title,
        outlet=outlet,
        author=author,
        url=url,
        published=published,
        language=language,
        kind=kind,
    )
