"""The same number now describing something else: "300 soldiers" → "300 vehicles".

A number kept with its value can still change the claim when the thing it counts changes. For each
pair of equal numbers in an aligned passage pair whose next words differ, both sentences are parsed
(spaCy, only then: it is rare) to find the noun each number counts; when the two nouns differ and are
not near-synonyms by their MiniLM word embeddings ("troops"/"soldiers" are, "troops"/"protesters"
are not), the number was re-scoped.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from rashomon.reuse.mutations_diff import PassagePair, make_mutation
from rashomon.reuse.mutations_numbers import NumberMention

__all__ = ["RESCOPE_MAX_COSINE", "counted_noun", "rescoped_numbers", "word_similarity"]

log = logging.getLogger(__name__)

# Nouns at or above this cosine are taken as the same thing said another way (troops/soldiers 0.89,
# homes/houses 0.90); unrelated counted things stay below it (soldiers/vehicles 0.38,
# protesters/troops 0.47, deaths/injuries 0.47).
RESCOPE_MAX_COSINE = 0.5
_MAX_PARSE_CHARS = 2000


@functools.lru_cache(maxsize=2048)
def _parse(text: str) -> Any:
    from rashomon.nlp import spacy_pipeline

    return spacy_pipeline()(text[:_MAX_PARSE_CHARS])


def counted_noun(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The noun that the number at ``text[start:end]`` counts, with its span in ``text``.

    Args:
        text: a sentence or short passage.
        start: start of the number (characters, relative to ``text``).
        end: end of the number.

    Returns:
        ``(lemma, noun_start, noun_end)``, or None when the number modifies no noun (a year, money, a
        percentage, or a number standing alone).
    """
    doc = _parse(text)
    inside = [t for t in doc if start <= t.idx < end]
    for tok in inside:
        head = tok.head
        counts = tok.dep_ in {"nummod", "quantmod"} and head.pos_ == "NOUN" and head.idx > tok.idx
        if counts and head.i != tok.i and not start <= head.idx < end:
            return head.lemma_.lower(), head.idx, head.idx + len(head)
    return None


@functools.lru_cache(maxsize=4096)
def word_similarity(a: str, b: str) -> float:
    """MiniLM cosine of two words (cached)."""
    from rashomon.nlp.embeddings import embed

    va, vb = embed([a, b])
    return float(va @ vb)


def _next_word(pp: PassagePair, tokens_are_source: bool, last: int) -> str:
    tokens = pp.src if tokens_are_source else pp.tgt
    return tokens[last].norm if last < len(tokens) else ""


def _noun_at(pp: PassagePair, side: str, n: NumberMention) -> tuple[str, int, int] | None:
    tokens, text, base = (
        (pp.src, pp.source_text, pp.source_span[0])
        if side == "source"
        else (pp.tgt, pp.target_text, pp.target_span[0])
    )
    lo, hi = base, pp.source_span[1] if side == "source" else pp.target_span[1]
    found = counted_noun(text[lo:hi], tokens[n.first].start - lo, tokens[n.last - 1].end - lo)
    if found is None:
        return None
    lemma, a, b = found
    return lemma, a + lo, b + lo


def rescoped_numbers(pp: PassagePair, pairs: list[tuple[NumberMention, NumberMention]]) -> list[Any]:
    """``number`` mutations for equal numbers that count different things.

    Args:
        pp: the passage pair.
        pairs: (source, target) number mentions with the same value.

    Returns:
        :class:`rashomon.reuse.model.Mutation` objects, one per re-scoped number.
    """
    out = []
    for s, t in pairs:
        if _next_word(pp, True, s.last) == _next_word(pp, False, t.last):
            continue
        src_noun, tgt_noun = _noun_at(pp, "source", s), _noun_at(pp, "target", t)
        if src_noun is None or tgt_noun is None or src_noun[0] == tgt_noun[0]:
            continue
        if word_similarity(src_noun[0], tgt_noun[0]) >= RESCOPE_MAX_COSINE:
            continue
        src_span = (pp.src[s.first].start, src_noun[2])
        tgt_span = (pp.tgt[t.first].start, tgt_noun[2])
        src_text, tgt_text = pp.source_text[slice(*src_span)], pp.target_text[slice(*tgt_span)]
        why = (
            f'The same number now describes something else: the source says "{src_text}", '
            f'the copy says "{tgt_text}" ({src_noun[0]} → {tgt_noun[0]}).'
        )
        for idx in range(t.first, t.last + 1):
            k = pp.op_index_for_target(idx)
            if k is not None:
                pp.claimed.add(k)
        out.append(make_mutation(pp, "number", src_span, tgt_span, why, 0.75))
    return out
