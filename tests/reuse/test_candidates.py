from __future__ import annotations

import numpy as np
import pytest

from rashomon.reuse.candidates import (
    CandidateConfig,
    candidate_pairs,
    candidates_from_sketch,
    lsh_pairs,
    minhash_signatures,
    sentence_neighbours,
    sketch_corpus,
    sketch_from_rows,
    text_sketch,
    tfidf_neighbours,
    vector_neighbours,
)

from .conftest import COPY, INDEPENDENT, REWRITE, SOURCE

FILLER = [
    f"Article {i} is about topic number {i} with words like {w} and {w}s and more {w} talk on day {i}."
    for i, w in enumerate(["apple", "river", "cloud", "engine", "violin", "harbor", "pencil", "garden"])
]


def test_signatures_are_deterministic_and_estimate_jaccard() -> None:
    corpus = [SOURCE, COPY, INDEPENDENT]
    a = minhash_signatures(corpus, num_perm=128)
    b = minhash_signatures(corpus, num_perm=128)
    assert a.shape == (3, 128) and np.array_equal(a, b)
    same = np.mean(a[0] == a[1])
    other = np.mean(a[0] == a[2])
    assert same > 0.6 and other < 0.1


def test_lsh_finds_the_copy_not_the_independent_report() -> None:
    corpus = [*FILLER, SOURCE, INDEPENDENT, COPY]
    pairs = lsh_pairs(minhash_signatures(corpus), bands=42)
    n = len(FILLER)
    assert (n, n + 2) in pairs
    assert (n, n + 1) not in pairs and (n + 1, n + 2) not in pairs


def test_short_and_empty_texts() -> None:
    sigs = minhash_signatures(["", "two words", "two words"], shingle=4, num_perm=16)
    assert (sigs[0] == np.iinfo(np.uint64).max).all()
    assert np.array_equal(sigs[1], sigs[2])
    assert (1, 2) in lsh_pairs(sigs, bands=8)
    assert all(0 not in key for key in lsh_pairs(sigs, bands=8))


def test_tfidf_neighbours_find_a_rewrite_sharing_rare_words() -> None:
    corpus = [*FILLER, SOURCE, REWRITE]
    pairs = tfidf_neighbours(sketch_corpus(corpus).terms, k=2, min_cosine=0.2)
    assert (len(FILLER), len(FILLER) + 1) in pairs


def test_vector_neighbours_blocked_equals_unblocked() -> None:
    rng = np.random.default_rng(3)
    v = rng.normal(size=(40, 8)).astype(np.float32)
    v[7] = v[3] + 0.01
    full = vector_neighbours(v, k=2, min_cosine=0.5, block=64)
    blocked = vector_neighbours(v, k=2, min_cosine=0.5, block=5)
    assert full == blocked
    assert (3, 7) in full and full[(3, 7)] > 0.99


def test_candidate_pairs_merges_methods() -> None:
    corpus = [*FILLER, SOURCE, COPY, REWRITE]
    pairs = {(p.a, p.b): p for p in candidate_pairs(corpus)}
    n = len(FILLER)
    assert pairs[(n, n + 1)].method == "minhash"
    assert (n, n + 2) in pairs
    assert all(p.a < p.b for p in pairs.values())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"num_perm": 100}, "power of two"), ({"bands": 0}, "bands"), ({"shingle": 0}, "shingle")],
)
def test_config_is_validated(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CandidateConfig(**kwargs)


def test_sentence_neighbours_need_two_matching_sentences() -> None:
    rng = np.random.default_rng(5)

    def unit(n: int) -> np.ndarray:
        v = rng.normal(size=(n, 16)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    long_doc, other = unit(30), unit(10)
    partial = np.vstack([long_doc[4:7], unit(20)])  # reuses three sentences of the long document
    single = np.vstack([long_doc[20:21], unit(5)])  # shares one sentence only
    found = sentence_neighbours([long_doc, other, partial, single], block=7)
    assert found == {(0, 2): 3.0}
    assert sentence_neighbours([long_doc]) == {}


def test_sketch_is_the_same_with_worker_processes() -> None:
    texts = [SOURCE, COPY, REWRITE, INDEPENDENT, *FILLER] * 3
    one = sketch_corpus(texts, chunk=4)
    two = sketch_corpus(texts, chunk=4, workers=2)
    assert np.array_equal(one.signatures, two.signatures)
    assert (one.terms != two.terms).nnz == 0


def test_text_sketch_depends_on_the_text_alone() -> None:
    sig, cols, counts = text_sketch(SOURCE)
    again = text_sketch(SOURCE)
    assert np.array_equal(sig, again[0]) and np.array_equal(cols, again[1])
    assert counts.sum() == len(SOURCE.split()) and np.all(np.diff(cols) > 0)
    copy_sig = text_sketch(COPY)[0]
    assert np.mean(sig == copy_sig) > 0.5 > np.mean(sig == text_sketch(INDEPENDENT)[0])
    empty, no_cols, _ = text_sketch("")
    assert (empty == np.iinfo(np.uint64).max).all() and not len(no_cols)


def test_candidates_from_per_text_sketches_find_what_the_corpus_sketch_finds() -> None:
    corpus = [*FILLER, SOURCE, INDEPENDENT, COPY, REWRITE]
    rows = [text_sketch(t) for t in corpus]
    sketch = sketch_from_rows([r[0] for r in rows], [(r[1], r[2].astype(np.float32)) for r in rows])
    assert sketch.signatures.shape == (len(corpus), 128) and sketch.terms.shape[0] == len(corpus)
    per_text = {(p.a, p.b): p for p in candidates_from_sketch(sketch)}
    whole = {(p.a, p.b): p for p in candidate_pairs(corpus)}
    n = len(FILLER)
    # other hash functions, so LSH collisions of borderline pairs differ; the clear cases agree
    for found in (per_text, whole):
        assert (n, n + 2) in found and found[(n, n + 2)].method == "minhash"
    assert abs(per_text[(n, n + 2)].score - whole[(n, n + 2)].score) < 0.15
    assert (n, n + 1) not in lsh_pairs(sketch.signatures, bands=42)
    # the word counts are the same, so rare-term TF-IDF gives the same cosines
    tfidf = [
        (key, p.score) for key, p in per_text.items() if p.method == "tfidf" and whole[key].method == "tfidf"
    ]
    assert tfidf and all(abs(score - whole[key].score) < 1e-5 for key, score in tfidf)
    assert candidates_from_sketch(sketch_from_rows([], [])) == []


def test_vector_neighbours_blocks_do_not_change_the_result() -> None:
    rng = np.random.default_rng(1)
    v = rng.normal(size=(300, 16)).astype(np.float32)
    v[7] = v[3] + 0.01  # one near duplicate
    assert vector_neighbours(v, k=2, min_cosine=0.5, block=7) == vector_neighbours(v, k=2, min_cosine=0.5)
    assert (3, 7) in vector_neighbours(v, k=1, min_cosine=0.99)


def test_sentence_neighbours_ignore_common_sentences() -> None:
    rng = np.random.default_rng(2)
    common = rng.normal(size=16)  # one stock sentence in every document
    shared = rng.normal(size=(2, 16))  # two sentences only documents 1 and 2 share
    docs = [np.vstack([common, common * 1.01, rng.normal(size=16)])]  # the stock text twice
    docs += [np.vstack([common, *shared]), np.vstack([common, *shared])]
    docs += [np.vstack([common, rng.normal(size=16)]) for _ in range(4)]
    unit = [(d / np.linalg.norm(d, axis=1, keepdims=True)).astype(np.float32) for d in docs]
    every = sentence_neighbours(unit, min_cosine=0.95, min_hits=2)
    assert (1, 2) in every and (0, 3) in every  # the stock sentences make document 0 look like a copy
    assert sentence_neighbours(unit, min_cosine=0.95, min_hits=2, max_docs=3) == {(1, 2): 2.0}
