"""detect_language: ISO 639-1 codes, "und" for short, mixed or unclear text."""

from __future__ import annotations

import pytest

from rashomon.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister said on Tuesday that the ceasefire talks would resume next week in Geneva.", "en"),
        (
            "Министр заявил во вторник, что переговоры о прекращении огня возобновятся на следующей неделе.",
            "ru",
        ),
        (
            "Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine à Genève.",
            "fr",
        ),
        ("Der Minister sagte am Dienstag, die Gespräche würden nächste Woche in Genf fortgesetzt.", "de"),
        (
            "El ministro dijo el martes que las conversaciones se reanudarán la próxima semana en Ginebra.",
            "es",
        ),
    ],
)
def test_languages_of_plain_sentences(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hello world",
        "12:30 · 5 comments · 1,204 views",
        "The minister said on Tuesday that talks resume. Министр заявил во вторник, что переговоры будут.",
    ],
)
def test_short_or_mixed_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_a_long_text_is_sampled_and_still_recognised() -> None:
    paragraph = "The committee published its report on the regional water supply on Monday morning. "
    assert detect_language(paragraph * 500) == "en"
