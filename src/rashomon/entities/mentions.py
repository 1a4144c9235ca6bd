"""Named mentions of one article: spaCy entities, corrected where the context shows the small model erred.

Corrections (each a known failure of ``en_core_web_sm`` on news):

- titles and possessives are stripped (``President Tokayev``, ``Belarus's Alexander Lukashenko`` gives
  a place ``Belarus`` and a person ``Alexander Lukashenko``); the stripped title becomes a descriptor;
- a lowercase "person" (a username, ``@handle``) is dropped;
- a nationality adjective tagged ORG/PERSON (``Kazakh``, ``Russian``) becomes a group (NORP);
- an all-caps acronym tagged PERSON becomes an organisation, and so does a social platform
  (``Twitter`` is often tagged PERSON after "wrote on");
- acronyms spaCy missed are added when the article spells them out (``Collective Security Treaty
  Organization (CSTO)``), together with every later use of the acronym.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rashomon.entities.matching import is_acronym
from rashomon.entities.translit import TITLES

__all__ = ["LABEL_TYPES", "PLATFORMS", "RawMention", "extract_mentions"]

LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
PLATFORMS = frozenset(
    [
        "twitter",
        "telegram",
        "facebook",
        "instagram",
        "youtube",
        "tiktok",
        "vkontakte",
        "vk",
        "whatsapp",
        "weibo",
        "wechat",
        "linkedin",
        "reddit",
        "truth",
        "social",
        "threads",
        "bluesky",
        "mastodon",
        "substack",
    ]
)
# demonyms the small model tags ORG/PERSON; suffix rules below catch the regular ones
_DEMONYM_SUFFIX = re.compile(r"(?:an|ian|ese|ish|ic|i|ch|kh|ek|ik|ot|ss)$")
_NOT_DEMONYM = re.compile(r"(?:stan|land|ia)$")
_POSSESSIVE = re.compile(r"['’]s$")
_ACRONYM_AFTER = re.compile(
    r"\b((?:[A-Z][\w’'\-]*)(?:\s+(?:of|the|and|for|on|in|[A-Z][\w’'\-]*)){1,8})\s*\(([A-Z][A-Za-z.]{1,8})\)"
)
_ACRONYM_BEFORE = re.compile(
    r"\b([A-Z]{2,8})\s*\(((?:[A-Z][\w’'\-]*)(?:\s+(?:of|the|and|for|on|in|[A-Z][\w’'\-]*)){1,8})\)"
)


@dataclass
class RawMention:
    """One mention before actors are formed: clean-text span, type, and what context said about it.

    Attributes:
        start, end, text: the span (titles and possessives already stripped).
        etype: ``person``, ``org``, ``place`` or ``group``.
        descriptors: lowercase title/role words found next to it (``president``, ``kazakh``).
        kind: ``name`` or ``acronym`` (roles are added later, see :mod:`rashomon.entities.local`).
    """

    start: int
    end: int
    text: str
    etype: str
    descriptors: set[str] = field(default_factory=set)
    kind: str = "name"


def _strip(text: str, start: int) -> tuple[str, int, list[str]]:
    """Remove leading determiners/titles and a trailing possessive; return text, start, titles."""
    titles: list[str] = []
    while True:
        m = re.match(r"(\S+)\s+", text)
        if not m:
            break
        word = m.group(1).strip(".").lower()
        if word in TITLES or word == "the":
            if word != "the":
                titles.append(word)
            start += m.end()
            text = text[m.end() :]
            continue
        break
    text = _POSSESSIVE.sub("", text)
    return text.rstrip(" .,;:"), start, titles


def _is_demonym(ent: Any) -> bool:
    if len(ent) != 1:
        return False
    tok = ent[0]
    if _NOT_DEMONYM.search(tok.text.lower()):
        return False
    word = tok.text.lower()
    if tok.tag_ in ("JJ", "NNPS") and _DEMONYM_SUFFIX.search(word):
        return True
    if word.endswith("s") and _DEMONYM_SUFFIX.search(word[:-1]) and not _NOT_DEMONYM.search(word[:-1]):
        return True  # plural demonyms: "Kazakhs", "Ukrainians"
    # a nationality adjective modifies the noun after it: "Kazakh authorities", "Russian troops"
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    # without a parse (NER-only docs) a word right before a lowercase noun is taken as its modifier
    has_annotation = getattr(tok.doc, "has_annotation", None)
    parsed = has_annotation is None or has_annotation("DEP")
    modifier = tok.dep_ in ("amod", "compound") if parsed else True
    return bool(
        nxt is not None
        and ((nxt.pos_ == "NOUN" and nxt.text.islower()) or nxt.lower_ in TITLES)
        and modifier
        and _DEMONYM_SUFFIX.search(tok.text.lower())
    )


def _retype(ent: Any, text: str) -> str | None:
    """The corrected type of a spaCy entity, or None to drop it."""
    etype = LABEL_TYPES.get(ent.label_)
    if etype is None:
        return None
    low = text.lower()
    if low in PLATFORMS:
        return "org"
    if etype in ("person", "org", "place") and _is_demonym(ent):
        return "group"
    if etype == "person":
        if not text[:1].isupper() or re.search(r"[@_#\d]", text):
            return None  # a username or handle, not a name
        if is_acronym(text):
            return "org"
    return etype


def _descriptors(doc: Any, ent: Any) -> set[str]:
    """Title words right before the entity and an appositive after it (", the president of X,")."""
    words: set[str] = set()
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 4:
        tok = doc[i]
        if tok.is_punct or tok.lower_ in ("the", "a", "an"):
            break
        if tok.lower_ in TITLES or tok.ent_type_ in ("NORP", "GPE", "ORG"):
            words.add(tok.lower_)
            i -= 1
            continue
        break
    j = ent.end
    if j < len(doc) - 2 and doc[j].text == "," and doc[j + 1].lower_ in ("the", "a", "an"):
        k = j + 2
        while k < len(doc) and k < j + 10 and doc[k].text not in (",", ".", ";", "(", ")"):
            if doc[k].pos_ in ("NOUN", "PROPN", "ADJ"):
                words.add(doc[k].lower_)
            k += 1
    return {w.strip(".’'") for w in words if w.isalpha() or w.endswith(".")}


def _split_possessive(ent: Any, text: str, start: int) -> list[tuple[str, int, str]]:
    """``Belarus's Alexander Lukashenko`` -> [(``Belarus``, place), (``Alexander Lukashenko``, person)]."""
    m = re.search(r"['’]s\s+", text)
    if not m or ent.label_ != "PERSON":
        return [(text, start, "")]
    owner = text[: m.start()]
    rest = text[m.end() :]
    return [(owner, start, "place"), (rest, start + m.end(), "")]


def _extend_left(doc: Any, ent: Any) -> tuple[str, int]:
    """A person's text and start, grown leftwards over an unfamiliar given name NER left out.

    The small model often tags only the surname of a name it does not know ("Ermukhamet
    Yertysbayev" -> "Yertysbayev"); a capitalised proper noun right before it, outside any entity and
    rare as an English word, is taken as the given name.
    """
    from wordfreq import zipf_frequency

    start = ent.start
    while start > 0 and start > ent.start - 2:
        tok = doc[start - 1]
        if not (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.isalpha() and not tok.ent_type_):
            break
        if tok.lower_ in TITLES or zipf_frequency(tok.lower_, "en") >= 3.0:
            break
        start -= 1
    if start == ent.start:
        return ent.text, ent.start_char
    first = doc[start].idx
    return doc.text[first : ent.end_char], first


def extract_mentions(text: str, doc: Any) -> list[RawMention]:
    """The corrected named mentions of an article, sorted by position.

    Args:
        text: the article's clean text (the text ``doc`` was made from).
        doc: its spaCy ``Doc``.

    Returns:
        Mentions with clean-text offsets.
    """
    out: list[RawMention] = []
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        etype = _retype(ent, ent.text)
        if etype is None:
            continue
        # "Belarus’s" tagged PERSON right before a person: a place in the possessive
        if _POSSESSIVE.search(ent.text) and n + 1 < len(ents) and ents[n + 1].start == ent.end:
            etype = "place" if etype == "person" else etype
        ent_text, ent_start = _extend_left(doc, ent) if etype == "person" else (ent.text, ent.start_char)
        for piece, pstart, forced in _split_possessive(ent, ent_text, ent_start):
            stripped, sstart, titles = _strip(piece, pstart)
            if not stripped or not any(c.isalpha() for c in stripped):
                continue
            mention = RawMention(sstart, sstart + len(stripped), stripped, forced or etype)
            if mention.etype in ("person", "org"):  # an org may be a mistyped person ("President X")
                mention.descriptors = set(titles) | _descriptors(doc, ent)
            out.append(mention)
    out.extend(_acronym_mentions(text, out))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _acronym_mentions(text: str, known: list[RawMention]) -> list[RawMention]:
    """Acronym/expansion pairs the article spells out, and later uses of those acronyms, NER missed."""
    from rashomon.entities.matching import variant_score

    taken = [(m.start, m.end) for m in known]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    added: list[RawMention] = []
    acronyms: set[str] = set()
    for pattern, long_group, short_group in ((_ACRONYM_AFTER, 1, 2), (_ACRONYM_BEFORE, 2, 1)):
        for m in pattern.finditer(text):
            long, short = m.group(long_group), m.group(short_group)
            long_start = m.start(long_group)
            stripped, lstart, _ = _strip(long, long_start)
            if variant_score(short, stripped, "org") <= 0:
                continue
            acronyms.add(short)
            for s, e, t, kind in (
                (lstart, lstart + len(stripped), stripped, "name"),
                (m.start(short_group), m.end(short_group), short, "acronym"),
            ):
                if free(s, e):
                    added.append(RawMention(s, e, t, "org", kind=kind))
                    taken.append((s, e))
    for short in acronyms:
        for m in re.finditer(rf"\b{re.escape(short)}\b", text):
            if free(m.start(), m.end()):
                added.append(RawMention(m.start(), m.end(), short, "org", kind="acronym"))
                taken.append((m.start(), m.end()))
    return added
