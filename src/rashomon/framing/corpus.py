"""The encoded training corpus: every paragraph of every article through MiniLM once, cached on disk.

Training all three heads (techniques, genre, frames) and their cross-validation reuse one encoding;
the cache lives outside the repository (``~/.cache/rashomon/framing`` unless ``RASHOMON_CACHE`` says
otherwise) and is keyed by a hash of the article texts, so a changed dataset is re-encoded.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rashomon.framing.data import Article
from rashomon.framing.encoder import EncodedParagraph, encode_paragraphs

__all__ = ["EncodedCorpus", "cache_dir", "encode_corpus"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EncodedCorpus:
    """Paragraph vectors and token states of a list of articles, flat arrays with index columns.

    Attributes:
        article_ids: ID of each article, in the order used by ``par_article``.
        par_vectors: ``(P, 384)`` unit vectors, one per paragraph.
        par_article: ``(P,)`` index into ``article_ids``.
        par_line: ``(P,)`` line number of the paragraph.
        par_start: ``(P,)`` character offset of the paragraph in its article.
        tok_states: ``(T, 384)`` float16 token states.
        tok_par: ``(T,)`` paragraph index of each token.
        tok_offsets: ``(T, 2)`` character offsets of each token in its article.
    """

    article_ids: list[str]
    par_vectors: npt.NDArray[np.float32]
    par_article: npt.NDArray[np.int32]
    par_line: npt.NDArray[np.int32]
    par_start: npt.NDArray[np.int32]
    tok_states: npt.NDArray[np.float16]
    tok_par: npt.NDArray[np.int32]
    tok_offsets: npt.NDArray[np.int32]


def cache_dir() -> Path:
    """Where encoded corpora are cached (outside the repository)."""
    root = os.environ.get("RASHOMON_CACHE")
    base = Path(root) if root else Path.home() / ".cache" / "rashomon"
    path = base / "framing"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _key(articles: list[Article]) -> str:
    digest = hashlib.sha256()
    for art in articles:
        digest.update(art.id.encode())
        digest.update(art.text.encode("utf-8", "replace"))
    return digest.hexdigest()[:16]


def encode_corpus(articles: list[Article], batch_size: int = 32) -> EncodedCorpus:
    """Encode (or load from the cache) every paragraph of ``articles``.

    Args:
        articles: the articles, in a fixed order.
        batch_size: windows per forward pass.

    Returns:
        The encoded corpus.
    """
    path = cache_dir() / f"corpus-{_key(articles)}.npz"
    if path.exists():
        with np.load(path) as z:
            return EncodedCorpus([str(a) for a in z["article_ids"]], *(z[k] for k in _ARRAYS))
    flat = [
        (ai, line, start, art.text[start:end])
        for ai, art in enumerate(articles)
        for line, start, end in art.paragraphs
    ]
    # one global length order: batches of similar lengths waste little on padding
    order = sorted(range(len(flat)), key=lambda k: len(flat[k][3]))
    encoded: list[EncodedParagraph | None] = [None] * len(flat)
    for chunk in range(0, len(order), 1024):
        ks = order[chunk : chunk + 1024]
        for k, enc in zip(ks, encode_paragraphs([flat[k][3] for k in ks], batch_size), strict=True):
            encoded[k] = EncodedParagraph(enc.vector, enc.states.astype(np.float16), enc.offsets)  # type: ignore[arg-type]
        log.info("encoded %d/%d paragraphs", chunk + len(ks), len(flat))
    vecs, par_art, par_line, par_start = [], [], [], []
    states, tok_par, tok_off = [], [], []
    for p, ((ai, line, start, _), done) in enumerate(zip(flat, encoded, strict=True)):
        assert done is not None
        vecs.append(done.vector)
        par_art.append(ai)
        par_line.append(line)
        par_start.append(start)
        states.append(done.states)
        tok_par.append(np.full(len(done.states), p, dtype=np.int32))
        tok_off.append(done.offsets[: len(done.states)] + start)
    corpus = EncodedCorpus(
        [a.id for a in articles],
        np.asarray(vecs, dtype=np.float32),
        np.asarray(par_art, dtype=np.int32),
        np.asarray(par_line, dtype=np.int32),
        np.asarray(par_start, dtype=np.int32),
        np.concatenate(states).astype(np.float16),
        np.concatenate(tok_par),
        np.concatenate(tok_off).astype(np.int32),
    )
    np.savez(path, article_ids=np.asarray(corpus.article_ids), **{k: getattr(corpus, k) for k in _ARRAYS})
    return corpus


_ARRAYS = ("par_vectors", "par_article", "par_line", "par_start", "tok_states", "tok_par", "tok_offsets")
