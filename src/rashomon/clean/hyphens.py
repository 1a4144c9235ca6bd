"""Rejoin words broken by stray hyphens ("govern-ment", "NA-TO", "govern-\\nment"), keep real compounds.

A hyphenated pair ``a-b`` is rejoined when the joined form ``ab`` is a word and the pair is not a
compound: either the joined form is a known word (wordfreq Zipf frequency) while one piece is not a
common word, or is far more frequent than the rarer piece, or one piece is a fragment of at most three
letters and the joined form is frequent; or else the joined form occurs unhyphenated elsewhere in the
document (acronyms such as "CS-TO" next to "CSTO"). "Russian-led", "Jean-Paul", "well-known" and
"post-Soviet" stay because "russianled", "jeanpaul", "wellknown" and "postsoviet" are not words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from wordfreq import available_languages, top_n_list, zipf_frequency

__all__ = ["HyphenSplit", "find_breaks", "guess_wordfreq_language", "occurs_as_word", "word_zipf"]

# A letter run, a hyphen (optionally followed by a line break and indentation), a letter run.
_PAIR = re.compile(r"(?<![\w-])([^\W\d_]+)-(\s*\n\s*)?([^\W\d_]+)(?![\w-]|-\w)")
_KNOWN = 2.5
_PIECE_KNOWN = 3.0
_FREQUENT = 3.5
_GAIN = 1.5
_SAMPLE_WORDS = 200
_CANDIDATE_LANGUAGES = ("en", "de", "es", "fr", "it", "pt", "nl", "pl", "tr", "sv", "ru", "uk", "bg")
_STOPWORDS: dict[str, frozenset[str]] = {}

HyphenSplit = tuple[int, int]
"""Raw span ``(start, end)`` to drop: the hyphen (and line break) between two word pieces."""


def _stopwords(lang: str) -> frozenset[str]:
    words = _STOPWORDS.get(lang)
    if words is None:
        words = frozenset(top_n_list(lang, 40)) if lang in available_languages() else frozenset()
        _STOPWORDS[lang] = words
    return words


def guess_wordfreq_language(words: Iterable[str], script: str | None) -> str | None:
    """The wordfreq language whose 40 most common words cover most of ``words``.

    Args:
        words: lower-cased words of the document (a sample is enough).
        script: the document's main writing system, to skip languages that cannot match.

    Returns:
        A wordfreq language code, or None when none matches at all.
    """
    if script not in ("latin", "cyrillic"):
        return None
    sample = Counter(w for _, w in zip(range(_SAMPLE_WORDS), words, strict=False))
    candidates = [
        lang for lang in _CANDIDATE_LANGUAGES if (lang in ("ru", "uk", "bg")) == (script == "cyrillic")
    ]
    best, best_hits = None, 0
    for lang in candidates:
        hits = sum(sample[w] for w in _stopwords(lang) if w in sample)
        if hits > best_hits:
            best, best_hits = lang, hits
    return best


@lru_cache(maxsize=65536)
def word_zipf(word: str, lang: str) -> float:
    """Zipf frequency of a lower-cased word in ``lang`` (0 for unknown words), cached."""
    return zipf_frequency(word, lang)


def _known_join(left: str, right: str, joined: str, lang: str) -> bool:
    joined_z = word_zipf(joined, lang)
    if joined_z < _KNOWN:
        return False
    pieces_z = min(word_zipf(left.lower(), lang), word_zipf(right.lower(), lang))
    # wordfreq knows suffix fragments such as "ment" or "ing" from tokenisation noise; a joined form
    # far more frequent than its rarer piece still shows a broken word ("govern-ment").
    if pieces_z < _PIECE_KNOWN or joined_z >= pieces_z + _GAIN:
        return True
    return min(len(left), len(right)) <= 3 and joined_z >= _FREQUENT


def _should_join(left: str, right: str, lang: str | None, document: Callable[[], str]) -> bool:
    joined = (left + right).lower()
    # Initials such as "R-N.C." are no broken word unless the document writes them joined ("C-STO").
    initials = left.isupper() and right.isupper() and min(len(left), len(right)) == 1
    if lang is not None and not initials and _known_join(left, right, joined, lang):
        return True
    return occurs_as_word(document(), joined)


def occurs_as_word(lower_text: str, word: str) -> bool:
    """Whether ``word`` stands in ``lower_text`` as a whole word, not hyphenated to a neighbour."""
    start = lower_text.find(word)
    while start >= 0:
        end = start + len(word)
        before = lower_text[start - 1] if start else " "
        after = lower_text[end] if end < len(lower_text) else " "
        if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
            return True
        start = lower_text.find(word, start + 1)
    return False


def find_breaks(text: str, lang: str | None, document: Callable[[], str] | None = None) -> list[HyphenSplit]:
    """Hyphens in ``text`` that break a word, as spans to drop.

    A hyphen followed by a line break that is not a broken word still loses the line break (the span
    then starts after the hyphen), so "well-\\nknown" becomes "well-known".

    Args:
        text: the text to scan.
        lang: the wordfreq language of the text, None to rely on in-document evidence only.
        document: gives the whole document in lower case, where a joined form written without the
            hyphen is evidence for joining; called only when needed; by default ``text``.

    Returns:
        Sorted, non-overlapping ``(start, end)`` spans of ``text`` to remove.
    """
    if "-" not in text:
        return []
    lowered = document if document is not None else text.lower
    spans: list[HyphenSplit] = []
    for match in _PAIR.finditer(text):
        left, brk, right = match.group(1), match.group(2), match.group(3)
        hyphen = match.end(1)
        if _should_join(left, right, lang, lowered):
            spans.append((hyphen, match.start(3)))
        elif brk:
            spans.append((hyphen + 1, match.start(3)))
    return spans
