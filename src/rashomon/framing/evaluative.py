"""Target-directed evaluative cues: what the words around an actor's mentions say about the actor.

Three general signals, each a :class:`Cue` with the words that carry it and a polarity in ``[-1, 1]``
(critical .. favourable) toward the actor:

- ``evaluative``: valence of the words in the clause the actor takes part in, from the VADER lexicon
  (Hutto & Gilbert 2014, shipped in the ``vaderSentiment`` package; only its word list is used). The
  parse decides which words count: the actor's own modifiers and predicates ("X is corrupt"), the
  action it is the agent of with that action's object and manner ("X brutally crushed the revolt"),
  and, for an actor that undergoes an action, only a favourable action ("X was praised"); a negation
  on the word or its verb flips and damps the valence, as VADER does.
- ``designation``: the connotation of the nouns the outlet uses for the actor ("thugs" vs "heroes"):
  the lexicon valence of the head noun when it has one, else the MiniLM similarity of the noun to
  generic approving vs pejorative anchor words (one embedding per distinct noun, cached).
- ``context``: the tone of the rest of each sentence that mentions the actor (mean valence of its
  other evaluative words, negation-aware), a weaker signal that covers the mentions whose own clause
  holds no evaluative word.
- ``legitimacy``: legitimising vs delegitimising framing: the actor's statements reported with a
  distancing verb ("X claimed") or an endorsing one ("X stressed"), a designation of the actor put in
  scare quotes or marked "so-called"/"alleged" (the outlet refuses the word, so its connotation turns
  around at half strength).

The word lists here are closed classes of English reporting verbs and distance markers (as in the
bias lexicons of Recasens et al. 2013), not words of any story.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

__all__ = [
    "Cue",
    "context_cues",
    "designation_cues",
    "designation_polarity",
    "evaluative_cues",
    "legitimacy_cues",
    "lexicon",
    "word_valence",
]

# a negation damps as well as flips ("not good" is milder than "bad"): VADER's own factor
NEGATION_FACTOR = -0.74
PATIENT_WEIGHT = 0.5
DESIGNATION_GAIN = 6.0  # anchor-similarity margin → polarity (margins are a few hundredths)
# the anchors also pick up topic (words for police sit near words for criminals): trust them less than
# the lexicon
ANCHOR_TRUST = 0.6
DEAD_ZONE = 0.3
SCARE_QUOTE_FACTOR = -0.5
DISTANCING_VERBS = frozenset({"claim", "allege", "purport", "insist", "contend", "assert"})
ENDORSING_VERBS = frozenset(
    {"stress", "note", "explain", "emphasise", "emphasize", "confirm", "point", "underline", "warn"}
)
DISTANCE_MARKERS = frozenset(
    {"so-called", "alleged", "purported", "self-proclaimed", "self-styled", "supposed"}
)
DISTANCE_POLARITY = -0.3
ENDORSE_POLARITY = 0.2
# generic words for approving vs pejorative ways of naming people (not words of any story)
_APPROVING = ("heroes", "defenders", "rescuers", "honest citizens", "brave volunteers", "respected leaders")
_PEJORATIVE = ("criminals", "villains", "thugs", "murderers", "a violent mob", "crooks")
_NEUTRAL = ("people", "persons", "residents", "individuals", "men and women")
# agent-noun endings: a noun missing from the lexicon takes half its base's valence ("rioter" ← "riot")
_AGENT_SUFFIXES = ("ers", "ors", "ists", "er", "or", "ist")
_QUOTES = "\"'“”‘’«»„"
_AGENT_DEPS = ("nsubj", "csubj")
_PATIENT_DEPS = ("nsubjpass", "dobj", "dative", "obj", "attr_pass")
_EVAL_CHILD_DEPS = ("amod", "advmod", "acomp", "attr", "dobj", "xcomp", "oprd", "npadvmod", "neg")


@dataclass(frozen=True, slots=True)
class Cue:
    """One piece of evidence about how the article treats an actor.

    Attributes:
        signal: ``evaluative``, ``designation``, ``legitimacy`` or ``role``.
        start, end: the words that carry the cue (clean-text offsets).
        polarity: toward the actor, ``-1`` (critical) .. ``1`` (favourable).
        text: those words.
    """

    signal: str
    start: int
    end: int
    polarity: float
    text: str

    def to_json(self) -> dict[str, Any]:
        """The ``cues`` entry of a stance evidence sentence."""
        return {
            "signal": self.signal,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "polarity": round(self.polarity, 4),
        }


@functools.cache
def lexicon() -> dict[str, float]:
    """The VADER word valences scaled to ``[-1, 1]`` (lower-case word forms)."""
    path = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].isalpha():
            out[cols[0]] = max(-1.0, min(1.0, float(cols[1]) / 4.0))
    return out


def word_valence(token: Any) -> float:
    """The valence of a spaCy token (its form, else its lemma), 0 when the lexicon does not know it."""
    lex = lexicon()
    v = lex.get(token.lower_)
    if v is None:
        v = lex.get(token.lemma_.lower(), 0.0)
    return v


def _negated(token: Any) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children if token.dep_ in ("acomp", "attr", "xcomp", "dobj")
    )


def _valence_with_negation(token: Any) -> float:
    v = word_valence(token)
    return v * NEGATION_FACTOR if v and _negated(token) else v


def _argument_token(root: Any) -> Any:
    """The token whose dependency says the mention's role: climb appositions, compounds and conjuncts."""
    tok = root
    for _ in range(4):
        if tok.dep_ in ("appos", "compound", "conj", "flat") and tok.head is not tok:
            tok = tok.head
        else:
            break
    return tok


def _clause_words(verb: Any, exclude: set[int]) -> Iterable[Any]:
    """The verb, its manner/negation/complement words and its object phrase (not other clauses)."""
    yield verb
    for child in verb.children:
        if child.i in exclude or child.dep_ not in _EVAL_CHILD_DEPS:
            continue
        if child.dep_ == "dobj":  # what the actor does to ("a coup"), not how the object is described
            yield child
        elif child.dep_ in ("attr", "oprd"):
            yield from (t for t in child.subtree if t.i not in exclude and t.dep_ not in ("relcl", "acl"))
        else:
            yield child


def _target_words(arg: Any, mention: set[int]) -> list[tuple[Any, float]]:
    """``(word, weight)`` pairs that evaluate the actor whose mention is ``arg``."""
    words: list[tuple[Any, float]] = []
    for child in arg.children:  # its own modifiers: "the corrupt regime", "X, a respected leader"
        if child.i not in mention and child.dep_ in ("amod", "appos", "acl", "relcl", "compound"):
            weight = 1.0 if child.dep_ in ("amod", "appos", "compound") else 0.8
            if child.dep_ in ("relcl", "acl"):
                words += [(t, weight) for t in _clause_words(child, mention)]
            else:
                words += [(t, weight) for t in child.subtree if t.i not in mention]
    head = arg.head
    if arg.dep_ in _AGENT_DEPS and head is not arg:
        words += [(t, 1.0) for t in _clause_words(head, mention)]
    elif arg.dep_ in _PATIENT_DEPS and head is not arg:
        words += [(head, PATIENT_WEIGHT)]
    elif arg.dep_ == "pobj" and head.dep_ == "agent":  # passive agent: "was crushed by X"
        words += [(t, 1.0) for t in _clause_words(head.head, mention)]
    return words


def evaluative_cues(doc: Any, spans: Sequence[tuple[int, int]]) -> list[Cue]:
    """Evaluative-language cues toward the actor mentioned at ``spans`` (see the module docstring).

    Args:
        doc: the article's spaCy ``Doc`` (with parser).
        spans: character spans of the actor's mentions (names or designations).

    Returns:
        One cue per evaluative word, with its polarity toward the actor.
    """
    cues: list[Cue] = []
    seen: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        mention = {t.i for t in span}
        arg = _argument_token(span.root)
        for tok, weight in _target_words(arg, mention):
            if tok.i in seen or tok.is_punct:
                continue
            v = _valence_with_negation(tok)
            if weight == PATIENT_WEIGHT and v < 0:
                continue  # undergoing a harmful action says nothing clear (victim or culprit caught)
            if v:
                seen.add(tok.i)
                pol = max(-1.0, min(1.0, v * weight))
                cues.append(Cue("evaluative", tok.idx, tok.idx + len(tok.text), pol, tok.text))
    return cues


def context_cues(doc: Any, spans: Sequence[tuple[int, int]], taken: Iterable[Cue] = ()) -> list[Cue]:
    """The tone of the sentences that mention the actor, outside the words other cues already used.

    Args:
        doc: the article's spaCy ``Doc``.
        spans: the actor's mentions.
        taken: cues already found (their words are not counted again).

    Returns:
        One cue per sentence with evaluative words, spanning the sentence; its polarity is the mean
        valence of those words, damped when they are fewer than three.
    """
    used = {c.start for c in taken}
    cues = []
    seen: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0 or span.sent.start in seen:
            continue
        sent = span.sent
        seen.add(sent.start)
        mention = {t.i for t in span}
        vals = [
            _valence_with_negation(t)
            for t in sent
            if t.i not in mention and t.idx not in used and not t.is_punct and word_valence(t)
        ]
        if vals:
            pol = sum(vals) / len(vals) * min(1.0, len(vals) / 3)
            cues.append(Cue("context", sent.start_char, sent.end_char, pol, sent.text[:60]))
    return cues


_DESIGNATION_CACHE: dict[str, float] = {}


@functools.cache
def _anchor_vectors() -> tuple[Any, Any, float]:
    """Approving and pejorative anchor vectors, and the margin of plain words for people (the zero)."""
    from rashomon.nlp import embed

    approving, pejorative, neutral = embed(list(_APPROVING)), embed(list(_PEJORATIVE)), embed(list(_NEUTRAL))
    zero = float(((neutral @ approving.T).mean(axis=1) - (neutral @ pejorative.T).mean(axis=1)).mean())
    return approving, pejorative, zero


def _base_valence(lemma: str) -> float | None:
    lex = lexicon()
    for suffix in _AGENT_SUFFIXES:
        base = lemma[: -len(suffix)]
        if lemma.endswith(suffix) and len(base) >= 3 and base in lex:
            return lex[base]
    return None


def designation_polarity(lemmas: Sequence[str], forms: Mapping[str, str] | None = None) -> dict[str, float]:
    """Connotation of designation head nouns in ``[-1, 1]``.

    A noun the lexicon knows takes its valence. Others are embedded once (one batch for all new
    nouns, cached per process) and scored by how much nearer they are to the approving anchors than
    to the pejorative ones, relative to plain words for people (margins inside :data:`DEAD_ZONE` count
    as 0: the anchors also carry topic); an agent noun whose base the lexicon knows ("rioter" ← "riot")
    averages that score with half the base's valence.

    Args:
        lemmas: head lemmas.
        forms: the head as written for some lemmas; the written plural ("the troops") reads far
            more reliably than the bare lemma.

    Returns:
        ``{lemma: connotation}``.
    """
    lex = lexicon()
    todo = sorted({lem for lem in lemmas if lem and lem not in _DESIGNATION_CACHE and lem not in lex})
    if todo:
        from rashomon.nlp import embed

        approving, pejorative, zero = _anchor_vectors()
        vecs = embed([f"the {(forms or {}).get(lem, lem)}" for lem in todo])
        margin = (vecs @ approving.T).mean(axis=1) - (vecs @ pejorative.T).mean(axis=1) - zero
        for lem, m in zip(todo, margin, strict=True):
            raw = float(np.clip(m * DESIGNATION_GAIN, -1.0, 1.0))
            score = ANCHOR_TRUST * raw if abs(raw) >= DEAD_ZONE else 0.0
            base = _base_valence(lem)
            _DESIGNATION_CACHE[lem] = score if base is None else (score + 0.5 * base) / 2
    return {lem: lex[lem] if lem in lex else _DESIGNATION_CACHE.get(lem, 0.0) for lem in lemmas if lem}


def _head_start(text: str, start: int, end: int) -> int:
    """Start of the last word of ``text[start:end]`` (the head noun of a designation)."""
    i = end
    while i > start and (text[i - 1].isalnum() or text[i - 1] in "-'"):
        i -= 1
    return i


def _refused(text: str, start: int, end: int) -> bool:
    """The designation's head is in scare quotes, or a distance marker precedes it."""
    head = _head_start(text, start, end)
    before = text[head - 1 : head] if head > 0 else ""
    after = text[end : end + 1]
    if before and before in _QUOTES and after and after in _QUOTES:
        return True
    window = text[max(0, start - 24) : head].lower().replace("‐", "-")
    return any(m in window.split() or window.rstrip(" \"'“‘«").endswith(m) for m in DISTANCE_MARKERS)


def designation_cues(
    text: str, designations: Sequence[tuple[int, int, str, str]], polarity: dict[str, float]
) -> list[Cue]:
    """Connotation cues of the designations of one actor in one article.

    Args:
        text: the article.
        designations: ``(start, end, phrase, head_lemma)`` of each designation of the actor.
        polarity: connotation per head lemma (:func:`designation_polarity`).

    Returns:
        One cue per designation with a non-zero connotation; a designation in scare quotes or after
        "so-called" counts as refused (its connotation reversed at half strength, signal
        ``legitimacy``).
    """
    cues = []
    for start, end, phrase, lemma in designations:
        p = polarity.get(lemma, 0.0)
        if _refused(text, start, end):
            cues.append(Cue("legitimacy", start, end, p * SCARE_QUOTE_FACTOR, phrase))
        elif p:
            cues.append(Cue("designation", start, end, p, phrase))
    return cues


def legitimacy_cues(doc: Any, spans: Sequence[tuple[int, int]]) -> list[Cue]:
    """Cues from how the actor's own statements are reported: "X claimed" vs "X stressed".

    Args:
        doc: the article's spaCy ``Doc``.
        spans: the actor's mentions.

    Returns:
        One cue per reporting verb the actor is the subject of, when the verb distances or endorses.
    """
    cues = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        arg = _argument_token(span.root)
        verb = arg.head
        if arg.dep_ not in _AGENT_DEPS or verb is arg:
            continue
        lemma = verb.lemma_.lower()
        if lemma in DISTANCING_VERBS:
            pol = DISTANCE_POLARITY
        elif lemma in ENDORSING_VERBS:
            pol = ENDORSE_POLARITY
        else:
            continue
        if _negated(verb):
            pol = -pol * 0.5
        cues.append(Cue("legitimacy", verb.idx, verb.idx + len(verb.text), pol, verb.text))
    return cues
