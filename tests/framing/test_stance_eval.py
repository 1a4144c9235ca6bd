"""The stance evaluation: gold polarity from entity roles, metrics, and a run on a tiny invented set."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.errors import ConfigError, DataMissing
from rashomon.framing.roles_data import heldout
from rashomon.framing.stance_eval import _metrics, evaluate, gold_pairs

TEXTS = {
    "a": "The brave medics rescued the wounded. The medics were praised by everyone.",
    "b": "The gang brutally attacked the village. The gang looted the market.",
}


def _dataset(tmp_path: Path, names: dict[str, str]) -> Path:
    root = tmp_path / "semeval2025-task10" / "train" / "EN"
    (root / "raw-documents").mkdir(parents=True)
    lines = []
    for key, name in names.items():
        text = TEXTS[key]
        (root / "raw-documents" / name).write_text(text, encoding="utf-8")
        word = "medics" if key == "a" else "gang"
        start = text.index(word)
        role = "Protagonist" if key == "a" else "Antagonist"
        lines.append(f"{name}\t{word}\t{start}\t{start + len(word) - 1}\t{role}\tGuardian")
    (root / "subtask-1-annotations.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "semeval2025-task10"


def _names(split_heldout: bool) -> dict[str, str]:
    """Article file names that fall in the wanted split (the split is a hash of the name)."""
    out: dict[str, str] = {}
    i = 0
    while len(out) < 2:
        name = f"EN_X_{i}.txt"
        if heldout(name) == split_heldout:
            out["a" if not out else "b"] = name
        i += 1
    return out


def test_gold_reads_roles_as_polarity_and_respects_the_split(tmp_path: Path) -> None:
    names = _names(True)
    data = _dataset(tmp_path, names)
    assert gold_pairs(data, "heldout") == {
        (names["a"], "medics"): "favourable",
        (names["b"], "gang"): "critical",
    }
    assert gold_pairs(data, "train") == {}


def test_metrics_count_neutral_as_a_miss() -> None:
    m = _metrics(
        ["favourable", "critical", "critical"], ["favourable", "neutral", "favourable"], [0.4, -0.1, 0.2]
    )
    assert m["accuracy"] == pytest.approx(1 / 3, abs=1e-4) and m["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["sign_accuracy"] == pytest.approx(2 / 3, abs=1e-4)


class _NoRoles:
    def predict(self, text: str, spans: list[tuple[int, int]]) -> list[dict[str, object]]:
        return [{"probs": {"Protagonist": 0.34, "Antagonist": 0.33, "Innocent": 0.33}} for _ in spans]


def test_evaluate_scores_an_invented_set_from_the_cues(tmp_path: Path) -> None:
    data = _dataset(tmp_path, _names(True))
    out = evaluate(data, "heldout", model=_NoRoles())
    assert out["gold"] == {"favourable": 1, "critical": 1}
    assert out["methods"]["v2"]["accuracy"] == 1.0  # brave/rescued/praised vs brutally attacked/looted
    with pytest.raises(ConfigError):
        evaluate(data, "dev")
    with pytest.raises(DataMissing):
        evaluate(tmp_path / "absent", "heldout", model=_NoRoles())
