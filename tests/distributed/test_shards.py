"""Parquet shards: round trip, stable partition names, no stray temporary files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.distributed.shards import partition_key, read_shard, shard_dir, write_shard
from rashomon.errors import ConfigError


def test_round_trip_keeps_values_and_order(tmp_path: Path) -> None:
    rows = [("b", {"z": 1, "a": [1.5, None]}), ("a", "text é")]
    path = write_shard(tmp_path / "x" / "part-1.parquet", rows)
    assert read_shard(path) == rows
    assert list(read_shard(path)[0][1]) == ["z", "a"]
    assert [p.name for p in path.parent.iterdir()] == ["part-1.parquet"]


def test_partition_key_is_stable_and_order_sensitive() -> None:
    assert partition_key(["a", "b"]) == partition_key(iter(["a", "b"]))
    assert partition_key(["a", "b"]) != partition_key(["b", "a"])
    assert partition_key(["ab"]) != partition_key(["a", "b"])


def test_shard_dir_refuses_unsafe_names(tmp_path: Path) -> None:
    assert shard_dir(tmp_path, "stories", "stories.v1", "abc") == tmp_path / "stories" / "stories.v1-abc"
    with pytest.raises(ConfigError):
        shard_dir(tmp_path, "../x", "v1", "abc")
