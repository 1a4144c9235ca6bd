"""Target-directed cues: evaluative words around an actor, designations' connotation, distancing."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.framing.designations import Designation
from rashomon.framing.evaluative import designation_cues, evaluative_cues, legitimacy_cues, lexicon
from rashomon.framing.stance_targets import article_stances
from rashomon.nlp import spacy_pipeline, split_sentences

TEXT = (
    "The regime brutally crushed the peaceful marchers. "
    "The council did not help the farmers. "
    "Governor Pell claimed the vote was fair. "
    "Doctor Amsel stressed that the clinic stays open. "
    "The heroic volunteers rescued many families."
)


@pytest.fixture(scope="module")
def doc() -> Any:
    return spacy_pipeline()(TEXT)


def _at(word: str) -> list[tuple[int, int]]:
    start = TEXT.index(word)
    return [(start, start + len(word))]


def _words(cues: list[Any]) -> dict[str, float]:
    return {c.text: c.polarity for c in cues}


def test_agent_takes_the_valence_of_its_action_not_of_its_object(doc: Any) -> None:
    cues = _words(evaluative_cues(doc, _at("regime")))
    assert cues["brutally"] < 0 and cues["crushed"] < 0
    assert "peaceful" not in cues  # describes the marchers, not the regime
    assert _words(evaluative_cues(doc, _at("marchers"))) == {"peaceful": pytest.approx(lexicon()["peaceful"])}


def test_negation_flips_and_damps(doc: Any) -> None:
    cues = _words(evaluative_cues(doc, _at("council")))
    assert -lexicon()["help"] < cues["help"] < 0


def test_modifiers_and_actions_of_a_favoured_actor(doc: Any) -> None:
    cues = _words(evaluative_cues(doc, _at("volunteers")))
    assert cues["heroic"] > 0 and cues["rescued"] > 0


def test_reporting_verbs_distance_or_endorse(doc: Any) -> None:
    assert _words(legitimacy_cues(doc, _at("Pell")))["claimed"] < 0
    assert _words(legitimacy_cues(doc, _at("Amsel")))["stressed"] > 0


def test_refused_designations_turn_their_connotation_around() -> None:
    text = 'They called them "villains" and the so-called villains left; the villains stayed.'
    spans = [(m, m + 8) for m in (text.index('"villains') + 1, text.index("villains left"))]
    spans.append((text.rindex("villains"), text.rindex("villains") + 8))
    cues = designation_cues(text, [(a, b, text[a:b], "villain") for a, b in spans], {"villain": -0.8})
    assert [c.signal for c in cues] == ["legitimacy", "legitimacy", "designation"]
    assert cues[0].polarity > 0 and cues[2].polarity == -0.8


def test_article_stances_combine_names_and_designations(doc: Any) -> None:
    from rashomon.framing.designations import ActorMention

    start = TEXT.index("regime")
    mentions = [ActorMention("Regime", start, start + 6)]
    vol = TEXT.index("heroic volunteers")
    resolved = [(Designation("heroic volunteers", "volunteer", vol, vol + 17, None, "group"), "volunteer")]
    out = article_stances(
        TEXT, doc, ["Regime", "volunteer", "Absent"], mentions, resolved, {}, split_sentences(TEXT)
    )
    assert [s["target"] for s in out] == ["Regime", "volunteer"]
    assert out[0]["stance"] == "critical" and out[1]["stance"] == "favourable"
    assert out[0]["evidence"][0]["text"].startswith("The regime brutally")
