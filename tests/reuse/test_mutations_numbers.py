"""Number normalisation: the same number in other words is the same value."""

from __future__ import annotations

import pytest

from rashomon.reuse.mutations_lexicon import tokenize
from rashomon.reuse.mutations_numbers import find_numbers, same_value


def values(text: str) -> list[float]:
    return [n.value for n in find_numbers(tokenize(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,500 troops", [2500]),
        ("2500 troops", [2500]),
        ("two and a half thousand troops", [2500]),
        ("2.5 thousand troops", [2500]),
        ("a thousand men", [1000]),
        ("twenty-five women", [25]),
        ("three hundred and twelve votes", [312]),
        ("4.2 million people", [4_200_000]),
        ("1.000.000 visitors", [1_000_000]),
        ("5% of 40", [5, 40]),
        ("COVID-19 cases", [19]),
        ("no numbers here", []),
    ],
)
def test_values(text: str, expected: list[float]) -> None:
    assert values(text) == expected


def test_token_range_covers_the_words() -> None:
    tokens = tokenize("about two and a half thousand soldiers")
    (n,) = find_numbers(tokens)
    assert [t.text for t in tokens[n.first : n.last]] == ["two", "and", "a", "half", "thousand"]


def test_same_value() -> None:
    assert same_value(2500.0, 2.5 * 1000)
    assert not same_value(2500.0, 2501.0)


def test_contractions_split_into_negation() -> None:
    assert [t.norm for t in tokenize("didn't won't cannot he's")] == [
        "did", "not", "will", "not", "can", "not", "he", "'s",
    ]  # fmt: skip


def test_one_as_a_determiner_is_not_a_changed_count() -> None:
    from rashomon.reuse.align import align_texts
    from rashomon.reuse.mutations import detect_mutations

    source = "One clear lesson from the vote is that the party lost its base in the north."
    target = "The clear lesson from the vote is that the party lost 3 seats in the north."
    found = [m.type for m in detect_mutations(source, target, align_texts(source, target))]
    assert "number" not in found
    assert [m.type for m in detect_mutations("Police held 4 men.", "Police held 7 men.",
                                              align_texts("Police held 4 men.", "Police held 7 men."))] == ["number"]  # fmt: skip
