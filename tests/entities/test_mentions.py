from __future__ import annotations

from dataclasses import dataclass, field

from rashomon.entities.mentions import _retype, _split_possessive, _strip


@dataclass
class FakeToken:
    text: str
    tag_: str = "NNP"
    dep_: str = "nsubj"
    i: int = 0
    doc: list[FakeToken] = field(default_factory=list)


@dataclass
class FakeEnt:
    text: str
    label_: str

    def __post_init__(self) -> None:
        self.tokens = [FakeToken(w) for w in self.text.split()]
        for n, t in enumerate(self.tokens):
            t.i, t.doc = n, self.tokens

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, i: int) -> FakeToken:
        return self.tokens[i]


def test_small_model_errors_are_corrected() -> None:
    assert _retype(FakeEnt("elonmusk", "PERSON"), "elonmusk") is None
    assert _retype(FakeEnt("@navalny", "PERSON"), "@navalny") is None
    assert _retype(FakeEnt("CSTO", "PERSON"), "CSTO") == "org"
    assert _retype(FakeEnt("Twitter", "PERSON"), "Twitter") == "org"
    assert _retype(FakeEnt("Kazakhs", "PERSON"), "Kazakhs") == "group"
    assert _retype(FakeEnt("Maxim Suchkov", "PERSON"), "Maxim Suchkov") == "person"
    assert _retype(FakeEnt("Kazakhstan", "GPE"), "Kazakhstan") == "place"
    assert _retype(FakeEnt("1999", "DATE"), "1999") is None


def test_titles_and_possessives_are_stripped() -> None:
    assert _strip("President Kassym-Jomart Tokayev’s", 10) == ("Kassym-Jomart Tokayev", 20, ["president"])
    assert (
        _strip("the Collective Security Treaty Organization", 0)[0]
        == "Collective Security Treaty Organization"
    )
    pieces = _split_possessive(
        FakeEnt("Belarus's Alexander Lukashenko", "PERSON"), "Belarus's Alexander Lukashenko", 5
    )
    assert pieces == [("Belarus", 5, "place"), ("Alexander Lukashenko", 15, "")]
