"""decode_bytes: BOMs, declared charsets, UTF-8, and legacy encodings told apart by plausibility."""

from __future__ import annotations

import codecs

import pytest

from rashomon.errors import InputError
from rashomon.ingest.encoding import declared_charset, decode_bytes, normalise_codec, plausibility

RUSSIAN = (
    "Министр иностранных дел заявил во вторник, что переговоры о прекращении огня возобновятся "
    "на следующей неделе. Делегации встретятся в Женеве, сообщили журналисты."
)
RUSSIAN_SHORT = "Вчера вечером в городе прошёл сильный дождь."
FRENCH = (
    "Le ministre a déclaré mardi que les négociations reprendraient à Genève, où les délégués se réuniront."
)
GERMAN = "Die Gespräche würden nächste Woche in Genf fortgesetzt, sagte der Außenminister am Dienstag."
POLISH = "Minister powiedział, że rozmowy zostaną wznowione w przyszłym tygodniu w Łodzi."
GREEK = "Ο υπουργός Εξωτερικών δήλωσε την Τρίτη ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα."


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8_r", "koi8-r"),
        (RUSSIAN_SHORT, "cp1251", "cp1251"),
        (RUSSIAN_SHORT, "koi8_r", "koi8-r"),
        (RUSSIAN, "iso8859_5", "iso8859-5"),
        (RUSSIAN, "cp866", "cp866"),
        (FRENCH, "latin-1", "cp1252"),
        (FRENCH, "cp1252", "cp1252"),
        (GERMAN, "latin-1", "cp1252"),
        (POLISH, "cp1250", "cp1250"),
        (GREEK, "cp1253", "cp1253"),
        (RUSSIAN, "utf-8", "utf-8"),
    ],
)
def test_undeclared_encodings_are_recognised(text: str, codec: str, expected: str) -> None:
    decoded, used = decode_bytes(text.encode(codec), path="page.txt")
    assert decoded == text
    assert used == expected


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    ],
)
def test_byte_order_marks_win(bom: bytes, codec: str, expected: str) -> None:
    decoded, used = decode_bytes(bom + RUSSIAN.encode(codec), path="page.txt")
    assert decoded == RUSSIAN
    assert used == expected


def test_utf16_without_bom_is_recognised() -> None:
    decoded, used = decode_bytes("Plain English words in UTF-16.".encode("utf-16-le"), path="p.txt")
    assert (decoded, used) == ("Plain English words in UTF-16.", "utf-16-le")


def test_html_meta_charset_is_used() -> None:
    page = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        b"</head><body><p>" + RUSSIAN_SHORT.encode("cp1251") + b"</p></body></html>"
    )
    decoded, used = decode_bytes(page, path="p.html", html=True)
    assert used == "cp1251"
    assert RUSSIAN_SHORT in decoded


def test_a_declared_charset_the_bytes_contradict_is_overruled() -> None:
    page = b'<meta charset="windows-1251"><p>' + RUSSIAN.encode("utf-8") + b"</p>"
    decoded, used = decode_bytes(page, path="p.html", html=True)
    assert used == "utf-8"
    assert RUSSIAN in decoded


def test_an_http_charset_is_used() -> None:
    decoded, used = decode_bytes(RUSSIAN.encode("koi8_r"), path="r#0", declared="koi8-r")
    assert (decoded, used) == (RUSSIAN, "koi8-r")


def test_damaged_utf8_is_reported_with_its_position() -> None:
    data = RUSSIAN.encode("utf-8") + b" \xff\xfe " + RUSSIAN.encode("utf-8")
    with pytest.raises(InputError) as caught:
        decode_bytes(data, path="bad.txt")
    assert caught.value.path == "bad.txt"
    assert f"byte {len(RUSSIAN.encode('utf-8')) + 1}" in caught.value.reason
    assert "UTF-8" in caught.value.reason


def test_a_bad_utf16_file_is_reported() -> None:
    with pytest.raises(InputError, match="not valid UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", path="x.txt")


def test_bytes_no_encoding_makes_readable_are_refused() -> None:
    # Every byte >= 0x80 and no repeated letters: mojibake in each candidate encoding.
    noise = bytes(range(0x80, 0x100)) * 3
    with pytest.raises(InputError, match="not text in any encoding"):
        decode_bytes(noise, path="noise.txt")


def test_declared_charset_reads_meta_and_xml_declarations() -> None:
    assert declared_charset(b'<html><head><meta charset="koi8-r">') == "koi8-r"
    assert declared_charset(b"<?xml version='1.0' encoding='windows-1251'?><rss>") == "windows-1251"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


def test_normalise_codec_maps_labels_as_browsers_do() -> None:
    assert normalise_codec("ISO-8859-1") == "cp1252"
    assert normalise_codec("windows-1251") == "cp1251"
    assert normalise_codec("no-such-charset") is None
    assert normalise_codec(None) is None


def test_plausibility_prefers_the_right_cyrillic_decoding() -> None:
    raw = RUSSIAN.encode("cp1251")
    assert plausibility(raw.decode("cp1251")) > plausibility(raw.decode("koi8_r")) + 0.3
    raw = RUSSIAN.encode("koi8_r")
    assert plausibility(raw.decode("koi8_r")) > plausibility(raw.decode("cp1251")) + 0.3
    assert plausibility("plain ascii") == 1.0


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_a_long_page_is_judged_by_its_text_not_its_markup(codec: str) -> None:
    script = "<script>var config = {" + ", ".join(f'"key{i}": {i}' for i in range(3000)) + "};</script>"
    page = f"<html><head>{script}</head><body><p>{RUSSIAN}</p><p>{RUSSIAN_SHORT}</p></body></html>"
    decoded, used = decode_bytes(page.encode(codec), path="long.html", html=True)
    assert used == codec.replace("_", "-")
    assert decoded == page
