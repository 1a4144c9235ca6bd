"""The Dask engine: stages mapped over partitions on a dask.distributed cluster, Parquet shards, resumable."""

from rashomon.distributed.runner import run_stages_dask

__all__ = ["run_stages_dask"]
