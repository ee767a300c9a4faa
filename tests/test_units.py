"""Units as data: dimensions, the comparable table, and blocking that never mixes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.matching.match import Matcher
from checker.models import Citation, Claim, ClaimPeriod, Ref, Value
from checker.ruleset import Ruleset, load_ruleset

RULES = load_ruleset()
UNITS = sorted(RULES.units.dimensions)


def claim(unit: str, kind: str, n: int = 0) -> Claim:
    return Claim(
        id=f"d#{n}",
        doc="d",
        span=(n, n + 1),
        line=1,
        quote="",
        subject=Ref(id="guangdong", name="广东", text="广东"),
        metric=Ref(id=None, name="产量", text="产量"),
        kind=kind,
        value=Value(lo=1.0, hi=1.0),
        unit=unit,
        period=ClaimPeriod(),
        citation=Citation(),
        confidence=1.0,
    )


def kind_of(unit: str) -> str:
    """The kind a quantity in this unit has, as the parser gives it."""
    return next(k for k, u in RULES.units.aliases.values() if u == unit)


@given(a=st.sampled_from(UNITS), b=st.sampled_from(UNITS))
def test_units_no_block_mixes_two_dimensions(a: str, b: str) -> None:
    """Claims of two units share a block only when the units measure the same thing (a
    unit per head, 元/人, what its unit alone measures: its name says per head)."""

    def dim(unit: str) -> str:
        alone = RULES.units.per_head_unit(unit)
        return RULES.units.dimensions[alone[1] if alone else unit]

    ka = Matcher.block_key(claim(a, kind_of(a)), RULES.units)
    kb = Matcher.block_key(claim(b, kind_of(b), 1), RULES.units)
    if dim(a) != dim(b):
        assert ka != kb
    if ka == kb:
        assert dim(a) == dim(b)


COMPARABLE = [
    # (unit, unit, compared)
    ("台", "套", True),
    ("个", "座", True),
    ("辆", "家", False),
    ("辆", "台", False),
    ("kW", "kWh", False),
    ("GW", "GWh", False),
    ("元", "美元", False),
    ("美元", "港元", False),
    ("%", "pp", False),
    ("部/百人", "人", False),
    ("人", "人次", False),
]


@pytest.mark.parametrize("a,b,compared", COMPARABLE, ids=[f"{a}~{b}" for a, b, _ in COMPARABLE])
def test_units_comparable_table(a: str, b: str, compared: bool, toolkit) -> None:
    matcher = Matcher(toolkit.rules, {}, toolkit.dictionary)
    blocks = matcher.blocks([claim(a, kind_of(a)), claim(b, kind_of(b), 1)])
    assert (len(blocks) == 1) is compared


def test_units_every_unit_has_a_dimension(rules: Ruleset) -> None:
    units = rules.units
    kept = {u for _, u in units.aliases.values()}
    assert kept <= set(units.dimensions)
    assert units.dimensions["kWh"] == units.dimensions["GWh"] == "energy"
    assert units.dimensions["kW"] == "power"
    assert units.canonical("百分点") == "pp" and units.canonical("吉瓦时") == "GWh"
    assert units.canonical("位") == "位"  # a rank's unit, not the word for 人
