"""The framing stages: per article genre, frames, techniques, entity roles, narratives, designations
and stance, plus the story's outlet × actor designation table under ``"_table"``.

Two stages, so the MiniLM work is mapped over the articles (by the Dask engine, on its workers):

- ``framing_article`` (:class:`FramingArticleStage`, an article stage): one MiniLM pass over the
  article's paragraphs (:mod:`rashomon.framing.shared`) whose outputs every task reuses: genre,
  frames, techniques with their evidence spans, narratives, and the role probabilities of every actor
  mention the corpus stage may ask for (compact JSON, :func:`frame_article`).
- ``framing`` (:class:`FramingStage`, the corpus stage): what needs the other articles: the main
  and story-level actors, their roles from the stored mention probabilities, designations and the
  outlet × actor table, stance. It computes an article's per-article part itself when
  ``framing_article`` did not run.

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

from rashomon.errors import ModelError, RashomonError
from rashomon.framing.designations import (
    ActorMention,
    Designation,
    designation_table,
    find_designations,
    resolve_designations,
)
from rashomon.framing.stance_targets import article_stances
from rashomon.model import Article
from rashomon.pipeline import StageContext

__all__ = ["FramingArticleStage", "FramingStage", "actor_mentions", "frame_article", "frame_articles"]

log = logging.getLogger(__name__)

MAIN_ACTORS = 5  # per article, for roles
STORY_TARGETS = 5  # story-level actors whose stance every article gets
MENTIONS_PER_ACTOR = 3  # mentions per actor whose roles are averaged (roles and stance)
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


def _narratives_with(doc: Any) -> Callable[[str], Any]:
    def predict_narratives_shared(text: str) -> Any:
        from rashomon.framing.narratives import predict_narratives

        return predict_narratives(text, doc)

    return predict_narratives_shared


def role_candidates(article: Article, ctx: StageContext) -> list[tuple[int, int]]:
    """Every span the corpus stage may ask a role for: the entities' own mentions of the article
    (:func:`rashomon.entities.stage.article_actors`, role nouns left out) and spaCy's named actors."""
    from rashomon.entities.stage import article_actors
    from rashomon.nlp import spacy_doc

    spans = {(m.start, m.end) for a in article_actors(article, ctx) for m in a.mentions if m.kind != "role"}
    spans |= {(e.start_char, e.end_char) for e in spacy_doc(article, ctx).ents if e.label_ in _NER_TYPES}
    return sorted(spans)


def frame_article(article: Article, ctx: StageContext) -> dict[str, Any]:
    """The per-article part of framing, from one MiniLM pass over the article's paragraphs.

    Args:
        article: the article.
        ctx: the run context (its spaCy doc and local actors are shared with other stages).

    Returns:
        ``{genre, frames, techniques, narratives, role_mentions}``; ``role_mentions`` holds
        ``[start, end, {main role: probability}, [fine roles]]`` for each candidate mention
        (:func:`role_candidates`).
    """
    from rashomon.framing.roles import role_model
    from rashomon.framing.shared import encoded_article

    doc = encoded_article(article.text)  # the one pass: the predictors below find it in the cache
    spans = role_candidates(article, ctx)
    model = role_model()
    preds = model.predict(article.text, spans)  # features pooled from the same cached pass
    return {
        "genre": _safe(_optional("genre", "predict_genre"), article.text),
        "frames": _safe(_optional("frames", "predict_frames"), article.text),
        "techniques": _safe(_optional("techniques", "predict_techniques"), article.text),
        "narratives": _safe(_narratives_with(doc), article.text),
        "role_mentions": [
            [a, b, p["probs"], p["fine_roles"]] for (a, b), p in zip(spans, preds, strict=True)
        ],
    }


def _sentence_vectors(article: Article, ctx: StageContext) -> tuple[list[tuple[int, int]], Any]:
    """The stage-level sentence vectors when another stage made them, else pooled from the paragraph
    pass (no second MiniLM pass over the sentences)."""
    shared = ctx.resources.get(f"sentvec:{article.id}")
    if shared is not None:
        spans, vecs = shared
        return spans, vecs
    rows = (ctx.results.get("claims_local") or {}).get(article.id)
    if rows:
        # the claims stage already embedded every sentence (on the workers): decoding its compact
        # vectors saves a second encoder pass over the article on the client
        from rashomon.claims.stage import decode_vector

        return [(int(r[0]), int(r[1])) for r in rows], np.stack([decode_vector(r[3]) for r in rows])
    from rashomon.framing.shared import encoded_article, pooled_sentence_vectors
    from rashomon.nlp import split_sentences

    spans = split_sentences(article.text)
    return spans, pooled_sentence_vectors(encoded_article(article.text), spans)


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


RoleScored = dict[str, list[tuple[int, int, dict[str, float]]]]


def _roles_and_scored(
    article: Article,
    ms: list[ActorMention],
    main: list[str],
    story: list[str],
    stored: list[list[Any]],
) -> tuple[list[dict[str, Any]], RoleScored]:
    """The roles of the main actors, and the role probabilities of every scored mention (for stance).

    Probabilities come from ``stored`` (the ``role_mentions`` of :func:`frame_article`); a mention
    not stored there is scored here.
    """
    from rashomon.framing.roles import role_model

    try:
        model = role_model()
    except ModelError as exc:  # stance still runs on its other cues
        log.warning("framing: roles unavailable (%s); roles left empty", exc)
        return [], {}
    by_actor: dict[str, list[ActorMention]] = defaultdict(list)
    for m in ms:
        by_actor[m.actor].append(m)
    wanted = list(dict.fromkeys(main + [s for s in story if s in by_actor]))
    chosen = {a: _spread(by_actor[a], MENTIONS_PER_ACTOR) for a in wanted}
    flat = [m for a in wanted for m in chosen[a]]
    known = {(int(r[0]), int(r[1])): {"probs": r[2], "fine_roles": r[3]} for r in stored}
    missing = [(m.start, m.end) for m in flat if (m.start, m.end) not in known]
    if missing:
        log.debug("framing: %d mentions scored on the corpus side", len(missing))
        for span, p in zip(missing, model.predict(article.text, missing), strict=True):
            known[span] = p
    preds = [known[(m.start, m.end)] for m in flat]
    per: dict[str, list[tuple[ActorMention, dict[str, Any]]]] = defaultdict(list)
    for m, p in zip(flat, preds, strict=True):
        per[m.actor].append((m, p))
    roles = [_actor_role(model, a, per[a]) for a in main if per.get(a)]
    scored = {a: [(m.start, m.end, p["probs"]) for m, p in per[a]] for a in wanted if per.get(a)}
    return roles, scored


def _stance_targets(story: list[str], main: list[str], table: dict[str, Any]) -> list[str]:
    """Story actors, then the groups several outlets designate, then the article's own main actors."""
    groups = [g for g in table.get("groups", []) if len(table.get("cells", {}).get(g, {})) >= 2]
    return list(dict.fromkeys(story + groups[:3] + main))


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
    from rashomon.nlp import spacy_doc

    per_article = ctx.results.get("framing_article") or {}
    mentions = actor_mentions(articles, ctx)
    story, main = _targets(mentions)
    out: dict[str, Any] = {}
    found: dict[str, list[Designation]] = {}
    scored: dict[str, RoleScored] = {}
    vectors: dict[str, tuple[list[tuple[int, int]], Any]] = {}
    for i, article in enumerate(articles):
        base = per_article.get(article.id) or frame_article(article, ctx)
        vectors[article.id] = _sentence_vectors(article, ctx)
        roles, scored[article.id] = _roles_and_scored(
            article, mentions[article.id], main[article.id], story, base["role_mentions"]
        )
        found[article.id] = find_designations(article.text, spacy_doc(article, ctx), mentions[article.id])
        out[article.id] = {
            "genre": base["genre"],
            "frames": base["frames"],
            "techniques": base["techniques"],
            "roles": roles,
            "narratives": base["narratives"],
            "designations": [],
            "stance": [],
        }
        if ctx.progress:
            ctx.progress("framing", i + 1, len(articles))
    outlets = {a.id: a.label for a in articles}
    resolved = resolve_designations(found, vectors, mentions, ctx.results.get("reuse"))
    per_article, table = designation_table(found, outlets, vectors, resolved)
    for aid, entries in per_article.items():
        out[aid]["designations"] = entries
    out["_table"] = table
    for article in articles:
        out[article.id]["stance"] = article_stances(
            article.text,
            spacy_doc(article, ctx),
            _stance_targets(story, main[article.id], table),
            mentions[article.id],
            resolved.get(article.id, []),
            scored[article.id],
            vectors[article.id][0],
        )
    return out


class FramingArticleStage:
    """Article stage ``framing_article``: the per-article part of framing (see :func:`frame_article`)."""

    name = "framing_article"
    version = "framing_article.v1"
    requires: tuple[str, ...] = ()
    section: str | None = None

    def run_article(self, article: Article, ctx: StageContext) -> dict[str, Any]:
        """The per-article framing outputs (see :func:`frame_article`)."""
        return frame_article(article, ctx)


class FramingStage:
    """Corpus stage ``framing`` (runs after ``framing_article``, ``entities``, ``reuse`` and
    ``claims_local``, whose sentence vectors it reuses, when those stages are registered; see the
    module docstring)."""

    name = "framing"
    version = "framing.v4"
    requires: tuple[str, ...] = ()
    after: tuple[str, ...] = ("entities", "reuse", "framing_article", "claims_local")
    section: str | None = "framing"

    def run(self, articles: Sequence[Article], ctx: StageContext) -> dict[str, Any]:
        """The framing section (see :func:`frame_articles`)."""
        return frame_articles(articles, ctx)
