"""Unaligned sentences: restatements the alignment missed, and whether a sentence's facts are supported.

A heavily reworded rewrite leaves some restated sentences unaligned (their similarity falls under the
alignment threshold). Before calling an unaligned target sentence an addition, or an unaligned source
sentence an omission, two checks run: is it a loose restatement of an unaligned sentence on the other
side (then its changes are examined like an aligned passage), and are all of its facts (numbers,
names, actions, most content words) found elsewhere in the other text (then it adds or drops nothing)?
"""

from __future__ import annotations

from dataclasses import dataclass

from unidecode import unidecode

from rashomon.nlp.sentences import split_sentences
from rashomon.reuse.mutations_lexicon import SALIENT_ACTIONS, Token, tokenize
from rashomon.reuse.mutations_numbers import find_numbers, same_value

__all__ = ["TextIndex", "pair_restatements", "supported", "unaligned_sentences"]

Span = tuple[int, int]
# function words of four letters or more that say nothing about what a sentence claims
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "will",
        "would",
        "could",
        "should",
        "their",
        "there",
        "they",
        "them",
        "than",
        "then",
        "which",
        "what",
        "when",
        "where",
        "while",
        "also",
        "about",
        "after",
        "before",
        "into",
        "over",
        "under",
        "more",
        "most",
        "such",
        "some",
        "said",
        "says",
    ]
)
_MIN_SHARED = 3  # content words two sentences must share to count as restating each other
_MIN_DICE = 0.3
_MIN_COVERED = 0.6  # share of a sentence's content words found in the other text for it to be supported


def _content(tokens: list[Token]) -> set[str]:
    return {unidecode(t.norm) for t in tokens if t.is_word and len(t.norm) > 3 and t.norm not in _STOP}


@dataclass(frozen=True)
class TextIndex:
    """The words and numbers of a whole text, to check whether a sentence's facts appear in it."""

    words: frozenset[str]
    numbers: tuple[float, ...]

    @classmethod
    def of(cls, text: str) -> TextIndex:
        tokens = tokenize(text)
        return cls(frozenset(unidecode(t.norm) for t in tokens), tuple(n.value for n in find_numbers(tokens)))


def unaligned_sentences(text: str, spans: tuple[Span, ...]) -> list[Span]:
    """The sentences inside the unaligned ``spans`` of ``text``, as absolute spans."""
    return [(a + s0, a + s1) for a, b in spans for s0, s1 in split_sentences(text[a:b])]


def pair_restatements(
    source_text: str, target_text: str, source_sents: list[Span], target_sents: list[Span]
) -> list[tuple[Span, Span]]:
    """Pairs (source sentence, target sentence) that share enough content words to be one statement.

    Each sentence joins at most one pair; the best-overlapping pairs are taken first.
    """
    src = [_content(tokenize(source_text[a:b])) for a, b in source_sents]
    tgt = [_content(tokenize(target_text[a:b])) for a, b in target_sents]
    scored = []
    for i, s in enumerate(src):
        for j, t in enumerate(tgt):
            shared = len(s & t)
            if shared >= _MIN_SHARED and 2 * shared / (len(s) + len(t)) >= _MIN_DICE:
                scored.append((2 * shared / (len(s) + len(t)), i, j))
    pairs: list[tuple[Span, Span]] = []
    used_s: set[int] = set()
    used_t: set[int] = set()
    for _, i, j in sorted(scored, reverse=True):
        if i not in used_s and j not in used_t:
            used_s.add(i)
            used_t.add(j)
            pairs.append((source_sents[i], target_sents[j]))
    return pairs


def supported(tokens: list[Token], other: TextIndex) -> bool:
    """True when the sentence's numbers, actions and most of its content words all occur in ``other``."""
    for n in find_numbers(tokens):
        if not any(same_value(n.value, v) for v in other.numbers):
            return False
    if any(t.norm in SALIENT_ACTIONS and t.norm not in other.words for t in tokens):
        return False
    names = [unidecode(t.norm) for t in tokens if t.is_word and t.is_capitalised and len(t.norm) > 1]
    if any(n not in other.words for n in names):
        return False
    content = _content(tokens)
    return bool(content) and len(content & other.words) >= _MIN_COVERED * len(content)
