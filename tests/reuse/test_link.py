from __future__ import annotations

import dataclasses

from rashomon.model import Article
from rashomon.reuse.align import align_texts
from rashomon.reuse.link import LinkThresholds, analyse_pair, swap_alignment

from .conftest import COPY, SOURCE


def test_copy_is_linked_in_the_right_direction(source: Article, copy: Article) -> None:
    link = analyse_pair(copy, source)  # given in the wrong order on purpose
    assert link is not None
    assert (link.source, link.target) == ("src", "cpy")
    assert link.relation == "copy"
    assert link.coverage > 0.9
    assert any("published" in e or "part of it" in e or "details" in e for e in link.direction_evidence)
    for p in link.passages:
        assert source.text[slice(*p.source_span)] == copy.text[slice(*p.target_span)]


def test_independent_report_is_not_linked(source: Article, independent: Article) -> None:
    assert analyse_pair(source, independent) is None
    assert analyse_pair(independent, source) is None


def test_rewrite_with_credit_is_attributed(source: Article, rewrite: Article) -> None:
    lenient = LinkThresholds(strong_similarity=0.5, min_strong_coverage=0.2)
    link = analyse_pair(rewrite, source, thresholds=lenient)
    assert link is not None
    assert link.source == "src" and link.target == "rwr"
    assert link.relation == "rewrite"
    assert link.attributed
    assert any("Holmbridge Courier" in e for e in link.direction_evidence)


def test_unattributed_copy(source: Article, copy: Article) -> None:
    link = analyse_pair(source, copy)
    assert link is not None and not link.attributed


def test_dates_decide_direction_against_other_evidence(source: Article, copy: Article) -> None:
    # the copy is dated earlier: the copy becomes the source even though it holds less
    early_copy = dataclasses.replace(copy, published="2020-01-01")
    late_source = dataclasses.replace(source, published="2020-01-05")
    link = analyse_pair(late_source, early_copy)
    assert link is not None and link.source == "cpy"


def test_swap_alignment_is_an_involution() -> None:
    al = align_texts(SOURCE, COPY)
    back = swap_alignment(swap_alignment(al))
    assert back == al
    swapped = swap_alignment(al)
    assert swapped.omissions == al.additions and swapped.coverage == al.source_coverage


def test_too_few_strong_passages_is_no_link() -> None:
    strict = LinkThresholds(min_strong_passages=50)
    a = Article("a", "a", SOURCE, SOURCE, __import__("rashomon").OffsetMap.identity(len(SOURCE)))
    b = Article("b", "b", COPY, COPY, __import__("rashomon").OffsetMap.identity(len(COPY)))
    assert analyse_pair(a, b, thresholds=strict) is None
