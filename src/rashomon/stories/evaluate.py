"""Story grouping scored on BASIL (events each covered by three outlets) mixed with AllSides distractors.

The BASIL events are split in two by a hash of their id: ``dev`` (used to choose the parameters)
and ``test`` (held apart); ``all`` takes both. Distractors are AllSides articles (a fixed random
sample) grouped together with the BASIL articles. Figures:

- ``ari`` and ``bcubed_f1`` (with ``bcubed_precision``/``bcubed_recall``) over the BASIL articles:
  does each event come out as one story, apart from the others?
- ``ari_with_distractors``: the same with every distractor counted as a story of its own, a lower
  bound, since AllSides does cover some of the same events;
- ``distractors_in_events``: share of distractors grouped into a BASIL event's story.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rashomon.errors import ConfigError, DataMissing
from rashomon.model import Article, article_id_for
from rashomon.offsets import OffsetMap
from rashomon.stories.assign import StoryParams, assign_stories

__all__ = ["bcubed", "evaluate", "load_basil", "load_distractors", "score_grouping"]

log = logging.getLogger(__name__)

SPLITS = ("dev", "test", "all")
DISTRACTORS = 400
SEED = 13


def _article(text: str, path: str, title: str | None, outlet: str | None, published: str | None) -> Article:
    return Article(
        id=article_id_for(text),
        path=path,
        text=text,
        raw_text=text,
        offsets=OffsetMap.identity(len(text)),
        title=title,
        outlet=outlet,
        published=published,
        language="en",
    )


def _split_of(event: str) -> str:
    return "dev" if hashlib.sha256(event.encode()).digest()[0] % 2 == 0 else "test"


def _paragraphs(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return [" ".join(p) if isinstance(p, list) else str(p) for p in value]


def load_basil(data_dir: Path, split: str = "all") -> list[tuple[Article, str]]:
    """BASIL articles of ``split`` with their event id.

    Raises:
        DataMissing: ``data_dir/articles`` holds no BASIL article files.
        ConfigError: ``split`` is not one of dev, test, all.
    """
    if split not in SPLITS:
        raise ConfigError(f"unknown split {split!r} for stories; use one of {', '.join(SPLITS)}")
    files = sorted((Path(data_dir) / "articles").glob("*/*.json"))
    if not files:
        raise DataMissing(f"no BASIL articles under {data_dir}/articles; pass --data ../shared/data/basil")
    out = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        event = doc["triplet-uuid"]
        if split != "all" and _split_of(event) != split:
            continue
        text = "\n\n".join(_paragraphs(doc["body-paragraphs"]))
        out.append((_article(text, str(path), doc.get("title"), doc.get("source"), doc.get("date")), event))
    return out


def load_distractors(data_root: Path, n: int = DISTRACTORS, seed: int = SEED) -> list[Article]:
    """``n`` AllSides articles drawn at random with ``seed`` (fewer when the file is smaller).

    Raises:
        DataMissing: ``data_root/allsides/articles.jsonl.gz`` is absent.
    """
    path = Path(data_root) / "allsides" / "articles.jsonl.gz"
    if not path.is_file():
        raise DataMissing(f"{path} not found: the AllSides distractors live in ../shared/data/allsides")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(lines)), min(n, len(lines))))
    out = []
    for i in picked:
        doc = json.loads(lines[i])
        text = (doc.get("content_original") or "").strip()
        if text:
            out.append(_article(text, f"{path}#{i}", doc.get("title"), doc.get("source"), doc.get("date")))
    return out


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering over the items of ``gold``."""
    items = list(gold)
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        both = len(by_pred[predicted[item]] & by_gold[gold[item]])
        precision += both / len(by_pred[predicted[item]])
        recall += both / len(by_gold[gold[item]])
    p, r = precision / len(items), recall / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_grouping(
    features: Sequence[Mapping[str, Any]], gold: Mapping[str, str], params: StoryParams | None = None
) -> dict[str, Any]:
    """Group ``features`` and score the result against ``gold`` (article id → event; others distractors)."""
    from sklearn.metrics import adjusted_rand_score

    state = assign_stories(features, None, params)
    predicted = {m["article"]: s["id"] for s in state["stories"] for m in s["members"]}
    ids = sorted(gold)
    p, r, f1 = bcubed(predicted, gold)
    everyone = sorted(predicted)
    gold_all = [gold.get(i, f"distractor:{i}") for i in everyone]
    event_stories = {predicted[i] for i in ids}
    distractors = [i for i in everyone if i not in gold]
    sizes = Counter(predicted.values())
    return {
        "ari": round(float(adjusted_rand_score([gold[i] for i in ids], [predicted[i] for i in ids])), 4),
        "bcubed_precision": round(p, 4),
        "bcubed_recall": round(r, 4),
        "bcubed_f1": round(f1, 4),
        "ari_with_distractors": round(
            float(adjusted_rand_score(gold_all, [predicted[i] for i in everyone])), 4
        ),
        "distractors_in_events": round(
            sum(predicted[i] in event_stories for i in distractors) / max(1, len(distractors)), 4
        ),
        "articles": len(everyone),
        "events": len(set(gold.values())),
        "stories": len(sizes),
        "multi_article_stories": sum(1 for n in sizes.values() if n > 1),
    }


def evaluate(data_dir: Path, split: str = "test") -> dict[str, Any]:
    """Story grouping figures on BASIL ``split`` with AllSides distractors (see the module docstring).

    Args:
        data_dir: the BASIL folder (``../shared/data/basil``); AllSides is read from its sibling.
        split: ``dev``, ``test`` or ``all`` (BASIL events by id hash).

    Raises:
        DataMissing: BASIL or AllSides is absent.
    """
    from rashomon.stories.features import article_features

    basil = load_basil(Path(data_dir), split)
    distractors = load_distractors(Path(data_dir).parent)
    gold = {a.id: event for a, event in basil}
    features = [article_features(a) for a, _ in basil] + [article_features(a) for a in distractors]
    figures = score_grouping(features, gold)
    figures.update({"split": split, "distractors": len(distractors)})
    log.info("stories on BASIL %s: %s", split, figures)
    return figures
