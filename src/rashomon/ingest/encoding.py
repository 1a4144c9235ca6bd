"""Bytes to text: find the encoding a page was written in.

The order follows what browsers do, plus a check they do not need: a byte-order mark wins; then a
charset the page or the HTTP header declares (when the bytes agree with it); then strict UTF-8; then
candidates from charset-normalizer together with the common legacy encodings of news sites (cp1252,
cp1251, KOI8-R), each decoded and scored for plausibility. The scoring matters most for Russian:
cp1251 and KOI8-R both turn any Cyrillic bytes into Cyrillic letters, but the wrong one puts capitals
inside words and favours rare letters, which is what :func:`plausibility` measures.
"""

from __future__ import annotations

import codecs
import logging
import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from rashomon.errors import InputError
from rashomon.ingest.sniff import utf16_without_bom

__all__ = ["declared_charset", "decode_bytes", "normalise_codec", "plausibility"]

logger = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings news pages most often come in without saying so, most likely first (wins ties).
_LEGACY = ("cp1252", "cp1251", "koi8_r", "cp1250", "iso8859_2", "iso8859_5", "cp866")
# Encodings web pages are actually written in; charset-normalizer's other guesses (cp1006, cp037…)
# fit random bytes too well to be believed.
_WEB_CODECS = frozenset(
    {f"cp{n}" for n in range(1250, 1259)}
    | {f"iso8859_{n}" for n in (2, 5, 6, 7, 8, 9, 13, 15)}
    | {"koi8_r", "koi8_u", "cp866", "gb18030", "big5", "big5hkscs", "shift_jis", "cp932"}
    | {"euc_jp", "euc_kr", "cp949", "iso2022_jp", "tis_620", "cp874", "mac_roman"}
)
# Browsers treat these labels as their supersets (WHATWG encoding standard).
_SUPERSETS = {
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_PRESCAN_BYTES = 4096
# Enough text to judge an encoding by; scoring and charset-normalizer cost grows with the sample.
_SCORE_SAMPLE_BYTES = 6 * 1024
_ASCII_BYTES = bytes(range(128))
# Below this plausibility no decoding is believable: the bytes are not text in any encoding we know.
MIN_PLAUSIBILITY = 0.5
# A file whose non-ASCII bytes are mostly well-formed UTF-8 is UTF-8: invalid bytes in it are damage.
_UTF8_SHARE_FOR_DAMAGE = 0.5

_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]{0,100}encoding\s*=\s*[\"']([A-Za-z0-9_\-.]+)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# The commonest distinct non-ASCII words judged per text: enough to tell encodings apart.
_MAX_DISTINCT_WORDS = 300
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_ASCII_BYTE = re.compile(rb"[\x80-\xff]")
# Symbols that real text puts next to letters ("Brand®", "25°C", "m²"); any other symbol glued to a
# letter ("wysz³a", "zostan±", "√убернатор") is a letter read in the wrong encoding.
_SYMBOLS_BY_WORDS = frozenset("©®™°²€´`")  # ´ and ` stand in for apostrophes ("geht´s")
# Punctuation that only a misread letter glues to a word ("¶" for "ś" in ISO-8859-2 read as cp1250).
_GLUED_PUNCTUATION = "¶§"
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}",
)

# Accented Latin letters of the languages news is written in; the rest of Latin-1 in a word is mojibake.
_COMMON_LATIN = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœšžčćďěňřťůęąłńśźżőűășțğışľ"
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŒŠŽČĆĎĚŇŘŤŮĘĄŁŃŚŹŻŐŰĂȘȚĞİŞĽ"
)
# Relative letter frequencies of Russian (per mille, rounded), plus Ukrainian/Belarusian letters.
_CYRILLIC_FREQ = {
    "о": 110, "е": 85, "а": 80, "и": 74, "н": 67, "т": 63, "с": 55, "р": 47, "в": 45, "л": 44,
    "к": 35, "м": 32, "д": 30, "п": 28, "у": 26, "я": 20, "ы": 19, "ь": 17, "г": 17, "з": 16,
    "б": 16, "ч": 15, "й": 12, "х": 10, "ж": 9, "ш": 7, "ю": 6, "ц": 5, "щ": 4, "э": 3, "ф": 3,
    "ё": 2, "ъ": 1, "і": 10, "ї": 3, "є": 3, "ґ": 1, "ў": 3,
}  # fmt: skip


def decode_bytes(
    data: bytes, *, path: str, declared: str | None = None, html: bool = False
) -> tuple[str, str]:
    """Decode ``data``, finding its encoding.

    Args:
        data: the raw bytes of one document.
        path: where they came from, for error messages.
        declared: a charset declared outside the bytes (HTTP ``Content-Type``), if any.
        html: look for ``<meta charset>`` / ``http-equiv`` and XML declarations in the first 4 KB.

    Returns:
        ``(text, encoding)``, the encoding as a Python codec name (``"utf-8"``, ``"cp1251"``…).

    Raises:
        InputError: the bytes are damaged UTF-8, or no encoding gives believable text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, codec, path, f"starts with a {codec.upper()} byte-order mark"), codec
    bomless = utf16_without_bom(data[:_PRESCAN_BYTES])
    if bomless is not None:
        return _decode_strict(data, bomless, path, "looks like UTF-16 without a byte-order mark"), bomless
    as_utf8, first_invalid = _try_utf8(data)
    utf8_share = _utf8_share(data, around=max(first_invalid, 0))
    for label in (declared, declared_charset(data) if html else None):
        named = normalise_codec(label)
        if named is None or named.startswith(("utf_16", "utf_32")):
            continue  # an ASCII-readable page cannot really be UTF-16: browsers ignore such labels too
        if as_utf8 is not None and (named == "utf_8" or utf8_share >= _UTF8_SHARE_FOR_DAMAGE):
            return as_utf8, "utf-8"  # a page that is valid UTF-8 with multi-byte letters is UTF-8
        try:
            return data.decode(named), named.replace("_", "-")
        except UnicodeDecodeError:
            logger.debug("%s: declared charset %s does not fit the bytes", path, named)
    if as_utf8 is not None:
        return as_utf8, "utf-8"
    if utf8_share >= _UTF8_SHARE_FOR_DAMAGE:
        raise InputError(
            path,
            f"the file is UTF-8 but has invalid bytes (first at byte {first_invalid}): it is damaged or "
            "mixes encodings; re-save or re-download it as UTF-8",
        )
    return _decode_legacy(data, path)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>``, http-equiv, XML), if any."""
    head = data[:_PRESCAN_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def normalise_codec(label: str | None) -> str | None:
    """The Python codec for a charset label, mapped to what browsers use; None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    return _SUPERSETS.get(name, name)


def plausibility(text: str) -> float:
    """How much ``text`` looks like real writing rather than mojibake, from 0 to about 1.

    Words with non-ASCII letters count as good when they stay in one script with a normal case
    pattern (``слово``, ``Слово``, ``СЛОВО``, ``café``); mixed-script words, capitals inside words,
    symbols glued to letters (``√убернатор``) and control or unassigned characters count against.
    Cyrillic text also earns a little for using common letters, and loses when most of its letters
    are capitals.

    Args:
        text: decoded text (a few KB are enough).

    Returns:
        The score; pure ASCII text scores 1.0.
    """
    good = bad = 0
    words = Counter(word for word in _WORD.findall(text) if not word.isascii())
    for word, count in words.most_common(_MAX_DISTINCT_WORDS):
        if _word_ok(word):
            good += count
        else:
            bad += count
    odd_chars, glued_symbols = _odd_patterns()
    odd = len(odd_chars.findall(text)) + len(glued_symbols.findall(text))
    non_ascii = (len(text) - len(text.encode("ascii", "ignore"))) or 1
    score = (good / (good + bad) if good + bad else 1.0) - 2.0 * odd / non_ascii
    return score + _cyrillic_adjustment(text)


def _decode_strict(data: bytes, codec: str, path: str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"the file {why} but is not valid {codec.upper()} (byte {exc.start}); re-save it"
        ) from exc


def _try_utf8(data: bytes) -> tuple[str | None, int]:
    """The text if ``data`` is valid UTF-8, else None and the offset of the first invalid byte."""
    try:
        return data.decode("utf-8"), -1
    except UnicodeDecodeError as exc:
        return None, exc.start


def _utf8_share(data: bytes, *, around: int) -> float:
    """Share of the non-ASCII bytes (in a sample near ``around``) that form well-formed UTF-8 sequences."""
    start = max(0, around - _SCORE_SAMPLE_BYTES * 2)
    sample = data[start : start + _SCORE_SAMPLE_BYTES * 4]
    non_ascii = len(sample.translate(None, _ASCII_BYTES))
    if not non_ascii:
        return 0.0
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(sample))
    return in_sequences / non_ascii


def _decode_legacy(data: bytes, path: str) -> tuple[str, str]:
    """Score each candidate encoding on a sample and decode the whole with the best that fits."""
    sample = _scoring_sample(data)
    scored: list[tuple[float, int, str]] = []
    for codec in _candidates(sample):
        text = sample.decode(codec, errors="replace")  # U+FFFD counts against the codec
        preference = _LEGACY.index(codec) if codec in _LEGACY else len(_LEGACY)
        scored.append((round(plausibility(text), 3), -preference, codec))
    scored.sort(reverse=True)
    logger.debug("%s: encoding scores %s", path, scored[:4])
    for score, _, codec in scored:
        if score < MIN_PLAUSIBILITY:
            break
        try:
            return data.decode(codec), codec.replace("_", "-")
        except UnicodeDecodeError:
            continue
    raise InputError(
        path,
        "the bytes are not text in any encoding tried (UTF-8, charset-normalizer's guesses, cp1252, "
        "cp1251, KOI8-R…); convert the file to UTF-8 first",
    )


def _scoring_sample(data: bytes) -> bytes:
    """Up to ~8 KB of the text around non-ASCII bytes: where encodings differ (not the ASCII markup)."""
    if len(data) <= _SCORE_SAMPLE_BYTES:
        return data
    pieces: list[bytes] = []
    total = position = 0
    while total < _SCORE_SAMPLE_BYTES // 2:
        found = _NON_ASCII_BYTE.search(data, position)
        if found is None:
            break
        start = _cut_before(data, found.start())
        end = _cut_after(data, found.start() + 1000)
        pieces.append(data[start:end])
        total += end - start
        position = end
    return b"\n".join(pieces) if pieces else data[:_SCORE_SAMPLE_BYTES]


def _cut_before(data: bytes, index: int) -> int:
    low = max(0, index - 200)
    cut = max(data.rfind(byte, low, index) for byte in (b" ", b"\n", b">"))
    return cut + 1 if cut >= 0 else index


def _cut_after(data: bytes, index: int) -> int:
    if index >= len(data):
        return len(data)
    hits = [hit for byte in (b" ", b"\n", b"<") if (hit := data.find(byte, index, index + 200)) >= 0]
    return min(hits) if hits else min(len(data), index + 200)


def _candidates(sample: bytes) -> list[str]:
    found: list[str] = []
    try:
        from charset_normalizer import from_bytes

        for match in list(from_bytes(sample))[:3]:
            codec = normalise_codec(match.encoding)
            if codec in _WEB_CODECS:
                found.append(codec)
    except (ValueError, LookupError, RuntimeError) as exc:
        logger.debug("charset-normalizer failed: %s", exc)
    return list(dict.fromkeys([*found, *_LEGACY]))


def _word_ok(word: str) -> bool:
    scripts = {_script(ch) for ch in word}
    if len(scripts) != 1:
        return False
    script = scripts.pop()
    if script == "LATIN":
        extra = [ch for ch in word if not ch.isascii()]
        return all(ch in _COMMON_LATIN for ch in extra) and (len(extra) < len(word) or len(word) <= 2)
    if script in ("CYRILLIC", "GREEK"):
        return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
    return script != "OTHER"


@lru_cache(maxsize=8192)
def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    try:
        return unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return "OTHER"


@lru_cache(maxsize=1)
def _odd_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes for characters no real text holds, and for symbols glued to a letter (built once)."""
    odd: list[int] = []
    symbols: list[int] = []
    for code in range(0x80, 0x10000):
        category = unicodedata.category(chr(code))
        if category in ("Cc", "Co", "Cn", "Cs") or 0x2500 <= code <= 0x259F or code == 0xFFFD:
            odd.append(code)
        elif (category in ("Sm", "So", "Sc", "Sk", "No") and chr(code) not in _SYMBOLS_BY_WORDS) or (
            chr(code) in _GLUED_PUNCTUATION
        ):
            symbols.append(code)
    symbol_class = _char_class(symbols)
    letter = r"[^\W\d_]"
    return (
        re.compile(_char_class(odd)),
        re.compile(f"(?<={letter}){symbol_class}|{symbol_class}(?={letter})"),
    )


def _char_class(codes: list[int]) -> str:
    """A regex character class for sorted code points, as ranges."""
    ranges: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        ranges.append(f"\\u{start:04x}" if start == previous else f"\\u{start:04x}-\\u{previous:04x}")
        start = previous = code
    return "[" + "".join(ranges) + "]"


def _cyrillic_adjustment(text: str) -> float:
    counts = Counter(_CYRILLIC.findall(text))
    total = sum(counts.values())
    if total < 20:
        return 0.0
    upper_share = sum(n for ch, n in counts.items() if ch.isupper()) / total
    log_sum = sum(n * math.log(_CYRILLIC_FREQ.get(ch.lower(), 0.5)) for ch, n in counts.items())
    frequency = log_sum / (total * math.log(110)) - _TYPICAL_LOG_FREQUENCY
    return 0.2 * frequency - (0.5 if upper_share > 0.5 else 0.0)


# Russian and Ukrainian prose score about 0.8 on the scaled mean log letter frequency; mojibake 0.3-0.65.
_TYPICAL_LOG_FREQUENCY = 0.7
