from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np

from rashomon.pipeline import ArticleStage, StageContext
from rashomon.reuse.candidates import CandidateConfig, text_sketch
from rashomon.reuse.features import (
    ReuseFeaturesStage,
    article_features,
    decode_features,
    features_match,
    quantise,
    unit_rows,
)
from rashomon.stages import all_stages

from .conftest import COPY, INDEPENDENT, SOURCE, make_article


def test_stage_contract() -> None:
    stage = ReuseFeaturesStage()
    assert isinstance(stage, ArticleStage)
    assert (stage.name, stage.requires, stage.section) == ("reuse_features", (), None)
    assert stage.version.startswith("reuse_features.v")
    assert any(s.name == "reuse_features" for s in all_stages())


def test_features_are_json_ready_compact_and_decode() -> None:
    article = make_article(SOURCE, "src")
    value = ReuseFeaturesStage().run_article(article, StageContext())
    assert json.loads(json.dumps(value)) == value
    feat = decode_features(json.loads(json.dumps(value)))
    assert next(SOURCE[a:b] for a, b in feat.sentences).startswith("Flooding forced")
    assert feat.signature.shape == (128,) and feat.signature.dtype == np.uint64
    assert np.isclose(np.linalg.norm(feat.vector), 1.0, atol=1e-4)
    # the counts are those of the text's words
    signature, columns, counts = text_sketch(SOURCE)
    assert np.array_equal(feat.columns, columns) and np.array_equal(feat.counts, counts)
    assert np.array_equal(feat.signature & np.uint64(0xFFFFFFFF), signature & np.uint64(0xFFFFFFFF))
    assert len(json.dumps(value)) < 1600 + 5 * len(SOURCE.split())  # a float JSON vector alone: ~3 KB


def test_copy_shares_signature_entries_and_vectors_the_independent_report_does_not() -> None:
    src, cpy, ind = (
        decode_features(article_features(make_article(t, k)))
        for k, t in (("s", SOURCE), ("c", COPY), ("i", INDEPENDENT))
    )
    assert np.mean(src.signature == cpy.signature) > 0.5 > 0.1 > np.mean(src.signature == ind.signature)
    assert float(src.vector @ cpy.vector) > 0.95


def test_empty_article() -> None:
    feat = decode_features(article_features(make_article("", "e")))
    assert feat.sentences == [] and (feat.signature == np.iinfo(np.uint64).max).all()
    assert not feat.vector.any()


def test_features_match_checks_the_sketch_settings() -> None:
    value = article_features(make_article(SOURCE, "s"))
    assert features_match(value, CandidateConfig())
    assert not features_match(value, CandidateConfig(num_perm=64, bands=16))
    assert not features_match(None, CandidateConfig())


def test_quantise_keeps_directions() -> None:
    rng = np.random.default_rng(0)
    v = rng.normal(size=(5, 64)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    back = unit_rows(quantise(v))
    assert np.all(np.einsum("ij,ij->i", v, back) > 0.999)


def test_same_features_in_another_process_with_another_hash_seed() -> None:
    """Dask workers are other processes: features must not depend on Python's salted hash."""
    code = (
        "import json,sys; from rashomon.reuse.features import article_features; "
        "from rashomon.model import Article; from rashomon.offsets import OffsetMap; "
        "t=sys.stdin.read(); a=Article('x','x',t,t,OffsetMap.identity(len(t))); "
        "print(json.dumps(article_features(a)))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], input=SOURCE, capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(out.stdout) == article_features(make_article(SOURCE, "x"))
