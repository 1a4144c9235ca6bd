"""Generated inputs for the robustness suites (nothing large is committed) and a runner for the CLI.

The texts are written for these tests: short news-like paragraphs about invented events, in English
and Russian, so that every good input is something the pipeline can analyse.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RASHOMON = Path(sys.executable).with_name("rashomon")
# the cheapest registered stage: the suites test ingestion, the store and the runner, not the analyses
CHEAP_STAGE = "timeline"

EN_TEXT = (
    "Bridge reopens in Talvor after repairs\n\n"
    "The city council of Talvor reopened the river bridge on Monday after six weeks of repairs, "
    "the mayor's office said in a statement.\n\n"
    '"Traffic will be limited to cars for another month," said city engineer Maren Osk.\n\n'
    "About 12,000 vehicles crossed the bridge each day before it was closed in March, according to "
    "the regional transport agency.\n"
)
RU_TEXT = (
    "Паводок в Северогорске\n\n"
    "Власти Северогорска объявили режим чрезвычайной ситуации в понедельник после того, как река "
    "вышла из берегов и затопила три улицы, сообщила пресс-служба мэрии.\n\n"
    "«Мы эвакуировали около двухсот жителей», — заявил глава городской администрации Игорь Седов.\n\n"
    "По данным спасателей, уровень воды в реке за сутки поднялся на полтора метра.\n"
)


HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def write_big_text(path: Path, size: int) -> None:
    """About ``size`` bytes of plain English prose lines, written in pieces."""
    line = (
        " ".join(["The council of Talvor met again on Monday to discuss the bridge."] * 4) + "\n"
    ).encode()
    with path.open("wb") as f:
        for _ in range(size // len(line)):
            f.write(line)


def write_big_html(path: Path, size: int) -> None:
    """About ``size`` bytes of one HTML page: many short paragraphs in nested containers."""
    para = b"<div class='c'><p>The council of Talvor met again on Monday to discuss the bridge.</p></div>\n"
    with path.open("wb") as f:
        f.write(b"<html><head><title>Talvor</title></head><body><article>")
        for _ in range(size // len(para)):
            f.write(para)
        f.write(b"</article></body></html>")


def en_variant(n: int) -> str:
    """A distinct English article (articles with the same clean text are stored once)."""
    return EN_TEXT.replace("six weeks", f"{n + 2} weeks").replace("12,000", f"{12 + n},000")


def html_page(body: str, title: str, charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n")[1:] if p.strip())
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>{paras}"
        "</article><footer>All rights reserved</footer></body></html>"
    )


def deep_html(depth: int) -> str:
    """A page whose article sits inside ``depth`` nested elements."""
    paras = "".join(f"<p>{p}</p>" for p in en_variant(40).split("\n\n")[1:])
    return "<html><body>" + "<div>" * depth + paras + "</div>" * depth + "</body></html>"


def gzip_bomb(expanded_bytes: int, fill: bytes = b"\0") -> bytes:
    """A small gzip file that inflates to ``expanded_bytes`` of ``fill``, compressed as a stream."""
    buffer = io.BytesIO()
    block = fill * ((1 << 20) // len(fill))
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as gz:
        for _ in range(expanded_bytes // len(block)):
            gz.write(block)
    return buffer.getvalue()


def warc_record(uri: str, html: str) -> bytes:
    payload = html.encode("utf-8")
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(payload)}\r\n\r\n".encode()
        + payload
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-04T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


@dataclass(frozen=True)
class Case:
    """One generated input and what the run must make of it.

    Attributes:
        name: the file (or folder) name inside the input folder.
        good: True when it must be analysed, False when it must appear in ``errors``.
        reason: for a bad input, words that must appear in its reason (lower case).
        contains: for a good input, words that must appear in the analysed text.
    """

    name: str
    good: bool
    reason: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()


def build_inputs(root: Path) -> list[Case]:
    """Write every bad and good input of the suite under ``root`` (about 30 MB, nearly all of it the
    two oversized files)."""
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, data: bytes, case: Case) -> None:
        (root / name).write_bytes(data)
        cases.append(case)

    add("plain.txt", en_variant(0).encode(), Case("plain.txt", True, contains=("Talvor",)))
    spaced = "a file with spaces – Ünïcödé 東京.txt"
    add(spaced, en_variant(1).encode(), Case(spaced, True, contains=("Maren Osk",)))
    ru_html = html_page(RU_TEXT, "Паводок в Северогорске")
    add("ru_cp1251.html", ru_html.encode("cp1251"), Case("ru_cp1251.html", True, contains=("эвакуировали",)))
    # KOI8-R has no guillemets or dashes
    ru_koi = RU_TEXT.replace("Северогорск", "Южногорск").replace("«", '"').replace("»", '"').replace("—", "-")
    add("ru_koi8r.txt", ru_koi.encode("koi8-r"), Case("ru_koi8r.txt", True, contains=("Южногорска",)))
    add("utf16_bom.txt", en_variant(2).encode("utf-16"), Case("utf16_bom.txt", True, contains=("Talvor",)))
    # UTF-8 (multi-byte letters) with a stray byte: damaged, and the reason says where
    broken = RU_TEXT.encode().replace("река".encode(), b"\xff\xfe", 1)
    add("invalid_utf8.txt", broken, Case("invalid_utf8.txt", False, reason=("utf-8", "invalid bytes")))
    # ASCII with stray high bytes is legacy-encoded text, not damage: it is read
    stray = en_variant(3).encode().replace(b"council", b"council\xa0", 1)
    add("stray_byte.txt", stray, Case("stray_byte.txt", True, contains=("river bridge",)))
    add("deep.html", deep_html(10_000).encode(), Case("deep.html", True, contains=("Maren Osk",)))
    add("empty.txt", b"", Case("empty.txt", False, reason=("empty",)))
    add("blank.txt", b" \n\t\n" * 50, Case("blank.txt", False, reason=("whitespace",)))
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    add("photo.txt", png, Case("photo.txt", False, reason=("not text",)))
    add("random.bin", os.urandom(4096), Case("random.bin", False, reason=()))
    add("bomb.txt.gz", gzip_bomb(64 << 20), Case("bomb.txt.gz", False, reason=("gzip bomb",)))
    good_record = warc_record("https://news.example/a", html_page(en_variant(4), "Bridge"))
    cut_record = warc_record("https://news.example/b", html_page(en_variant(5), "Bridge again"))
    add(
        "crawl.warc",
        good_record + cut_record[: len(cut_record) // 2],
        Case("crawl.warc#1", False, reason=("truncated",)),
    )
    cases.append(Case("crawl.warc#0", True, contains=("6 weeks",)))
    lines = [
        json.dumps({"text": en_variant(6), "title": "Bridge", "outlet": "Talvor Daily"}),
        '{"text": "unterminated',
        json.dumps({"text": 42}),
        json.dumps({"title": "no text field"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": en_variant(7), "author": ["not", "a", "string"]}),
        json.dumps({"text": en_variant(8), "id": 17}),
    ]
    add("feed.jsonl", "\n".join(lines).encode() + b"\n", Case("feed.jsonl#L1", True, contains=("8 weeks",)))
    cases += [
        Case("feed.jsonl#L2", False, reason=("not valid json",)),
        Case("feed.jsonl#L3", False, reason=("'text'", "number")),
        Case("feed.jsonl#L4", False, reason=("'text'", "missing")),
        Case("feed.jsonl#L5", False, reason=("not an object",)),
        Case("feed.jsonl#L6", False, reason=("'author'", "list")),
        Case("feed.jsonl#L7", True, contains=("10 weeks",)),
    ]
    hostile = {"text": f"Officials in Talvor said the bridge was safe. {HOSTILE} The council met on Monday."}
    add(
        "hostile.jsonl",
        json.dumps({**hostile, "title": HOSTILE}).encode() + b"\n",
        Case("hostile.jsonl#L1", True),
    )
    write_big_text(root / "huge.txt", 12 << 20)
    cases.append(Case("huge.txt", False, reason=("max_article_chars",)))
    write_big_html(root / "huge.html", 17 << 20)
    cases.append(Case("huge.html", False, reason=("max_html_chars",)))
    loop = root / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop, target_is_directory=True)
    cases.append(Case("loop/self", False, reason=("loop",)))
    (root / "knot").symlink_to(root / "knot")
    cases.append(Case("knot", False, reason=("loop",)))
    return cases


@dataclass
class Run:
    """A finished ``rashomon`` subprocess."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_bytes: int


def start_cli(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    """Start ``rashomon ARGS`` with its output in files under ``cwd`` (no pipe to fill and block)."""
    with (cwd / "cli.stdout").open("wb") as out, (cwd / "cli.stderr").open("wb") as err:
        return subprocess.Popen([str(RASHOMON), *args], cwd=cwd, stdout=out, stderr=err, env=cli_env())


def wait_cli(proc: subprocess.Popen[bytes], cwd: Path, started: float, timeout: float = 240) -> Run:
    """Wait for ``proc``; its own peak RSS comes from ``wait4`` (the rusage of that child alone).

    ``getrusage(RUSAGE_CHILDREN)`` would give the largest of every child this test session waited for.
    """
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise AssertionError(f"rashomon {proc.args!r} did not finish in {timeout} s")
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        proc.returncode,
        (cwd / "cli.stdout").read_text(errors="replace"),
        (cwd / "cli.stderr").read_text(errors="replace"),
        time.monotonic() - started,
        usage.ru_maxrss * 1024,  # kB on Linux
    )


# A child forked from this (large) test process counts the parent's resident pages in its ru_maxrss
# until it execs, so the peak of rashomon alone is measured by a small launcher that forks it instead.
_LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run_cli(args: list[str], cwd: Path, timeout: float = 240) -> Run:
    """Run ``rashomon ARGS`` to completion in ``cwd``; the peak RSS is rashomon's own."""
    started = time.monotonic()
    rss_file = cwd / "cli.maxrss"
    with (cwd / "cli.stdout").open("wb") as out, (cwd / "cli.stderr").open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(rss_file), str(RASHOMON), *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            env=cli_env(),
        )
    run = wait_cli(proc, cwd, started, timeout)
    peak = int(rss_file.read_text()) * 1024 if rss_file.exists() else run.peak_rss_bytes
    return Run(run.code, run.stdout, run.stderr, run.seconds, peak)


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "TOKENIZERS_PARALLELISM": "false"})
    return env


def load_analysis(out: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    return doc
