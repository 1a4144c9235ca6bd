import numpy as np

from rashomon.framing.encoder import encode_paragraphs
from rashomon.nlp import embed


def test_paragraph_vector_equals_the_sentence_embedding() -> None:
    text = "The minister resigned on Tuesday after the vote."
    enc = encode_paragraphs([text])[0]
    assert float(enc.vector @ embed([text])[0]) > 0.999
    pieces = [text[a:b] for a, b in enc.offsets]
    assert pieces[:3] == ["the", "minister", "resigned"] or pieces[0].lower() == "the"
    assert len(enc.states) == len(enc.offsets)


def test_long_paragraphs_keep_a_state_for_every_piece() -> None:
    text = " ".join(["word"] * 600)
    enc = encode_paragraphs([text, ""])
    assert enc[0].states.shape == (600, 384)
    assert enc[0].offsets[-1].tolist() == [len(text) - 4, len(text)]
    assert enc[1].states.shape[0] == 0 and np.isfinite(enc[1].vector).all()


def test_buckets_group_similar_lengths_and_respect_the_batch_size() -> None:
    from rashomon.framing.encoder import _buckets

    lengths = [5, 5, 6, 6, 7, 20, 21, 200]
    assert _buckets(lengths, 3) == [[0, 1, 2], [3, 4], [5, 6], [7]]
    assert _buckets([], 4) == []


def test_batching_does_not_change_the_states() -> None:
    texts = [
        "Short one.",
        "A somewhat longer paragraph about the vote in parliament on Tuesday.",
        "Mid length text.",
    ]
    together = encode_paragraphs(texts, batch_size=16)
    alone = [encode_paragraphs([t])[0] for t in texts]
    for a, b in zip(together, alone, strict=True):
        assert np.allclose(a.states, b.states, atol=1e-4) and np.allclose(a.vector, b.vector, atol=1e-5)
