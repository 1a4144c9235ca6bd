"""Stance aggregation from mention polarities."""

from __future__ import annotations

from rashomon.framing.stance import aggregate_stance, mention_polarity

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
