"""Resolve a quote's speaker span to a canonical entity of the ``entities`` stage.

In order: an entity mention inside the speaker span (the head word's first; role mentions such as
"the president" are entity mentions already); a personal pronoun ("he", "she") goes to the person
mentioned last before it (outside the quote itself), "they"/"we" to the organisation or group named
last nearby; a role noun phrase ("the foreign minister") to the person last described with it.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["ArticleMentions", "Resolution", "index_entities"]

_PERSONAL = frozenset({"he", "she", "him", "her", "his", "i"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_FEMALE_WORDS = frozenset(
    [
        "mrs",
        "ms",
        "miss",
        "madam",
        "dame",
        "lady",
        "queen",
        "princess",
        "spokeswoman",
        "chairwoman",
        "congresswoman",
        "businesswoman",
    ]
)
_MALE_WORDS = frozenset(
    ["mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "businessman"]
)
# Slavic feminine surname endings (Zakharova, Tikhanovskaya, Navalnaya)
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|yova|aya|skaya|tskaya)$", re.IGNORECASE)
_COLLECTIVE = frozenset({"they", "we", "them"})
_ROLE_HEAD = re.compile(
    r"\b(president|premier|minister|spokes(?:man|woman|person)|chancellor|leader|ambassador|governor|mayor|analyst|expert|official|secretary|director|chairman|senator)\b",
    re.I,
)
_COLLECTIVE_WINDOW = 400


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entity a speaker span denotes and how it was found (``mention``, ``pronoun``, ``role``)."""

    entity: str | None
    how: str


@dataclass
class ArticleMentions:
    """The entity mentions of one article, sorted, for lookups by position."""

    mentions: list[tuple[int, int, str, str]]  # start, end, entity id, type
    descriptors: dict[str, set[str]]
    genders: dict[str, str] = dataclasses.field(default_factory=dict)  # entity id -> "m"/"f" when known

    def __post_init__(self) -> None:
        self.mentions.sort()
        self._starts = [m[0] for m in self.mentions]

    def inside(self, start: int, end: int, head: tuple[int, int] | None) -> str | None:
        """The entity mentioned inside ``[start, end)``, preferring the head word and persons."""
        hits = [m for m in self.mentions if m[0] < end and start < m[1]]
        if not hits:
            return None

        def rank(m: tuple[int, int, str, str]) -> tuple[int, int, int]:
            on_head = head is not None and m[0] < head[1] and head[0] < m[1]
            return (0 if on_head else 1, 0 if m[3] == "person" else 1, m[0])

        return min(hits, key=rank)[2]

    def last_before(
        self,
        pos: int,
        types: Iterable[str],
        exclude: tuple[int, int] | None,
        window: int | None = None,
        gender: str | None = None,
    ) -> str | None:
        """The entity of the last mention of one of ``types`` ending before ``pos`` (of ``gender`` if known)."""
        wanted = set(types)
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0:
            s, e, ent, etype = self.mentions[i]
            if window is not None and pos - e > window:
                return None
            inside_quote = exclude is not None and exclude[0] <= s < exclude[1]
            compatible = gender is None or self.genders.get(ent, gender) == gender
            if etype in wanted and e <= pos and not inside_quote and compatible:
                return ent
            i -= 1
        return None

    def with_role(self, role: str, pos: int) -> str | None:
        """The person last mentioned before ``pos`` whose descriptors include ``role``."""
        people = {ent for ent, words in self.descriptors.items() if role in words}
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0:
            if self.mentions[i][2] in people:
                return self.mentions[i][2]
            i -= 1
        return None

    def resolve(
        self, text: str, speaker: tuple[int, int], head: tuple[int, int] | None, content: tuple[int, int]
    ) -> Resolution:
        """Resolve one speaker span (see the module docstring)."""
        found = self.inside(speaker[0], speaker[1], head)
        if found:
            return Resolution(found, "mention")
        head_text = text[head[0] : head[1]].lower() if head else text[speaker[0] : speaker[1]].lower()
        if head_text in _PERSONAL:
            gender = _PRONOUN_GENDER.get(head_text)
            return Resolution(self.last_before(speaker[0], ("person",), content, gender=gender), "pronoun")
        if head_text in _COLLECTIVE:
            ent = self.last_before(speaker[0], ("org", "group"), content, _COLLECTIVE_WINDOW)
            return Resolution(ent, "pronoun")
        role = _ROLE_HEAD.search(text[speaker[0] : speaker[1]])
        if role:
            return Resolution(self.with_role(role.group(1).lower(), speaker[0]), "role")
        return Resolution(None, "none")


def _gender(entity: dict[str, Any]) -> str | None:
    """``"f"``/``"m"`` from titles and role words, or a feminine Slavic surname; None when unknown."""
    words = set(entity.get("descriptors", []))
    words |= {w.strip(".").lower() for m in entity["mentions"] for w in m["text"].split()[:1]}
    name_words = str(entity.get("name") or "").split()
    if words & _FEMALE_WORDS or (name_words and _FEMALE_SURNAME.search(name_words[-1])):
        return "f"
    if words & _MALE_WORDS:
        return "m"
    return None


def index_entities(entities: list[dict[str, Any]]) -> dict[str, ArticleMentions]:
    """Per-article mention indexes from the ``entities`` stage output."""
    by_article: dict[str, list[tuple[int, int, str, str]]] = {}
    descriptors: dict[str, dict[str, set[str]]] = {}
    genders: dict[str, str] = {}
    for entity in entities:
        if entity["type"] == "person" and (gender := _gender(entity)):
            genders[entity["id"]] = gender
        for m in entity["mentions"]:
            by_article.setdefault(m["article"], []).append(
                (m["start"], m["end"], entity["id"], entity["type"])
            )
            if entity["type"] == "person":
                descriptors.setdefault(m["article"], {})[entity["id"]] = set(entity.get("descriptors", []))
    return {a: ArticleMentions(ms, descriptors.get(a, {}), genders) for a, ms in by_article.items()}
