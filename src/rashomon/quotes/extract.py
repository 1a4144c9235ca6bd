"""Rule- and dependency-based quote extraction over a spaCy parse.

Four patterns, in order of evidence strength:

1. a speech verb from the lexicon with a subject (the speaker) and a clausal complement (the content):
   ``Tokayev said [that] troops would leave`` / ``“They will leave,” he said`` / ``The troops, he
   wrote on Twitter, will leave``;
2. a speech verb introducing a colon: ``Simonyan wrote on Telegram: “…”``;
3. ``according to X, …`` (X is the speaker, the rest of the sentence the content);
4. quoted passages left over: continued quotes after a quote of one speaker (``“…,” he said. “More.”``).

Quote marks are paired across sentence boundaries first, so a content inside quotes is extended to
the whole quoted passage (several sentences when the quote runs on). Offsets are clean-text
character offsets.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from rashomon.quotes.lexicon import cue_lexicon

__all__ = ["SPEECH_VERBS", "RawQuote", "extract_quotes", "quote_segments"]

SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "write",
        "tweet",
        "post",
        "add",
        "note",
        "claim",
        "state",
        "announce",
        "declare",
        "insist",
        "argue",
        "explain",
        "warn",
        "accuse",
        "deny",
        "ask",
        "reply",
        "respond",
        "suggest",
        "report",
        "confirm",
        "comment",
        "stress",
        "emphasize",
        "emphasise",
        "describe",
        "urge",
        "predict",
        "allege",
        "acknowledge",
        "admit",
        "maintain",
        "contend",
        "recall",
        "conclude",
        "mention",
        "testify",
        "vow",
        "promise",
        "pledge",
        "threaten",
        "estimate",
        "complain",
        "criticize",
        "criticise",
        "agree",
        "disagree",
        "caution",
        "observe",
        "remark",
        "assert",
        "reiterate",
        "repeat",
        "tout",
        "boast",
        "concede",
        "counter",
        "retort",
        "quip",
        "joke",
        "lament",
        "reveal",
        "disclose",
        "indicate",
        "signal",
        "hint",
        "propose",
        "recommend",
        "demand",
        "question",
        "wonder",
        "charge",
        "blast",
        "slam",
        "praise",
        "dismiss",
        "reject",
        "believe",
        "think",
    ]
)
# verbs whose subject is a speaker only when a clause follows ("they believe that …")
_WEAK = frozenset({"think", "believe"})
_MODALS = frozenset({"may", "might", "could", "should", "can", "would", "must"})
# speech acts whose object is what was said: "accused X of Y", "praised X", "dismissed X as absurd"
_OBJECT_SPEECH = frozenset(
    [
        "accuse",
        "criticize",
        "criticise",
        "praise",
        "dismiss",
        "demand",
        "blast",
        "slam",
        "reject",
        "deny",
        "urge",
        "warn",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "propose",
        "recommend",
        "announce",
        "reveal",
        "confirm",
        "claim",
        "ask",
    ]
)
# right-hand dependents that make up an attitude's content ("endorsed Ted Cruz", "called for a ban")
_OBJECT_DEPS = ("dobj", "prep", "xcomp", "ccomp", "attr", "acomp", "dative", "oprd")
SOCIAL = re.compile(
    r"\b(Twitter|Telegram|Facebook|Instagram|YouTube|TikTok|VKontakte|VK|WhatsApp|Weibo|WeChat|X|"
    r"LinkedIn|Truth Social|Threads|Bluesky|Mastodon|Substack|tweet|post|blog)\b",
    re.IGNORECASE,
)
_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}
_SUBJ = ("nsubj", "nsubjpass")


@dataclass
class RawQuote:
    """A quote found in one article (clean-text offsets; speaker may be absent)."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    speaker_head: tuple[int, int] | None
    direct: bool
    channel: str | None = None
    kind: str = "speech"
    pattern: str = "verb"


def quote_segments(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages, marks included, paired across sentences; nested quotes ignored.

    Straight double quotes pair in order; a passage left open at a paragraph end is closed there
    (news style reopens a quote in each paragraph of a long quotation).
    """
    segments: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        close = _PAIRS.get(ch)
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1)
        para = text.find("\n\n", i + 1)
        if j < 0 or (0 <= para < j):
            end = para if para >= 0 else n
            if end - i > 20:
                segments.append((i, end))
            i = end
            continue
        if j - i > 1:
            segments.append((i, j + 1))
        i = j + 1
    return segments


def _span(tokens: list[Any]) -> tuple[int, int]:
    toks = [t for t in tokens if not (t.is_punct and t.text not in '“”"«»')]
    toks = toks or tokens
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;:—–-\n":
        start += 1
    while end > start and text[end - 1] in " ,;:—–-\n":
        end -= 1
    return start, end


def _cue_span(verb: Any) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and particles (``has said``, ``did not say``)."""
    parts = [verb] + [
        c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < verb.i + 2
    ]
    return min(t.idx for t in parts), max(t.idx + len(t.text) for t in parts)


def _channel(verb: Any) -> str | None:
    """The platform named by the cue (``wrote on Twitter``, ``tweeted``), or None."""
    if verb.lemma_ == "tweet":
        return "Twitter"
    for child in verb.children:
        if child.dep_ in ("prep", "agent", "dobj", "npadvmod"):
            m = SOCIAL.search(" ".join(t.text for t in child.subtree))
            if m and m.group(1).lower() not in ("post", "blog", "tweet"):
                return m.group(1)
            if m:
                return m.group(1).lower()
    return None


def _content_of(verb: Any, text: str) -> tuple[int, int] | None:
    """The content a speech verb introduces: its clause, the clause it interrupts, or a colon's tail."""
    comps = [
        c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ")
    ]
    comps += [
        c
        for c in verb.children
        if c.dep_ in ("advcl", "dep", "parataxis")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]
    if comps:
        return _span([t for c in comps[:1] for t in c.subtree])
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:
        # "The campaign, he says, is different": the clause the cue interrupts is the content
        own = {t.i for t in verb.subtree}
        tokens = [t for t in verb.head.subtree if t.i not in own]
        if tokens:
            return _span(tokens)
    return _colon_content(verb, text)


def _colon_content(verb: Any, text: str) -> tuple[int, int] | None:
    right = max(
        [verb.i] + [t.i for c in verb.rights if c.dep_ in ("prep", "npadvmod", "advmod") for t in c.subtree]
    )
    doc = verb.doc
    k = right + 1
    if k < len(doc) and doc[k].text == ":":
        start = doc[k].idx + 1
        sent_end = doc[k].sent.end_char
        return start, sent_end
    return None


def _according_to(doc: Any) -> list[RawQuote]:
    out: list[RawQuote] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        speaker = _span(list(objs[0].subtree))
        sent = tok.sent
        phrase = (tok.idx, speaker[1])
        before = (sent.start_char, phrase[0])
        after = (phrase[1], sent.end_char)
        content = after if after[1] - after[0] > before[1] - before[0] else before
        out.append(
            RawQuote(
                content,
                (tok.idx, to.idx + len(to.text)),
                speaker,
                _span([objs[0]]),
                False,
                None,
                "speech",
                "according",
            )
        )
    return out


_HEADLINE = re.compile(r"^([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}):\s+(\S.{8,200})$", re.MULTILINE)


# labels that precede a colon in headlines and page furniture without anyone speaking
_SECTION_LABELS = frozenset(
    [
        "analysis",
        "opinion",
        "update",
        "updated",
        "exclusive",
        "breaking",
        "live",
        "watch",
        "video",
        "photos",
        "photo",
        "explainer",
        "factbox",
        "timeline",
        "editorial",
        "comment",
        "review",
        "interview",
        "podcast",
        "newsletter",
        "correction",
        "note",
        "read",
        "more",
        "related",
        "source",
        "sources",
        "credit",
        "image",
        "caption",
        "listen",
        "subscribe",
        "advertisement",
        "tags",
        "topics",
        "share",
        "published",
        "posted",
    ]
) | {"editor's note", "read more", "see also", "fact check"}


def _headline_quotes(text: str) -> list[RawQuote]:
    """Headline style ``Speaker: what they said`` on a line of its own."""
    out: list[RawQuote] = []
    for m in _HEADLINE.finditer(text):
        if m.group(1).lower().strip(".") in _SECTION_LABELS:
            continue
        colon = m.end(1)
        speaker = (m.start(1), m.end(1))
        out.append(
            RawQuote(
                (m.start(2), m.end(2)),
                (colon, colon + 1),
                speaker,
                speaker,
                False,
                None,
                "speech",
                "headline",
            )
        )
    return out


def _object_content(verb: Any) -> tuple[int, int] | None:
    tokens = [t for c in verb.rights if c.dep_ in _OBJECT_DEPS for t in c.subtree]
    return _span(tokens) if tokens else None


def _subjects(verb: Any) -> list[Any]:
    """The speaker candidates of a cue: its subject, the subject it shares, or the noun a relative clause modifies."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJ]
    if subjects and subjects[0].lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        return [verb.head]  # "Chait, who wrote that …": the speaker is the noun the clause modifies
    shares_subject = verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    if not subjects and shares_subject and verb.head.i != verb.i:
        # "…, he said, adding that …" / "they sued, claiming that …": the subject of the main verb
        subjects = [c for c in verb.head.children if c.dep_ in _SUBJ]
    return subjects


def _interrupted_clause(verb: Any) -> tuple[int, int] | None:
    """``as X noted, …`` / ``X noted, …``: a cue in a subordinate clause reporting the main clause."""
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    if verb.dep_ != "advcl" or marks not in (["as"], []) or verb.head.i == verb.i:
        return None
    if not marks and verb.i > verb.head.i:
        return None
    own = {t.i for t in verb.subtree}
    tokens = [t for t in verb.head.subtree if t.i not in own]
    return _span(tokens) if tokens else None


def _speech_quotes(doc: Any, text: str, attitudes: bool) -> list[RawQuote]:
    learned = cue_lexicon() if attitudes else frozenset()
    out: list[RawQuote] = []
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or (lemma not in SPEECH_VERBS and lemma not in learned):
            continue
        subjects = _subjects(verb)
        content = _content_of(verb, text) or _interrupted_clause(verb)
        kind = "speech" if lemma in SPEECH_VERBS else "attitude"
        if content is None and (attitudes or lemma in _OBJECT_SPEECH):
            content = _object_content(verb)
            kind = "speech" if lemma in _OBJECT_SPEECH else "attitude"
        if content is None or not subjects:
            continue
        if lemma in _WEAK and not any(c.dep_ == "ccomp" for c in verb.children):
            continue
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
            continue  # "Putin may propose …": a hypothetical, nobody said it
        subj = subjects[0]
        if subj.lower_ in ("it", "there", "this", "what"):
            continue
        speaker = _span(list(subj.subtree)) if subj.dep_ in _SUBJ else _span([subj, *subj.lefts])
        if speaker[0] < content[1] and content[0] < speaker[1] and verb.dep_ not in ("parataxis", "advcl"):
            continue
        out.append(RawQuote(content, _cue_span(verb), speaker, _span([subj]), False, _channel(verb), kind))
    return out


def extract_quotes(text: str, doc: Any, *, attitudes: bool = False) -> list[RawQuote]:
    """Quotes of one article, in text order.

    Args:
        text: the clean text ``doc`` was made from.
        doc: its spaCy ``Doc`` (with the parser).
        attitudes: also extract attitude attributions with cues from the learned lexicon
            (``endorsed X``, ``wants to …``), marked ``kind="attitude"``.

    Returns:
        Quotes with content, cue and speaker spans; ``direct`` when the content is in quote marks.
    """
    segments = quote_segments(text)
    quotes = _speech_quotes(doc, text, attitudes) + _according_to(doc) + _headline_quotes(text)
    brk = _paragraph_break(text)
    quotes = [_fit_to_segments(q, segments, text, brk) for q in quotes]
    quotes = _dedupe(quotes)
    quotes.extend(_orphan_segments(quotes, segments, text, doc))
    quotes.sort(key=lambda q: q.content)
    return quotes


def _fit_to_segments(quote: RawQuote, segments: list[tuple[int, int]], text: str, brk: str) -> RawQuote:
    """Extend a content to the quoted passages it touches; mark it direct when mostly quoted."""
    start, end = quote.content
    quoted = 0
    for s, e in segments:
        if s < end and start < e:
            if quote.cue and s < quote.cue[1] and quote.cue[0] < e:
                continue  # the cue is inside this passage: a quote within the quote, keep the clause
            start, end = min(start, s), max(end, e)
    for s, e in segments:
        if s >= start and e <= end:
            quoted += e - s
    anchor = quote.cue[0] if quote.cue else start
    start, end = _within_paragraph(text, start, end, anchor, brk)
    start, end = _trim(text, start, end)
    direct = end > start and quoted >= 0.6 * (end - start)
    speaker = quote.speaker
    if speaker is not None:
        speaker = _trim(text, *_within_paragraph(text, speaker[0], speaker[1], anchor, brk))
    return dataclasses.replace(quote, content=(start, end), direct=direct, speaker=speaker)


def _paragraph_break(text: str) -> str:
    """``"\n\n"`` for hard-wrapped text (short lines), else ``"\n"``: one line is one paragraph."""
    lines = [len(x) for x in text.split("\n") if x.strip()]
    lines.sort()
    hard_wrapped = len(lines) >= 5 and lines[len(lines) // 2] < 100
    return "\n\n" if hard_wrapped else "\n"


def _within_paragraph(text: str, start: int, end: int, anchor: int, brk: str = "\n") -> tuple[int, int]:
    """Clip a span to the paragraph holding ``anchor`` (parses sometimes run over a paragraph end)."""
    para_start = text.rfind(brk, 0, anchor) + 1
    para_end = text.find(brk, anchor)
    para_end = len(text) if para_end < 0 else para_end
    new_start, new_end = max(start, para_start), min(end, para_end)
    return (new_start, new_end) if new_end > new_start else (start, end)


def _dedupe(quotes: list[RawQuote]) -> list[RawQuote]:
    """Keep one quote per content region: the one whose cue is nearest its content."""
    quotes = sorted(quotes, key=lambda q: (q.content[0], -(q.content[1] - q.content[0])))
    kept: list[RawQuote] = []
    for q in quotes:
        clash = next((k for k in kept if q.content[0] < k.content[1] and k.content[0] < q.content[1]), None)
        if clash is None:
            kept.append(q)
        elif q.content[0] >= clash.content[0] and q.content[1] <= clash.content[1] and q.cue and clash.cue:
            # nested attribution: a speech verb inside another quote's content ("X said Y told him …")
            if clash.cue[0] < q.content[0] and not (clash.content[0] <= q.cue[0] < clash.content[1]):
                continue
            if clash.content[0] <= q.cue[0] < clash.content[1]:
                kept.append(q)
    return kept


def _orphan_segments(
    quotes: list[RawQuote], segments: list[tuple[int, int]], text: str, doc: Any
) -> list[RawQuote]:
    """Quoted passages no cue claimed: a continuation of the previous quote's speaker when close."""
    out: list[RawQuote] = []
    for s, e in segments:
        if any(q.content[0] <= s < q.content[1] or s <= q.content[0] < e for q in quotes):
            continue
        if len(text[s:e].split()) < 4:
            continue  # a scare quote or a title, not speech
        previous = [q for q in quotes if q.content[1] <= s and q.speaker is not None]
        if not previous:
            continue
        last = max(previous, key=lambda q: q.content[1])
        gap = text[last.content[1] : s]
        if len(gap) > 250 or len(split_points(gap)) > 2:
            continue
        out.append(
            RawQuote(
                (s, e), None, last.speaker, last.speaker_head, True, last.channel, last.kind, "continued"
            )
        )
    return out


def split_points(gap: str) -> list[int]:
    """Sentence ends in a gap of text (to measure how far a continued quote is from its cue)."""
    return [m.start() for m in re.finditer(r"[.!?][\"”’»]?\s", gap)]
