import dataclasses
from pathlib import Path

import numpy as np
import pytest

from rashomon.framing.encoder import EncodedParagraph
from rashomon.framing.heads import LinearHead, Tfidf
from rashomon.framing.techniques import (
    TECHNIQUES,
    SpanRule,
    TechniqueModel,
    evidence_spans,
    load_model,
    predict_techniques,
    spans_for,
)

OFFICIAL = (
    Path(__file__).resolve().parents[3] / "shared/data/semeval2023-task3/scorers/techniques_subtask3.txt"
)


def test_the_23_official_labels() -> None:
    assert len(TECHNIQUES) == 23 == len(set(TECHNIQUES))
    assert "Name_Calling-Labeling" in TECHNIQUES and "Appeal_to_Fear-Prejudice" in TECHNIQUES
    if OFFICIAL.exists():
        assert tuple(OFFICIAL.read_text(encoding="utf-8").split()) == TECHNIQUES


def _toy_model() -> TechniqueModel:
    dim = 4
    coef = np.zeros((dim, len(TECHNIQUES)), np.float32)
    coef[0, 0] = 10.0
    token = LinearHead(
        TECHNIQUES, coef, np.full(len(TECHNIQUES), -5.0, np.float32), np.full(23, 0.5, np.float32)
    )
    par = LinearHead(
        TECHNIQUES, np.zeros((1, 23), np.float32), np.zeros(23, np.float32), np.ones(23, np.float32)
    )
    return TechniqueModel(Tfidf((), np.zeros(0, np.float32)), par, token)


def test_spans_for_picks_the_strongest_run_and_widens_to_words() -> None:
    text = "xx These crooks lied again."
    start = 3
    # word pieces of "These crooks lied again ." relative to the paragraph; "cro" + "##oks" score high
    offsets = np.array([[0, 5], [6, 9], [9, 12], [13, 17], [18, 23], [23, 24]], np.int32)
    states = np.zeros((6, 4), np.float32)
    states[1, 0] = states[2, 0] = 1.0
    enc = EncodedParagraph(np.zeros(4, np.float32), states, offsets)
    s, e, score = spans_for(text, start, enc, 0, _toy_model())
    assert text[s:e] == "crooks"
    assert score > 0.9


def test_spans_for_falls_back_to_the_best_piece() -> None:
    text = "plain words"
    offsets = np.array([[0, 5], [6, 11]], np.int32)
    states = np.zeros((2, 4), np.float32)
    states[1, 0] = 0.3  # below the threshold, still the best piece
    enc = EncodedParagraph(np.zeros(4, np.float32), states, offsets)
    s, e, _ = spans_for(text, 0, enc, 0, _toy_model())
    assert text[s:e] == "words"


def test_shipped_model_predicts_valid_spans() -> None:
    model = load_model()
    assert model.paragraph.labels == TECHNIQUES
    text = (
        "Traitors and cowards run our country\n\n"
        "These corrupt, lying thugs will destroy everything we love unless we stop them now!\n\n"
        "The meeting is on Tuesday at the town hall."
    )
    spans = predict_techniques(text)
    assert spans, "a paragraph full of insults should carry some technique"
    for span in spans:
        assert span["technique"] in TECHNIQUES
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]
        assert span["paragraph_start"] <= span["start"] and span["end"] <= span["paragraph_end"]
        assert 0.0 <= span["score"] <= 1.0
    assert any(s["technique"] in ("Loaded_Language", "Name_Calling-Labeling") for s in spans)


def test_explicit_paragraphs_and_empty_text() -> None:
    text = "Some words. Other words."
    spans = predict_techniques(text, paragraphs=[(0, 11), (12, 24)])
    assert all(s["paragraph"] in (0, 1) for s in spans)
    assert predict_techniques("   \n\n") == []


@pytest.mark.parametrize("bad", [[(5, 3)], [(0, 999)]])
def test_invalid_paragraph_ranges_are_dropped(bad: list[tuple[int, int]]) -> None:
    assert predict_techniques("short text", paragraphs=bad) == []


def _paragraph(scores: list[float]) -> tuple[str, EncodedParagraph]:
    """A paragraph of one-piece words whose token-head logits give the wanted probabilities."""
    words = [f"w{i}" for i in range(len(scores))]
    text = " ".join(words)
    offsets, pos = [], 0
    for w in words:
        offsets.append([pos, pos + len(w)])
        pos += len(w) + 1
    states = np.zeros((len(words), 4), np.float32)
    for i, p in enumerate(scores):
        states[i, 0] = (np.log(p / (1 - p)) + 5.0) / 10.0  # inverts the toy head's 10 * x - 5
    return text, EncodedParagraph(np.zeros(4, np.float32), states, np.asarray(offsets, np.int32))


def test_evidence_spans_are_the_words_that_stand_out_not_the_paragraph() -> None:
    scores = [0.01] * 12
    scores[2], scores[3], scores[9] = 0.9, 0.8, 0.7
    text, enc = _paragraph(scores)
    rule = SpanRule(scale=1.0, relative=0.5, gap=1, max_spans=2, fallback_score=0.5)
    spans = evidence_spans(text, 0, enc, 0, _toy_model(), 0.99, rule)
    assert [text[s:e] for s, e, _ in spans] == ["w2 w3", "w9"]
    assert all(score > 0.5 for _, _, score in spans)
    one = evidence_spans(text, 0, enc, 0, _toy_model(), 0.99, dataclasses.replace(rule, max_spans=1))
    assert [text[s:e] for s, e, _ in one] == ["w2 w3"]


def test_evidence_spans_bridge_small_gaps() -> None:
    scores = [0.01, 0.9, 0.02, 0.9, 0.01, 0.01, 0.01, 0.9]
    text, enc = _paragraph(scores)
    rule = SpanRule(scale=1.0, relative=0.5, gap=1, max_spans=3, fallback_score=0.5)
    spans = evidence_spans(text, 0, enc, 0, _toy_model(), 0.9, rule)
    assert [text[s:e] for s, e, _ in spans] == ["w1 w2 w3", "w7"]


def test_whole_paragraph_only_when_confident_and_no_word_stands_out() -> None:
    text, enc = _paragraph([0.05, 0.3, 0.25, 0.1])  # all below the token threshold 0.5
    rule = SpanRule(scale=1.0, relative=0.5, gap=1, max_spans=2, fallback_score=0.7)
    assert [text[s:e] for s, e, _ in evidence_spans(text, 0, enc, 0, _toy_model(), 0.9, rule)] == [text]
    weak = evidence_spans(text, 0, enc, 0, _toy_model(), 0.4, rule)
    assert [text[s:e] for s, e, _ in weak] == ["w1 w2"]  # best piece and neighbours above half of it


def test_predict_techniques_keeps_its_fields() -> None:
    text = "They are liars and crooks.\n\nThe vote is on Friday."
    for span in predict_techniques(text):
        assert set(span) == {
            "technique", "start", "end", "text", "score", "paragraph", "paragraph_start", "paragraph_end"
        }  # fmt: skip
        assert span["end"] - span["start"] <= span["paragraph_end"] - span["paragraph_start"]
