"""The shared paragraph pass: token states in article order, pooled sentence and article vectors."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.framing.encoder import EncodedParagraph
from rashomon.framing.shared import (
    EncodedArticle,
    article_vector,
    pooled_sentence_vectors,
    token_states,
    unit_mean,
)

TEXT = "Alpha beta.\nGamma delta eps."


def _state(k: int) -> np.ndarray:
    v = np.zeros(384, np.float32)
    v[k] = 1.0
    return v


def _doc() -> EncodedArticle:
    # paragraphs given out of text order, to check the states come back in text order
    second = EncodedParagraph(
        _state(10),
        np.stack([_state(2), _state(3), _state(4)]),
        np.array([[0, 5], [6, 11], [12, 15]], np.int32),
    )
    first = EncodedParagraph(
        _state(11), np.stack([_state(0), _state(1)]), np.array([[0, 5], [6, 10]], np.int32)
    )
    return EncodedArticle([(12, 28), (0, 11)], [TEXT[12:28], TEXT[0:11]], [second, first])


def test_token_states_are_in_text_order_with_article_offsets() -> None:
    tokens = token_states(_doc())
    assert tokens.offsets.tolist() == [[0, 5], [6, 10], [12, 17], [18, 23], [24, 27]]
    assert [int(np.argmax(s)) for s in tokens.states] == [0, 1, 2, 3, 4]
    assert tokens.paragraph.tolist() == [1, 1, 0, 0, 0]
    assert [TEXT[a:b] for a, b in tokens.offsets] == ["Alpha", "beta", "Gamma", "delta", "eps"]


def test_pool_takes_the_pieces_overlapping_a_span() -> None:
    tokens = token_states(_doc())
    assert tokens.covering(TEXT.index("beta"), TEXT.index("delta") + 2) == (1, 4)
    v = tokens.pool(TEXT.index("Gamma"), TEXT.index("delta") + 5)
    assert v[2] == pytest.approx(v[3]) and np.linalg.norm(v) == pytest.approx(1.0)
    assert not tokens.pool(10, 11).any()  # only the full stop: no piece


def test_pooled_sentence_vectors_one_unit_row_per_sentence() -> None:
    vecs = pooled_sentence_vectors(_doc(), [(0, 11), (12, 28)])
    assert vecs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0)
    assert vecs[0, :2].tolist() == pytest.approx([2**-0.5, 2**-0.5])
    assert pooled_sentence_vectors(_doc(), []).shape == (0, 384)


def test_article_vector_is_the_unit_mean_of_paragraph_vectors() -> None:
    v = article_vector(_doc())
    assert v[10] == pytest.approx(v[11]) and np.linalg.norm(v) == pytest.approx(1.0)
    assert not article_vector(EncodedArticle([], [], [])).any()
    assert not unit_mean(np.zeros((0, 384), np.float32)).any()
    assert not token_states(EncodedArticle([], [], [])).states.size
