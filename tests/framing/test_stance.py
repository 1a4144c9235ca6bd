"""Stance aggregation from mention polarities."""

from __future__ import annotations

from rashomon.framing.evaluative import Cue
from rashomon.framing.stance import aggregate_stance, combine_stance, mention_polarity

TEXT = "The council helped. The council lied. The council met. The council saved lives."
SENTS = [(0, 19), (20, 37), (38, 54), (55, 80)]


def test_mention_polarity_is_favourable_minus_critical() -> None:
    assert mention_polarity({"Protagonist": 0.5, "Innocent": 0.2, "Antagonist": 0.3}) == 0.4


def test_favourable_with_evidence_sentences() -> None:
    out = aggregate_stance("council", TEXT, [(4, 11, 0.8), (59, 66, 0.6), (42, 49, 0.0)], SENTS)
    assert out["stance"] == "favourable"
    assert [e["text"] for e in out["evidence"][:2]] == ["The council helped.", "The council saved lives."]


def test_critical_mixed_and_neutral() -> None:
    assert aggregate_stance("c", TEXT, [(24, 31, -0.9)], SENTS)["stance"] == "critical"
    mixed = aggregate_stance("c", TEXT, [(4, 11, 0.9), (24, 31, -0.8)], SENTS)
    assert mixed["stance"] == "mixed" and len(mixed["evidence"]) == 2
    neutral = aggregate_stance("c", TEXT, [(42, 49, 0.05), (4, 11, -0.1)], SENTS)
    assert neutral["stance"] == "neutral" and 0 <= neutral["score"] <= 1


def test_no_mentions_is_neutral_without_evidence() -> None:
    assert aggregate_stance("c", TEXT, [], SENTS)["evidence"] == []


def _cue(signal: str, start: int, pol: float) -> Cue:
    return Cue(signal, start, start + 3, pol, "w")


def test_combined_cues_decide_with_evidence_and_signals() -> None:
    cues = [_cue("evaluative", 12, 0.6), _cue("designation", 59, 0.5), _cue("role", 4, 0.2)]
    out = combine_stance("council", TEXT, cues, SENTS, mentions=3)
    assert out["stance"] == "favourable" and out["mentions"] == 3
    assert out["signals"]["evaluative"] == {"polarity": 0.6, "count": 1}
    assert out["signals"]["legitimacy"]["count"] == 0
    assert [e["text"] for e in out["evidence"]] == ["The council helped.", "The council saved lives."]
    assert out["evidence"][0]["cues"][0]["signal"] in ("evaluative", "role")


def test_one_weak_cue_is_not_enough_and_opposite_sentences_are_mixed() -> None:
    assert combine_stance("c", TEXT, [_cue("role", 24, -0.1)], SENTS)["stance"] == "neutral"
    mixed = combine_stance("c", TEXT, [_cue("evaluative", 4, 0.8), _cue("evaluative", 24, -0.8)], SENTS)
    assert mixed["stance"] == "mixed" and len(mixed["evidence"]) == 2
    critical = combine_stance("c", TEXT, [_cue("evaluative", 24, -0.9), _cue("legitimacy", 42, -0.5)], SENTS)
    assert critical["stance"] == "critical" and critical["mean_polarity"] < 0
    assert all(e["polarity"] < 0 for e in critical["evidence"])


def test_weights_switch_signals_off() -> None:
    cues = [_cue("evaluative", 24, -0.9), _cue("role", 4, 0.9)]
    only_role = combine_stance("c", TEXT, cues, SENTS, weights={"evaluative": 0.0, "role": 1.0})
    assert only_role["stance"] == "favourable"
    assert combine_stance("c", TEXT, [], SENTS)["evidence"] == []
