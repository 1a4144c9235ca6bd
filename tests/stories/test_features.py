"""Story features of small articles: dates, names, rare words, embeddings that match across events."""

from __future__ import annotations

from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.stories.assign import assign_stories
from rashomon.stories.features import article_features, entity_key, normalise_date


def art(text: str, title: str, published: str) -> Article:
    return Article(
        id=title.lower().replace(" ", "-"),
        path="t",
        text=text,
        raw_text=text,
        offsets=OffsetMap.identity(len(text)),
        title=title,
        published=published,
        language="en",
    )


def test_dates_and_keys() -> None:
    assert normalise_date("2021-03-04T10:00:00Z") == "2021-03-04"
    assert normalise_date("yesterday") is None
    assert entity_key("Mr. Okafor's") == "okafor"


def test_features_find_names_and_rare_words_with_spans() -> None:
    text = "Firefighters in Valparaiso battled a blaze at the Almendral warehouse on Monday, said Ana Rojas."
    f = article_features(art(text, "Warehouse blaze", "2022-01-10"))
    assert f["date"] == "2022-01-10" and len(f["vector"]) == 384
    assert "valparaiso" in f["entities"] or "almendral" in f["terms"]
    start, end = f["terms"]["warehouse"][1]
    assert text[start:end].lower() == "warehouse"
    assert "the" not in f["terms"]


def test_two_shootings_in_one_week_are_two_stories() -> None:
    shooting_a = [
        art(
            "A gunman opened fire at a shopping mall in Tacoma on Tuesday, killing three people, police chief "
            "Maria Lund said. The suspect, Derek Hall, was arrested near the mall.",
            "Three killed in Tacoma mall shooting",
            "2023-04-04",
        ),
        art(
            "Police in Tacoma arrested Derek Hall after a shooting at a mall left three people dead on "
            "Tuesday, chief Maria Lund told reporters.",
            "Tacoma mall gunman arrested after three die",
            "2023-04-04",
        ),
    ]
    shooting_b = art(
        "Two students were wounded when a teenager fired shots outside Lincoln High School in Omaha on "
        "Friday, the school district said. Principal Tom Becker locked the building down.",
        "Two hurt in Omaha school shooting",
        "2023-04-07",
    )
    state = assign_stories([article_features(a) for a in [*shooting_a, shooting_b]])
    groups = sorted(sorted(m["article"] for m in s["members"]) for s in state["stories"])
    assert groups == [sorted(a.id for a in shooting_a), [shooting_b.id]]
