"""metrics.toml: the metric registry, with its names checked unique and its ranks resolved."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from checker.ruleset.base import NonEmpty, Rule, Slug
from checker.ruleset.locate import line_of, show

Dimension = Literal[
    "amount", "count", "percent", "fraction", "ratio", "rank", "streak", "date", "other"
]


class Metric(Rule):
    id: Slug
    name: NonEmpty
    aliases: list[NonEmpty] = []
    dimension: Dimension
    flow: bool = True
    tolerance: float = Field(default=0.0, ge=0, le=0.5)
    replaces: list[Slug] = []
    # an operator over another metric (a growth rate, a share): a claim names it with the
    # base metric it applies to (营收·增长率); with no base it is bare and matches nothing
    operator: bool = False
    # a rank of another metric (经济总量排名 ranks 地区生产总值): a rank claim naming that
    # metric (总量居全国首位) is a claim of this one
    ranks: Slug | None = None


class MetricsFile(Rule):
    # set phrases holding a metric's alias that name no metric (规模以上: above a size)
    not_names: list[NonEmpty] = []
    metric: list[Metric]


def rank_problems(path: Path, metrics: MetricsFile) -> list[str]:
    """A metric's `ranks` names another metric, which no other metric ranks."""
    raw = path.read_text(encoding="utf-8")
    ids = {m.id for m in metrics.metric}
    ranked: dict[str, str] = {}
    problems: list[str] = []
    for m in metrics.metric:
        if m.ranks is None:
            continue
        line = line_of(raw, 'ranks = "' + m.ranks + '"')
        where = f'{show(path)}:{line}: metric "{m.id}"'
        if m.ranks not in ids or m.ranks == m.id:
            problems.append(f'{where}: ranks unknown metric "{m.ranks}"')
        elif ranked.setdefault(m.ranks, m.id) != m.id:
            problems.append(f'{where}: "{m.ranks}" is already ranked by "{ranked[m.ranks]}"')
    return problems


def unique_names(path: Path, table: str, items: list[Metric]) -> list[str]:
    raw = path.read_text(encoding="utf-8")
    problems: list[str] = []
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for item in items:
        where = f'{show(path)}:{line_of(raw, chr(34) + item.id + chr(34))}: {table} "{item.id}"'
        if item.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(item.id)
        for alias in [item.name, *item.aliases]:
            if owner.setdefault(alias, item.id) != item.id:
                problems.append(
                    f'{where}: "{alias}" is already a name or alias of {table} "{owner[alias]}"'
                )
    return problems
