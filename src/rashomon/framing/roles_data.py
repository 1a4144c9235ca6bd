"""SemEval-2025 Task 10 data: documents, entity-role (ST1) and narrative (ST2) annotations, metrics.

Formats (as the task distributes them):

- ``<LANG>/raw-documents/<article>.txt``: one document per file.
- ST1 ``subtask-1-annotations.txt``: ``article<TAB>entity<TAB>start<TAB>end<TAB>main_role<TAB>fine...``
  with ``end`` *inclusive* (``text[start:end + 1]`` is the mention) and one or more fine roles.
- ST2 ``subtask-2-annotations.txt``: ``article<TAB>narr;narr<TAB>sub;sub`` (narratives repeated so
  they align with their sub-narratives; ``Other`` when none applies).

The held-apart split is by whole article (a stable hash of the article name), so no article ever
feeds both training and the reported figures.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rashomon.errors import DataMissing

log = logging.getLogger(__name__)

__all__ = [
    "LANGUAGES",
    "Document",
    "RoleMention",
    "cached_embed",
    "encoded_features",
    "heldout",
    "load_documents",
    "load_narratives",
    "load_roles",
    "read_mentions",
    "role_metrics",
    "samples_f1",
    "task_dir",
]

LANGUAGES = ("EN", "BG", "HI", "PT", "RU")
HELDOUT_PERCENT = 20


@dataclass(frozen=True, slots=True)
class Document:
    """One raw document: its file name (the article id of the task) and text."""

    article: str
    language: str
    text: str


@dataclass(frozen=True, slots=True)
class RoleMention:
    """An entity mention, with gold roles when annotated.

    Attributes:
        article: the task's article id (file name).
        entity: the mention text as given.
        start: first character (inclusive).
        end: last character (*inclusive*, as in the task's files).
        main_role: ``Protagonist``, ``Antagonist`` or ``Innocent``; empty when unknown.
        fine_roles: the fine roles; empty when unknown.
    """

    article: str
    entity: str
    start: int
    end: int
    main_role: str = ""
    fine_roles: tuple[str, ...] = ()


def task_dir(data_dir: Path) -> Path:
    """The folder holding ``train/`` and ``labels/`` (accepts the dataset folder or its parent).

    Raises:
        DataMissing: neither ``data_dir`` nor ``data_dir/semeval2025-task10`` holds ``train/``.
    """
    for cand in (data_dir, data_dir / "semeval2025-task10"):
        if (cand / "train").is_dir():
            return cand
    raise DataMissing(
        f"SemEval-2025 Task 10 data not found under {data_dir}; pass --data pointing at "
        "../shared/data/semeval2025-task10 (with train/<LANG>/raw-documents)"
    )


def _lang_dirs(data_dir: Path, languages: Sequence[str]) -> list[tuple[str, Path]]:
    root = task_dir(data_dir) / "train"
    return [(lang, root / lang) for lang in languages if (root / lang).is_dir()]


def load_documents(data_dir: Path, languages: Sequence[str] = LANGUAGES) -> dict[str, Document]:
    """All raw documents of ``languages``, by article id."""
    docs: dict[str, Document] = {}
    for lang, folder in _lang_dirs(data_dir, languages):
        for path in sorted((folder / "raw-documents").glob("*.txt")):
            docs[path.name] = Document(path.name, lang, path.read_text(encoding="utf-8"))
    return docs


def load_roles(data_dir: Path, languages: Sequence[str] = LANGUAGES) -> list[RoleMention]:
    """The ST1 annotations of ``languages``."""
    out: list[RoleMention] = []
    for _, folder in _lang_dirs(data_dir, languages):
        path = folder / "subtask-1-annotations.txt"
        if path.exists():
            out += _parse_roles(path.read_text(encoding="utf-8").splitlines())
    return out


def _parse_roles(lines: Iterable[str]) -> list[RoleMention]:
    out = []
    for line in lines:
        cols = [c.strip() for c in line.rstrip("\n").split("\t")]
        if len(cols) < 4 or not cols[2].isdigit():
            continue
        main = cols[4] if len(cols) > 4 else ""
        fine = tuple(c for c in cols[5:] if c)
        out.append(RoleMention(cols[0], cols[1], int(cols[2]), int(cols[3]), main, fine))
    return out


def read_mentions(path: Path) -> list[RoleMention]:
    """Mentions to classify: ``article<TAB>entity<TAB>start<TAB>end`` (extra columns ignored).

    Raises:
        DataMissing: the file does not exist.
    """
    if not path.exists():
        raise DataMissing(f"mentions file {path} not found; give article<TAB>entity<TAB>start<TAB>end lines")
    return [
        RoleMention(m.article, m.entity, m.start, m.end)
        for m in _parse_roles(path.read_text(encoding="utf-8").splitlines())
    ]


def load_narratives(
    data_dir: Path, languages: Sequence[str] = LANGUAGES
) -> dict[str, tuple[set[str], set[str]]]:
    """ST2 gold labels: ``{article: (narratives, subnarratives)}``."""
    out: dict[str, tuple[set[str], set[str]]] = {}
    for _, folder in _lang_dirs(data_dir, languages):
        path = folder / "subtask-2-annotations.txt"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                continue
            narr = {x.strip() for x in cols[1].split(";") if x.strip()}
            sub = {x.strip() for x in cols[2].split(";") if x.strip()}
            out[cols[0].strip()] = (narr, sub)
    return out


def heldout(article: str) -> bool:
    """True for the ~20% of articles held apart for reporting (stable hash of the article id)."""
    digest = hashlib.sha256(article.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELDOUT_PERCENT


def role_metrics(gold: Sequence[RoleMention], pred: Sequence[RoleMention]) -> dict[str, float]:
    """The ST1 figures: main-role accuracy and fine-role exact match ratio, over the gold mentions.

    A gold mention without a prediction (same article, start and end) counts as wrong.
    """
    found = {(p.article, p.start, p.end): p for p in pred}
    main_ok = fine_ok = 0
    for g in gold:
        p = found.get((g.article, g.start, g.end))
        if p is None:
            continue
        main_ok += p.main_role == g.main_role
        fine_ok += set(p.fine_roles) == set(g.fine_roles)
    n = max(len(gold), 1)
    return {"main_role_accuracy": main_ok / n, "fine_role_exact_match": fine_ok / n, "n": float(len(gold))}


def samples_f1(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> tuple[float, float]:
    """Per-document F1 between gold and predicted label sets, averaged (``samples`` F1), and its std.

    A document where both sets are empty scores 1.
    """
    scores = []
    for g, p in zip(gold, pred, strict=True):
        if not g and not p:
            scores.append(1.0)
            continue
        tp = len(g & p)
        scores.append(2 * tp / (len(g) + len(p)))
    if not scores:
        return 0.0, 0.0
    return float(np.mean(scores)), float(np.std(scores))


def cached_embed(texts: Sequence[str], cache_dir: Path | None = None) -> npt.NDArray[np.float32]:
    """MiniLM embeddings of ``texts``, kept in a temporary cache so retraining does not re-encode.

    Args:
        texts: what to embed.
        cache_dir: where to keep the cache (default: the system temp folder).

    Returns:
        ``(len(texts), 384)`` unit vectors.
    """
    from rashomon.nlp import embed

    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8"))
        h.update(b"\x00")
    folder = cache_dir or Path(tempfile.gettempdir()) / "rashomon-framing-cache"
    path = folder / f"emb-{h.hexdigest()[:20]}.npy"
    if path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    log.info("embedding %d texts", len(texts))
    vectors = embed(list(texts))
    folder.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


FEATURE_VERSION = "pass.v1"  # bump when the pooled features change, so cached ones are not reused
Floats = npt.NDArray[np.float32]


def encoded_features(
    docs: Sequence[Document],
    spans: dict[str, list[tuple[int, int]]] | None = None,
    cache_dir: Path | None = None,
) -> tuple[dict[str, Floats], dict[tuple[str, int, int], Floats]]:
    """Article vectors and mention features from one paragraph pass per document, cached on disk.

    The same features the shipped models see at prediction time
    (:func:`rashomon.framing.shared.article_vector`, :func:`rashomon.framing.roles_features.mention_vectors`);
    kept in a temporary cache per document so retraining does not re-encode.

    Args:
        docs: the documents.
        spans: per article id, the mention spans (end exclusive) whose features are wanted.
        cache_dir: where to keep the cache (default: the system temp folder).

    Returns:
        ``({article: vector}, {(article, start, end): mention features})``.
    """
    from rashomon.framing.roles_features import mention_vectors
    from rashomon.framing.shared import article_vector, encoded_article

    folder = cache_dir or Path(tempfile.gettempdir()) / "rashomon-framing-cache"
    folder.mkdir(parents=True, exist_ok=True)
    vectors: dict[str, Floats] = {}
    feats: dict[tuple[str, int, int], Floats] = {}
    for i, d in enumerate(docs):
        want = sorted(set((spans or {}).get(d.article, [])))
        key = hashlib.sha256(f"{FEATURE_VERSION}\x00{d.text}".encode()).hexdigest()[:24]
        path = folder / f"pass-{key}.npz"
        cached = np.load(path) if path.exists() else None
        if cached is not None and {tuple(x) for x in cached["spans"].tolist()} >= set(want):
            vec, got, rows = (
                cached["vector"],
                [tuple(x) for x in cached["spans"].tolist()],
                cached["features"],
            )
        else:
            # two article ids may share one text: keep the spans cached for the other one too
            if cached is not None:
                want = sorted(set(want) | {(int(x[0]), int(x[1])) for x in cached["spans"].tolist()})
            doc = encoded_article(d.text)
            vec, got, rows = article_vector(doc), want, mention_vectors(doc, want)
            np.savez(path, vector=vec, spans=np.asarray(want, dtype=np.int64).reshape(-1, 2), features=rows)
        vectors[d.article] = np.asarray(vec, dtype=np.float32)
        for (a, b), row in zip(got, rows, strict=True):
            feats[(d.article, int(a), int(b))] = np.asarray(row, dtype=np.float32)
        if i % 100 == 99:
            log.info("encoded %d of %d documents", i + 1, len(docs))
    return vectors, feats
