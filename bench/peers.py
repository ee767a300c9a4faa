"""The mention stage against the test cases of two libraries that specialise in numbers
and dates: cn2an (Chinese numerals, MIT licence) and JioNLP (money and time, Apache-2.0).

    python bench/peers.py [--cases ../shared/peer-cases/cases.jsonl] [--show FAMILY]

Every in-scope case of the peer-case file is read as a one-sentence document through the
repair and mention stages with the case's publication date, and compared as the file's
README says: a numeral by its value (a malformed one must give none), an amount by its
value or bounds and its currency, a period by its first and last day, a duration by its
length. Prints one row per family (correct, wrong, not found, crashes) for README.md;
`--show` lists the cases of the families whose name holds the word that were not correct.
"""

from __future__ import annotations

import argparse
import json
import math
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.ingest.documents import parse_document
from checker.mentions.collect import sentence_mentions
from checker.mentions.numerals import read_number
from checker.models import Mentions, Period, Quantity, Sentence
from checker.pipeline import Toolkit
from checker.repair.normalize import normalize
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT.parent / "shared" / "peer-cases" / "cases.jsonl"
OUTCOMES = ("correct", "wrong", "not found", "crash")
Case = dict[str, Any]
Verdict = tuple[str, str]  # outcome, what was read

# durations: the length in a common unit within years-months and within days-hours
MONTHS = {"year": 12.0, "month": 1.0}
HOURS = {"week": 168.0, "day": 24.0, "hour": 1.0, "minute": 1 / 60, "second": 1 / 3600}
UNIT_MONTHS = {"年": 12.0, "季度": 3.0, "个月": 1.0}
UNIT_HOURS = {"周": 168.0, "天": 24.0, "小时": 1.0, "分钟": 1 / 60, "秒": 1 / 3600}


def mentions(case: Case, tools: Toolkit) -> Mentions:
    """The mentions of the case's text read as one sentence of a document."""
    doc = parse_document(case["input"].encode(), "case", "case", tools.reader)
    norm = normalize(doc, tools.repairer)
    text = norm.text.rstrip("\n")
    s = Sentence(
        index=0, start=0, end=len(text), span=(0, len(text)), line=1, paragraph=0, text=text
    )
    return sentence_mentions(norm.text, s, case.get("pub"), tools.mentions)


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def shown(q: Quantity) -> str:
    v = q.value
    return f"{q.value.text}→[{v.lo},{v.hi}]{q.unit}"


def days(p: Period) -> tuple[str | None, str | None]:
    def iso(x: int | None) -> str | None:
        return None if x is None else f"{x // 10000:04d}-{x // 100 % 100:02d}-{x % 100:02d}"

    lo = p.lo if p.lo is not None or p.kind not in ("as_of", "current") else p.hi
    return iso(lo), iso(p.hi)


def judge_number(case: Case, tools: Toolkit) -> Verdict:
    n = read_number(case["input"])
    want = case["expected"]
    if want.get("reject"):
        return ("correct", "refused") if n is None else ("wrong", str(n.value))
    if n is None:
        return "not found", "-"
    return ("correct" if same(n.value, float(want["read_number"])) else "wrong"), str(n.value)


def amount_fits(q: Quantity, want: dict[str, Any]) -> bool:
    v = q.value
    if "value" in want:
        return same(v.lo, want["value"]) and same(v.hi, want["value"])
    if "contains" in want:
        x = want["contains"]
        return v.lo is not None and v.hi is not None and v.lo <= x <= v.hi and v.lo < v.hi
    lo, hi = want["lo"], want["hi"]
    if lo == "below":
        return same(v.hi, hi) and (v.lo is None or v.lo < hi)
    if hi == "above":
        return same(v.lo, lo) and v.hi is None
    return same(v.lo, lo) and same(v.hi, hi)


def judge_amount(case: Case, tools: Toolkit) -> Verdict:
    want = case["expected"]
    found = [q for q in mentions(case, tools).quantities if q.kind != "date"]
    if not found:
        return "not found", "-"
    said = "; ".join(shown(q) for q in found)
    ok = any(q.unit == want["unit"] and amount_fits(q, want) for q in found)
    return ("correct" if ok else "wrong"), said


def _period(m: Mentions) -> Period | None:
    resolved = [p for p in m.periods if p.kind != "unresolved"]
    return max(resolved, key=lambda p: (p.end - p.start, -p.start), default=None)


def judge_period(case: Case, tools: Toolkit) -> Verdict:
    p = _period(mentions(case, tools))
    if p is None:
        return "not found", "-"
    got = days(p)
    want = tuple(case["expected"]["period"])
    return ("correct" if got == want else "wrong"), f"{p.text}→{got[0]}/{got[1]} {p.kind}"


def _length(part: dict[str, Any], unit: str) -> float | None:
    """An expected length (years, months, days …) in `unit`, if they convert."""
    if part.get("zero"):
        return 0.0
    if part.get("infinite"):
        return math.inf
    for table, units in ((MONTHS, UNIT_MONTHS), (HOURS, UNIT_HOURS)):
        if unit in units and all(k in table for k in part):
            return float(sum(table[k] * x for k, x in part.items())) / units[unit]
    if unit == "工作日" and set(part) == {"workday"}:
        return float(part["workday"])
    return None


def judge_duration(case: Case, tools: Toolkit) -> Verdict:
    want = case["expected"]["duration"]
    found = [q for q in mentions(case, tools).quantities if q.kind != "date"]
    if not found:
        return "not found", "-"
    q = max(found, key=lambda q: q.end - q.start)
    said = shown(q)
    v = q.value
    if isinstance(want, list):
        lo, hi = (_length(w, q.unit) for w in want)
        if lo is None or hi is None:
            return "wrong", said
        ok = same(v.lo or 0.0, lo) and (same(v.hi, hi) if hi != math.inf else v.hi is None)
    else:
        x = _length(want, q.unit)
        ok = x is not None and same(v.lo, x)
        if case["expected"]["definition"] == "accurate":
            ok = ok and same(v.hi, x)
    return ("correct" if ok else "wrong"), said


def _item_found(item: dict[str, Any], m: Mentions) -> bool:
    if "period" in item:
        return any(days(p) == tuple(item["period"]) for p in m.periods)
    values = [item["value"], *item.get("alt", [])]
    for q in m.quantities:
        if q.kind == "date" or ("unit" in item and q.unit != item["unit"]):
            continue
        lo = abs(q.value.lo) if item.get("abs") and q.value.lo is not None else q.value.lo
        if any(same(lo, x) and same(q.value.hi if not item.get("abs") else lo, x) for x in values):
            return True
    return False


def judge_items(case: Case, tools: Toolkit) -> Verdict:
    items = case["expected"]["items"]
    m = mentions(case, tools)
    said = "; ".join([shown(q) for q in m.quantities] + [f"{p.text}→{p.label}" for p in m.periods])
    if not items:
        return ("correct" if not m.quantities else "wrong"), said or "nothing"
    if not m.quantities and not m.periods:
        return "not found", "-"
    return ("correct" if all(_item_found(i, m) for i in items) else "wrong"), said


def judge(case: Case) -> Callable[[Case, Toolkit], Verdict]:
    want = case["expected"]
    if "read_number" in want or "reject" in want:
        return judge_number
    if "items" in want:
        return judge_items
    if "period" in want:
        return judge_period
    if "duration" in want:
        return judge_duration
    return judge_amount


def run(cases: list[Case], tools: Toolkit) -> list[tuple[Case, str, str]]:
    out = []
    for case in cases:
        try:
            outcome, said = judge(case)(case, tools)
        except Exception:  # noqa: BLE001 (a crash is an outcome to count, not a stop)
            outcome, said = "crash", traceback.format_exc(limit=2).splitlines()[-1]
        out.append((case, outcome, said))
    return out


def table(results: list[tuple[Case, str, str]]) -> list[str]:
    families = sorted({c["family"] for c, _, _ in results})
    rows = ["| family | cases | correct | wrong | not found | crashes | correct % |"]
    rows.append("|---|---:|---:|---:|---:|---:|---:|")

    def row(name: str, outcomes: Counter[str], n: int) -> str:
        cells = " | ".join(str(outcomes[o]) for o in OUTCOMES)
        return f"| {name} | {n} | {cells} | {100 * outcomes['correct'] / n:.1f} |"

    for family in families:
        got = Counter(o for c, o, _ in results if c["family"] == family)
        rows.append(row(family, got, sum(got.values())))
    total = Counter(o for _, o, _ in results)
    rows.append(row("**all in scope**", total, len(results)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--show", default=None, help="list the misses of families holding this")
    args = parser.parse_args()
    lines = args.cases.read_text(encoding="utf-8").splitlines()
    cases = [c for c in (json.loads(line) for line in lines if line) if c["in_scope"]]
    results = run(cases, Toolkit(load_ruleset()))
    print("\n".join(table(results)))
    if args.show is not None:
        for case, outcome, said in results:
            if outcome != "correct" and args.show in case["family"]:
                want = json.dumps(case["expected"], ensure_ascii=False)
                print(f"{case['id']}\t{outcome}\t{case['pub']}\t{case['input']}\t{want}\t{said}")


if __name__ == "__main__":
    main()
