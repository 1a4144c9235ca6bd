"""Monotone passage alignment of a source text and a derived (target) text.

Rewrites keep the order of the sentences they take over, so the alignment is a monotone path through
the sentence similarity matrix (Needleman–Wunsch style with zero-cost gaps): each step either aligns
one source sentence with one target sentence, merges two sentences on one side into one on the other
(1–2 and 2–1 steps, for split and merged sentences), or skips a sentence. Only pairs at or above
``min_similarity`` may be aligned; the path maximises the total similarity above that threshold.

Sentence similarity is the larger of a lexical score (Dice overlap of content words, robust for copies
and light edits) and, when embeddings are given, their cosine (for paraphrases that share few words).

Example:
    >>> a = "The mayor opened the bridge on Monday. Traffic was heavy. Nobody was hurt."
    >>> b = "On Monday the mayor opened the bridge. Nobody was hurt, police said."
    >>> al = align_texts(a, b)
    >>> [(a[p.source_span[0]:p.source_span[1]], round(p.similarity, 2)) for p in al.passages][:1]
    [('The mayor opened the bridge on Monday.', 1.0)]
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from rashomon.nlp.sentences import split_sentences
from rashomon.reuse.model import AlignedPassage

__all__ = ["Alignment", "align_texts", "content_words", "lexical_similarity", "sentence_similarity"]

Spans = list[tuple[int, int]]
Matrix = npt.NDArray[np.float64]
Step = tuple[tuple[int, ...], tuple[int, ...], int]  # source indices, target indices, kind 11/12/21

_WORD = re.compile(r"\w+", re.UNICODE)
# Function words carry no evidence that two sentences say the same thing; short tokens are dropped
# anyway, this list covers the longer English ones (other languages fall back to the length filter).
_STOP = frozenset(
    str.split(
        "the and that this with from for was were are has have had been will would could should its their "
        "they them there than then which who whom whose what when where while also but not into onto over "
        "about after before under more most such some any all can may might our your his her hers him she "
        "said says say one two"
    )
)
# Score of a merged (1–2 / 2–1) step must beat both of its single parts by this margin, otherwise a
# plain 1–1 step plus a skip explains the pair as well.
_MERGE_MARGIN = 0.02
# Threshold of the second pass (see :func:`_fill_gaps`): between two aligned neighbours order is kept,
# so a paraphrased sentence that stays under ``min_similarity`` can be taken at a lower embedding
# similarity. Same-topic but unrelated sentences reach a MiniLM cosine of about 0.3-0.4.
GAP_SIMILARITY = 0.42
# Threshold for an unaligned sentence to join the passage next to it (see :func:`_extend`), and how
# much better another sentence of the other side may fit it before it stays out.
EXTEND_SIMILARITY = 0.45
_EXTEND_MARGIN = 0.05
_MAX_GROUP = 4


@dataclass(frozen=True)
class Alignment:
    """The aligned passages of a source/target pair.

    Attributes:
        passages: aligned passages in order (monotone on both sides).
        omissions: character spans of runs of unaligned source sentences.
        additions: character spans of runs of unaligned target sentences.
        coverage: share of the target's sentence characters that are aligned (0..1).
        source_coverage: share of the source's sentence characters that are aligned (0..1).
    """

    passages: tuple[AlignedPassage, ...]
    omissions: tuple[tuple[int, int], ...]
    additions: tuple[tuple[int, int], ...]
    coverage: float
    source_coverage: float = 0.0

    @property
    def mean_similarity(self) -> float:
        """Mean passage similarity weighted by target passage length (0 when nothing aligned)."""
        if not self.passages:
            return 0.0
        weights = np.array([max(1, p.target_span[1] - p.target_span[0]) for p in self.passages], float)
        sims = np.array([p.similarity for p in self.passages], float)
        return float((weights * sims).sum() / weights.sum())


# Inflection endings stripped before words are compared ("deployed"/"deploying"/"deploys" → "deploy"),
# so a rewrite that changes tense or number still shares its content words. Crude but language-light;
# only stems of four letters or more are cut, so short words stay whole.
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=65536)
def _tokens(text: str) -> frozenset[str]:
    # cached: on a corpus, one article's sentences are compared with each of its candidates
    return frozenset(
        _stem(t) for t in _WORD.findall(text.lower()) if (len(t) >= 3 or t.isdigit()) and t not in _STOP
    )


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of ``text`` that :func:`lexical_similarity` compares.

    Args:
        text: a sentence or passage.

    Returns:
        Lower-cased, suffix-stripped words of three letters or more (and numbers), minus function words.
    """
    return _tokens(text)


def lexical_similarity(a: str, b: str) -> float:
    """Dice overlap of the content words of two texts (0..1).

    Args:
        a: one text.
        b: the other text.

    Returns:
        ``2 |A ∩ B| / (|A| + |B|)`` over content-word sets; 0 when either has no content word.
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def _binary_rows(token_sets: Sequence[frozenset[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    rows = [i for i, toks in enumerate(token_sets) for _ in toks]
    cols = [vocab[t] for toks in token_sets for t in toks]
    data = np.ones(len(rows), dtype=np.float64)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(token_sets), max(1, len(vocab))))


def _dice(a: sparse.csr_matrix, b: sparse.csr_matrix) -> Matrix:
    inter = np.asarray((a @ b.T).todense(), dtype=np.float64)
    sizes = np.asarray(a.sum(axis=1), dtype=np.float64).reshape(-1, 1) + np.asarray(
        b.sum(axis=1), dtype=np.float64
    ).reshape(1, -1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(sizes > 0, 2 * inter / np.maximum(sizes, 1e-9), 0.0)
    return np.asarray(out, dtype=np.float64)


def _pair_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    """Row k = union of rows k and k+1 (two consecutive sentences read as one)."""
    if m.shape[0] < 2:
        return sparse.csr_matrix((0, m.shape[1]))
    summed = m[:-1] + m[1:]
    return sparse.csr_matrix((summed > 0).astype(np.float64))


def _pair_vecs(v: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    if v.shape[0] < 2:
        return np.zeros((0, v.shape[1]), dtype=np.float64)
    s = v[:-1].astype(np.float64) + v[1:].astype(np.float64)
    norms: npt.NDArray[np.float64] = np.maximum(np.linalg.norm(s, axis=1, keepdims=True), 1e-9)
    return np.asarray(s / norms, dtype=np.float64)


def _similarities(
    src: Sequence[str],
    tgt: Sequence[str],
    src_vecs: npt.NDArray[np.float32] | None,
    tgt_vecs: npt.NDArray[np.float32] | None,
) -> tuple[Matrix, Matrix, Matrix]:
    """Similarity of 1–1, 1–2 (one source, two targets) and 2–1 sentence groupings."""
    src_toks = [_tokens(t) for t in src]
    tgt_toks = [_tokens(t) for t in tgt]
    vocab: dict[str, int] = {}
    for toks in (*src_toks, *tgt_toks):
        for t in toks:
            vocab.setdefault(t, len(vocab))
    a, b = _binary_rows(src_toks, vocab), _binary_rows(tgt_toks, vocab)
    s11, s12, s21 = _dice(a, b), _dice(a, _pair_rows(b)), _dice(_pair_rows(a), b)
    if src_vecs is not None and tgt_vecs is not None and len(src_vecs) and len(tgt_vecs):
        sv, tv = src_vecs.astype(np.float64), tgt_vecs.astype(np.float64)
        s11 = np.maximum(s11, sv @ tv.T)
        s12 = np.maximum(s12, sv @ _pair_vecs(tgt_vecs).T)
        s21 = np.maximum(s21, _pair_vecs(src_vecs) @ tv.T)
    return np.clip(s11, 0, 1), np.clip(s12, 0, 1), np.clip(s21, 0, 1)


def sentence_similarity(
    source_sentences: Sequence[str],
    target_sentences: Sequence[str],
    source_vecs: npt.NDArray[np.float32] | None = None,
    target_vecs: npt.NDArray[np.float32] | None = None,
) -> Matrix:
    """The source × target sentence similarity matrix used by :func:`align_texts`.

    Args:
        source_sentences: source sentence texts.
        target_sentences: target sentence texts.
        source_vecs: unit sentence embeddings of the source (optional).
        target_vecs: unit sentence embeddings of the target (optional).

    Returns:
        A ``(len(source), len(target))`` array of similarities in 0..1.
    """
    return _similarities(source_sentences, target_sentences, source_vecs, target_vecs)[0]


def _gains(s11: Matrix, s12: Matrix, s21: Matrix, threshold: float) -> tuple[Matrix, Matrix, Matrix]:
    """Score of each step: similarity above the threshold; -inf where the step is not allowed."""
    g11 = np.where(s11 >= threshold, s11 - threshold, -np.inf)
    g12 = np.full(s12.shape, -np.inf)
    if s12.size:
        better = s12 > np.maximum(s11[:, :-1], s11[:, 1:]) + _MERGE_MARGIN
        g12 = np.where(better & (s12 >= threshold), 1.5 * (s12 - threshold), -np.inf)
    g21 = np.full(s21.shape, -np.inf)
    if s21.size:
        better = s21 > np.maximum(s11[:-1, :], s11[1:, :]) + _MERGE_MARGIN
        g21 = np.where(better & (s21 >= threshold), 1.5 * (s21 - threshold), -np.inf)
    return g11, g12, g21


def _fill(g11: Matrix, g12: Matrix, g21: Matrix) -> Matrix:
    """The DP table: ``D[i, j]`` = best score aligning the first i source and j target sentences."""
    n, m = g11.shape
    d = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        c = d[i - 1].copy()
        c[1:] = np.maximum(c[1:], d[i - 1, :-1] + g11[i - 1])
        if m >= 2:
            c[2:] = np.maximum(c[2:], d[i - 1, : m - 1] + g12[i - 1])
        if i >= 2:
            c[1:] = np.maximum(c[1:], d[i - 2, :m] + g21[i - 2])
        # skipping a target sentence costs nothing, so the row is a running maximum
        d[i] = np.maximum.accumulate(c)
    return d


def _trace(d: Matrix, g11: Matrix, g12: Matrix, g21: Matrix) -> list[Step]:
    """Steps of the best path as (source indices, target indices, kind: 11/12/21), in text order."""
    i, j = d.shape[0] - 1, d.shape[1] - 1
    steps: list[Step] = []
    eps = 1e-12
    while i > 0 and j > 0:
        here = d[i, j]
        if abs(here - d[i, j - 1]) <= eps:
            j -= 1
        elif abs(here - d[i - 1, j]) <= eps:
            i -= 1
        elif abs(here - (d[i - 1, j - 1] + g11[i - 1, j - 1])) <= eps:
            steps.append(((i - 1,), (j - 1,), 11))
            i, j = i - 1, j - 1
        elif j >= 2 and abs(here - (d[i - 1, j - 2] + g12[i - 1, j - 2])) <= eps:
            steps.append(((i - 1,), (j - 2, j - 1), 12))
            i, j = i - 1, j - 2
        elif i >= 2 and abs(here - (d[i - 2, j - 1] + g21[i - 2, j - 1])) <= eps:
            steps.append(((i - 2, i - 1), (j - 1,), 21))
            i, j = i - 2, j - 1
        else:  # pragma: no cover - the table was built from exactly these steps
            raise AssertionError(f"alignment traceback lost at ({i}, {j})")
    steps.reverse()
    return steps


def _gap_steps(
    sims: tuple[Matrix, Matrix, Matrix], s_range: tuple[int, int], t_range: tuple[int, int], threshold: float
) -> list[Step]:
    """The best monotone path inside one gap (source rows and target columns both unaligned)."""
    s11, s12, s21 = sims
    (s0, s1), (t0, t1) = s_range, t_range
    g11, g12, g21 = _gains(s11[s0:s1, t0:t1], s12[s0:s1, t0 : t1 - 1], s21[s0 : s1 - 1, t0:t1], threshold)
    local = _trace(_fill(g11, g12, g21), g11, g12, g21)
    return [(tuple(s0 + i for i in si), tuple(t0 + j for j in ti), kind) for si, ti, kind in local]


def _fill_gaps(steps: list[Step], sims: tuple[Matrix, Matrix, Matrix], threshold: float) -> list[Step]:
    """Second pass: align unaligned sentences lying between the same two aligned neighbours.

    Rewrites keep the order of what they take over, so an unaligned target sentence between the
    passages (a→x) and (b→y) can only restate a source sentence between a and b. Within such a gap a
    lower similarity is enough; outside it nothing changes.
    """
    n, m = sims[0].shape
    bounds = [((-1,), (-1,), 0), *steps, ((n,), (m,), 0)]
    out: list[Step] = []
    for prev, nxt in itertools.pairwise(bounds):
        s_range, t_range = (prev[0][-1] + 1, nxt[0][0]), (prev[1][-1] + 1, nxt[1][0])
        if s_range[1] > s_range[0] and t_range[1] > t_range[0]:
            out.extend(_gap_steps(sims, s_range, t_range, threshold))
        if nxt[2]:
            out.append(nxt)
    return out


def _runs(unaligned: Sequence[int], spans: Spans) -> tuple[tuple[int, int], ...]:
    """Character spans of runs of consecutive unaligned sentence indices."""
    out: list[tuple[int, int]] = []
    run_start = prev = -2
    for k in unaligned:
        if k != prev + 1:
            if run_start >= 0:
                out.append((spans[run_start][0], spans[prev][1]))
            run_start = k
        prev = k
    if run_start >= 0:
        out.append((spans[run_start][0], spans[prev][1]))
    return tuple(out)


def _char_share(indices: set[int], spans: Spans) -> float:
    total = sum(b - a for a, b in spans)
    if total <= 0:
        return 0.0
    return sum(spans[k][1] - spans[k][0] for k in indices) / total


@dataclass
class _Group:
    """A passage under construction: source and target sentence indices and its similarity."""

    src: list[int]
    tgt: list[int]
    sim: float
    exact: bool = True  # the similarity is the DP's own score (not recomputed after an extension)


def _group_similarity(
    src: Sequence[str],
    tgt: Sequence[str],
    g: _Group,
    vecs: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]] | None,
) -> float:
    """Similarity of a grown passage: both sides read as one text each."""
    a = frozenset().union(*(_tokens(src[i]) for i in g.src))
    b = frozenset().union(*(_tokens(tgt[j]) for j in g.tgt))
    sim = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
    if vecs is not None:
        va = vecs[0][g.src].astype(np.float64).sum(axis=0)
        vb = vecs[1][g.tgt].astype(np.float64).sum(axis=0)
        norm = float(np.linalg.norm(va) * np.linalg.norm(vb))
        sim = max(sim, float(va @ vb) / norm if norm > 0 else 0.0)
    return float(min(1.0, max(0.0, sim)))


def _extend(groups: list[_Group], s11: Matrix, threshold: float) -> None:
    """Grow passages by unaligned neighbouring sentences that restate the passage's other side.

    Rewrites split one sentence into three, or merge three into one; the DP takes at most two. An
    unaligned sentence right next to a passage joins it when it is similar enough to the passage's
    other side and no other sentence of that side fits it clearly better.
    """
    n, m = s11.shape
    used_s = {i for g in groups for i in g.src}
    used_t = {j for g in groups for j in g.tgt}
    changed = True
    while changed:
        changed = False
        for g in groups:
            if len(g.tgt) < _MAX_GROUP:
                for j in (min(g.tgt) - 1, max(g.tgt) + 1):
                    if 0 <= j < m and j not in used_t:
                        sim = float(max(s11[i, j] for i in g.src))
                        if sim >= threshold and sim >= float(s11[:, j].max()) - _EXTEND_MARGIN:
                            g.tgt = sorted([*g.tgt, j])
                            used_t.add(j)
                            g.exact = False
                            changed = True
            if len(g.src) < _MAX_GROUP:
                for i in (min(g.src) - 1, max(g.src) + 1):
                    if 0 <= i < n and i not in used_s:
                        sim = float(max(s11[i, j] for j in g.tgt))
                        if sim >= threshold and sim >= float(s11[i, :].max()) - _EXTEND_MARGIN:
                            g.src = sorted([*g.src, i])
                            used_s.add(i)
                            g.exact = False
                            changed = True


def _crossing(groups: list[_Group], s11: Matrix, threshold: float) -> None:
    """Align sentences left over after the monotone passes to their best match anywhere.

    Rewrites also move sentences and paragraphs; such a sentence cannot lie on the monotone path.
    A leftover sentence whose best match on the other side reaches ``threshold`` is not an addition
    or omission but a moved restatement, and becomes a passage of its own (many-to-one allowed).
    """
    n, m = s11.shape
    used_s = {i for g in groups for i in g.src}
    used_t = {j for g in groups for j in g.tgt}
    for j in range(m):
        if j not in used_t and n:
            i = int(np.argmax(s11[:, j]))
            if s11[i, j] >= threshold:
                groups.append(_Group([i], [j], float(s11[i, j])))
                used_s.add(i)
    for i in range(n):
        if i not in used_s and m:
            j = int(np.argmax(s11[i, :]))
            if s11[i, j] >= threshold:
                groups.append(_Group([i], [j], float(s11[i, j])))


def align_texts(
    source_text: str,
    target_text: str,
    *,
    source_sents: list[tuple[int, int]] | None = None,
    target_sents: list[tuple[int, int]] | None = None,
    source_vecs: npt.NDArray[np.float32] | None = None,
    target_vecs: npt.NDArray[np.float32] | None = None,
    min_similarity: float = 0.5,
    gap_similarity: float | None = GAP_SIMILARITY,
    extend_similarity: float | None = EXTEND_SIMILARITY,
    crossing_similarity: float | None = None,
) -> Alignment:
    """Align the sentences of ``target_text`` with those of ``source_text`` in order.

    Args:
        source_text: the (presumed) source article's clean text.
        target_text: the (presumed) derived article's clean text.
        source_sents: sentence spans of the source; split with :func:`split_sentences` when None.
        target_sents: sentence spans of the target; split when None.
        source_vecs: unit embeddings of the source sentences (same order as ``source_sents``);
            lexical similarity only when either side's vectors are None.
        target_vecs: unit embeddings of the target sentences.
        min_similarity: lowest similarity of an aligned sentence pair (0..1).
        gap_similarity: lowest similarity of a pair aligned in the second pass, inside a gap between
            two aligned neighbours; only used with embeddings (a lexical overlap that low is chance).
            None turns the second pass off.
        extend_similarity: lowest similarity of an unaligned sentence that joins the neighbouring
            passage (1–3 splits, 3–1 merges); only with embeddings; None turns it off.
        crossing_similarity: when set, leftover sentences whose best match anywhere on the other
            side reaches it become passages too (moved sentences; passages then need not be
            monotone). Off by default: use it once two texts are known to be linked.

    Returns:
        The :class:`Alignment`: passages in target order, omissions, additions and coverage.

    Raises:
        ValueError: the number of vectors does not match the number of sentences, or
            ``min_similarity`` is outside 0..1.
    """
    if not 0.0 <= min_similarity <= 1.0:
        raise ValueError(f"min_similarity must be within 0..1, got {min_similarity}")
    s_spans = split_sentences(source_text) if source_sents is None else list(source_sents)
    t_spans = split_sentences(target_text) if target_sents is None else list(target_sents)
    for name, vecs, spans in (("source", source_vecs, s_spans), ("target", target_vecs, t_spans)):
        if vecs is not None and len(vecs) != len(spans):
            raise ValueError(f"{name}_vecs has {len(vecs)} rows for {len(spans)} sentences")
    if not s_spans or not t_spans:
        return Alignment((), _runs(range(len(s_spans)), s_spans), _runs(range(len(t_spans)), t_spans), 0.0)
    src = [source_text[a:b] for a, b in s_spans]
    tgt = [target_text[a:b] for a, b in t_spans]
    s11, s12, s21 = _similarities(src, tgt, source_vecs, target_vecs)
    g11, g12, g21 = _gains(s11, s12, s21, min_similarity)
    steps = _trace(_fill(g11, g12, g21), g11, g12, g21)
    with_vectors = source_vecs is not None and target_vecs is not None
    if gap_similarity is not None and with_vectors:
        steps = _fill_gaps(steps, (s11, s12, s21), min(gap_similarity, min_similarity))
    sims = {11: s11, 12: s12, 21: s21}
    groups = [_Group(list(si), list(ti), float(sims[kind][si[0], ti[0]])) for si, ti, kind in steps]
    if extend_similarity is not None and with_vectors:
        _extend(groups, s11, min(extend_similarity, min_similarity))
    if crossing_similarity is not None:
        _crossing(groups, s11, crossing_similarity)
    pair_vecs = (source_vecs, target_vecs) if source_vecs is not None and target_vecs is not None else None
    passages = [
        AlignedPassage(
            source_span=(s_spans[g.src[0]][0], s_spans[g.src[-1]][1]),
            target_span=(t_spans[g.tgt[0]][0], t_spans[g.tgt[-1]][1]),
            similarity=g.sim if g.exact else _group_similarity(src, tgt, g, pair_vecs),
            source_sentences=tuple(g.src),
            target_sentences=tuple(g.tgt),
        )
        for g in groups
    ]
    passages.sort(key=lambda p: (p.target_span[0], p.source_span[0]))
    used_s = {k for g in groups for k in g.src}
    used_t = {k for g in groups for k in g.tgt}
    return Alignment(
        passages=tuple(passages),
        omissions=_runs([k for k in range(len(s_spans)) if k not in used_s], s_spans),
        additions=_runs([k for k in range(len(t_spans)) if k not in used_t], t_spans),
        coverage=_char_share(used_t, t_spans),
        source_coverage=_char_share(used_s, s_spans),
    )
