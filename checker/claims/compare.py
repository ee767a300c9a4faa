"""Figures given to compare with: a wider scope's figure, a baseline, a target, a rival."""

from __future__ import annotations

from itertools import islice

from checker.claims.context import SUBJECT_TYPES, Context, clause_of
from checker.models import EntityMention, Mentions, Quantity, Ref, Sentence


def rival_metrics(
    ctx: Context, m: Mentions, q: Quantity, subject: EntityMention | None, named: Ref | None
) -> list[Ref]:
    """总量超越山东: the subject's metric relative to each rival named in the figure
    (地区生产总值·相对山东), a ratio above or below 1; none without a metric."""
    if named is None or not named.name or "·" in named.name:
        return []
    rivals = [
        e
        for e in m.entities
        if q.start <= e.start
        and e.end <= q.end
        and e.type in SUBJECT_TYPES
        and (subject is None or e.name != subject.name)
    ]
    said = ctx.norm.text[q.start : q.end]
    out: dict[str, Ref] = {}
    for e in rivals:
        out.setdefault(
            e.name,
            Ref(
                id=f"{named.id}·vs_{e.id}" if named.id and e.id else None,
                name=f"{named.name}·{ctx.tools.words.versus}{e.name}",
                text=f"{named.text}{said}",
            ),
        )
    return list(out.values())


def reference_scope(
    ctx: Context, s: Sentence, m: Mentions, q: Quantity
) -> list[EntityMention] | None:
    """高于全国5.2%的增速, 略低于全省平均水平(4.6%): a wider scope's figure, given to
    compare with. Its subject is the scope (全国 → the country; 全省 → the province, found
    as for an anaphor), or none when the scope names nothing; None when `q` is no such
    figure."""
    pattern = ctx.tools.reference_re
    if pattern is None or q.unit == "pp":  # 高于全国1.7个百分点 is a gap, not the figure
        return None
    clause = clause_of(ctx, s, q)
    text = ctx.norm.text
    hit = pattern.search(text, max(clause[0], q.start - 16), q.start)
    if hit is None or (hit.group("open") is None and text[q.end : q.end + 1] != ctx.tools.words.of):
        return None  # 超过全国的20% is a share; 高于全国平均水平10% a gap
    at = hit.start("scope")
    named = [e for e in m.entities if e.start == at and e.type in SUBJECT_TYPES]
    if named:
        return named[:1]
    for kind, words in ctx.tools.rules.claims.anaphora.items():
        if hit.group("scope") in words:
            return _wider_place(ctx, m, kind, at)
    return []


def _wider_place(ctx: Context, m: Mentions, kind: str, at: int) -> list[EntityMention]:
    """全省 in 杭州…增速高于全省(6.0%): the place of that kind named before it in the
    sentence, or the one holding the last place named (杭州 → 浙江); none else."""
    types = set(ctx.tools.rules.claims.anaphora_types.get(kind, []))
    for e in reversed([e for e in m.entities if e.end <= at]):
        if e.type in types:
            return [e]
        for entity in islice(ctx.tools.lineage(e.id), 1, None) if e.id else ():
            if entity.type in types:
                return [
                    EntityMention(
                        start=e.start,
                        end=e.end,
                        id=entity.id,
                        name=entity.name,
                        type=entity.type,
                        text=e.text,
                    )
                ]
    return []


def is_baseline(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> bool:
    """比2018年的50万台增长1倍: the figure a change is measured from, of an earlier time."""
    text = ctx.norm.text
    of = ctx.tools.words.of
    before = [p for p in m.periods if p.end <= q.start and text[p.end : q.start] in ("", of)]
    if not before:
        return False
    head = text[max(s.start, before[-1].start - 2) : before[-1].start]
    return head.endswith(ctx.tools.references)


def is_own_target(ctx: Context, s: Sentence, q: Quantity) -> bool:
    """…比上年增长4.7%,完成了年初提出的4.5%左右的预期目标: a figure named a target right after
    it, in a sentence that gave a figure of its kind before, is the target of that figure."""
    clause = clause_of(ctx, s, q)
    after = ctx.norm.text[q.end : min(clause[1], q.end + 6)]
    return after.startswith(ctx.tools.words.of) and any(
        n in after for n in ctx.tools.rules.dates.periods.target_nouns
    )
