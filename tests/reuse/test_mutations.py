"""Mutation detection: one test group per type, and meaning-preserving rewrites that must stay silent."""

from __future__ import annotations

import time

import pytest

from rashomon.errors import RashomonError
from rashomon.reuse.align import Alignment, align_texts
from rashomon.reuse.model import AlignedPassage, Mutation
from rashomon.reuse.mutations import AlignmentMismatch, detect_mutations, salience
from rashomon.reuse.mutations_lexicon import tokenize


def one_passage(source: str, target: str) -> Alignment:
    """The whole source aligned with the whole target, as one passage."""
    return Alignment((AlignedPassage((0, len(source)), (0, len(target)), 0.9),), (), (), 1.0)


def detect(source: str, target: str) -> list[Mutation]:
    return detect_mutations(source, target, one_passage(source, target))


def types(source: str, target: str) -> list[str]:
    return [m.type for m in detect(source, target)]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The council decided to close the harbour.", "The council decided not to close the harbour."),
        ("The mayor did not sign the order.", "The mayor signed the order."),
        ("The union agreed to the new contract.", "The union refused the new contract."),
        ("Exports rose sharply in March.", "Exports fell sharply in March."),
        ("The board can't approve the merger.", "The board can approve the merger."),
    ],
)
def test_negation(source: str, target: str) -> None:
    assert types(source, target) == ["negation"]


def test_negation_explanation_and_spans() -> None:
    source = "The decision to intervene was taken in Ankara."
    target = "The decision not to intervene was taken in Ankara."
    (m,) = detect(source, target)
    assert ("NOT" in m.explanation and "opposite" not in m.explanation) or "negates" in m.explanation
    assert m.target_span is not None and target[m.target_span[0] : m.target_span[1]] == m.target_text
    assert "not" in m.target_text
    assert 0 < m.confidence <= 1


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The bridge will reopen on Friday.", "The bridge may reopen on Friday."),
        ("The minister was in Lyon that night.", "The minister was reportedly in Lyon that night."),
        ("The fire was almost certainly set on purpose.", "The fire was set on purpose."),
        ("Police said the driver was drunk.", "Police claimed the driver was drunk."),
        ("The vaccine could reduce deaths.", "The vaccine will reduce deaths."),
    ],
)
def test_hedge(source: str, target: str) -> None:
    assert types(source, target) == ["hedge"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Some 1,200 workers lost their jobs.", "Some 1,700 workers lost their jobs."),
        ("The storm killed five people.", "The storm killed seven people."),
        ("The project cost 3.5 million euros.", "The project cost 5.3 million euros."),
        ("In 2019 the factory closed.", "In 2017 the factory closed."),
    ],
)
def test_number(source: str, target: str) -> None:
    assert types(source, target) == ["number"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Minister Aigerim Nurlanovna opened the plant.", "Minister Aigerim Nurlanova opened the plant."),
        ("The ruling was written by Judge Okonkwo.", "The ruling was written by Judge Okonkow."),
        ("Coach Hallgrimsson resigned after the match.", "Coach Gudmundsson resigned after the match."),
    ],
)
def test_name(source: str, target: str) -> None:
    assert types(source, target) == ["name"]


def test_transliteration_is_explained_gently() -> None:
    (m,) = detect("Envoy Dmitriy Yurchenko arrived.", "Envoy Dmitri Iurchenko arrived.")
    assert m.type == "name" and "transliteration" in m.explanation


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The senator said she would resign.", "The senator said he would resign."),
        ("His lawyer filed the appeal.", "Her lawyer filed the appeal."),
    ],
)
def test_pronoun(source: str, target: str) -> None:
    assert types(source, target) == ["pronoun"]


def test_quote_altered() -> None:
    source = "“We will rebuild every school in the valley,” the governor said."
    target = "“We will rebuild some schools in the valley,” the governor said."
    assert types(source, target) == ["quote"]


def test_quote_marks_dropped_and_added() -> None:
    quoted = "“The river has never been this low,” the engineer said."
    plain = "The river has never been this low, the engineer said."
    assert types(quoted, plain) == ["quote"]
    assert "drops the quotation marks" in detect(quoted, plain)[0].explanation
    said = "The engineer said that the river was lower than ever before."
    put_in_quotes = "The engineer said “the river was lower than ever before.”"
    assert types(said, put_in_quotes) == ["quote"]


def test_attribution_dropped() -> None:
    source = "The dam is unsafe and must be drained, the regional inspector said."
    target = "The dam is unsafe and must be drained."
    (m,) = detect(source, target)
    assert m.type == "attribution" and "without attribution" in m.explanation


def test_attribution_moved_to_another_speaker() -> None:
    source = "Kowalczyk said the budget had been balanced."
    target = "Abernathy said the budget had been balanced."
    assert types(source, target) == ["attribution"]


def test_addition_and_omission_from_unaligned_sentences() -> None:
    source = "The plant opened on Monday. Eleven workers were injured in a blast last year. It is big."
    target = "The plant opened on Monday. Police arrested 3 activists at the gate. It is big."
    s_sents = [(0, 27), (28, 74), (75, 85)]
    t_sents = [(0, 27), (28, 68), (69, 79)]
    alignment = Alignment(
        passages=(
            AlignedPassage(s_sents[0], t_sents[0], 1.0),
            AlignedPassage(s_sents[2], t_sents[2], 1.0),
        ),
        omissions=(s_sents[1],),
        additions=(t_sents[1],),
        coverage=0.6,
    )
    found = {m.type: m for m in detect_mutations(source, target, alignment)}
    assert set(found) == {"addition", "omission"}
    assert found["omission"].source_span == s_sents[1] and found["omission"].target_span is None
    assert found["addition"].target_text == target[28:68]


def test_filler_is_neither_added_nor_omitted() -> None:
    source = "The plant opened on Monday. The mood was tense at times."
    target = "The plant opened on Monday. Questions remain about what comes next."
    alignment = Alignment(
        (AlignedPassage((0, 27), (0, 27), 1.0),), ((28, len(source)),), ((28, len(target)),), 0.4
    )
    assert detect_mutations(source, target, alignment) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The big company bought the small firm.", "The large company purchased the small firm."),
        ("On Monday, the committee approved the budget.", "The committee approved the budget on Monday."),
        ("The committee approved the budget.", "The budget was approved by the committee."),
        ("About 2,500 soldiers were sent.", "About two and a half thousand soldiers were sent."),
        ("The firm paid 2,500,000 dollars.", "The firm paid 2.5 million dollars."),
        ("She didn't vote.", "She did not vote."),
        ("The mayor said the road was closed.", "The mayor stated the road was closed."),
        ("“We are ready,” Okafor said.", '"We are ready," Okafor said.'),
        ("The minister resigned. Critics welcomed it.", "The minister resigned, and critics welcomed it."),
        ("Prices will not rise, the bank said.", "The bank said prices will not rise."),
    ],
)
def test_meaning_preserving_rewrites_are_not_mutations(source: str, target: str) -> None:
    assert detect(source, target) == []


def test_spans_point_at_the_texts() -> None:
    source = "Officials said 40 people were evacuated. The governor did not visit."
    target = "Officials said 60 people were evacuated. The governor visited."
    for m in detect(source, target):
        assert m.source_span is not None and m.target_span is not None
        assert source[m.source_span[0] : m.source_span[1]] == m.source_text
        assert target[m.target_span[0] : m.target_span[1]] == m.target_text
    assert sorted(types(source, target)) == ["negation", "number"]


def test_with_real_alignment() -> None:
    source = (
        "Flooding forced 3,000 residents from their homes on Tuesday. "
        "The river authority said the levee would hold. "
        "Engineer Marta Vilanova warned that repairs would take weeks."
    )
    target = (
        "Flooding forced 3,000 residents from their homes on Tuesday. "
        "The river authority said the levee would not hold. "
        "Engineer Marta Vilanowa warned that repairs would take weeks. "
        "Troops shot two looters near the old bridge."
    )
    found = sorted(m.type for m in detect_mutations(source, target, align_texts(source, target)))
    assert found == ["addition", "name", "negation"]


def test_mismatched_alignment_is_an_error() -> None:
    with pytest.raises(AlignmentMismatch) as err:
        detect_mutations("short", "text", one_passage("a much longer source", "text"))
    assert isinstance(err.value, RashomonError)


def test_salience() -> None:
    assert salience(tokenize("Questions remain about what happens next."))[0] == 0
    score, reasons = salience(tokenize("Soldiers killed 12 protesters in the capital."))
    assert score >= 0.8 and "numbers" in reasons


def test_speed_per_passage() -> None:
    source = "The regional council said on Tuesday it would not raise the water tax by 4% next year."
    target = "The regional council said on Tuesday it may raise the water tax by 6% next year."
    alignment = one_passage(source, target)
    detect_mutations(source, target, alignment)  # warm caches
    t0 = time.perf_counter()
    for _ in range(200):
        detect_mutations(source, target, alignment)
    per_pair = (time.perf_counter() - t0) / 200
    assert per_pair < 0.01  # a few ms at most, even on a busy machine


def test_attribution_with_words_between_verb_and_clause() -> None:
    source = (
        "He has said, among other things, that the mayor would run into problems over the bridge contract."
    )
    target = "The mayor would run into problems over the bridge contract."
    assert types(source, target) == ["attribution"]


def test_attribution_after_a_quote_with_a_title_abbreviation() -> None:
    source = "“He will serve the county well,” the governor said of Mr. Whitaker."
    target = "“He will serve the county well.”"
    assert types(source, target) == ["attribution"]


def test_attribution_plural_present_verb() -> None:
    source = "It would be a mistake to treat voters as one bloc, the authors write."
    target = "It would be a mistake to treat voters as one bloc."
    assert types(source, target) == ["attribution"]


def test_dropped_cue_is_not_hidden_by_a_kept_cue_of_the_same_speaker() -> None:
    source = "Parnas said that later a friend at the fund told Parnas to stay away from the broker."
    target = "Later a friend at the fund told Parnas to stay away from the broker."
    assert types(source, target) == ["attribution"]


def test_kept_attribution_with_extra_words_is_not_flagged() -> None:
    source = "The minister said on national radio that the tax would rise next year."
    target = "The minister said on national radio that the levy would rise next year."
    assert types(source, target) == []
