"""Tests for rashomon.offsets.compose, added for cleaning text that an HTML extractor produced."""

from __future__ import annotations

import pytest

from rashomon.offsets import OffsetMap, TextBuilder, compose


def test_compose_chains_two_maps() -> None:
    raw = "<p>Hello govern-</p><p>ment world</p>"
    inner_builder = TextBuilder(raw)
    inner_builder.copy(3, 16)  # "Hello govern-"
    inner_builder.insert("\n")
    inner_builder.copy(23, 33)  # "ment world"
    middle, inner = inner_builder.build()
    assert middle == "Hello govern-\nment world"
    outer_builder = TextBuilder(middle)
    outer_builder.copy(0, 12)
    outer_builder.copy(14, len(middle))
    text, outer = outer_builder.build()
    assert text == "Hello government world"
    omap = compose(outer, inner)
    assert omap.clean_length == len(text) and omap.raw_length == len(raw)
    for c0, r0, n in omap.runs:
        assert text[c0 : c0 + n] == raw[r0 : r0 + n]
    assert raw[slice(*omap.span_to_raw(6, 16))] == "govern-</p><p>ment"


def test_inserted_characters_of_inner_map_get_no_run() -> None:
    inner = OffsetMap(((0, 10, 3), (4, 20, 3)), 7, 30)  # middle "abc\ndef", "\n" inserted
    outer = OffsetMap.identity(7)
    assert compose(outer, inner).runs == ((0, 10, 3), (4, 20, 3))


def test_maps_that_do_not_chain_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot compose"):
        compose(OffsetMap.identity(3), OffsetMap.identity(4))
