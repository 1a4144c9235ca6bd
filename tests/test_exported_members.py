"""The public API is curated: every name in ``__all__`` exists, and nothing is exported by accident."""

from __future__ import annotations

import rashomon


def test_public_api() -> None:
    assert sorted(rashomon.__all__) == [
        "Article",
        "Failure",
        "OffsetMap",
        "RashomonError",
        "RawDocument",
        "Span",
        "TextBuilder",
        "__version__",
    ]
    for name in rashomon.__all__:
        assert hasattr(rashomon, name)
