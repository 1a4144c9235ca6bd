from __future__ import annotations

import html
import logging
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from rashomon.errors import ConfigError, StoreError
from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.store import Store
from rashomon.web.analyses import save_analysis
from rashomon.web.server import is_loopback, make_web_server


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")


def test_serves_over_http_with_headers(store_path: Path) -> None:
    server = make_web_server(store_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/run/1") as resp:
            assert resp.status == 200
            assert "default-src 'none'" in resp.headers["Content-Security-Policy"]
            assert b"Harbour Gazette" in resp.read()
    finally:
        server.shutdown()
        server.server_close()


def test_warns_when_bound_beyond_loopback(store_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        server = make_web_server(store_path, "0.0.0.0", 0)
    server.server_close()
    assert "anyone who can reach this address" in caplog.text


def test_bad_port_and_missing_store(tmp_path: Path, store_path: Path) -> None:
    with pytest.raises(ConfigError, match="port"):
        make_web_server(store_path, "127.0.0.1", 70000)
    with pytest.raises(StoreError, match="does not exist"):
        make_web_server(tmp_path / "missing.db", "127.0.0.1", 0)


def test_loopback_server_refuses_a_rebound_host(store_path: Path) -> None:
    server = make_web_server(store_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        request = urllib.request.Request(url, headers={"Host": f"attacker.example:{server.server_port}"})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request)
        assert caught.value.code == 421
        with urllib.request.urlopen(url.replace("127.0.0.1", "localhost")) as resp:
            assert resp.status == 200
    finally:
        server.shutdown()
        server.server_close()


def test_odd_article_ids_round_trip_through_urls(tmp_path: Path) -> None:
    odd = 'ид/1 "x"%20<y>'
    text = "An article whose id came from a JSONL record."
    doc = {"articles": [{"id": odd, "path": "f.jsonl#L1", "outlet": "Odd", "text": text}], "errors": []}
    with Store(tmp_path / "o.db") as store:
        run = store.start_run("analyze", {"paths": []})
        store.add_articles([Article(odd, "f.jsonl#L1", text, text, OffsetMap.identity(len(text)))], run)
        save_analysis(store, run, doc)
    server = make_web_server(tmp_path / "o.db", "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        story = urllib.request.urlopen(f"{base}/run/1").read().decode()
        href = re.search(r'href="(/run/1/article/[^"#]+)"', story)
        assert href is not None
        with urllib.request.urlopen(base + html.unescape(href[1])) as resp:
            page = resp.read().decode()
        assert "An article whose id came from a JSONL record." in page
        assert "&lt;y&gt;" in page and "<y>" not in page
    finally:
        server.shutdown()
        server.server_close()
