"""Detectors of meaning changes inside one aligned passage pair.

Each detector looks at the changed regions ("ops") of the passage diff
(:mod:`rashomon.reuse.mutations_diff`) and claims the ones it explains, so that one change is
reported once, under the most specific type: negation, hedge, number, attribution, pronoun, name,
then quote.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from rapidfuzz import fuzz
from unidecode import unidecode
from wordfreq import zipf_frequency

from rashomon.reuse.model import Mutation
from rashomon.reuse.mutations_diff import PassagePair, is_local, is_one_sided, make_mutation, norms
from rashomon.reuse.mutations_lexicon import (
    ANTONYMS,
    BOOSTERS,
    FEMALE,
    GENDER_PAIRS,
    HEDGE_PHRASES,
    HEDGES,
    MALE,
    NEGATORS,
    REPORTING,
    Token,
)
from rashomon.reuse.mutations_numbers import NumberMention, find_numbers, same_value
from rashomon.reuse.mutations_rescope import rescoped_numbers

__all__ = ["detect_in_passage", "is_name_token", "starts_sentence"]


_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "sen",
        "rep",
        "gov",
        "st",
        "col",
        "lt",
        "sgt",
        "capt",
        "rev",
        "pres",
        "jr",
        "sr",
    ]
)
_SENTENCE_ENDS = frozenset({".", "!", "?"})
# the last word of an attribution that introduces the reported clause ("said … that", "said …,")
_CLAUSE_OPENERS = frozenset({"that", ","})
_NOT_SPEAKERS = frozenset(
    [
        "has",
        "have",
        "had",
        "and",
        "who",
        "which",
        "that",
        "is",
        "was",
        "were",
        "are",
        "also",
        "it",
        "but",
        "then",
    ]
)
_SENTENCE_OPENERS = frozenset({".", "!", "?", '"', "“", "”", "«", "„", ":", ";", "(", "—", "-"})
_QUOTE = re.compile(r"“([^“”]{3,}?)”|\"([^\"]{3,}?)\"|«([^«»]{3,}?)»|„([^„“”]{3,}?)[“”]")


# --- negation -------------------------------------------------------------------------------------


def _shouter(changed: set[int], src_words: set[str]) -> Callable[[Token], bool]:
    """Marks the negator or antonym the copy put in, so the explanation can show it in capitals."""

    def shout(t: Token) -> bool:
        return t.start in changed and (
            t.norm in NEGATORS or bool(ANTONYMS.get(t.norm, frozenset()) & src_words)
        )

    return shout


def _negation(pp: PassagePair) -> list[Mutation]:
    total = sum(t.norm in NEGATORS for t in pp.tgt) - sum(t.norm in NEGATORS for t in pp.src)
    out: list[Mutation] = []
    for k, (i1, i2, j1, j2) in pp.free_ops():
        if is_one_sided(pp, (i1, i2, j1, j2)):
            continue
        src_words, tgt_words = norms(pp.src, i1, i2), norms(pp.tgt, j1, j2)
        delta = sum(w in NEGATORS for w in tgt_words) - sum(w in NEGATORS for w in src_words)
        flipped = any(ANTONYMS.get(w, frozenset()) & set(tgt_words) for w in src_words)
        # a negator moved elsewhere in the sentence (total unchanged) is a reordering, not a negation;
        # an antonym plus a negator ("agreed" -> "did not refuse") cancel out
        negated = delta != 0 and total != 0 and (delta > 0) == (total > 0) and delta % 2 == 1
        if negated == flipped:
            continue
        pp.claimed.add(k)
        gained = delta > 0

        shout = _shouter({t.start for t in pp.tgt[j1:j2]}, set(src_words))
        src_s, tgt_s = pp.src_snippet(i1, i2), pp.tgt_snippet(j1, j2, upper=shout)
        if flipped:
            why = f'The source says "{src_s}"; the copy says the opposite: "{tgt_s}".'
        elif gained:
            why = f'The source says "{src_s}"; the copy negates it: "{tgt_s}".'
        else:
            why = f'The source says "{src_s}"; the copy drops the negation and says "{tgt_s}" — the opposite.'
        conf = 0.85 if is_local(pp, (i1, i2, j1, j2)) else 0.55
        out.append(make_mutation(pp, "negation", pp.src_span(i1, i2), pp.tgt_span(j1, j2), why, conf))
    return out


# --- hedge ----------------------------------------------------------------------------------------


def _hedge_marks(tokens: list[Token]) -> list[int]:
    """Indices of tokens that hedge (a multi-word hedge marks its first token)."""
    marks: list[int] = []
    norms = [t.norm for t in tokens]
    skip_until = -1
    for i, w in enumerate(norms):
        if i < skip_until:
            continue
        phrase = next((p for p in HEDGE_PHRASES if tuple(norms[i : i + len(p)]) == p), None)
        if phrase:
            marks.append(i)
            skip_until = i + len(phrase)
        elif w in HEDGES:
            marks.append(i)
    return marks


def _hedge(pp: PassagePair) -> list[Mutation]:
    src_marks, tgt_marks = set(_hedge_marks(pp.src)), set(_hedge_marks(pp.tgt))
    total = len(tgt_marks) - len(src_marks)
    boost_total = sum(t.norm in BOOSTERS for t in pp.tgt) - sum(t.norm in BOOSTERS for t in pp.src)
    out: list[Mutation] = []
    for k, (i1, i2, j1, j2) in pp.free_ops():
        if is_one_sided(pp, (i1, i2, j1, j2)):
            continue
        delta = sum(j1 <= j < j2 for j in tgt_marks) - sum(i1 <= i < i2 for i in src_marks)
        strong = {"definitely", "certainly", "clearly", "undoubtedly", "surely", "confirmed"}
        boost = sum(w in strong for w in norms(pp.tgt, j1, j2)) - sum(
            w in strong for w in norms(pp.src, i1, i2)
        )
        if delta and total and (delta > 0) == (total > 0):
            weaker = delta > 0
        elif boost and boost_total and (boost > 0) == (boost_total > 0):
            weaker = False
        else:
            continue
        pp.claimed.add(k)
        src_s, tgt_s = pp.src_snippet(i1, i2), pp.tgt_snippet(j1, j2)
        if weaker:
            why = f'The source states "{src_s}" as fact; the copy makes it uncertain: "{tgt_s}".'
        else:
            why = f'The source is cautious ("{src_s}"); the copy presents it as certain: "{tgt_s}".'
        conf = 0.8 if is_local(pp, (i1, i2, j1, j2)) else 0.5
        out.append(make_mutation(pp, "hedge", pp.src_span(i1, i2), pp.tgt_span(j1, j2), why, conf))
    return out


# --- numbers --------------------------------------------------------------------------------------


def _is_bare_one(tokens: list[Token], n: NumberMention) -> bool:
    # "one" is as often a pronoun or determiner ("one of them", "One definite similarity…") as a count
    return n.last - n.first == 1 and tokens[n.first].norm == "one"


def _number(pp: PassagePair) -> list[Mutation]:
    src_nums = [n for n in find_numbers(pp.src) if not _is_bare_one(pp.src, n)]
    tgt_nums = [n for n in find_numbers(pp.tgt) if not _is_bare_one(pp.tgt, n)]
    unmatched_tgt = list(tgt_nums)
    unmatched_src = []
    kept: list[tuple[NumberMention, NumberMention]] = []
    for s in src_nums:
        hit = next((t for t in unmatched_tgt if same_value(s.value, t.value)), None)
        if hit is None:
            unmatched_src.append(s)
        else:
            unmatched_tgt.remove(hit)
            kept.append((s, hit))
    out: list[Mutation] = rescoped_numbers(pp, kept)
    for s, t in zip(unmatched_src, unmatched_tgt, strict=False):
        src_span, tgt_span = pp.src_span(s.first, s.last), pp.tgt_span(t.first, t.last)
        for idx in range(t.first, t.last):
            k = pp.op_index_for_target(idx)
            if k is not None:
                pp.claimed.add(k)
        src_num, tgt_num = pp.source_text[slice(*src_span)], pp.target_text[slice(*tgt_span)]
        why = (
            f'The source gives {src_num} ("{pp.src_snippet(s.first, s.last)}"); '
            f'the copy gives {tgt_num} ("{pp.tgt_snippet(t.first, t.last)}").'
        )
        out.append(make_mutation(pp, "number", src_span, tgt_span, why, 0.9))
    return out


# --- pronouns -------------------------------------------------------------------------------------


def _pronoun(pp: PassagePair) -> list[Mutation]:
    out: list[Mutation] = []
    for k, (i1, i2, j1, j2) in pp.free_ops():
        src_words, tgt_words = norms(pp.src, i1, i2), norms(pp.tgt, j1, j2)
        male_to_female = any(w in MALE for w in src_words) and any(w in FEMALE for w in tgt_words)
        female_to_male = any(w in FEMALE for w in src_words) and any(w in MALE for w in tgt_words)
        pairs = {(a, b) for a in src_words for b in tgt_words}
        paired = any(GENDER_PAIRS.get(a) == b or GENDER_PAIRS.get(b) == a for a, b in pairs)
        if not (paired and (male_to_female or female_to_male)) or not is_local(pp, (i1, i2, j1, j2)):
            continue
        pp.claimed.add(k)
        was, now = ("a man", "a woman") if male_to_female else ("a woman", "a man")
        why = (
            f'The source refers to {was} ("{pp.src_snippet(i1, i2)}"); '
            f'the copy refers to {now} ("{pp.tgt_snippet(j1, j2)}") — the person\'s gender or identity changed.'
        )
        out.append(make_mutation(pp, "pronoun", pp.src_span(i1, i2), pp.tgt_span(j1, j2), why, 0.85))
    return out


# --- names ----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def _common_word(word: str) -> bool:
    return zipf_frequency(word, "en") >= 4.0


def is_name_token(tokens: list[Token], i: int) -> bool:
    """True when token ``i`` looks like part of a proper name (capitalised, not a sentence opener)."""
    tok = tokens[i]
    if not (tok.is_word and tok.is_capitalised) or tok.norm[:1].isdigit() or tok.norm in _CALENDAR:
        return False
    if i >= 2 and tokens[i - 1].norm == "." and tokens[i - 2].norm in _TITLES:
        return True  # "Mr. Obama": the period ends a title, not a sentence
    opener = i == 0 or tokens[i - 1].norm in _SENTENCE_OPENERS
    if not opener or not _common_word(tok.norm):
        return True
    if zipf_frequency(tok.norm, "en") >= 5.5:
        return False  # "He", "The", "That": function words open sentences, they never name anyone
    # a common word opening a sentence ("Smith", "Big"): a name only when a name or a speech verb follows
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and ((nxt.is_word and nxt.is_capitalised) or nxt.norm in REPORTING)


def starts_sentence(tokens: list[Token], i: int) -> bool:
    """True when token ``i`` opens a sentence (or follows an opening quotation mark or bracket)."""
    if i >= 2 and tokens[i - 1].norm == "." and tokens[i - 2].norm in _TITLES:
        return False
    return i == 0 or tokens[i - 1].norm in _SENTENCE_OPENERS


def _name_string(tokens: list[Token], lo: int, hi: int) -> str:
    return " ".join(tokens[i].text for i in range(lo, hi) if is_name_token(tokens, i))


def _name_key(name: str) -> str:
    return unidecode(name).lower().replace("-", " ").replace("'", "")


def _translit_key(name: str) -> str:
    """A rough phonetic key under which common romanisation variants coincide."""
    key = _name_key(name)
    for a, b in (("kh", "h"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("y", "i"), ("j", "i"), ("ou", "u")):
        key = key.replace(a, b)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"(?<=\w)[aeiou]", "", key)  # vowels after the first letter vary most across spellings


def _name(pp: PassagePair) -> list[Mutation]:
    out: list[Mutation] = []
    for k, (i1, i2, j1, j2) in pp.free_ops():
        src_name, tgt_name = _name_string(pp.src, i1, i2), _name_string(pp.tgt, j1, j2)
        if not src_name or not tgt_name or _name_key(src_name) == _name_key(tgt_name):
            continue
        similarity = fuzz.ratio(_name_key(src_name), _name_key(tgt_name))
        if similarity >= 70:
            variant = _translit_key(src_name) == _translit_key(tgt_name)
            why = f'"{src_name}" is spelled "{tgt_name}" in the copy' + (
                " — probably the same name spelled another way (a transliteration variant or a typo)."
                if variant
                else " — a respelling; check that it is the same person."
            )
            conf = 0.65 if variant else 0.8
        elif max(i2 - i1, j2 - j1) <= 4 and not (
            _common_word(_name_key(src_name)) and _common_word(_name_key(tgt_name))
        ):
            # two ordinary words in title case ("Says" / "States") are a rewording, not a new name
            why = f'The source names "{src_name}" ("{pp.src_snippet(i1, i2)}"); the copy names "{tgt_name}" instead.'
            conf = 0.7
        else:
            continue
        pp.claimed.add(k)
        out.append(make_mutation(pp, "name", pp.src_span(i1, i2), pp.tgt_span(j1, j2), why, conf))
    return out


# --- attribution ----------------------------------------------------------------------------------


def _speakers(tokens: list[Token]) -> list[tuple[int, str, list[int]]]:
    """(cue index, speaker, speaker token indices) for each reporting cue ("said", "according to")."""
    found: list[tuple[int, str, list[int]]] = []
    for i, tok in enumerate(tokens):
        if tok.norm not in REPORTING or (tok.norm == "according" and norms(tokens, i + 1, i + 2) != ["to"]):
            continue
        after = [j for j in range(i + (2 if tok.norm == "according" else 1), min(len(tokens), i + 5))]
        before = list(range(max(0, i - 4), i))
        idx = [j for j in before if is_name_token(tokens, j)]
        if not idx or tok.norm == "according":
            idx = [j for j in after if is_name_token(tokens, j)] or idx
        if not idx and i > 0 and tokens[i - 1].is_word and tokens[i - 1].norm not in _NOT_SPEAKERS:
            idx = [i - 1]  # "police said", "he said"
        found.append((i, " ".join(tokens[j].text for j in idx), idx))
    return found


def _abbreviation(tokens: list[Token], i: int) -> bool:
    """The full stop at ``i`` ends a title or initial ("Mr.", "Gov.", "J."), not a sentence."""
    prev = tokens[i - 1] if i > 0 else None
    return prev is not None and prev.is_word and prev.is_capitalised and len(prev.text) <= 3


def _attribution_dropped(pp: PassagePair, cue: int, speaker: str) -> Mutation | None:
    """The cue and its speaker were deleted and nothing took their place.

    Only a deletion that ends right after the cue ("…, the minister said", "Smith said that …",
    "According to X, …") counts: a whole dropped sentence that happened to hold a cue is an omission.
    """
    k = pp.op_index_for_source(cue)
    if k is None or k in pp.claimed:
        return None
    i1, i2, j1, j2 = pp.ops[k]
    reach = 6 if pp.src[cue].norm == "according" else 3
    if i2 < len(pp.src) and pp.src[i2 - 1].norm in _CLAUSE_OPENERS:
        # "X said on CBS' 'This Morning' that …", "He has said, among other things, that …": words
        # after the verb, up to the start of the reported clause, belong to the attribution
        reach = 12
    removed = sum(t.is_word for t in pp.src[i1:i2])
    replaced_by = [t for t in pp.tgt[j1:j2] if t.is_word]
    if len(replaced_by) > 1 or any(t.norm in REPORTING for t in replaced_by):
        return None  # "said" -> "stated" keeps the attribution
    to_sentence_end = (
        i2 >= len(pp.src) or pp.src[i2].norm in _SENTENCE_ENDS or pp.src[i2 - 1].norm in _SENTENCE_ENDS
    )
    if not 2 <= removed <= 20 or (i2 - cue > reach and not to_sentence_end):
        return None
    # the reported statement must survive in the same sentence: before the deletion ("…, X said.")
    # or after it ("X said that …"); a deletion from sentence start to sentence end is an omission
    ends = [i for i in range(i1, i2 - 1) if pp.src[i].norm in _SENTENCE_ENDS and not _abbreviation(pp.src, i)]
    starts_sentence = i1 == 0 or pp.src[i1 - 1].norm in _SENTENCE_ENDS
    continues = (
        i2 < len(pp.src)
        and pp.src[i2 - 1].norm not in _SENTENCE_ENDS
        and pp.src[i2].norm not in _SENTENCE_ENDS
    )
    if ends or (starts_sentence and not continues):
        return None
    pp.claimed.add(k)
    why = (
        f'The source attributes this to {speaker or "a speaker"} ("{pp.src_snippet(i1, i2)}"); '
        "the copy states it without attribution, as its own claim."
    )
    return make_mutation(pp, "attribution", pp.src_span(i1, i2), pp.tgt_span(j1, j2), why, 0.75)


def _attribution(pp: PassagePair) -> list[Mutation]:
    src_cues = _speakers(pp.src)
    if not src_cues:
        return []
    tgt_cues = [(pp.tgt[c].norm, _name_key(s)) for c, s, _ in _speakers(pp.tgt)]
    # a cue kept word for word ("told Parnas" in both) is matched first, so it cannot stand in for
    # another cue of the same speaker that the copy dropped ("Parnas said that …")
    exact: list[bool] = []
    for c, s, _ in src_cues:
        exact.append((pp.src[c].norm, _name_key(s)) in tgt_cues)
        if exact[-1]:
            tgt_cues.remove((pp.src[c].norm, _name_key(s)))
    unmatched_tgt = [key for _, key in tgt_cues]
    out: list[Mutation] = []
    for keep, (cue, speaker, idx) in zip(exact, src_cues, strict=True):
        if keep:
            continue
        # the same speaker still speaks in the copy (maybe moved: "X said Y" -> "Y, X said")
        same = next((t for t in unmatched_tgt if fuzz.ratio(_name_key(speaker), t) >= 70), None)
        if same is not None:
            unmatched_tgt.remove(same)
            continue
        dropped = _attribution_dropped(pp, cue, speaker)
        if dropped is not None:
            out.append(dropped)
            continue
        if not speaker:
            continue
        for k, (i1, i2, j1, j2) in pp.free_ops():
            new = _name_string(pp.tgt, j1, j2)
            if not new or not any(i1 <= j < i2 for j in idx):
                continue
            pp.claimed.add(k)
            why = f"The source attributes this to {speaker}; the copy attributes it to {new}."
            out.append(make_mutation(pp, "attribution", pp.src_span(i1, i2), pp.tgt_span(j1, j2), why, 0.7))
            break
    return out


# --- quotes ---------------------------------------------------------------------------------------


def _quotes(text: str, span: tuple[int, int]) -> list[tuple[int, int, str]]:
    """(start, end, content) of the quotations inside ``span`` of ``text`` (content offsets)."""
    out = []
    for m in _QUOTE.finditer(text, span[0], span[1]):
        g = next(i for i in range(1, 5) if m.group(i) is not None)
        out.append((m.start(g), m.end(g), m.group(g)))
    return out


def _quote_key(content: str) -> str:
    return " ".join(re.findall(r"\w+", content.lower()))


def _quote(pp: PassagePair) -> list[Mutation]:
    src_q, tgt_q = _quotes(pp.source_text, pp.source_span), _quotes(pp.target_text, pp.target_span)
    out: list[Mutation] = []
    used: set[int] = set()
    tgt_plain = pp.target_text[slice(*pp.target_span)]
    for s0, s1, content in src_q:
        scores = [(fuzz.ratio(_quote_key(content), _quote_key(t[2])), n) for n, t in enumerate(tgt_q)]
        best = max(scores, default=(0.0, -1))
        if best[0] >= 50:
            used.add(best[1])
            t0, t1, t_content = tgt_q[best[1]]
            if _quote_key(content) == _quote_key(t_content) or not _free_words_inside(pp, t0, t1):
                continue
            why = f'The quotation is altered: the source quotes "{content}", the copy quotes "{t_content}".'
            out.append(make_mutation(pp, "quote", (s0, s1), (t0, t1), why, 0.8))
            continue
        hit = fuzz.partial_ratio_alignment(_quote_key(content), tgt_plain.lower())
        if hit is not None and hit.score >= 85 and len(content.split()) >= 3:
            t0 = pp.target_span[0] + hit.dest_start
            t1 = pp.target_span[0] + hit.dest_end
            why = f'The source quotes "{content}" verbatim; the copy drops the quotation marks and presents the words as its own.'
            out.append(make_mutation(pp, "quote", (s0, s1), (t0, t1), why, 0.7))
    src_plain = pp.source_text[slice(*pp.source_span)]
    for n, (t0, t1, content) in enumerate(tgt_q):
        if n in used or len(content.split()) < 3:
            continue
        hit = fuzz.partial_ratio_alignment(_quote_key(content), src_plain.lower())
        if (
            hit is not None
            and hit.score >= 80
            and not any(fuzz.ratio(_quote_key(content), _quote_key(q[2])) >= 50 for q in src_q)
        ):
            s0, s1 = pp.source_span[0] + hit.dest_start, pp.source_span[0] + hit.dest_end
            why = f'The copy puts "{content}" in quotation marks; the source does not quote these words.'
            out.append(make_mutation(pp, "quote", (s0, s1), (t0, t1), why, 0.7))
    return out


def _free_words_inside(pp: PassagePair, t0: int, t1: int) -> bool:
    """True when an unclaimed change with words lies inside the target characters ``[t0, t1)``."""
    for _, (i1, i2, j1, j2) in pp.free_ops():
        words = [t for t in pp.tgt[j1:j2] + pp.src[i1:i2] if t.is_word]
        if not words:
            continue
        lo, hi = pp.tgt_span(j1, j2)
        if lo < t1 and hi > t0:
            return True
    return False


_DETECTORS: tuple[Callable[[PassagePair], list[Mutation]], ...] = (
    _negation,
    _hedge,
    _number,
    _attribution,
    _pronoun,
    _name,
    _quote,
)


def detect_in_passage(pp: PassagePair) -> list[Mutation]:
    """All mutations found inside one aligned passage pair, most specific type first."""
    out: list[Mutation] = []
    if not pp.ops:
        return out
    for detector in _DETECTORS:
        out.extend(detector(pp))
    return out
