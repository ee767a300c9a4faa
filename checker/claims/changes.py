"""Changes told from one figure to another (由…到…): both figures measure one metric."""

from __future__ import annotations

from checker.claims.context import Context, clause_of
from checker.claims.phrases import PARENTHESIS, noun_phrase, phrase_start
from checker.models import EntityMention, Mentions, Quantity, Ref, Sentence
from checker.ruleset import Metric


def change_of(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, list[Quantity]] | None:
    """See `_find_change`; worked out once per quantity."""
    key = (q.start, q.end)
    if key not in ctx.changes:
        ctx.changes[key] = _find_change(ctx, s, q)
    return ctx.changes[key]


def _find_change(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, list[Quantity]] | None:
    """Where the opening word of a change told from one figure to another stands (由, 从),
    and its two figures, when `q` is one of them: the opening word is followed by the first
    figure (a period and 的 may stand between: 由2019年的42.3万辆), and a word of `to` ends
    the words between the two figures but a period and 的 (提高到2024年的263万辆)."""
    rules = ctx.tools.rules.claims.from_to
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
    head = text[clause[0] : q.start]
    opened = max((head.rfind(w) for w in rules.start), default=-1)
    if opened < 0:
        return None
    at = clause[0] + opened
    m = ctx.mentions[s.index]
    figures = [o for o in m.quantities if at < o.start < clause[1] and o.kind == q.kind][:2]
    if len(figures) < 2 or q not in figures:
        return None
    opener = next(w for w in rules.start if text.startswith(w, at))
    if _words_but_dates(ctx, m, at + len(opener), figures[0].start):
        return None  # 由于, 从事: no figure follows the word
    told = text[figures[0].end : figures[1].start]
    dated = [p for p in m.periods if figures[0].end <= p.start and p.end <= figures[1].start]
    if dated:
        told = told[: dated[0].start - figures[0].end]
    if not told.rstrip(ctx.tools.words.of).endswith(tuple(rules.to)):
        return None
    return at, figures


def _words_but_dates(ctx: Context, m: Mentions, start: int, end: int) -> str:
    """The words between `start` and `end` but periods and 的 (empty: nothing else)."""
    of = ctx.tools.words.of
    rest = list(ctx.norm.text[start:end])
    for p in m.periods:
        if start <= p.start and p.end <= end:
            rest[p.start - start : p.end - start] = [""] * (p.end - p.start)
    return "".join(rest).replace(of, "").strip()


def from_to(ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention]) -> Ref | None:
    """汽车产量由2019年的85万辆提高到2023年的120万辆: both figures of a change measure what
    is named before its opening word (由, 从)."""
    change = change_of(ctx, s, q)
    if change is None:
        return None
    at = change[0]
    start = phrase_start(ctx, s, clause_of(ctx, s, q), at, subjects, entities=True)
    phrase = noun_phrase(ctx, PARENTHESIS.sub("", ctx.norm.text[start:at]), scoped=True)
    if len(phrase) < 2:
        return None
    hits = ctx.tools.find_metrics(phrase, 0, len(phrase))
    last = hits[-1] if hits and hits[-1].end == len(phrase) else None
    if last is not None and last.metric.operator and last.start >= 2:
        return _operated(ctx, phrase, last.start, last.metric)  # 投资降幅从…扩大到…
    known = last.metric if last is not None and last.start == 0 else None
    if known is not None and known.operator:
        return None
    return Ref(id=known.id if known else None, name=known.name if known else phrase, text=phrase)


def _operated(ctx: Context, phrase: str, at: int, op: Metric) -> Ref:
    """房地产开发投资降幅: an operator ending a name is of the words before it, a known
    metric's id and name when they are one."""
    base = phrase[:at]
    hits = ctx.tools.find_metrics(base, 0, len(base))
    known = hits[-1].metric if hits and hits[-1].start == 0 and hits[-1].end == len(base) else None
    if known is None or known.operator:
        return Ref(id=None, name=f"{base}·{op.name}", text=phrase)
    return Ref(id=f"{known.id}·{op.id}", name=f"{known.name}·{op.name}", text=phrase)
