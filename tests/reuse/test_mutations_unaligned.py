"""Unaligned sentences: loose restatements are examined, supported facts are not additions."""

from __future__ import annotations

from rashomon.reuse.align import Alignment
from rashomon.reuse.model import AlignedPassage
from rashomon.reuse.mutations import detect_mutations
from rashomon.reuse.mutations_lexicon import tokenize
from rashomon.reuse.mutations_unaligned import TextIndex, pair_restatements, supported, unaligned_sentences


def test_unaligned_sentences_are_absolute_spans() -> None:
    text = "Intro here. First left out. Second left out."
    spans = unaligned_sentences(text, ((12, len(text)),))
    assert [text[a:b] for a, b in spans] == ["First left out.", "Second left out."]


def test_restatements_pair_by_shared_content_words() -> None:
    source = "Although the league is young, the decision to expand was almost certainly taken in Geneva."
    target = "The decision not to expand the league was taken in Geneva. Bakers sold bread."
    pairs = pair_restatements(source, target, [(0, len(source))], [(0, 59), (60, len(target))])
    assert pairs == [((0, len(source)), (0, 59))]


def test_restated_negation_is_found_without_alignment() -> None:
    source = "The weather was fine. Although the league is young, the decision to expand was almost certainly taken in Geneva."
    target = "The weather was fine. The decision not to expand the league was taken in Geneva."
    alignment = Alignment(
        (AlignedPassage((0, 21), (0, 21), 1.0),), ((22, len(source)),), ((22, len(target)),), 0.3
    )
    found = {m.type for m in detect_mutations(source, target, alignment)}
    assert "negation" in found
    assert not found & {"addition", "omission"}


def test_supported_needs_numbers_names_and_words() -> None:
    other = TextIndex.of(
        "About two and a half thousand soldiers from Ruritania arrived in the capital on Friday."
    )
    assert supported(tokenize("On Friday 2,500 Ruritania soldiers arrived in the capital."), other)
    assert not supported(tokenize("On Friday 3,500 Ruritania soldiers arrived in the capital."), other)
    assert not supported(tokenize("On Friday 2,500 Borduria soldiers arrived in the capital."), other)
    assert not supported(tokenize("Soldiers from Ruritania shot protesters in the capital."), other)
