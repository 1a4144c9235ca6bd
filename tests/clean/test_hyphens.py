"""Tests for rashomon.clean.hyphens: broken words are rejoined, compounds stay."""

from __future__ import annotations

import pytest

from rashomon.clean.hyphens import find_breaks, guess_wordfreq_language, occurs_as_word


def _apply(text: str, lang: str | None) -> str:
    out, pos = [], 0
    for start, end in find_breaks(text, lang):
        out.append(text[pos:start])
        pos = end
    out.append(text + "" if not out else text[pos:])
    return "".join(out)


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        ("the local govern-ment said", "the local government said"),
        ("our collea-gues from abroad", "our colleagues from abroad"),
        ("the NA-TO summit", "the NATO summit"),
        ("the Ka-zakh president", "the Kazakh president"),
        ("b-ut not now", "but not now"),
        ("the local govern-\nment said", "the local government said"),
    ],
)
def test_broken_words_are_joined(broken: str, joined: str) -> None:
    assert _apply(broken, "en") == joined


@pytest.mark.parametrize(
    "compound",
    [
        "a Russian-led force",
        "Jean-Paul said",
        "a well-known case",
        "post-Soviet space",
        "Kassym-Jomart Tokayev",
    ],
)
def test_compounds_stay(compound: str) -> None:
    assert find_breaks(compound, "en") == []


def test_compound_across_line_break_keeps_hyphen() -> None:
    text = "a well-\nknown case"
    assert _apply(text, "en") == "a well-known case"


def test_document_evidence_joins_unknown_acronym() -> None:
    text = "The CSTO met. Later the CS-TO sent troops."
    assert _apply(text, "en") == "The CSTO met. Later the CSTO sent troops."
    assert find_breaks("Only the CS-TO here.", "en") == []


def test_other_language() -> None:
    assert _apply("правитель-ство страны", "ru") == "правительство страны"
    assert _apply("el equipo de gobier-no", "es") == "el equipo de gobierno"


def test_occurs_as_word() -> None:
    assert occurs_as_word("the csto met", "csto")
    assert not occurs_as_word("the cs-to met", "csto")
    assert not occurs_as_word("cstobank", "csto")


def test_language_guess() -> None:
    assert guess_wordfreq_language(["der", "die", "und", "das", "ist", "nicht", "von"], "latin") == "de"
    assert guess_wordfreq_language(["и", "в", "не", "на", "что"], "cyrillic") == "ru"
    assert guess_wordfreq_language(["東京"], "cjk") is None
