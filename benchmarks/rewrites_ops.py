"""Edit operations of the rewrite benchmark: each takes one sentence (and its spaCy parse) and returns
the edited sentence with the gold mutations it introduced (type and span in the edited sentence).

Meaning-changing operations (negation, hedge, number, name, pronoun, quote, attribution) record gold
mutations; meaning-preserving ones (synonym swaps, clause reordering, voice change, number
formatting) record none, so a detector that flags them loses precision. Word lists here are written
for the generator, independently of the detector's lexicon.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass
class Edit:
    """An edited sentence and the gold mutations in it (spans in ``text``)."""

    text: str
    kind: str
    gold: list[tuple[str, Span]] = field(default_factory=list)


_QUOTE = re.compile(r"“[^“”]+”|\"[^\"]+\"")
_SYNONYMS = {
    "big": "large", "large": "big", "began": "started", "started": "began", "bought": "purchased",
    "buy": "purchase", "help": "assist", "helped": "assisted", "showed": "demonstrated", "shows": "demonstrates",
    "important": "significant", "many": "numerous", "often": "frequently", "quickly": "rapidly",
    "tried": "attempted", "try": "attempt", "need": "require", "needs": "requires", "enough": "sufficient",
    "asked": "requested", "children": "kids", "car": "vehicle", "job": "position", "jobs": "positions",
    "used": "utilized", "use": "utilize", "however": "nevertheless", "because": "since", "said": "stated",
    "says": "states", "main": "primary", "whole": "entire", "almost": "nearly", "nearly": "almost",
    "mostly": "largely", "ended": "concluded", "country": "nation", "plan": "proposal", "rules": "regulations",
    "problem": "issue", "problems": "issues", "difficult": "hard", "rich": "wealthy", "home": "house",
    "shut": "closed", "talks": "negotiations", "chance": "opportunity", "people": "individuals",
    "received": "got", "wanted": "desired", "begin": "start", "allowed": "permitted", "fast": "quick",
    "mistake": "error", "sure": "certain", "area": "region", "areas": "regions", "head": "chief",
}  # fmt: skip
_AUX = {"is", "are", "was", "were", "will", "would", "can", "could", "should", "has", "have", "had", "does",
        "do", "did", "must"}  # fmt: skip
_ANTONYM_EDITS = {"rose": "fell", "fell": "rose", "increased": "decreased", "won": "lost", "approved": "rejected",
                  "accepted": "rejected", "supported": "opposed", "allowed": "banned", "agreed": "refused",
                  "confirmed": "denied", "admitted": "denied"}  # fmt: skip
_HEDGE_REMOVALS = {"may": "will", "might": "will", "reportedly": "", "allegedly": "", "probably": "",
                   "possibly": "", "apparently": ""}  # fmt: skip
_SPEECH_LEMMAS = {"say", "tell", "state", "add", "write", "announce", "explain", "note", "argue", "insist",
                  "declare", "claim", "warn", "stress"}  # fmt: skip
_PRONOUNS = {"he": "she", "she": "he", "him": "her", "his": "her", "himself": "herself", "herself": "himself"}
_WORD_NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"]
FILLERS = (
    "The situation remains unclear at this stage.",
    "Observers say the coming weeks will matter a great deal.",
    "It is a story that has drawn wide attention online.",
    "Reactions on social media were swift and divided.",
    "The debate is far from over.",
    "Questions remain about what happens next.",
    "This is a developing story and will be updated.",
    "The issue has divided opinion for some time.",
)


def has_quote_marks(text: str) -> bool:
    return any(c in text for c in '“”"«»')


def in_quote(text: str, a: int, b: int) -> bool:
    """True when ``[a, b)`` touches a quotation of ``text`` (anywhere, when a quotation runs over the
    sentence boundary and its extent is unknown)."""
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return True
    return any(m.start() < b and a < m.end() for m in _QUOTE.finditer(text))


def _put(text: str, a: int, b: int, new: str) -> tuple[str, Span]:
    return text[:a] + new + text[b:], (a, a + len(new))


def _case_like(old: str, new: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _around(text: str, pos: int) -> Span:
    """The words on either side of position ``pos`` (where something was deleted)."""
    a = text.rfind(" ", 0, max(0, pos - 1))
    b = text.find(" ", min(len(text), pos + 1))
    return (a + 1, len(text) if b < 0 else b)


# --- meaning-changing operations -------------------------------------------------------------------


def negation(text: str, doc: Any, rng: random.Random) -> Edit | None:
    options: list[Callable[[], tuple[str, Span]]] = []
    for t in doc:
        low = t.text.lower()
        if in_quote(text, t.idx, t.idx + len(t)):
            continue
        if low in {"not", "never"} and t.head.dep_ == "ROOT" and t.i > 0:
            a = doc[t.i - 1].idx + len(doc[t.i - 1])
            options.append(
                lambda a=a, t=t: (
                    text[:a] + text[t.idx + len(t) :],
                    _around(text[:a] + text[t.idx + len(t) :], a),
                )
            )
        elif low in _AUX and (
            (t.dep_ in {"aux", "auxpass"} and t.head.dep_ == "ROOT")
            or (t.dep_ == "ROOT" and t.lemma_ == "be")
        ):
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ not in {"not", "n't", "never"}:
                options.append(lambda t=t: _put(text, t.idx, t.idx + len(t), t.text + " not"))
        elif (
            t.dep_ == "ROOT"
            and t.tag_ == "VBD"
            and t.lower_ not in _AUX
            and not any(c.dep_ in {"aux", "neg"} for c in t.children)
        ):
            options.append(lambda t=t: _put(text, t.idx, t.idx + len(t), f"did not {t.lemma_}"))
        if low in _ANTONYM_EDITS and t.pos_ == "VERB":
            options.append(
                lambda t=t, low=low: _put(
                    text, t.idx, t.idx + len(t), _case_like(t.text, _ANTONYM_EDITS[low])
                )
            )
    if not options:
        return None
    new, span = rng.choice(options)()
    return Edit(new, "negation", [("negation", span)])


def hedge(text: str, doc: Any, rng: random.Random) -> Edit | None:
    options: list[Callable[[], tuple[str, Span]]] = []
    for t in doc:
        low = t.lower_
        if in_quote(text, t.idx, t.idx + len(t)):
            continue
        if low in _HEDGE_REMOVALS:
            repl = _HEDGE_REMOVALS[low]
            if repl:
                options.append(lambda t=t, r=repl: _put(text, t.idx, t.idx + len(t), _case_like(t.text, r)))
            elif t.i + 1 < len(doc):
                b = doc[t.i + 1].idx
                options.append(
                    lambda t=t, b=b: (text[: t.idx] + text[b:], _around(text[: t.idx] + text[b:], t.idx))
                )
        elif low == "will" and t.dep_ == "aux":
            options.append(
                lambda t=t: _put(
                    text, t.idx, t.idx + len(t), _case_like(t.text, rng.choice(["may", "might", "could"]))
                )
            )
        elif (
            low in {"is", "are", "was", "were"}
            and t.head.dep_ == "ROOT"
            and t.dep_ in {"ROOT", "aux", "auxpass"}
        ):
            word = rng.choice(["reportedly", "probably", "allegedly"])
            options.append(lambda t=t, w=word: _put(text, t.idx, t.idx + len(t), f"{t.text} {w}"))
        elif low == "said" and t.dep_ == "ROOT":
            options.append(lambda t=t: _put(text, t.idx, t.idx + len(t), "claimed"))
    if not options:
        return None
    new, span = rng.choice(options)()
    return Edit(new, "hedge", [("hedge", span)])


def _format_int(value: int, like: str) -> str:
    return f"{value:,}" if "," in like or value >= 10000 else str(value)


def number(text: str, doc: Any, rng: random.Random) -> Edit | None:
    candidates = [m for m in re.finditer(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w,])|(?<![\w.,])\d+(?![\w.,])", text)
                  if not in_quote(text, m.start(), m.end())]  # fmt: skip
    words = [t for t in doc if t.lower_ in _WORD_NUMBERS and not in_quote(text, t.idx, t.idx + len(t))]
    if candidates and (not words or rng.random() < 0.8):
        m = rng.choice(candidates)
        value = int(m.group().replace(",", ""))
        if 1900 <= value <= 2100 and "," not in m.group():
            new_value = value + rng.choice([-2, -1, 1, 2])  # another year
        else:
            new_value = value + max(1, round(value * rng.uniform(0.15, 0.6))) * rng.choice([1, 1, -1])
            new_value = new_value if new_value > 0 and new_value != value else value + 1
        new, span = _put(text, m.start(), m.end(), _format_int(new_value, m.group()))
    elif words:
        t = rng.choice(words)
        other = rng.choice([w for w in _WORD_NUMBERS if w != t.lower_])
        new, span = _put(text, t.idx, t.idx + len(t), _case_like(t.text, other))
    else:
        return None
    return Edit(new, "number", [("number", span)])


def _respell(word: str, rng: random.Random) -> str:
    vowels = "aeiou"
    for _ in range(10):
        i = rng.randrange(1, len(word))
        c = word[i]
        choice = rng.random()
        if c in vowels and choice < 0.5:
            new = word[:i] + rng.choice([v for v in vowels if v != c]) + word[i + 1 :]
        elif c in "yi" and choice < 0.7:
            new = word[:i] + ("i" if c == "y" else "y") + word[i + 1 :]
        elif c.isalpha() and c not in vowels and choice < 0.85:
            new = word[:i] + c + word[i:]  # doubled consonant
        else:
            new = word[:i] + word[i + 1 :]
        if new != word and len(new) >= 3:
            return new
    return word[:1] + word[1:][::-1]


def name(text: str, doc: Any, rng: random.Random, other_names: list[str]) -> Edit | None:
    people = [e for e in doc.ents if e.label_ == "PERSON" and not in_quote(text, e.start_char, e.end_char)]
    if not people:
        return None
    ent = rng.choice(people)
    speaker = ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in _SPEECH_LEMMAS
    if other_names and rng.random() < 0.35:
        new_name = rng.choice([n for n in other_names if n != ent.text] or other_names)
        new, span = _put(text, ent.start_char, ent.end_char, new_name)
        return Edit(new, "name_swap", [("attribution" if speaker else "name", span)])
    tokens = [t for t in ent if t.is_alpha and len(t) >= 4]
    if not tokens:
        return None
    tok = tokens[-1]
    new, span = _put(text, tok.idx, tok.idx + len(tok), _respell(tok.text, rng))
    return Edit(new, "name_respell", [("name", span)])


def pronoun(text: str, doc: Any, rng: random.Random) -> Edit | None:
    found = [t for t in doc if t.lower_ in _PRONOUNS or t.lower_ == "her"]
    found = [t for t in found if not in_quote(text, t.idx, t.idx + len(t))]
    if not found:
        return None
    t = rng.choice(found)
    repl = ("his" if t.tag_ == "PRP$" else "him") if t.lower_ == "her" else _PRONOUNS[t.lower_]
    new, span = _put(text, t.idx, t.idx + len(t), _case_like(t.text, repl))
    return Edit(new, "pronoun", [("pronoun", span)])


def quote(text: str, doc: Any, rng: random.Random) -> Edit | None:
    quotes = [m for m in _QUOTE.finditer(text) if len(m.group().split()) >= 4]
    if quotes:
        m = rng.choice(quotes)
        inner = m.group()[1:-1]
        if rng.random() < 0.3:
            new = text[: m.start()] + inner + text[m.end() :]
            return Edit(new, "quote_unmark", [("quote", (m.start(), m.start() + len(inner)))])
        words = inner.split(" ")
        k = rng.randrange(1, len(words) - 1) if len(words) > 2 else 0
        swap = _SYNONYMS.get(words[k].lower())
        words = words[:k] + ([swap] if swap else []) + words[k + 1 :]
        new_inner = " ".join(words)
        new = text[: m.start() + 1] + new_inner + text[m.end() - 1 :]
        return Edit(new, "quote_alter", [("quote", (m.start() + 1, m.start() + 1 + len(new_inner)))])
    m2 = re.search(r"\b(said|says) that (.{15,})([.!?])$", text)
    if not m2 or '"' in text or "“" in text:
        return None
    quoted = f"“{m2.group(2)}{m2.group(3)}”"
    new = text[: m2.start(2) - 5] + quoted
    return Edit(new, "quote_mark", [("quote", (len(new) - len(quoted) + 1, len(new) - 1))])


def attribution(text: str, doc: Any, rng: random.Random) -> Edit | None:
    m = re.match(r"According to [^,]{3,60}, (.{20,})$", text)
    if m:
        body = m.group(1)
        new = body[:1].upper() + body[1:]
        return Edit(new, "attribution_drop", [("attribution", _around(new, 0))])
    for t in doc:
        if t.dep_ != "ROOT" or t.lemma_ not in _SPEECH_LEMMAS:
            continue
        subj = [c for c in t.children if c.dep_ == "nsubj"]
        comp = [c for c in t.children if c.dep_ == "ccomp"]
        if not subj or not comp or len(list(comp[0].subtree)) < 5:
            continue
        c0, c1 = comp[0].left_edge, comp[0].right_edge
        if t.i > c1.i:  # "<content>, Smith said." (a closing quotation mark stays)
            end = c1.idx + len(c1)
            close = re.match(r"[,.!?]?([”\"])", text[end:])
            new = text[:end] + "." + (close.group(1) if close else "")
            return Edit(new, "attribution_drop", [("attribution", _around(new, end))])
        if subj[0].left_edge.i == 0:  # "Smith said (that) <content>."
            body = re.sub(r"^that ", "", text[c0.idx :])
            new = body[:1].upper() + body[1:]
            return Edit(new, "attribution_drop", [("attribution", _around(new, 0))])
    return None


# --- meaning-preserving operations -----------------------------------------------------------------


def synonym(text: str, doc: Any, rng: random.Random) -> Edit | None:
    found = [t for t in doc if t.lower_ in _SYNONYMS and not in_quote(text, t.idx, t.idx + len(t))]
    if not found:
        return None
    t = rng.choice(found)
    new, _ = _put(text, t.idx, t.idx + len(t), _case_like(t.text, _SYNONYMS[t.lower_]))
    return Edit(new, "synonym")


def reorder(text: str, doc: Any, rng: random.Random) -> Edit | None:
    m = re.match(
        r"((?:On|In|At|After|Before|During|Since|Last|Earlier|Later|By)\b[^,\"“”]{2,40}),\s+(.{15,}?)([.!?])$",
        text,
    )
    if m and doc[0].lower_ != "i":
        rest = m.group(2)
        first_is_name = len(doc) > 0 and any(t.pos_ == "PROPN" for t in doc if t.idx == m.start(2))
        rest = rest if first_is_name else rest[:1].upper() + rest[1:]
        phrase = m.group(1)
        phrase = phrase[:1].lower() + phrase[1:]
        return Edit(f"{rest[:1].upper() + rest[1:]} {phrase}{m.group(3)}", "reorder")
    m = re.match(r"([^\"“”]{20,}), ((?:[A-Z][\w'’.-]+ ){1,3})(said|says)([.])$", text)
    if m:
        body = m.group(1)
        starts_with_name = any(t.pos_ == "PROPN" and t.idx == 0 for t in doc) or body.startswith("I ")
        body = body if starts_with_name else body[:1].lower() + body[1:]
        return Edit(f"{m.group(2)}{m.group(3)} {body}{m.group(4)}", "reorder")
    return None


def voice(text: str, doc: Any, rng: random.Random) -> Edit | None:
    for t in doc:
        if t.dep_ != "ROOT" or t.tag_ != "VBD" or not t.text.endswith("ed") or in_quote(text, 0, len(text)):
            continue
        subj = [c for c in t.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        obj = [c for c in t.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
        if not subj or not obj or any(c.dep_ in {"aux", "neg", "prt"} for c in t.children):
            continue
        s0, s1 = subj[0].left_edge, subj[0].right_edge
        o0, o1 = obj[0].left_edge, obj[0].right_edge
        if s0.i != 0 or s1.i + 1 != t.i or o0.i != t.i + 1:
            continue
        subj_text = text[s0.idx : s1.idx + len(s1)]
        obj_text = text[o0.idx : o1.idx + len(o1)]
        rest = text[o1.idx + len(o1) :]
        subj_text = subj_text if s0.pos_ == "PROPN" else subj_text[:1].lower() + subj_text[1:]
        be = "were" if obj[0].tag_ in {"NNS", "NNPS"} else "was"
        return Edit(f"{obj_text[:1].upper() + obj_text[1:]} {be} {t.text} by {subj_text}{rest}", "voice")
    return None


def number_format(text: str, doc: Any, rng: random.Random) -> Edit | None:
    m = re.search(r"(?<![\w.,])(\d{1,3}),(\d{3})(?:,(\d{3}))?(?![\w,])", text)
    if m and not in_quote(text, m.start(), m.end()):
        value = int(m.group().replace(",", ""))
        repl = f"{value / 1000000:g} million" if value >= 1000000 and value % 100000 == 0 else str(value)
        return Edit(_put(text, m.start(), m.end(), repl)[0], "number_format")
    m = re.search(r"(?<![\w.,$])([2-9])(?![\w.,%])", text)
    if m and not in_quote(text, m.start(), m.end()):
        words = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
        return Edit(_put(text, m.start(), m.end(), words[int(m.group()) - 2])[0], "number_format")
    return None


MEANING_OPS = ("negation", "hedge", "number", "name", "pronoun", "quote", "attribution")
PRESERVING_OPS: dict[str, Callable[[str, Any, random.Random], Edit | None]] = {
    "synonym": synonym,
    "reorder": reorder,
    "voice": voice,
    "number_format": number_format,
}


# --- number re-scoped: the same number now counts something else ----------------------------------

# Countable things a news sentence may count; a re-scoped number is re-attached to one of these.
_COUNTED = (
    "soldiers", "vehicles", "protesters", "homes", "schools", "companies", "students", "patients", "flights",
    "weapons", "officers", "villages", "hospitals", "votes", "workers", "tanks", "journalists", "families",
    "buildings", "prisoners",
)  # fmt: skip


def number_rescope(text: str, doc: Any, rng: random.Random) -> Edit | None:
    """Keep a number but attach it to another head noun ("300 soldiers" → "300 vehicles")."""
    options = []
    for t in doc:
        head = t.head
        if t.dep_ != "nummod" or head.tag_ != "NNS" or head.i != t.i + 1 or not t.text[:1].isdigit():
            continue
        if in_quote(text, t.idx, head.idx + len(head)) or "%" in text[t.idx : head.idx]:
            continue
        options.append((t, head))
    if not options:
        return None
    num, head = rng.choice(options)
    words = {w.lower_ for w in doc}
    new_noun = rng.choice([w for w in _COUNTED if w not in words and w[:4] != head.lower_[:4]])
    new, _ = _put(text, head.idx, head.idx + len(head), new_noun)
    return Edit(new, "number_rescope", [("number", (num.idx, head.idx + len(new_noun)))])


# --- heavy paraphrase: a "spun" rewrite ---------------------------------------------------------------

# Words a spinner must leave alone here, because changing them changes the meaning the benchmark
# scores (negation, certainty, quantity, gender, speech) — only meaning-preserving swaps are wanted.
_SPIN_KEEP = frozenset(
    str.split(
        "not no never none nothing nobody without neither nor fail failed deny denied reject rejected refuse "
        "refused lack may might could would should must can will shall likely unlikely possibly probably perhaps "
        "maybe reportedly allegedly apparently certainly definitely clearly surely undoubtedly claim claimed "
        "claims suggest suggested suggests appear appeared appears seem seemed seems believe believed all some "
        "many few most every several more less fewer least much any each both only first last second third "
        "half double once twice man men woman women mother father son daughter husband wife brother sister "
        "male female boy girl king queen said says say told tell stated according"
    )
)
# Groups of mutually contrasting words: embeddings put them close, but swapping them changes meaning.
_CONTRASTS = tuple(
    frozenset(g.split())
    for g in (
        "rise rose risen rises rising fall fell fallen falls falling drop dropped increase increased "
        "increases decrease decreased decreases grow grew shrink shrank gain gained lose lost loss losses",
        "win won winning wins lose lost losing defeat defeated victory",
        "before after earlier later early late past future previous next former latter",
        "high higher highest low lower lowest large larger largest small smaller smallest big bigger "
        "little long longer short shorter",
        "best better good worse worst bad",
        "open opened close closed start started end ended begin began finish finished",
        "north south east west northern southern eastern western",
        "left right liberal conservative democratic republican",
        "buy bought sell sold import export imports exports",
        "support supported oppose opposed approve approved ban banned allow allowed",
        "morning evening night afternoon day week month year decade today yesterday tomorrow",
        "attack attacked defend defended enemy ally allies",
        "up down in out over under above below inside outside",
        "domestic foreign national international local federal state",
        "strong weak stronger weaker hot cold warm cool",
        "young old older younger new",
        "public private",
        "guilty innocent legal illegal",
        "arrest arrested release released",
        "true false real fake genuine",
        "inner outer internal external",
        "dozens hundreds thousands millions billions dozen hundred thousand million billion",
        "seconds minutes hours days weeks months years decades",
        "appointed elected nominated fired hired resigned",
        "champion opponent rival winner loser",
        "mother father son daughter parent child children kids",
    )
)
_OPPOSITE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "anti", "mis", "de")


def _contrasting(a: str, b: str) -> bool:
    if any(a in g and b in g for g in _CONTRASTS):
        return True
    return any(a == p + b or b == p + a for p in _OPPOSITE_PREFIXES)


def build_synonym_table(
    words: list[str], tags: list[str], vectors: Any, min_cosine: float = 0.66
) -> dict[tuple[str, str], str]:
    """Near-synonyms from word embeddings: each word's nearest neighbour with the same POS tag.

    Args:
        words: vocabulary (lower case), e.g. wordfreq's most frequent English words.
        tags: the fine POS tag of each word (spaCy, tagged in isolation).
        vectors: unit embeddings of the words, shape ``(len(words), d)`` (numpy).
        min_cosine: lowest cosine for a neighbour to count as a near-synonym.

    Returns:
        ``{(word, tag): substitute}``; morphological variants (shared 4-letter stem) and contrasting
        words (antonym groups, negating prefixes) are never substitutes.
    """
    import numpy as np

    sims = np.asarray(vectors @ vectors.T)
    np.fill_diagonal(sims, -1.0)
    table: dict[tuple[str, str], str] = {}
    for i, w in enumerate(words):
        if w in _SPIN_KEEP:
            continue
        for j in np.argsort(-sims[i])[:15]:
            if sims[i, j] < min_cosine:
                break
            v = words[int(j)]
            if tags[int(j)] != tags[i] or v in _SPIN_KEEP or v[:4] == w[:4] or v in w or w in v:
                continue
            if _contrasting(w, v):
                continue
            table[(w, tags[i])] = v
            break
    return table


def spin(
    text: str, doc: Any, rng: random.Random, table: dict[tuple[str, str], str], rate: float = 0.8
) -> str:
    """Swap many content words for embedding near-synonyms (outside quotations), as a spinner does."""
    out: list[str] = []
    pos = 0
    for t in doc:
        if t.pos_ not in {"NOUN", "VERB", "ADJ", "ADV"} or t.lower_ in _SPIN_KEEP:
            continue
        sub = table.get((t.lower_, t.tag_))
        if sub is None or rng.random() >= rate or in_quote(text, t.idx, t.idx + len(t)):
            continue
        out.append(text[pos : t.idx] + _case_like(t.text, sub))
        pos = t.idx + len(t)
    out.append(text[pos:])
    return "".join(out)


def split_sentence(text: str) -> list[str] | None:
    """Two sentences from one joined by ", and" / ", but" / ";" (both halves of five words or more)."""
    if has_quote_marks(text):
        return None
    m = re.search(r"(?:, (and|but)|;) ", text)
    if not m:
        return None
    first, second = text[: m.start()], text[m.end() :]
    if len(first.split()) < 5 or len(second.split()) < 5:
        return None
    lead = "But " if m.group(1) == "but" else ""
    second = lead + (second if lead else second[:1].upper() + second[1:])
    return [first.rstrip(",;") + ".", second]
