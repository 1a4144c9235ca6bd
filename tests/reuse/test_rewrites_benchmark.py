"""The rewrite benchmark's generator and scorer on a tiny built-in corpus (no shared data needed)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from rashomon.errors import DataMissing
from rashomon.nlp import spacy_pipeline
from rashomon.reuse.model import MUTATION_TYPES, Mutation

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"

ARTICLES = [
    (
        "floods",
        "Valley Courier",
        "Heavy rain flooded the lower town of Brenmoor on Sunday, forcing 1,200 residents to leave their homes. "
        "Mayor Ingrid Haldane said the river rose faster than any time since 1987. "
        "“We will rebuild every street that the water took from us,” she told reporters at the town hall. "
        "Rescue teams from three neighbouring districts helped with the evacuation. "
        "According to the regional fire service, two people were injured when a footbridge collapsed. "
        "The council has promised emergency payments to families who lost their furniture. "
        "Engineers will inspect the old dam at Carrow on Monday morning. "
        "Critics said the town had ignored warnings about the embankment for years. "
        "Haldane rejected that claim and pointed to a recent upgrade of the pumps. "
        "Schools in the lower town will stay closed until Wednesday.",
    ),
    (
        "floods",
        "Northern Ledger",
        "Farmers near the Brenmoor river counted their losses on Monday after the weekend floods. "
        "Many fields are still under water, and the harvest of winter wheat is expected to be poor. "
        "The farmers' union asked the government for 4 million euros in aid. "
        "Agriculture minister Tomas Reyes promised to visit the area later this week. "
        "He said the state would not abandon rural communities. "
        "Local vets are checking cattle for disease after the water receded. "
        "Insurance firms said claims would be processed quickly. "
        "Some families have moved in with relatives in nearby villages. "
        "Volunteers are collecting clothes and food at the parish hall.",
    ),
    (
        "transport",
        "Metro Daily",
        "The city council approved a new tram line on Tuesday after a long debate. "
        "The line will connect the central station with the eastern suburbs and cost 310 million euros. "
        "Council leader Amara Osei said the project would cut car traffic by a fifth. "
        "“This is the biggest investment in public transport for a generation,” she said. "
        "Opposition members voted against the plan, citing the rising cost of steel. "
        "Construction is due to begin next spring and to last four years. "
        "Shop owners on Harbour Street fear that the works will keep customers away. "
        "The council promised compensation for businesses that lose income during the works. "
        "A public consultation drew more than 9,000 responses last year.",
    ),
    (
        "transport",
        "Evening Post",
        "Bus drivers in the eastern suburbs went on strike on Wednesday over pay. "
        "The union said its members had not received a raise in three years. "
        "Managers at the operator, Eastlink, called the strike unnecessary. "
        "Commuters waited for hours at stops along the main road. "
        "The strike is expected to last two days unless talks resume. "
        "Union leader Piotr Wasik told a rally that the drivers would not back down. "
        "The transport authority urged passengers to use the trains instead. "
        "Talks between both sides collapsed last Friday.",
    ),
]


@pytest.fixture(scope="module")
def rewrites() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("rewrites", BENCH / "rewrites.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["rewrites"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    return [
        {"ID": f"r{i}", "topic": topic, "source": outlet, "title": text[:40], "date": "2024-03-0" + str(i + 1),
         "content_original": text}
        for i, (topic, outlet, text) in enumerate(ARTICLES)
    ]  # fmt: skip


def test_missing_data_is_a_clear_error(rewrites: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(DataMissing, match="allsides"):
        rewrites.load_records(tmp_path / "allsides" / "articles.jsonl.gz")


def test_splits_share_no_topic_or_outlet(rewrites: ModuleType) -> None:
    recs = [{"topic": f"t{i % 7}", "source": f"o{i % 11}"} for i in range(200)]
    dev, held = rewrites.split_records(recs, "dev"), rewrites.split_records(recs, "heldout")
    assert dev and held
    assert not {r["topic"] for r in dev} & {r["topic"] for r in held}
    assert not {r["source"] for r in dev} & {r["source"] for r in held}


def test_every_operation_records_honest_gold(rewrites: ModuleType) -> None:
    ops = sys.modules["rewrites_ops"]
    nlp = spacy_pipeline()
    text = "Mayor Ingrid Haldane said the river rose faster than in 1987, when 1,200 people fled."
    doc = nlp(text)
    rng = random.Random(3)
    for kind in ("negation", "hedge", "number", "pronoun", "attribution"):
        edit = getattr(ops, kind)(text, doc, rng)
        if edit is None:
            continue
        assert edit.text != text
        (gold_type, (a, b)), *_ = edit.gold
        assert gold_type == kind and 0 <= a < b <= len(edit.text)
    for kind, fn in ops.PRESERVING_OPS.items():
        edit = fn(text, doc, rng)
        if edit is not None:
            assert edit.gold == [], kind


def test_generator_and_scorer_end_to_end(rewrites: ModuleType, records: list[dict[str, str]]) -> None:
    bench = rewrites.generate(records, 3, seed=5, nlp=spacy_pipeline(), min_chars=200)
    assert bench.cases
    for case in bench.cases:
        for g in case.gold:
            text = case.source["text"] if g.type == "omission" else case.target["text"]
            assert g.type in MUTATION_TYPES and 0 <= g.span[0] < g.span[1] <= len(text)
    result = rewrites.score_mutations(bench.cases)
    assert set(result["per_type"]) == set(MUTATION_TYPES)
    for row in [*result["per_type"].values(), result["overall"]]:
        assert 0.0 <= row["precision"] <= 1.0 and 0.0 <= row["recall"] <= 1.0
    assert result["passages"] > 0


def test_matching_rewards_right_type_and_span_only(rewrites: ModuleType) -> None:
    gold = [rewrites.GoldMutation("number", (10, 15)), rewrites.GoldMutation("omission", (0, 20))]
    right = Mutation("number", "5", "7", (10, 11), (12, 14), "x")
    wrong_type = Mutation("hedge", "5", "7", (10, 11), (12, 14), "x")
    wrong_span = Mutation("number", "5", "7", (10, 11), (40, 44), "x")
    omission = Mutation("omission", "s", "", (5, 9), None, "x")
    found, confirmed, made = rewrites.match_mutations([right, wrong_type, wrong_span, omission], gold)
    assert found == {"number": 1, "omission": 1}
    assert confirmed == {"number": 1, "omission": 1}
    assert made == {"number": 2, "hedge": 1, "omission": 1}
    assert rewrites.match_mutations([], gold)[0] == {}


def test_near_duplicate_articles_leave_the_pool(rewrites: ModuleType, records: list[dict[str, str]]) -> None:
    twin = dict(records[0], ID="twin", source="Wire Copy")
    twin["content_original"] = records[0]["content_original"].replace("Sunday", "Saturday")
    kept = rewrites.dedupe_records([*records, twin])
    assert [r["ID"] for r in kept] == [r["ID"] for r in records[1:]]
    assert rewrites.dedupe_records(records) == records


def test_no_case_source_is_also_a_distractor(rewrites: ModuleType, records: list[dict[str, str]]) -> None:
    one_topic = [dict(r, topic="all", source=f"Outlet {i}") for i, r in enumerate(records)]
    bench = rewrites.generate(
        one_topic, 10, seed=3, nlp=spacy_pipeline(), min_chars=200, distractors_per_case=2
    )
    assert bench.cases and bench.distractors
    openings = {c.source["text"][:80] for c in bench.cases}
    assert not openings & {d["text"][:80] for d in bench.distractors}


def test_number_rescope_keeps_the_number_and_changes_its_noun(rewrites: ModuleType) -> None:
    ops = sys.modules["rewrites_ops"]
    text = "The army moved 300 soldiers to the border, officials said."
    edit = ops.number_rescope(text, spacy_pipeline()(text), random.Random(1))
    assert edit is not None and "300 " in edit.text and "soldiers" not in edit.text
    (kind, (a, b)), *rest = edit.gold
    assert kind == "number" and not rest and edit.text[a:b].startswith("300 ")
    assert (
        ops.number_rescope("It happened in 1987.", spacy_pipeline()("It happened in 1987."), random.Random(1))
        is None
    )


def test_synonym_table_skips_inflections_and_contrasts(rewrites: ModuleType) -> None:
    import numpy as np

    ops = sys.modules["rewrites_ops"]
    words = ["increase", "decrease", "increases", "boost", "large", "huge", "small"]
    tags = ["VB", "VB", "VBZ", "VB", "JJ", "JJ", "JJ"]
    # all words of one tag close together: the nearest allowed neighbour must be a real synonym
    vecs = np.array(
        [[1, 0.1, 0], [1, 0.12, 0], [1, 0.09, 0], [1, 0.3, 0], [0, 1, 0.2], [0, 1, 0.3], [0, 1, 0.21]]
    )
    vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    table = ops.build_synonym_table(words, tags, vecs, min_cosine=0.9)
    assert table[("increase", "VB")] == "boost"
    assert table[("large", "JJ")] == "huge"
    assert ("increases", "VBZ") not in table


def test_spin_swaps_words_but_not_quotes_or_protected_words(rewrites: ModuleType) -> None:
    ops = sys.modules["rewrites_ops"]
    text = "The minister quickly rejected the plan and said “the plan is dead” on Monday."
    table = {("quickly", "RB"): "rapidly", ("plan", "NN"): "proposal", ("rejected", "VBD"): "refused"}
    spun = ops.spin(text, spacy_pipeline()(text), random.Random(0), table, rate=1.0)
    assert spun == "The minister rapidly rejected the proposal and said “the plan is dead” on Monday."
    assert ops.split_sentence("The council met on Tuesday, and it approved the new budget.") == [
        "The council met on Tuesday.",
        "It approved the new budget.",
    ]


def test_spun_generation_records_honest_gold(rewrites: ModuleType, records: list[dict[str, str]]) -> None:
    table = {("rain", "NN"): "rainfall", ("residents", "NNS"): "inhabitants", ("helped", "VBD"): "assisted",
             ("approved", "VBD"): "endorsed", ("debate", "NN"): "discussion", ("cost", "VB"): "price"}  # fmt: skip
    bench = rewrites.generate(records, 3, seed=5, nlp=spacy_pipeline(), min_chars=200, synonyms=table)
    assert bench.cases and any("spun" in c.edits for c in bench.cases)
    for case in bench.cases:
        for g in case.gold:
            text = case.source["text"] if g.type == "omission" else case.target["text"]
            assert 0 <= g.span[0] < g.span[1] <= len(text)
        assert not any(s in case.source["text"] for s in ("rainfall", "inhabitants", "endorsed"))
