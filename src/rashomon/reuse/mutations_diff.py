"""The token diff of one aligned passage pair, shared by the mutation detectors.

Both passages are tokenised with absolute offsets and diffed (difflib on normalised tokens); the
changed regions ("ops") are what the detectors explain. A detector that explains an op claims it,
so one change is reported once.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from rashomon.reuse.model import Mutation
from rashomon.reuse.mutations_lexicon import Token, tokenize

__all__ = ["Op", "PassagePair", "is_local", "is_one_sided", "make_mutation", "norms"]

Op = tuple[int, int, int, int]  # source tokens [i1, i2), target tokens [j1, j2)

_SNIPPET_WIDTH = 6
_MAX_REWORDING = 6  # words; a longer one-sided change is a dropped or added clause
_MAX_LOCAL = 12  # words; a longer two-sided change is a paraphrased stretch


@dataclass
class PassagePair:
    """The tokenised source and target passages of one aligned pair and their diff.

    Token offsets are absolute (in the full source/target texts) so spans come out ready to use.
    """

    source_text: str
    target_text: str
    source_span: tuple[int, int]
    target_span: tuple[int, int]
    src: list[Token] = field(init=False)
    tgt: list[Token] = field(init=False)
    ops: list[Op] = field(init=False)
    claimed: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        a, b = self.source_span
        c, d = self.target_span
        self.src = tokenize(self.source_text[a:b], a)
        self.tgt = tokenize(self.target_text[c:d], c)
        matcher = difflib.SequenceMatcher(None, [t.norm for t in self.src], [t.norm for t in self.tgt], False)
        self.ops = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]

    def src_span(self, i1: int, i2: int) -> tuple[int, int]:
        """Character span of source tokens ``[i1, i2)``; an empty range widens to its neighbours."""
        return _span(self.src, i1, i2, self.source_span)

    def tgt_span(self, j1: int, j2: int) -> tuple[int, int]:
        """Character span of target tokens ``[j1, j2)``; an empty range widens to its neighbours."""
        return _span(self.tgt, j1, j2, self.target_span)

    def src_snippet(self, i1: int, i2: int, upper: Callable[[Token], bool] | None = None) -> str:
        return _snippet(self.source_text, self.src, i1, i2, upper)

    def tgt_snippet(self, j1: int, j2: int, upper: Callable[[Token], bool] | None = None) -> str:
        return _snippet(self.target_text, self.tgt, j1, j2, upper)

    def free_ops(self) -> list[tuple[int, Op]]:
        return [(k, op) for k, op in enumerate(self.ops) if k not in self.claimed]

    def op_index_for_target(self, j: int) -> int | None:
        """The op whose target range contains token ``j``."""
        for k, (_, _, j1, j2) in enumerate(self.ops):
            if j1 <= j < j2:
                return k
        return None

    def op_index_for_source(self, i: int) -> int | None:
        for k, (i1, i2, _, _) in enumerate(self.ops):
            if i1 <= i < i2:
                return k
        return None


def _span(tokens: list[Token], lo: int, hi: int, bounds: tuple[int, int]) -> tuple[int, int]:
    if not tokens:
        return bounds
    if hi <= lo:  # a deletion point: point at the words on either side of it
        lo, hi = max(0, lo - 1), min(len(tokens), lo + 1)
    lo, hi = min(lo, len(tokens) - 1), max(hi, lo + 1)
    return tokens[lo].start, tokens[min(hi, len(tokens)) - 1].end


def _snippet(text: str, tokens: list[Token], lo: int, hi: int, upper: Callable[[Token], bool] | None) -> str:
    if not tokens:
        return ""
    a = max(0, lo - _SNIPPET_WIDTH)
    b = min(len(tokens), max(hi, lo + 1) + _SNIPPET_WIDTH)
    start, end = tokens[a].start, tokens[b - 1].end
    out = text[start:end]
    if upper:
        for tok in reversed(tokens[a:b]):
            if upper(tok):
                out = out[: tok.start - start] + tok.text.upper() + out[tok.end - start :]
    prefix = "…" if a > 0 else ""
    suffix = "…" if b < len(tokens) else ""
    return f"{prefix}{out}{suffix}"


def make_mutation(
    pp: PassagePair, kind: str, src: tuple[int, int], tgt: tuple[int, int], why: str, conf: float
) -> Mutation:
    return Mutation(
        type=kind,
        source_text=pp.source_text[src[0] : src[1]],
        target_text=pp.target_text[tgt[0] : tgt[1]],
        source_span=src,
        target_span=tgt,
        explanation=why,
        confidence=conf,
    )


def norms(tokens: list[Token], lo: int, hi: int) -> list[str]:
    return [t.norm for t in tokens[lo:hi]]


def is_local(pp: PassagePair, op: Op) -> bool:
    """True for a change of a few words; a long rewritten stretch is a paraphrase whose details the
    token diff cannot pair up reliably."""
    i1, i2, j1, j2 = op
    return max(sum(t.is_word for t in pp.src[i1:i2]), sum(t.is_word for t in pp.tgt[j1:j2])) <= _MAX_LOCAL


def is_one_sided(pp: PassagePair, op: Op) -> bool:
    """True for a whole clause dropped or added (nothing in its place): not a rewording of it."""
    i1, i2, j1, j2 = op
    src_words = sum(t.is_word for t in pp.src[i1:i2])
    tgt_words = sum(t.is_word for t in pp.tgt[j1:j2])
    return max(src_words, tgt_words) > _MAX_REWORDING and min(src_words, tgt_words) <= 1
