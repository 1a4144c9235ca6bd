"""Tests of the SQLite store: round trip, dedup, runs, findings, readonly, search, bad files."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rashomon.errors import StoreBusy, StoreError
from rashomon.model import Article, Failure
from rashomon.pipeline import FindingCache, StageContext, run_stages
from rashomon.store import LATEST_VERSION, Store

MakeArticle = Callable[..., Article]

HARBOUR = "Dock workers in Velmora walked out on Tuesday. The port authority said talks may resume."
BRIDGE = "The Oster bridge reopened after repairs, the city council said in a statement."


def test_new_store_is_wal_with_latest_schema(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version == LATEST_VERSION
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == LATEST_VERSION
    assert dict(conn.execute("SELECT key, value FROM meta"))["created_by"].startswith("rashomon ")
    conn.close()


def test_articles_round_trip_every_field(db_path: Path, make_article: MakeArticle) -> None:
    article = make_article(
        HARBOUR,
        path="feeds/x.html",
        title="Dock strike",
        outlet="Velmora Courier",
        author="Ana Brisk",
        url="https://courier.example/strike",
        published="2026-03-04",
        language="en",
        kind="html",
    )
    with Store(db_path) as store:
        run = store.start_run("ingest", {"paths": ["feeds"]})
        assert store.add_articles([article], run) == (1, 0)
    with Store(db_path, readonly=True) as store:
        [back] = store.articles()
        assert back == article
        assert back.offsets.to_raw(0) == 20
        assert store.article_ids() == [article.id]
        assert store.count_articles() == 1


def test_articles_by_ids_keep_requested_order_and_skip_unknown(
    db_path: Path, make_article: MakeArticle
) -> None:
    a, b = make_article(HARBOUR), make_article(BRIDGE)
    with Store(db_path) as store:
        store.add_articles([a, b], store.start_run("ingest", {}))
        assert [x.id for x in store.articles([b.id, "nope", a.id])] == [b.id, a.id]
        assert store.article_ids() == [a.id, b.id]


def test_same_content_twice_adds_nothing_but_records_the_new_path(
    db_path: Path, make_article: MakeArticle
) -> None:
    first = make_article(HARBOUR, path="one/a.txt")
    again = make_article(HARBOUR, path="two/a.txt")
    with Store(db_path) as store:
        run1 = store.start_run("ingest", {})
        assert store.add_articles([first, first], run1) == (1, 1)
        run2 = store.start_run("ingest", {})
        assert store.add_articles([again], run2) == (0, 1)
        assert store.count_articles() == 1
        assert store.articles()[0].path == "one/a.txt"
        assert [s["path"] for s in store.sources(first.id)] == ["one/a.txt", "two/a.txt"]


def test_add_articles_to_unknown_run_is_refused(db_path: Path, make_article: MakeArticle) -> None:
    with Store(db_path) as store, pytest.raises(StoreError, match="start_run"):
        store.add_articles([make_article(HARBOUR)], 99)


def test_runs_are_recorded_with_args_status_and_summary(db_path: Path) -> None:
    clock = iter([datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), datetime(2026, 1, 2, 3, 9, 0, tzinfo=UTC)])
    with Store(db_path) as store:
        store._clock = lambda: next(clock)
        run = store.start_run("analyze", {"paths": ["examples"], "out": Path("/tmp/o")})
        store.finish_run(run, "ok", {"articles": 5})
        [rec] = store.runs()
    assert rec["command"] == "analyze"
    assert rec["args"] == {"paths": ["examples"], "out": "/tmp/o"}
    assert (rec["started"], rec["finished"]) == ("2026-01-02T03:04:05+00:00", "2026-01-02T03:09:00+00:00")
    assert rec["status"] == "ok" and rec["summary"] == {"articles": 5}
    assert rec["rashomon_version"]


def test_finish_unknown_run_raises(db_path: Path) -> None:
    with Store(db_path) as store, pytest.raises(StoreError, match="run 7 does not exist"):
        store.finish_run(7, "ok", {})


def test_failures_per_run(db_path: Path) -> None:
    with Store(db_path) as store:
        r1, r2 = store.start_run("ingest", {}), store.start_run("ingest", {})
        store.add_failures(r1, [Failure("bad.bin", "binary file")])
        store.add_failures(r2, [Failure("x.jsonl#3", "malformed JSON"), Failure("e.txt", "empty file")])
        assert store.failures(r1) == [Failure("bad.bin", "binary file")]
        assert [f.path for f in store.failures(r2)] == ["x.jsonl#3", "e.txt"]
        assert len(store.failures()) == 3


def test_findings_upsert_and_keep_versions_apart(db_path: Path) -> None:
    with Store(db_path) as store:
        cache: FindingCache = store
        assert cache.get_finding("reuse", "reuse.v1", "k") is None
        cache.put_finding("reuse", "reuse.v1", "k", {"links": [1, 2]})
        cache.put_finding("reuse", "reuse.v1", "k", {"links": [3]})
        cache.put_finding("reuse", "reuse.v2", "k", ["other"])
        assert cache.get_finding("reuse", "reuse.v1", "k") == {"links": [3]}
        assert cache.get_finding("reuse", "reuse.v2", "k") == ["other"]
        assert cache.get_finding("claims", "reuse.v1", "k") is None
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM findings").fetchone()[0] == 2
    conn.close()


def test_non_json_finding_is_refused(db_path: Path) -> None:
    with Store(db_path) as store, pytest.raises(StoreError, match="not JSON-ready"):
        store.put_finding("s", "s.v1", "k", {"x": object()})


def test_readonly_refuses_writes(db_path: Path) -> None:
    with Store(db_path) as store:
        store.start_run("ingest", {})
    with Store(db_path, readonly=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.start_run("ingest", {})
        with pytest.raises(StoreError, match="read-only"):
            store.put_finding("s", "s.v1", "k", 1)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._conn.execute("DELETE FROM runs")  # even raw SQL cannot write
        assert len(store.runs()) == 1


def test_readonly_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "none.db", readonly=True)


def test_fts_search_finds_words_and_phrases(db_path: Path, make_article: MakeArticle) -> None:
    with Store(db_path) as store:
        run = store.start_run("ingest", {})
        store.add_articles(
            [
                make_article(HARBOUR, title="Dock strike", outlet="Courier"),
                make_article(BRIDGE),
                make_article("Rain is expected over the northern hills on Friday."),
            ],
            run,
        )
        hits = store.search("walked")
        assert [h["outlet"] for h in hits] == ["Courier"]
        assert "[walked]" in hits[0]["snippet"] and hits[0]["score"] > 0
        assert [h["id"] for h in store.search('"city council"')] == [make_article(BRIDGE).id]
        assert store.search("dock AND bridge") == []
        assert len(store.search("the", limit=1)) == 1


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "  "])
def test_bad_fts_query_raises_with_hint(db_path: Path, query: str) -> None:
    with Store(db_path) as store, pytest.raises(StoreError, match="double quotes"):
        store.search(query)


def test_search_sees_accents_and_other_scripts(db_path: Path, make_article: MakeArticle) -> None:
    text = "Жители Велморы вышли на улицы. The café reopened."
    with Store(db_path) as store:
        store.add_articles([make_article(text)], store.start_run("ingest", {}))
        assert len(store.search("улицы")) == 1
        assert len(store.search("cafe")) == 1


def test_non_sqlite_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not a database, just some text " * 200)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store(bad)


def test_corrupt_header_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    with Store(path) as store:
        store.start_run("ingest", {})
    data = bytearray(path.read_bytes())
    data[:16] = b"garbage garbage!"
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"broken\.db"):
        Store(path)


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (n INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a rashomon store"):
        Store(path)


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this rashomon"):
        Store(db_path)


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store(blocker / "db" / "rashomon.db")


def test_write_lock_held_elsewhere_gives_store_busy(db_path: Path) -> None:
    Store(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(db_path, timeout=0.1) as store:
            with pytest.raises(StoreBusy, match=r"another rashomon process is writing to .*rashomon\.db"):
                store.start_run("ingest", {})
            assert store.count_articles() == 0  # readers are not blocked in WAL mode
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_closed_store_raises_store_error(db_path: Path) -> None:
    store = Store(db_path)
    store.close()
    store.close()
    with pytest.raises(StoreError):
        store.count_articles()


def test_article_type_is_the_model_article(db_path: Path, make_article: MakeArticle) -> None:
    with Store(db_path) as store:
        store.add_articles([make_article(BRIDGE)], store.start_run("ingest", {}))
        assert all(isinstance(a, Article) for a in store.articles())


def test_public_api_of_the_store_package() -> None:
    import rashomon.store

    assert sorted(rashomon.store.__all__) == ["LATEST_VERSION", "Store"]
    assert all(hasattr(rashomon.store, name) for name in rashomon.store.__all__)


def test_a_folder_given_as_the_store_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path)):
        Store(tmp_path)


def test_check_reports_a_sound_store(db_path: Path, make_article: MakeArticle) -> None:
    with Store(db_path) as store:
        store.add_articles([make_article(BRIDGE)], store.start_run("ingest", {}))
        assert store.check() == []


class _CountingStage:
    """An article stage that counts how often it really runs."""

    name = "wordcount"
    version = "wordcount.v1"
    requires: tuple[str, ...] = ()
    section = None

    def __init__(self) -> None:
        self.calls = 0

    def run_article(self, article: Article, ctx: StageContext) -> dict[str, int]:
        self.calls += 1
        return {"words": len(article.text.split())}


def test_the_runner_reuses_findings_kept_in_the_store(db_path: Path, make_article: MakeArticle) -> None:
    articles = [make_article(HARBOUR), make_article(BRIDGE)]
    stage = _CountingStage()
    with Store(db_path) as store:
        first = run_stages([stage], articles, StageContext(), cache=store)
    with Store(db_path) as store:  # a later process: the outputs come from the file
        second = run_stages([stage], articles, StageContext(), cache=store)
    assert stage.calls == 2
    assert first == second == {"wordcount": {articles[0].id: {"words": 15}, articles[1].id: {"words": 13}}}
