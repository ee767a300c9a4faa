"""Altered reprints: copies of every document with one figure changed, and surface rewrites.

    python bench/mutations.py [--corpus ../shared/dev-corpus] [--per-doc 6] [--misses]

For every document of the seeds and of the development corpus (when it is beside the
checkout), two kinds of copy are checked against the original, the pair alone:
- *changed*: one exact figure (no qualifier, written in Arabic digits) has its last
  non-zero digit changed; a conflict naming the changed figure must be found. Up to
  `--per-doc` figures per document, spread over the document.
- *rewritten*: the whole document in the other script (Simplified ↔ Traditional) with
  numbers in equivalent forms (80万 → 八十万, 60% → 百分之六十, 1.7万亿 → 17000亿); no conflict
  may be found.
Prints a Markdown table for README.md.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import opencc

from checker.ingest.documents import parse_document
from checker.models import Claim, Extraction, Finding
from checker.pipeline import Toolkit, analyse, extract, find
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev-corpus"
DIGITS = "零一二三四五六七八九"
FIGURES = ("amount", "count", "percent")


def chinese(n: int) -> str:
    """An integer below 10^8 in Chinese numerals (12 → 十二, 305 → 三百零五)."""
    if n < 10_000:
        return _below_10k(n, top=True)
    high, low = divmod(n, 10_000)
    tail = "" if low == 0 else ("零" if low < 1000 else "") + _below_10k(low, top=False)
    return _below_10k(high, top=True) + "万" + tail


def _below_10k(n: int, top: bool) -> str:
    if n == 0:
        return "零"
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            out += (
                ("零" if zero and out else "")
                + ("" if (top and value == 10 and d == 1 and not out) else DIGITS[d])
                + name
            )
            zero = False
        elif out:
            zero = True
    return out


def rewrite_numbers(text: str) -> tuple[str, int]:
    """Numbers in equivalent forms (1.7万亿 → 17000亿, 80万 → 八十万, 60% → 百分之六十), and
    how many were rewritten."""
    text, a = re.subn(
        r"(?<![\d.])(\d+)\.(\d)万亿", lambda m: f"{int(m[1]) * 10 + int(m[2])}000亿", text
    )
    text, b = re.subn(
        r"(?<![\d.])([1-9]\d{0,3})(?![\d.])([万萬亿億])",
        lambda m: chinese(int(m[1])) + m[2],
        text,
    )
    text, c = re.subn(
        r"(?<![\d.])([1-9]\d?)(?![\d.])[%％]", lambda m: "百分之" + chinese(int(m[1])), text
    )
    return text, a + b + c


def change_figure(text: str, c: Claim) -> tuple[str, str] | None:
    """The text with the claim's last non-zero digit changed, and the new value text."""
    original = text[c.span[0] : c.span[1]]
    positions = [i for i, ch in enumerate(original) if ch in "123456789"]
    if not positions:
        return None
    i = positions[-1]
    d = int(original[i])
    new = original[:i] + str(d + 3 if d + 3 <= 9 else d - 3) + original[i + 1 :]
    return text[: c.span[0]] + new + text[c.span[1] :], new


def candidates(e: Extraction, text: str, per_doc: int) -> list[Claim]:
    """Exact figures written in Arabic digits, on spans of their own, spread over the text."""
    spans = [c.span for c in e.claims]
    ok = [
        c
        for c in e.claims
        if c.kind in FIGURES
        and c.value.lo is not None
        and c.value.lo == c.value.hi
        and re.fullmatch(r"[\d.,]+[万萬亿億]*[^\d]*", text[c.span[0] : c.span[1]])
        and spans.count(c.span) == 1
    ]
    if per_doc <= 0 or len(ok) <= per_doc:
        return ok[:per_doc] if per_doc > 0 else []
    step = len(ok) / per_doc
    return [ok[int(k * step)] for k in range(per_doc)]


def conflicts(tools: Toolkit, original: Extraction, name: str, text: str) -> list[Finding]:
    copy = extract(analyse(parse_document(text.encode(), name, name), tools), tools.rules)
    findings, _ = find([original, copy], tools.rules, select=["conflict"], tools=tools)
    return [f for f in findings if f.kind == "conflict"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEV)
    parser.add_argument("--per-doc", type=int, default=6)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    if args.corpus.is_dir():
        paths += sorted(args.corpus.glob("*/docs/*.txt"))
    tools = Toolkit(load_ruleset())
    to_trad, to_simple = opencc.OpenCC("s2tw"), opencc.OpenCC("tw2s")
    changed = found = aligned = rewritten = false = forms = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        a = analyse(parse_document(text.encode(), path.name, path.name), tools)
        original = extract(a, tools.rules)
        for c in candidates(original, text, args.per_doc):
            made = change_figure(text, c)
            if made is None:
                continue
            changed += 1
            hits = [f for f in conflicts(tools, original, "copy-" + path.name, made[0])]
            naming = [f for f in hits if c.id in f.claims]
            if naming:
                found += 1
                aligned += any(f.explanation.level == "aligned sentence" for f in naming)
            elif args.misses:
                print(f"- missed: {path.name}:{c.line} {c.value.text} → {made[1]}")
        script = to_simple if a.normalized.repair.script == "traditional" else to_trad
        other, n = rewrite_numbers(str(script.convert(text)))
        rewritten += 1
        forms += n
        hits = conflicts(tools, original, "rewrite-" + path.name, other)
        false += bool(hits)
        if hits and args.misses:
            print(f"- conflict on a rewrite: {path.name}: {[f.message for f in hits]}")
    print(f"{len(paths)} documents (seeds and development corpus); {forms} numbers rewritten\n")
    print("| copies | checked | with a conflict | share | by aligned sentence |")
    print("|---|---:|---:|---:|---:|")
    share = found / max(changed, 1)
    print(f"| one exact figure changed | {changed} | {found} | {share:.1%} | {aligned} |")
    print(
        f"| other script, numbers in equivalent forms | {rewritten} | {false} "
        f"| {false / max(rewritten, 1):.1%} | - |"
    )


if __name__ == "__main__":
    main()
