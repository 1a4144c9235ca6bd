"""Per-article reuse features: what candidate search needs, computed once per article on any worker.

The ``reuse_features`` article stage turns each article into a compact, JSON-ready record, so the
Dask engine maps it over partitions and the corpus ``reuse`` stage only reads, stacks and compares:

- ``sentences``: sentence spans ``[start, end]`` of the clean text;
- ``minhash``: the one-permutation MinHash signature of its word shingles (low 32 bits of each
  entry, base64); words are hashed with BLAKE2b, so a signature depends on the text alone, not on
  the corpus or the process that made it;
- ``terms``: hashed word columns with their counts for rare-term TF-IDF (``column << 10 | count``,
  uint32, base64);
- ``vector``: the article's static vector (:mod:`rashomon.reuse.static_vectors`: the mean of its
  sentences' vectors), int8 (scaled to ±127: only its direction matters for cosine), base64.

About 1.5 KB plus 0.3 KB per 100 words; sentence vectors are not kept (they would be most of it and
serve only small corpora, where the corpus stage recomputes them in a second). No MiniLM here: the
corpus stage embeds only the articles of candidate pairs, for alignment.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

import numpy as np
import numpy.typing as npt

from rashomon.model import Article
from rashomon.nlp.sentences import split_sentences
from rashomon.pipeline import JSON, StageContext
from rashomon.reuse.candidates import CandidateConfig, text_sketch

__all__ = [
    "FEATURES_VERSION",
    "ArticleFeatures",
    "ReuseFeaturesStage",
    "article_features",
    "decode_features",
    "features_match",
    "quantise",
    "unit_rows",
]

FEATURES_VERSION = "reuse_features.v1"
_COUNT_BITS = 10
_MAX_COUNT = (1 << _COUNT_BITS) - 1
_EMPTY32 = np.iinfo(np.uint32).max


def _b64(array: npt.NDArray[Any]) -> str:
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


def _unb64(text: str, dtype: type[np.generic]) -> npt.NDArray[Any]:
    return np.frombuffer(base64.b64decode(text), dtype=dtype)


def quantise(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.int8]:
    """Rows scaled so their largest component is ±127, as int8 (direction kept, length dropped)."""
    v = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    scale = 127.0 / np.maximum(np.abs(v).max(axis=1, keepdims=True), 1e-9) if v.size else 1.0
    return np.asarray(np.rint(v * scale), dtype=np.int8)


def unit_rows(q: npt.NDArray[np.int8]) -> npt.NDArray[np.float32]:
    """int8 rows back to unit-length float32 rows (zero rows stay zero)."""
    v = q.astype(np.float32)
    return np.asarray(v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9), dtype=np.float32)


def article_features(article: Article, config: CandidateConfig | None = None) -> dict[str, Any]:
    """The reuse features of one article (see the module docstring for the fields).

    Args:
        article: the article.
        config: candidate knobs (shingle size, signature length, seed); defaults when None.

    Returns:
        A JSON-ready dict.
    """
    from rashomon.reuse.static_vectors import static_model

    cfg = config or CandidateConfig()
    spans = split_sentences(article.text)
    signature, columns, counts = text_sketch(
        article.text, shingle=cfg.shingle, num_perm=cfg.num_perm, seed=cfg.seed
    )
    packed = (columns.astype(np.uint32) << _COUNT_BITS) | np.minimum(counts, _MAX_COUNT).astype(np.uint32)
    model = static_model()
    sentence_vecs = model.encode([article.text[a:b] for a, b in spans])
    mean = sentence_vecs.mean(axis=0) if len(spans) else np.zeros(model.dim, np.float32)
    return {
        "sentences": [[a, b] for a, b in spans],
        "minhash": _b64((signature & np.uint64(_EMPTY32)).astype(np.uint32)),
        "minhash_params": [cfg.shingle, cfg.num_perm, cfg.seed],
        "terms": _b64(packed),
        "dim": model.dim,
        "vector": _b64(quantise(mean)),
    }


@dataclass(frozen=True)
class ArticleFeatures:
    """Decoded reuse features of one article (see :func:`decode_features`).

    Attributes:
        sentences: sentence spans.
        signature: ``(num_perm,)`` uint64 MinHash row (all maximum when the text has no words).
        columns: hashed term columns (int64), one per distinct word.
        counts: the count of each column's word.
        vector: unit static article vector.
    """

    sentences: list[tuple[int, int]]
    signature: npt.NDArray[np.uint64]
    columns: npt.NDArray[np.int64]
    counts: npt.NDArray[np.float32]
    vector: npt.NDArray[np.float32]


def decode_features(value: Mapping[str, Any]) -> ArticleFeatures:
    """Arrays back from a :func:`article_features` record.

    Args:
        value: the record (as stored, possibly after a JSON round trip).

    Returns:
        The :class:`ArticleFeatures`.
    """
    sig32 = _unb64(value["minhash"], np.uint32)
    signature = sig32.astype(np.uint64)
    if len(sig32) and (sig32 == _EMPTY32).all():
        signature[:] = np.iinfo(np.uint64).max
    packed = _unb64(value["terms"], np.uint32)
    dim = int(value["dim"])
    return ArticleFeatures(
        sentences=[(int(a), int(b)) for a, b in value["sentences"]],
        signature=signature,
        columns=(packed >> _COUNT_BITS).astype(np.int64),
        counts=(packed & _MAX_COUNT).astype(np.float32),
        vector=unit_rows(_unb64(value["vector"], np.int8).reshape(1, dim))[0],
    )


def features_match(value: Any, config: CandidateConfig) -> TypeGuard[Mapping[str, Any]]:
    """Whether a stored record was made with ``config``'s shingles, signature length and seed."""
    return isinstance(value, Mapping) and list(value.get("minhash_params", ())) == [
        config.shingle,
        config.num_perm,
        config.seed,
    ]


@dataclass
class ReuseFeaturesStage:
    """Article stage ``reuse_features``: per-article input of the ``reuse`` corpus stage.

    Attributes:
        config: candidate knobs that shape the features (shingle, num_perm, seed).
    """

    config: CandidateConfig | None = None
    name: str = "reuse_features"
    version: str = FEATURES_VERSION
    requires: tuple[str, ...] = ()
    section: str | None = None

    def run_article(self, article: Article, ctx: StageContext) -> JSON:
        """The features of ``article`` (see :func:`article_features`).

        Args:
            article: the article.
            ctx: the stage context (unused: features depend on the text alone).

        Returns:
            The JSON-ready features record.
        """
        return article_features(article, self.config)
