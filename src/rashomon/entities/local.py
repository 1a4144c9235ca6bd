"""Actors of one article: named mentions grouped, short forms and role nouns resolved.

Within an article a bare surname or "Mr. X" is the person with that surname named in full nearby
(the most recent when several match), an acronym is the organisation the article spelled it out as,
and "the president" / "the foreign minister" is the person most recently described with that role.
A one-word ORG/place mention equal to the surname of a person of the article is that person (the
small model often mistypes surnames).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rashomon.entities.matching import variant_score
from rashomon.entities.mentions import RawMention
from rashomon.entities.translit import name_tokens, names_match

__all__ = ["ROLE_NOUNS", "LocalActor", "LocalMention", "build_local_actors"]

# role nouns a text uses instead of a name ("the president said"); multi-word roles first
ROLE_NOUNS = (
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "interior minister",
    "finance minister",
    "secretary general",
    "secretary-general",
    "president",
    "premier",
    "chancellor",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "leader",
    "king",
    "queen",
    "general",
    "commander",
    "analyst",
    "expert",
    "professor",
    "researcher",
    "editor",
    "journalist",
    "lawyer",
    "activist",
    "chairman",
    "director",
    "envoy",
    "official",
)
_ROLE_RE = re.compile(
    r"\b[Tt]he\s+(?:(?:[A-Z][a-z]+|former|then|current|new|late|outgoing|incoming)\s+)?("
    + "|".join(re.escape(r) for r in ROLE_NOUNS)
    + r")\b(?!\s+(?:of\s+)?(?:the\s+)?[A-Z][a-z]+\s+[A-Z])"
)


@dataclass
class LocalMention:
    """A mention with its kind: ``name``, ``short`` (surname / Mr. X), ``acronym`` or ``role``."""

    start: int
    end: int
    text: str
    kind: str


@dataclass
class LocalActor:
    """One actor as one article names it."""

    article: str
    etype: str
    names: list[str] = field(default_factory=list)
    mentions: list[LocalMention] = field(default_factory=list)
    descriptors: set[str] = field(default_factory=set)
    type_votes: Counter[str] = field(default_factory=Counter)

    @property
    def full_name(self) -> str:
        """The most complete name used (most tokens, then most frequent, then longest)."""
        counts = Counter(self.names)
        return max(counts, key=lambda n: (len(name_tokens(n)), counts[n], len(n)))

    @property
    def has_given_name(self) -> bool:
        return self.etype != "person" or len(name_tokens(self.full_name)) > 1


def _find_actor(actors: list[LocalActor], mention: RawMention) -> LocalActor | None:
    """The actor an incoming mention belongs to (most recently mentioned match), or None."""
    best: LocalActor | None = None
    best_pos = -1
    for actor in actors:
        types_ok = actor.etype == mention.etype or _surname_of_person(actor, mention)
        if not types_ok:
            continue
        score = max(variant_score(n, mention.text, actor.etype) for n in set(actor.names))
        if score <= 0:
            continue
        pos = actor.mentions[-1].start
        if pos > best_pos:
            best, best_pos = actor, pos
    return best


def _surname_of_person(actor: LocalActor, mention: RawMention) -> bool:
    """A non-person mention (not a group) whose name is a person's name of the article: a mistyped person."""
    if actor.etype != "person" or mention.etype == "group":
        return False
    return any(names_match(n, mention.text) > 0 for n in set(actor.names))


def build_local_actors(article_id: str, text: str, mentions: list[RawMention]) -> list[LocalActor]:
    """Group an article's mentions into actors and add role-noun mentions.

    Args:
        article_id: the article's id.
        text: its clean text.
        mentions: from :func:`rashomon.entities.mentions.extract_mentions`.

    Returns:
        The article's actors, each with its names, mentions and descriptors.
    """
    actors: list[LocalActor] = []
    # full person names first so that a surname met before the full name still finds it
    ordered = sorted(mentions, key=lambda m: (m.etype != "person", -len(name_tokens(m.text)), m.start))
    for mention in ordered:
        actor = _find_actor(actors, mention)
        if actor is None:
            actor = LocalActor(article_id, mention.etype)
            actors.append(actor)
        multi = len(name_tokens(mention.text)) > 1
        kind = mention.kind if mention.kind != "name" or multi or actor.etype != "person" else "short"
        actor.names.append(mention.text)
        actor.mentions.append(LocalMention(mention.start, mention.end, mention.text, kind))
        actor.descriptors |= mention.descriptors
        actor.type_votes[mention.etype] += 1
    _add_surname_mentions(text, actors)
    for actor in actors:
        actor.mentions.sort(key=lambda m: m.start)
    _add_role_mentions(text, actors)
    return actors


def _add_surname_mentions(text: str, actors: list[LocalActor]) -> None:
    """Later bare uses of a person's surname that NER missed ("Tokaev spoke …")."""
    taken = sorted((m.start, m.end) for a in actors for m in a.mentions)
    people = [a for a in actors if a.etype == "person" and a.has_given_name]
    surnames: dict[str, LocalActor | None] = {}
    for actor in people:
        surname = name_tokens(actor.full_name)[-1]
        # a surname two people of the article share is ambiguous: leave it
        surnames[surname] = None if surname in surnames and surnames[surname] is not actor else actor
    for surname, owner in surnames.items():
        if owner is None or len(surname) < 3 or not surname[0].isupper():
            continue
        first = min(m.start for m in owner.mentions)
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
            if m.start() < first or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            owner.mentions.append(LocalMention(m.start(), m.end(), surname, "short"))
            owner.names.append(surname)
            taken.append((m.start(), m.end()))


def _add_role_mentions(text: str, actors: list[LocalActor]) -> None:
    """``the president`` -> the person most recently mentioned before it with that descriptor."""
    people = [a for a in actors if a.etype == "person"]
    for m in _ROLE_RE.finditer(text):
        role = m.group(1).lower()
        head = role.split()[-1]
        best: LocalActor | None = None
        best_pos = -1
        for actor in people:
            if role not in actor.descriptors and head not in actor.descriptors:
                continue
            before = [x.start for x in actor.mentions if x.start < m.start() and x.kind != "role"]
            if before and before[-1] > best_pos:
                best, best_pos = actor, before[-1]
        if best is not None:
            best.mentions.append(LocalMention(m.start(), m.end(), m.group(0), "role"))
            best.mentions.sort(key=lambda x: x.start)
