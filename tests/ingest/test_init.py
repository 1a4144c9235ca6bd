"""The curated public API of rashomon.ingest."""

from __future__ import annotations

import rashomon.ingest as ingest


def test_public_names_are_exactly_the_documented_ones() -> None:
    assert sorted(ingest.__all__) == ["decode_bytes", "detect_language", "parse_date", "read_inputs"]
    public = {name for name in vars(ingest) if not name.startswith("_")}
    # Submodules appear as attributes once imported; everything else public must be in __all__.
    modules = {"archives", "dates", "encoding", "language", "readers", "sniff", "walk"}
    assert public - modules == set(ingest.__all__)
