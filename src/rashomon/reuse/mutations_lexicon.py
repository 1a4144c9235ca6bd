"""Word lists and the tokenizer behind mutation detection.

The lists are small and English: they name the closed classes (negators, hedges, gendered pronouns,
reporting verbs) whose change flips or weakens a statement. Open-class evidence (names, numbers,
quotes) is found language-generally elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ANTONYMS",
    "BOOSTERS",
    "FEMALE",
    "GENDER_PAIRS",
    "HEDGES",
    "HEDGE_PHRASES",
    "MALE",
    "NEGATORS",
    "REPORTING",
    "SALIENT_ACTIONS",
    "Token",
    "forms",
    "tokenize",
]


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its offsets in the text it came from and its normalised form."""

    text: str
    start: int
    end: int
    norm: str

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


# numbers, words of letters (hyphens and apostrophes inside), other symbols; "COVID-19" is a word, a
# hyphen and a number, so a change of the number is seen as one
_TOKEN = re.compile(r"\d[\d,.]*\d%?|\d%?|[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\w\s]|_", re.UNICODE)
_CLITIC = re.compile(r"^(\w+?)(['’](?:s|re|ve|ll|d|m))$", re.IGNORECASE)
_NT = re.compile(r"(\w+)(n['’]t)$", re.IGNORECASE)
# contracted auxiliaries whose stem is not the full word ("won't" -> "will not")
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with offsets shifted by ``offset``.

    "didn't" becomes "did" + "not" and "cannot" becomes "can" + "not", so that a contraction is not
    mistaken for a change of polarity.
    """
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start() + offset
        nt = _NT.match(word)
        low = word.lower()
        if nt and len(nt.group(1)) > 1:
            stem = nt.group(1)
            out.append(Token(stem, start, start + len(stem), _CONTRACTED.get(stem.lower(), stem.lower())))
            out.append(Token(nt.group(2), start + len(stem), m.end() + offset, "not"))
        elif cl := _CLITIC.match(word):
            stem = cl.group(1)
            out.append(Token(stem, start, start + len(stem), stem.lower()))
            out.append(
                Token(cl.group(2), start + len(stem), m.end() + offset, _normalise(cl.group(2).lower()))
            )
        elif low == "cannot":
            out.append(Token(word[:3], start, start + 3, "can"))
            out.append(Token(word[3:], start + 3, m.end() + offset, "not"))
        else:
            out.append(Token(word, start, m.end() + offset, _normalise(low)))
    return out


def _normalise(low: str) -> str:
    # typographic variants of the same character must not count as a change
    return low.replace("’", "'").replace("“", '"').replace("”", '"').replace("„", '"')


def forms(base: str, *irregular: str) -> frozenset[str]:
    """The inflected forms of a regular English verb or noun (plus ``irregular`` ones)."""
    stem = base[:-1] if base.endswith("e") else base
    past = base + "d" if base.endswith("e") else base + "ed"
    third = base + "es" if base.endswith(("s", "sh", "ch", "x")) else base + "s"
    return frozenset({base, third, past, stem + "ing", *irregular})


NEGATORS = frozenset(
    ["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "nowhere", "non"]
)  # "no" as an answer is rare in news prose; "non" as in non-lethal

# each pair: a verb/adjective and its opposite; a swap between them turns a statement into its opposite
_ANTONYM_PAIRS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (forms("agree"), forms("refuse")),
    (forms("accept"), forms("reject")),
    (forms("approve"), forms("reject")),
    (forms("confirm"), forms("deny", "denied", "denies")),
    (forms("support"), forms("oppose")),
    (forms("allow"), forms("forbid", "forbade", "forbidden")),
    (forms("allow"), forms("ban", "banned", "banning")),
    (forms("increase"), forms("decrease")),
    (forms("raise"), forms("cut", "cutting")),
    (forms("rise", "rose", "risen", "rising"), forms("fall", "fell", "fallen")),
    (forms("win", "won", "winning"), forms("lose", "lost")),
    (forms("acquit"), forms("convict")),
    (forms("admit", "admitted", "admitting"), forms("deny", "denied", "denies")),
    (forms("include"), forms("exclude")),
    (forms("guilty"), forms("innocent")),
    (frozenset({"legal", "lawful"}), frozenset({"illegal", "unlawful"})),
    (frozenset({"true", "correct"}), frozenset({"false", "incorrect", "untrue"})),
    (frozenset({"able"}), frozenset({"unable"})),
    (frozenset({"likely"}), frozenset({"unlikely"})),
    (frozenset({"success", "successful", "succeeded", "succeeds", "succeed"}), forms("fail")),
    (frozenset({"more"}), frozenset({"less", "fewer"})),
    (frozenset({"higher"}), frozenset({"lower"})),
    (frozenset({"alive"}), frozenset({"dead"})),
)
ANTONYMS: dict[str, frozenset[str]] = {}
for _a, _b in _ANTONYM_PAIRS:
    for _w in _a:
        ANTONYMS[_w] = ANTONYMS.get(_w, frozenset()) | _b
    for _w in _b:
        ANTONYMS[_w] = ANTONYMS.get(_w, frozenset()) | _a

# words that make a statement less certain than the plain indicative
HEDGES = frozenset(
    [
        "may",
        "might",
        "could",
        "possibly",
        "perhaps",
        "probably",
        "likely",
        "unlikely",
        "reportedly",
        "allegedly",
        "apparently",
        "seemingly",
        "purportedly",
        "supposedly",
        "presumably",
        "arguably",
        "alleged",
        "alleges",
        "allege",
        "claimed",
        "claims",
        "suggest",
        "suggests",
        "suggested",
        "appears",
        "appear",
        "appeared",
        "seems",
        "seem",
        "seemed",
        "believed",
        "rumored",
        "rumoured",
        "speculated",
        "unconfirmed",
        "potentially",
        "maybe",
    ]
)
# multi-word hedges, as normalised token sequences (checked before single words)
HEDGE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("almost", "certainly"),
    ("is", "said", "to"),
    ("are", "said", "to"),
    ("was", "said", "to"),
    ("is", "thought", "to"),
    ("is", "expected", "to"),
    ("are", "expected", "to"),
    ("is", "believed", "to"),
    ("according", "to", "reports"),
    ("it", "is", "possible"),
)
# words that assert certainty; removing one, or replacing it with a hedge, weakens the claim
BOOSTERS = frozenset(
    ["will", "definitely", "certainly", "clearly", "undoubtedly", "surely", "confirmed", "indeed"]
)

MALE = frozenset(
    ["he", "him", "his", "himself", "mr", "man", "boy", "father", "son", "brother", "husband", "king"]
)
FEMALE = frozenset(
    [
        "she",
        "her",
        "hers",
        "herself",
        "ms",
        "mrs",
        "woman",
        "girl",
        "mother",
        "daughter",
        "sister",
        "wife",
        "queen",
    ]
)
GENDER_PAIRS = {
    "he": "she", "him": "her", "his": "her", "himself": "herself", "mr": "ms", "man": "woman",
    "boy": "girl", "father": "mother", "son": "daughter", "brother": "sister", "husband": "wife",
    "king": "queen",
}  # fmt: skip

REPORTING = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "stated",
        "states",
        "added",
        "adds",
        "wrote",
        "writes",
        "announced",
        "announces",
        "explained",
        "noted",
        "notes",
        "argued",
        "argues",
        "insisted",
        "insists",
        "declared",
        "declares",
        "according",
        "asserted",
        "asserts",
        "warned",
        "warns",
        "stressed",
        "stresses",
        "claimed",
        "claims",
        # plural present forms: "the authors write", "officials argue"
        "write",
        "argue",
        "insist",
        "warn",
        "note",
        "claim",
        "tell",
    ]
)

# actions whose presence makes a dropped or added sentence worth a journalist's attention
SALIENT_ACTIONS = frozenset(
    [
        "kill",
        "killed",
        "killing",
        "kills",
        "dead",
        "death",
        "deaths",
        "died",
        "die",
        "dies",
        "wounded",
        "injured",
        "injuries",
        "hurt",
        "attack",
        "attacked",
        "attacks",
        "bomb",
        "bombing",
        "bombed",
        "shot",
        "shoot",
        "shooting",
        "shooting",
        "fired",
        "arrest",
        "arrested",
        "arrests",
        "detained",
        "charged",
        "charges",
        "convicted",
        "sentenced",
        "sentence",
        "jailed",
        "prison",
        "ordered",
        "order",
        "orders",
        "ban",
        "banned",
        "sanction",
        "sanctions",
        "troops",
        "soldiers",
        "war",
        "invasion",
        "invaded",
        "seized",
        "raid",
        "raided",
        "executed",
        "murder",
        "murdered",
        "rape",
        "raped",
        "torture",
        "tortured",
        "fraud",
        "bribery",
        "indicted",
        "sued",
        "lawsuit",
        "resign",
        "resigned",
        "fired",
        "impeach",
        "impeached",
        "veto",
        "vetoed",
        "vote",
        "voted",
        "law",
        "bill",
        "ruling",
        "ruled",
        "court",
        "illegal",
        "emergency",
        "evacuated",
        "casualties",
        "victims",
        "hostage",
        "hostages",
        "riot",
        "riots",
        "protest",
        "protesters",
        "police",
    ]
)
