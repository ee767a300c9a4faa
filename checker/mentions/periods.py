"""Periods: when a value holds, resolved against the document's publication date.

Covers years, months, days, quarters and halves, spans (2018-2022年, inclusive), as-of
dates (截至2025年2月底, 截至去年底, 年末), month spans of a year (1-9月, 前11个月, 前三季度),
whole years (全年), since (自2018年…以来), relative words (今年, 去年, 前年, 年初, N年前,
近五年, 过去五届), bare days and month-days (the latest such day not after the document
date), seasons (春节, 两会), five-year plans (十四五), decades, editions (第二十五届),
targets (到2035年, 花3年时间) and recurring periods (每年). The words of each construct are
data (rules/dates.toml, [periods]); each construct carries its trigger words; longer
matches win. The constructs are `checker.mentions.period_grammar`'s; builders that need no
vocabulary live in `checker.mentions.period_forms`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property, partial

from checker.memo import remembered
from checker.mentions import period_forms as forms
from checker.mentions import period_grammar
from checker.mentions.numerals import SMALL, TENS
from checker.mentions.period_forms import Anchor, anchor_of, date_view, month_end, ymd
from checker.models import Period, moved

__all__ = ["Grammar", "extract_periods", "rebase"]


class Grammar(period_grammar.Grammar):
    """The period constructs, and the periods of the sentences read with them."""

    @cached_property
    def read(self) -> Callable[[str, str, str | None], list[Period]]:
        """The periods of a sentence (its text, the characters after it a period at its
        end may take, the document's date), with offsets into the sentence: remembered for
        sentences read before."""
        return remembered(partial(_read, grammar=self))

    @cached_property
    def reach_after(self) -> int:
        """How far after a sentence a period at its end may reach (起至今)."""
        return max(map(len, self.words.from_ends), default=0)


def extract_periods(
    text: str, start: int, end: int, grammar: Grammar, pub: str | None
) -> list[Period]:
    """Periods of the sentence `text[start:end]`, with offsets into `text`. They depend
    on nothing but the sentence, the few characters after it a period at its end may take
    (起, 至今) and the document's date, so a sentence read before is not read again."""
    original = text[start:end]
    if not grammar.gate.search(original):
        return []
    after = text[end : end + grammar.reach_after]
    found = grammar.read(original, after, pub)
    return [moved(p, start) for p in found]


def _read(original: str, after: str, pub: str | None, grammar: Grammar) -> list[Period]:
    """The periods of the sentence `original`, followed by `after` in its text."""
    text = original + after
    anchor = anchor_of(pub)
    sentence, lo_of, hi_of = date_view(original, anchor.year if anchor else None, grammar.spelling)
    cands = []
    for order in grammar.triggers.tried(sentence):
        pattern, build, _ = grammar.constructs[order]
        for m in pattern.finditer(sentence):
            if m.end() > m.start():
                p = build(m, anchor)
                if p is not None:
                    cands.append((p.start - p.end, order, p.start, p))
    taken = bytearray(len(sentence))
    kept = []
    for _, _, _, p in sorted(cands, key=lambda c: c[:3]):
        if any(taken[p.start : p.end]):
            continue
        taken[p.start : p.end] = b"\x01" * (p.end - p.start)
        s, e = lo_of[p.start], hi_of[p.end]
        update = {"start": s, "end": e, "text": original[s:e]}
        kept.append(p.model_copy(update=update))
    return _joined(text, sorted(kept, key=lambda p: p.start), grammar, anchor)


def _in_month_of(day: Period, first: Period) -> Period:
    """A bare day (7日) after a date is a day of that date's month."""
    bare = re.sub(rf"[\d{forms.CN_DIGITS}{''.join(TENS)}{''.join(SMALL)}{forms.DAY}]", "", day.text)
    if bare or first.hi is None or day.hi is None:
        return day  # 今天, 2020.01.12 or 4月2日: no bare day
    y, mo, d = first.hi // 10000, first.hi // 100 % 100, day.hi % 100
    if d > month_end(y, mo):
        return day
    v = ymd(y, mo, d)
    return day.model_copy(update={"lo": v, "hi": v, "label": forms.iso(v)})


def _joined(text: str, found: list[Period], grammar: Grammar, a: Anchor | None) -> list[Period]:
    """Two periods joined by 至/到/- (2014年11月到去年3月, 上周三到这周二) are one span from
    the first's first day to the second's last; a period followed by 起 or 至今 runs from
    its first day to the document's date (二〇一九年5月8日起)."""
    w = grammar.words
    out: list[Period] = []
    for p in found:
        prev = out[-1] if out else None
        between = grammar.time_of_day.sub("", text[prev.end : p.start]).strip() if prev else ""
        if prev is not None and prev.hi is not None and p.kind == "day" and p.hi is not None:
            p = _in_month_of(p, prev)  # 10月1日至7日: the 7th of October
        if (
            prev is not None
            and between.lstrip(w.syntax.from_word) in w.span_joints
            and prev.lo is not None
            and p.hi is not None
            and prev.lo < p.hi
            and prev.kind not in ("target", "as_of", "current")
        ):
            lo, hi = prev.lo, p.hi
            label = f"{forms.iso(lo)}/{forms.iso(hi)}"
            out[-1] = prev.model_copy(
                update={
                    "end": p.end,
                    "text": text[prev.start : p.end],
                    "kind": "span",
                    "label": label,
                    "hi": hi,
                    "event": prev.event and p.event,
                    "floating": False,
                }
            )
            continue
        out.append(p)
    if a is None or not w.from_ends:
        return out
    ends = tuple(sorted(w.from_ends, key=len, reverse=True))
    for i, p in enumerate(out):
        tail = next((e for e in ends if text.startswith(e, p.end)), None)
        if tail and p.lo is not None and p.kind not in ("target", "current") and p.lo <= ymd(*a):
            now = ymd(*a)
            out[i] = p.model_copy(
                update={
                    "end": p.end + len(tail),
                    "text": text[p.start : p.end + len(tail)],
                    "kind": "since",
                    "label": f"cumulative:{forms.iso(p.lo)}/{forms.iso(now)}",
                    "hi": now,
                    "event": False,
                }
            )
    return out


# ---- context -------------------------------------------------------------------------


def rebase(p: Period, year: int) -> Period:
    """A floating period (全年, 1-9月, 年末) moved into the year its context states."""
    if p.lo is None and p.hi is None:
        return p
    delta = year - (p.hi if p.hi is not None else p.lo or 0) // 10000
    if not delta:
        return p
    label = re.sub(r"\d{4}", lambda y: f"{int(y.group(0)) + delta:04d}", p.label or "")
    return p.model_copy(
        update={"label": label, "lo": _shift_ymd(p.lo, delta), "hi": _shift_ymd(p.hi, delta)}
    )


def _shift_ymd(value: int | None, years: int) -> int | None:
    if value is None:
        return None
    y, mo, d = value // 10000 + years, value // 100 % 100, value % 100
    return ymd(y, mo, min(d, month_end(y, mo)))
