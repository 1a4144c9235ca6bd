"""Compressed and archived inputs: gzip streams with size limits, and WARC files.

Gzip is decompressed as a stream with a cap, never inflated whole first, so a small file that
expands to gigabytes (a gzip bomb) is refused after reading a bounded amount. WARC files are parsed
with warcio over that same stream; warcio stops quietly at a cut, so we check that the records read
account for every byte and report the damage when they do not.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from collections.abc import Iterator, Mapping
from typing import IO, Any

from rashomon.errors import InputError, InputTooLarge
from rashomon.ingest.dates import parse_date
from rashomon.ingest.encoding import decode_bytes
from rashomon.ingest.sniff import GZIP_MAGIC, looks_like_html
from rashomon.model import Failure, RawDocument

__all__ = ["BoundedGunzip", "ByteStream", "read_capped", "read_warc"]

logger = logging.getLogger(__name__)

# What the readers read from: a buffered file, or a BoundedGunzip.
ByteStream = io.BufferedIOBase | io.RawIOBase

_CHUNK = 64 * 1024
# The expansion ratio is judged only past this much output: small files compress unevenly.
RATIO_FLOOR_BYTES = 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_ARTICLE_RECORDS = ("response", "resource")


class BoundedGunzip(io.RawIOBase):
    """A readable stream of the decompressed bytes of a (multi-member) gzip file, with limits.

    Args:
        raw: the compressed bytes, positioned at the gzip header.
        path: the file name, for error messages.
        compressed_size: the size of ``raw`` in bytes (for the ratio limit).
        max_bytes: most decompressed bytes allowed (``max_file_bytes``).
        max_ratio: most expansion allowed (``max_gzip_ratio``), judged past 1 MiB of output.

    Raises:
        InputTooLarge: (when read) a limit is exceeded: a gzip bomb, or a file over ``max_file_bytes``.
        InputError: (when read) the stream is truncated or corrupt; the bytes before the damage are
            handed out first.

    Example:
        >>> import gzip, io
        >>> data = gzip.compress(b"text")
        >>> BoundedGunzip(io.BytesIO(data), path="a.gz", compressed_size=len(data),
        ...               max_bytes=1000, max_ratio=200).read()
        b'text'
    """

    def __init__(
        self, raw: IO[bytes], *, path: str, compressed_size: int, max_bytes: int, max_ratio: float
    ) -> None:
        super().__init__()
        self._raw = raw
        self._path = path
        self._budget = min(max_bytes, max(RATIO_FLOOR_BYTES, int(max_ratio * max(compressed_size, 1))))
        self._max_bytes = max_bytes
        self._max_ratio = max_ratio
        self._inflater = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._pos = 0  # start of the unread bytes in _pending: reads move it instead of copying the rest
        self._input = b""
        self._produced = 0
        self._done = False
        self._truncated = False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        """Decompressed bytes handed out so far."""
        return self._produced - self._available()

    def _available(self) -> int:
        return len(self._pending) - self._pos

    def peek(self, size: int = 1) -> bytes:
        """At least ``size`` bytes ahead when the stream has them, without consuming them."""
        while self._available() < size and not self._done:
            self._fill()
        return self._pending[self._pos :]

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view):
            while not self._available() and not self._done:
                self._fill()
            if not self._available():
                break
            size = min(len(view) - filled, self._available())
            view[filled : filled + size] = self._pending[self._pos : self._pos + size]
            self._pos += size
            filled += size
        if not filled and self._truncated:
            raise InputError(self._path, "the gzip stream ends early: the file is truncated; re-download it")
        return filled

    def readline(self, size: int | None = -1) -> bytes:
        """The next line, ``b"\\n"`` included (at most ``size`` bytes when given).

        Overridden because the generic one peeks and reads per line, copying the buffer each time:
        a file of millions of short lines (a JSONL bomb) would take minutes.
        """
        want = -1 if size is None or size < 0 else size
        scanned = 0
        while True:
            found = self._pending.find(b"\n", self._pos + scanned)
            if found >= 0:
                stop = found + 1 - self._pos
                break
            if 0 <= want <= self._available() or (self._done and not self._truncated):
                stop = self._available()
                break
            if self._done:  # a line cut by the truncation is part of the damage, not a line
                raise InputError(
                    self._path, "the gzip stream ends early: the file is truncated; re-download it"
                )
            scanned = self._available()
            self._fill()
        stop = min(stop, want) if want >= 0 else stop
        line = self._pending[self._pos : self._pos + stop]
        self._pos += stop
        return line

    def _fill(self) -> None:
        if not self._input:
            self._input = self._raw.read(_CHUNK)
            if not self._input:
                self._finish_at_eof()
                return
        try:
            out = self._inflater.decompress(self._input, _CHUNK)
        except zlib.error as exc:
            raise InputError(
                self._path, f"the gzip data is corrupt ({exc}); the file is damaged: re-download it"
            ) from exc
        self._input = self._inflater.unconsumed_tail
        self._emit(out)
        if self._inflater.eof:
            self._next_member()

    def _emit(self, out: bytes) -> None:
        self._produced += len(out)
        self._check_limits()
        self._pending = self._pending[self._pos :] + out
        self._pos = 0

    def _next_member(self) -> None:
        rest = self._inflater.unused_data
        if not rest:
            rest = self._raw.read(_CHUNK)
        if not rest:
            self._done = True
        elif rest.startswith(GZIP_MAGIC):
            self._inflater = zlib.decompressobj(wbits=31)
            self._input = rest
        else:
            logger.debug("%s: ignoring %d+ bytes after the last gzip member", self._path, len(rest))
            self._done = True

    def _finish_at_eof(self) -> None:
        self._done = True
        if not self._inflater.eof:
            self._emit(self._inflater.flush())  # what zlib still holds once the input is all in
        # Hand out what was decompressed before the cut first: a JSONL or WARC reader keeps it.
        self._truncated = not self._inflater.eof

    def _check_limits(self) -> None:
        if self._produced <= self._budget:
            return
        if self._produced > self._max_bytes:
            raise InputTooLarge(
                self._path,
                f"it decompresses to more than {self._max_bytes:,} bytes (max_file_bytes); "
                "split it, or raise max_file_bytes if you trust it",
            )
        raise InputTooLarge(
            self._path,
            f"it expands more than {self._max_ratio:g} times (max_gzip_ratio), as a gzip bomb does; "
            "refused. Raise max_gzip_ratio if you trust the file",
        )


def read_capped(stream: ByteStream, limit: int, path: str, *, size_hint: int | None = None) -> bytes:
    """Read all of ``stream``, refusing more than ``limit`` bytes.

    Args:
        stream: the bytes to read.
        limit: most bytes accepted.
        path: the file name, for the error message.
        size_hint: the expected size when known (a plain file): read in one go instead of in chunks.

    Raises:
        InputTooLarge: the stream holds more than ``limit`` bytes.
    """
    if size_hint is not None and size_hint <= limit:
        data = stream.read(size_hint + 1) or b""
        rest = b"" if len(data) <= size_hint else (stream.read(limit - len(data) + 1) or b"")
        data += rest  # the file grew while we read it: keep within the limit all the same
    else:
        chunks: list[bytes] = []
        total = 0
        while total <= limit and (chunk := stream.read(min(_CHUNK * 16, limit + 1 - total)) or b""):
            chunks.append(chunk)
            total += len(chunk)
        data = b"".join(chunks)
    if len(data) > limit:
        raise InputTooLarge(
            path, f"it is larger than {limit:,} bytes (max_file_bytes); split it or raise max_file_bytes"
        )
    return data


def read_warc(stream: ByteStream, path: str, limits: Mapping[str, Any]) -> Iterator[RawDocument | Failure]:
    """The article records of a WARC file: HTML or plain-text ``response``/``resource`` records.

    Args:
        stream: the uncompressed WARC bytes (a :class:`BoundedGunzip` for ``.warc.gz``) supporting
            ``read`` and ``tell``.
        path: the file name; records are named ``path#<record index>`` (counting from 0, all records).
        limits: resolved settings (``max_file_bytes``).

    Yields:
        A :class:`RawDocument` per article record, a :class:`Failure` per unusable one, and a final
        :class:`Failure` when the file is cut or damaged after the last complete record.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    iterator = ArchiveIterator(stream, ensure_http_headers=False)
    records = iter(iterator)
    warnings: list[str] = []
    completed = found = 0  # records fully handled: the next one is where damage is reported
    try:
        while True:
            with _quiet_warcio(path, warnings):
                record = next(records, None)
                if record is None:
                    break
                outcome = _warc_record(record, f"{path}#{completed}", int(limits["max_file_bytes"]))
            if outcome is not None:
                found += 1
                yield outcome
            if isinstance(outcome, Failure) and outcome.reason.startswith("the record is truncated"):
                return
            completed += 1
    except InputError as exc:  # the gzip stream under the WARC: truncated, corrupt or too large
        yield _damage(path, completed, exc.reason)
        return
    except (ArchiveLoadFailed, ValueError, AttributeError, EOFError, KeyError, IndexError) as exc:
        logger.debug("%s: warcio stopped: %s", path, exc)
        yield _damage(path, completed)
        return
    consumed, total = iterator.offset, stream.tell()
    if total - consumed > 4 or warnings:  # beyond the blank lines that end a record, or a bad length
        yield _damage(path, completed)
    elif not found:
        yield Failure(path, "no HTML or plain-text responses in this WARC file: nothing to analyse")


@contextlib.contextmanager
def _quiet_warcio(path: str, warnings: list[str]) -> Iterator[None]:
    """warcio reports damage on stderr; turn that into log lines and remember that it happened.

    Only held while warcio runs, never across a ``yield`` of the reader, so other output is untouched.
    """
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):
        yield
    text = captured.getvalue().strip()
    if text:
        warnings.append(text)
        logger.warning("%s: the WARC file looks damaged: %s", path, " ".join(text.split())[:300])


def _damage(path: str, completed: int, cause: str | None = None) -> Failure:
    kept = f"the {completed} records before it were read" if completed else "no record could be read"
    what = cause or "the WARC file is truncated or damaged; re-download it"
    return Failure(f"{path}#{completed}", f"{what} (from record {completed} on; {kept})")


def _warc_record(record: Any, name: str, max_bytes: int) -> RawDocument | Failure | None:
    """One WARC record as a document; None for records that are not articles (requests, images…)."""
    if record.rec_type not in _ARTICLE_RECORDS:
        return None
    http = record.http_headers
    if http is not None and not str(http.get_statuscode() or "").startswith("2"):
        return None  # redirects and error pages are not articles
    content_type = (http.get_header("Content-Type") if http is not None else None) or (
        record.rec_headers.get_header("Content-Type") or ""
    )
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    if mime not in _HTML_TYPES + _TEXT_TYPES:
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Failure(name, f"the record is larger than {max_bytes:,} bytes (max_file_bytes); skipped")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Failure(name, "the record is truncated: the WARC file ends inside it; re-download the file")
    if not payload.strip():
        return Failure(name, "the record's body is empty: nothing to analyse")
    declared = _charset_param(params)
    try:
        text, encoding = decode_bytes(payload, path=name, declared=declared, html=mime in _HTML_TYPES)
    except InputError as exc:
        return Failure(exc.path, exc.reason)
    kind = "html" if mime in _HTML_TYPES or looks_like_html(text) else "text"
    return RawDocument(path=name, raw_text=text, kind=kind, encoding=encoding, meta=_warc_meta(record))


def _charset_param(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_meta(record: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    url = record.rec_headers.get_header("WARC-Target-URI")
    if url:
        meta["url"] = url.strip("<>")
    http = record.http_headers
    # The server's Last-Modified is closer to publication than the crawl date; the page itself may
    # carry a better date, which cleaning prefers.
    for raw in (
        http.get_header("Last-Modified") if http is not None else None,
        record.rec_headers.get_header("WARC-Date"),
    ):
        published = parse_date(raw) if raw else None
        if published:
            meta["published"] = published
            break
    return meta
