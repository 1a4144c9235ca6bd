"""Hand features of a sentence that mark a checkable fact or an opinion.

Cheap surface cues (no parser) so that training on tens of thousands of sentences stays fast:
numbers, dates, capitalised names inside the sentence, comparatives, reporting verbs, and the first
person / opinion markers that make a statement unverifiable. The detector combines them with
MiniLM embeddings; :func:`factual_signal` also feeds the news-article score directly.
"""

from __future__ import annotations

import math
import re

import numpy as np
import numpy.typing as npt

from rashomon.claims.quantities import extract_quantities, is_year

__all__ = ["FEATURE_NAMES", "factual_signal", "hand_features"]

_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|last (?:week|month|year)"
_DATE = re.compile(rf"\b(?:{_MONTHS})\b\.?\s*\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b|\b(?:{_DAYS})\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")
_WE = re.compile(r"\b(?:we|we're|we've|us|our|ours)\b", re.I)
_OPINION = re.compile(
    r"\b(?:think|believe|feel|hope|wish|guess|should|must|ought|need to|going to|will|would|maybe|perhaps|"
    r"probably|want|wants|let's|great|terrible|wonderful|horrible|disaster|best|worst|love|hate)\b",
    re.I,
)
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|most|least|than|increase[ds]?|decrease[ds]?|rose|risen|fell|fallen|doubled|"
    r"tripled|highest|lowest|record|largest|biggest|smallest|percent|per cent)\b|%",
    re.I,
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|according to|reported|announced|confirmed|stated|claimed|denied|wrote)\b", re.I
)
_ACTION = re.compile(
    r"\b(?:was|were|has been|have been|had been)\s+\w+ed\b|\b\w+ed\b(?=\s+(?:the|a|an|\d|[A-Z]))", re.I
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b|\b[A-Z]{2,6}\b")
_QUESTION = re.compile(r"\?\s*[\"'”’»)]*\s*$")
_WORDS = re.compile(r"\w+")

FEATURE_NAMES = (
    "has_number",
    "has_year",
    "has_date",
    "names",
    "comparative",
    "reporting",
    "action",
    "first_person",
    "we",
    "opinion",
    "question",
    "log_words",
)


def hand_features(sentence: str) -> npt.NDArray[np.float32]:
    """The :data:`FEATURE_NAMES` values of one sentence (counts capped so long sentences do not dominate).

    Args:
        sentence: one sentence.

    Returns:
        A float vector of length ``len(FEATURE_NAMES)``.
    """
    quantities = extract_quantities(sentence)
    years = sum(1 for q in quantities if is_year(q, sentence))
    numbers = len(quantities) - years
    words = len(_WORDS.findall(sentence))
    values = (
        min(numbers, 3),
        min(years, 2),
        min(len(_DATE.findall(sentence)), 2),
        min(len(_CAPITALISED.findall(sentence)), 5),
        min(len(_COMPARATIVE.findall(sentence)), 3),
        min(len(_REPORTING.findall(sentence)), 2),
        min(len(_ACTION.findall(sentence)), 3),
        min(len(_FIRST_PERSON.findall(sentence)), 3),
        min(len(_WE.findall(sentence)), 3),
        min(len(_OPINION.findall(sentence)), 3),
        1.0 if _QUESTION.search(sentence) else 0.0,
        math.log1p(words),
    )
    return np.asarray(values, dtype=np.float32)


def factual_signal(sentence: str) -> float:
    """0..1: how much a news sentence looks like a checkable fact (numbers, dates, named actors, actions).

    News claims differ from debate claims: they state numbers, dates and actions of named actors,
    and rarely use the first person. This signal is mixed with the trained model's probability.
    """
    f = hand_features(sentence)
    n = dict(zip(FEATURE_NAMES, f.tolist(), strict=True))
    positive = (
        0.35 * min(n["has_number"] + n["has_year"], 1.0)
        + 0.2 * min(n["has_date"], 1.0)
        + 0.25 * min(n["names"] / 2.0, 1.0)
        + 0.1 * min(n["action"], 1.0)
        + 0.1 * min(n["reporting"], 1.0)
    )
    negative = 0.25 * min(n["first_person"], 1.0) + 0.15 * min(n["opinion"], 1.0) + 0.5 * n["question"]
    if n["log_words"] < math.log1p(5):
        negative += 0.3  # fragments and headlines without a verb rarely state a checkable fact
    return float(min(1.0, max(0.0, positive - negative)))
