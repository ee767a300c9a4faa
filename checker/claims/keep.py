"""Which mentions are claims: the filter that drops datelines, rhetoric, names and labels."""

from __future__ import annotations

import re

from checker.claims.context import Context, clause_of
from checker.models import Mentions, Quantity, Sentence


def is_claim(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> bool:
    rules = ctx.tools.rules.claims
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
    before = text[clause[0] : q.start]
    if q.kind == "magnitude":
        return False
    dateline = ctx.tools.dateline.match(text, s.start) if ctx.tools.dateline else None
    if dateline and q.start < dateline.end():
        return False  # 本报广州2月9日电: when the report was filed, not a claim
    if s.text.rstrip("”’\"' ").endswith(("?", "？")) and any(
        w in s.text for w in rules.question_cues
    ):
        return False  # a real question; 如何/为何 questions presuppose their figures
    if any(p.fullmatch(q.value.text) for p in ctx.tools.rhetoric):
        return False  # 千亿元计, 百年未有: rhetoric, not figures
    if (
        text[q.start - 1 : q.start] in rules.vague_before
        and q.value.text[:1] in "一二两三四五六七八九十百千万亿"
    ):
        return False  # 几十年, 数万亿
    if q.kind in ("other", "rank") and before.endswith(tuple(rules.hypothetical + rules.negation)):
        return False
    if q.kind in ("other", "streak") and before.endswith(tuple(rules.gap_words)):
        return False  # 时隔十年重返: how long it took, not a figure
    if q.kind == "rank" and _in_short_quote(text, q):
        return False  # “中国第一大省”, “新春第一会”: a name, not a ranking
    if "superlative" in q.flags and not [e for e in m.entities if clause[0] <= e.start < q.start]:
        return False
    if q.kind == "date" and _dates_another(ctx, m, q, _dated_reach(ctx, s, q, clause)):
        return False
    if q.kind == "date" and _in_title(text, s, q):
        return False
    # 三座城市 after 南京、杭州、合肥 labels a list, unless it counts a tracked metric
    return not (_labels_a_list(ctx, s, q) and not _counts_a_metric(ctx, q))


def _dates_another(ctx: Context, m: Mentions, q: Quantity, clause: tuple[int, int]) -> bool:
    """2024年广东研发投入超过5100亿元: the year is that figure's period, not a claim. A
    date standing as a clause of its own dates an event (2017年,之江实验室成立), unless the
    next clause gives figures (2024年,新能源汽车产销分别为…万辆): then it is their period."""
    reach = clause[1]
    text = ctx.norm.text
    yearly = re.fullmatch(r"\d{4}", q.label or "") is not None  # a year, not a day's event
    physical = ctx.tools.rules.units.physical
    if text[clause[0] : q.start].strip() == "" and text[q.end : clause[1]].strip() == "":
        after = ctx.tools.clause_re.search(text, clause[1] + 1)
        reach = after.start() if after else len(text)
    return any(
        o is not q
        and q.end <= o.start < reach
        and (
            o.kind in ("amount", "percent", "fraction", "ratio", "streak")
            or o.kind == "rank"
            or (o.kind == "count" and (o.qualifier or re.search(r"\d", o.value.text)))
            or (yearly and o.unit in physical and re.search(r"\d", o.value.text))  # 1.41亿吨
        )
        and "list-count" not in o.flags
        for o in m.quantities
    )


def _dated_reach(
    ctx: Context, s: Sentence, q: Quantity, clause: tuple[int, int]
) -> tuple[int, int]:
    """How far a date dates the figures after it: a month or a span heading its sentence
    as a clause of its own (9月，…; 1-9月，…) the whole sentence, being the period of its
    figures; any other date (3月4日，…; 2015年，杭州推出…) its own clause."""
    text = ctx.norm.text
    month = re.fullmatch(r"\d{4}-\d{2}(?:/\d{4}-\d{2})?", q.label or "")
    heads = not text[s.start : q.start].strip() and text[q.end : q.end + 1] in ",，"
    return (clause[0], s.end) if month and heads else clause


def _in_title(text: str, s: Sentence, q: Quantity) -> bool:
    head = text[s.start : q.start]
    return head.count("《") > head.count("》")


def _in_short_quote(text: str, q: Quantity) -> bool:
    left = text.rfind("“", max(0, q.start - 10), q.start)
    if left < 0 or "”" in text[left : q.start]:
        return False
    right = text.find("”", q.end, q.end + 10)
    return right >= 0


def _counts_a_metric(ctx: Context, q: Quantity) -> bool:
    """五大未来产业集群 counts a tracked metric: a claim even when the items are listed."""
    hits = ctx.tools.find_metrics(ctx.norm.text, q.end, min(len(ctx.norm.text), q.end + 12))
    return bool(hits) and hits[0].start - q.end <= 1


def _labels_a_list(ctx: Context, s: Sentence, q: Quantity) -> bool:
    """三座城市 after 南京、杭州、合肥: a count word naming a list enumerated beside it."""
    if q.kind != "count" or q.qualifier or not ctx.tools.list_label.match(q.value.text):
        return False
    n = int(q.value.lo or 0)
    for part in re.split(r"[，,。;；:：!?！？]", s.text):
        items = [i for i in ctx.tools.list_items.split(part) if i.strip()]
        if len(items) == n and n >= 2 and "、" in part:
            return True
    return False
