from __future__ import annotations

from rashomon.nlp.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_numbers_and_quotes() -> None:
    text = "Mr. Smith left at 2.5 p.m. today. He said “no.” Then the U.S. Army went home!"
    assert _split(text) == [
        "Mr. Smith left at 2.5 p.m. today.",
        "He said “no.”",
        "Then the U.S. Army went home!",
    ]


def test_paragraph_breaks_end_sentences_and_spans_are_trimmed() -> None:
    text = "  A headline without a stop\n\nBody starts here. Ends here.  "
    spans = split_sentences(text)
    assert _split(text) == ["A headline without a stop", "Body starts here.", "Ends here."]
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)


def test_initials_and_other_scripts() -> None:
    assert _split("J. R. Smith wrote it. Это второе предложение. 这是第三句。") == [
        "J. R. Smith wrote it.",
        "Это второе предложение.",
        "这是第三句。",
    ]


def test_empty() -> None:
    assert split_sentences("") == []
