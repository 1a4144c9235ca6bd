"""The public names of rashomon.report and rashomon.web exist and are the curated ones."""

from __future__ import annotations

import rashomon.report
import rashomon.web


def test_public_api() -> None:
    assert rashomon.report.__all__ == ["render_report"]
    assert sorted(rashomon.web.__all__) == [
        "RashomonApp",
        "load_analysis",
        "make_web_server",
        "save_analysis",
        "serve",
    ]
    for module in (rashomon.report, rashomon.web):
        for name in module.__all__:
            assert hasattr(module, name)
