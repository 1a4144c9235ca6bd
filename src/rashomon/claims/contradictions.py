"""Incompatible statements: different numbers for one quantity, a negated statement, an action said to
have happened and not to have happened.

Precision matters more than recall here: a false "contradiction" between outlets misleads a reader
more than a missed one. So each check asks for the same subject first (a shared actor or name key,
and topical similarity), and only then for the conflict:

- ``number``: the same counted thing (same head word, "troops") with values that differ beyond
  rounding (a hedged "about 2,500" tolerates ±15 %, exact figures ±2 %);
- ``negation``: near-identical statements where exactly one is negated;
- ``action``: one sentence denies an action of a kind (fighting, killing, arresting…) that the
  other asserts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.claims.quantities import Quantity, is_year

__all__ = ["Statement", "asserted_actions", "find_contradiction", "negated_actions"]

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|neither|nor|without|n't|denied|denies|deny|refused)\b|n't\b", re.I
)
# kinds of action a news story reports as done or not done; a denial of one kind conflicts with an
# assertion of the same kind about the same actors
_ACTION_KINDS: dict[str, re.Pattern[str]] = {
    kind: re.compile(r"\b(?:" + pattern + r")\b", re.I)
    for kind, pattern in {
        "combat": r"fight(?:s|ing)?|fought|battl(?:e|es|ed|ing)|combat|clash(?:es|ed|ing)?|recaptur\w*|"
        r"retak\w*|retook|storm(?:s|ed|ing)?|attack(?:s|ed|ing)?|shoot(?:s|ing)?|shot|fired on|opened fire|"
        r"shell(?:ed|ing)|bomb(?:s|ed|ing)?|assault(?:s|ed|ing)?",
        "killing": r"kill(?:s|ed|ing)?|murder\w*|execut\w*|behead\w*|died|dead|deaths?",
        "detention": r"arrest\w*|detain\w*|jail(?:s|ed)?|imprison\w*|captur\w*",
        "resignation": r"resign(?:s|ed|ing)?|step(?:s|ped)? down|quit",
        "agreement": r"sign(?:s|ed|ing)?|agree(?:s|d)?|approv\w*|ratif\w*",
        "meeting": r"met|meet(?:s|ing)?|held talks|visit(?:s|ed|ing)?",
        "participation": r"t(?:ook|aken|ake|akes|aking) part|participat\w*|involved in|join(?:s|ed|ing)?",
    }.items()
}
# an action under a modal or a condition is not reported as done ("will be joined", "could attack")
_MODAL = re.compile(
    r"\b(?:will|would|could|may|might|should|if|plans? to|planned to|expected to|threaten\w* to|"
    r"ready to|want\w* to|scheduled to|due to|set to|going to)\b[^,.;]*$",
    re.I,
)
_NEG_SCOPE = 60  # characters after a negation cue that it governs
_MIN_CONTENT_WORDS = 4
_NEG_WORDS = 5  # words after a negation cue in which a denied action must appear
_NEAR_WORDS = re.compile(r"(?:\W*[\w'’-]+){1,%d}" % _NEG_WORDS)  # noqa: UP031
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "and",
        "or",
        "but",
        "that",
        "this",
        "these",
        "those",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "their",
        "they",
        "he",
        "she",
        "his",
        "her",
        "said",
        "says",
        "also",
        "which",
        "who",
        "will",
        "would",
        "not",
        "no",
    ]
)
_WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass(frozen=True)
class Statement:
    """A sentence as the contradiction checks see it.

    Attributes:
        ref: index of the statement in the caller's list.
        article: article id.
        start, end: span of the sentence in the article's clean text.
        text: the sentence.
        vector: its unit-length embedding.
        keys: actor keys (entity ids, normalised names) of the sentence, and of the previous sentence
            when this one opens with a pronoun.
        quantities: numbers in the sentence (offsets relative to ``text``).
        context: words of the previous sentence when this one opens with a pronoun ("They helped…").
    """

    ref: int
    article: str
    start: int
    end: int
    text: str
    vector: npt.NDArray[np.float32]
    keys: frozenset[str]
    quantities: tuple[Quantity, ...] = ()
    context: str = ""
    words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "words", frozenset(w for w in _WORD.findall(self.text.lower()) if w not in _STOP)
        )


def _similarity(a: Statement, b: Statement) -> float:
    return float(np.dot(a.vector, b.vector))


def _counted(q: Quantity, text: str) -> bool:
    return bool(q.head) and not is_year(q, text) and q.value >= 2


def _ambiguous_heads(s: Statement) -> set[str]:
    """Heads counted twice with different values in one sentence ("2 seats in the Senate and 23 in the House")."""
    values: dict[str, set[float]] = {}
    for q in s.quantities:
        values.setdefault(q.head, set()).add(q.value)
    return {head for head, vals in values.items() if len(vals) > 1}


def _number_conflict(a: Statement, b: Statement) -> dict[str, Any] | None:
    # a head word names one quantity only when each sentence counts it once
    ambiguous = _ambiguous_heads(a) | _ambiguous_heads(b)
    for qa in a.quantities:
        if not _counted(qa, a.text) or qa.head in ambiguous:
            continue
        for qb in b.quantities:
            if not _counted(qb, b.text) or qa.head != qb.head or qa.percent != qb.percent:
                continue
            if any(abs(qa.value - q.value) <= 1e-9 for q in b.quantities if q.head == qa.head):
                continue  # b states a's number too: the other figure counts something else
            tolerance = 0.15 if (qa.approximate or qb.approximate) else 0.02
            if abs(qa.value - qb.value) > tolerance * max(qa.value, qb.value):
                return {
                    "type": "number",
                    "reason": f"{a.text[qa.start : qa.end]} vs {b.text[qb.start : qb.end]} {qa.head}",
                    "spans": [[a.start + qa.start, a.start + qa.end], [b.start + qb.start, b.start + qb.end]],
                }
    return None


def _negations(text: str) -> int:
    return len(_NEGATION.findall(text))


def _negation_scope(text: str) -> tuple[int, int] | None:
    """The span from the first negation cue to the end of its clause."""
    m = _NEGATION.search(text)
    if not m:
        return None
    end = min(len(text), m.end() + _NEG_SCOPE)
    stop = re.search(r"[,;:.]|\bbut\b", text[m.end() : end])
    return m.start(), (m.end() + stop.start() if stop else end)


def _negation_conflict(a: Statement, b: Statement, similarity: float) -> dict[str, Any] | None:
    if similarity < 0.55 or (_negations(a.text) > 0) == (_negations(b.text) > 0):
        return None
    if min(len(a.words), len(b.words)) < _MIN_CONTENT_WORDS:
        return None  # "So has the White House." says too little to be negated by anything
    overlap = len(a.words & b.words) / max(1, min(len(a.words), len(b.words)))
    if overlap < 0.5:
        return None
    negated, plain = (a, b) if _negations(a.text) else (b, a)
    scope = _negation_scope(negated.text)
    if scope is None:
        return None
    # the negated clause itself must restate the other sentence, not a side remark next to it
    scoped = {w for w in _WORD.findall(negated.text[scope[0] : scope[1]].lower()) if w not in _STOP}
    if len(scoped & plain.words) < max(2, 0.4 * len(scoped)):
        return None
    spans = [[a.start, a.end], [b.start, b.end]]
    k = 0 if negated is a else 1
    spans[k] = [negated.start + scope[0], negated.start + scope[1]]
    return {
        "type": "negation",
        "reason": f"one statement is negated: {negated.text[scope[0] : scope[1]]!r}",
        "spans": spans,
    }


def _kinds_in(text: str) -> set[str]:
    return {kind for kind, pattern in _ACTION_KINDS.items() if pattern.search(text)}


def negated_actions(text: str) -> dict[str, tuple[int, int]]:
    """Action kinds that ``text`` says did not happen, with the span of the negated phrase.

    Only an action word within a few words of the cue counts ("had not taken part in any fighting"),
    not one further on that the negated verb merely mentions ("did not brief him about the meeting").
    """
    found: dict[str, tuple[int, int]] = {}
    for m in _NEGATION.finditer(text):
        scope_end = min(len(text), m.end() + _NEG_SCOPE)
        stop = re.search(r"[,;:.]|\bbut\b", text[m.end() : scope_end])
        if stop:
            scope_end = m.end() + stop.start()
        near = _NEAR_WORDS.match(text[m.end() : scope_end])
        near_end = m.end() + (near.end() if near else 0)
        for kind in _kinds_in(text[m.start() : near_end]):
            found.setdefault(kind, (m.start(), scope_end))
    return found


def asserted_actions(text: str) -> dict[str, tuple[int, int]]:
    """Action kinds that ``text`` states as done, outside any negation's scope."""
    negated_spans = list(negated_actions(text).values())
    found: dict[str, tuple[int, int]] = {}
    for kind, pattern in _ACTION_KINDS.items():
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in negated_spans) or _MODAL.search(
                text[max(0, m.start() - 40) : m.start()]
            ):
                continue
            found.setdefault(kind, (m.start(), m.end()))
    return found


def _action_conflict(a: Statement, b: Statement) -> dict[str, Any] | None:
    # the actors must match, not just the story: the same collective actor ("troops") on both sides;
    # a shared named entity is not enough (Tokayev may be named beside an attack he did not make)
    if not {k for k in a.keys & b.keys if k.startswith("a:")}:
        return None
    for neg, pos in ((a, b), (b, a)):
        denied = negated_actions(neg.text)
        done = asserted_actions(pos.text)
        for kind in sorted(set(denied) & set(done)):
            ds, de = denied[kind]
            _ps, pe = done[kind]
            clause_end = pos.text.find(".", pe)
            return {
                "type": "action",
                "reason": f"{kind} denied in one statement, reported in the other",
                "spans": [
                    [neg.start + ds, neg.start + de],
                    [pos.start, pos.start + (clause_end if clause_end > 0 else len(pos.text))],
                ],
            }
    return None


def _same_subject(a: Statement, b: Statement, similarity: float) -> bool:
    return bool(a.keys & b.keys) and similarity >= 0.35


def _same_quantity_context(a: Statement, b: Statement, similarity: float) -> bool:
    """Two figures can only disagree about one event: a shared named actor or place and shared wording."""
    if similarity < 0.5 or not {k for k in a.keys & b.keys if k.startswith(("n:", "e:"))}:
        return False
    return len(a.words & b.words) >= 0.3 * min(len(a.words), len(b.words))


def find_contradiction(a: Statement, b: Statement) -> dict[str, Any] | None:
    """The first conflict between two statements about the same subject, or None.

    Args:
        a, b: statements from different articles.

    Returns:
        ``{"type", "reason", "spans": [[start, end] in a, [start, end] in b]}`` or None.
    """
    similarity = _similarity(a, b)
    if not _same_subject(a, b, similarity):
        return None
    numbers = _number_conflict(a, b) if _same_quantity_context(a, b, similarity) else None
    return numbers or _negation_conflict(a, b, similarity) or _action_conflict(a, b)


def contradiction_pairs(
    statements: Sequence[Statement], pairs: Sequence[tuple[int, int]]
) -> list[tuple[int, int, dict[str, Any]]]:
    """Conflicts among candidate ``pairs`` (indices into ``statements``) from different articles."""
    out: list[tuple[int, int, dict[str, Any]]] = []
    for i, j in pairs:
        a, b = statements[i], statements[j]
        if a.article == b.article:
            continue
        conflict = find_contradiction(a, b)
        if conflict:
            out.append((i, j, conflict))
    return out
