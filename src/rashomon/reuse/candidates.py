"""Candidate pairs for reuse without comparing all pairs: MinHash-LSH plus nearest neighbours.

Three sources of candidates, each about linear in the corpus size:

- **MinHash-LSH** over word shingles, for near-verbatim copies. The signatures use one-permutation
  hashing with rotation densification (Li et al. 2012; Shrivastava & Li 2014): every shingle is
  hashed once to a uint64, its top bits pick one of ``num_perm`` bins and the rest is its value; a
  signature entry is the minimum value in its bin. This is one pass over the shingles with numpy
  array operations instead of ``num_perm`` hash functions per shingle.
- **Rare-term TF-IDF neighbours**, for rewrites that keep the names, numbers and rare words of their
  source but few exact phrases: sparse vectors restricted to terms that occur in few documents,
  top-k neighbours by cosine computed in row blocks.
- **Embedding neighbours** (optional), for paraphrases and translations: top-k by cosine of
  article vectors (e.g. mean MiniLM sentence vectors), in row blocks.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import operator
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

__all__ = [
    "CandidateConfig",
    "CandidatePair",
    "CorpusSketch",
    "candidate_pairs",
    "candidates_from_sketch",
    "lsh_pairs",
    "minhash_signatures",
    "sentence_neighbours",
    "sketch_corpus",
    "sketch_from_rows",
    "text_sketch",
    "tfidf_neighbours",
    "vector_neighbours",
]

U64 = npt.NDArray[np.uint64]
_PUNCT = "\"'“”‘’«»„()[]{}.,;:!?—–-…*"
_EMPTY = np.uint64(np.iinfo(np.uint64).max)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_TERM_COLUMNS = 2**22
_DENSE_BLOCK_CELLS = 2**25  # float32 cells of one dense block product: 128 MB


@dataclass(frozen=True, slots=True)
class CandidateConfig:
    """Knobs of candidate generation (defaults measured on generated rewrites, see the benchmark).

    Attributes:
        shingle: words per shingle for MinHash.
        num_perm: signature length (a power of two).
        bands: LSH bands; ``num_perm`` must be divisible by it.
        max_bucket: LSH buckets with more documents are boilerplate, not reuse, and are skipped.
        tfidf_k: neighbours per document by rare-term TF-IDF (0 disables).
        tfidf_min_cosine: lowest TF-IDF cosine kept.
        tfidf_max_df: a term in more than this share of documents is too common to be evidence.
        vector_k: neighbours per document by embedding (0 disables).
        vector_min_cosine: lowest embedding cosine kept.
        sentence_min_cosine: lowest cosine of a matching sentence pair (sentence neighbours).
        sentence_min_hits: fewest matching sentences that make a sentence-neighbour candidate.
        sentence_max_docs: a sentence matching more documents than this is common text, ignored.
        seed: hashing seed (deterministic results).
        workers: processes that tokenise the corpus (the results do not depend on it).
    """

    shingle: int = 4
    num_perm: int = 128
    bands: int = 42
    max_bucket: int = 50
    tfidf_k: int = 5
    tfidf_min_cosine: float = 0.3
    tfidf_max_df: float = 0.005
    vector_k: int = 5
    vector_min_cosine: float = 0.75
    sentence_min_cosine: float = 0.8
    sentence_min_hits: int = 2
    sentence_max_docs: int | None = None
    seed: int = 1
    workers: int = 1

    def __post_init__(self) -> None:
        if self.num_perm < 8 or self.num_perm & (self.num_perm - 1):
            raise ValueError(f"num_perm must be a power of two ≥ 8, got {self.num_perm}")
        if not 1 <= self.bands <= self.num_perm:
            raise ValueError(f"bands must be within 1..num_perm ({self.num_perm}), got {self.bands}")
        if self.shingle < 1:
            raise ValueError(f"shingle must be ≥ 1 word, got {self.shingle}")


@dataclass(frozen=True, slots=True)
class CandidatePair:
    """Documents ``a < b`` (indices into the corpus) worth aligning, with why and how strongly."""

    a: int
    b: int
    score: float
    method: str


def _mix(x: U64) -> U64:
    """splitmix64 finaliser: a well-spread uint64 from any uint64 (array-wise, wrapping)."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        return np.asarray(x ^ (x >> np.uint64(31)), dtype=np.uint64)


def _local_word_ids(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[str]]:
    """:func:`_word_ids` with a fresh vocabulary: ids, text starts, and the words in id order.

    Run in a worker process; :func:`_globalise` maps the ids onto the shared vocabulary, giving
    exactly the ids a single-process pass would have given (words keep their first-seen order).
    """
    vocab: dict[str, int] = {}
    ids, starts = _word_ids(texts, vocab, itertools.count())
    # the counter advances on every token, so ids are sparse but increase in first-seen order
    _, dense = np.unique(ids, return_inverse=True)
    words = list(vocab)
    return dense.astype(np.int64).reshape(-1), starts, words


def _globalise(
    local: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[str]],
    vocab: dict[str, int],
    counter: Iterator[int],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    ids, starts, words = local
    to_global = np.fromiter(map(vocab.setdefault, words, counter), dtype=np.int64, count=len(words))
    return to_global[ids] if len(ids) else ids, starts


def _word_ids(
    texts: Iterable[str], vocab: dict[str, int], counter: Iterator[int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """All words of all texts as vocabulary ids (one array) and each text's start offset.

    Words are whitespace tokens, lower-cased, with surrounding punctuation stripped: a C-speed
    split, since a regex tokeniser costs several times more on a large corpus. A new word gets the
    next value of ``counter`` (shared over calls, so ids are unique and depend only on input order).
    """
    strip = operator.methodcaller("strip", _PUNCT)
    chunks: list[npt.NDArray[np.int64]] = []
    starts = [0]
    for text in texts:
        # a token of punctuation only becomes "", one harmless extra word
        ids = np.fromiter(map(vocab.setdefault, map(strip, text.lower().split()), counter), dtype=np.int64)
        chunks.append(ids)
        starts.append(starts[-1] + len(ids))
    flat = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
    return flat, np.asarray(starts, dtype=np.int64)


def _shingle_hashes(
    word_ids: npt.NDArray[np.int64], starts: npt.NDArray[np.int64], k: int, seed: int
) -> tuple[U64, npt.NDArray[np.int64]]:
    """Hash of every k-word shingle that lies inside one text, and the text it belongs to.

    A text shorter than k words contributes one shingle of all its words (the first word's shingle
    with the positions past its end treated as empty).
    """
    n_docs = len(starts) - 1
    lengths = np.diff(starts)
    doc_of_word = np.repeat(np.arange(n_docs), lengths)
    pos_in_doc = np.arange(len(word_ids)) - starts[doc_of_word]
    remaining = lengths[doc_of_word] - pos_in_doc  # words from here to the end of the text
    wh = _mix(word_ids.astype(np.uint64) + np.uint64(seed) * _GOLDEN)
    total = len(word_ids)
    h = np.zeros(total, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(k):
            # position weights make the hash order-sensitive; words past the text's end count as 0
            term = np.zeros(total, dtype=np.uint64)
            term[: total - t] = wh[t:]
            term[remaining <= t] = 0
            h += term * _mix(np.asarray([t + 1], dtype=np.uint64))[0]
    h = _mix(h)
    keep = (remaining >= k) | ((lengths[doc_of_word] < k) & (pos_in_doc == 0))
    return h[keep], doc_of_word[keep]


def _densify(sig: U64) -> U64:
    """Fill empty bins from the next non-empty bin to the right (rotation densification)."""
    rows = np.flatnonzero((sig == _EMPTY).any(axis=1) & (sig != _EMPTY).any(axis=1))
    if not len(rows):
        return sig
    sub = sig[rows]
    out = sub.copy()
    num_perm = sig.shape[1]
    # the distance is mixed into the value so a borrowed value differs from an own one
    step = np.uint64(0x632BE59BD9B4E019)
    for d in range(1, num_perm):
        missing = out == _EMPTY
        if not missing.any():
            break
        borrowed = np.roll(sub, -d, axis=1)
        fill = missing & (borrowed != _EMPTY)
        with np.errstate(over="ignore"):
            out[fill] = (borrowed[fill] + np.uint64(d) * step) >> np.uint64(6)
    sig[rows] = out
    return sig


@dataclass(frozen=True)
class CorpusSketch:
    """What candidate generation keeps of a corpus: MinHash signatures and word counts.

    Attributes:
        signatures: ``(n, num_perm)`` uint64 one-permutation MinHash signatures (see
            :func:`minhash_signatures`).
        terms: ``(n, 2**22)`` sparse word counts, columns are hashed word ids.
    """

    signatures: U64
    terms: sparse.csr_matrix


def _signature_rows(hashes: U64, docs: npt.NDArray[np.int64], n_docs: int, num_perm: int) -> U64:
    bits = np.uint64(num_perm.bit_length() - 1)
    bins = (hashes >> (np.uint64(64) - bits)).astype(np.int64)
    values = hashes & np.uint64((1 << (64 - int(bits))) - 1)
    sig = np.full(n_docs * num_perm, _EMPTY, dtype=np.uint64)
    np.minimum.at(sig, docs * num_perm + bins, values)
    return _densify(sig.reshape(n_docs, num_perm))


def _chunk_word_ids(
    texts: Sequence[str], chunk: int, workers: int
) -> Iterator[tuple[Sequence[str], npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
    """Each chunk of ``texts`` with its word ids and text starts, tokenised by ``workers`` processes.

    Tokenising is most of the sketch's cost, so with ``workers > 1`` the chunks are tokenised in
    worker processes while this process hashes the chunks already done.
    """
    vocab: dict[str, int] = {}
    counter = itertools.count()
    parts = [texts[lo : lo + chunk] for lo in range(0, len(texts), chunk)]
    if workers <= 1 or len(parts) < 2:
        for part in parts:
            yield (part, *_globalise(_local_word_ids(part), vocab, counter))
        return
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for part, local in zip(parts, pool.map(_local_word_ids, parts), strict=True):
            yield (part, *_globalise(local, vocab, counter))


def sketch_corpus(
    texts: Sequence[str],
    *,
    shingle: int = 4,
    num_perm: int = 128,
    seed: int = 1,
    chunk: int = 2000,
    workers: int = 1,
) -> CorpusSketch:
    """Tokenise the corpus once, in chunks (bounded memory), into signatures and word counts.

    Args:
        texts: the documents.
        shingle: words per shingle.
        num_perm: signature length, a power of two.
        seed: hashing seed.
        chunk: documents per chunk.
        workers: processes that tokenise chunks in parallel (1: none); the result is the same.

    Returns:
        The :class:`CorpusSketch`.

    Raises:
        ValueError: ``num_perm`` is not a power of two.
    """
    if num_perm < 2 or num_perm & (num_perm - 1):
        raise ValueError(f"num_perm must be a power of two, got {num_perm}")
    sig_parts: list[U64] = []
    term_parts: list[sparse.csr_matrix] = []
    mask = np.uint64(_TERM_COLUMNS - 1)
    for part, word_ids, starts in _chunk_word_ids(texts, chunk, workers):
        hashes, docs = _shingle_hashes(word_ids, starts, shingle, seed)
        sig_parts.append(_signature_rows(hashes, docs, len(part), num_perm))
        cols = (_mix(word_ids.astype(np.uint64)) & mask).astype(np.int64)
        rows = np.repeat(np.arange(len(part)), np.diff(starts))
        data = np.ones(len(cols), dtype=np.float32)
        term_parts.append(sparse.csr_matrix((data, (rows, cols)), shape=(len(part), _TERM_COLUMNS)))
    if not sig_parts:
        return CorpusSketch(np.zeros((0, num_perm), np.uint64), sparse.csr_matrix((0, _TERM_COLUMNS)))
    return CorpusSketch(np.vstack(sig_parts), sparse.csr_matrix(sparse.vstack(term_parts)))


def _stable_word_hashes(text: str) -> U64:
    """A uint64 per word (tokenised as :func:`_word_ids` does) that depends on the word alone.

    BLAKE2b rather than Python's ``hash``, which is salted per process: features made on different
    Dask workers must agree.
    """
    words = list(map(operator.methodcaller("strip", _PUNCT), text.lower().split()))
    table = {
        w: int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
        for w in set(words)
    }
    return np.fromiter(map(table.__getitem__, words), dtype=np.uint64, count=len(words))


def text_sketch(
    text: str, *, shingle: int = 4, num_perm: int = 128, seed: int = 1
) -> tuple[U64, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """One text's MinHash row and word counts, independent of any corpus.

    Args:
        text: the document.
        shingle: words per shingle.
        num_perm: signature length, a power of two.
        seed: hashing seed.

    Returns:
        ``(signature, columns, counts)``: the ``(num_perm,)`` signature (all maximum uint64 for a
        text without words), the sorted distinct hashed word columns (``< 2**22``) and their counts.

    Raises:
        ValueError: ``num_perm`` is not a power of two.
    """
    if num_perm < 2 or num_perm & (num_perm - 1):
        raise ValueError(f"num_perm must be a power of two, got {num_perm}")
    hashes = _stable_word_hashes(text)
    starts = np.asarray([0, len(hashes)], dtype=np.int64)
    shingles, docs = _shingle_hashes(hashes.view(np.int64), starts, shingle, seed)
    signature = _signature_rows(shingles, docs, 1, num_perm)[0]
    cols = (_mix(hashes) & np.uint64(_TERM_COLUMNS - 1)).astype(np.int64)
    columns, counts = np.unique(cols, return_counts=True)
    return signature, columns, counts.astype(np.int64)


def sketch_from_rows(
    signatures: Sequence[U64], terms: Sequence[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]
) -> CorpusSketch:
    """A :class:`CorpusSketch` stacked from per-document rows (see :func:`text_sketch`).

    Args:
        signatures: one MinHash row per document, all of the same length.
        terms: per document, its hashed word columns and their counts.

    Returns:
        The sketch, rows in input order.
    """
    if not signatures:
        return CorpusSketch(np.zeros((0, 128), np.uint64), sparse.csr_matrix((0, _TERM_COLUMNS)))
    lengths = [len(c) for c, _ in terms]
    indptr = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    cols = np.concatenate([c for c, _ in terms]) if sum(lengths) else np.zeros(0, np.int64)
    data = np.concatenate([n for _, n in terms]).astype(np.float32) if sum(lengths) else np.zeros(0)
    matrix = sparse.csr_matrix((data, cols, indptr), shape=(len(terms), _TERM_COLUMNS))
    return CorpusSketch(np.vstack(signatures).astype(np.uint64), matrix)


def minhash_signatures(texts: Sequence[str], *, shingle: int = 4, num_perm: int = 128, seed: int = 1) -> U64:
    """One-permutation MinHash signatures of word shingles, one row per text.

    Args:
        texts: the documents.
        shingle: words per shingle.
        num_perm: signature length, a power of two.
        seed: hashing seed.

    Returns:
        ``(len(texts), num_perm)`` uint64 array; a text without words has a row of the maximum
        uint64 (it matches nothing, see :func:`lsh_pairs`). The share of equal entries of two rows
        estimates the Jaccard similarity of the two shingle sets.

    Raises:
        ValueError: ``num_perm`` is not a power of two.
    """
    return sketch_corpus(texts, shingle=shingle, num_perm=num_perm, seed=seed).signatures


def lsh_pairs(signatures: U64, *, bands: int, max_bucket: int = 50) -> dict[tuple[int, int], float]:
    """Pairs of rows that agree on all entries of at least one band, with their estimated Jaccard.

    Args:
        signatures: output of :func:`minhash_signatures`.
        bands: number of bands; trailing columns that do not fill a band are ignored.
        max_bucket: buckets larger than this are skipped (shared boilerplate, not reuse).

    Returns:
        ``{(i, j): jaccard_estimate}`` with ``i < j``.
    """
    n, num_perm = signatures.shape
    rows = num_perm // bands
    pairs: dict[tuple[int, int], float] = {}
    valid = (signatures != _EMPTY).all(axis=1)
    for band in range(bands):
        block = signatures[:, band * rows : (band + 1) * rows]
        key = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for c in range(rows):
                key = _mix(key * _GOLDEN + block[:, c])
        idx = np.flatnonzero(valid)
        order = idx[np.argsort(key[idx], kind="stable")]
        sorted_keys = key[order]
        bounds = np.flatnonzero(np.diff(sorted_keys)) + 1
        for group in np.split(order, bounds):
            if 2 <= len(group) <= max_bucket:
                members = np.sort(group)
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        pairs.setdefault((int(members[x]), int(members[y])), 0.0)
    for i, j in pairs:
        pairs[(i, j)] = float(np.mean(signatures[i] == signatures[j]))
    return pairs


def _keep_top_k(
    rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64], sims: npt.NDArray[np.float32], k: int
) -> dict[tuple[int, int], float]:
    """The k highest ``sims`` of each row, as unordered pairs keeping the best score."""
    order = np.lexsort((-sims, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    first = np.r_[0, np.flatnonzero(np.diff(rows)) + 1] if len(rows) else np.zeros(0, np.int64)
    rank = np.arange(len(rows)) - np.repeat(first, np.diff(np.r_[first, len(rows)]))
    pairs: dict[tuple[int, int], float] = {}
    for r, c, s in zip(
        rows[rank < k].tolist(), cols[rank < k].tolist(), sims[rank < k].tolist(), strict=True
    ):
        key = (min(r, c), max(r, c))
        pairs[key] = max(s, pairs.get(key, 0.0))
    return pairs


def _top_k_blocked(
    x: sparse.csr_matrix | npt.NDArray[np.float32], k: int, min_cosine: float, block: int
) -> dict[tuple[int, int], float]:
    """Top-k neighbours of every row of a row-normalised matrix by dot product, block by block.

    A sparse ``x`` stays sparse: only the non-zero products of a block are looked at, so with rare
    terms the cost grows with the number of documents sharing a term, not with the corpus squared.
    """
    n = x.shape[0]
    pairs: dict[tuple[int, int], float] = {}
    if n < 2 or k <= 0:
        return pairs
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        product: Any = x[lo:hi] @ x.T
        if sparse.issparse(product):
            coo = product.tocoo()
            rows, cols, sims = coo.row.astype(np.int64) + lo, coo.col.astype(np.int64), coo.data
        else:
            dense = np.asarray(product, dtype=np.float32)
            rr, cc = np.nonzero(dense >= min_cosine)
            rows, cols, sims = rr.astype(np.int64) + lo, cc.astype(np.int64), dense[rr, cc]
        keep = (sims >= min_cosine) & (rows != cols)
        for key, s in _keep_top_k(rows[keep], cols[keep], sims[keep].astype(np.float32), k).items():
            pairs[key] = max(s, pairs.get(key, 0.0))
    return pairs


def tfidf_neighbours(
    terms: sparse.csr_matrix, *, k: int = 5, min_cosine: float = 0.3, max_df: float = 0.005, block: int = 1024
) -> dict[tuple[int, int], float]:
    """Top-k neighbours by cosine of rare-term TF-IDF vectors.

    Only terms found in at least two documents and at most ``max_df`` of them (at most half of a
    corpus under 100 documents) count: shared rare names, numbers and words are what a rewrite
    keeps, and dropping common terms keeps the block products sparse and fast.

    Args:
        terms: word counts, one row per document (:attr:`CorpusSketch.terms`).
        k: neighbours per document.
        min_cosine: lowest cosine kept.
        max_df: largest document frequency share of a counted term.
        block: rows per matrix-product block.

    Returns:
        ``{(i, j): cosine}`` with ``i < j``.
    """
    n = terms.shape[0]
    if n < 2:
        return {}
    df = np.asarray((terms > 0).sum(axis=0)).ravel()
    cap = max(2.0, max_df * n) if n >= 100 else max(2.0, 0.5 * n)
    keep = np.flatnonzero((df >= 2) & (df <= cap))
    counts = sparse.csr_matrix(terms[:, keep])
    idf = (np.log((1 + n) / (1 + df[keep])) + 1.0).astype(np.float32)
    weighted = sparse.csr_matrix(counts.log1p().multiply(idf.reshape(1, -1)))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    weighted = sparse.csr_matrix(sparse.diags(1.0 / np.maximum(norms, 1e-9)) @ weighted).astype(np.float32)
    return _top_k_blocked(weighted, k, min_cosine, block)


def vector_neighbours(
    vectors: npt.NDArray[np.float32], *, k: int = 5, min_cosine: float = 0.75, block: int = 2048
) -> dict[tuple[int, int], float]:
    """Top-k neighbours by cosine of dense vectors (rows are normalised here).

    Args:
        vectors: one row per document.
        k: neighbours per document.
        min_cosine: lowest cosine kept.
        block: rows per matrix-product block (fewer on a large corpus, so that a block's dense
            products stay within ``_DENSE_BLOCK_CELLS``).

    Returns:
        ``{(i, j): cosine}`` with ``i < j``.
    """
    v = np.asarray(vectors, dtype=np.float32)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
    return _top_k_blocked(v, k, min_cosine, max(16, min(block, _DENSE_BLOCK_CELLS // max(1, len(v)))))


def sentence_neighbours(
    sentence_vectors: Sequence[npt.NDArray[np.float32]],
    *,
    min_cosine: float = 0.8,
    min_hits: int = 2,
    max_docs: int | None = None,
    block: int = 2048,
) -> dict[tuple[int, int], float]:
    """Document pairs with at least ``min_hits`` sentence pairs of cosine ≥ ``min_cosine``.

    Finds a rewrite that reuses a few paragraphs of a long article, whose article vector stays far
    from the source's. Cost is quadratic in the number of sentences (in row blocks), so callers
    use it for small corpora only (see :data:`rashomon.reuse.stage.SENTENCE_NEIGHBOUR_LIMIT`).

    Args:
        sentence_vectors: per document, its unit sentence vectors.
        min_cosine: lowest cosine of a matching sentence pair.
        min_hits: fewest matching sentences (of the first document of a pair) to make a candidate.
        max_docs: a sentence that matches sentences of more than this many other documents is
            common text (a copyright line, a stock phrase), not evidence of reuse, and is ignored
            (None: no limit).
        block: sentence rows per matrix-product block.

    Returns:
        ``{(i, j): hits}`` with ``i < j``.
    """
    parts = [np.asarray(v, dtype=np.float32) for v in sentence_vectors]
    if len(parts) < 2 or not any(len(p) for p in parts):
        return {}
    dim = next(p.shape[1] for p in parts if len(p))
    matrix = np.vstack([p if len(p) else np.zeros((0, dim), np.float32) for p in parts])
    owner = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
    n_docs = len(parts)
    hits: dict[tuple[int, int], float] = {}
    for lo in range(0, len(matrix), block):
        sims = matrix[lo : lo + block] @ matrix.T
        rows, cols = np.nonzero(sims >= min_cosine)
        da, db = owner[rows + lo], owner[cols]
        keep = da < db  # each unordered document pair once, never a document with itself
        if max_docs is not None:
            other = da != db
            row_doc = np.unique(rows[other] * n_docs + db[other])  # distinct (sentence, other document)
            spread = np.bincount(row_doc // n_docs, minlength=len(sims))
            keep &= spread[rows] <= max_docs
        # count distinct sentences of the first document that match anything in the second
        keys = np.unique((da[keep] * n_docs + db[keep]) * len(matrix) + rows[keep] + lo)
        pair_keys, counts = np.unique(keys // len(matrix), return_counts=True)
        for key, count in zip(pair_keys.tolist(), counts.tolist(), strict=True):
            pair = (key // n_docs, key % n_docs)
            hits[pair] = hits.get(pair, 0.0) + count
    return {pair: h for pair, h in hits.items() if h >= min_hits}


def candidates_from_sketch(
    sketch: CorpusSketch,
    vectors: npt.NDArray[np.float32] | None = None,
    config: CandidateConfig | None = None,
    sentence_vectors: Sequence[npt.NDArray[np.float32]] | None = None,
) -> list[CandidatePair]:
    """Candidate reuse pairs from a corpus sketch and optional vectors, strongest method per pair.

    Args:
        sketch: signatures and word counts, one row per document (:func:`sketch_corpus` or
            :func:`sketch_from_rows`).
        vectors: optional article vectors (one row per document) for embedding neighbours.
        config: knobs; defaults when None.
        sentence_vectors: optional per-document sentence vectors for sentence-level neighbours
            (quadratic in sentences: pass them for small corpora only).

    Returns:
        Pairs sorted by ``(a, b)``; ``method`` is ``"minhash"``, ``"tfidf"``, ``"vector"`` or
        ``"sentence"``.
    """
    cfg = config or CandidateConfig()
    found: dict[tuple[int, int], CandidatePair] = {}

    def add(pairs: dict[tuple[int, int], float], method: str) -> None:
        for (a, b), score in pairs.items():
            if (a, b) not in found:
                found[(a, b)] = CandidatePair(a, b, score, method)

    add(lsh_pairs(sketch.signatures, bands=cfg.bands, max_bucket=cfg.max_bucket), "minhash")
    if cfg.tfidf_k:
        add(
            tfidf_neighbours(
                sketch.terms, k=cfg.tfidf_k, min_cosine=cfg.tfidf_min_cosine, max_df=cfg.tfidf_max_df
            ),
            "tfidf",
        )
    if vectors is not None and cfg.vector_k:
        add(vector_neighbours(vectors, k=cfg.vector_k, min_cosine=cfg.vector_min_cosine), "vector")
    if sentence_vectors is not None:
        add(
            sentence_neighbours(
                sentence_vectors,
                min_cosine=cfg.sentence_min_cosine,
                min_hits=cfg.sentence_min_hits,
                max_docs=cfg.sentence_max_docs,
            ),
            "sentence",
        )
    return [found[key] for key in sorted(found)]


def candidate_pairs(
    texts: Sequence[str],
    vectors: npt.NDArray[np.float32] | None = None,
    config: CandidateConfig | None = None,
    sentence_vectors: Sequence[npt.NDArray[np.float32]] | None = None,
) -> list[CandidatePair]:
    """Candidate reuse pairs of a corpus of texts (see :func:`candidates_from_sketch`).

    Args:
        texts: the documents.
        vectors: optional article vectors (one row per text) for embedding neighbours.
        config: knobs; defaults when None.
        sentence_vectors: optional per-text sentence vectors for sentence-level neighbours.

    Returns:
        Pairs sorted by ``(a, b)``, each with the method that found it.
    """
    cfg = config or CandidateConfig()
    sketch = sketch_corpus(
        texts, shingle=cfg.shingle, num_perm=cfg.num_perm, seed=cfg.seed, workers=cfg.workers
    )
    return candidates_from_sketch(sketch, vectors, cfg, sentence_vectors)
