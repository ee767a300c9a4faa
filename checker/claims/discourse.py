"""What earlier figures tell a later one: the metric a bare figure takes from before."""

from __future__ import annotations

from checker.claims.context import Context
from checker.models import Quantity, Ref

BASE_KINDS = {"amount", "count", "percent", "fraction", "ratio"}


def by_head(metric: Ref, named: Ref | None) -> Ref:
    """工业机器人市场销量…，2024年销量占全球总量的52%: a metric named by its head word
    alone (销量, 产量) is the one last named in full with that head."""
    if named is None or "·" in named.name:
        return metric
    head, dot, op = metric.name.partition("·")
    if len(head) != 2 or named.name == head or not named.name.endswith(head):
        return metric
    operator_id = metric.id.partition("·")[2] if metric.id else ""
    known = (f"{named.id}·{operator_id}" if operator_id else None) if named.id and dot else named.id
    return Ref(id=known, name=f"{named.name}{dot}{op}", text=metric.text)


def is_operator(ctx: Context, metric: Ref) -> bool:
    _, by_id = ctx.tools.metrics
    op = by_id.get(metric.id or "")
    return op is not None and op.operator


def apply_operator(ctx: Context, q: Quantity, metric: Ref, base: Ref | None) -> tuple[Ref, bool]:
    """A rate or share named with the metric it applies to (营收·增长率), and whether it
    has none (a bare 增长率, which matches nothing). A rank or streak whose nearest metric
    word is an operator ranks the base itself (总量连续39年居全国首位)."""
    _, by_id = ctx.tools.metrics
    op = by_id.get(metric.id or "")
    if op is None or not op.operator:
        return metric, False
    if base is None:
        return metric, True
    if q.kind in ("rank", "streak"):
        return base, False
    return (
        Ref(
            id=f"{base.id}·{op.id}" if base.id else None,
            name=f"{base.name}·{op.name}",
            text=metric.text,
        ),
        False,
    )
