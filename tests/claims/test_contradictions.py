from __future__ import annotations

import numpy as np

from rashomon.claims.contradictions import Statement, asserted_actions, find_contradiction, negated_actions
from rashomon.claims.grouping import sentence_keys
from rashomon.claims.quantities import extract_quantities


def _vec(angle: float) -> np.ndarray:
    """Unit vectors whose cosine is cos(angle difference)."""
    return np.asarray([np.cos(angle), np.sin(angle)], dtype=np.float32)


def _st(ref: int, article: str, text: str, angle: float = 0.0, context: str = "") -> Statement:
    keys = sentence_keys(text, ())
    if context:
        keys |= {k for k in sentence_keys(context, ()) if k.startswith("a:")}
    return Statement(
        ref,
        article,
        100,
        100 + len(text),
        text,
        _vec(angle),
        frozenset(keys),
        tuple(extract_quantities(text)),
        context,
    )


def test_different_numbers_for_the_same_force() -> None:
    a = _st(0, "a", "The Northern Coalition sent about 2,500 troops to Varnia.")
    b = _st(1, "b", "The Northern Coalition has deployed 3,000 troops to Varnia.", 0.3)
    conflict = find_contradiction(a, b)
    assert conflict is not None and conflict["type"] == "number"
    (s1, e1), (s2, e2) = conflict["spans"]
    assert a.text[s1 - a.start : e1 - a.start] == "2,500"
    assert b.text[s2 - b.start : e2 - b.start] == "3,000"


def test_same_number_in_other_words_is_no_conflict() -> None:
    a = _st(0, "a", "The Northern Coalition sent about 2,500 troops to Varnia.")
    b = _st(1, "b", "Two and a half thousand Northern Coalition troops are in Varnia.", 0.3)
    assert find_contradiction(a, b) is None


def test_unrelated_numbers_are_not_flagged() -> None:
    # different counted things
    a = _st(0, "a", "The Northern Coalition sent 2,500 troops to Varnia.")
    b = _st(1, "b", "Varnia said 3,000 protesters gathered in the capital.", 0.3)
    assert find_contradiction(a, b) is None
    # same head word but about other actors and topics
    c = _st(2, "c", "Brazil moved 3,000 troops to the Amazon border.", 1.2)
    assert find_contradiction(a, c) is None
    # years are not quantities
    d = _st(3, "d", "The Northern Coalition was founded in 1999 in Varnia.", 0.3)
    e = _st(4, "e", "The Northern Coalition was founded in 2001 in Varnia.", 0.3)
    assert find_contradiction(d, e) is None or find_contradiction(d, e)["type"] != "number"


def test_rounding_of_hedged_figures_is_tolerated() -> None:
    a = _st(0, "a", "The Northern Coalition has about 2,500 troops in Varnia.")
    b = _st(1, "b", "The Northern Coalition has some 2,400 troops in Varnia.", 0.2)
    assert find_contradiction(a, b) is None


def test_negated_statement() -> None:
    a = _st(0, "a", "The decision to close the Lindow mine was taken in Brenstadt.")
    b = _st(1, "b", "The decision not to close the Lindow mine was taken in Brenstadt.", 0.2)
    conflict = find_contradiction(a, b)
    assert conflict is not None and conflict["type"] == "negation"


def test_action_denied_and_reported() -> None:
    a = _st(
        0, "a", "Mayor Olsen thanked the Varnian troops but said they had not taken part in any fighting."
    )
    b = _st(
        1,
        "b",
        "They helped the Varnian army recapture the harbour from rebels.",
        0.9,
        context="About 2,000 Varnian troops have arrived.",
    )
    conflict = find_contradiction(a, b)
    assert conflict is not None and conflict["type"] == "action"
    assert "combat" in conflict["reason"]


def test_action_detectors() -> None:
    assert "combat" in negated_actions("they had not taken part in any fighting")
    assert "combat" not in asserted_actions("they had not taken part in any fighting")
    assert "combat" in asserted_actions("they helped recapture the airport")
    assert negated_actions("they fought hard, but not for long") == {}


def test_different_subjects_are_never_compared() -> None:
    a = _st(0, "a", "Mayor Olsen said the police had not arrested anyone.")
    b = _st(1, "b", "Rebels in Qatmar arrested two journalists.", 0.5)
    assert find_contradiction(a, b) is None


def test_modal_and_lookalike_words_are_not_reported_actions() -> None:
    assert "participation" not in asserted_actions("The pact has made joint deployments before.")
    assert "participation" not in asserted_actions("Soon they will be joined by units from other countries.")
    assert "participation" in asserted_actions("Units from other countries joined them on Monday.")


def test_shared_name_without_shared_actor_is_no_action_conflict() -> None:
    a = _st(
        0, "a", "Mayor Olsen thanked the Varnian troops but said they had not taken part in any fighting."
    )
    b = _st(1, "b", "Mayor Olsen condemned the attack on the Varnian parliament by unknown gunmen.", 0.5)
    assert find_contradiction(a, b) is None


def test_twice_counted_head_is_not_one_quantity() -> None:
    a = _st(0, "a", "Olsen's party in Varnia needs a net gain of six seats to win the Varnian senate.")
    b = _st(
        1,
        "b",
        "Olsen's party in Varnia needs two seats for the senate and 23 seats for the Varnian house.",
        0.2,
    )
    assert find_contradiction(a, b) is None


def test_scheduled_and_distant_actions_do_not_conflict() -> None:
    assert "meeting" not in asserted_actions("He is scheduled to meet the troops on Monday.")
    assert "meeting" not in negated_actions(
        "The troops did not brief him about his secret meeting with rebels."
    )
