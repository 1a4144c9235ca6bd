"""Gzip streams with limits, and WARC reading with damage reported."""

from __future__ import annotations

import gzip
import io
import zlib

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.errors import InputError, InputTooLarge
from rashomon.ingest.archives import BoundedGunzip, read_capped, read_warc
from rashomon.model import Failure, RawDocument
from rashomon.settings import resolve_settings

RUSSIAN = "Министр заявил во вторник, что переговоры о прекращении огня возобновятся на следующей неделе."


def gunzip(data: bytes, *, max_bytes: int = 10**9, max_ratio: float = 200) -> BoundedGunzip:
    return BoundedGunzip(
        io.BytesIO(data), path="f.gz", compressed_size=len(data), max_bytes=max_bytes, max_ratio=max_ratio
    )


def test_gunzip_reads_every_member() -> None:
    data = gzip.compress(b"first member. ") + gzip.compress(b"second member.")
    assert gunzip(data).read() == b"first member. second member."


def test_gunzip_peek_does_not_consume() -> None:
    stream = gunzip(gzip.compress(b"abcdef" * 100))
    assert stream.peek(6)[:6] == b"abcdef"
    assert stream.read(3) == b"abc"
    assert stream.tell() == 3


def test_truncated_gzip_is_reported_after_what_it_held() -> None:
    lines = b"".join(b"line %d of the text\n" % i for i in range(5000))
    data = gzip.compress(lines)[:-400]
    stream = gunzip(data)
    read: list[bytes] = []
    with pytest.raises(InputError, match="the gzip stream ends early: the file is truncated; re-download it"):
        for line in stream:
            read.append(line)
    assert read[:3] == [b"line 0 of the text\n", b"line 1 of the text\n", b"line 2 of the text\n"]
    assert len(read) > 1000


def test_corrupt_gzip_is_reported() -> None:
    data = bytearray(gzip.compress(b"some text that is long enough to matter " * 50))
    data[20:40] = b"\xff" * 20
    with pytest.raises(InputError, match="corrupt"):
        gunzip(bytes(data)).read()


def test_gzip_bomb_is_refused_by_ratio_without_inflating_it() -> None:
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)
    stream = gunzip(bomb, max_ratio=200)
    with pytest.raises(InputTooLarge, match="max_gzip_ratio"):
        stream.read()
    # Decompression stops one chunk past the ratio budget, far before the 50 MB.
    assert stream.tell() <= 200 * len(bomb) + 64 * 1024


def test_gzip_over_max_bytes_is_refused() -> None:
    data = gzip.compress(bytes(range(256)) * 4096)  # 1 MiB that compresses poorly enough
    with pytest.raises(InputTooLarge, match="max_file_bytes"):
        gunzip(data, max_bytes=100_000, max_ratio=10**6).read()


def test_read_capped() -> None:
    assert read_capped(io.BytesIO(b"12345"), 5, "f") == b"12345"
    assert read_capped(io.BytesIO(b"12345"), 5, "f", size_hint=5) == b"12345"
    with pytest.raises(InputTooLarge, match="larger than 4 bytes"):
        read_capped(io.BytesIO(b"12345"), 4, "f")


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Last-Modified", "Wed, 05 Jan 2022 10:00:00 GMT")],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)


def make_warc(*, gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    _response(
        writer,
        "http://a.example/1",
        b"<html><body><p>" + RUSSIAN.encode("cp1251") + b"</p></body></html>",
        "text/html; charset=windows-1251",
    )
    _response(writer, "http://a.example/logo.png", b"\x89PNG\r\n\x1a\n\x00", "image/png")
    _response(writer, "http://a.example/gone", b"<html>not found</html>", "text/html", status="404 Not Found")
    _response(writer, "http://a.example/2.txt", b"A plain text article about the harbour.", "text/plain")
    _response(writer, "http://a.example/3", b"<html><body><p>Third article.</p></body></html>", "text/html")
    return buffer.getvalue()


def _read(data: bytes, *, gz: bool) -> list[RawDocument | Failure]:
    stream: io.BufferedIOBase | BoundedGunzip = gunzip(data) if gz else io.BufferedReader(io.BytesIO(data))
    return list(read_warc(stream, "crawl.warc", resolve_settings()))


@pytest.mark.parametrize("gz", [False, True])
def test_warc_article_records_are_read(gz: bool) -> None:
    items = _read(make_warc(gz=gz), gz=gz)
    assert [item.path for item in items] == ["crawl.warc#0", "crawl.warc#3", "crawl.warc#4"]
    first, second, third = items
    assert (
        isinstance(first, RawDocument) and isinstance(second, RawDocument) and isinstance(third, RawDocument)
    )
    assert (first.kind, first.encoding) == ("html", "cp1251")
    assert RUSSIAN in first.raw_text
    assert first.meta == {"url": "http://a.example/1", "published": "2022-01-05T10:00:00+00:00"}
    assert (second.kind, second.raw_text) == ("text", "A plain text article about the harbour.")
    assert third.kind == "html"


def test_warc_date_is_used_without_last_modified() -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "http://b.example/",
        "response",
        payload=io.BytesIO(b"Body text."),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2021-03-04T05:06:07Z"},
    )
    writer.write_record(record)
    (item,) = _read(buffer.getvalue(), gz=False)
    assert isinstance(item, RawDocument)
    assert item.meta["published"] == "2021-03-04T05:06:07+00:00"


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_the_records_before_the_damage(gz: bool) -> None:
    data = make_warc(gz=gz)
    items = _read(data[: len(data) - 60], gz=gz)
    assert [item.path for item in items[:-1]] == ["crawl.warc#0", "crawl.warc#3"]
    assert all(isinstance(item, RawDocument) for item in items[:-1])
    damage = items[-1]
    assert isinstance(damage, Failure)
    assert damage.path == "crawl.warc#4"
    assert "truncated" in damage.reason and "re-download" in damage.reason


def test_warc_cut_inside_the_headers_of_a_record_is_reported() -> None:
    data = make_warc(gz=False)
    last_start = data.rindex(b"WARC/1")
    items = _read(data[: last_start + 150], gz=False)
    assert [item.path for item in items] == ["crawl.warc#0", "crawl.warc#3", "crawl.warc#4"]
    assert isinstance(items[-1], Failure)


def test_a_warc_without_articles_is_reported() -> None:
    expected = [
        Failure("crawl.warc", "no HTML or plain-text responses in this WARC file: nothing to analyse")
    ]
    assert _read(b"\r\n\r\n", gz=False) == expected
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    _response(writer, "http://a.example/logo.png", b"\x89PNG\r\n\x1a\n\x00", "image/png")
    assert _read(buffer.getvalue(), gz=False) == expected


def test_zlib_level_does_not_matter_for_members() -> None:
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    data = compressor.compress(b"low compression level") + compressor.flush()
    assert gunzip(data).read() == b"low compression level"
