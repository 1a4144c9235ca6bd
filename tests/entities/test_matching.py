from __future__ import annotations

from rashomon.entities.matching import acronym_of, is_acronym, normalise_org, variant_score


def test_acronyms_match_their_expansion_in_either_spelling() -> None:
    assert acronym_of("Collective Security Treaty Organization") == "CSTO"
    assert variant_score("CSTO", "Collective Security Treaty Organisation", "org") == 1.0
    assert variant_score("NATO", "Collective Security Treaty Organization", "org") == 0.0
    assert is_acronym("U.N.") and not is_acronym("Nato") and not is_acronym("A")


def test_british_and_american_spellings_are_one_name() -> None:
    assert normalise_org("the Ministry of Defence") == normalise_org("Ministry of Defense")
    assert variant_score("World Health Organisation", "World Health Organization", "org") == 1.0


def test_places_need_close_consonants() -> None:
    assert variant_score("Kyiv", "Kiev", "place") > 0
    assert variant_score("Iran", "Iraq", "place") == 0.0
    assert variant_score("Austria", "Australia", "place") == 0.0
    assert variant_score("Republic of Kazakhstan", "Kazakhstan", "place") == 1.0


def test_short_org_names_differing_by_a_letter_stay_apart() -> None:
    assert variant_score("Hamas", "Hama", "org") == 0.0
    assert variant_score("Hamas", "HAMAS", "org") == 1.0
