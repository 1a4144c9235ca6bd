"""Parquet shards of stage outputs: one file per stage, version, settings and partition.

A shard holds ``(article_id, value)`` rows, ``value`` being the JSON text of the stage output. It is
written to a temporary name and renamed, so a shard either exists whole or not at all: a killed
run leaves no half shard, and a resumed run skips every shard already there.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rashomon.errors import ConfigError

__all__ = ["partition_key", "read_shard", "shard_dir", "write_shard"]

JSON = Any


def partition_key(article_ids: Iterable[str]) -> str:
    """A stable name for a partition: a hash of its article ids."""
    h = hashlib.sha256()
    for article_id in article_ids:
        h.update(article_id.encode())
        h.update(b"\0")
    return h.hexdigest()[:20]


def shard_dir(work_dir: Path, stage: str, version: str, settings_key: str) -> Path:
    """Where the shards of one stage version under one settings hash live."""
    for part in (stage, version):
        if not part or "/" in part or part.startswith("."):
            raise ConfigError(f"stage name or version {part!r} cannot name a shard folder")
    return Path(work_dir) / stage / f"{version}-{settings_key}"


def write_shard(path: Path, rows: Sequence[tuple[str, JSON]]) -> Path:
    """Write ``(article_id, value)`` rows to ``path`` atomically; return ``path``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.table(
        {
            "article_id": pa.array([r[0] for r in rows], pa.string()),
            "value": pa.array([json.dumps(r[1], ensure_ascii=False) for r in rows], pa.string()),
        }
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)
    return path


def read_shard(path: Path) -> list[tuple[str, JSON]]:
    """The ``(article_id, value)`` rows of a shard."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    ids = table.column("article_id").to_pylist()
    values = table.column("value").to_pylist()
    return [(i, json.loads(v)) for i, v in zip(ids, values, strict=True)]
