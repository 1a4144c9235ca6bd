"""Evaluation of quote extraction on PolNeAR (attribution relations in US political news, brat standoff).

Metrics, as in the attribution literature (citron on PARC 3.0):

- content-span *overlap* F1: a predicted content is correct when it overlaps a gold content; recall
  counts gold contents overlapped by some prediction;
- speaker accuracy: over gold attributions with a source that a prediction found, the share whose
  predicted speaker span overlaps the gold source span.

Develop on ``train``, report on ``dev`` (``test`` is not distributed here). The data is read from
``../shared/data/polnear`` (or ``--data``); it is never copied into the project.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.errors import DataMissing

__all__ = ["GoldAttribution", "evaluate", "load_split", "score_article"]

log = logging.getLogger(__name__)
Span = tuple[int, int]


@dataclass
class GoldAttribution:
    """One annotated attribution: spans may be discontinuous (lists of pieces)."""

    content: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)


def _pieces(offsets: str) -> list[Span]:
    out: list[Span] = []
    for part in offsets.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(text: str) -> list[GoldAttribution]:
    """Attributions of one brat ``.ann`` file (``T`` spans linked by ``E`` events)."""
    spans: dict[str, list[Span]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if line.startswith("T"):
            offsets = cols[1].partition(" ")[2]
            spans[cols[0]] = _pieces(offsets)
        elif line.startswith("E"):
            roles = dict(item.split(":", 1) for item in cols[1].split() if ":" in item)
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        g = GoldAttribution(
            content=spans.get(roles.get("Content", ""), []),
            cue=spans.get(roles.get("Cue", ""), []),
            source=spans.get(roles.get("Source", ""), []),
        )
        if g.content:
            out.append(g)
    return out


def load_split(
    data_dir: Path, split: str, limit: int | None = None
) -> list[tuple[str, str, list[GoldAttribution]]]:
    """``(name, text, attributions)`` of a split, one annotator's file per article.

    Raises:
        DataMissing: the split's folders are absent.
    """
    root = data_dir / "data" / split if (data_dir / "data").is_dir() else data_dir / split
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataMissing(
            f"PolNeAR split {split!r} not found under {data_dir}: expected data/{split}/text and "
            f"data/{split}/attributions; pass --data pointing at ../shared/data/polnear"
        )
    anns: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", path.stem)
        anns.setdefault(stem, path)
    out = []
    for path in sorted(text_dir.glob("*.txt")):
        ann = anns.get(path.stem)
        if ann is None:
            continue
        out.append((path.stem, path.read_text(encoding="utf-8"), parse_ann(ann.read_text(encoding="utf-8"))))
        if limit and len(out) >= limit:
            break
    return out


def _overlaps(a: Span, pieces: list[Span]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in pieces)


def score_article(predicted: list[dict[str, Any]], gold: list[GoldAttribution]) -> dict[str, int]:
    """Counts for one article: predicted contents matched, gold contents found, speakers right.

    Args:
        predicted: dicts with ``content`` and ``speaker`` spans (``speaker`` may be None).
        gold: the article's attributions.
    """
    pred_ok = sum(1 for p in predicted if any(_overlaps(p["content"], g.content) for g in gold))
    gold_found = speaker_total = speaker_ok = 0
    for g in gold:
        matches = [(p, _overlaps(p["content"], g.content)) for p in predicted]
        matches = [m for m in matches if m[1] > 0]
        if not matches:
            continue
        gold_found += 1
        if not g.source:
            continue
        best = max(matches, key=lambda m: m[1])[0]
        speaker_total += 1
        if best["speaker"] is not None and _overlaps(best["speaker"], g.source):
            speaker_ok += 1
    return {
        "predicted": len(predicted),
        "predicted_ok": pred_ok,
        "gold": len(gold),
        "gold_found": gold_found,
        "speaker_total": speaker_total,
        "speaker_ok": speaker_ok,
    }


def _figures(totals: dict[str, int]) -> dict[str, Any]:
    precision = totals.get("predicted_ok", 0) / max(1, totals.get("predicted", 0))
    recall = totals.get("gold_found", 0) / max(1, totals.get("gold", 0))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "content_overlap_precision": round(precision, 4),
        "content_overlap_recall": round(recall, 4),
        "content_overlap_f1": round(f1, 4),
        "speaker_accuracy": round(totals.get("speaker_ok", 0) / max(1, totals.get("speaker_total", 0)), 4),
        "counts": totals,
    }


def evaluate(data_dir: Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    """Content-span overlap P/R/F1 and speaker accuracy of the quote extractor on a PolNeAR split.

    PolNeAR annotates every attribution, attitudes included ("wants", "endorsed"), so the headline
    figures use the extractor with attitudes on; ``speech_only`` gives the figures of the default
    ``quotes`` stage (speech cues only) on the same parses.

    Args:
        data_dir: the PolNeAR folder (holding ``data/<split>``).
        split: ``dev`` to report, ``train`` to develop.
        limit: score only the first ``limit`` articles (quick checks).

    Returns:
        The figures and the counts behind them.

    Raises:
        DataMissing: the split is absent.
    """
    from rashomon.nlp import spacy_pipeline
    from rashomon.quotes.extract import extract_quotes

    articles = load_split(data_dir, split, limit)
    nlp = spacy_pipeline()
    totals: dict[bool, dict[str, int]] = {True: {}, False: {}}
    texts = (text for _, text, _ in articles)
    for (_name, text, gold), doc in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        for attitudes, counts in totals.items():
            quotes = extract_quotes(text, doc, attitudes=attitudes)
            predicted = [{"content": q.content, "speaker": q.speaker} for q in quotes]
            for key, value in score_article(predicted, gold).items():
                counts[key] = counts.get(key, 0) + value
    return {
        "split": split,
        "articles": len(articles),
        **_figures(totals[True]),
        "speech_only": _figures(totals[False]),
    }
