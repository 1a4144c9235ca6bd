"""The same quote across outlets, and how faithfully each outlet reproduced it.

Quotes of different articles are one group when their contents are close in meaning (MiniLM cosine)
and in wording (rapidfuzz), or when one is a near-exact part of the other. Within a group the
*reference* is the version from the earliest published article (then a direct version, then the
longest); every other member gets a ``fidelity`` flag against it:

- ``speaker_changed``: attributed to another entity;
- ``paraphrase_quoted``: indirect in the reference, in quote marks here;
- ``truncated``: a contiguous part of the reference's words;
- ``reworded``: words changed (the changed words are listed);
- ``exact``: the same words (case and punctuation aside).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

__all__ = ["compare", "group_quotes", "normalise_words"]

Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]
MIN_WORDS = 4
COSINE_SAME = 0.86
COSINE_WITH_WORDS = 0.7
WORDS_SAME = 0.6
PARTIAL_SAME = 0.92
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "will",
        "would",
        "could",
        "should",
        "they",
        "their",
        "there",
        "were",
        "been",
        "about",
        "which",
        "what",
        "when",
        "where",
        "while",
        "also",
        "than",
        "then",
        "them",
        "these",
        "those",
        "into",
        "over",
        "more",
        "most",
        "some",
        "such",
        "only",
        "very",
        "just",
        "like",
        "said",
        "says",
    ]
)


def normalise_words(text: str) -> list[str]:
    """Lowercase words without punctuation or quote marks (what fidelity compares)."""
    return re.findall(r"[\w'’-]+", text.lower().replace("’", "'"))


def _similar(a: str, b: str, cosine: float) -> float:
    """Similarity of two contents in ``[0, 1]``, or 0.0 when they are not the same quote."""
    wa, wb = " ".join(normalise_words(a)), " ".join(normalise_words(b))
    lexical = fuzz.token_set_ratio(wa, wb) / 100
    shorter = min(len(wa.split()), len(wb.split()))
    partial = fuzz.partial_ratio(wa, wb) / 100 if shorter >= 6 else 0.0
    if (
        cosine >= COSINE_SAME
        or (cosine >= COSINE_WITH_WORDS and lexical >= WORDS_SAME)
        or partial >= PARTIAL_SAME
    ):
        return round(max(cosine, lexical, partial), 3)
    return 0.0


def compare(reference: dict[str, Any], quote: dict[str, Any]) -> tuple[str, list[str]]:
    """The fidelity flag of ``quote`` against ``reference`` and the words that changed."""
    ref_words, words = normalise_words(reference["content"]), normalise_words(quote["content"])
    matcher = difflib.SequenceMatcher(a=ref_words, b=words, autojunk=False)
    changes: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changes.append(f"{' '.join(ref_words[i1:i2]) or '∅'} → {' '.join(words[j1:j2]) or '∅'}")
    if reference["speaker"] and quote["speaker"] and reference["speaker"] != quote["speaker"]:
        return "speaker_changed", changes
    if not reference["direct"] and quote["direct"]:
        return "paraphrase_quoted", changes
    if words == ref_words:
        return "exact", []
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if len(blocks) == 1 and blocks[0].size == len(words) and len(words) < len(ref_words):
        return "truncated", changes
    return "reworded", changes


def _candidate_pairs(quotes: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs from different articles sharing content words (blocking before embeddings).

    Words used by very many quotes carry no evidence and would make blocking quadratic, so they are
    not blocking keys.
    """
    index: dict[str, list[int]] = defaultdict(list)
    sizes: list[int] = []
    for i, q in enumerate(quotes):
        words = {w for w in normalise_words(q["content"]) if len(w) >= 4 and w not in _STOP}
        sizes.append(len(words))
        for word in words:
            index[word].append(i)
    limit = max(50, len(quotes) // 20)
    shared: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        if len(members) > limit:
            continue
        for a, b in itertools.combinations(members, 2):
            if quotes[a]["article"] != quotes[b]["article"]:
                shared[(a, b)] += 1
    # two shared words, and a quarter of the shorter quote's content words
    return sorted(p for p, n in shared.items() if n >= 2 and n >= 0.25 * min(sizes[p[0]], sizes[p[1]]))


def group_quotes(
    quotes: list[dict[str, Any]], published: dict[str, str | None], embed: Embedder
) -> list[dict[str, Any]]:
    """Group ``quotes`` across articles and set their ``group``, ``fidelity``, ``changes`` in place.

    Args:
        quotes: quote dicts (``id``, ``article``, ``content``, ``speaker``, ``direct``).
        published: article id -> publication date (ISO), None when unknown.
        embed: unit-length sentence embeddings (``rashomon.nlp.embed``; injectable for tests).

    Returns:
        Groups: ``id``, ``quotes``, ``articles``, ``reference``, ``text``, ``speaker``, ``score``.
    """
    eligible = [q for q in quotes if len(normalise_words(q["content"])) >= MIN_WORDS]
    if len(eligible) < 2:
        return []
    pairs = _candidate_pairs(eligible)
    needed = sorted({i for pair in pairs for i in pair})
    row = {i: n for n, i in enumerate(needed)}
    # MiniLM reads 128 word pieces at most; only quotes with a lexical candidate are embedded
    vectors = embed([" ".join(normalise_words(eligible[i]["content"])[:100]) for i in needed])
    parent = list(range(len(eligible)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        cosine = float(vectors[row[i]] @ vectors[row[j]])
        if _similar(eligible[i]["content"], eligible[j]["content"], cosine) > 0:
            parent[find(j)] = find(i)
    members: dict[int, list[int]] = {}
    for i in range(len(eligible)):
        members.setdefault(find(i), []).append(i)
    groups: list[dict[str, Any]] = []
    for idx in members.values():
        if len({eligible[i]["article"] for i in idx}) < 2:
            continue
        groups.append(_finish_group([eligible[i] for i in idx], published, len(groups) + 1))
    return groups


def _finish_group(members: list[dict[str, Any]], published: dict[str, str | None], n: int) -> dict[str, Any]:
    def order(q: dict[str, Any]) -> tuple[str, int, int]:
        return (published.get(q["article"]) or "9999", 0 if q["direct"] else 1, -len(q["content"]))

    reference = min(members, key=order)
    group_id = f"qg{n}"
    scores = []
    for q in members:
        q["group"] = group_id
        if q is reference:
            q["fidelity"], q["changes"] = "reference", []
            continue
        q["fidelity"], q["changes"] = compare(reference, q)
        ref_words, words = (
            " ".join(normalise_words(reference["content"])),
            " ".join(normalise_words(q["content"])),
        )
        q["group_similarity"] = round(fuzz.ratio(ref_words, words) / 100, 3)  # wording kept, 1.0 = same
        scores.append(q["group_similarity"])
    speakers = [q["speaker"] for q in members if q["speaker"]]
    return {
        "id": group_id,
        "quotes": [q["id"] for q in members],
        "articles": sorted({q["article"] for q in members}),
        "reference": reference["id"],
        "text": reference["content"],
        "speaker": max(set(speakers), key=speakers.count) if speakers else None,
        "score": round(min(scores), 3) if scores else 1.0,
    }
