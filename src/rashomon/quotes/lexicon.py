"""A cue lexicon learned from PolNeAR train: which verbs introduce attributions, and how reliably.

Beyond speech verbs, news attributes attitudes and intentions ("Cruz *wants* …", "the senator
*endorsed* …", "polls *show* …"). For every verb lemma in the training articles we count how often a
token of it is (part of) an annotated cue; lemmas with enough evidence and a high enough rate form the
shipped lexicon (``data/cue_lexicon.json``), used by the extractor for attitude attributions.

``rashomon train --task quotes`` rebuilds it (about five minutes on a laptop core).
"""

from __future__ import annotations

import functools
import json
import logging
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from rashomon.errors import ModelError

__all__ = ["LEXICON_FILE", "cue_lexicon", "train"]

log = logging.getLogger(__name__)
LEXICON_FILE = "cue_lexicon.json"
LEXICON_VERSION = "quotes.cues.v1"
MIN_COUNT = 3
MIN_RATE = 0.3


@functools.cache
def cue_lexicon() -> frozenset[str]:
    """Verb lemmas that introduce an attribution at least ``MIN_RATE`` of the time (shipped file).

    Raises:
        ModelError: the shipped lexicon is missing or of another version.
    """
    try:
        raw = resources.files("rashomon.quotes").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(
            f"{LEXICON_FILE} is missing from rashomon.quotes; run rashomon train --task quotes"
        ) from exc
    data = json.loads(raw)
    if data.get("version") != LEXICON_VERSION:
        raise ModelError(
            f"{LEXICON_FILE} is {data.get('version')}, code expects {LEXICON_VERSION}; retrain it"
        )
    return frozenset(data["lemmas"])


def _count(data_dir: Path) -> tuple[Counter[str], Counter[str]]:
    from rashomon.nlp import spacy_pipeline
    from rashomon.quotes.polnear import load_split

    articles = load_split(data_dir, "train")
    nlp = spacy_pipeline()
    as_cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    texts = (text for _, text, _ in articles)
    for (_, _text, gold), doc in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        cue_chars = {i for g in gold for s, e in g.cue for i in range(s, e)}
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            lemma = tok.lemma_.lower()
            total[lemma] += 1
            if tok.idx in cue_chars:
                as_cue[lemma] += 1
    return as_cue, total


def train(data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Learn the cue lexicon from PolNeAR train and write it (task registry ``quotes``).

    Args:
        data_dir: the PolNeAR folder.
        out_dir: where to write ``cue_lexicon.json`` (default: the package's ``quotes/data``).

    Returns:
        The number of lemmas kept and the output path.

    Raises:
        DataMissing: PolNeAR train is absent.
    """
    as_cue, total = _count(data_dir)
    lemmas = {
        lemma: [as_cue[lemma], total[lemma]]
        for lemma in sorted(as_cue)
        if as_cue[lemma] >= MIN_COUNT and as_cue[lemma] / total[lemma] >= MIN_RATE and lemma.isalpha()
    }
    target = out_dir or Path(str(resources.files("rashomon.quotes").joinpath("data")))
    target.mkdir(parents=True, exist_ok=True)
    path = target / LEXICON_FILE
    payload = {
        "version": LEXICON_VERSION,
        "about": "verb lemma -> [times a cue, times a verb] in PolNeAR train; kept when a cue "
        f">= {MIN_COUNT} times and >= {MIN_RATE:.0%} of the time",
        "lemmas": lemmas,
    }
    path.write_text(json.dumps(payload, indent=0, sort_keys=True), encoding="utf-8")
    cue_lexicon.cache_clear()
    log.info("cue lexicon: %d lemmas -> %s", len(lemmas), path)
    return {"lemmas": len(lemmas), "path": str(path)}
