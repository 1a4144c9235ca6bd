"""A real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 run ``analyze --engine dask``.

The analysis must equal the local engine's. Processes are bounded by timeouts and always stopped.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli.main import app

DASK = Path(sys.executable).with_name("dask")
TEXTS = {
    "tacoma1.txt": "Three killed in Tacoma mall shooting\n\nA gunman opened fire at a shopping mall in Tacoma on "
    "Tuesday, killing three people, police chief Maria Lund said. The suspect, Derek Hall, was arrested.",
    "tacoma2.txt": "Tacoma mall gunman arrested after three die\n\nPolice in Tacoma arrested Derek Hall after a "
    "shooting at a mall left three people dead on Tuesday, chief Maria Lund told reporters.",
    "omaha.txt": "Two hurt in Omaha school shooting\n\nTwo students were wounded when a teenager fired shots "
    "outside Lincoln High School in Omaha on Friday, the school district said.",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dask scheduler exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise TimeoutError(f"dask scheduler did not listen on {port} within {timeout}s")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "dask.log").open("wb")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs.append(
            subprocess.Popen(
                [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                stdout=log,
                stderr=log,
            )
        )
        wait_for_port(port, procs[0], 30)
        for i in range(2):
            command = [str(DASK), "worker", address, "--nthreads", "1", "--no-dashboard", "--name", f"w{i}"]
            procs.append(subprocess.Popen([*command, "--death-timeout", "60"], stdout=log, stderr=log))
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        log.close()


def analysis(folder: Path) -> dict[str, object]:
    doc: dict[str, object] = json.loads((folder / "analysis.json").read_text(encoding="utf-8"))
    doc.pop("created")
    return doc


def test_analyze_on_a_real_cluster_equals_local(cluster: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    common = [str(corpus), "--stage", "stories"]
    local = runner.invoke(
        app, ["analyze", *common, "--out", str(tmp_path / "a"), "--db", str(tmp_path / "a.db")]
    )
    assert local.exit_code == 0, local.output
    dask_args = ["--out", str(tmp_path / "b"), "--db", str(tmp_path / "b.db"), "--engine", "dask"]
    remote = runner.invoke(app, ["analyze", *common, *dask_args, "--scheduler", cluster])
    assert remote.exit_code == 0, remote.output
    assert analysis(tmp_path / "b") == analysis(tmp_path / "a")
    stories = analysis(tmp_path / "b")["stories"]
    assert isinstance(stories, list) and sorted(s["size"] for s in stories) == [1, 2]
    assert list((tmp_path / "b" / "work" / "story_features").rglob("part-*.parquet"))
