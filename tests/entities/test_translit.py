from __future__ import annotations

import pytest

from rashomon.entities.translit import gendered_pair, name_key, name_tokens, names_match, token_similarity


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Zelensky"),
        ("Gaddafi", "Qaddafi"),
        ("Kadhafi", "Gaddafi"),
        ("Navalny", "Navalnyi"),
        ("Tokayev", "Tokaev"),
        ("Prigozhin", "Prigojin"),
        ("Alexei", "Aleksey"),
    ],
)
def test_systematic_alternations_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_vowel_only_differences_are_close_but_other_consonants_are_not() -> None:
    assert token_similarity("Suchkov", "Sachkov") >= 0.9
    assert token_similarity("Chechnya", "China") < 0.8
    assert token_similarity("Abramov", "Abramovich") == 0.0


def test_gendered_surnames_are_detected() -> None:
    assert gendered_pair("Navalny", "Navalnaya")
    assert gendered_pair("Ivanova", "Ivanov")
    assert not gendered_pair("Navalny", "Navalnyi")


def test_name_tokens_drop_titles_particles_and_possessives() -> None:
    assert name_tokens("President Bashar al-Assad's") == ["Bashar", "Assad"]
    assert name_tokens("Mr. Tokayev") == ["Tokayev"]


def test_names_match_requires_agreeing_given_names() -> None:
    assert names_match("Kassym-Jomart Tokayev", "Kasym-Zhomart Tokaev") > 0.9
    assert names_match("Tokayev", "Kassym-Jomart Tokayev") > 0.9
    assert names_match("J. Smith", "John Smith") > 0
    assert names_match("Bill Clinton", "Hillary Clinton") == 0.0
    assert names_match("Alexei Navalny", "Yulia Navalnaya") == 0.0
    assert names_match("Navalny", "Navalnaya") == 0.0
