from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.offsets import OffsetMap, TextBuilder


def test_builder_rejoins_and_maps_back() -> None:
    raw = "Hello govern-\nment world"
    b = TextBuilder(raw)
    b.copy(0, 12)
    b.copy(14, 24)
    text, omap = b.build()
    assert text == "Hello government world"
    start, end = omap.span_to_raw(6, 16)
    assert raw[start:end] == "govern-\nment"
    assert omap.to_clean(14) == 12
    assert omap.to_clean(12) is None  # the hyphen was dropped


def test_inserted_text_maps_to_insertion_point() -> None:
    raw = "line one\nchrome\nline two"
    b = TextBuilder(raw)
    b.copy(0, 8)
    b.insert("\n\n")
    b.copy(16, 24)
    text, omap = b.build()
    assert text == "line one\n\nline two"
    assert omap.to_raw(9) == 8
    assert raw[slice(*omap.span_to_raw(10, 18))] == "line two"


def test_json_round_trip_and_identity() -> None:
    omap = OffsetMap.identity(5)
    assert OffsetMap.from_json(omap.to_json()) == omap
    assert omap.to_raw(5) == 5
    with pytest.raises(ValueError):
        omap.to_raw(6)


def test_copy_outside_raw_is_refused() -> None:
    with pytest.raises(ValueError):
        TextBuilder("abc").copy(2, 9)


@given(
    st.text(min_size=1, max_size=200),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=8),
)
def test_copied_characters_round_trip(raw: str, cuts: list[tuple[int, int]]) -> None:
    b = TextBuilder(raw)
    pos = 0
    for a, n in sorted(cuts):
        start = min(max(a, pos), len(raw))
        end = min(start + n % 20, len(raw))
        b.copy(start, end)
        b.insert(" ")
        pos = end
    text, omap = b.build()
    assert omap.clean_length == len(text)
    for c0, r0, n in omap.runs:
        for i in range(n):
            assert text[c0 + i] == raw[r0 + i]
            assert omap.to_raw(c0 + i) == r0 + i
            assert omap.to_clean(r0 + i) == c0 + i
    for i in range(len(text) + 1):
        assert 0 <= omap.to_raw(i) <= len(raw)
