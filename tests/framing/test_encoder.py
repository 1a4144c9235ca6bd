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
