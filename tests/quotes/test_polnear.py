from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.errors import DataMissing
from rashomon.quotes.polnear import evaluate, load_split, parse_ann, score_article

ANN = """T1\tSource 0 3\tBob
T2\tCue 4 8\tsaid
T3\tContent 9 20\tit was fine
T4\tAttribution 4 8\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 30 40;45 50\tsplit cue
T6\tContent 51 60\tsomething
E2\tContent:T6 Cue:T5
"""


def test_parse_ann_reads_discontinuous_spans_and_links() -> None:
    gold = parse_ann(ANN)
    assert len(gold) == 2
    assert gold[0].source == [(0, 3)] and gold[0].content == [(9, 20)]
    assert gold[1].cue == [(30, 40), (45, 50)] and gold[1].source == []


def test_score_counts_overlap_and_speaker() -> None:
    gold = parse_ann(ANN)
    predicted = [
        {"content": (12, 25), "speaker": (0, 3)},
        {"content": (55, 58), "speaker": None},
        {"content": (70, 80), "speaker": None},
    ]
    counts = score_article(predicted, gold)
    assert counts == {
        "predicted": 3,
        "predicted_ok": 2,
        "gold": 2,
        "gold_found": 2,
        "speaker_total": 1,
        "speaker_ok": 1,
    }


def test_missing_split_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataMissing):
        load_split(tmp_path, "dev")


# measured on dev (84 articles): overlap F1 0.786, speaker accuracy 0.842; margin for parser noise
DEV_F1_FLOOR = 0.75


@pytest.mark.slow
def test_dev_overlap_f1_floor(shared_dir: Path) -> None:
    figures = evaluate(shared_dir / "data" / "polnear", "dev")
    assert figures["content_overlap_f1"] >= DEV_F1_FLOOR, figures
    assert figures["speaker_accuracy"] >= 0.8, figures
