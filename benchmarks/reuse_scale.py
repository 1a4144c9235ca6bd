"""Scale benchmark of the reuse graph: all 37,554 AllSides articles on a laptop (2 cores).

Runs the split path of the ``reuse`` stage and measures, in one run:

1. per-article features (:mod:`rashomon.reuse.features`: MinHash row, word counts, static sentence
   vectors) computed by ``--workers`` processes, as the Dask engine's workers do, and streamed into
   the compact corpus arrays (:func:`rashomon.reuse.stage.collect_features`): articles/s and CPU s
   per article;
2. candidate generation from those features (MinHash-LSH, rare-term TF-IDF and static-vector
   neighbours, :mod:`rashomon.reuse.candidates`);
3. the whole graph: every candidate pair aligned and classified (:func:`rashomon.reuse.link.analyse_pair`,
   lexical similarity only, as the stage does when more than ``EMBEDDING_LIMIT`` articles are in
   candidate pairs: MiniLM at ≈150 sentences/s would take hours on this corpus; mutation detection is
   left out unless ``--mutations`` is given);
4. peak memory (``ru_maxrss``) of this process and of the feature workers;
5. datasketch's bulk API (``MinHash.bulk`` + ``MinHashLSH`` insertion session) on the same shingles,
   for comparison (install the ``bench`` extra: ``pip install datasketch==2.0.0``).

Recall is measured on derived articles injected into the corpus (the AllSides texts have no gold
reuse labels): near copies (sentences dropped, filler added) and light rewrites (words dropped and
swapped in every sentence, sentences dropped) of randomly chosen articles.

Run: ``nice -n 10 .venv/bin/python benchmarks/reuse_scale.py`` (``--limit N`` for a quick run);
prints a table and writes ``benchmarks/results/reuse_scale.json``. Texts are taken as they are
(``content_original``), without cleaning.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from rashomon.errors import DataMissing
from rashomon.model import Article
from rashomon.nlp.sentences import split_sentences
from rashomon.offsets import OffsetMap
from rashomon.reuse.candidates import (
    CandidateConfig,
    lsh_pairs,
    sketch_from_rows,
    tfidf_neighbours,
)
from rashomon.reuse.features import article_features
from rashomon.reuse.link import analyse_pair
from rashomon.reuse.stage import EMBEDDING_LIMIT, STATIC_CANDIDATES, VECTOR_NEIGHBOUR_LIMIT, collect_features

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "data" / "allsides" / "articles.jsonl.gz"
RESULTS = REPO / "benchmarks" / "results" / "reuse_scale.json"
FILLER = (
    "Stay with us for more on this developing story.",
    "Readers can find more coverage on our website.",
    "This article has been updated.",
)


def load_texts(path: Path = DATA, limit: int | None = None) -> list[str]:
    """The ``content_original`` texts of the AllSides corpus.

    Raises:
        DataMissing: the corpus file is absent.
    """
    if not path.exists():
        raise DataMissing(f"{path} not found: the AllSides corpus is expected in ../shared/data/allsides/")
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line).get("content_original") or "")
            if limit and len(texts) >= limit:
                break
    return texts


def _near_copy(text: str, rng: random.Random) -> str:
    spans = split_sentences(text)
    kept = [text[a:b] for a, b in spans if rng.random() > 0.3]
    return " ".join([*kept, rng.choice(FILLER)])


def _light_rewrite(text: str, rng: random.Random) -> str:
    out = []
    for a, b in split_sentences(text):
        if rng.random() < 0.2:
            continue
        words = [w for w in text[a:b].split() if rng.random() > 0.2]
        for i in range(0, len(words) - 1, 5):  # swap one adjacent pair every five words
            words[i], words[i + 1] = words[i + 1], words[i]
        out.append(" ".join(words))
    return " ".join(out)


def inject(texts: list[str], n: int, seed: int) -> list[tuple[int, int, str]]:
    """Append ``n`` derived articles to ``texts``; return gold ``(base, derived, kind)`` index pairs."""
    rng = random.Random(seed)
    pool = [i for i, t in enumerate(texts) if 1500 <= len(t) <= 15000]
    gold = []
    for k, base in enumerate(rng.sample(pool, min(n, len(pool)))):
        kind = "near_copy" if k % 2 == 0 else "light_rewrite"
        derived = _near_copy(texts[base], rng) if kind == "near_copy" else _light_rewrite(texts[base], rng)
        texts.append(derived)
        gold.append((base, len(texts) - 1, kind))
    return gold


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _recall(gold: Sequence[tuple[int, int, str]], found: set[tuple[int, int]]) -> dict[str, float]:
    by_kind: dict[str, list[bool]] = {}
    for base, derived, kind in gold:
        by_kind.setdefault(kind, []).append((min(base, derived), max(base, derived)) in found)
    return {kind: round(sum(v) / len(v), 3) for kind, v in sorted(by_kind.items())}


def _features_of(chunk: tuple[int, list[str]]) -> list[dict[str, Any]]:
    """Features of a chunk of texts (in a worker process, as a Dask worker runs the article stage)."""
    lo, texts = chunk
    return [article_features(_article(t, lo + k)) for k, t in enumerate(texts)]


def stream_features(texts: Sequence[str], workers: int, chunk: int = 250) -> Iterator[dict[str, Any]]:
    """Feature records of ``texts`` in order, computed by ``workers`` processes, chunk by chunk."""
    chunks = [(lo, list(texts[lo : lo + chunk])) for lo in range(0, len(texts), chunk)]
    if workers <= 1:
        for c in chunks:
            yield from _features_of(c)
        return
    from rashomon.reuse.static_vectors import static_model

    static_model()  # loaded once here, inherited by the forked workers
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for rows in pool.map(_features_of, chunks):
            yield from rows


def _pair_set(pairs: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    return set(pairs)


def run_ours(
    texts: list[str],
    gold: Sequence[tuple[int, int, str]],
    cfg: CandidateConfig,
    with_mutations: bool,
    workers: int,
) -> dict[str, Any]:
    """Features, candidates, then the whole graph; timings, counts, memory and recall."""
    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    feats = collect_features(stream_features(texts, workers), vectors=bool(cfg.vector_k))
    t_features = time.perf_counter() - t0
    c_features_main, c_features_workers = time.process_time() - c0, _children_cpu() - k0
    rss_features = _rss_mb()
    t1, c1 = time.perf_counter(), time.process_time()
    sketch = sketch_from_rows(feats.signatures, feats.terms)
    found: dict[str, set[tuple[int, int]]] = {
        "minhash": _pair_set(lsh_pairs(sketch.signatures, bands=cfg.bands, max_bucket=cfg.max_bucket)),
        "tfidf": _pair_set(
            tfidf_neighbours(
                sketch.terms, k=cfg.tfidf_k, min_cosine=cfg.tfidf_min_cosine, max_df=cfg.tfidf_max_df
            )
        ),
    }
    if feats.vectors is not None and cfg.vector_k:  # the stage's path: common direction removed first
        found["vector"] = {
            (p.a, p.b) for p in feats.candidates(replace(cfg, tfidf_k=0)) if p.method == "vector"
        }
    if feats.sentence_spans is not None:  # small corpora only (the stage's limit)
        found["sentence"] = {
            (p.a, p.b)
            for p in feats.candidates(replace(cfg, tfidf_k=0, vector_k=0), texts)
            if p.method == "sentence"
        }
    t_candidates, c_candidates = time.perf_counter() - t1, time.process_time() - c1
    pairs = sorted(set().union(*found.values()))
    involved = {i for p in pairs for i in p}
    del sketch, feats
    links: set[tuple[int, int]] = set()
    relations: Counter[str] = Counter()
    for i, j in pairs:
        a, b = _article(texts[i], i), _article(texts[j], j)
        link = analyse_pair(a, b, mutations=with_mutations)
        if link is not None:
            links.add((i, j))
            relations[link.relation] += 1
    t_graph, c_graph = time.perf_counter() - t1, time.process_time() - c1
    n = len(texts)
    return {
        "workers": workers,
        "seconds_features": round(t_features, 1),
        "articles_per_second_features": round(n / t_features, 1),
        "cpu_ms_per_article_features": round(1000 * (c_features_main + c_features_workers) / n, 2),
        "cpu_seconds_features_main": round(c_features_main, 1),
        "cpu_seconds_features_workers": round(c_features_workers, 1),
        "seconds_candidates": round(t_candidates, 1),
        "cpu_seconds_candidates": round(c_candidates, 1),
        "seconds_graph": round(t_graph, 1),
        "cpu_seconds_graph": round(c_graph, 1),
        "pairs": {method: len(p) for method, p in found.items()},
        "pairs_total": len(pairs),
        "articles_in_pairs": len(involved),
        "alignment": "lexical"
        + (" (the stage would use MiniLM)" if len(involved) <= EMBEDDING_LIMIT else ""),
        "links": len(links),
        "links_by_relation": dict(relations),
        "links_found_only_by_vectors": len(links - found["minhash"] - found["tfidf"]),
        "candidate_recall_by_method": {method: _recall(gold, p) for method, p in found.items()},
        "candidate_recall": _recall(gold, set(pairs)),
        "link_recall": _recall(gold, links),
        "peak_rss_mb_after_features": round(rss_features),
        "peak_rss_mb": round(_rss_mb()),
        "peak_rss_mb_feature_workers": round(_children_rss_mb()),
    }


def _article(text: str, i: int) -> Article:
    return Article(
        id=str(i), path=f"allsides#{i}", text=text, raw_text=text, offsets=OffsetMap.identity(len(text))
    )


def run_datasketch(
    texts: Sequence[str], gold: Sequence[tuple[int, int, str]], cfg: CandidateConfig
) -> dict[str, Any]:
    """datasketch's bulk MinHash and an LSH index with the same bands on the same 4-word shingles."""
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        return {"status": "datasketch not installed: pip install datasketch==2.0.0 (the bench extra)"}
    rss_before = _rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    k = cfg.shingle

    def shingles(text: str) -> set[bytes]:
        words = text.lower().split()
        return {" ".join(words[p : p + k]).encode() for p in range(max(1, len(words) - k + 1))}

    hashes = MinHash.bulk((shingles(t) for t in texts), num_perm=cfg.num_perm, seed=cfg.seed)
    t_bulk = time.perf_counter() - t0
    rows = cfg.num_perm // cfg.bands
    lsh = MinHashLSH(num_perm=cfg.num_perm, params=(cfg.bands, rows))
    with lsh.insertion_session() as session:
        for i, m in enumerate(hashes):
            session.insert(i, m, check_duplication=False)
    found: set[tuple[int, int]] = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i:
                found.add((min(i, int(j)), max(i, int(j))))
    return {
        "seconds_bulk_minhash": round(t_bulk, 1),
        "seconds_total": round(time.perf_counter() - t0, 1),
        "cpu_seconds_total": round(time.process_time() - c0, 1),
        "pairs": len(found),
        "candidate_recall": _recall(gold, found),
        "peak_rss_mb": round(_rss_mb()),
        "rss_growth_mb": round(_rss_mb() - rss_before),
    }


def _table(result: dict[str, Any]) -> str:
    ours, ds = result["ours"], result["datasketch"]
    lines = [
        f"reuse scale benchmark: {result['articles']} articles ({result['injected']} injected derived)",
        f"  features        {ours['seconds_features']:>7} s wall, {ours['articles_per_second_features']} articles/s "
        f"with {ours['workers']} processes, {ours['cpu_ms_per_article_features']} ms CPU per article",
        f"  candidates      {ours['seconds_candidates']:>7} s wall, {ours['cpu_seconds_candidates']} s CPU (target ≤ 25 s)  "
        f"pairs {ours['pairs']}",
        f"  whole graph     {ours['seconds_graph']:>7} s wall, {ours['cpu_seconds_graph']} s CPU (target ≤ 90 s, "
        f"candidates included)  {ours['pairs_total']} pairs aligned ({ours['alignment']}), "
        f"{ours['links']} links {ours['links_by_relation']}, {ours['links_found_only_by_vectors']} only via vectors",
        f"  peak memory     {ours['peak_rss_mb']:>7} MB (target ≤ 2048 MB; {ours['peak_rss_mb_after_features']} MB "
        f"after features; feature workers {ours['peak_rss_mb_feature_workers']} MB)",
        f"  candidate recall {ours['candidate_recall']}  by method {ours['candidate_recall_by_method']}",
        f"  link recall      {ours['link_recall']}",
    ]
    if "status" in ds:
        lines.append(f"  datasketch: {ds['status']}")
    else:
        lines.append(
            f"  datasketch      {ds['seconds_total']:>7} s wall, {ds['cpu_seconds_total']} s CPU "
            f"(bulk MinHash {ds['seconds_bulk_minhash']} s wall), "
            f"{ds['pairs']} pairs, recall {ds['candidate_recall']}, RSS +{ds['rss_growth_mb']} MB"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--inject", type=int, default=300, help="derived articles injected for recall")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-datasketch", action="store_true")
    parser.add_argument("--mutations", action="store_true", help="also detect every link's mutations")
    parser.add_argument("--tfidf-k", type=int, default=3, help="TF-IDF neighbours per article")
    parser.add_argument("--tfidf-min-cosine", type=float, default=0.5, help="lowest TF-IDF cosine kept")
    parser.add_argument("--workers", type=int, default=2, help="processes that compute the article features")
    parser.add_argument(
        "--no-vectors", action="store_true", help="no static-vector candidates (lexical only)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    try:
        texts = load_texts(limit=args.limit)
    except DataMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    n_real = len(texts)
    gold = inject(texts, args.inject, args.seed)
    # fewer, closer TF-IDF neighbours than the stage default: on 37k articles every candidate pair
    # costs an alignment, and the injected rewrites sit far above this cosine (see the recall lines)
    cfg = replace(
        STATIC_CANDIDATES,
        tfidf_k=args.tfidf_k,
        tfidf_min_cosine=args.tfidf_min_cosine,
        # as the stage: no static-vector neighbours above VECTOR_NEIGHBOUR_LIMIT articles
        vector_k=0 if args.no_vectors or len(texts) > VECTOR_NEIGHBOUR_LIMIT else STATIC_CANDIDATES.vector_k,
    )
    result: dict[str, Any] = {
        "articles": len(texts),
        "real_articles": n_real,
        "injected": len(gold),
        "config": {k: getattr(cfg, k) for k in cfg.__slots__},
        "mutations_included": args.mutations,
        "ours": run_ours(texts, gold, cfg, args.mutations, args.workers),
    }
    result["datasketch"] = {"status": "skipped"} if args.no_datasketch else run_datasketch(texts, gold, cfg)
    result["note"] = "2 cores shared with other jobs: timings were taken under contention"
    result["command"] = "benchmarks/reuse_scale.py " + " ".join(argv if argv is not None else sys.argv[1:])
    print(_table(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
