"""The record: a claim's fields worked out from its parts."""

from __future__ import annotations

import bisect
from typing import Any

from checker.claims.context import Context
from checker.claims.periods import period_of
from checker.claims.subjects import jurisdiction
from checker.models import Citation, EntityMention, Mentions, Quantity, Ref, Sentence, derive


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def draft_claim(
    ctx: Context,
    s: Sentence,
    m: Mentions,
    q: Quantity,
    subject: EntityMention | None,
    metric: Ref,
    citation: Citation,
    source: int | None,
) -> dict[str, Any]:
    a, b = ctx.norm.offsets.span(q.start, q.end)
    line = bisect.bisect_right(ctx.line_starts, a)
    line_start = ctx.line_starts[line - 1]
    column = _utf16(ctx.original[line_start:a]) + 1
    end_column = column + _utf16(ctx.original[a:b])
    period = period_of(ctx, s, m, q, metric, source)
    subj = None
    if subject is not None and subject.type == "organisation" and q.kind != "date":
        subject = jurisdiction(ctx, subject) or subject  # 工信部's figures are China's
    if subject is not None:
        sa, sb = ctx.norm.offsets.span(subject.start, subject.end)
        subj = Ref(id=subject.id or None, name=subject.name, text=ctx.original[sa:sb])
    confidence = (
        0.5
        + 0.2 * (subj is not None)
        + 0.2 * (metric.id is not None)
        + 0.1 * (period.kind not in ("unstated", "implied"))
    )
    value = derive(q.value, text=ctx.original[a:b])
    return {
        "doc": ctx.doc_id,
        "span": (a, b),
        "line": line,
        "column": column,
        "end_column": end_column,
        "quote": ctx.quotes[s.index],
        "subject": subj,
        "metric": metric,
        "kind": q.kind,
        "value": value,
        "unit": q.unit,
        "period": period,
        "citation": citation,
        "confidence": round(confidence, 2),
        "flags": list(q.flags),
    }
