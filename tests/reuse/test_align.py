from __future__ import annotations

import numpy as np
import pytest

from rashomon.nlp.sentences import split_sentences
from rashomon.reuse.align import align_texts, lexical_similarity, sentence_similarity

from .conftest import COPY, INDEPENDENT, SOURCE


def test_identical_texts_align_fully() -> None:
    al = align_texts(SOURCE, SOURCE)
    assert len(al.passages) == len(split_sentences(SOURCE))
    assert all(p.similarity == pytest.approx(1.0) for p in al.passages)
    assert al.coverage == pytest.approx(1.0)
    assert al.omissions == () and al.additions == ()


def test_copy_with_drop_and_filler() -> None:
    al = align_texts(SOURCE, COPY)
    dropped = "Falk asked volunteers to bring sandbags to the fire station on Quay Road."
    filler = "Stay with us for more updates."
    assert [SOURCE[a:b] for a, b in al.omissions] == [
        dropped,
        "The last flood of this size hit the town in 1987.",
    ]
    assert [COPY[a:b] for a, b in al.additions] == [filler]
    assert 0.9 < al.coverage < 1.0
    # monotone: both sides strictly increase
    starts = [(p.source_span[0], p.target_span[0]) for p in al.passages]
    assert starts == sorted(starts)
    assert all(SOURCE[slice(*p.source_span)] == COPY[slice(*p.target_span)] for p in al.passages)


def test_merged_sentences_align_two_to_one() -> None:
    source = "The council met on Tuesday. It approved the new budget of 4 million. Nobody objected."
    target = "The council met on Tuesday and approved the new budget of 4 million. Nobody objected at all."
    al = align_texts(source, target)
    first = al.passages[0]
    assert first.source_sentences == (0, 1)
    assert first.target_sentences == (0,)
    assert first.similarity > 0.8


def test_split_sentence_aligns_one_to_two() -> None:
    source = "The council met on Tuesday and approved the new budget of 4 million. Nobody objected."
    target = "The council met on Tuesday. It approved the new budget of 4 million. Nobody objected."
    al = align_texts(source, target)
    assert al.passages[0].target_sentences == (0, 1)


def test_independent_texts_share_little() -> None:
    al = align_texts(SOURCE, INDEPENDENT)
    assert al.coverage < 0.3


def test_embeddings_raise_paraphrase_similarity() -> None:
    source, target = "Prices rose sharply.", "Costs went up a lot."
    lexical = align_texts(source, target)
    assert lexical.passages == ()
    vec = np.ones((1, 4), dtype=np.float32) / 2  # the same unit vector on both sides: cosine 1
    with_vecs = align_texts(source, target, source_vecs=vec, target_vecs=vec)
    assert len(with_vecs.passages) == 1 and with_vecs.passages[0].similarity == pytest.approx(1.0)


def test_empty_and_mismatched_inputs() -> None:
    assert align_texts("", SOURCE).coverage == 0.0
    assert align_texts(SOURCE, "").passages == ()
    with pytest.raises(ValueError, match="source_vecs has 1 rows"):
        align_texts(SOURCE, COPY, source_vecs=np.zeros((1, 4), np.float32), target_vecs=None)
    with pytest.raises(ValueError, match="min_similarity"):
        align_texts(SOURCE, COPY, min_similarity=1.5)


def test_given_sentence_spans_are_used() -> None:
    text = "one two three four. five six seven eight."
    spans = [(0, len(text))]
    al = align_texts(text, text, source_sents=spans, target_sents=spans)
    assert al.passages[0].source_span == (0, len(text))


def test_similarity_helpers() -> None:
    assert lexical_similarity("Mayor Falk spoke.", "Mayor Falk spoke.") == 1.0
    assert lexical_similarity("a an", "Mayor") == 0.0
    m = sentence_similarity(["Mayor Falk spoke.", "Rain fell."], ["Rain fell hard."])
    assert m.shape == (2, 1) and m[1, 0] > m[0, 0]


def _unit(rows: list[list[float]]) -> np.ndarray:
    v = np.asarray(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_second_pass_aligns_a_weak_paraphrase_between_aligned_neighbours() -> None:
    source = "Alpha opened the plant. Bravo xylophones quietly. Charlie closed the mine."
    target = "Alpha opened the plant. Dulcimers hum for Delta. Charlie closed the mine."
    # sentence 2 of each side: cosine 0.45, under the main threshold, above the gap threshold
    src_vecs = _unit([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]])
    tgt_vecs = _unit([[1, 0, 0, 0], [0, 0.45, 0.893, 0], [0, 0, 0, 1]])
    kwargs = {"source_vecs": src_vecs, "target_vecs": tgt_vecs}
    first_only = align_texts(source, target, gap_similarity=None, **kwargs)
    assert len(first_only.passages) == 2 and len(first_only.additions) == 1
    both = align_texts(source, target, **kwargs)
    assert [p.target_sentences for p in both.passages] == [(0,), (1,), (2,)]
    assert both.additions == () and both.omissions == ()
    assert both.passages[1].similarity == pytest.approx(0.45, abs=0.01)


def test_second_pass_keeps_order_and_threshold() -> None:
    source = "Alpha opened the plant. Bravo xylophones quietly. Charlie closed the mine."
    target = "Dulcimers hum for Delta. Alpha opened the plant. Charlie closed the mine."
    src_vecs = _unit([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]])
    # the weak paraphrase sits before "Alpha" in the target: outside the gap, so it stays unaligned
    tgt_vecs = _unit([[0, 0.45, 0.893, 0], [1, 0, 0, 0], [0, 0, 0, 1]])
    al = align_texts(source, target, source_vecs=src_vecs, target_vecs=tgt_vecs)
    assert [p.target_sentences for p in al.passages] == [(1,), (2,)]
    unrelated = _unit([[1, 0, 0, 0], [0, 0.3, 0.954, 0], [0, 0, 0, 1]])
    al = align_texts(source, source.replace("Bravo xylophones quietly", "Dulcimers hum for Delta"),
                     source_vecs=src_vecs, target_vecs=unrelated)  # fmt: skip
    assert len(al.passages) == 2


def test_a_sentence_split_in_three_joins_one_passage() -> None:
    source = "Alpha opened the plant and Bravo closed the mine and Charlie sold the farm. Delta left."
    target = "Alpha opened a plant. Bravo shut a mine. Charlie sold a farm. Delta left."
    # each target part: cosine 0.6 with the long source sentence; the DP can join only two of them
    src_vecs = _unit([[1, 0, 0, 0], [0, 0, 0, 1]])
    tgt_vecs = _unit([[0.6, 0.8, 0, 0], [0.6, 0, 0.8, 0], [0.6, -0.8, 0, 0], [0, 0, 0, 1]])
    kwargs = {"source_vecs": src_vecs, "target_vecs": tgt_vecs}
    no_extension = align_texts(source, target, extend_similarity=None, **kwargs)
    assert no_extension.additions
    al = align_texts(source, target, **kwargs)
    assert [p.target_sentences for p in al.passages] == [(0, 1, 2), (3,)]
    assert al.additions == () and al.coverage == pytest.approx(1.0)


def test_extension_leaves_a_sentence_that_fits_elsewhere_better() -> None:
    source = "Alpha opened the plant. Bravo closed the mine. Echo won the race."
    target = "Alpha opened the plant. Zulu lost the vote. Bravo closed the mine."
    src_vecs = _unit([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]])
    # target sentence 1: 0.5 with source 0 (its neighbour's source) but 0.8 with source 2
    tgt_vecs = _unit([[1, 0, 0, 0], [0.5, 0, 0.8, 0.33], [0, 1, 0, 0]])
    al = align_texts(source, target, source_vecs=src_vecs, target_vecs=tgt_vecs, gap_similarity=None)
    assert all(1 not in p.target_sentences for p in al.passages)


def test_crossing_pass_aligns_a_moved_sentence() -> None:
    source = (
        "The mayor opened the new bridge on Monday. Traffic on the old road fell by half. "
        "Shop owners welcomed the change. The bridge cost 40 million euros to build."
    )
    target = (
        "The bridge cost 40 million euros to build. The mayor opened the new bridge on Monday. "
        "Traffic on the old road fell by half. Shop owners welcomed the change."
    )
    monotone = align_texts(source, target)
    assert len(monotone.additions) == 1 and len(monotone.omissions) == 1
    al = align_texts(source, target, crossing_similarity=0.6)
    assert al.additions == () and al.omissions == ()
    assert al.passages[0].source_sentences == (3,) and al.passages[0].target_sentences == (0,)
    unrelated = target.replace("The bridge cost 40 million euros to build.", "Rain is expected tonight.")
    assert len(align_texts(source, unrelated, crossing_similarity=0.6).additions) == 1


def test_stemmed_content_words_match_inflections() -> None:
    assert lexical_similarity("Troops deployed quickly.", "Troop deploying quick.") == 1.0
