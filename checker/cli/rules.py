"""`crosscheck validate-rules`: every rules file loaded and checked."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.options import _rules, rules_option
from checker.gate import EXIT_OK


@click.command("validate-rules")
@rules_option
def validate_rules(rules_dir: Path | None) -> int:
    """Load and validate every rules file; report every problem at once."""
    rules = _rules(rules_dir)
    click.echo(f"rules OK: {rules.source} ({len(rules.despin.pair)} despin pairs)")
    return EXIT_OK
