"""Rewrite benchmark: derived articles with known edits, scored for links, direction and mutations.

The generator takes real articles (AllSides, ``../shared/data/allsides/articles.jsonl.gz``), keeps
their first sentences, and writes a derived version with known operations: sentence drops and merges,
meaning-preserving edits (synonym swaps, clause reordering, voice change, number formatting) that
must NOT be flagged, meaning-changing edits (negation, hedge, number, name, pronoun, quote,
attribution) and inserted sentences (salient ones from other articles are gold additions, filler is
not). Same-topic articles from other outlets join the corpus as distractors.

The pool is cleaned first: AllSides lists some articles twice, or one wire story under several
outlets, so every article with a near-duplicate (Jaccard of 4-word shingles ≥ 0.5 over the opening
used here) is dropped, and an article that served as a distractor never becomes a case source (its
derived copy would otherwise rightly link to it). Otherwise correct links would count as false ones;
the first 50 false links are listed in the result (``links.false_links``) for inspection.

Splits: topics and outlets are divided by a fixed seed into a dev part (develop on it) and a
held-apart part (report on it): no topic and no outlet is shared between the two.

Scores: link precision/recall/F1 and direction accuracy from :class:`rashomon.reuse.stage.ReuseStage`
when it exists; mutation precision/recall per type from ``align_texts`` + ``detect_mutations`` on the
gold pairs (a predicted mutation matches a gold one of the same type whose target span overlaps, or
source span for omissions).

Run: ``.venv/bin/python benchmarks/rewrites.py --split heldout --n 200``; writes
``benchmarks/results/rewrites.json``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rewrites_ops as ops
from rashomon.errors import DataMissing
from rashomon.model import Article, article_id_for
from rashomon.nlp.sentences import split_sentences
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext
from rashomon.reuse.model import MUTATION_TYPES, Mutation

log = logging.getLogger("rewrites")

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "data" / "allsides" / "articles.jsonl.gz"
RESULTS = REPO / "benchmarks" / "results" / "rewrites.json"
SEED = 20261123
_SALIENT_ENTS = {"PERSON", "ORG", "GPE", "NORP", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


@dataclass
class GoldMutation:
    type: str
    span: tuple[int, int]  # target span; source span for omissions


@dataclass
class Case:
    """One source article and its derived version, with the gold edits."""

    source: dict[str, Any]
    target: dict[str, Any]
    gold: list[GoldMutation]
    edits: list[str] = field(default_factory=list)
    preserving_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Benchmark:
    cases: list[Case]
    distractors: list[dict[str, Any]]


def load_records(path: Path = DATA) -> list[dict[str, Any]]:
    """The AllSides articles.

    Raises:
        DataMissing: the file is not there.
    """
    if not path.is_file():
        raise DataMissing(
            f"{path} not found: the rewrite benchmark needs ../shared/data/allsides beside the repo"
        )
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _group(name: str, seed: int) -> int:
    return int(hashlib.sha256(f"{seed}:{name}".encode()).hexdigest(), 16) % 3


def split_records(records: Iterable[dict[str, Any]], split: str, seed: int = SEED) -> list[dict[str, Any]]:
    """Records of ``split``: held-apart topics and outlets (a third of each) or the dev rest."""
    want_heldout = split == "heldout"
    return [
        r
        for r in records
        if (_group("topic:" + r.get("topic", ""), seed) == 0) == want_heldout
        and (_group("outlet:" + r.get("source", ""), seed) == 0) == want_heldout
    ]


def _sentences(text: str, limit: int) -> list[str]:
    out = []
    for a, b in split_sentences(text):
        s = " ".join(text[a:b].split())
        if 5 <= len(s.split()) <= 60:
            out.append(s)
        if len(out) == limit:
            break
    return out


def _salient(doc: Any) -> bool:
    return len(doc) >= 6 and any(e.label_ in _SALIENT_ENTS for e in doc.ents)


def _meaning_edit(kind: str, text: str, doc: Any, rng: random.Random, names: list[str]) -> ops.Edit | None:
    if kind == "name":
        return ops.name(text, doc, rng, names)
    fn = {
        "negation": ops.negation,
        "hedge": ops.hedge,
        "number": ops.number,
        "pronoun": ops.pronoun,
        "quote": ops.quote,
        "attribution": ops.attribution,
        "number_rescope": ops.number_rescope,
    }[kind]
    result: ops.Edit | None = fn(text, doc, rng)
    return result


def _plan(n: int, rng: random.Random) -> dict[int, str]:
    """Which sentence gets which structural operation (drop/merge); others are decided later."""
    plan: dict[int, str] = {}
    for _ in range(rng.choice([0, 1, 1, 2])):
        plan[rng.randrange(1, n)] = "drop"
    if rng.random() < 0.6:
        i = rng.randrange(0, n - 1)
        if i not in plan and i + 1 not in plan:
            plan[i], plan[i + 1] = "merge", "merged"
    return plan


def make_case(
    record: dict[str, Any],
    rng: random.Random,
    nlp: Any,
    donors: Sequence[str],
    names: list[str],
    synonyms: dict[tuple[str, str], str] | None = None,
) -> Case | None:
    """A derived version of ``record`` and its gold mutations, or None when the article is too short.

    With ``synonyms`` (see :func:`rewrites_ops.build_synonym_table`) the derived text is a "spun"
    rewrite: most kept sentences have many content words swapped for near-synonyms and clauses moved,
    more sentences are merged or split, and meaning-changing edits are made on the spun sentences.
    """
    sents = _sentences(record["content_original"], rng.randint(9, 14))
    if len(sents) < 8:
        return None
    docs = list(nlp.pipe(sents))
    original = list(sents)
    plan = _plan(len(sents), rng)
    spun: dict[int, str] = {}
    if synonyms is not None:
        _plan_more_merges(plan, len(sents), rng)
        spun = _spin_all(sents, docs, plan, rng, synonyms)
        for i, text in spun.items():
            sents[i] = text
        docs = list(nlp.pipe(sents))
    for i in [i for i, op in plan.items() if op == "merge"]:
        if ops.has_quote_marks(sents[i]) or ops.has_quote_marks(sents[i + 1]):
            del plan[i], plan[i + 1]  # merging inside a quotation would alter the quoted words
    free = [i for i in range(len(sents)) if i not in plan]
    rng.shuffle(free)
    kinds = ops.MEANING_OPS if synonyms is None else (*ops.MEANING_OPS, "number_rescope")
    wanted = rng.sample(kinds, rng.randint(0, 4))
    edits: dict[int, ops.Edit] = {}
    for kind in wanted:
        for i in free:
            if i in edits:
                continue
            edit = _meaning_edit(kind, sents[i], docs[i], rng, names)
            if edit is not None:
                edits[i] = edit
                break
    for i in free:
        if i not in edits and rng.random() < 0.45:
            kinds = list(ops.PRESERVING_OPS)
            rng.shuffle(kinds)
            for kind in kinds:
                edit = ops.PRESERVING_OPS[kind](sents[i], docs[i], rng)
                if edit is not None:
                    edits[i] = edit
                    break
    if synonyms is not None:
        _plan_splits(sents, plan, edits, rng)
    return _assemble(record, original, sents, docs, plan, edits, rng, donors, set(spun))


def _plan_more_merges(plan: dict[int, str], n: int, rng: random.Random) -> None:
    """Spun rewrites merge more: up to two more pairs of neighbouring sentences."""
    for _ in range(2):
        i = rng.randrange(0, n - 1)
        if rng.random() < 0.6 and i not in plan and i + 1 not in plan:
            plan[i], plan[i + 1] = "merge", "merged"


def _spin_all(
    sents: list[str],
    docs: list[Any],
    plan: dict[int, str],
    rng: random.Random,
    synonyms: dict[tuple[str, str], str],
) -> dict[int, str]:
    """Spun versions of most kept sentences (synonym swaps, then sometimes a clause moved)."""
    out: dict[int, str] = {}
    for i, (text, doc) in enumerate(zip(sents, docs, strict=True)):
        if plan.get(i) == "drop" or rng.random() < 0.15:
            continue
        new = ops.spin(text, doc, rng, synonyms)
        if rng.random() < 0.5:
            moved = ops.reorder(new, doc, rng) if new == text else None
            new = moved.text if moved is not None else new
        if new != text:
            out[i] = new
    return out


def _plan_splits(
    sents: list[str], plan: dict[int, str], edits: dict[int, ops.Edit], rng: random.Random
) -> None:
    """Split some unedited sentences in two (a meaning-preserving change of structure)."""
    for i, text in enumerate(sents):
        if i in plan or i in edits or rng.random() >= 0.5:
            continue
        parts = ops.split_sentence(text)
        if parts:
            plan[i] = "split:" + "\x00".join(parts)


def _assemble(
    record: dict[str, Any],
    original: list[str],
    sents: list[str],
    docs: list[Any],
    plan: dict[int, str],
    edits: dict[int, ops.Edit],
    rng: random.Random,
    donors: Sequence[str],
    spun: set[int] | None = None,
) -> Case:
    spun = spun or set()
    source_text = " ".join(original)
    src_starts = []
    pos = 0
    for s in original:
        src_starts.append(pos)
        pos += len(s) + 1
    pieces: list[tuple[str, list[tuple[str, tuple[int, int]]], bool]] = []  # text, gold, preserving edit
    gold_src: list[GoldMutation] = []
    labels: list[str] = []
    for i, s in enumerate(sents):
        op = plan.get(i)
        if op == "drop":
            labels.append("drop")
            if _salient(docs[i]):
                gold_src.append(GoldMutation("omission", (src_starts[i], src_starts[i] + len(original[i]))))
            continue
        if op == "merged":
            continue
        if op is not None and op.startswith("split:"):
            labels.append("split")
            pieces.extend((part, [], True) for part in op[6:].split("\x00"))
            continue
        if op == "merge":
            nxt = sents[i + 1]
            keep_case = docs[i + 1][0].pos_ == "PROPN" or nxt.startswith("I ")
            joined = s.rstrip(".!?") + ", and " + (nxt if keep_case else nxt[:1].lower() + nxt[1:])
            labels.append("merge")
            pieces.append((joined, [], True))
            continue
        edit = edits.get(i)
        if edit is None:
            labels.extend(["spun"] if i in spun else [])
            pieces.append((s, [], i in spun))
        else:
            labels.append(edit.kind)
            pieces.append((edit.text, list(edit.gold), not edit.gold))
    if spun and len(pieces) > 4 and rng.random() < 0.5:
        # spun rewrites also move a sentence a few places (the order of the rest is kept)
        k = rng.randrange(len(pieces))
        piece = pieces.pop(k)
        pieces.insert(max(0, min(len(pieces), k + rng.choice([-4, -3, -2, 2, 3, 4]))), piece)
        labels.append("move")
    _insert(pieces, labels, rng, donors)
    return _finish(record, source_text, pieces, gold_src, labels)


def _insert(
    pieces: list[tuple[str, list[tuple[str, tuple[int, int]]], bool]],
    labels: list[str],
    rng: random.Random,
    donors: Sequence[str],
) -> None:
    if donors and rng.random() < 0.7:
        text = rng.choice(donors)
        at = rng.randrange(1, len(pieces) + 1)
        pieces.insert(at, (text, [("addition", (0, len(text)))], False))
        labels.append("insert_salient")
    if rng.random() < 0.5:
        text = rng.choice(ops.FILLERS)
        pieces.insert(rng.randrange(1, len(pieces) + 1), (text, [], True))
        labels.append("insert_filler")


def _finish(
    record: dict[str, Any],
    source_text: str,
    pieces: list[tuple[str, list[tuple[str, tuple[int, int]]], bool]],
    gold_src: list[GoldMutation],
    labels: list[str],
) -> Case:
    gold = list(gold_src)
    preserving: list[tuple[int, int]] = []
    pos = 0
    for text, local, is_preserving in pieces:
        gold.extend(GoldMutation(t, (pos + a, pos + b)) for t, (a, b) in local)
        if is_preserving:
            preserving.append((pos, pos + len(text)))
        pos += len(text) + 1
    target_text = " ".join(p[0] for p in pieces)
    date = record.get("date") or None
    source = {
        "text": source_text,
        "outlet": record.get("source"),
        "title": record.get("title"),
        "published": date,
    }
    target = {
        "text": target_text,
        "outlet": "Derived " + str(record.get("source")),
        "title": record.get("title"),
        "published": None,
    }
    return Case(source, target, gold, labels, preserving)


def generate(
    records: Sequence[dict[str, Any]],
    n: int,
    seed: int,
    nlp: Any,
    distractors_per_case: int = 2,
    min_chars: int = 1500,
    synonyms: dict[tuple[str, str], str] | None = None,
) -> Benchmark:
    """``n`` cases from ``records`` (one split), with same-topic distractors from other outlets.

    A fifth of the records (at most 300) only donate inserted sentences and names. With ``synonyms``
    the derived articles are spun rewrites (see :func:`make_case`).
    """
    rng = random.Random(seed)
    pool = dedupe_records([r for r in records if min_chars <= len(r.get("content_original", "")) <= 12000])
    rng.shuffle(pool)
    by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in pool:
        by_topic[r["topic"]].append(r)
    n_donors = max(1, min(300, len(pool) // 5))
    donor_records = pool[-n_donors:]
    candidates = [
        s for r in donor_records for s in _sentences(r["content_original"], 3) if 8 <= len(s.split()) <= 35
    ]
    donor_docs = list(nlp.pipe(candidates[:600]))
    # inserted sentences are gold additions, so only salient ones (named entities, numbers) qualify
    donors = [d.text for d in donor_docs if _salient(d) and not ops.has_quote_marks(d.text)]
    names = sorted({e.text for d in donor_docs for e in d.ents if e.label_ == "PERSON" and " " in e.text})
    cases: list[Case] = []
    distractors: list[dict[str, Any]] = []
    used: set[str] = set()
    for r in pool[:-n_donors]:
        if len(cases) >= n:
            break
        # a distractor already: as a source too, its derived copy would rightly link to it
        if r["ID"] in used:
            continue
        case = make_case(r, rng, nlp, [d for d in donors if r["topic"] not in d], names, synonyms)
        if case is None:
            continue
        if rng.random() < 0.5:  # direction from dates for half of the pairs
            case.target["published"] = _next_day(case.source["published"])
        else:
            case.source["published"] = None
        cases.append(case)
        used.add(r["ID"])
        others = [o for o in by_topic[r["topic"]] if o["source"] != r["source"] and o["ID"] not in used]
        for o in others[:distractors_per_case]:
            used.add(o["ID"])
            text = " ".join(_sentences(o["content_original"], 14))
            distractors.append(
                {"text": text, "outlet": o["source"], "title": o.get("title"), "published": o.get("date")}
            )
    return Benchmark(cases, distractors)


SYNONYM_CACHE = Path.home() / ".cache" / "rashomon-bench" / "synonyms.json"


def synonym_table(
    nlp: Any, vocab_size: int = 8000, cache: Path | None = SYNONYM_CACHE
) -> dict[tuple[str, str], str]:
    """Near-synonyms for spun rewrites, from MiniLM embeddings of wordfreq's commonest English words.

    Built once (about a minute on a laptop) and cached outside the repo; nothing in it comes from
    the seeds or the scored articles.
    """
    cache = cache.with_name(f"{cache.stem}-{vocab_size}.json") if cache is not None else None
    if cache is not None and cache.is_file():
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return {(w, t): v for w, t, v in rows}
    from wordfreq import top_n_list

    from rashomon.nlp.embeddings import embed

    words = [w for w in top_n_list("en", vocab_size) if w.isalpha() and len(w) >= 4]
    tags = [doc[0].tag_ if len(doc) else "" for doc in nlp.pipe(words, batch_size=512)]
    table = ops.build_synonym_table(words, tags, embed(words, batch_size=256))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps([[w, t, v] for (w, t), v in sorted(table.items())]), encoding="utf-8")
    return table


def dedupe_records(records: Sequence[dict[str, Any]], threshold: float = 0.5) -> list[dict[str, Any]]:
    """``records`` without any article that is a near-duplicate of another one.

    AllSides lists some articles more than once, or one wire story under several outlets. Left in the
    pool, a derived article rightly links to the duplicate of its source too, and a distractor can be
    the source itself under another name; both would be scored as false links. Every member of a
    near-duplicate group is dropped (not just all but one), so no case has a hidden twin.

    Args:
        records: AllSides records with ``content_original``.
        threshold: estimated Jaccard of 4-word shingle sets at or above which two articles are duplicates.

    Returns:
        The records that have no near-duplicate, in their original order.
    """
    from rashomon.reuse.candidates import lsh_pairs, minhash_signatures

    if len(records) < 2:
        return list(records)
    # the benchmark uses only the opening sentences, so that is where duplicates matter (newsletters
    # share a long standard opening and differ later)
    texts = [" ".join(_sentences(r.get("content_original", ""), 14)) for r in records]
    sigs = minhash_signatures(texts, shingle=4, num_perm=128)
    # 32 bands of 4 rows: a pair at Jaccard 0.5 shares a band with probability ~0.87, at 0.6 ~0.99
    pairs = lsh_pairs(sigs, bands=32, max_bucket=1000)
    dup = {k for (i, j), sim in pairs.items() if sim >= threshold for k in (i, j)}
    log.info("dropped %d near-duplicate articles of %d", len(dup), len(records))
    return [r for k, r in enumerate(records) if k not in dup]


def _next_day(date: str | None) -> str | None:
    if not date:
        return None
    import datetime as dt

    try:
        return (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return None


# --- scoring --------------------------------------------------------------------------------------


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def match_mutations(
    predicted: Sequence[Mutation], gold: Sequence[GoldMutation]
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per type: gold found (recall TP), predictions confirmed (precision TP), and predictions made."""
    found: Counter[str] = Counter()
    confirmed: Counter[str] = Counter()
    made: Counter[str] = Counter(m.type for m in predicted)
    for g in gold:
        if any(m.type == g.type and _overlaps(_span_of(m), g.span) for m in predicted):
            found[g.type] += 1
    for m in predicted:
        if any(m.type == g.type and _overlaps(_span_of(m), g.span) for g in gold):
            confirmed[m.type] += 1
    return found, confirmed, made


def _span_of(m: Mutation) -> tuple[int, int] | None:
    return m.source_span if m.type == "omission" else m.target_span


def _prf(tp_r: int, n_gold: int, tp_p: int, n_pred: int) -> dict[str, float | int]:
    p = tp_p / n_pred if n_pred else 1.0
    r = tp_r / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "gold": n_gold,
        "predicted": n_pred,
    }


def score_mutations(cases: Sequence[Case], ctx: StageContext | None = None) -> dict[str, Any]:
    """Align each gold pair, detect mutations, and score them per type against the gold.

    With a stage context, alignment uses MiniLM sentence vectors (cached in ``ctx``, as the reuse
    stage does); without one it is lexical only.
    """
    from rashomon.reuse.align import align_texts
    from rashomon.reuse.mutations import detect_mutations

    found: Counter[str] = Counter()
    confirmed: Counter[str] = Counter()
    made: Counter[str] = Counter()
    golds: Counter[str] = Counter()
    false_alarms_on_preserving = 0
    detect_seconds, detect_cpu, passages = 0.0, 0.0, 0
    for case in cases:
        s, t = case.source["text"], case.target["text"]
        kwargs: dict[str, Any] = {}
        if ctx is not None:  # the vectors the reuse stage will reuse from the same context
            from rashomon.nlp.embeddings import sentence_vectors

            ss, sv = sentence_vectors(_article(case.source, "source"), ctx)
            ts, tv = sentence_vectors(_article(case.target, "derived"), ctx)
            kwargs = {"source_sents": ss, "target_sents": ts, "source_vecs": sv, "target_vecs": tv}
        alignment = align_texts(s, t, **kwargs)
        t0, c0 = time.perf_counter(), time.process_time()
        predicted = detect_mutations(s, t, alignment)
        detect_seconds += time.perf_counter() - t0
        detect_cpu += time.process_time() - c0
        passages += len(alignment.passages)
        f, c, m = match_mutations(predicted, case.gold)
        found.update(f)
        confirmed.update(c)
        made.update(m)
        golds.update(g.type for g in case.gold)
        false_alarms_on_preserving += sum(
            1
            for p in predicted
            if not any(_overlaps(_span_of(p), g.span) for g in case.gold)
            and any(_overlaps(p.target_span, sp) for sp in case.preserving_spans)
        )
    per_type = {k: _prf(found[k], golds[k], confirmed[k], made[k]) for k in MUTATION_TYPES}
    overall = _prf(sum(found.values()), sum(golds.values()), sum(confirmed.values()), sum(made.values()))
    return {
        "per_type": per_type,
        "overall": overall,
        "false_alarms_on_meaning_preserving_edits": false_alarms_on_preserving,
        "detect_ms_per_passage": round(1000 * detect_seconds / max(1, passages), 3),
        "detect_cpu_ms_per_passage": round(1000 * detect_cpu / max(1, passages), 3),
        "passages": passages,
    }


def _article(doc: dict[str, Any], path: str) -> Article:
    text = doc["text"]
    return Article(
        id=article_id_for(text),
        path=path,
        text=text,
        raw_text=text,
        offsets=OffsetMap.identity(len(text)),
        title=doc.get("title"),
        outlet=doc.get("outlet"),
        published=doc.get("published"),
        language="en",
    )


def score_links(bench: Benchmark, ctx: StageContext) -> dict[str, Any]:
    """Run the reuse stage over sources, derived articles and distractors; score links and direction."""
    try:
        from rashomon.reuse.stage import ReuseStage
    except Exception as exc:  # a broken stage module must not lose the mutation scores
        return {"status": f"unavailable: rashomon.reuse.stage could not be imported ({exc!r})"}
    articles: dict[str, Article] = {}
    gold: dict[frozenset[str], tuple[str, str, bool]] = {}
    derived: set[str] = set()
    for k, case in enumerate(bench.cases):
        s, t = _article(case.source, f"source#{k}"), _article(case.target, f"derived#{k}")
        articles[s.id], articles[t.id] = s, t
        derived.add(t.id)
        gold[frozenset((s.id, t.id))] = (
            s.id,
            t.id,
            bool(case.source["published"] and case.target["published"]),
        )
    for k, d in enumerate(bench.distractors):
        a = _article(d, f"distractor#{k}")
        articles.setdefault(a.id, a)
    t0 = time.perf_counter()
    try:
        out = ReuseStage().run(list(articles.values()), ctx)
    except Exception as exc:  # the mutation scores stay useful when the link stage breaks
        log.exception("the reuse stage failed")
        return {"status": f"failed: {exc!r}"}
    seconds = time.perf_counter() - t0
    links = out if isinstance(out, list) else out.get("links", [])
    graded = [lk for lk in links if lk["source"] in derived or lk["target"] in derived]
    hits = [lk for lk in graded if frozenset((lk["source"], lk["target"])) in gold]
    found = {frozenset((lk["source"], lk["target"])) for lk in hits}
    right = Counter()
    total = Counter()
    for lk in hits:
        src, _, dated = gold[frozenset((lk["source"], lk["target"]))]
        key = "dated" if dated else "undated"
        total[key] += 1
        right[key] += lk["source"] == src
    prf = _prf(len(found), len(gold), len(hits), len(graded))
    false_links = [
        {
            "source": articles[lk["source"]].path,
            "target": articles[lk["target"]].path,
            "relation": lk.get("relation"),
            "coverage": lk.get("coverage"),
        }
        for lk in graded
        if frozenset((lk["source"], lk["target"])) not in gold
    ]
    return {
        **prf,
        "false_links": false_links[:50],
        "direction_accuracy": round(sum(right.values()) / max(1, sum(total.values())), 3),
        "direction_accuracy_dated": round(right["dated"] / max(1, total["dated"]), 3),
        "direction_accuracy_undated": round(right["undated"] / max(1, total["undated"]), 3),
        "ungraded_links_between_real_articles": len(links) - len(graded),
        "articles": len(articles),
        "stage_seconds": round(seconds, 2),
    }


def _table(result: dict[str, Any]) -> str:
    lines = [
        f"rewrite benchmark · split={result['split']} · mix={result.get('mix', 'old')} · cases={result['cases']}",
        "",
    ]
    lines.append(f"{'mutation type':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    muts = result["mutations"]
    for name, row in [*muts["per_type"].items(), ("ALL", muts["overall"])]:
        lines.append(
            f"{name:<14}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}{row['gold']:>7}{row['predicted']:>7}"
        )
    lines.append(
        f"false alarms on meaning-preserving edits: {muts['false_alarms_on_meaning_preserving_edits']}"
    )
    lines.append(
        f"detect_mutations: {muts['detect_ms_per_passage']} ms wall, {muts['detect_cpu_ms_per_passage']} ms CPU "
        f"per passage ({muts['passages']} passages)"
    )
    links = result.get("links", {})
    lines.append("")
    if "f1" in links:
        lines.append(
            f"links P={links['precision']:.3f} R={links['recall']:.3f} F1={links['f1']:.3f} · direction "
            f"{links['direction_accuracy']:.3f} (dated {links['direction_accuracy_dated']:.3f}, undated "
            f"{links['direction_accuracy_undated']:.3f}) · ungraded real-article links {links['ungraded_links_between_real_articles']}"
        )
    else:
        lines.append(f"links: {links.get('status', 'not run')}")
    return "\n".join(lines)


def run(
    split: str,
    n: int,
    seed: int,
    links: bool,
    vectors: bool,
    records: Sequence[dict[str, Any]] | None = None,
    mix: str = "old",
    dump: Path | None = None,
) -> dict[str, Any]:
    """Generate the split, score it, and return the result dict (what rewrites.json holds).

    ``mix`` is ``"old"`` (light edits) or ``"spun"`` (heavy paraphrase, see :func:`make_case`).
    """
    from rashomon.nlp import spacy_pipeline

    t0 = time.perf_counter()
    nlp = spacy_pipeline()
    data = split_records(load_records() if records is None else records, split, seed)
    synonyms = synonym_table(nlp) if mix == "spun" else None
    bench = generate(data, n, seed + (1 if split == "heldout" else 0), nlp, synonyms=synonyms)
    if dump is not None:  # the generated cases, for inspection
        cases = [{"source": c.source, "target": c.target, "edits": c.edits,
                  "gold": [[g.type, *g.span] for g in c.gold]} for c in bench.cases]  # fmt: skip
        dump.write_text(json.dumps({"cases": cases, "distractors": bench.distractors}), encoding="utf-8")
    gen_seconds = time.perf_counter() - t0
    ctx = StageContext()  # shared, so the sentence vectors are computed once for both scorings
    result: dict[str, Any] = {
        "split": split,
        "mix": mix,
        "seed": seed,
        "cases": len(bench.cases),
        "distractors": len(bench.distractors),
        "edit_counts": dict(Counter(e for c in bench.cases for e in c.edits)),
        "mutations": score_mutations(bench.cases, ctx if vectors else None),
        "links": score_links(bench, ctx) if links else {"status": "skipped (--no-links)"},
        "generate_seconds": round(gen_seconds, 1),
        "total_seconds": round(time.perf_counter() - t0, 1),
        "note": "timings measured on a shared 2-core machine under contention",
    }
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--n", type=int, default=200, help="number of derived articles")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-links", action="store_true", help="skip the reuse-stage link scoring")
    parser.add_argument("--lexical", action="store_true", help="align without sentence embeddings")
    parser.add_argument("--mix", choices=["old", "spun", "both"], default="both", help="edit mix to generate")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--dump", type=Path, help="also write the generated cases to <dump>-<mix>.json")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    mixes = ["old", "spun"] if args.mix == "both" else [args.mix]
    results: dict[str, dict[str, Any]] = {}
    try:
        for mix in mixes:
            dump = args.dump.with_name(f"{args.dump.stem}-{mix}.json") if args.dump else None
            results[mix] = run(
                args.split, args.n, args.seed, not args.no_links, not args.lexical, mix=mix, dump=dump
            )
            print(_table(results[mix]), end="\n\n")
    except DataMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # the light mix stays at the top level (as before); the spun mix is nested under "spun"
    result = results.get("old", {})
    if "spun" in results:
        result = {**result, "spun": results["spun"]} if result else results["spun"]
    result["command"] = "benchmarks/rewrites.py " + " ".join(argv if argv is not None else sys.argv[1:])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
