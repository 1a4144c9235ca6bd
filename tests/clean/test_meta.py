"""Tests for rashomon.clean.meta: title, author, outlet and date from the text."""

from __future__ import annotations

from collections import Counter

from rashomon.clean.body import find_body
from rashomon.clean.lines import segment
from rashomon.clean.meta import TextMeta, extract_meta, looks_like_outlet

BODY = (
    "The regional council voted on Tuesday to close the old bridge for repairs, a decision that will "
    "force thousands of commuters onto a detour for at least six months.\n\n"
    "Engineers found cracks in two of the supporting pillars last year, and the council said it had no "
    "choice but to act before the winter storms arrive."
)


def _parse(text: str) -> str | None:
    return "2023-05-12" if "12 May 2023" in text else None


def _meta(raw: str, repeated: Counter[str] | None = None) -> TextMeta:
    blocks = segment(raw)
    for block in blocks:
        block.repeated = (repeated or Counter())[block.text]
    return extract_meta(blocks, find_body(blocks, "latin"), _parse, "en")


def test_byline_outlet_and_name_line() -> None:
    meta = _meta(f"Bridge to close for repairs\n\nWritten by The Valley Post\n\nMaria Kowalski\n\n{BODY}")
    assert meta == TextMeta("Bridge to close for repairs", "Maria Kowalski", "The Valley Post", None)


def test_signature_after_body_with_glued_widget() -> None:
    meta = _meta(f"Bridge to close for repairs\n\n{BODY}\n\nShaun Walker\n\nThe Valley PostTramp\n\nRelated")
    assert meta.author == "Shaun Walker"
    assert meta.outlet == "The Valley Post"


def test_date_line_above_body() -> None:
    meta = _meta(f"Bridge to close for repairs\n\nBy Jane Doe | 12 May 2023\n\n12 May 2023\n\n{BODY}")
    assert meta.published == "2023-05-12"
    assert meta.author == "Jane Doe"


def test_labels_are_not_authors() -> None:
    meta = _meta(f"Bridge to close for repairs\n\n{BODY}\n\nLeave a Reply\n\nRecent Posts")
    assert meta.author is None


def test_copyright_and_repeated_site_name() -> None:
    assert _meta(f"{BODY}\n\n© 2023 Harbour Times. All rights reserved.").outlet == "Harbour Times"
    assert _meta(f"{BODY}\n\nDales Evening Echo © 2023 All rights reserved").outlet == "Dales Evening Echo"
    assert _meta(f"{BODY}\n\n©2024 by travelwithanna").outlet == "travelwithanna"
    meta = _meta(f"The Lakeside Ledger\n\nNews Sport\n\n{BODY}", Counter({"The Lakeside Ledger": 1}))
    assert meta.outlet == "The Lakeside Ledger"


def test_looks_like_outlet() -> None:
    assert looks_like_outlet("The Frontier Post")
    assert looks_like_outlet("Daily Herald")
    assert not looks_like_outlet("Irina Alksnis")
