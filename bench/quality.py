"""Claim quality on the seeds and on the development corpus, one table.

    python bench/quality.py [--dev ../shared/dev-corpus]

Scores the extracted claims of the seeds (tests/gold) and of each development-corpus
cluster (its docs/ against its claims.jsonl), then of all clusters together: claim recall,
precision, value+unit, subject, period and citation, as `crosscheck eval` counts them.
Prints a Markdown table for README.md, then the findings of one check over all clusters
scored against their gold relations (bench/relations.py's table). The development corpus
stays outside the project; without it only the seeds are scored.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from checker.claims.evaluate import Scores, evaluate
from checker.ingest.documents import discover, read_documents
from checker.models import Analysis
from checker.pipeline import Toolkit, analyse
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
MEASURES = ["recall", "precision", "value_unit", "subject", "period", "citation"]


def _gold(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _analyses(folder: Path, tools: Toolkit) -> list[Analysis]:
    return [analyse(doc, tools) for doc in read_documents(discover([folder]))]


def _row(name: str, s: Scores) -> str:
    cells = [f"{getattr(s, m):.3f}" for m in MEASURES]
    return f"| {name} | {s.gold} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev-corpus")
    args = parser.parse_args()
    tools = Toolkit(load_ruleset())
    rows = [
        _row(
            "seeds",
            evaluate(
                _gold(ROOT / "tests/gold/seed-claims.jsonl"),
                _analyses(ROOT / "seeds", tools),
                tools.rules.units,
            ),
        )
    ]
    gold_all: list[dict[str, object]] = []
    analyses_all: list[Analysis] = []
    clusters = sorted(p for p in args.dev.glob("*") if (p / "claims.jsonl").is_file())
    for cluster in clusters:
        gold = _gold(cluster / "claims.jsonl")
        analyses = _analyses(cluster / "docs", tools)
        rows.append(_row(cluster.name, evaluate(gold, analyses, tools.rules.units)))
        gold_all += gold
        analyses_all += analyses
    if clusters:
        scores = evaluate(gold_all, analyses_all, tools.rules.units)
        rows.append(_row("**dev, all clusters**", scores))
    print("| set | gold claims | " + " | ".join(MEASURES).replace("_", "+") + " |")
    print("|---|---:|" + "---:|" * len(MEASURES))
    print("\n".join(rows))
    if clusters:  # findings against the gold relations, all clusters checked together
        from relations import report, score

        print()
        print(report(score(args.dev)))


if __name__ == "__main__":
    main()
