from __future__ import annotations

import pytest

from rashomon.claims.quantities import extract_quantities, is_year


@pytest.mark.parametrize(
    ("text", "value", "head"),
    [
        ("about 2,500 troops", 2500.0, "troops"),
        ("Two and a half thousand soldiers arrived", 2500.0, "soldiers"),
        ("2.5 million people voted", 2_500_000.0, "people"),
        ("a hundred houses burned", 100.0, "houses"),
        ("twenty-five ships", 25.0, "ships"),
        ("a $4.5bn loan", 4.5e9, "loan"),
        ("10k runners", 10_000.0, "runners"),
    ],
)
def test_values_and_heads(text: str, value: float, head: str) -> None:
    [q] = extract_quantities(text)
    assert q.value == pytest.approx(value)
    assert q.head == head


def test_hedges_percent_and_years() -> None:
    text = "In 2019 nearly 40% of 300 voters said so"
    qs = extract_quantities(text)
    assert [q.value for q in qs] == [2019.0, 40.0, 300.0]
    assert is_year(qs[0], text) and not is_year(qs[2], text)
    assert qs[1].percent and qs[1].approximate
    assert not qs[2].percent


def test_vague_amounts_are_approximate() -> None:
    [q] = extract_quantities("dozens of police were hurt")
    assert q.approximate and q.head == "police"


def test_no_numbers() -> None:
    assert extract_quantities("Nothing counted here.") == []
