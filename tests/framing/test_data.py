from pathlib import Path

import pytest

from rashomon.errors import DataMissing
from rashomon.framing.data import PTC_TO_ST3, load_ptc_spans, load_semeval2023
from rashomon.framing.techniques import TECHNIQUES


def _tiny_dataset(root: Path) -> Path:
    en = root / "data" / "en"
    (en / "train-articles-subtask-3").mkdir(parents=True)
    (en / "train-articles-subtask-3" / "article1.txt").write_text(
        "Head\n\nThey lie.\nOk.\n", encoding="utf-8"
    )
    (en / "train-labels-subtask-1.txt").write_text("1\topinion\n", encoding="utf-8")
    (en / "train-labels-subtask-2.txt").write_text("1\tPolitical,Morality\n", encoding="utf-8")
    (en / "train-labels-subtask-3.txt").write_text("1\t1\t\n1\t3\tDoubt\n1\t4\t\n", encoding="utf-8")
    spans = en / "train-labels-subtask-3-spans"
    spans.mkdir()
    (spans / "article1-labels-subtask-3.txt").write_text("1\tDoubt\t11\t14\n", encoding="utf-8")
    return root


def test_load_semeval2023_reads_every_subtask(tmp_path: Path) -> None:
    art = load_semeval2023(_tiny_dataset(tmp_path))["1"]
    assert art.genre == "opinion"
    assert art.frames == ["Political", "Morality"]
    assert art.techniques == {1: [], 3: ["Doubt"], 4: []}
    assert art.spans == [("Doubt", 11, 14)] and art.text[11:14] == "lie"
    assert [n for n, _, _ in art.paragraphs] == [1, 3, 4]


def test_missing_data_says_where_to_point(tmp_path: Path) -> None:
    with pytest.raises(DataMissing, match="--data"):
        load_semeval2023(tmp_path)
    with pytest.raises(DataMissing):
        load_ptc_spans(tmp_path)


def test_ptc_labels_map_onto_the_23_techniques(tmp_path: Path) -> None:
    assert len(PTC_TO_ST3) == 14
    assert set(PTC_TO_ST3.values()) <= set(TECHNIQUES)
    (tmp_path / "train-task-flc-tc.labels").write_text("9\tFlag-Waving\t0\t4\n9\tUnknown\t1\t2\n")
    assert load_ptc_spans(tmp_path) == {"9": [("Flag_Waving", 0, 4)]}
