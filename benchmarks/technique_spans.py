"""Evidence spans of persuasion techniques: character F1 against the PTC (SemEval-2020 Task 11) spans.

For each (paragraph, technique) pair the span output is compared with the gold spans of that
technique inside that paragraph (PTC labels mapped onto the 23-technique scheme): character F1 per
pair, averaged over pairs, the figure the technique model card reports. Two sets of pairs:

- ``oracle``: every gold (paragraph, technique) pair, so span quality is measured apart from the
  paragraph head's decisions;
- ``predicted``: the pairs the paragraph head predicts and the gold confirms (what a user sees).

Articles: the PTC articles in the technique model's held-apart split (``models/split.json``), which
its heads never trained on. The span rule (:class:`rashomon.framing.techniques.SpanRule`) is chosen
with ``--tune`` on the held-apart PTC *train* articles and reported on the held-apart PTC *dev*
articles, so the reported figure is not tuned on. ``legacy`` is the rule before this change (the
best single run of pieces above the token threshold, one span per pair).

Usage::

    nice -n 10 .venv/bin/python benchmarks/technique_spans.py [--tune]

Writes ``benchmarks/results/technique_spans.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ptc-semeval2020-task11"
RESULTS = Path(__file__).resolve().parent / "results" / "technique_spans.json"

Span = tuple[int, int, float]


@dataclass
class Pair:
    """One (paragraph, technique) of one article, with what the span rules need."""

    text: str
    start: int
    end: int
    enc: Any
    column: int
    score: float
    probs: Any
    gold: set[int]
    predicted: bool


def _articles(folder: str) -> dict[str, str]:
    from rashomon.errors import DataMissing

    path = DATA / folder
    if not path.is_dir():
        raise DataMissing(
            f"{path} not found; the benchmark reads PTC from ../shared/data/ptc-semeval2020-task11"
        )
    return {p.stem.removeprefix("article"): p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))}


def collect(texts: dict[str, str], spans: dict[str, list[tuple[str, int, int]]]) -> list[Pair]:
    """Every gold or predicted (paragraph, technique) pair of ``texts``."""
    from rashomon.framing.shared import encoded_article
    from rashomon.framing.techniques import _shipped, paragraph_probabilities, token_probabilities

    model = _shipped()
    labels = list(model.paragraph.labels)
    pairs: list[Pair] = []
    for aid, text in texts.items():
        doc = encoded_article(text)
        if not doc.paragraphs:
            continue
        probs = paragraph_probabilities(doc.texts, doc.encoded, model)
        for k, (a, b) in enumerate(doc.paragraphs):
            gold: dict[int, set[int]] = {}
            for tech, s, e in spans.get(aid, []):
                if tech in labels and s < b and e > a:
                    gold.setdefault(labels.index(tech), set()).update(range(max(s, a), min(e, b)))
            predicted = set(np.flatnonzero(probs[k] >= model.paragraph.thresholds).tolist())
            for col in sorted(gold):
                pairs.append(
                    Pair(
                        text, a, b, doc.encoded[k], col, float(probs[k, col]),
                        token_probabilities(doc.encoded[k], col, model), gold[col], col in predicted,
                    )
                )  # fmt: skip
    return pairs


def legacy(pair: Pair) -> list[Span]:
    """The rule before the change: the best run of pieces at or above the token threshold."""
    from rashomon.framing.techniques import _shipped, _widen

    p, threshold = pair.probs, float(_shipped().token.thresholds[pair.column])
    if len(p) == 0:
        return [(pair.start, pair.start, 0.0)]
    best = int(np.argmax(p))
    if p[best] < threshold:
        threshold = float(p[best]) / 2
    runs, i = [], 0
    while i < len(p):
        if p[i] >= threshold:
            j = i
            while j + 1 < len(p) and p[j + 1] >= threshold:
                j += 1
            runs.append((float(p[i : j + 1].sum()), i, j))
            i = j + 1
        else:
            i += 1
    _, a, b = max(runs) if runs else (0.0, best, best)
    s, e = _widen(
        pair.text, pair.start + int(pair.enc.offsets[a, 0]), pair.start + int(pair.enc.offsets[b, 1])
    )
    return [(s, e, float(p[a : b + 1].mean()))]


def whole_paragraph(pair: Pair) -> list[Span]:
    """The baseline the spans must beat: the whole paragraph as the evidence."""
    return [(pair.start, pair.end, pair.score)]


def with_rule(rule: Any) -> Callable[[Pair], list[Span]]:
    """The current span function with ``rule``."""
    from rashomon.framing.techniques import _shipped, evidence_spans

    def spans(pair: Pair) -> list[Span]:
        return evidence_spans(
            pair.text, pair.start, pair.enc, pair.column, _shipped(), pair.score, rule, pair.probs
        )

    return spans


def score(pairs: list[Pair], spans: Callable[[Pair], list[Span]]) -> dict[str, float]:
    """Mean character F1 per pair (oracle and predicted pairs), span count and length."""
    oracle: list[float] = []
    predicted: list[float] = []
    lengths: list[int] = []
    for pair in pairs:
        found = spans(pair)
        chars = {c for s, e, _ in found for c in range(s, e)}
        lengths += [e - s for s, e, _ in found]
        inter = len(chars & pair.gold)
        f1 = 0.0 if inter == 0 else 2 * inter / (len(chars) + len(pair.gold))
        oracle.append(f1)
        if pair.predicted:
            predicted.append(f1)
    return {
        "char_f1_oracle_pairs": round(statistics.fmean(oracle), 4) if oracle else 0.0,
        "char_f1_predicted_pairs": round(statistics.fmean(predicted), 4) if predicted else 0.0,
        "pairs_oracle": len(oracle),
        "pairs_predicted": len(predicted),
        "span_chars_median": float(statistics.median(lengths)) if lengths else 0.0,
        "gold_chars_median": float(statistics.median(len(p.gold) for p in pairs)) if pairs else 0.0,
    }


def tune(pairs: list[Pair]) -> tuple[Any, dict[str, float]]:
    """The span rule with the best oracle-pair F1 on ``pairs`` (a small grid)."""
    from rashomon.framing.techniques import SPAN_RULE

    best: tuple[float, Any, dict[str, float]] = (-1.0, SPAN_RULE, {})
    grid = itertools.product((0.25, 0.5, 1.0, 2.0), (0.15, 0.3, 0.5, 0.7), (0, 1, 3), (1, 2, 3), (0.7, 1.01))
    for scale, relative, gap, max_spans, fallback in grid:
        rule = dataclasses.replace(
            SPAN_RULE, scale=scale, relative=relative, gap=gap, max_spans=max_spans, fallback_score=fallback
        )
        r = score(pairs, with_rule(rule))
        if r["char_f1_oracle_pairs"] > best[0]:
            best = (r["char_f1_oracle_pairs"], rule, r)
    return best[1], best[2]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    from rashomon.framing.data import load_ptc_spans
    from rashomon.framing.techniques import MODEL_PATH, SPAN_RULE

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tune", action="store_true", help="choose the rule on held-apart PTC train articles"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    held = set(json.loads((MODEL_PATH.parent / "split.json").read_text())["heldout"])
    spans = load_ptc_spans(DATA)
    dev = {k: v for k, v in _articles("dev-articles").items() if k in held}
    result: dict[str, Any] = {"articles_dev_heldout": len(dev), "rule": dataclasses.asdict(SPAN_RULE)}
    if args.tune:
        train = {k: v for k, v in _articles("train-articles").items() if k in held}
        chosen, figures = tune(collect(train, spans))
        result["tuned_on_train_heldout"] = {
            "articles": len(train),
            "rule": dataclasses.asdict(chosen),
            **figures,
        }
    dev_pairs = collect(dev, spans)
    result["dev_heldout"] = {
        "legacy": score(dev_pairs, legacy),
        "current": score(dev_pairs, with_rule(SPAN_RULE)),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
