"""Incremental story grouping: new articles join the story they match or open a new one.

The state is a JSON-ready dict, so it can be kept in the store between runs and extended without
recomputing the corpus::

    {"version": "stories.v1", "params": {...}, "n_docs": 12, "df": {"term": 3, "e:name": 2},
     "stories": [{"id", "start", "end", "vector", "terms", "entities", "members"}]}

An article is compared only with stories that share one of its names or rare words and whose date
range lies within ``window_days`` of its date (blocking: cost grows with the size of a news cycle,
not with the corpus). The match score mixes three signals, because topic alone would merge two
shootings in one week: the embedding of title and lead (what happened), rare terms weighted by
TF-IDF (the particular words of this event), and shared names (who and where).

Example:
    >>> state = assign_stories([features_a, features_b])  # doctest: +SKIP
    >>> state = assign_stories([features_c], state)  # joins a story or opens one  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np

from rashomon.errors import ConfigError

__all__ = ["STATE_VERSION", "StoryParams", "assign_stories", "empty_state"]

STATE_VERSION = "stories.v1"
STORY_TERMS = 120  # the heaviest terms a story keeps (bounds its size however long it runs)
MAX_CANDIDATES = 60  # stories scored per article: those sharing the most keys
MAX_STORY_WEEKS = 26  # a story is indexed under at most this many weeks from its start


@dataclass(frozen=True, slots=True)
class StoryParams:
    """How articles are matched to stories.

    Attributes:
        threshold: lowest match score for joining a story.
        window_days: most days between an article and a story's date range.
        undated_margin: added to the threshold when the article or the story has no date, since
            then the time window cannot rule a match out.
        w_vector, w_terms, w_entities: weights of embedding, term and name similarity.
    """

    threshold: float = 0.4
    window_days: int = 3
    undated_margin: float = 0.15
    w_vector: float = 0.5
    w_terms: float = 0.3
    w_entities: float = 0.2

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"story threshold {self.threshold} must lie between 0 and 1, e.g. 0.5")
        if self.window_days < 0:
            raise ConfigError(f"story window_days {self.window_days} must be 0 or more days")
        if min(self.w_vector, self.w_terms, self.w_entities) < 0:
            raise ConfigError("story similarity weights must not be negative")


def empty_state(params: StoryParams | None = None) -> dict[str, Any]:
    """A state with no stories yet."""
    return {
        "version": STATE_VERSION,
        "params": asdict(params or StoryParams()),
        "n_docs": 0,
        "df": {},
        "stories": [],
    }


def _day(value: str | None) -> int | None:
    return date.fromisoformat(value).toordinal() if value else None


def _gap_days(when: int | None, story: Mapping[str, Any]) -> int | None:
    """Days between ``when`` and the story's date range; None when either is undated."""
    start, end = _day(story["start"]), _day(story["end"])
    if when is None or start is None or end is None:
        return None
    return max(0, start - when, when - end)


class _Index:
    """Which stories carry a key (term or ``e:`` name), by week, rebuilt from the state when loaded.

    A dated article looks only in the weeks its time window touches (and among undated stories), so
    the candidates of an article do not grow with the years of corpus behind it.
    """

    UNDATED = -1

    def __init__(self, stories: Sequence[Mapping[str, Any]], window_days: int) -> None:
        self.window = window_days
        self.by_week: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.by_key: dict[str, list[int]] = defaultdict(list)
        for i, story in enumerate(stories):
            self.add(i, story)

    @staticmethod
    def _weeks(story: Mapping[str, Any]) -> range:
        start, end = _day(story["start"]), _day(story["end"])
        if start is None or end is None:
            return range(_Index.UNDATED, _Index.UNDATED + 1)
        return range(start // 7, min(end, start + 7 * MAX_STORY_WEEKS) // 7 + 1)

    def add(self, i: int, story: Mapping[str, Any]) -> None:
        weeks = self._weeks(story)
        for key in _story_keys(story):
            for postings in [self.by_key[key], *(self.by_week[(key, w)] for w in weeks)]:
                if not postings or postings[-1] != i:
                    postings.append(i)

    def candidates(self, keys: Iterable[str], when: int | None) -> list[int]:
        """Stories sharing the most of ``keys`` (at most :data:`MAX_CANDIDATES`), near ``when``."""
        weeks = [] if when is None else [*range((when - self.window) // 7, (when + self.window) // 7 + 1)]
        shared: Counter[int] = Counter()
        for key in keys:
            if when is None:
                found = set(self.by_key.get(key, ()))
            else:
                found = {i for w in [*weeks, self.UNDATED] for i in self.by_week.get((key, w), ())}
            shared.update(found)
        return [i for i, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]


def _story_keys(story: Mapping[str, Any]) -> list[str]:
    return list(story["terms"]) + [f"e:{k}" for k in story["entities"]]


def _article_keys(features: Mapping[str, Any]) -> list[str]:
    return list(features["terms"]) + [f"e:{k}" for k in features["entities"]]


def _idf(df: Mapping[str, int], n_docs: int, key: str) -> float:
    return math.log((n_docs + 1) / (df.get(key, 0) + 1)) + 1.0


def _weighted_cosine(a: Mapping[str, float], b: Mapping[str, float], weight: Any) -> tuple[float, list[str]]:
    # sorted, so float sums and the evidence order do not depend on how the dicts were built
    shared = sorted((k for k in a if k in b), key=lambda k: (-a[k] * weight(k), k))
    if not shared:
        return 0.0, []
    dot = sum(a[k] * b[k] * weight(k) ** 2 for k in shared)
    norm_a = math.sqrt(sum((a[k] * weight(k)) ** 2 for k in sorted(a)))
    norm_b = math.sqrt(sum((b[k] * weight(k)) ** 2 for k in sorted(b)))
    return (dot / (norm_a * norm_b) if norm_a and norm_b else 0.0), shared


def _profiles(features: Mapping[str, Any]) -> tuple[dict[str, float], dict[str, float]]:
    terms = {t: float(v[0]) for t, v in features["terms"].items()}
    names = {k: float(v[2]) ** 0.5 for k, v in features["entities"].items()}
    return terms, names


class _Matcher:
    """Scores one article against candidate stories with the state's current document frequencies."""

    def __init__(self, state: Mapping[str, Any], params: StoryParams) -> None:
        self.df: Mapping[str, int] = state["df"]
        self.n_docs: int = state["n_docs"]
        self.params = params

    def score(self, features: Mapping[str, Any], story: Mapping[str, Any]) -> tuple[float, list[str]]:
        p = self.params
        vec = np.asarray(features["vector"], dtype=np.float64)
        centroid = np.asarray(story["vector"], dtype=np.float64)
        norm = float(np.linalg.norm(centroid))
        cos = float(vec @ centroid) / norm if norm else 0.0
        terms, names = _profiles(features)
        term_sim, shared_terms = _weighted_cosine(
            terms, story["terms"], lambda k: _idf(self.df, self.n_docs, k)
        )
        name_sim, shared_names = _weighted_cosine(
            names, story["entities_w"], lambda k: _idf(self.df, self.n_docs, f"e:{k}")
        )
        total = p.w_vector * max(cos, 0.0) + p.w_terms * term_sim + p.w_entities * name_sim
        return total, shared_names + shared_terms


def _evidence(features: Mapping[str, Any], shared: Sequence[str]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for key in shared:
        entry = features["entities"].get(key) or features["terms"].get(key)
        span = entry[3] if key in features["entities"] else entry[1]
        if span:
            spans.append({"article": features["id"], "start": span[0], "end": span[1], "key": key})
        if len(spans) >= 5:
            break
    return spans


def _member(features: Mapping[str, Any], score: float, shared: Sequence[str]) -> dict[str, Any]:
    return {
        "article": features["id"],
        "title": features.get("title"),
        "outlet": features.get("outlet"),
        "date": features.get("date"),
        "score": round(score, 4),
        "shared": list(dict.fromkeys(shared))[:8],
        "evidence": _evidence(features, shared),
    }


def _new_story(features: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": f"story-{features['id'][:12]}",
        "start": features.get("date"),
        "end": features.get("date"),
        "vector": [0.0] * len(features["vector"]),
        "terms": {},
        "entities": {},
        "entities_w": {},
        "members": [],
    }


def _absorb(story: dict[str, Any], features: Mapping[str, Any], member: dict[str, Any]) -> None:
    story["vector"] = [round(a + b, 5) for a, b in zip(story["vector"], features["vector"], strict=True)]
    terms, names = _profiles(features)
    for t, w in terms.items():
        story["terms"][t] = round(story["terms"].get(t, 0.0) + w, 4)
    if len(story["terms"]) > STORY_TERMS:
        keep = sorted(story["terms"], key=lambda t: (-story["terms"][t], t))[:STORY_TERMS]
        story["terms"] = {t: story["terms"][t] for t in keep}
    for key, (label, surface, _count, _span) in features["entities"].items():
        entry = story["entities"].setdefault(key, [label, surface, 0])
        entry[2] += 1
        story["entities_w"][key] = round(story["entities_w"].get(key, 0.0) + names[key], 4)
    day = features.get("date")
    if day:
        story["start"] = min(filter(None, [story["start"], day]))
        story["end"] = max(filter(None, [story["end"], day]))
    story["members"].append(member)


def _update_df(state: dict[str, Any], batch: Sequence[Mapping[str, Any]]) -> None:
    df = state["df"]
    for features in batch:
        for key in set(_article_keys(features)):
            df[key] = df.get(key, 0) + 1
    state["n_docs"] += len(batch)


def _order(batch: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    # by day, undated last, then id: the result does not depend on input order or engine
    return sorted(batch, key=lambda f: (f.get("date") or "9999-99-99", f["id"]))


def assign_stories(
    new_articles: Iterable[Mapping[str, Any]],
    existing_state: Mapping[str, Any] | None = None,
    params: StoryParams | None = None,
) -> dict[str, Any]:
    """Add articles to stories: each joins the best-matching story or opens a new one.

    Args:
        new_articles: story features of articles (:func:`rashomon.stories.features.article_features`);
            articles already in the state are skipped.
        existing_state: a state from an earlier call (not modified), or None to start afresh.
        params: matching parameters; default: those stored in the state, else :class:`StoryParams`.

    Returns:
        The new state (JSON-ready).

    Raises:
        ConfigError: the state was made by another version of story grouping.
    """
    state: dict[str, Any] = _copy_state(existing_state) if existing_state else empty_state(params)
    if state.get("version") != STATE_VERSION:
        raise ConfigError(
            f"story state version {state.get('version')!r} is not {STATE_VERSION!r}; regroup from scratch"
        )
    params = params or StoryParams(**state["params"])
    state["params"] = asdict(params)
    known = {m["article"] for s in state["stories"] for m in s["members"]}
    batch = [f for f in _order(new_articles) if f["id"] not in known]
    batch = list({f["id"]: f for f in batch}.values())
    _update_df(state, batch)
    stories: list[dict[str, Any]] = state["stories"]
    index, matcher = _Index(stories, params.window_days), _Matcher(state, params)
    for features in batch:
        when = _day(features.get("date"))
        best, best_score, best_shared = -1, 0.0, []
        for i in index.candidates(_article_keys(features), when):
            gap = _gap_days(when, stories[i])
            if gap is not None and gap > params.window_days:
                continue
            score, shared = matcher.score(features, stories[i])
            margin = (score - params.threshold) - (params.undated_margin if gap is None else 0.0)
            if margin >= 0 and score > best_score:
                best, best_score, best_shared = i, score, shared
        if best < 0:
            stories.append(_new_story(features))
            best, best_score, best_shared = len(stories) - 1, 1.0, []
        _absorb(stories[best], features, _member(features, best_score, best_shared))
        index.add(best, stories[best])
    return state


def _copy_state(state: Mapping[str, Any]) -> dict[str, Any]:
    import copy

    return copy.deepcopy(dict(state))
