"""Periods: when a claim's figure holds."""

from __future__ import annotations

import calendar
from typing import Literal

from checker.claims.changes import change_of
from checker.claims.context import Context, clause_of, paragraph_so_far
from checker.claims.doers import doers_of
from checker.mentions.periods import rebase
from checker.models import ClaimPeriod, Mentions, Period, Quantity, Ref, Sentence

TITLED_KINDS = ("percent", "fraction", "rank")  # shares and ranks of a reported period
REPORTED = ("year", "span", "month")  # the periods a title may report on (not as-of dates)
REPORTED_WITHIN = 10600  # YYYYMMDD difference: a year and six months after the period ends

CARRIED_KINDS = ("year", "span", "month", "as_of")  # a data period a paragraph states once


def period_of(
    ctx: Context, s: Sentence, m: Mentions, q: Quantity, metric: Ref, source: int | None = None
) -> ClaimPeriod:
    """The claim's period: its clause, its sentence, a linked earlier sentence, the
    paragraph's stated period, the document's reporting year, then the document date."""
    if q.kind == "date" and q.label:
        a, b = ctx.norm.offsets.span(q.start, q.end)
        lo, hi = q.value.lo, q.value.hi
        return ClaimPeriod(
            start=_ymd_iso(int(lo) if lo else None),
            end=_ymd_iso(int(hi) if hi else None),
            text=ctx.original[a:b],
            kind="date",
            label=q.label,
        )
    found = _change_period(ctx, s, m, q) or _sentence_period(ctx, s, m, q)
    found = found or _title_period(ctx, s, m, q)
    found = found or _paragraph_period(ctx, s) or _carried_period(ctx, s)
    found = found or _later_period(ctx, s, m, q) or _lead_period(ctx, s)
    if found is not None and found.floating:
        found = _in_context_year(ctx, s, m, found)
    elif found is not None and _is_base_year(ctx, q, found):
        year = _context_year(ctx, s, m, found)
        found = rebase(found, year - 1) if year is not None else found
    if found is not None:
        found = _respectively(ctx, s, m, q, found)
        found = _streak(ctx, s, q, _as_target(ctx, s, q, found))
        return _period_out(ctx, _since_reference(ctx, s, m, q, found))
    flow = _is_flow(ctx, metric)
    reported = _reported(ctx)
    if reported is not None and (flow or q.kind in TITLED_KINDS):
        return reported
    if not flow and ctx.pub:
        return ClaimPeriod(
            start=_iso_start(ctx.pub),
            end=_iso_end(ctx.pub),
            kind="implied",
            label=f"as_of:{ctx.pub}",
        )
    return ClaimPeriod()


def _usable(ctx: Context, s: Sentence, m: Mentions, q: Quantity | None = None) -> list[Period]:
    """The sentence's periods that can date a figure: not part of the figure itself, not a
    reference (比去年) nor a starting point (自…之后), not inside a title (《2024年报告》) nor inside what a count's doers
    did (26个省份已将数据要素写进2025年省政府工作报告)."""
    text = ctx.norm.text
    doers = doers_of(ctx, s, q) if q is not None else None
    deed = (q.end, q.end + len(doers.text)) if q is not None and doers is not None else (0, 0)
    change = change_of(ctx, s, q) if q is not None and q.kind != "date" else None
    other = (0, 0)  # 由2019年的50亿件增长到80亿件: 2019 dates the first figure only
    if change is not None and q is not None:
        at, figures = change
        other = (at, figures[0].end) if q is figures[1] else (figures[0].end, figures[1].end)
    words = ctx.tools.rules.dates.periods
    return [
        p
        for p in m.periods
        if p.label
        and not (
            text[max(0, p.start - 1) : p.start] in words.since_cues
            and text.startswith(tuple(words.after_words), p.end)
        )  # 自2019年第三季度之后: where a run began, not the figure's period
        and not (q is not None and p.start < q.end and q.start < p.end)
        and not (q is not None and _aside_after(text, m, q.end, p))
        and not (deed[0] <= p.start < deed[1])
        and not (other[0] <= p.start < other[1])
        and not text[max(0, p.start - 2) : p.start].endswith(ctx.tools.references)
        and text[s.start : p.start].count("《") <= text[s.start : p.start].count("》")
    ]


def _aside_after(text: str, m: Mentions, end: int, p: Period) -> bool:
    """`p` is inside brackets opened after `end` that hold a figure of their own
    (4.36万亿元（上半年2.09万亿元）: the half dates the figure in the aside, not the one
    before it; 486.3万个（年末） dates the figure)."""
    if p.start <= end:
        return False
    between = text[end : p.start]
    if between.count("（") + between.count("(") <= between.count("）") + between.count(")"):
        return False
    close = min(
        (i for i in (text.find("）", p.end), text.find(")", p.end)) if i >= 0), default=len(text)
    )
    return any(p.end <= x.start < close for x in m.quantities)


def _sentence_period(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> Period | None:
    text = ctx.norm.text
    of = ctx.tools.words.of
    owner = [p for p in m.periods if p.label and text[p.end : q.start] == of]
    if owner:
        return owner[0]  # 比2019年的40万台, 由上年的41.2%: that year's figure
    periods = _usable(ctx, s, m, q)
    clause = clause_of(ctx, s, q)
    moves = ctx.tools.rules.claims.from_to
    starts, to = tuple(moves.start), moves.to
    in_clause = [
        p
        for p in periods
        if clause[0] <= p.start < clause[1]
        and not (text.endswith(starts, 0, p.start) and any(w in text[p.end : q.start] for w in to))
    ]  # 从第一季的龙头滑落至第四: where it started, not when it came to the figure
    if in_clause:
        before_q = [p for p in in_clause if p.start < q.start]
        return before_q[-1] if before_q else in_clause[0]
    before = [
        p
        for p in periods
        if p.start < q.start
        and (not _time_of_year(p) or not text[s.start : p.start].strip())
        and not text.endswith(starts, 0, p.start)
    ]  # a time of year (年初) dates other clauses only when it heads the sentence; where a
    # change started (从第一季的第一滑落至第四，出货量…) dates none
    return before[-1] if before else None


def _streak(ctx: Context, s: Sentence, q: Quantity, p: Period) -> Period:
    """A streak's own period: 连续10年 in 2024 covers 2015/2024, 连续第六个季度 in 2024-Q4
    2023-Q3/2024-Q4; a streak that ended (结束了连续7个季度的下滑, 连续两年下滑之后) runs
    to the unit before the period. (The figures it qualifies keep their period: 连续8年稳定
    在1300亿斤以上 in 2024 is 2024's figure.)"""
    words = ctx.tools.rules.dates.periods
    size = words.streak_months.get(q.unit)
    if q.kind != "streak" or size is None or not q.value.lo or p.lo is None or p.hi is None:
        return p
    first, last = _month_index(p.lo), _month_index(p.hi)
    if last - first + 1 != size or first % size:
        return p  # the period is no one unit of the streak (2024 for 连续6个季度)
    text = ctx.norm.text
    lo, hi = clause_of(ctx, s, q)
    ended = any(w in text[lo : q.start] for w in words.streak_ended_before) or any(
        w in text[q.end : hi] for w in words.streak_ended_after
    )
    if ended:
        last = first - 1
    first = last - int(q.value.lo) * size + 1
    a, b = _unit_label(first, size), _unit_label(last - size + 1, size)
    return p.model_copy(
        update={
            "kind": "span",
            "label": a if a == b else f"{a}/{b}",
            "lo": _month_ymd(first),
            "hi": _month_ymd(last, end=True),
        }
    )


def _since_reference(ctx: Context, s: Sentence, m: Mentions, q: Quantity, p: Period) -> Period:
    """A change against a year before the last (比2020年增长68.7% told for 2024) covers the
    years from the reference year: 2020/2024; a year-on-year change (比2023年增长5%) keeps
    its year."""
    if p.kind not in ("year", "span", "as_of") or p.hi is None:
        return p
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
    refs = [
        r
        for r in m.periods
        if r.kind == "year"
        and r.lo is not None
        and clause[0] <= r.start < q.start
        and text[max(0, r.start - 2) : r.start].endswith(ctx.tools.references)
    ]
    if not refs or refs[-1].lo is None or p.hi // 10000 - refs[-1].lo // 10000 < 2:
        return p
    first = refs[-1].lo // 10000
    y, mo, d = p.hi // 10000, p.hi // 100 % 100, p.hi % 100
    end = str(y) if (mo, d) == (12, 31) else f"{y:04d}-{mo:02d}"
    if d != calendar.monthrange(y, mo)[1]:
        end = f"{end}-{d:02d}"
    return p.model_copy(
        update={"kind": "span", "label": f"{first}/{end}", "lo": first * 10000 + 101}
    )


def _respectively(ctx: Context, s: Sentence, m: Mentions, q: Quantity, p: Period) -> Period:
    """一至四季度分别增长7.2%、6.8%、5.3%和4.9%: a span right before 分别 and a list of as
    many figures as it has quarters, months or years gives each figure its unit, in order."""
    if p.lo is None or p.hi is None:
        return p
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
    cue = ctx.tools.rules.dates.periods.respectively
    rest = text[p.end : q.start]
    if not clause[0] <= p.start < q.start or not rest.lstrip(" ,，").startswith(tuple(cue)):
        return p
    listed = [o for o in m.quantities if p.end <= o.start and o.end <= clause[1]]
    if q not in listed or any(o.kind != q.kind for o in listed):
        return p
    first, last = _month_index(p.lo), _month_index(p.hi)
    size, left = divmod(last - first + 1, len(listed))
    if len(listed) < 2 or left or size not in (1, 3, 12) or first % size:
        return p
    unit = first + listed.index(q) * size
    kind: Literal["year", "month", "span"] = "year" if size == 12 else "span"
    if size == 1:
        kind = "month"
    return p.model_copy(
        update={
            "kind": kind,
            "label": _unit_label(unit, size),
            "lo": _month_ymd(unit),
            "hi": _month_ymd(unit + size - 1, end=True),
        }
    )


def _month_index(ymd: int) -> int:
    return ymd // 10000 * 12 + ymd // 100 % 100 - 1


def _month_ymd(index: int, end: bool = False) -> int:
    year, month = divmod(index, 12)
    day = calendar.monthrange(year, month + 1)[1] if end else 1
    return year * 10000 + (month + 1) * 100 + day


def _unit_label(index: int, size: int) -> str:
    """The label of the unit starting at a month index: 2024, 2024-Q3, 2024-07."""
    year, month = divmod(index, 12)
    if size == 12:
        return str(year)
    if size == 3:
        return f"{year}-Q{month // 3 + 1}"
    return f"{year}-{month + 1:02d}"


def _title_period(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> Period | None:
    """The year of the report a sentence cites before its figure (根据《…调查2024》，…)."""
    text = ctx.norm.text
    titled = [
        p
        for p in m.periods
        if p.kind == "year"
        and p.start < q.start
        and text[s.start : p.start].count("《") > text[s.start : p.start].count("》")
    ]
    return titled[-1] if titled else None


def _later_period(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> Period | None:
    """A period told after the figure, outside its clause (…，已超过2023年全年水平)."""
    later = [p for p in _usable(ctx, s, m, q) if p.start >= q.start]
    return later[0] if later else None


def _in_context_year(ctx: Context, s: Sentence, m: Mentions, p: Period) -> Period:
    """全年, 1-9月, 年末 written with no year take the year their context states: an
    earlier period of the sentence, the paragraph's, the document's reporting year."""
    year = _context_year(ctx, s, m, p)
    return rebase(p, year) if year is not None else p


def _is_base_year(ctx: Context, q: Quantity, p: Period) -> bool:
    """由上年的41.2%降至39.5%: 上年 owns the figure it qualifies, the base of a change."""
    text = ctx.norm.text
    words = ctx.tools.rules.dates.periods.previous_year
    return (
        p.kind == "year"
        and text[p.start : p.end] in words
        and text[p.end : q.start] == (ctx.tools.words.of)
    )


def _context_year(ctx: Context, s: Sentence, m: Mentions, p: Period) -> int | None:
    """The year the context of a period states: an earlier written period of the sentence,
    the paragraph's, the lead's, the document's reporting year."""
    written = [o for o in _data_periods(ctx, s, m) if not o.floating and o.start < p.start]
    context = (
        written[-1]
        if written
        else (_paragraph_period(ctx, s) or _carried_period(ctx, s) or _lead_period(ctx, s))
    )
    year = _year_of(context) if context is not None and not context.floating else None
    if year is None:
        reported = _reported(ctx)
        end = reported.end if reported is not None else None
        titled = int(end[:4]) if end and reported and reported.kind in ("year", "span") else None
        year = titled or _last_year_early(ctx, p)
    return year


def _reported(ctx: Context) -> ClaimPeriod | None:
    """The period a document reports on, from its title: the one data period the title
    states (回顾2023年农业, 一季度国内平板出货1520万台), when the document was written after
    it began and within a year and a half of its end."""
    found = {
        p.label: p
        for p in ctx.title_periods
        if p.lo and p.hi and p.kind in REPORTED and p.lo // 10000 == p.hi // 10000
    }  # one year or part of one: not a plan's five (十四五)
    if len(found) != 1:
        return None
    p = next(iter(found.values()))
    if ctx.pub and not _written_after(ctx.pub, p):
        return None
    return ClaimPeriod(
        start=_ymd_iso(p.lo), end=_ymd_iso(p.hi), text=p.text, kind=p.kind, label=canonical_label(p)
    )


def _written_after(pub: str, p: Period) -> bool:
    written = int((pub + "-01-01")[:10].replace("-", ""))  # YYYYMMDD of the publication
    end = p.hi or 0
    return (p.lo or 0) <= written and written - end <= REPORTED_WITHIN


def _last_year_early(ctx: Context, p: Period) -> int | None:
    """A whole year with no year of its own (全年) in a document written in the first
    months of the next year is that previous year (an annual bulletin of January)."""
    months = ctx.tools.rules.claims.early_months
    if not ctx.pub or len(ctx.pub) < 7 or p.kind != "year" or int(ctx.pub[5:7]) > months:
        return None
    return int(ctx.pub[:4]) - 1


def _as_target(ctx: Context, s: Sentence, q: Quantity, p: Period) -> Period:
    """A figure planned or forecast for its period is a target: named a target around it
    (增长目标定为5%, …5%左右的预期目标), or told after a forecast cue (预计, 将, 预期目标：)
    about a year not yet over, in its sentence or since the paragraph stated the year."""
    year = p.hi // 10000 if p.hi is not None else None
    if p.kind not in ("year", "span") or year is None:
        return p
    words = ctx.tools.rules.dates.periods
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
    after = text[q.end : min(clause[1], q.end + 8)]
    named = any(n in after[:6] or n in text[clause[0] : q.start] for n in words.target_nouns)
    current = ctx.pub is not None and year >= int(ctx.pub[:4])
    told = text[
        max(p.start, paragraph_so_far(ctx, s)[0].start) if p.start < s.start else s.start : q.start
    ]
    cued = current and not _is_event_day(p) and any(c in told for c in words.forecast_cues)
    if not named and not cued:
        return p
    return p.model_copy(
        update={"kind": "target", "label": f"target:{year}", "lo": year * 10000 + 101}
    )


def _paragraph_period(ctx: Context, s: Sentence) -> Period | None:
    """The period of an earlier sentence of the paragraph, when this one is linked to it
    (其中…, 同时…)."""
    if not s.text.startswith(tuple(ctx.tools.rules.claims.period_links)):
        return None
    for prev_s, prev_m in zip(
        reversed(ctx.sentences[: s.index]), reversed(ctx.mentions[: s.index]), strict=False
    ):
        if prev_s.paragraph != s.paragraph:
            return None
        labelled = _usable(ctx, prev_s, prev_m)  # not 比上年's reference year
        if labelled:
            return _stated(ctx, prev_s, prev_m) or labelled[-1]
    return None


def _data_periods(ctx: Context, s: Sentence, m: Mentions) -> list[Period]:
    """Periods a sentence states for its figures: not an event's day or time of year, not
    one that only dates the figure it qualifies (是10年前的两倍, 2019年的40万台), and not
    当年 after a period it refers back to (2024年第四季度…，是当年唯一…)."""
    text = ctx.norm.text
    found = [p for p in _usable(ctx, s, m) if p.kind in CARRIED_KINDS and not _is_event_day(p)]
    back = ctx.tools.rules.dates.periods.context_year  # 是当年唯一…: the year just stated
    found = [p for i, p in enumerate(found) if not (i and text[p.start : p.end] in back)]
    of = ctx.tools.words.of
    stated = [p for p in found if text[p.end : p.end + 1] != of]
    return stated or found


def _is_event_day(p: Period) -> bool:
    """A day, or a time in a year (年初), dates what happened then, not the next sentence."""
    return p.kind == "day" or _time_of_year(p)


def _time_of_year(p: Period) -> bool:
    """年初, 年底 of a year: when something happened, not a statistical period."""
    return p.kind == "span" and p.event and _year_of(p) is not None


def _carried_period(ctx: Context, s: Sentence) -> Period | None:
    """A period stated once for a paragraph (2024年,… then 全年…) dates the following
    sentences of the paragraph that state none; the nearest earlier statement wins, so a
    period never carries across another one."""
    for prev_s, prev_m in zip(
        reversed(ctx.sentences[: s.index]), reversed(ctx.mentions[: s.index]), strict=False
    ):
        if prev_s.paragraph != s.paragraph:
            return None
        found = _stated(ctx, prev_s, prev_m)
        if found:
            return found
    return None


def _stated(ctx: Context, s: Sentence, m: Mentions) -> Period | None:
    """The period a sentence states for what follows it: its last data period; for an
    enumeration of parts of one year (一季度…，四季度…), that year."""
    found = _data_periods(ctx, s, m)
    if not found:
        return None
    years = {_year_of(p) for p in found}
    parts = all(p.kind in ("span", "month") for p in found)
    if len({p.label for p in found}) < 2 or len(years) != 1 or None in years or not parts:
        return found[-1]
    year = found[-1].lo // 10000 if found[-1].lo else 0
    return found[-1].model_copy(
        update={
            "kind": "year",
            "label": str(year),
            "lo": year * 10000 + 101,
            "hi": year * 10000 + 1231,
        }
    )


def _lead_period(ctx: Context, s: Sentence) -> Period | None:
    """The period a document reports on, for the paragraphs after its lead: the one period
    the lead paragraph states (2025年第一季度), or a year the lead states when every data
    period it states lies in that year."""
    if s.paragraph == 0:
        return None
    stated: list[Period] = []
    for lead_s, lead_m in zip(ctx.sentences, ctx.mentions, strict=False):
        if lead_s.paragraph > 0:
            break
        stated += _data_periods(ctx, lead_s, lead_m)
    reported = [p for p in stated if p.kind in ("year", "span") and _year_of(p) is not None]
    if reported and len({p.label for p in stated}) == 1:
        return reported[0]  # the lead's one period: a quarter, a half, a year
    years = [p for p in stated if p.kind == "year"]
    if not years or len({_year_of(p) for p in stated}) != 1:
        return None
    return years[0]


def _year_of(p: Period) -> int | None:
    """The one calendar year a period lies in, or None when it spans several."""
    if p.lo is None or p.hi is None or p.lo // 10000 != p.hi // 10000:
        return None
    return p.lo // 10000


def _is_flow(ctx: Context, metric: Ref) -> bool:
    """Whether a metric is a flow over a period; an operator (营收·占比) is what its
    operator is."""
    _, by_id = ctx.tools.metrics
    if metric.id in by_id:
        return by_id[metric.id].flow
    if "·" in metric.name:
        op = metric.name.rsplit("·", 1)[1]
        found = next((m for m in by_id.values() if m.operator and m.name == op), None)
        return found.flow if found else True
    return True


def _period_out(ctx: Context, p: Period) -> ClaimPeriod:
    a, b = ctx.norm.offsets.span(p.start, p.end)
    return ClaimPeriod(
        start=_ymd_iso(p.lo),
        end=_ymd_iso(p.hi),
        text=ctx.original[a:b],
        kind=p.kind,
        label=canonical_label(p),
    )


MONTH_WORD = "月"  # a span written in months (1-3月, 一至三月)
# the months of a year that have a name of their own: quarters (halves keep their months:
# 上半年 and 1-6月 are written both ways)
NAMED_PARTS = {
    (101, 331): "Q1",
    (401, 630): "Q2",
    (701, 930): "Q3",
    (1001, 1231): "Q4",
}


def canonical_label(p: Period) -> str | None:
    """One label for one stretch of time: months written out that make a quarter of one
    year are that quarter (1-3月 is 2024-Q1), as the label of 一季度 is."""
    if p.kind != "span" or p.lo is None or p.hi is None or p.lo // 10000 != p.hi // 10000:
        return p.label
    if MONTH_WORD not in p.text:  # 年初 is no count of months
        return p.label
    part = NAMED_PARTS.get((p.lo % 10000, p.hi % 10000))
    return f"{p.lo // 10000}-{part}" if part else p.label


def _ymd_iso(value: int | None) -> str | None:
    if value is None:
        return None
    v = int(value)
    return f"{v // 10000:04d}-{v // 100 % 100:02d}-{v % 100:02d}"


def _iso_start(pub: str) -> str:
    parts = pub.split("-") + ["01", "01"]
    return (
        "-".join(parts[:3])
        if len(pub) > 7
        else f"{parts[0]}-{parts[1] if len(pub) > 4 else '01'}-01"
    )


def _iso_end(pub: str) -> str:
    parts = [int(p) for p in pub.split("-")]
    if len(parts) == 3:
        return pub
    month = parts[1] if len(parts) > 1 else 12
    return f"{parts[0]:04d}-{month:02d}-{calendar.monthrange(parts[0], month)[1]:02d}"


def _change_period(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> Period | None:
    """A figure of a change is dated by the period before it in the change (由2019年的42.3
    万辆提高到2023年的263万辆); a change that gives none is told for the years of the one
    before it in the sentence (…，全省新能源汽车产量由12.8万辆提高到104.6万辆)."""
    change = change_of(ctx, s, q)
    if change is None:
        return None
    at, figures = change
    role = figures.index(q)
    usable = _usable(ctx, s, m, q)
    while True:
        lo = at if role == 0 else figures[0].end
        own = [p for p in usable if lo <= p.start < figures[role].start]
        if own:
            return own[-1]
        earlier = [o for o in m.quantities if o.end <= at and o.kind == q.kind]
        change = change_of(ctx, s, earlier[-1]) if earlier else None
        if change is None:
            return None
        at, figures = change
