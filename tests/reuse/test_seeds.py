"""Issue 3 acceptance on ../shared/seeds (slow; run with --slow): the only link is the real rewrite.

The checks are structural (no text of the seeds is written here and nothing was tuned on them): one
link among the five articles, whose derived side credits its source, covering most of the derived
text, with mutations that each carry spans and an explanation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.analyze import load_articles
from rashomon.pipeline import StageContext
from rashomon.reuse.model import MUTATION_TYPES
from rashomon.reuse.stage import ReuseStage


@pytest.mark.slow
def test_seeds_have_one_attributed_rewrite_link(shared_dir: Path) -> None:
    files = sorted((shared_dir / "seeds").glob("*.txt"))
    articles, failures = load_articles(files)
    assert not failures and len(articles) == 5
    links = ReuseStage().run(articles, StageContext())
    assert len(links) == 1, [(lk["source"], lk["target"]) for lk in links]
    link = links[0]
    by_id = {a.id: Path(a.path).name[:3] for a in articles}
    # the rewrite: the fourth file restates the third and credits its outlet
    assert (by_id[link["source"]], by_id[link["target"]]) == ("002", "003")
    assert link["relation"] == "rewrite" and link["attributed"]
    assert link["coverage"] >= 0.6
    types = {m["type"] for m in link["mutations"]}
    assert types & {"negation", "number", "name", "pronoun", "hedge"}
    for m in link["mutations"]:
        assert m["type"] in MUTATION_TYPES and m["explanation"]
        assert m["source_span"] is not None or m["target_span"] is not None
