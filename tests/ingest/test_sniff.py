"""Format and binary sniffing from names and first bytes."""

from __future__ import annotations

import json

import pytest

from rashomon.ingest.sniff import binary_reason, format_from_name, looks_like_html, sniff_format


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", ("text", False)),
        ("A.HTML", ("html", False)),
        ("b.htm", ("html", False)),
        ("c.jsonl", ("jsonl", False)),
        ("d.warc", ("warc", False)),
        ("d.warc.gz", ("warc", True)),
        ("x.txt.gz", ("text", True)),
        ("x.html.gz", ("html", True)),
        ("x.jsonl.gz", ("jsonl", True)),
        ("notes", (None, False)),
        ("data.gz", (None, True)),
        ("photo.png", (None, False)),
    ],
)
def test_format_from_name(name: str, expected: tuple[str | None, bool]) -> None:
    assert format_from_name(name) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (json.dumps({"text": "x"}).encode() + b"\n", "jsonl"),
        (b"  <!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"<!-- saved page --><html lang='en'>", "html"),
        (b"<div><p>one</p><p>two</p></div>", "html"),
        (b"{not json at all\nsecond line", "text"),
        (b'{\n  "articles": [\n', "json"),
        (b'[{"text": "a"},\n {"text": "b"}]', "json"),
        (b"[1] A footnote mark opens this plain text.", "text"),
        (b"Plain words, and a <b>bold</b> one.", "text"),
    ],
)
def test_sniff_format(head: bytes, expected: str) -> None:
    assert sniff_format(head) == expected


@pytest.mark.parametrize(
    ("head", "fragment"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"text with a \x00 NUL byte", "NUL"),
        (b"\x01\x02\x03\x04\x05\x06 mostly control" + b"\x07" * 20, "control"),
    ],
)
def test_binary_files_are_named(head: bytes, fragment: str) -> None:
    reason = binary_reason(head)
    assert reason is not None
    assert fragment in reason


@pytest.mark.parametrize(
    "head",
    [
        b"Ordinary text.\n\tIndented line.\r\n",
        "UTF-16 text".encode("utf-16"),
        "BOM-less UTF-16 little-endian text".encode("utf-16-le"),
        b"BZh is how this sentence starts, and it is text.",
        b"",
    ],
)
def test_text_is_not_binary(head: bytes) -> None:
    assert binary_reason(head) is None


def test_looks_like_html() -> None:
    assert looks_like_html("<html><body><p>x</p></body></html>")
    assert looks_like_html("<p>One</p><p>Two</p><div>Three</div>")
    assert not looks_like_html("A sentence about <b> tags.")
