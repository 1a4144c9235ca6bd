"""What the copy changed: meaning-changing mutations between a source text and its derived text.

For every aligned passage pair the two passages are tokenised and diffed; detectors in
:mod:`rashomon.reuse.mutations_passage` explain each changed region as a negation, hedge, number,
pronoun, name, attribution or quote change, or leave it alone when the wording changed but the
meaning did not (synonyms, reordering, number formatting). Unaligned sentences that loosely restate
each other are examined the same way (:mod:`rashomon.reuse.mutations_unaligned`); the other unaligned
target sentences become ``addition`` mutations and unaligned source sentences ``omission`` mutations
when they are salient (numbers, named actors, acts of violence and law) and their facts are not
found elsewhere in the other text. Everything is rule based and
costs well under a few milliseconds per passage pair.

Example:
    >>> from rashomon.reuse.align import align_texts
    >>> s = "The minister did not approve the plan. Turnout was 61 percent."
    >>> t = "The minister approved the plan. Turnout was 16 percent."
    >>> [m.type for m in detect_mutations(s, t, align_texts(s, t))]
    ['negation', 'number']
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from rashomon.errors import RashomonError
from rashomon.reuse.model import Mutation
from rashomon.reuse.mutations_diff import PassagePair
from rashomon.reuse.mutations_lexicon import SALIENT_ACTIONS, Token, tokenize
from rashomon.reuse.mutations_numbers import find_numbers
from rashomon.reuse.mutations_passage import detect_in_passage, is_name_token, starts_sentence
from rashomon.reuse.mutations_polarity import cross_negations
from rashomon.reuse.mutations_unaligned import TextIndex, pair_restatements, supported, unaligned_sentences

if TYPE_CHECKING:
    from rashomon.reuse.align import Alignment

__all__ = ["MUTATIONS_VERSION", "AlignmentMismatch", "detect_mutations", "salience"]

log = logging.getLogger(__name__)

MUTATIONS_VERSION = "reuse.mutations.v1"
_MIN_WORDS = 5  # shorter fragments ("Read more.") are never worth reporting as added or dropped
_CLIP = 160
_RESTATEMENT_DISCOUNT = 0.8


class AlignmentMismatch(RashomonError, ValueError):
    """The alignment's spans do not fit the texts: pass the texts the alignment was computed on."""


def salience(tokens: list[Token]) -> tuple[float, list[str]]:
    """How much a journalist would care that a statement was added or dropped, and why.

    Args:
        tokens: the statement's tokens (see :func:`rashomon.reuse.mutations_lexicon.tokenize`).

    Returns:
        ``(score, reasons)``: 0 for filler; about 0.8 when the statement carries numbers or acts of
        violence or law, 0.65 when it names actors.
    """
    if sum(t.is_word for t in tokens) < _MIN_WORDS:
        return 0.0, []
    reasons: list[str] = []
    score = 0.0
    if find_numbers(tokens):
        reasons.append("numbers")
        score = 0.8
    actions = sorted({t.norm for t in tokens if t.norm in SALIENT_ACTIONS})
    if actions:
        reasons.append("action: " + ", ".join(actions[:3]))
        score = max(score, 0.8)
    names = []
    for i, t in enumerate(tokens):
        # a capitalised sentence opener ("Observers say…") is too often an ordinary word to count
        if (
            len(t.text) > 1
            and not starts_sentence(tokens, i)
            and is_name_token(tokens, i)
            and t.text not in names
        ):
            names.append(t.text)
    if names:
        reasons.append("named actors: " + ", ".join(names[:3]))
        score = max(score, 0.65)
    return score, reasons


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"


def _unaligned(text: str, sentences: list[tuple[int, int]], other: TextIndex, kind: str) -> list[Mutation]:
    """Salient ``sentences`` of ``text`` whose facts ``other`` lacks, as additions or omissions."""
    out: list[Mutation] = []
    for start, end in sentences:
        tokens = tokenize(text[start:end], start)
        score, reasons = salience(tokens)
        if not score or supported(tokens, other):
            continue
        sentence = text[start:end]
        if kind == "addition":
            why = f'The copy adds a statement the source does not contain ({"; ".join(reasons)}): "{_clip(sentence)}"'
            out.append(Mutation("addition", "", sentence, None, (start, end), why, score))
        else:
            why = f'The copy leaves out this source statement ({"; ".join(reasons)}): "{_clip(sentence)}"'
            out.append(Mutation("omission", sentence, "", (start, end), None, why, score))
    return out


def _restatements(
    source_text: str, target_text: str, alignment: Alignment
) -> tuple[list[Mutation], list[tuple[int, int]], list[tuple[int, int]]]:
    """Mutations inside unaligned sentences that restate each other loosely, and the sentences left."""
    src_sents = unaligned_sentences(source_text, alignment.omissions)
    tgt_sents = unaligned_sentences(target_text, alignment.additions)
    found: list[Mutation] = []
    pairs = pair_restatements(source_text, target_text, src_sents, tgt_sents)
    for s_span, t_span in pairs:
        pp = PassagePair(source_text, target_text, s_span, t_span)
        # a looser pairing than the alignment's, so its findings are less certain
        found.extend(
            replace(m, confidence=m.confidence * _RESTATEMENT_DISCOUNT) for m in detect_in_passage(pp)
        )
    paired_s = {s for s, _ in pairs}
    paired_t = {t for _, t in pairs}
    return found, [s for s in src_sents if s not in paired_s], [t for t in tgt_sents if t not in paired_t]


def _inner_gaps(pp: PassagePair, source_index: TextIndex, target_index: TextIndex) -> list[Mutation]:
    """Whole clauses dropped or added inside an aligned passage (a merged or split sentence).

    A clause whose facts the other text states anywhere (see :func:`supported`) is a rewording
    moved elsewhere, not a change.
    """
    out: list[Mutation] = []
    src_words = {t.norm for t in pp.src}
    tgt_words = {t.norm for t in pp.tgt}
    for k, (i1, i2, j1, j2) in pp.free_ops():
        for side, lo, hi, other in (("omission", i1, i2, tgt_words), ("addition", j1, j2, src_words)):
            tokens = (pp.src if side == "omission" else pp.tgt)[lo:hi]
            content = [t.norm for t in tokens if t.is_word and len(t.norm) > 3]
            if len(content) < 3 or sum(w not in other for w in content) < 0.6 * len(content):
                continue
            score, reasons = salience(tokens)
            if not score or supported(tokens, target_index if side == "omission" else source_index):
                continue
            pp.claimed.add(k)
            text = pp.source_text if side == "omission" else pp.target_text
            span = (tokens[0].start, tokens[-1].end)
            part = text[span[0] : span[1]]
            if side == "omission":
                why = f'The copy drops part of this passage ({"; ".join(reasons)}): "{_clip(part)}"'
                out.append(Mutation("omission", part, "", span, None, why, score * 0.9))
            else:
                why = f'The copy adds to this passage something the source does not say ({"; ".join(reasons)}): "{_clip(part)}"'
                out.append(Mutation("addition", "", part, None, span, why, score * 0.9))
    return out


def detect_mutations(source_text: str, target_text: str, alignment: Alignment) -> list[Mutation]:
    """The meaning-changing mutations from ``source_text`` to its derived ``target_text``.

    Args:
        source_text: the clean text of the source article.
        target_text: the clean text of the derived (target) article.
        alignment: their passage alignment (:func:`rashomon.reuse.align.align_texts`); its spans
            index into the two texts.

    Returns:
        Mutations ordered by target position (omissions by source position, after the others),
        each with spans into the clean texts, a one-line explanation and a confidence.

    Raises:
        AlignmentMismatch: a span of ``alignment`` lies outside its text (the texts and the alignment do
            not belong together).
    """
    mutations: list[Mutation] = []
    source_index, target_index = TextIndex.of(source_text), TextIndex.of(target_text)
    for passage in alignment.passages:
        _check_span(passage.source_span, source_text, "source")
        _check_span(passage.target_span, target_text, "target")
        pp = PassagePair(source_text, target_text, passage.source_span, passage.target_span)
        mutations.extend(detect_in_passage(pp))
        mutations.extend(_inner_gaps(pp, source_index, target_index))
    restated, dropped, added = _restatements(source_text, target_text, alignment)
    mutations.extend(restated)
    mutations.extend(cross_negations(source_text, target_text, alignment, mutations))
    mutations.extend(_unaligned(target_text, added, source_index, "addition"))
    mutations.extend(_unaligned(source_text, dropped, target_index, "omission"))
    log.debug("%d mutations over %d passages", len(mutations), len(alignment.passages))
    return _dedupe(sorted(mutations, key=_order))


def _dedupe(mutations: list[Mutation]) -> list[Mutation]:
    """One mutation per type and place: a sentence in two passages (many-to-one) is reported once."""
    out: list[Mutation] = []
    for m in mutations:
        if not any(_same_place(m, k) for k in out):
            out.append(m)
    return out


def _same_place(a: Mutation, b: Mutation) -> bool:
    if a.type != b.type:
        return False
    for x, y in ((a.source_span, b.source_span), (a.target_span, b.target_span)):
        if (x is None) != (y is None):
            return False
        if x is not None and y is not None and not (x[0] < y[1] and y[0] < x[1]):
            return False
    return True


def _order(m: Mutation) -> tuple[int, int]:
    if m.target_span is not None:
        return 0, m.target_span[0]
    return 1, m.source_span[0] if m.source_span else 0


def _check_span(span: tuple[int, int], text: str, side: str) -> None:
    if not 0 <= span[0] <= span[1] <= len(text):
        raise AlignmentMismatch(
            f"{side} span {span} lies outside the {side} text of length {len(text)}; "
            "pass the same texts the alignment was computed on"
        )
