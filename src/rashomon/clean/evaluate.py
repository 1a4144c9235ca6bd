"""Evaluate the cleaner on scraped texts whose lines are labelled article/chrome.

Labelled file format (UTF-8 text): optional header lines ``@@ title: …``, ``@@ author: …``,
``@@ outlet: …`` (empty value = the text does not say); then every line of the scraped text prefixed by
its label and a space: ``A`` article text, ``T`` the title, ``M`` metadata lines (byline, date, author
name), ``C`` chrome. Blank lines stay blank. Only ``A`` lines belong in the clean text.

Figures: line-level precision/recall of "article" (a line counts as kept when most of its characters
reach the clean text), token precision/recall (bag of words, trafilatura style) and metadata accuracy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.clean.documents import clean_documents
from rashomon.errors import DataMissing, InputError
from rashomon.model import Article, RawDocument

__all__ = ["LabelledDoc", "errors", "evaluate", "load_labelled"]

_LABELS = frozenset("ATMC")
_TOKEN = re.compile(r"\w+")
_META_FIELDS = ("title", "author", "outlet")


@dataclass(frozen=True, slots=True)
class LabelledDoc:
    """A scraped text with a label per line.

    Attributes:
        name: file stem.
        raw: the scraped text (labels removed).
        lines: ``(start, end, label)`` per non-blank line, offsets into ``raw``.
        meta: expected metadata, ``""`` for "the text does not say".
    """

    name: str
    raw: str
    lines: list[tuple[int, int, str]]
    meta: dict[str, str] = field(default_factory=dict)

    def gold_text(self) -> str:
        """The article lines joined by newlines, a hyphen at a line end joined to the next line."""
        text = "\n".join(self.raw[s:e] for s, e, label in self.lines if label == "A")
        return re.sub(r"(?<=\w)-\n(?=\w)", "", text)


def _parse(name: str, content: str) -> LabelledDoc:
    meta: dict[str, str] = {}
    raw_lines: list[str] = []
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for n, line in enumerate(content.splitlines(), start=1):
        if line.startswith("@@ "):
            key, _, value = line[3:].partition(":")
            meta[key.strip()] = value.strip()
            continue
        if line.strip():
            if line[:1] not in _LABELS or line[1:2] != " ":
                raise InputError(f"{name}:{n}", "a labelled line must start with A, T, M or C and a space")
            line_text = line[2:]
            lines.append((pos, pos + len(line_text), line[0]))
        else:
            line_text = ""
        raw_lines.append(line_text)
        pos += len(line_text) + 1
    return LabelledDoc(name, "\n".join(raw_lines), lines, meta)


def load_labelled(folder: Path) -> list[LabelledDoc]:
    """Read every ``*.txt`` labelled file in ``folder``.

    Raises:
        DataMissing: the folder holds no labelled files.
        InputError: a line has no label; the error names the file and line.
    """
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise DataMissing(f"no labelled *.txt files in {folder}; see rashomon.clean.evaluate for the format")
    return [_parse(f.stem, f.read_text(encoding="utf-8")) for f in files]


def _kept(article: Article, start: int, end: int) -> bool:
    chars = [i for i in range(start, end) if not article.raw_text[i].isspace()]
    kept = sum(article.offsets.to_clean(i) is not None for i in chars)
    return bool(chars) and kept * 2 > len(chars)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 1.0


def _same(found: str | None, expected: str) -> bool:
    return " ".join((found or "").lower().split()) == " ".join(expected.lower().split())


def evaluate(docs: Sequence[LabelledDoc]) -> dict[str, float]:
    """Clean the labelled docs as one batch and score the result.

    Returns:
        ``line_precision``, ``line_recall``, ``token_precision``, ``token_recall``, ``token_f1`` and
        ``meta_accuracy`` (share of the title/author/outlet fields found right, "not said" included).
    """
    results = clean_documents([RawDocument(d.name, d.raw, "text") for d in docs])
    tp = fp = fn = 0
    tok_tp = tok_pred = tok_gold = 0
    meta_right = meta_total = 0
    for doc, result in zip(docs, results, strict=True):
        article = result if isinstance(result, Article) else None
        for start, end, label in doc.lines:
            kept = article is not None and _kept(article, start, end)
            tp += kept and label == "A"
            fp += kept and label != "A"
            fn += (not kept) and label == "A"
        predicted = Counter(_TOKEN.findall(article.text.lower())) if article else Counter()
        gold = Counter(_TOKEN.findall(doc.gold_text().lower()))
        tok_tp += sum((predicted & gold).values())
        tok_pred += sum(predicted.values())
        tok_gold += sum(gold.values())
        for key in _META_FIELDS:
            if key in doc.meta:
                meta_total += 1
                meta_right += _same(getattr(article, key) if article else None, doc.meta[key])
    precision, recall = _ratio(tok_tp, tok_pred), _ratio(tok_tp, tok_gold)
    return {
        "line_precision": _ratio(tp, tp + fp),
        "line_recall": _ratio(tp, tp + fn),
        "token_precision": precision,
        "token_recall": recall,
        "token_f1": _ratio(2 * precision * recall, precision + recall),
        "meta_accuracy": _ratio(meta_right, meta_total),
    }


def errors(docs: Sequence[LabelledDoc]) -> list[str]:
    """Human-readable list of the lines the cleaner got wrong, for tuning and reports."""
    results = clean_documents([RawDocument(d.name, d.raw, "text") for d in docs])
    out: list[str] = []
    for doc, result in zip(docs, results, strict=True):
        article = result if isinstance(result, Article) else None
        for start, end, label in doc.lines:
            kept = article is not None and _kept(article, start, end)
            if kept != (label == "A"):
                out.append(f"{doc.name}: {'kept' if kept else 'dropped'} {label} {doc.raw[start:end][:70]!r}")
        for key in _META_FIELDS:
            found = getattr(article, key) if article else None
            if key in doc.meta and not _same(found, doc.meta[key]):
                out.append(f"{doc.name}: {key} {found!r} != {doc.meta[key]!r}")
    return out
