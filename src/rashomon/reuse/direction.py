"""Which of two linked articles is the source, and does the derived one credit it.

Three kinds of evidence, each turned into a signed vote (positive: the first article is the source):

- **Publication dates**: the earlier article is the source (the strongest vote when both are known).
- **Attribution**: a text that credits the other outlet ("according to X's analysis", "X has
  published…", "reported by X", the other's outlet name or URL host) is the derived one. When the
  other article's outlet is unknown, a publication credit naming someone the other text never
  mentions still points that way (a text rarely names its own publisher), with a weaker vote.
- **Information asymmetry**: the source holds specific details (numbers, names, quoted words) in
  the shared passages that the derived text lost, and the derived text adds little that is specific.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from wordfreq import zipf_frequency

from rashomon.model import Article
from rashomon.reuse.align import Alignment

__all__ = [
    "Credit",
    "DirectionVote",
    "credits",
    "date_vote",
    "find_credit",
    "garble_vote",
    "information_vote",
    "outlet_names",
]

# A credit cue followed by the credited name ("according to the Guardian", "selon Le Monde").
_CUE_BEFORE_NAME = re.compile(
    r"\b(?:according\s+to|reported\s+by|first\s+reported\s+by|published\s+by|cited\s+by|via|"
    r"(?:an?\s+|the\s+)?(?:analysis|report|article|story|investigation|interview)\s+(?:by|in|from|of)|"
    r"selon|según|laut|secondo|segundo|по\s+данным|сообщает|пишет)\s+(?:the\s+|le\s+|la\s+|el\s+|l['’])?",
    re.IGNORECASE,
)
# A name followed by a publishing verb ("The Guardian has published", "Reuters reported").
_CUE_AFTER_NAME = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+)?(?:published|reported|wrote|writes|reports|revealed|"
    r"a\s+publié|hat\s+veröffentlicht|ha\s+publicado|опубликовал[аи]?)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[^\W\d_][\w&.'’-]*")
_PUBLICATION_NOUN = re.compile(
    r"\b(?:analysis|report|article|story|newspaper|investigation)\b", re.IGNORECASE
)
_UNSHARED_WEIGHT = 0.5
_SPECIFIC = re.compile(r"\d[\d.,]*|\"[^\"]{3,}\"|“[^”]{3,}”")
_CONNECTIVES = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "or",
        "to",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "his",
        "her",
        "their",
        "news",
        "analysis",
        "report",
    ]
)


@dataclass(frozen=True, slots=True)
class Credit:
    """A credited name in a text: who, where, and the sentence-level cue that credits it."""

    name: str
    span: tuple[int, int]
    cue: str


@dataclass(frozen=True, slots=True)
class DirectionVote:
    """A signed vote (positive: the first article is the source) and the evidence sentence."""

    weight: float
    evidence: str


def _name_after(text: str, pos: int) -> tuple[str, int] | None:
    words: list[str] = []
    end = pos
    for m in _NAME_WORD.finditer(text, pos):
        if text[end : m.start()].strip() or not m.group()[0].isupper() or len(words) >= 4:
            break
        word = re.sub(r"['’]s$", "", m.group()).rstrip(".’'")
        words.append(word)
        end = m.end()
        if word != m.group().rstrip("’'"):
            break  # a possessive or a full stop ends the name
    return (" ".join(words), end) if words else None


def _name_before(text: str, pos: int) -> tuple[str, int] | None:
    words: list[str] = []
    start = pos
    for m in reversed(list(_NAME_WORD.finditer(text, max(0, pos - 80), pos))):
        if text[m.end() : start].strip() or not m.group()[0].isupper() or len(words) >= 4:
            break
        if m.group().endswith(".") and len(m.group()) > 2:
            break  # the previous sentence's last word
        words.insert(0, m.group())
        start = m.start()
    sentence_initial = not text[:start].strip() or text[:start].rstrip()[-1] in ".!?\n"
    if len(words) == 1 and sentence_initial and zipf_frequency(words[0].lower(), "en") > 4.5:
        return None  # "Alarming reports…": a capitalised common word, not a name
    while words and words[0].lower() == "the":
        words.pop(0)
    return (" ".join(words), start) if words else None


def credits(text: str) -> list[Credit]:
    """Every name the text credits as the origin of its information, in text order.

    Args:
        text: an article's clean text.

    Returns:
        :class:`Credit` objects; names are 1–4 capitalised words next to a credit cue.
    """
    found: list[Credit] = []
    for m in _CUE_BEFORE_NAME.finditer(text):
        hit = _name_after(text, m.end())
        if hit and hit[0].lower() not in _CONNECTIVES:
            found.append(Credit(hit[0], (m.start(), hit[1]), m.group().strip()))
    for m in _CUE_AFTER_NAME.finditer(text):
        hit = _name_before(text, m.start())
        if hit and hit[0].lower() not in _CONNECTIVES:
            found.append(Credit(hit[0], (hit[1], m.end()), m.group().strip()))
    return sorted(found, key=lambda c: c.span)


def outlet_names(article: Article) -> list[str]:
    """Names by which another text could credit ``article``: outlet, URL host core, author.

    Args:
        article: the article that may be credited.

    Returns:
        Lower-cased names, longest first (e.g. ``["the guardian", "guardian", "theguardian"]``).
    """
    names: set[str] = set()
    if article.outlet:
        outlet = article.outlet.lower().strip()
        names.add(outlet)
        names.add(re.sub(r"^the\s+", "", outlet))
        names.add(re.sub(r"\s*[-–(].*$", "", outlet))  # "New York Times - News" → "new york times"
    if article.url:
        host = urlsplit(article.url if "//" in article.url else "//" + article.url).hostname or ""
        parts = [p for p in host.lower().split(".") if p not in {"www", "m", "amp", "edition", "news"}]
        if len(parts) >= 2:
            names.add(parts[-2])
            names.add(re.sub(r"^the", "", parts[-2]))
    if article.author:
        names.add(article.author.lower().strip())
    return sorted((n for n in names if len(n) >= 3), key=len, reverse=True)


def find_credit(source: Article, target: Article) -> tuple[bool, float, str]:
    """Does ``target`` credit ``source``?

    Args:
        source: the article that may be credited.
        target: the article that may credit it.

    Returns:
        ``(credited, strength, evidence)``: strength 1.0 when the credited name matches the
        source's outlet, host or author; 0.5 for a publication credit naming someone the source
        text never mentions (its publisher is unknown); 0 otherwise.
    """
    names = outlet_names(source)
    low_target = target.text.lower()
    for name in names:
        m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low_target)
        if m:
            return True, 1.0, f"{target.label} names the source outlet “{target.text[m.start() : m.end()]}”"
    low_source = source.text.lower()
    for credit in credits(target.text):
        named_in_source = credit.name.lower() in low_source
        context = target.text[credit.span[0] : credit.span[1] + 60]
        if not named_in_source and (_PUBLICATION_NOUN.search(context) or "publi" in credit.cue.lower()):
            snippet = target.text[credit.span[0] : credit.span[1]]
            return (
                True,
                0.5,
                f"{target.label} credits “{credit.name}” (“{snippet}”), not named in the other text",
            )
    return False, 0.0, ""


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def date_vote(a: Article, b: Article) -> DirectionVote | None:
    """The earlier publication is the source; None when a date is missing or they are equal.

    Args:
        a: the first article.
        b: the second article.

    Returns:
        A vote of weight ±3, or None.
    """
    da, db = _when(a.published), _when(b.published)
    if da is None or db is None or da == db:
        return None
    if da < db:
        return DirectionVote(3.0, f"{a.label} was published first ({a.published} before {b.published})")
    return DirectionVote(-3.0, f"{b.label} was published first ({b.published} before {a.published})")


def _specifics(text: str) -> set[str]:
    """Numbers, quoted words and capitalised words not at a sentence start: the checkable details."""
    found = {m.group().strip('"“”.,').lower() for m in _SPECIFIC.finditer(text)}
    for m in re.finditer(r"(?<=[a-z,;:] )[^\W\d_][\w-]+", text):
        if m.group()[0].isupper():
            found.add(m.group().lower())
    return found


def information_vote(a: Article, b: Article, alignment: Alignment) -> DirectionVote | None:
    """The side holding details the other lacks is more likely the source.

    Details lost inside the shared passages count fully; details of unaligned text (the source's
    omissions against the derived text's additions) count half, since a derived text may add news
    of its own, but usually adds generic filler.

    Args:
        a: the aligned source side.
        b: the aligned target side.
        alignment: ``align_texts(a.text, b.text)``.

    Returns:
        A vote of weight within ±1.5, or None when neither side has clearly more specific details.
    """
    only_a = only_b = 0.0
    for p in alignment.passages:
        sa = _specifics(a.text[p.source_span[0] : p.source_span[1]])
        sb = _specifics(b.text[p.target_span[0] : p.target_span[1]])
        only_a += len(sa - sb)
        only_b += len(sb - sa)
    all_a, all_b = _specifics(a.text), _specifics(b.text)
    for lo, hi in alignment.omissions:
        only_a += _UNSHARED_WEIGHT * len(_specifics(a.text[lo:hi]) - all_b)
    for lo, hi in alignment.additions:
        only_b += _UNSHARED_WEIGHT * len(_specifics(b.text[lo:hi]) - all_a)
    total = only_a + only_b
    if total < 1.5 or abs(only_a - only_b) < max(1.0, 0.2 * total):
        return None
    # a few details are weak evidence; the vote reaches full weight from four one-sided details
    weight = 1.5 * (only_a - only_b) / total * min(1.0, total / 4)
    richer, poorer = (a, b) if weight > 0 else (b, a)
    return DirectionVote(
        weight,
        f"{richer.label} holds more specific details (names, numbers, quotes) than {poorer.label} "
        f"({max(only_a, only_b):g} against {min(only_a, only_b):g}, counting shared passages fully "
        "and unshared text half)",
    )


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])")
_RARER_BY = 0.35  # zipf points between the two sides' changed words before rarity counts


def _changed_words(a: str, b: str) -> tuple[list[str], list[str]]:
    wa, wb = set(_LOWER_WORD.findall(a)), set(_LOWER_WORD.findall(b))
    return sorted(wa - wb), sorted(wb - wa)


def garble_vote(a: Article, b: Article, alignment: Alignment, lang: str = "en") -> DirectionVote | None:
    """The side whose rewording uses rarer or misspelt words is more likely the derived one.

    Spinners and machine rewrites swap ordinary words for unusual near-synonyms and leave words no
    dictionary knows; an editor abridging a text keeps its words. Inside the aligned passages the
    words only one side uses are compared by their wordfreq frequency (mean Zipf value), and
    lower-case words unknown to wordfreq (misspellings) count on their own.

    Args:
        a: the aligned source side.
        b: the aligned target side.
        alignment: ``align_texts(a.text, b.text)``.
        lang: language for word frequencies.

    Returns:
        A vote of weight within ±1 (positive: ``a`` is the source), or None without clear evidence.
    """
    only_a: list[str] = []
    only_b: list[str] = []
    for p in alignment.passages:
        wa, wb = _changed_words(
            a.text[p.source_span[0] : p.source_span[1]], b.text[p.target_span[0] : p.target_span[1]]
        )
        only_a += wa
        only_b += wb
    if len(only_a) < 5 or len(only_b) < 5:
        return None
    try:
        za = [zipf_frequency(w, lang) for w in only_a]
        zb = [zipf_frequency(w, lang) for w in only_b]
    except LookupError:  # wordfreq has no list for this language: no evidence
        return None
    unknown_a, unknown_b = sum(z == 0 for z in za), sum(z == 0 for z in zb)
    diff = sum(za) / len(za) - sum(zb) / len(zb)  # > 0: b's own words are rarer → b derived
    weight = 0.0
    if abs(diff) >= _RARER_BY:
        weight += 0.6 * (1 if diff > 0 else -1) * min(1.0, abs(diff))
    if unknown_a != unknown_b:
        weight += 0.4 * (1 if unknown_b > unknown_a else -1) * min(1.0, abs(unknown_b - unknown_a) / 2)
    if not weight:
        return None
    derived, other = (b, a) if weight > 0 else (a, b)
    return DirectionVote(
        weight,
        f"{derived.label} rewords {other.label} with rarer or misspelt words (mean word frequency "
        f"{-abs(diff):+.2f} Zipf against it; {max(unknown_a, unknown_b)} unknown words), as rewriting tools do",
    )
