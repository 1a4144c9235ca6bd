"""Stories: the articles about one event, grouped incrementally (see :mod:`rashomon.stories.assign`)."""

from rashomon.stories.assign import StoryParams, assign_stories, empty_state
from rashomon.stories.features import StoryFeaturesStage, article_features
from rashomon.stories.report import analysis_stories, per_story
from rashomon.stories.stage import (
    StoriesStage,
    group_stories,
    stories_of,
    summarise_stories,
    update_stored_stories,
)

__all__ = [
    "StoriesStage",
    "StoryFeaturesStage",
    "StoryParams",
    "analysis_stories",
    "article_features",
    "assign_stories",
    "empty_state",
    "group_stories",
    "per_story",
    "stories_of",
    "summarise_stories",
    "update_stored_stories",
]
