"""Small articles written for the reuse tests: a source, a copy, a rewrite, and an independent report."""

from __future__ import annotations

import pytest

from rashomon.model import Article
from rashomon.offsets import OffsetMap

SOURCE = (
    "Flooding forced the evacuation of 1,200 residents from the river town of Holmbridge on Sunday. "
    "Mayor Ingrid Falk said the water rose by two metres in less than six hours. "
    "Emergency crews from three neighbouring districts rescued 46 people trapped on rooftops. "
    "The regional hospital treated eleven patients for hypothermia, according to its director Paul Ames. "
    "Engineers warned that the old stone bridge on Mill Street could collapse within days. "
    "The weather office expects another 80 millimetres of rain before Wednesday. "
    "Schools in Holmbridge will stay closed until the end of the week. "
    "Falk asked volunteers to bring sandbags to the fire station on Quay Road. "
    "Insurers estimate the damage at roughly 30 million euros. "
    "The last flood of this size hit the town in 1987."
)

COPY = (
    "Flooding forced the evacuation of 1,200 residents from the river town of Holmbridge on Sunday. "
    "Mayor Ingrid Falk said the water rose by two metres in less than six hours. "
    "Emergency crews from three neighbouring districts rescued 46 people trapped on rooftops. "
    "The regional hospital treated eleven patients for hypothermia, according to its director Paul Ames. "
    "Engineers warned that the old stone bridge on Mill Street could collapse within days. "
    "The weather office expects another 80 millimetres of rain before Wednesday. "
    "Schools in Holmbridge will stay closed until the end of the week. "
    "Insurers estimate the damage at roughly 30 million euros. "
    "Stay with us for more updates."
)

REWRITE = (
    "As the Holmbridge Courier has reported, some 1,200 people in Holmbridge had to leave their homes on "
    "Sunday because of flooding. "
    "According to mayor Ingrid Falk, in under six hours the river climbed two metres. "
    "Rescue teams from three nearby districts pulled 46 people off roofs. "
    "Eleven people were treated in the regional hospital for hypothermia. "
    "The old stone bridge on Mill Street might collapse within days, engineers warned. "
    "More rain is expected before Wednesday. "
    "Holmbridge schools stay shut for the rest of the week. "
    "Damage is put at about 30 million euros by insurers. "
    "Many residents say they feel abandoned by the national government."
)

INDEPENDENT = (
    "Residents of Holmbridge spent Sunday night in gyms and church halls after the river burst its banks. "
    '"We lost everything on the ground floor," said shop owner Marta Reyes, 54. '
    "Mayor Ingrid Falk toured the shelters and promised quick help with the cleanup. "
    "Army trucks arrived on Monday morning to move supplies into the worst-hit streets. "
    "Local farmers fear that the harvest in the valley is lost for this year. "
    "Climate scientists have long warned that such floods will become more frequent in the region. "
    "The national government announced an emergency fund on Monday afternoon. "
    "Opposition politicians criticised the slow response of the authorities. "
    "Volunteers from across the country have offered to help."
)


def make_article(
    text: str, ident: str, outlet: str | None = None, published: str | None = None, url: str | None = None
) -> Article:
    """An Article of ``text`` with the given metadata (identity offsets)."""
    return Article(
        id=ident,
        path=f"{ident}.txt",
        text=text,
        raw_text=text,
        offsets=OffsetMap.identity(len(text)),
        outlet=outlet,
        published=published,
        url=url,
        language="en",
    )


@pytest.fixture
def source() -> Article:
    return make_article(
        SOURCE, "src", outlet="Holmbridge Courier", url="https://www.holmbridgecourier.example/f"
    )


@pytest.fixture
def copy() -> Article:
    return make_article(COPY, "cpy", outlet="Daily Aggregator", published="2024-03-11")


@pytest.fixture
def rewrite() -> Article:
    return make_article(REWRITE, "rwr", outlet="Valley Post")


@pytest.fixture
def independent() -> Article:
    return make_article(INDEPENDENT, "ind", outlet="National Radio")
