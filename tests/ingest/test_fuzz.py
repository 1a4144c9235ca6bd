"""Property tests: no bytes make the readers raise; every outcome is a document or a failure."""

from __future__ import annotations

import gzip
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.errors import InputError
from rashomon.ingest.encoding import decode_bytes
from rashomon.ingest.readers import read_file
from rashomon.ingest.walk import InputFile
from rashomon.model import Failure, RawDocument
from rashomon.settings import resolve_settings

LIMITS = resolve_settings({"max_file_bytes": 1_000_000})


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_raises_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, path="f", html=True)
    except InputError as exc:
        assert exc.path == "f" and exc.reason
    else:
        assert isinstance(text, str) and encoding


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=1500),
    name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.warc", "a.txt.gz", "noext"]),
    packed=st.booleans(),
    cut=st.integers(min_value=0, max_value=60),
)
def test_read_file_never_raises(tmp_path: Path, data: bytes, name: str, packed: bool, cut: int) -> None:
    path = tmp_path / name
    payload = gzip.compress(data) if packed else data
    path.write_bytes(payload[: max(0, len(payload) - cut)] if packed else payload)
    items = list(read_file(InputFile(path, name), LIMITS))
    for item in items:
        assert isinstance(item, (RawDocument, Failure))
        assert item.path.startswith(name)
        if isinstance(item, RawDocument):
            assert item.kind in ("text", "html") and item.raw_text.strip()
        else:
            assert item.reason
