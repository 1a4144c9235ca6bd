"""What a file holds, judged from its name and its first bytes: format, and whether it is text at all."""

from __future__ import annotations

import json
import re
from pathlib import PurePath

__all__ = ["GZIP_MAGIC", "binary_reason", "format_from_name", "looks_like_html", "sniff_format"]

GZIP_MAGIC = b"\x1f\x8b"
# How much of a file sniffing looks at.
HEAD_BYTES = 8192

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
# Formats we recognise by their first bytes and cannot read: named so the message says what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; extract its text first (e.g. pdftotext)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV or AVI)"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/EPUB); unpack it or export the text first"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive; unpack it first"),
    (b"BZh", "a bzip2 file; decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "an xz file; decompress it first (unxz)"),
    (b"\x28\xb5\x2f\xfd", "a zstd file; decompress it first (unzstd)"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document; save it as text or HTML first"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"wOFF", "a web font"),
)
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Share of control bytes (other than tab, newlines, form feed, escape) above which a file is not text.
MAX_CONTROL_SHARE = 0.05
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_HTML_TAGS = re.compile(
    r"</?(?:p|div|span|a|br|html|body|article|section|h[1-6]|ul|li|table|meta)\b[^>]*>", re.I
)


def format_from_name(name: str) -> tuple[str | None, bool]:
    """The format an input's name announces.

    Args:
        name: the file name (``story.html.gz``, ``crawl.warc.gz``, ``notes``).

    Returns:
        ``(format, gzipped)``: format among ``text, html, jsonl, warc`` or None when the name does not
        say; ``gzipped`` when the name ends in ``.gz``.
    """
    path = PurePath(name.lower())
    gzipped = path.suffix == ".gz"
    if gzipped:
        path = path.with_suffix("")
    return _EXTENSIONS.get(path.suffix), gzipped


def binary_reason(head: bytes) -> str | None:
    """Why ``head`` (a file's first bytes) is not text, or None when it may be text.

    Args:
        head: the first few KB of a file, after any decompression.

    Returns:
        A phrase naming what the file seems to be (``"a PDF document; …"``), or None.
    """
    for magic, what in _MAGIC:
        # Magic numbers that are also plain letters ("BZh", "OggS") count only with non-text bytes.
        if head.startswith(magic) and (not magic.isalpha() or _has_control(head)):
            return what
    if head.startswith(_TEXT_BOMS) or head.startswith((b"\x00\x00\xfe\xff",)) or utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "a binary file (it contains NUL bytes)"
    if head and sum(1 for b in head if b in _CONTROL_BYTES) / len(head) > MAX_CONTROL_SHARE:
        return "a binary file (too many control characters for text)"
    return None


def _has_control(head: bytes) -> bool:
    return any(b in _CONTROL_BYTES for b in head[:512])


def utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``head`` is ASCII-range text in UTF-16 without a BOM."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def sniff_format(head: bytes) -> str:
    """The format of a file whose name does not say: ``gzip, warc, jsonl, json, html`` or ``text``.

    ``json`` is a JSON document that is not JSON Lines (a pretty-printed object or an array).

    Args:
        head: the first few KB of the file.

    Returns:
        The format name.
    """
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{") and _first_line_is_json_object(stripped):
        return "jsonl"
    if stripped.startswith((b"{", b"[")) and _looks_like_json(stripped):
        return "json"
    if _HTML_START.match(stripped) or len(_HTML_TAGS.findall(stripped[:4096].decode("latin-1"))) >= 3:
        return "html"
    return "text"


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML markup rather than plain text (for JSONL ``text`` fields)."""
    head = text[:4096]
    if _HTML_START.match(head.encode("utf-8", "replace")):
        return True
    return len(_HTML_TAGS.findall(head)) >= 3


def _first_line_is_json_object(head: bytes) -> bool:
    line, newline, _ = head.partition(b"\n")
    if not newline and len(head) >= HEAD_BYTES:
        return True  # a first line longer than the sniffed head: trust the brace
    try:
        return isinstance(json.loads(line.decode("utf-8", "replace")), dict)
    except json.JSONDecodeError:
        return False


def _looks_like_json(head: bytes) -> bool:
    """A JSON document's opening: an object's first key, or an array of objects, arrays or strings."""
    return re.match(rb'^(?:\{\s*["}]|\[\s*[{\["\]])', head) is not None
