"""rules/despin.toml is generated: regenerating it from the committed pairs table must give
the committed file, byte for byte (edit tools/despin-pairs.tsv, then regenerate)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

TOOL = ROOT / "tools" / "build_despin_rules.py"
PAIRS = ROOT / "tools" / "despin-pairs.tsv"
RULES = ROOT / "rules" / "despin.toml"


def _build(tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / "despin.toml"
    with out.open("wb") as fh:
        subprocess.run([sys.executable, str(TOOL), *args], stdout=fh, check=True, cwd=tmp_path)
    return out.read_bytes()


def test_build_despin_rules_regenerates_the_committed_file(tmp_path: Path) -> None:
    built = _build(tmp_path)  # the table beside the tool, from any working folder
    assert built == RULES.read_bytes(), (
        "rules/despin.toml differs from what tools/build_despin_rules.py makes of "
        "tools/despin-pairs.tsv: regenerate it with "
        "`python tools/build_despin_rules.py > rules/despin.toml`"
    )


def test_build_despin_rules_reads_the_table_it_is_given(tmp_path: Path) -> None:
    header, first, *_ = PAIRS.read_text(encoding="utf-8").splitlines(keepends=True)
    table = tmp_path / "pairs.tsv"
    table.write_text(header + first, encoding="utf-8")
    built = _build(tmp_path, str(table)).decode()
    assert built.count("[[pair]]") == 1
    assert f'spun = "{first.split(chr(9))[0]}"' in built
