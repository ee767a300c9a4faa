"""What earlier figures tell a later one: the subjects last named, the metrics last
measured, and the metric a bare figure takes from them."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from checker.claims.context import Context
from checker.models import EntityMention, Quantity, Ref, Sentence

BASE_KINDS = {"amount", "count", "percent", "fraction", "ratio"}
RATE_KINDS = {"percent", "fraction", "ratio"}  # what a rate or a share can be
AMOUNT_KINDS = {"amount", "count", "other"}  # what a rate's base can be


NOTHING_COMPARED: Mapping[str, Ref] = MappingProxyType({})


class Discourse(NamedTuple):
    """What the sentences read so far tell the next figure. Each step derives a new
    record and none is changed in place; a named tuple, as one is derived for nearly every
    claim and a tuple is the cheapest record to derive."""

    paragraph: int = -1  # the paragraph of the sentence last read
    carried: tuple[EntityMention, ...] = ()  # the subjects last named, for figures naming none
    told: Ref | None = None  # the paragraph's last metric that is not an operator
    told_kind: str = ""  # …and the kind of its figure (`told_kind_of`), "" when none may take it
    base: Ref | None = None  # the sentence's last metric that is not an operator
    listed: tuple[Ref, ...] = ()  # metrics of the sentence's last 分别 list, in order
    compared: Mapping[str, Ref] = NOTHING_COMPARED  # its last named metric of each kind
    mentioned: Ref | None = None  # …and of any kind but a date
    rated: Ref | None = None  # the paragraph's last metric a rate was named with
    recent: tuple[Ref, ...] = ()  # the paragraph's last metrics named, each once, the last last
    opening: tuple[EntityMention, ...] = ()  # the first subjects the document named
    rated_here: Ref | None = None  # the sentence's last metric a rate was named with

    def entering(self, s: Sentence) -> Discourse:
        """A sentence starts with no metric of its own; a new paragraph forgets the metric
        told, and a paragraph gap the subjects too."""
        p = s.paragraph
        return Discourse(
            paragraph=p,
            carried=self.carried if p in (self.paragraph, self.paragraph + 1) else (),
            told=self.told if p == self.paragraph else None,
            told_kind=self.told_kind,
            rated=self.rated if p == self.paragraph else None,
            recent=self.recent if p == self.paragraph else (),
            opening=self.opening,
        )

    def carrying(self, subjects: tuple[EntityMention, ...]) -> Discourse:
        """The subjects the next figures that name none take."""
        if subjects is self.carried:
            return self
        return self._replace(carried=subjects, opening=self.opening or subjects)

    def reopening(self) -> Discourse:
        """After a question naming no subject (问：为什么出口还在涨？): the answer's figures
        that name none are the document's first subjects', not the last answer's."""
        return self._replace(carried=self.opening)

    def claimed(
        self, q: Quantity, named: Ref | None, measured: Ref | None, listing: bool
    ) -> Discourse:
        """After a claim of a figure of `kind`: `named`, the metric it named, is the
        sentence's last of its kind (and of any kind, unless a date's or derived, 营收·增长率);
        `measured`, a metric that later rates and shares may apply to, is the base (and with
        `listing` the next metric of the sentence's 分别 list) and the paragraph's told."""
        if named is None and measured is None:
            return self
        kind = q.kind
        told, told_kind, base, listed = self.told, self.told_kind, self.base, self.listed
        compared, mentioned, recent = self.compared, self.mentioned, self.recent
        if named is not None:
            compared = {**compared, kind: named}
            if kind != "date" and "·" not in named.name:
                mentioned = named
            if kind != "date":
                recent = _remembered(recent, named)
        if measured is not None:
            base = told = measured
            listed = (*listed, measured) if listing else listed
            told_kind = told_kind_of(q)
        return self._replace(
            told=told,
            told_kind=told_kind,
            base=base,
            listed=listed,
            compared=compared,
            mentioned=mentioned,
            recent=recent,
        )

    def context_metric(self, q: Quantity, metric: Ref, base: Ref | None) -> Ref:
        """The metric of a figure that names none: the base before it (总量首次突破14万亿元),
        the sentence's last named (产量首次突破百万大关,达到168.4万辆), or for an amount or a
        measure in its unit the paragraph's last (生产总值为6.4万亿元…。四川以6.1万亿元位列第六)."""
        if metric.name:
            return metric
        if q.kind in RATE_KINDS and q.kind in self.compared:
            return self.compared[q.kind]  # 降幅约为9.6%，与公布的10.6%不一致: a rate, of one
        if base is not None:
            return base
        if self.mentioned is not None:
            return self.mentioned
        if self.rated_here is not None and q.kind in AMOUNT_KINDS:  # 总出货量增长4.7%，达到3810万件
            name, _, _ = self.rated_here.name.rpartition("·")
            named_id = self.rated_here.id.rpartition("·")[0] if self.rated_here.id else None
            return Ref(id=named_id or None, name=name, text=self.rated_here.text)
        if self.told is not None and self.told_kind == told_kind_of(q) and "order" not in q.flags:
            return self.told  # …约9.5亿平方米。次年进一步降至7.4亿平方米: a measure too
        return metric

    def rating(self, base: Ref) -> Discourse:
        """After a rate of a metric named with it (工业投资下降6.3%): a later rate
        that names no metric (全年降幅扩大到7.8%) is of the same one."""
        return self._replace(rated=base, rated_here=base)


RECENT = 4  # how many metrics named last a paragraph remembers for anaphora (两项指标)


def _remembered(recent: tuple[Ref, ...], named: Ref) -> tuple[Ref, ...]:
    """`recent` with the metric `named` names (its base, for a rate or a share) last."""
    base, dot, _ = named.name.rpartition("·")
    if dot:
        base_id = named.id.rpartition("·")[0] if named.id and "·" in named.id else None
        named = Ref(id=base_id or None, name=base, text=base)
    if not named.name or (recent and recent[-1].name == named.name):
        return recent
    return (*(r for r in recent if r.name != named.name), named)[-RECENT:]


def referents(ctx: Context, metric: Ref, said: Discourse, at: tuple[int, int] | None) -> list[Ref]:
    """销售面积下降6.7%，销售额下降10.3%。全年两项指标的降幅分别收窄到5.1%和7.3%: a name
    pointing back at the paragraph's last metrics (rules/claims.toml metric_anaphora) is
    the one a 分别 list gives its figure, or each of them (两项指标均居全国第二); [] for
    any other name, or when fewer metrics were named."""
    base, dot, op = metric.name.rpartition("·") if "·" in metric.name else (metric.name, "", "")
    count = next(
        (n for w, n in ctx.tools.rules.claims.metric_anaphora.items() if base.endswith(w)), 0
    )
    if not count or len(said.recent) < count:
        return []
    pointed = list(said.recent[-count:])
    if at is not None:
        if at[1] != count:
            return []
        pointed = [pointed[at[0]]]
    op_id = metric.id.rpartition("·")[2] if metric.id and "·" in metric.id else ""
    return [
        Ref(id=_operated_id(r, dot, op_id), name=f"{r.name}{dot}{op}", text=metric.text)
        for r in pointed
    ]


def _operated_id(base: Ref, dot: str, op_id: str) -> str | None:
    """The id of `base` under an operator (rd_spending·growth_rate), its own with none."""
    if not dot:
        return base.id
    return f"{base.id}·{op_id}" if base.id and op_id else None


def told_kind_of(q: Quantity) -> str:
    """The kind of figure a metric told before may name when the figure names none: an
    amount (in any money), or a measure in the same unit (平方米); "" for others."""
    if q.kind == "amount":
        return q.kind
    return f"{q.kind}:{q.unit}" if q.kind == "other" and q.unit else ""


def by_head(metric: Ref, named: Ref | None) -> Ref:
    """协作机器人销量…，当年销量占全球总量的41%: a metric named by its head word
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
    word is an operator ranks the base itself (总量连续22年居全国第二)."""
    _, by_id = ctx.tools.metrics
    op = by_id.get(metric.id or "")
    if op is None or not op.operator:
        return metric, False
    if base is None:
        return metric, True
    if q.kind in ("rank", "streak"):
        return base, False
    change = by_id.get(ctx.tools.rules.claims.change_operator or "")
    if change is not None and op.dimension == "percent" and q.kind not in RATE_KINDS:
        op = change  # 比上年增加31.6万吨: no rate, the change of the base
    return (
        Ref(
            id=f"{base.id}·{op.id}" if base.id else None,
            name=f"{base.name}·{op.name}",
            text=metric.text,
        ),
        False,
    )
