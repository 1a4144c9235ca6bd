from pathlib import Path

from rashomon.framing.frames import FRAMES, load_model, predict_frames

OFFICIAL = Path(__file__).resolve().parents[3] / "shared/data/semeval2023-task3/scorers/frames_subtask2.txt"


def test_the_14_official_frames() -> None:
    assert len(FRAMES) == 14 == len(set(FRAMES))
    if OFFICIAL.exists():
        assert tuple(OFFICIAL.read_text(encoding="utf-8").split()) == FRAMES


def test_shipped_model_returns_sorted_frames_with_evidence() -> None:
    assert load_model().head.labels == FRAMES
    text = (
        "Police arrest suspect after bank robbery\n\n"
        "Police arrested a man on Friday suspected of robbing a bank, and prosecutors charged him.\n\n"
        "The judge set bail at $50,000 and the trial is expected next year."
    )
    out = predict_frames(text)
    scores = [f["score"] for f in out]
    assert scores == sorted(scores, reverse=True)
    assert all(f["frame"] in FRAMES for f in out)
    assert all(0 <= e["start"] < e["end"] <= len(text) for f in out for e in f["evidence"])
    assert "Crime_and_punishment" in [f["frame"] for f in out]
