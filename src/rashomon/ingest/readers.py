"""Read input paths into raw documents: dispatch by name and content, one reader per format.

Every input ends up as :class:`~rashomon.model.RawDocument` (one per article) or
:class:`~rashomon.model.Failure` (one per unusable file, line or record, with a reason a person
understands). Nothing here raises for bad input; limits come from :mod:`rashomon.settings`.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from rashomon.errors import InputError, InputTooLarge
from rashomon.ingest.archives import BoundedGunzip, ByteStream, read_capped, read_warc
from rashomon.ingest.dates import parse_date
from rashomon.ingest.encoding import decode_bytes
from rashomon.ingest.sniff import (
    GZIP_MAGIC,
    HEAD_BYTES,
    binary_reason,
    format_from_name,
    looks_like_html,
    sniff_format,
)
from rashomon.ingest.walk import InputFile, iter_files
from rashomon.model import Failure, RawDocument
from rashomon.settings import resolve_settings

__all__ = ["JSONL_FIELDS", "read_file", "read_inputs"]

logger = logging.getLogger(__name__)

# Optional JSONL fields carried into RawDocument.meta.
JSONL_FIELDS = ("id", "title", "outlet", "author", "url", "published")
_LIMIT_KEYS = ("max_file_bytes", "max_gzip_ratio", "max_article_chars")


def read_inputs(
    paths: Sequence[str | Path], settings: Mapping[str, Any] | None = None
) -> Iterator[RawDocument | Failure]:
    """Read every article under ``paths``.

    Args:
        paths: files and folders; folders are walked recursively in sorted order (hidden entries
            skipped). Formats: ``.txt``, ``.html``/``.htm``, ``.jsonl``, ``.warc``, ``.warc.gz`` and
            ``.gz`` of any of them; other names are recognised by their content.
        settings: ``max_file_bytes``, ``max_gzip_ratio``, ``max_article_chars`` (other keys are
            ignored); defaults from :func:`rashomon.settings.resolve_settings`.

    Yields:
        A :class:`RawDocument` per article and a :class:`Failure` per file, JSONL line or WARC record
        that cannot be used, in input order.

    Example:
        >>> for item in read_inputs(["articles/"]):  # doctest: +SKIP
        ...     print(item.path)
    """
    limits = _limits(settings)
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not a sequence of one-letter paths
    for item in iter_files(paths):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_file(item, limits)


def read_file(item: InputFile, limits: Mapping[str, Any]) -> Iterator[RawDocument | Failure]:
    """The articles of one file; failures are yielded, never raised.

    Args:
        item: the file and the name to give it.
        limits: resolved settings (see :func:`read_inputs`).

    Yields:
        Documents and failures, in file order; a failure that stops a file comes after what was read.
    """
    try:
        yield from _read(item, limits)
    except InputError as exc:
        yield Failure(exc.path, exc.reason)
    except PermissionError:
        yield Failure(item.name, "permission denied; make the file readable (chmod +r) or run as its owner")
    except IsADirectoryError:
        yield Failure(item.name, "this is a folder where a file was expected")
    except OSError as exc:
        yield Failure(item.name, f"cannot read the file ({exc.strerror or exc}); check that it is intact")


def _limits(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    given = dict(settings or {})
    return resolve_settings({key: given[key] for key in _LIMIT_KEYS if key in given})


def _read(item: InputFile, limits: Mapping[str, Any]) -> Iterator[RawDocument | Failure]:
    name = item.name
    if not item.path.is_file():
        raise InputError(name, "not a regular file (a device, socket or pipe); give a file or a folder")
    size = item.path.stat().st_size
    max_bytes = int(limits["max_file_bytes"])
    if size > max_bytes:
        raise InputTooLarge(
            name, f"it is {size:,} bytes, over max_file_bytes ({max_bytes:,}); split it or raise the limit"
        )
    if size == 0:
        raise InputError(name, "the file is empty")
    fmt, _ = format_from_name(item.path.name)
    with io.FileIO(item.path, "rb") as raw:
        stream = _open_stream(io.BufferedReader(raw, buffer_size=HEAD_BYTES), name, size, limits)
        head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
        if fmt is None:
            fmt = sniff_format(head)
            logger.debug("%s: sniffed as %s", name, fmt)
        if fmt == "gzip":  # gzip inside gzip is not a format we read
            raise InputError(name, "a gzip file inside a gzip file; decompress it once first")
        if fmt == "json":
            raise InputError(
                name,
                "a JSON document, not JSON Lines: give one article per line (.jsonl), each an object "
                "with a 'text' field",
            )
        if fmt == "warc":
            yield from read_warc(stream, name, limits)
            return
        if fmt == "jsonl":
            _refuse_binary(head, name)
            yield from _read_jsonl(stream, name, limits)
        else:
            hint = None if isinstance(stream, BoundedGunzip) else size
            data = read_capped(stream, max_bytes, name, size_hint=hint)
            _refuse_binary(data[:HEAD_BYTES], name)
            yield _read_document(data, name, fmt, limits)


def _refuse_binary(head: bytes, name: str) -> None:
    what = binary_reason(head)
    if what is not None:
        raise InputError(name, f"this is {what}, not text")


def _open_stream(
    buffered: io.BufferedReader[Any], name: str, size: int, limits: Mapping[str, Any]
) -> io.BufferedReader[Any] | BoundedGunzip:
    """The file's bytes, decompressed when they are gzip (whatever the name says).

    The gzip stream is not wrapped in a BufferedReader: that would read ahead past a truncation and
    lose the records before it.
    """
    if not buffered.peek(2).startswith(GZIP_MAGIC):
        return buffered
    gunzip = BoundedGunzip(
        buffered,
        path=name,
        compressed_size=size,
        max_bytes=int(limits["max_file_bytes"]),
        max_ratio=float(limits["max_gzip_ratio"]),
    )
    return gunzip


def _read_document(data: bytes, name: str, fmt: str, limits: Mapping[str, Any]) -> RawDocument:
    if data.isspace():  # isspace, not strip: no copy of a large file
        raise InputError(name, "the file holds only whitespace: nothing to analyse")
    if fmt != "html" and len(data) > 4 * int(limits["max_article_chars"]):
        # No encoding spends more than 4 bytes on a character, so this many bytes is too long already.
        raise InputTooLarge(
            name,
            f"the article is over max_article_chars ({int(limits['max_article_chars']):,} characters); "
            "split it or raise the limit",
        )
    text, encoding = decode_bytes(data, path=name, html=fmt == "html")
    if not text or text.isspace():
        raise InputError(name, "the file holds only whitespace: nothing to analyse")
    kind = "html" if fmt == "html" else "text"
    if kind == "text":
        _check_length(text, name, limits)
    return RawDocument(path=name, raw_text=text, kind=kind, encoding=encoding)


def _check_length(text: str, name: str, limits: Mapping[str, Any]) -> None:
    max_chars = int(limits["max_article_chars"])
    if len(text) > max_chars:
        raise InputTooLarge(
            name,
            f"the article is {len(text):,} characters, over max_article_chars ({max_chars:,}); "
            "split it or raise the limit",
        )


def _read_jsonl(stream: ByteStream, name: str, limits: Mapping[str, Any]) -> Iterator[RawDocument | Failure]:
    """One article per line; a bad line is a Failure naming it, the other lines are kept."""
    lines_with_content = 0
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        lines_with_content += 1
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield _jsonl_record(line, f"{name}#L{number}", limits)
        except InputError as exc:
            yield Failure(exc.path, exc.reason)
    if lines_with_content == 0:
        yield Failure(name, "the JSONL file holds only blank lines: nothing to analyse")


def _jsonl_record(line: bytes, name: str, limits: Mapping[str, Any]) -> RawDocument:
    """One JSONL line as a document.

    Raises:
        InputError: the line is not a JSON object, lacks a non-empty ``text``, or has a field of the
            wrong type.
    """
    try:
        text_line, encoding = line.decode("utf-8"), "utf-8"  # JSON is UTF-8: the common case, fast
    except UnicodeDecodeError:
        text_line, encoding = decode_bytes(line, path=name)
    try:
        record = json.loads(text_line)
    except json.JSONDecodeError as exc:
        raise InputError(
            name,
            f"line {_line_no(name)} is not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno}); "
            "fix or remove it",
        ) from exc
    if not isinstance(record, dict):
        raise InputError(
            name, f"line {_line_no(name)} is JSON but not an object ({{...}}); each line must be one article"
        )
    text = record.get("text")
    if not isinstance(text, str):
        found = "missing" if text is None else f"{_type_name(text)}, not a string"
        raise InputError(name, f"line {_line_no(name)}: the required field 'text' is {found}")
    if not text.strip():
        raise InputError(name, f"line {_line_no(name)}: the field 'text' is empty")
    meta = _jsonl_meta(record, name)
    kind = "html" if looks_like_html(text) else "text"
    if kind == "text":
        _check_length(text, name, limits)
    return RawDocument(path=name, raw_text=text, kind=kind, encoding=encoding, meta=meta)


def _jsonl_meta(record: Mapping[str, Any], name: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key in JSONL_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # numeric ids are common and unambiguous
        if not isinstance(value, str):
            raise InputError(
                name, f"line {_line_no(name)}: the field {key!r} is {_type_name(value)}, not a string"
            )
        value = value.strip()
        if not value:
            continue
        if key == "published":
            parsed = parse_date(value)
            if parsed is None:
                logger.info("%s: 'published' value %r is not a date; ignored", name, value)
                continue
            value = parsed
        meta[key] = value
    return meta


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _line_no(name: str) -> str:
    return name.rsplit("#L", 1)[-1]
