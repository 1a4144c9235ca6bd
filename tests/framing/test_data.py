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


def test_allsides_genre_rules() -> None:
    from rashomon.framing.data import allsides_genre

    assert allsides_genre("CNN (Web News)", "https://cnn.com/2019/01/02/opinions/x.html", "T") == "opinion"
    assert allsides_genre("Fox News", "https://x.com/a", "Opinion | Why I left") == "opinion"
    assert allsides_genre("Guest Writer - Left", "https://x.com/a", "T") == "opinion"
    assert allsides_genre("New York Times - News", "https://nytimes.com/2019/us/x.html", "T") == "reporting"
    assert allsides_genre("Reuters", "https://reuters.com/article/x", "T") == "reporting"
    assert allsides_genre("Vox", "https://vox.com/x", "T") is None
    # a news blog of a news section is still reporting
    assert allsides_genre("NPR Online News", "https://npr.org/blogs/thetwo-way/x", "T") == "reporting"


def test_load_weak_genre_reads_both_corpora(tmp_path: Path) -> None:
    import gzip
    import json

    from rashomon.framing.data import load_weak_genre

    (tmp_path / "allsides").mkdir()
    body = "\n".join(f"Paragraph {i} " + "words " * 20 for i in range(30))
    items = [
        {
            "ID": "a1",
            "source": "Reuters",
            "url": "https://r.com/x",
            "title": "News",
            "content_original": body,
        },
        {
            "ID": "a2",
            "source": "Vox",
            "url": "https://v.com/opinion/y",
            "title": "View",
            "content_original": body,
        },
        {"ID": "a3", "source": "Vox", "url": "https://v.com/z", "title": "?", "content_original": body},
    ]
    with gzip.open(tmp_path / "allsides" / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(d) for d in items) + "\n")
    (tmp_path / "basil" / "articles" / "2016").mkdir(parents=True)
    (tmp_path / "basil" / "articles" / "2016" / "e_1.json").write_text(
        json.dumps({"source": "fox", "title": "Event", "body-paragraphs": [["One."], ["Two."]]}),
        encoding="utf-8",
    )
    weak = {w.article.id: w for w in load_weak_genre(tmp_path, per_label=5)}
    assert set(weak) == {"allsides-a1", "allsides-a2", "basil-e_1"}
    assert weak["allsides-a1"].article.genre == "reporting" and weak["allsides-a2"].article.genre == "opinion"
    assert weak["basil-e_1"].article.text == "Event\n\nOne.\n\nTwo.\n"
    assert len(weak["allsides-a1"].article.paragraphs) == 13  # title + the first 12 paragraphs
    with pytest.raises(DataMissing):
        load_weak_genre(tmp_path / "nowhere")
