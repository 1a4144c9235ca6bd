"""Negations that the alignment hides: a target sentence restating a source sentence other than the
one it was aligned with, with the opposite polarity.

Heavily reworded rewrites are aligned by overall similarity, so a target sentence can be aligned to
a neighbouring source sentence while it really restates (and contradicts) another one. Each target
sentence with a different number of negators (or an antonym) than its closest source sentence by
content words is diffed against that sentence, wherever it is, and negations found there are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rashomon.nlp.sentences import split_sentences
from rashomon.reuse.align import Alignment, content_words
from rashomon.reuse.model import Mutation
from rashomon.reuse.mutations_diff import PassagePair
from rashomon.reuse.mutations_lexicon import ANTONYMS, NEGATORS, tokenize

__all__ = ["cross_negations"]

Span = tuple[int, int]
_MIN_SHARED = 3  # content words the two sentences share, at least
_MIN_DICE = 0.35
_CONFIDENCE = 0.6  # the pairing is the detector's own, not the alignment's


def _polarity(text: str) -> tuple[int, frozenset[str]]:
    words = [t.norm for t in tokenize(text)]
    return sum(w in NEGATORS for w in words), frozenset(w for w in words if w in ANTONYMS)


def _opposed(a: str, b: str) -> bool:
    (na, wa), (nb, wb) = _polarity(a), _polarity(b)
    if (na - nb) % 2:
        return True
    return any(ANTONYMS[w] & wb for w in wa - wb)


def _own_sources(alignment: Alignment, t_span: Span) -> list[Span]:
    return [p.source_span for p in alignment.passages if p.target_span[0] < t_span[1] < p.target_span[1] + 1
            or (p.target_span[0] <= t_span[0] < p.target_span[1])]  # fmt: skip


def _inside(span: Span, spans: Sequence[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _best_match(t_words: frozenset[str], src_words: list[frozenset[str]]) -> tuple[int, float] | None:
    best: tuple[int, float] | None = None
    for i, s_words in enumerate(src_words):
        shared = len(t_words & s_words)
        if shared < _MIN_SHARED:
            continue
        dice = 2 * shared / (len(t_words) + len(s_words))
        if dice >= _MIN_DICE and (best is None or dice > best[1]):
            best = (i, dice)
    return best


def cross_negations(
    source_text: str, target_text: str, alignment: Alignment, found: Sequence[Mutation]
) -> list[Mutation]:
    """Negations between a target sentence and its closest source sentence outside its own passage.

    Args:
        source_text: the source clean text.
        target_text: the target clean text.
        alignment: the pair's alignment (its passages say which source text each target sentence
            was already compared with).
        found: mutations already found; negations overlapping one of them are not repeated.

    Returns:
        New ``negation`` mutations (with both spans), at a lower confidence than aligned ones.
    """
    from rashomon.reuse.mutations_passage import detect_in_passage

    s_spans = split_sentences(source_text)
    src_words = [content_words(source_text[a:b]) for a, b in s_spans]
    taken = [m.target_span for m in found if m.type == "negation" and m.target_span]
    out: list[Mutation] = []
    for t_span in split_sentences(target_text):
        t_text = target_text[t_span[0] : t_span[1]]
        best = _best_match(content_words(t_text), src_words)
        if best is None:
            continue
        s_span = s_spans[best[0]]
        if _inside(s_span, _own_sources(alignment, t_span)):
            continue  # compared already, inside its aligned passage
        if not _opposed(source_text[s_span[0] : s_span[1]], t_text):
            continue
        pp = PassagePair(source_text, target_text, s_span, t_span)
        for m in detect_in_passage(pp):
            span = m.target_span
            if m.type != "negation" or span is None:
                continue
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            out.append(replace(m, confidence=min(m.confidence, _CONFIDENCE)))
    return out
