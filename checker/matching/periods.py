"""How the periods of two matched claims relate: the same, overlapping, nested, different,
or, for a period that is the document's own date, close or far (`implied-close`,
`implied-far`). Only relations in `SAME_TIME` make two figures claims about one time."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from checker.models import Claim, ClaimPeriod

SAME_TIME = {"same", "overlapping", "implied-close"}  # period relations that count as one time
IMPLIED = {"unstated", "implied", "current"}  # periods that are the document's own date


def period_relation(
    a: Claim,
    b: Claim,
    doc_dates: Mapping[str, str | None],
    close_months: int,
    flows: Mapping[str, bool],
) -> str:
    """The relation of the periods of `a` and `b`; implied periods are close when their
    dates are at most `close_months` apart; `flows` says which registry metrics are flows
    (a stock holds over nested spans)."""
    if a.kind == "date":
        return "same"  # a date claim's value is its time
    if a.kind == "streak":
        return "same"  # streaks compare by their start (see values)
    pa, pb = a.period, b.period
    if pa.kind in IMPLIED or pb.kind in IMPLIED:  # 目前 (current) is the document's own date
        da, db = month_number(date_of(a, doc_dates)), month_number(date_of(b, doc_dates))
        if da is None or db is None:
            return "implied-close"
        close = abs(da - db) <= close_months
        return "implied-close" if close else "implied-far"
    if pa.label == pb.label:
        return "same"
    if _year_end(pa, pb) or _year_end(pb, pa):
        return "overlapping"  # 截至2025年底553万公里 and 2025年553万公里: a level, both
    if pa.kind == "as_of" and pb.kind == "as_of":
        if pa.end == pb.end:
            return "same"
        gap = months_between(pa.end, pb.end)
        close = gap is not None and gap <= close_months
        return "overlapping" if close and a.kind == "rank" else "different"
    if pa.start and pa.end and pb.start and pb.end:
        if pa.start == pb.start and pa.end == pb.end:
            return "same"
        if pa.start <= pb.end and pb.start <= pa.end:
            # a quarter inside its year: a flow over one is not a flow over the other;
            # a stock (a registry metric that is no flow) holds over both
            stock = not flows.get(a.metric.id or "", True)
            return "overlapping" if stock and a.metric.id == b.metric.id else "nested"
    return "different"


def _year_end(level: ClaimPeriod, year: ClaimPeriod) -> bool:
    """`level` is as of the last day of the year `year` is: the figure is a level (a
    stock, so the figure for the year is its level at the year's end)."""
    return (
        level.kind == "as_of"
        and year.kind == "year"
        and year.end is not None
        and level.end == year.end
        and year.end.endswith("-12-31")
    )


def date_of(c: Claim, doc_dates: Mapping[str, str | None]) -> str | None:
    """When a claim holds: the end of its stated period, else its document's date."""
    if c.period.end and c.period.kind not in ("unstated",):
        return c.period.end
    return doc_dates.get(c.doc)


@cache
def month_number(value: str | None) -> int | None:
    """A date (2024, 2024-03, 2024-03-05) as a count of months; a bare year is its middle."""
    if not value:
        return None
    parts = value.split("-")
    try:
        return int(parts[0]) * 12 + (int(parts[1]) if len(parts) > 1 else 6)
    except ValueError:
        return None


def months_between(a: str | None, b: str | None) -> int | None:
    ma, mb = month_number(a), month_number(b)
    return None if ma is None or mb is None else abs(ma - mb)
