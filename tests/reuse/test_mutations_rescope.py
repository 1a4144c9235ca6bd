from __future__ import annotations

import pytest

from rashomon.reuse.align import align_texts
from rashomon.reuse.mutations import detect_mutations
from rashomon.reuse.mutations_rescope import counted_noun


def _numbers(source: str, target: str) -> list[tuple[str, str, str]]:
    found = detect_mutations(source, target, align_texts(source, target))
    return [(m.source_text, m.target_text, m.explanation) for m in found if m.type == "number"]


@pytest.mark.parametrize(
    ("source", "target", "old", "new"),
    [
        ("The army sent 300 soldiers to the border on Monday.", "The army sent 300 vehicles to the border on Monday.",
         "300 soldiers", "300 vehicles"),
        ("Police said 2,000 protesters gathered in the main square.",
         "Police said 2,000 troops gathered in the main square.", "2,000 protesters", "2,000 troops"),
    ],
)  # fmt: skip
def test_the_same_number_counting_something_else_is_a_number_mutation(
    source: str, target: str, old: str, new: str
) -> None:
    (src, tgt, why), *rest = _numbers(source, target)
    assert not rest
    assert (src, tgt) == (old, new)
    assert "same number now describes something else" in why


@pytest.mark.parametrize(
    "target",
    [
        "The army sent 300 troops to the border on Monday.",  # a near-synonym: same referent
        "The army sent 300 soldiers to the frontier on Monday.",  # the number's noun is unchanged
        "The army sent 300 more soldiers to the border on Monday.",
    ],
)
def test_rewording_around_a_kept_number_is_not_flagged(target: str) -> None:
    assert _numbers("The army sent 300 soldiers to the border on Monday.", target) == []


def test_counted_noun_needs_a_counted_noun() -> None:
    text = "In 2021 the firm paid 300 workers and spent 5 percent more."
    assert counted_noun(text, text.index("300"), text.index("300") + 3)[0] == "worker"  # type: ignore[index]
    assert counted_noun(text, 3, 7) is None
