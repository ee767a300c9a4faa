"""Inline SVG pictures for the HTML report: no script, no library, no network.

`cluster_chart` draws one finding's values over time, one mark per claim (its source):
a point for an exact value, a bar for a range (约4600亿), a bar open upward with an arrow
for a lower bound (突破80万); the finding's first two value groups, the pair that
disagrees, in two strong colours. `overview_chart` counts findings by kind per document.
Each picture has a `<title>` and a `<desc>` that say in words what it shows.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import date

from checker.models import Claim

W, H = 520, 210  # the cluster chart's box
LEFT, RIGHT, TOP, BOTTOM = 86, 16, 22, 40  # its margins
PAIR = ("#c62828", "#1565c0")  # the first two value groups: the disagreeing pair
OTHER = "#8d8d8d"
_CLASS = ("pair1", "pair2", "other")
KIND_COLORS = {
    "conflict": "#c62828",
    "internal_conflict": "#ad1457",
    "revision": "#6a1b9a",
    "period_drift": "#1e88e5",
    "corroboration": "#2e7d32",
    "source_quality": "#6d4c41",
    "uncited": "#ef8f00",
    "vague_citation": "#fbc02d",
}


@dataclass(frozen=True)
class Mark:
    """One claim on the chart: its time range (day ordinals) and its value interval."""

    group: int
    t0: int
    t1: int
    lo: float | None
    hi: float | None
    label: str  # what its tooltip says


def day(text: str | None) -> int | None:
    """2025-07-31 → its ordinal; 2025-07 → the 15th; 2025 → 1 July."""
    if not text:
        return None
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 7
        mday = int(parts[2]) if len(parts) > 2 else (15 if len(parts) > 1 else 1)
        return date(year, month, mday).toordinal()
    except (ValueError, IndexError):
        return None


def _bounds(c: Claim) -> tuple[float, float]:
    lo = c.value.lo if c.value.lo is not None else c.value.hi
    hi = c.value.hi if c.value.hi is not None else c.value.lo
    return float(lo or 0.0), float(hi or 0.0)


def _gap(a: Claim, b: Claim) -> float:
    """Relative distance between two written values, as the explanation's gap counts it."""
    (la, ha), (lb, hb) = _bounds(a), _bounds(b)
    low, high = (ha, lb) if ha < lb else (hb, la)
    return abs(high - low) / max(abs(low), abs(high), 1e-9)


def pick_pair(groups: list[list[Claim]], gap: float | None) -> tuple[int, int]:
    """The two value groups the finding is about: from different documents, with the gap
    its explanation gives (the first two groups when nothing fits better)."""
    best: tuple[float, int, int] | None = None
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            gaps = [_gap(a, b) for a in groups[i] for b in groups[j] if a.doc != b.doc]
            if not gaps:
                continue
            score = abs(min(gaps) - gap) if gap is not None else float(i + j)
            if best is None or score < best[0]:
                best = (score, i, j)
    return (best[1], best[2]) if best else (0, 1)


def marks_of(
    groups: list[list[Claim]], doc_dates: dict[str, str | None], pair: tuple[int, int] = (0, 1)
) -> list[Mark]:
    """One mark per claim; `group` is 0 or 1 for the highlighted pair, 2 for the rest."""
    marks = []
    for n, group in enumerate(groups):
        g = pair.index(n) if n in pair else 2
        for c in group:
            t0 = day(c.period.start) or day(c.period.end) or day(doc_dates.get(c.doc))
            t1 = day(c.period.end) or t0
            if t0 is None or t1 is None:
                continue
            label = f"{c.value.text} · {c.doc} · {c.period.label or doc_dates.get(c.doc) or ''}"
            marks.append(Mark(g, t0, t1, c.value.lo, c.value.hi, label))
    return marks


def nice_ticks(lo: float, hi: float, most: int = 5) -> list[float]:
    """Round values (1, 2 or 5 times a power of ten apart) between `lo` and `hi`."""
    raw = (hi - lo) / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(k * power for k in (1, 2, 5, 10) if k * power >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step) + 1)]


def short_number(v: float, unit: str) -> str:
    for scale, name in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(v) >= scale:
            return f"{v / scale:.4g}{name}{unit}"
    return f"{v:.4g}{unit}"


def cluster_chart(
    ident: str,
    title: str,
    desc: str,
    groups: list[list[Claim]],
    doc_dates: dict[str, str | None],
    pair: tuple[int, int] = (0, 1),
) -> str:
    """The SVG for one finding, or "" when its claims have no time or value to draw."""
    marks = marks_of(groups, doc_dates, pair)
    values = [v for m in marks for v in (m.lo, m.hi) if v is not None]
    if not marks or not values:
        return ""
    unit = groups[0][0].unit if groups and groups[0] else ""
    vlo, vhi = min(values), max(values)
    pad = (vhi - vlo) * 0.15 or abs(vhi) * 0.1 or 1.0
    vlo, vhi = vlo - pad, vhi + pad
    first, last = min(m.t0 for m in marks), max(m.t1 for m in marks)
    span = max(last - first, 1)
    tlo, thi = first - span * 0.1, last + span * 0.1

    def x(t: float) -> float:
        return LEFT + (t - tlo) / (thi - tlo) * (W - LEFT - RIGHT)

    def y(v: float) -> float:
        return TOP + (vhi - v) / (vhi - vlo) * (H - TOP - BOTTOM)

    body = [_axes(vlo, vhi, tlo, thi, unit, x, y)]
    spread = _spread(marks)
    for m, dx in zip(marks, spread, strict=False):
        body.append(_mark(m, dx, x, y))
    return (
        f'<svg class="chart" role="img" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
        f'aria-labelledby="t-{ident} d-{ident}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="t-{ident}">{html.escape(title)}</title>'
        f'<desc id="d-{ident}">{html.escape(desc)}</desc>{"".join(body)}</svg>'
    )


def _spread(marks: list[Mark]) -> list[float]:
    """Marks at one time step aside from each other so each source stays visible."""
    seen: dict[int, int] = {}
    out = []
    for m in marks:
        n = seen.get(m.t1, 0)
        seen[m.t1] = n + 1
        out.append(n * 12.0)
    return out


def _axes(vlo: float, vhi: float, tlo: float, thi: float, unit: str, x, y) -> str:  # type: ignore[no-untyped-def]
    x0, x1, y0, y1 = LEFT, W - RIGHT, H - BOTTOM, TOP
    ticks = nice_ticks(vlo, vhi)
    parts = [
        f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y0}" stroke="#999"/>',
        f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#999"/>',
    ]
    for v in ticks:
        parts.append(
            f'<text x="{x0 - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="#555">{html.escape(short_number(v, unit))}</text>'
        )
    for t in (tlo + (thi - tlo) * 0.1, thi - (thi - tlo) * 0.1):
        label = date.fromordinal(int(t)).strftime("%Y-%m")
        parts.append(
            f'<text x="{x(t):.1f}" y="{y0 + 16}" text-anchor="middle" font-size="10" '
            f'fill="#555">{label}</text>'
        )
    return "".join(parts)


def _mark(m: Mark, dx: float, x, y) -> str:  # type: ignore[no-untyped-def]
    color = PAIR[m.group] if m.group < len(PAIR) else OTHER
    cx = x((m.t0 + m.t1) / 2) + dx
    tip = f"<title>{html.escape(m.label)}</title>"
    period = (
        f'<line x1="{x(m.t0) + dx:.1f}" x2="{x(m.t1) + dx:.1f}" y1="{{y}}" y2="{{y}}" '
        f'stroke="{color}" stroke-width="2" opacity=".5"/>'
        if m.t1 > m.t0
        else ""
    )
    top, bottom = TOP, H - BOTTOM
    if m.lo is not None and m.hi is not None and m.hi - m.lo <= 0:
        cy = y(m.lo)
        shape = f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="{color}"/>'
        return f'<g class="mark {_CLASS[m.group]}">{tip}{period.format(y=f"{cy:.1f}")}{shape}</g>'
    hi_y = y(m.hi) if m.hi is not None else top
    lo_y = y(m.lo) if m.lo is not None else bottom
    shape = (
        f'<rect x="{cx - 5:.1f}" y="{hi_y:.1f}" width="10" height="{max(lo_y - hi_y, 2):.1f}" '
        f'fill="{color}" opacity=".75"/>'
    )
    if m.hi is None:  # open upward: an arrow at the top
        shape += f'<path d="M{cx - 8:.1f} {top + 8} L{cx:.1f} {top - 4} L{cx + 8:.1f} {top + 8}Z" fill="{color}"/>'
    if m.lo is None:
        shape += f'<path d="M{cx - 8:.1f} {bottom - 8} L{cx:.1f} {bottom + 4} L{cx + 8:.1f} {bottom - 8}Z" fill="{color}"/>'
    mid = f"{(hi_y + lo_y) / 2:.1f}"
    return f'<g class="mark {_CLASS[m.group]}">{tip}{period.format(y=mid)}{shape}</g>'


def overview_chart(
    title: str, desc: str, rows: list[tuple[str, dict[str, int]]], names: dict[str, str]
) -> str:
    """Stacked bars: for each document, its findings by kind."""
    if not rows:
        return ""
    most = max(sum(counts.values()) for _, counts in rows) or 1
    bar_h, label_w, width = 22, 230, 760
    kinds = [k for k in KIND_COLORS if any(c.get(k) for _, c in rows)]
    kinds += sorted({k for _, c in rows for k in c if k not in KIND_COLORS and c[k]})
    parts = []
    for i, (doc, counts) in enumerate(rows):
        yy = i * bar_h + 4
        parts.append(
            f'<text x="{label_w - 6}" y="{yy + 15}" text-anchor="end" font-size="11" '
            f'fill="#333">{html.escape(doc)}</text>'
        )
        xx = float(label_w)
        for k in kinds:
            n = counts.get(k, 0)
            if not n:
                continue
            w = n / most * (width - label_w - 40)
            parts.append(
                f'<rect class="bar" x="{xx:.1f}" y="{yy}" width="{w:.1f}" height="{bar_h - 6}" '
                f'fill="{KIND_COLORS.get(k, OTHER)}"><title>{html.escape(f"{doc}: {names.get(k, k)} {n}")}'
                "</title></rect>"
            )
            xx += w
        parts.append(
            f'<text x="{xx + 4:.1f}" y="{yy + 15}" font-size="11" fill="#555">'
            f"{sum(counts.values())}</text>"
        )
    lx, ly = float(label_w), bar_h * len(rows) + 24
    for k in kinds:
        name = names.get(k, k)
        wide = 24 + sum(12 if ord(ch) > 0x2E80 else 7 for ch in name)
        if lx + wide > width and lx > label_w:
            lx, ly = float(label_w), ly + 16
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly - 9}" width="10" height="10" '
            f'fill="{KIND_COLORS.get(k, OTHER)}"/><text x="{lx + 14:.1f}" y="{ly}" '
            f'font-size="11" fill="#333">{html.escape(name)}</text>'
        )
        lx += wide
    height = ly + 8
    return (
        f'<svg class="overview" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-labelledby="t-overview d-overview" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="t-overview">{html.escape(title)}</title>'
        f'<desc id="d-overview">{html.escape(desc)}</desc>{"".join(parts)}</svg>'
    )
