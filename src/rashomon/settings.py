"""Every setting declared once: name, default, help. The CLI, the docs and the runner read this list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rashomon.errors import ConfigError

__all__ = ["SETTINGS", "Setting", "resolve_settings"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_file_bytes", 200 * 1024 * 1024, "Largest input file read, in bytes (after decompression)."),
    Setting("max_gzip_ratio", 200, "Refuse a .gz whose expansion exceeds this multiple of its size."),
    Setting("max_article_chars", 2_000_000, "Longest article text kept, in characters."),
    Setting(
        "max_html_chars",
        16 * 1024 * 1024,
        "Largest HTML page parsed, in characters (parsing takes about 30 bytes of memory per character).",
    ),
    Setting(
        "max_articles",
        200_000,
        "Most articles one run analyses, with either engine (the corpus is read in the calling process).",
    ),
    Setting("reuse_min_similarity", 0.5, "Lowest sentence similarity counted as an aligned passage."),
    Setting(
        "article_batch",
        32,
        "Articles per batch of the article stages (local engine) and per Dask partition: per-article "
        "data (parses, vectors) is kept for one batch only.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def resolve_settings(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults with ``overrides`` applied.

    Raises:
        ConfigError: an override names no known setting.
    """
    values = {s.name: s.default for s in SETTINGS}
    for name, value in (overrides or {}).items():
        if name not in _BY_NAME:
            raise ConfigError(f"unknown setting {name!r}; known settings: {', '.join(sorted(_BY_NAME))}")
        values[name] = value
    return values
