"""The registry of analysis stages that ``rashomon analyze`` runs.

Each analysis package exposes its stage objects; add them to ``all_stages`` (one line each). Imports
are inside the function so that importing rashomon stays cheap.
"""

from __future__ import annotations

from rashomon.pipeline import Stage

__all__ = ["all_stages"]


def all_stages() -> list[Stage]:
    """Every registered stage, in no particular order (the runner orders them)."""
    from rashomon.claims.stage import ClaimsLocalStage, ClaimsStage, TimelineStage
    from rashomon.entities.stage import EntitiesLocalStage, EntitiesStage
    from rashomon.framing.stage import FramingArticleStage, FramingStage
    from rashomon.quotes.stage import QuotesLocalStage, QuotesStage
    from rashomon.reuse.features import ReuseFeaturesStage
    from rashomon.reuse.stage import ReuseStage
    from rashomon.stories import StoriesStage, StoryFeaturesStage

    stages: list[Stage] = []
    stages += [EntitiesLocalStage(), EntitiesStage(), QuotesLocalStage(), QuotesStage()]
    stages += [ClaimsLocalStage(), ClaimsStage(), TimelineStage()]
    stages += [ReuseFeaturesStage(), ReuseStage()]
    stages += [FramingArticleStage(), FramingStage()]
    stages += [StoryFeaturesStage(), StoriesStage()]
    return stages
