"""Do two names denote one actor? Persons, organisations, places and groups, with acronyms.

Persons go through :func:`rashomon.entities.translit.names_match` (surname + given-name agreement);
other names are compared as whole strings after spelling normalisation (British/American
``-isation``/``-ization``, ``Defence``/``Defense``, leading ``the``), token by token with the
transliteration keys, and an acronym matches a long name whose significant words start with its
letters (``CSTO`` / ``Collective Security Treaty Organization``).
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz
from unidecode import unidecode

from rashomon.entities.translit import PARTICLES, name_key, names_match, skeleton, token_similarity

__all__ = ["acronym_of", "is_acronym", "normalise_org", "variant_score"]

_SPELLING = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ise\b"), "ize"),
    (re.compile(r"defence"), "defense"),
    (re.compile(r"centre"), "center"),
    (re.compile(r"programme"), "program"),
    (re.compile(r"(?<=[a-z])our\b"), "or"),
)
_STOP = frozenset(
    {"of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "du", "des", "la", "le", "&"}
)


@functools.lru_cache(maxsize=65536)
def normalise_org(name: str) -> str:
    """Lowercase ASCII form of a non-person name with spelling variants unified."""
    s = unidecode(name).lower().replace("’", "'")
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"^the\s+", "", s)
    for pattern, repl in _SPELLING:
        s = pattern.sub(repl, s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def is_acronym(text: str) -> bool:
    """True for ``NATO``, ``CSTO``, ``U.N.``: 2–8 capitals, optionally dotted or with a lowercase joiner."""
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and sum(c.isupper() for c in bare) >= max(2, len(bare) - 1)


def acronym_of(name: str) -> str:
    """The initials of a long name's significant words (``"Collective Security Treaty Organization"`` -> ``CSTO``)."""
    words = [w for w in re.split(r"[\s\-]+", unidecode(name)) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in _STOP and w[0].isalpha())


def _acronym_matches(short: str, long: str) -> bool:
    letters = short.replace(".", "").upper()
    if len(long.split()) < 2:
        return False
    initials = acronym_of(long)
    with_stop = "".join(w[0].upper() for w in re.split(r"[\s\-]+", unidecode(long)) if w and w[0].isalpha())
    return letters in (initials, with_stop)


def _string_score(a: str, b: str) -> float:
    na, nb = normalise_org(a), normalise_org(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    ta = [t for t in na.split() if t not in PARTICLES]
    tb = [t for t in nb.split() if t not in PARTICLES]
    if len(ta) != len(tb) or not ta:
        # a different number of words: same actor only when nearly identical once spaces go
        joined = fuzz.ratio("".join(name_key(t) for t in ta), "".join(name_key(t) for t in tb)) / 100
        return joined if joined >= 0.92 else 0.0
    sims = [token_similarity(x, y) for x, y in zip(ta, tb, strict=True)]
    worst = min(sims)
    if worst < 0.8:
        return 0.0
    return sum(sims) / len(sims)


_STATE_FORM = re.compile(
    r"^(?:the\s+)?(?:(?:islamic|democratic|people's|federal|united|socialist|arab)\s+)*"
    r"(?:republic|kingdom|state|federation|principality|emirate|sultanate|commonwealth)\s+of\s+",
    re.IGNORECASE,
)


def _place_score(a: str, b: str) -> float:
    """Places: like strings, but short names need equal consonant skeletons too (Iran/Iraq differ).

    A state's formal name matches its short name (``Republic of Kazakhstan`` / ``Kazakhstan``).
    """
    a, b = _STATE_FORM.sub("", a), _STATE_FORM.sub("", b)
    score = _string_score(a, b)
    if score == 1.0 or score == 0.0:
        return score
    ta, tb = normalise_org(a).split(), normalise_org(b).split()
    if len(ta) == len(tb) and any(skeleton(x) != skeleton(y) for x, y in zip(ta, tb, strict=True)):
        # consonants differ: only accept a close match of long names (Kyrgyzstan/Kyrgystan)
        return score if score >= 0.9 and min(len(normalise_org(a)), len(normalise_org(b))) >= 8 else 0.0
    return score


def variant_score(a: str, b: str, etype: str) -> float:
    """Score in ``[0, 1]`` that names ``a`` and ``b`` of type ``etype`` denote one actor (0 = no).

    Args:
        a, b: the names as written.
        etype: ``person``, ``org``, ``place`` or ``group``.

    Returns:
        A similarity; 0.0 when the names conflict or are too far apart.
    """
    if etype == "person":
        return names_match(a, b)
    if a.casefold() == b.casefold():
        return 1.0
    if is_acronym(a) and not is_acronym(b):
        return 1.0 if _acronym_matches(a, b) else 0.0
    if is_acronym(b) and not is_acronym(a):
        return 1.0 if _acronym_matches(b, a) else 0.0
    if is_acronym(a) and is_acronym(b):
        return 1.0 if a.replace(".", "").upper() == b.replace(".", "").upper() else 0.0
    if etype == "place":
        return _place_score(a, b)
    score = _string_score(a, b)
    if 0.0 < score < 1.0 and max(len(a), len(b)) <= 6:
        # short org names (Hamas/Hama) differ by one letter too easily
        return score if skeleton(a) == skeleton(b) and len(name_key(a)) == len(name_key(b)) else 0.0
    return score
