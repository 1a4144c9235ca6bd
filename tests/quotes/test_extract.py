from __future__ import annotations

from typing import Any

import pytest

from rashomon.nlp import spacy_pipeline
from rashomon.quotes.extract import RawQuote, extract_quotes, quote_segments

TEXT = (
    "Minister Oleg Varanets said on Tuesday that the border would reopen next week. "
    "“We are not going to wait any longer,” he said. “The trucks must move.”\n"
    "Sofia Marchetti wrote on Telegram: “This is a disgrace for everyone involved.”\n"
    "According to the ministry, 40 people were detained.\n"
    "The decision, Varanets added, was final.\n"
    "Critics tweeted that the plan was rushed.\n"
    "The weather was cold and the roads were empty."
)


@pytest.fixture(scope="module")
def quotes() -> list[RawQuote]:
    return extract_quotes(TEXT, spacy_pipeline()(TEXT))


def _by_content(quotes: list[RawQuote], fragment: str) -> RawQuote:
    return next(q for q in quotes if fragment in TEXT[q.content[0] : q.content[1]])


def _text(span: Any) -> str:
    return TEXT[span[0] : span[1]] if span else ""


def test_indirect_quote_with_that_clause(quotes: list[RawQuote]) -> None:
    q = _by_content(quotes, "the border would reopen")
    assert _text(q.speaker) == "Minister Oleg Varanets" and _text(q.cue) == "said" and not q.direct


def test_direct_quote_and_its_continuation(quotes: list[RawQuote]) -> None:
    first = _by_content(quotes, "We are not going")
    assert first.direct and _text(first.speaker) == "he"
    assert _text(first.content).startswith("“") and _text(first.content).endswith("”")
    cont = _by_content(quotes, "The trucks must move")
    assert cont.pattern == "continued" and cont.speaker == first.speaker


def test_social_media_colon_introduction(quotes: list[RawQuote]) -> None:
    q = _by_content(quotes, "a disgrace")
    assert q.channel == "Telegram" and q.direct and _text(q.speaker) == "Sofia Marchetti"
    tweet = _by_content(quotes, "the plan was rushed")
    assert tweet.channel == "Twitter" and _text(tweet.cue) == "tweeted"


def test_according_to_and_interrupting_cue(quotes: list[RawQuote]) -> None:
    q = _by_content(quotes, "40 people were detained")
    assert _text(q.speaker) == "the ministry" and q.pattern == "according"
    q = _by_content(quotes, "was final")
    assert _text(q.speaker) == "Varanets" and _text(q.cue) == "added"


def test_plain_narration_is_not_a_quote(quotes: list[RawQuote]) -> None:
    assert not any("weather" in _text(q.content) for q in quotes)


def test_quote_segments_pair_across_sentences_and_close_at_paragraphs() -> None:
    text = "He said “One. Two.” and then “an unfinished quote that runs on and on\n\nNext paragraph."
    segments = [text[a:b] for a, b in quote_segments(text)]
    assert segments[0] == "“One. Two.”"
    assert segments[1].startswith("“an unfinished") and "\n" not in segments[1]
