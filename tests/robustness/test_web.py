"""``rashomon serve`` as a black box: a real process and raw HTTP over a socket.

The web tests (tests/web) check the app function by function; these check what a hostile client
reaching the port can do: path traversal in every encoding, methods and bodies, oversized request
lines and queries, a foreign ``Host`` header, and whether any of it changes the database file.
"""

from __future__ import annotations

import hashlib
import json
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from robust_support import CHEAP_STAGE, HOSTILE, RASHOMON, cli_env, en_variant

from rashomon.analyze import analyze

TRAVERSALS = (
    "/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "//etc/passwd",
    "/run/1/../../../../etc/passwd",
    "/article/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/article/%2fetc%2fpasswd",
    "/run/1/article/..%2f..%2fr.db",
    "/r.db",
    "/static/../r.db",
    "/article/%00../../etc/passwd",
    "/..\\..\\..\\etc\\passwd",
    "http://evil.example/etc/passwd",
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    work = tmp_path_factory.mktemp("web")
    inputs = work / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text(en_variant(0), encoding="utf-8")
    record = {"text": f"Officials in Talvor said the bridge was safe. {HOSTILE} The council met on Monday."}
    (inputs / "hostile.jsonl").write_text(json.dumps({**record, "title": HOSTILE}) + "\n", encoding="utf-8")
    db = work / "r.db"
    analyze([inputs], work / "out", db, stages=[CHEAP_STAGE])
    proc = subprocess.Popen(
        [str(RASHOMON), "serve", "--db", str(db), "--port", "0"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        found = re.search(r"http://([\d.]+):(\d+)", line)
        assert found, f"no address in {line!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"
        yield found[1], int(found[2]), db
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _raw(host: str, port: int, request: bytes, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    return status, headers, body


def _get(
    host: str, port: int, target: str, extra: str = "", host_header: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = f"GET {target} HTTP/1.1\r\nHost: {host_header or f'{host}:{port}'}\r\nConnection: close\r\n{extra}\r\n"
    return _raw(host, port, request.encode("latin-1"))


def test_binds_loopback_by_default_with_csp(served: tuple[str, int, Path]) -> None:
    host, port, _ = served
    assert host == "127.0.0.1"
    status, headers, body = _get(host, port, "/")
    assert status == 200 and b"<html" in body.lower()
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_file_is_reachable_through_any_url(served: tuple[str, int, Path], target: str) -> None:
    host, port, _ = served
    status, _, body = _get(host, port, target)
    assert status in (400, 404, 414, 421), (status, body[:200])
    assert b"root:" not in body and b"SQLite format 3" not in body


def test_hostile_article_text_is_escaped(served: tuple[str, int, Path]) -> None:
    host, port, _ = served
    _, _, home = _get(host, port, "/")
    run = re.search(rb'href="(/run/\d+)"', home)
    assert run, home[:500]
    _, _, page = _get(host, port, run[1].decode())
    assert b"&lt;script&gt;alert" in page
    assert b"<script>alert" not in page and b"<img src=x" not in page


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_only_reads(served: tuple[str, int, Path], method: str) -> None:
    host, port, _ = served
    request = f"{method} / HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    status, _, _ = _raw(host, port, request.encode())
    assert status == 405


def test_request_sizes_are_bounded(served: tuple[str, int, Path]) -> None:
    host, port, _ = served
    started = time.monotonic()
    # a body announced as 10 GB is refused without reading it
    status, _, _ = _get(host, port, "/", extra="Content-Length: 10000000000\r\n")
    assert status == 413
    status, _, _ = _get(host, port, "/search?q=" + "a" * 100_000)
    assert status == 414
    status, _, _ = _get(host, port, "/" + "a" * 100_000)
    assert status in (400, 414)
    status, _, _ = _get(host, port, "/", extra="X-Big: " + "b" * 100_000 + "\r\n")
    assert status in (400, 431)
    assert time.monotonic() - started < 30
    assert _get(host, port, "/")[0] == 200  # still serving


def test_foreign_host_header_refused(served: tuple[str, int, Path]) -> None:
    host, port, _ = served
    status, _, _ = _get(host, port, "/", host_header="evil.example")
    assert status == 421


def test_serving_never_writes_the_database(served: tuple[str, int, Path]) -> None:
    host, port, db = served
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for target in (
        "/",
        "/search?q=bridge",
        "/search?q=%22",
        "/run/1",
        "/article/x'%3B%20DROP%20TABLE%20articles",
    ):
        _get(host, port, target)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
