from __future__ import annotations

from rashomon.reuse.align import align_texts
from rashomon.reuse.direction import credits, date_vote, find_credit, information_vote, outlet_names

from .conftest import make_article


def test_credits_find_cues_before_and_after_names() -> None:
    text = (
        "Police said so. According to Reuters, five died. The New York Times reported that more may die. "
        "Le Monde has published an analysis of the deal."
    )
    names = [c.name for c in credits(text)]
    assert names == ["Reuters", "New York Times", "Le Monde"]


def test_credits_ignore_possessive_and_plain_sentences() -> None:
    assert [c.name for c in credits("According to the Guardian’s analysis, it was planned.")] == ["Guardian"]
    assert credits("The minister spoke to farmers on Monday.") == []


def test_outlet_names_from_outlet_and_host() -> None:
    a = make_article("x", "a", outlet="The Guardian", url="https://www.theguardian.com/world/1")
    names = outlet_names(a)
    assert "the guardian" in names and "guardian" in names and "theguardian" in names


def test_find_credit_by_outlet_name() -> None:
    src = make_article("Text of the source.", "s", outlet="Valley Post")
    tgt = make_article("As the Valley Post wrote on Monday, the dam is weak.", "t")
    credited, strength, why = find_credit(src, tgt)
    assert credited and strength == 1.0 and "Valley Post" in why


def test_find_credit_without_source_metadata() -> None:
    src = make_article("The dam is weak, engineers say.", "s")
    tgt = make_article("The Harbour Herald has published an analysis: the dam is weak.", "t")
    credited, strength, _ = find_credit(src, tgt)
    assert credited and strength == 0.5
    # a credit to a name the source itself mentions is the source's own source, not the source
    src2 = make_article("The Harbour Herald says the dam is weak.", "s2")
    assert not find_credit(src2, tgt)[0]


def test_date_vote() -> None:
    a = make_article("x", "a", published="2024-01-02")
    b = make_article("y", "b", published="2024-01-03T08:00:00")
    vote = date_vote(a, b)
    assert vote is not None and vote.weight > 0
    assert date_vote(b, a) is not None and date_vote(b, a).weight < 0  # type: ignore[union-attr]
    assert date_vote(a, make_article("z", "c")) is None
    assert date_vote(a, make_article("z", "c", published="not a date")) is None


def test_information_vote_prefers_the_detailed_side() -> None:
    rich = (
        "Mayor Ingrid Falk said 1,200 residents left Holmbridge on Sunday. "
        "Crews from Dunmore and Eastfield rescued 46 people. The damage is 30 million euros."
    )
    poor = "The mayor said many residents left the town. Crews rescued many people. The damage is large."
    a, b = make_article(rich, "a"), make_article(poor, "b")
    vote = information_vote(a, b, align_texts(rich, poor, min_similarity=0.2))
    assert vote is not None and vote.weight > 0


def test_garble_vote_points_at_the_side_with_rarer_or_misspelt_rewording() -> None:
    from rashomon.reuse.direction import garble_vote

    plain = (
        "The city council approved a new budget on Monday after a long debate. "
        "The mayor said the plan would help small shops and keep taxes low for families. "
        "Workers will start to repair the old bridge next month and finish before winter."
    )
    spun = (
        "The metropolis conclave ratified a novel budget on Monday after a protracted deliberation. "
        "The mayor said the stratagem would abet diminutive emporia and retain levies lowly for kinfolk. "
        "Labourers will commence to refurbish the antiquated bridge next month and finsh before winter."
    )
    a, b = make_article(plain, "a"), make_article(spun, "b")
    vote = garble_vote(a, b, align_texts(plain, spun, min_similarity=0.2))
    assert vote is not None and vote.weight > 0 and "rarer" in vote.evidence
    back = garble_vote(b, a, align_texts(spun, plain, min_similarity=0.2))
    assert back is not None and back.weight < 0
    assert garble_vote(a, a, align_texts(plain, plain)) is None
    assert garble_vote(a, b, align_texts(plain, spun, min_similarity=0.2), lang="xx") is None
