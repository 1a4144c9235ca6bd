"""The ``framing`` stage: per article genre, frames, techniques, entity roles, narratives, designations
and stance, plus the story's outlet × actor designation table under ``"_table"``.

Actors come from the ``entities`` stage when it ran (``ctx.results["entities"]``) and from spaCy's
named entities otherwise. The technique, genre and frame predictors are optional here: when their
modules or models are absent the fields are ``None`` and the rest still runs.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from rashomon.errors import RashomonError
from rashomon.framing.designations import ActorMention, Designation, designation_table, find_designations
from rashomon.framing.stance import aggregate_stance, mention_polarity
from rashomon.model import Article
from rashomon.pipeline import StageContext

__all__ = ["FramingStage", "actor_mentions", "frame_articles"]

log = logging.getLogger(__name__)

MAIN_ACTORS = 5  # per article, for roles
STORY_TARGETS = 5  # story-level actors whose stance every article gets
MENTIONS_PER_ACTOR = 3  # mentions encoded per actor (the MiniLM cost of roles and stance)
_NER_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "group"}


def actor_mentions(articles: Sequence[Article], ctx: StageContext) -> dict[str, list[ActorMention]]:
    """Mentions of named actors per article id, from the entities stage or spaCy NER.

    Mentions the entities stage found through a role noun ("the president") are left out: those
    nouns are designations, collected by :func:`rashomon.framing.designations.find_designations`.
    """
    out: dict[str, list[ActorMention]] = {a.id: [] for a in articles}
    entities = ctx.results.get("entities")
    if isinstance(entities, list) and entities:
        for ent in entities:
            for m in ent.get("mentions", []):
                if m.get("article") in out and m.get("kind") != "role":
                    out[m["article"]].append(
                        ActorMention(str(ent.get("name")), int(m["start"]), int(m["end"]))
                    )
    else:
        from rashomon.nlp import spacy_doc

        for a in articles:
            for ent in spacy_doc(a, ctx).ents:
                if ent.label_ in _NER_TYPES:
                    out[a.id].append(ActorMention(_ner_key(ent.text), ent.start_char, ent.end_char))
    for ms in out.values():
        ms.sort(key=lambda m: m.start)
    return out


def _ner_key(text: str) -> str:
    return re.sub(r"^(the|The)\s+|['’]s$", "", text.strip())


def _optional(module: str, name: str) -> Callable[[str], Any] | None:
    try:
        mod = __import__(f"rashomon.framing.{module}", fromlist=[name])
        fn: Callable[[str], Any] = getattr(mod, name)
        return fn
    except (ImportError, AttributeError) as exc:
        log.warning("framing: %s.%s unavailable (%s); field left empty", module, name, exc)
        return None


def _safe(fn: Callable[[str], Any] | None, text: str) -> Any:
    if fn is None:
        return None
    try:
        return fn(text)
    except RashomonError as exc:
        log.warning("framing: %s failed: %s", getattr(fn, "__name__", type(fn).__name__), exc)
        return None


def _narratives_with(vectors: Any) -> Callable[[str], Any]:
    def predict_narratives_shared(text: str) -> Any:
        from rashomon.framing.narratives import predict_narratives

        return predict_narratives(text, vectors)

    return predict_narratives_shared


def _spread(ms: list[ActorMention], k: int) -> list[ActorMention]:
    """Up to ``k`` mentions spread over the article (first, last and between)."""
    if len(ms) <= k:
        return ms
    idx = sorted({round(i * (len(ms) - 1) / (k - 1)) for i in range(k)})
    return [ms[i] for i in idx]


def _targets(mentions: dict[str, list[ActorMention]]) -> tuple[list[str], dict[str, list[str]]]:
    """Story targets (actors in most articles) and each article's main actors (most mentioned)."""
    spread: Counter[str] = Counter()
    main: dict[str, list[str]] = {}
    for aid, ms in mentions.items():
        counts = Counter(m.actor for m in ms)
        spread.update(counts.keys())
        main[aid] = [a for a, _ in counts.most_common(MAIN_ACTORS)]
    story = [a for a, n in spread.most_common() if n >= 2][:STORY_TARGETS] if len(mentions) > 1 else []
    return story, main


def _roles_and_stance(
    article: Article,
    ms: list[ActorMention],
    main: list[str],
    story: list[str],
    sentences: list[tuple[int, int]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from rashomon.framing.roles import role_model

    model = role_model()
    by_actor: dict[str, list[ActorMention]] = defaultdict(list)
    for m in ms:
        by_actor[m.actor].append(m)
    wanted = list(dict.fromkeys(main + [s for s in story if s in by_actor]))
    chosen = {a: _spread(by_actor[a], MENTIONS_PER_ACTOR) for a in wanted}
    flat = [m for a in wanted for m in chosen[a]]
    preds = model.predict(article.text, [(m.start, m.end) for m in flat])
    per: dict[str, list[tuple[ActorMention, dict[str, Any]]]] = defaultdict(list)
    for m, p in zip(flat, preds, strict=True):
        per[m.actor].append((m, p))
    roles = [_actor_role(model, a, per[a]) for a in main if per.get(a)]
    stance = [
        aggregate_stance(
            a, article.text, [(m.start, m.end, mention_polarity(p["probs"])) for m, p in per[a]], sentences
        )
        for a in wanted
        if per.get(a)
    ]
    return roles, stance


def _actor_role(model: Any, actor: str, scored: list[tuple[ActorMention, dict[str, Any]]]) -> dict[str, Any]:
    labels = model.main_labels
    mean = np.asarray([[p["probs"][lab] for lab in labels] for _, p in scored], dtype=np.float32).mean(axis=0)
    counts = Counter(f for _, p in scored for f in p["fine_roles"])
    role = labels[int(np.argmax(mean))]
    main_of = dict(zip(model.fine_labels, model.fine_main, strict=True))
    fine = [f for f, _ in counts.most_common() if main_of.get(f) == role][:2]
    best = max(scored, key=lambda mp: mp[1]["probs"][role])[0]
    return {
        "entity": actor,
        "role": role,
        "fine_roles": fine,
        "score": round(float(mean.max()), 4),
        "evidence": [{"start": best.start, "end": best.end}],
    }


def frame_articles(articles: Sequence[Article], ctx: StageContext) -> dict[str, Any]:
    """The ``framing`` section for ``articles`` (see docs/analysis-schema.md, section framing).

    Args:
        articles: the corpus (one story, or several).
        ctx: the run context (entities results, shared sentence vectors and spaCy docs).

    Returns:
        ``{article_id: {...}, "_table": {...}}``.
    """
    from rashomon.nlp import sentence_vectors, spacy_doc

    genre = _optional("genre", "predict_genre")
    frames = _optional("frames", "predict_frames")
    techniques = _optional("techniques", "predict_techniques")
    mentions = actor_mentions(articles, ctx)
    story, main = _targets(mentions)
    out: dict[str, Any] = {}
    found: dict[str, list[Designation]] = {}
    vectors: dict[str, tuple[list[tuple[int, int]], Any]] = {}
    for i, article in enumerate(articles):
        spans, vecs = sentence_vectors(article, ctx)
        vectors[article.id] = (spans, vecs)
        roles, stance = _roles_and_stance(article, mentions[article.id], main[article.id], story, spans)
        found[article.id] = find_designations(article.text, spacy_doc(article, ctx), mentions[article.id])
        out[article.id] = {
            "genre": _safe(genre, article.text),
            "frames": _safe(frames, article.text),
            "techniques": _safe(techniques, article.text),
            "roles": roles,
            "narratives": _safe(_narratives_with(vecs), article.text),
            "designations": [],
            "stance": stance,
        }
        if ctx.progress:
            ctx.progress("framing", i + 1, len(articles))
    outlets = {a.id: a.label for a in articles}
    per_article, table = designation_table(found, outlets, vectors)
    for aid, entries in per_article.items():
        out[aid]["designations"] = entries
    out["_table"] = table
    return out


class FramingStage:
    """Corpus stage ``framing`` (runs after ``entities`` when that stage is registered)."""

    name = "framing"
    version = "framing.v1"
    requires: tuple[str, ...] = ()
    after: tuple[str, ...] = ("entities",)
    section: str | None = "framing"

    def run(self, articles: Sequence[Article], ctx: StageContext) -> dict[str, Any]:
        """The framing section (see :func:`frame_articles`)."""
        return frame_articles(articles, ctx)
