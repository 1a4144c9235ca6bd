"""Fixtures of the quotes tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

from rashomon.quotes.group import Embedder


def _bag_of_words(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """A deterministic stand-in for MiniLM: hashed word counts, unit length."""
    out = np.zeros((len(texts), 256), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in text.lower().split():
            out[i, sum(map(ord, word)) % 256] += 1
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


@pytest.fixture
def bag_of_words() -> Embedder:
    return _bag_of_words
