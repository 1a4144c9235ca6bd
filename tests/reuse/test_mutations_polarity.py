from __future__ import annotations

from rashomon.nlp.sentences import split_sentences
from rashomon.reuse.align import Alignment
from rashomon.reuse.model import AlignedPassage
from rashomon.reuse.mutations import detect_mutations

SOURCE = (
    "Some in Moscow praised the decision to intervene. "
    "Shops in the capital stayed closed for three days. "
    "Analysts say the decision to intervene was taken in Moscow by the president."
)
TARGET = (
    "The decision not to intervene was taken in Moscow by the president, analysts say. "
    "Shops in the capital were closed for three days."
)


def _misaligned() -> Alignment:
    """Target sentence 0 aligned with source sentence 0 (a neighbour), not the one it restates."""
    s, t = split_sentences(SOURCE), split_sentences(TARGET)
    passages = (AlignedPassage(s[0], t[0], 0.6, (0,), (0,)), AlignedPassage(s[1], t[1], 0.9, (1,), (1,)))
    return Alignment(passages, (s[2],), (), 1.0, 0.6)


def test_negation_is_found_against_the_restated_sentence_outside_the_passage() -> None:
    found = [m for m in detect_mutations(SOURCE, TARGET, _misaligned()) if m.type == "negation"]
    assert len(found) == 1
    m = found[0]
    assert m.source_span is not None and m.target_span is not None
    assert m.source_span[0] >= SOURCE.index("Analysts")  # the restated sentence, not the aligned one
    assert TARGET[m.target_span[0] : m.target_span[1]].count("not") == 1


def test_same_polarity_restatement_yields_no_negation() -> None:
    target = TARGET.replace("not to intervene", "to intervene")
    s, t = split_sentences(SOURCE), split_sentences(target)
    passages = (AlignedPassage(s[0], t[0], 0.6, (0,), (0,)), AlignedPassage(s[1], t[1], 0.9, (1,), (1,)))
    alignment = Alignment(passages, (s[2],), (), 1.0, 0.6)
    assert not [m for m in detect_mutations(SOURCE, target, alignment) if m.type == "negation"]
