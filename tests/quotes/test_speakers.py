from __future__ import annotations

from rashomon.quotes.speakers import index_entities

TEXT = "Anna Berg met the Acme Corp board. She said profits rose. They said nothing. The minister said no."
ENTITIES = [
    {
        "id": "person:anna-berg",
        "type": "person",
        "descriptors": ["minister"],
        "mentions": [{"article": "a", "start": 0, "end": 9, "text": "Anna Berg"}],
    },
    {
        "id": "org:acme-corp",
        "type": "org",
        "descriptors": [],
        "mentions": [{"article": "a", "start": 18, "end": 27, "text": "Acme Corp"}],
    },
]


def _span(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def test_mentions_pronouns_and_roles_resolve() -> None:
    index = index_entities(ENTITIES)["a"]
    assert index.resolve(TEXT, (0, 9), (5, 9), (40, 50)).entity == "person:anna-berg"
    she = index.resolve(TEXT, _span("She"), _span("She"), _span("profits rose"))
    assert (she.entity, she.how) == ("person:anna-berg", "pronoun")
    they = index.resolve(TEXT, _span("They"), _span("They"), _span("nothing"))
    assert they.entity == "org:acme-corp"
    role = index.resolve(TEXT, _span("The minister"), _span("minister"), _span("no."))
    assert (role.entity, role.how) == ("person:anna-berg", "role")


def test_unknown_speaker_stays_unresolved() -> None:
    index = index_entities(ENTITIES)["a"]
    assert index.resolve(TEXT, _span("board"), None, _span("nothing")).entity is None


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = "Maria Zakharova spoke before Mr. Ivan Petrov arrived. She said the talks failed."
    entities = [
        {
            "id": "person:maria-zakharova",
            "name": "Maria Zakharova",
            "type": "person",
            "descriptors": [],
            "mentions": [{"article": "a", "start": 0, "end": 15, "text": "Maria Zakharova"}],
        },
        {
            "id": "person:ivan-petrov",
            "name": "Ivan Petrov",
            "type": "person",
            "descriptors": ["mr"],
            "mentions": [{"article": "a", "start": 33, "end": 44, "text": "Ivan Petrov"}],
        },
    ]
    index = index_entities(entities)["a"]
    she = text.index("She")
    assert (
        index.resolve(text, (she, she + 3), (she, she + 3), (she + 8, len(text))).entity
        == "person:maria-zakharova"
    )
    he = index.last_before(she, ("person",), None, gender="m")
    assert he == "person:ivan-petrov"
