"""One MiniLM pass per paragraph, giving both the paragraph vector and the token states with offsets.

The framing heads share this pass: techniques use the paragraph vectors and the token states (for the
words that carry a technique), genre and frames pool the paragraph vectors over the article. The
paragraph vector is the mean of the token states, normalised, exactly as the packaged sentence
encoder computes its embedding, so it equals ``rashomon.nlp.embed`` on the same text (up to the
windowing of paragraphs longer than the model's 256-piece limit).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.nlp import embedding_model

__all__ = ["EncodedParagraph", "encode_paragraphs", "fast_tokenizer"]

log = logging.getLogger(__name__)

Floats = npt.NDArray[np.float32]
WINDOW = 254  # word pieces per window: the model's 256 minus [CLS] and [SEP]
BUCKET_RATIO = 1.3  # longest/shortest window in one batch (padding is wasted work on a CPU)


@dataclass(frozen=True, slots=True)
class EncodedParagraph:
    """A paragraph after the encoder: its unit vector and one state per word piece.

    Attributes:
        vector: unit-length mean of the token states, shape ``(384,)``.
        states: token states, shape ``(n_tokens, 384)`` (special tokens left out).
        offsets: ``(n_tokens, 2)`` character offsets of each word piece, relative to the paragraph.
    """

    vector: Floats
    states: Floats
    offsets: npt.NDArray[np.int32]


@functools.cache
def fast_tokenizer() -> Any:
    """The MiniLM word-piece tokenizer in its fast form, which reports character offsets."""
    import transformers

    path = embedding_model()[0].tokenizer.name_or_path
    return getattr(transformers, "BertTokenizerFast").from_pretrained(path)  # noqa: B009


def _windows(n_tokens: int) -> list[tuple[int, int]]:
    if n_tokens == 0:
        return [(0, 0)]
    return [(a, min(a + WINDOW, n_tokens)) for a in range(0, n_tokens, WINDOW)]


def _buckets(sorted_lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Positions of ascending lengths cut into batches of similar length.

    A batch is padded to its longest window, and on a CPU the padding costs as much as real pieces:
    a new batch starts when a window is more than :data:`BUCKET_RATIO` times the batch's shortest, or
    the batch is full.
    """
    out: list[list[int]] = []
    for k, n in enumerate(sorted_lengths):
        if not out or len(out[-1]) >= batch_size or n > BUCKET_RATIO * sorted_lengths[out[-1][0]]:
            out.append([])
        out[-1].append(k)
    return out


def encode_paragraphs(texts: Sequence[str], batch_size: int = 16) -> list[EncodedParagraph]:
    """Encode paragraphs with the packaged MiniLM in one pass each.

    Paragraphs longer than the model's limit are cut into windows of 254 word pieces; the states of
    all windows are concatenated so every word of the paragraph gets a state.

    Args:
        texts: paragraph texts.
        batch_size: most windows per forward pass (windows of similar length are batched together).

    Returns:
        One :class:`EncodedParagraph` per text, in order.
    """
    import torch

    if not texts:
        return []
    tok = fast_tokenizer()
    model = embedding_model()[0].auto_model
    enc = tok(list(texts), add_special_tokens=False, return_offsets_mapping=True)
    jobs: list[tuple[int, list[int]]] = []  # (paragraph index, ids of one window)
    for i, ids in enumerate(enc["input_ids"]):
        for a, b in _windows(len(ids)):
            jobs.append((i, [tok.cls_token_id, *ids[a:b], tok.sep_token_id]))
    order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][1]))
    states: list[Floats | None] = [None] * len(jobs)
    with torch.inference_mode():
        for batch_jobs in _buckets([len(jobs[j][1]) for j in order], batch_size):
            picked = [order[k] for k in batch_jobs]
            width = max(len(jobs[j][1]) for j in picked)
            ids_t = torch.zeros((len(picked), width), dtype=torch.long)
            mask = torch.zeros((len(picked), width), dtype=torch.long)
            for r, j in enumerate(picked):
                ids = jobs[j][1]
                ids_t[r, : len(ids)] = torch.tensor(ids)
                mask[r, : len(ids)] = 1
            hidden = model(input_ids=ids_t, attention_mask=mask).last_hidden_state.numpy()
            for r, j in enumerate(picked):
                states[j] = hidden[r, : len(jobs[j][1])].astype(np.float32)
    return _assemble(texts, jobs, states, enc["offset_mapping"])


def _assemble(
    texts: Sequence[str],
    jobs: list[tuple[int, list[int]]],
    states: list[Floats | None],
    offsets: list[list[tuple[int, int]]],
) -> list[EncodedParagraph]:
    per_par: list[list[Floats]] = [[] for _ in texts]
    for (i, _), st in zip(jobs, states, strict=True):
        assert st is not None
        per_par[i].append(st)
    out: list[EncodedParagraph] = []
    for i, parts in enumerate(per_par):
        # mean pooling over every piece, [CLS]/[SEP] included, as the sentence encoder does
        full = np.concatenate(parts, axis=0)
        vec = full.mean(axis=0)
        vec = vec / max(float(np.linalg.norm(vec)), 1e-12)
        inner = np.concatenate([p[1:-1] for p in parts], axis=0)
        offs = np.asarray(offsets[i], dtype=np.int32).reshape(-1, 2)
        out.append(EncodedParagraph(vec.astype(np.float32), inner, offs))
    return out
