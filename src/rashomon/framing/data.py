"""Reading the SemEval-2023 Task 3 and PTC (SemEval-2020 Task 11) training data.

Nothing of the data is copied into the repository: everything is read from ``../shared/data``
when training or evaluating, and :class:`rashomon.errors.DataMissing` says where it was looked for.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.errors import DataMissing
from rashomon.framing.formats import line_paragraphs, read_articles

__all__ = [
    "PTC_TO_ST3",
    "Article",
    "WeakArticle",
    "allsides_genre",
    "load_ptc_spans",
    "load_semeval2023",
    "load_weak_genre",
    "resolve_semeval_dir",
]

log = logging.getLogger(__name__)

# PTC's 14 (merged) labels onto the 23-technique scheme of SemEval-2023 Task 3. A merged PTC class maps
# to the technique that carries most of its cases in the newer scheme; Bandwagon became
# Appeal_to_Popularity and Reductio ad Hitlerum became Guilt_by_Association.
PTC_TO_ST3: dict[str, str] = {
    "Appeal_to_Authority": "Appeal_to_Authority",
    "Appeal_to_fear-prejudice": "Appeal_to_Fear-Prejudice",
    "Bandwagon,Reductio_ad_hitlerum": "Guilt_by_Association",
    "Black-and-White_Fallacy": "False_Dilemma-No_Choice",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration-Minimisation",
    "Flag-Waving": "Flag_Waving",
    "Loaded_Language": "Loaded_Language",
    "Name_Calling,Labeling": "Name_Calling-Labeling",
    "Repetition": "Repetition",
    "Slogans": "Slogans",
    "Thought-terminating_Cliches": "Conversation_Killer",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism",
}


@dataclass(slots=True)
class Article:
    """One training article with whatever labels the data gives it.

    Attributes:
        id: the numeric ID of ``article<ID>.txt``.
        text: the whole file (title on the first line).
        paragraphs: ``(line_number, start, end)`` of each non-empty line.
        genre: ST1 label, if labelled.
        frames: ST2 labels, if labelled (``None`` when the article is not in ST2).
        techniques: ST3 labels per line number.
        spans: ``(technique, start, end)`` character spans in ``text``.
    """

    id: str
    text: str
    paragraphs: list[tuple[int, int, int]]
    genre: str | None = None
    frames: list[str] | None = None
    techniques: dict[int, list[str]] = field(default_factory=dict)
    spans: list[tuple[str, int, int]] = field(default_factory=list)


def resolve_semeval_dir(data_dir: Path, language: str = "en") -> Path:
    """The ``data/<language>`` folder of SemEval-2023 Task 3 under ``data_dir``.

    Accepts the dataset root (``.../semeval2023-task3``), its ``data`` folder or the language folder.

    Raises:
        DataMissing: none of these holds the English training articles.
    """
    for candidate in (data_dir / "data" / language, data_dir / language, data_dir):
        if (candidate / "train-articles-subtask-3").is_dir():
            return candidate
    raise DataMissing(
        f"no SemEval-2023 Task 3 data under {data_dir}: pass --data ../shared/data/semeval2023-task3"
    )


def _read_tsv(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def load_semeval2023(data_dir: Path, language: str = "en") -> dict[str, Article]:
    """All training articles of one language with their ST1, ST2 and ST3 labels and spans.

    Args:
        data_dir: the dataset root (or its ``data/<language>`` folder).
        language: ``en``, ``fr``, ``ge``, ``it``, ``po`` or ``ru``.

    Returns:
        Articles keyed by ID.

    Raises:
        DataMissing: the folder is absent.
    """
    root = resolve_semeval_dir(data_dir, language)
    texts = read_articles(root / "train-articles-subtask-3")
    for sub in ("train-articles-subtask-1", "train-articles-subtask-2"):
        if (root / sub).is_dir():
            for aid, text in read_articles(root / sub).items():
                texts.setdefault(aid, text)
    arts = {aid: Article(aid, t, line_paragraphs(t)) for aid, t in texts.items()}
    for row in _read_tsv(root / "train-labels-subtask-1.txt"):
        if row[0] in arts and len(row) > 1:
            arts[row[0]].genre = row[1].strip()
    for row in _read_tsv(root / "train-labels-subtask-2.txt"):
        if row[0] in arts:
            arts[row[0]].frames = [f for f in (row[1] if len(row) > 1 else "").split(",") if f]
    for row in _read_tsv(root / "train-labels-subtask-3.txt"):
        if row[0] in arts and len(row) > 1:
            labels = [t for t in (row[2] if len(row) > 2 else "").split(",") if t]
            arts[row[0]].techniques[int(row[1])] = labels
    spans_dir = root / "train-labels-subtask-3-spans"
    if spans_dir.is_dir():
        for path in sorted(spans_dir.iterdir()):
            for row in _read_tsv(path):
                if len(row) >= 4 and row[0] in arts:
                    arts[row[0]].spans.append((row[1], int(row[2]), int(row[3])))
    log.info("read %d %s articles from %s", len(arts), language, root)
    return arts


def load_ptc_spans(data_dir: Path) -> dict[str, list[tuple[str, int, int]]]:
    """PTC technique spans (train + dev), mapped onto the 23-technique scheme, keyed by article ID.

    Args:
        data_dir: the ``ptc-semeval2020-task11`` folder.

    Raises:
        DataMissing: the folder or its label files are absent.
    """
    files = [data_dir / "train-task-flc-tc.labels", data_dir / "dev-task-flc-tc.labels"]
    if not any(f.exists() for f in files):
        raise DataMissing(f"no PTC label files in {data_dir}: pass ../shared/data/ptc-semeval2020-task11")
    out: dict[str, list[tuple[str, int, int]]] = {}
    for row in (r for f in files for r in _read_tsv(f)):
        if len(row) >= 4 and row[1] in PTC_TO_ST3:
            out.setdefault(row[0], []).append((PTC_TO_ST3[row[1]], int(row[2]), int(row[3])))
    return out


# ---------------------------------------------------------------- weakly labelled genre data

# Weak genre labels for English news from other corpora (documented in MODEL_CARD_genre.md). An
# opinion marker in the URL path, the title or the outlet's section name makes an item "opinion";
# items from news sections and wire agencies, without such a marker, are "reporting".
_OPINION_URL = re.compile(r"/(opinions?|commentary|editorials?|columns?|columnists?|op-?eds?)/", re.I)
_OPINION_NAME = re.compile(r"opinion|editorial|guest writer|column", re.I)
_NEWS_SECTION = re.compile(r"- News$|\(Web News\)$|Online News$|^(Reuters|Associated Press|BBC News)$")
WEAK_MAX_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class WeakArticle:
    """An English article with a weak genre label from another corpus.

    Attributes:
        article: the text as an :class:`Article` (title line, blank line, paragraphs), ``genre`` set.
        outlet: the outlet (the unit held apart when validating on these items).
        corpus: ``allsides`` or ``basil``.
    """

    article: Article
    outlet: str
    corpus: str


def allsides_genre(source: str, url: str, title: str) -> str | None:
    """The weak genre label of an AllSides item, or ``None`` when neither rule applies.

    Args:
        source: the AllSides source name (outlet and section, e.g. ``"New York Times - News"``).
        url: the article URL.
        title: the headline.

    Returns:
        ``"opinion"``, ``"reporting"`` or ``None``.
    """
    if _OPINION_URL.search(url) or title.lower().startswith("opinion") or _OPINION_NAME.search(source):
        return "opinion"
    if _NEWS_SECTION.search(source.strip()):
        return "reporting"
    return None


def _as_article(aid: str, title: str, paragraphs: list[str], genre: str) -> Article:
    body = [p.strip() for p in paragraphs if p.strip()][:WEAK_MAX_PARAGRAPHS]
    text = "\n\n".join([title.strip() or "(untitled)", *body]) + "\n"
    return Article(aid, text, line_paragraphs(text), genre=genre)


def load_weak_genre(
    data_root: Path, per_label: int = 150, basil_max: int = 60, seed: int = 0
) -> list[WeakArticle]:
    """A balanced sample of weakly labelled English articles from AllSides and BASIL.

    AllSides items are labelled by :func:`allsides_genre` and sampled (``per_label`` of each label,
    at most 40 per outlet); ``basil_max`` BASIL articles (news pages of three outlets) count as reporting.
    Articles are cut to their first :data:`WEAK_MAX_PARAGRAPHS` paragraphs to bound encoding time.

    Args:
        data_root: the ``../shared/data`` folder.
        per_label: AllSides items per label.
        basil_max: BASIL articles (an evenly spaced sample of the sorted files).
        seed: sampling seed.

    Returns:
        The articles, in a fixed order.

    Raises:
        DataMissing: neither corpus is present.
    """
    import gzip
    import json
    import random

    allsides = data_root / "allsides" / "articles.jsonl.gz"
    basil = data_root / "basil" / "articles"
    if not allsides.exists() and not basil.is_dir():
        raise DataMissing(f"no AllSides or BASIL data under {data_root}: pass ../shared/data")
    out: list[WeakArticle] = []
    if allsides.exists():
        pools: dict[str, list[dict[str, str]]] = {"opinion": [], "reporting": []}
        with gzip.open(allsides, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                label = allsides_genre(d.get("source", ""), d.get("url", ""), d.get("title", ""))
                if label and len(d.get("content_original", "")) > 400:
                    pools[label].append(d)
        rng = random.Random(seed)
        for label, pool in pools.items():
            rng.shuffle(pool)
            per_outlet: dict[str, int] = {}
            for d in pool:
                if sum(per_outlet.values()) >= per_label or per_outlet.get(d["source"], 0) >= 40:
                    continue
                per_outlet[d["source"]] = per_outlet.get(d["source"], 0) + 1
                art = _as_article(f"allsides-{d['ID']}", d["title"], d["content_original"].split("\n"), label)
                out.append(WeakArticle(art, d["source"], "allsides"))
    if basil.is_dir():
        paths = sorted(basil.glob("*/*.json"))
        for path in paths[:: max(1, len(paths) // max(basil_max, 1))][:basil_max]:
            d = json.loads(path.read_text(encoding="utf-8"))
            paras = [" ".join(p) if isinstance(p, list) else str(p) for p in d.get("body-paragraphs", [])]
            art = _as_article(f"basil-{path.stem}", d.get("title", ""), paras, "reporting")
            out.append(WeakArticle(art, f"basil-{d.get('source', '')}", "basil"))
    log.info("weak genre data: %d articles", len(out))
    return out
