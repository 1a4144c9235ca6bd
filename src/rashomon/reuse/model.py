"""Data objects of the reuse stage: aligned passages, mutations and links.

Spans are ``(start, end)`` character offsets into the clean text of the source or target article.
``to_json`` gives the analysis.json form documented in docs/analysis-schema.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["MUTATION_TYPES", "RELATIONS", "AlignedPassage", "Mutation", "ReuseLink"]

RELATIONS = ("copy", "rewrite", "shared_source")
MUTATION_TYPES = (
    "negation",
    "hedge",
    "number",
    "name",
    "pronoun",
    "quote",
    "attribution",
    "addition",
    "omission",
)

Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class AlignedPassage:
    """One or more consecutive source sentences aligned to one or more consecutive target sentences.

    Attributes:
        source_span, target_span: character spans in the source and target clean texts.
        similarity: 0..1, how closely the target passage restates the source passage.
        source_sentences, target_sentences: indices of the sentences (as split by
            :func:`rashomon.nlp.split_sentences`) that the passage covers.
    """

    source_span: Offsets
    target_span: Offsets
    similarity: float
    source_sentences: tuple[int, ...] = ()
    target_sentences: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "source_span": list(self.source_span),
            "target_span": list(self.target_span),
            "similarity": round(self.similarity, 4),
        }


@dataclass(frozen=True, slots=True)
class Mutation:
    """A change of meaning between an aligned source passage and its target (or an unaligned one).

    ``source_span``/``target_span`` are None for an addition (no source) or an omission (no target).
    """

    type: str
    source_text: str
    target_text: str
    source_span: Offsets | None
    target_span: Offsets | None
    explanation: str
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.type not in MUTATION_TYPES:
            raise ValueError(f"unknown mutation type {self.type!r}; expected one of {MUTATION_TYPES}")

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "source_text": self.source_text,
            "target_text": self.target_text,
            "source_span": list(self.source_span) if self.source_span else None,
            "target_span": list(self.target_span) if self.target_span else None,
            "explanation": self.explanation,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ReuseLink:
    """Source article → derived (target) article."""

    source: str
    target: str
    relation: str
    attributed: bool
    coverage: float
    passages: tuple[AlignedPassage, ...]
    mutations: tuple[Mutation, ...] = ()
    direction_evidence: tuple[str, ...] = ()
    confidence: float = 1.0
    omissions: tuple[Offsets, ...] = field(default=())
    additions: tuple[Offsets, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}; expected one of {RELATIONS}")

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "relation": self.relation,
            "attributed": self.attributed,
            "coverage": round(self.coverage, 4),
            "confidence": round(self.confidence, 3),
            "direction_evidence": list(self.direction_evidence),
            "passages": [p.to_json() for p in self.passages],
            "omissions": [list(s) for s in self.omissions],
            "additions": [list(s) for s in self.additions],
            "mutations": [m.to_json() for m in self.mutations],
        }
