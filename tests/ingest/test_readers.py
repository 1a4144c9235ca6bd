"""read_inputs end to end over generated files: every format, every kind of bad input."""

from __future__ import annotations

import codecs
import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.ingest import read_inputs
from rashomon.ingest.readers import read_file
from rashomon.ingest.walk import InputFile
from rashomon.model import Failure, RawDocument
from rashomon.settings import resolve_settings

RUSSIAN = (
    "Губернатор области сообщил журналистам, что ремонт моста через реку завершится к концу лета. "
    "По его словам, движение транспорта будет открыто в обе стороны."
)
FRENCH = "Le maire a annoncé que la rénovation du marché couvert débutera en février, après l'été."


def one(path: Path, **settings: object) -> RawDocument | Failure:
    items = list(read_inputs([path], settings))
    assert len(items) == 1, items
    return items[0]


def doc(path: Path, **settings: object) -> RawDocument:
    item = one(path, **settings)
    assert isinstance(item, RawDocument), item
    return item


def failure(path: Path, **settings: object) -> Failure:
    item = one(path, **settings)
    assert isinstance(item, Failure), item
    return item


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A short article.\n", encoding="utf-8")
    assert doc(path) == RawDocument(str(path), "A short article.\n", "text", "utf-8", {})


@pytest.mark.parametrize("codec,expected", [("cp1251", "cp1251"), ("koi8_r", "koi8-r")])
def test_russian_html_without_charset(tmp_path: Path, codec: str, expected: str) -> None:
    path = tmp_path / f"ru-{codec}.html"
    path.write_bytes(b"<html><body><h1>Most</h1><p>" + RUSSIAN.encode(codec) + b"</p></body></html>")
    item = doc(path)
    assert (item.kind, item.encoding) == ("html", expected)
    assert RUSSIAN in item.raw_text


def test_latin1_and_utf16_pages(tmp_path: Path) -> None:
    latin = tmp_path / "fr.htm"
    latin.write_bytes(b"<html><body><p>" + FRENCH.encode("latin-1") + b"</p></body></html>")
    utf16 = tmp_path / "ru16.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"))
    assert doc(latin).encoding == "cp1252" and FRENCH in doc(latin).raw_text
    assert (doc(utf16).raw_text, doc(utf16).encoding) == (RUSSIAN, "utf-16")


@pytest.mark.parametrize("suffix,kind", [(".txt.gz", "text"), (".html.gz", "html")])
def test_gzipped_documents(tmp_path: Path, suffix: str, kind: str) -> None:
    path = tmp_path / f"page{suffix}"
    body = "<html><body><p>Gzipped.</p></body></html>" if kind == "html" else "Gzipped text."
    path.write_bytes(gzip.compress(body.encode()))
    item = doc(path)
    assert (item.raw_text, item.kind, item.path) == (body, kind, str(path))


def test_content_is_sniffed_when_the_name_says_nothing(tmp_path: Path) -> None:
    html = tmp_path / "page"
    html.write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    packed = tmp_path / "bundle.gz"
    packed.write_bytes(gzip.compress(json.dumps({"text": "From a gz without a name."}).encode() + b"\n"))
    odd = tmp_path / "story.article"
    odd.write_text("Just words.")
    assert doc(html).kind == "html"
    assert (doc(packed).path, doc(packed).raw_text) == (f"{packed}#L1", "From a gz without a name.")
    assert doc(odd).kind == "text"


def test_jsonl_lines_good_and_bad(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": "First article.",
                "id": 7,
                "title": "One",
                "outlet": "Daily",
                "published": "January 6, 2022",
            }
        ),
        "",
        "{broken",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Typed wrong.", "author": ["A", "B"]}),
        json.dumps(
            {"text": "<html><body><p>a</p><p>b</p><div>c</div></body></html>", "url": "http://x.example/a"}
        ),
        json.dumps({"text": "Bad date kept out.", "published": "sometime", "author": None}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [item.path for item in items] == [f"{path}#L{n}" for n in (1, 3, 4, 5, 6, 7, 8)]
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.meta == {"id": "7", "title": "One", "outlet": "Daily", "published": "2022-01-06"}
    assert [type(item).__name__ for item in items[1:5]] == ["Failure"] * 4
    reasons = [item.reason for item in items[1:5] if isinstance(item, Failure)]
    assert reasons[0].startswith("line 3 is not valid JSON")
    assert reasons[1] == "line 4 is JSON but not an object ({...}); each line must be one article"
    assert reasons[2] == "line 5: the required field 'text' is missing"
    assert reasons[3] == "line 6: the field 'author' is a list, not a string"
    html_item, dated = items[5], items[6]
    assert isinstance(html_item, RawDocument) and isinstance(dated, RawDocument)
    assert (html_item.kind, html_item.meta) == ("html", {"url": "http://x.example/a"})
    assert dated.meta == {}


def test_truncated_jsonl_gz_keeps_the_lines_before(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    body = "".join(json.dumps({"text": f"Article number {i} about the port."}) + "\n" for i in range(3000))
    path.write_bytes(gzip.compress(body.encode())[:-300])
    items = list(read_inputs([path]))
    assert all(isinstance(item, RawDocument) for item in items[:-1])
    assert len(items) > 1000
    assert items[-1] == Failure(
        str(path), "the gzip stream ends early: the file is truncated; re-download it"
    )


def test_truncated_gz_text(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(("Some sentence. " * 2000).encode())[:-50])
    assert failure(path).reason == "the gzip stream ends early: the file is truncated; re-download it"


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9))
    reason = failure(path, max_gzip_ratio=100).reason
    assert "max_gzip_ratio" in reason and "gzip bomb" in reason


def test_gzip_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(b"words and more words " * 20_000))
    assert "max_file_bytes" in failure(path, max_file_bytes=100_000, max_gzip_ratio=10**6).reason


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    assert failure(path, max_file_bytes=1000).reason == (
        "it is 5,000 bytes, over max_file_bytes (1,000); split it or raise the limit"
    )


def test_article_over_the_length_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 100)  # 500 bytes: over the limit before decoding
    assert "over max_article_chars (100 characters)" in failure(path, max_article_chars=100).reason
    path.write_text("word " * 30)  # 150 characters: over the limit once decoded
    assert "150 characters, over max_article_chars (100)" in failure(path, max_article_chars=100).reason


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "the file is empty"),
        (b"  \n\t\r\n ", "the file holds only whitespace: nothing to analyse"),
        (
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "this is a PDF document; extract its text first (e.g. pdftotext), not text",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image, not text"),
        (b"words\x00\x01\x02\x00 binary", "this is a binary file (it contains NUL bytes), not text"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert failure(path) == Failure(str(path), reason)


def test_invalid_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(RUSSIAN.encode("utf-8")[:50] + b"\xff\xfe\xfd" + RUSSIAN.encode("utf-8"))
    assert failure(path).reason.startswith("the file is UTF-8 but has invalid bytes (first at byte 50)")


def test_warc_and_truncated_warc(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(3):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=koi8-r")], protocol="HTTP/1.1"
        )
        body = b"<html><body><p>" + RUSSIAN.encode("koi8_r") + b" %d</p></body></html>" % n
        record = writer.create_warc_record(
            f"http://r.example/{n}", "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    whole = tmp_path / "crawl.warc.gz"
    whole.write_bytes(buffer.getvalue())
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(buffer.getvalue()[:-100])
    items = list(read_inputs([whole, cut]))
    assert [item.path for item in items] == [
        f"{whole}#0",
        f"{whole}#1",
        f"{whole}#2",
        f"{cut}#0",
        f"{cut}#1",
        f"{cut}#2",
    ]
    assert all(isinstance(item, RawDocument) and item.encoding == "koi8-r" for item in items[:5])
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.meta["url"] == "http://r.example/0"
    assert len(first.meta["published"]) == len("2022-01-05T10:00:00+00:00")  # the WARC-Date of writing
    damage = items[5]
    assert isinstance(damage, Failure)
    assert damage.reason.startswith("the gzip stream ends early: the file is truncated; re-download it")
    assert "the 2 records before it were read" in damage.reason


def test_folder_with_odd_names_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "sub dir").mkdir()
    (tmp_path / "sub dir" / "статья 1.txt").write_text("Первая статья.", encoding="utf-8")
    (tmp_path / "a b.txt").write_text("Spaces in the name.")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    items = list(read_inputs([tmp_path]))
    assert [item.path for item in items] == [
        str(tmp_path / "a b.txt"),
        str(tmp_path / "sub dir" / "статья 1.txt"),
    ]


def test_permission_denied_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hidden")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(io, "FileIO", deny)
    items = list(read_file(InputFile(path, "secret.txt"), resolve_settings()))
    assert items == [
        Failure("secret.txt", "permission denied; make the file readable (chmod +r) or run as its owner")
    ]


def test_unknown_settings_keys_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Text.")
    assert doc(path, reuse_min_similarity=0.9, something_else=1).raw_text == "Text."


def test_symlink_loop_inside_a_folder_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Article.")
    (tmp_path / "news" / "loop").symlink_to(tmp_path)
    items = list(read_inputs([tmp_path]))
    assert [type(item).__name__ for item in items] == ["RawDocument", "Failure"]
    assert items[1].path == str(tmp_path / "news" / "loop")


def test_a_single_path_is_not_taken_letter_by_letter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Text.")
    assert [item.path for item in read_inputs(str(path))] == [str(path)]


def test_a_json_document_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps({"articles": [{"text": "a"}]}, indent=2))
    assert failure(path).reason.startswith("a JSON document, not JSON Lines: give one article per line")
