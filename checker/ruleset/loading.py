"""Loading: every rules file read and validated, cross-file checks, one `Ruleset`."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from checker.errors import RuleFileError
from checker.ruleset.base import Rule
from checker.ruleset.checks import CheckRule, ChecksFile
from checker.ruleset.citations import CitationsFile
from checker.ruleset.claims import ClaimsFile
from checker.ruleset.dates import DatesFile
from checker.ruleset.entities import EntitiesFile, Entity
from checker.ruleset.locate import describe, line_of, show
from checker.ruleset.messages import LANGUAGES, MessagesFile, message_problems
from checker.ruleset.metrics import MetricsFile, rank_problems, unique_names
from checker.ruleset.qualifiers import QualifiersFile
from checker.ruleset.reading import ReadingFile, text_encoding, with_frequency_list
from checker.ruleset.repair import BoilerplateFile, DespinFile
from checker.ruleset.units import Numerals, UnitsFile, unit_problems

FILES: dict[str, type[Rule]] = {
    "despin.toml": DespinFile,
    "boilerplate.toml": BoilerplateFile,
    "dates.toml": DatesFile,
    "units.toml": UnitsFile,
    "qualifiers.toml": QualifiersFile,
    "entities.toml": EntitiesFile,
    "metrics.toml": MetricsFile,
    "citations.toml": CitationsFile,
    "claims.toml": ClaimsFile,
    "checks.toml": ChecksFile,
    "reading.toml": ReadingFile,
    **{f"messages.{lang}.toml": MessagesFile for lang in LANGUAGES},
}


class Ruleset(Rule):
    """All rules, validated; built once per run and passed to every stage."""

    source: str
    despin: DespinFile
    boilerplate: BoilerplateFile
    dates: DatesFile
    units: UnitsFile
    qualifiers: QualifiersFile
    entities: EntitiesFile
    metrics: MetricsFile
    citations: CitationsFile
    claims: ClaimsFile
    checks: ChecksFile
    reading: ReadingFile
    messages: dict[str, MessagesFile]

    def check(self, kind: str) -> CheckRule:
        return next(c for c in self.checks.check if c.id == kind)

    def fingerprint(self) -> str:
        import hashlib

        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


def with_encoding(rules: Ruleset, encoding: str | None) -> Ruleset:
    """The rules with every file read in `encoding` (None: as the rules say)."""
    if encoding is None:
        return rules
    decode = rules.reading.decode.model_copy(update={"encoding": text_encoding(encoding)})
    reading = rules.reading.model_copy(update={"decode": decode})
    return rules.model_copy(update={"reading": reading})


def default_rules_dir() -> Path:
    """The rules shipped with the package (`rules/` at the top of the repository)."""
    return package_folder("rules")


def package_folder(name: str) -> Path:
    """A data folder shipped with the package: `rules` or `seeds`.

    Inside an installed wheel it is a folder of the package (`checker/rules`); in a
    checkout of the repository it is the top-level folder beside `checker/`, where people
    read and edit it. Both are packages (`checker.rules`, `checker.seeds`) in pyproject.toml.
    """
    here = Path(__file__).resolve().parent.parent  # the checker package
    for candidate in (here / name, here.parent / name):
        if (candidate / "__init__.py").is_file():
            return candidate
    raise RuleFileError([f"error: the package's {name} folder is missing (reinstall crosscheck)"])


@lru_cache(maxsize=1)
def shipped_numerals() -> Numerals:
    """The [numerals] table of the package's own units.toml, which the number grammar
    (`checker.mentions.numerals`, `checker.mentions.atoms`) is built from once, at import."""
    path = default_rules_dir() / "units.toml"
    problems: list[str] = []
    units = _load_file(path, UnitsFile, problems)
    if not isinstance(units, UnitsFile):
        raise RuleFileError(problems)
    return units.numerals


def _numeral_problems(path: Path, units: UnitsFile) -> list[str]:
    """Other rules may not change the numeral words: the grammar holds the shipped ones."""
    if path.resolve() == (default_rules_dir() / "units.toml").resolve():
        return []
    if units.numerals == shipped_numerals():
        return []
    line = line_of(path.read_text(encoding="utf-8"), "[numerals]")
    why = "the numeral words are read once, from the rules shipped with the package"
    return [f"{show(path)}:{line}: [numerals]: differs from the package's own units.toml; {why}"]


def load_ruleset(directory: Path | None = None) -> Ruleset:
    directory = directory or default_rules_dir()
    if not directory.is_dir():
        raise RuleFileError([f"error: rules folder not found: {directory}"])
    problems: list[str] = []
    loaded: dict[str, Rule] = {}
    for path in sorted(directory.glob("*.toml")):
        if path.name not in FILES:
            problems.append(f"{show(path)}: unknown rules file (known: {', '.join(FILES)})")
            continue
        model = _load_file(path, FILES[path.name], problems)
        if model is not None:
            loaded[path.name] = model
    for name in FILES:
        if not (directory / name).exists():
            problems.append(f"{show(directory / name)}: missing rules file")
    units = loaded.get("units.toml")
    if isinstance(units, UnitsFile):  # checked on its own, so its problems come with the rest
        problems += unit_problems(directory / "units.toml", units)
        problems += _numeral_problems(directory / "units.toml", units)
    metrics = loaded.get("metrics.toml")
    if isinstance(metrics, MetricsFile):
        problems += rank_problems(directory / "metrics.toml", metrics)
    if not problems:
        problems += _cross_check(directory, loaded)
    if not problems:
        loaded["reading.toml"] = with_frequency_list(directory, loaded["reading.toml"], problems)
    if problems:
        raise RuleFileError(problems)
    return Ruleset(
        source=str(directory),
        despin=loaded["despin.toml"],  # type: ignore[arg-type]
        boilerplate=loaded["boilerplate.toml"],  # type: ignore[arg-type]
        dates=loaded["dates.toml"],  # type: ignore[arg-type]
        units=loaded["units.toml"],  # type: ignore[arg-type]
        qualifiers=loaded["qualifiers.toml"],  # type: ignore[arg-type]
        entities=loaded["entities.toml"],  # type: ignore[arg-type]
        metrics=loaded["metrics.toml"],  # type: ignore[arg-type]
        citations=loaded["citations.toml"],  # type: ignore[arg-type]
        claims=loaded["claims.toml"],  # type: ignore[arg-type]
        checks=loaded["checks.toml"],  # type: ignore[arg-type]
        reading=loaded["reading.toml"],  # type: ignore[arg-type]
        messages={lang: loaded[f"messages.{lang}.toml"] for lang in LANGUAGES},  # type: ignore[misc]
    )


def _cross_check(directory: Path, loaded: dict[str, Rule]) -> list[str]:
    """Checks that span entries: ids unique, aliases owned once, references resolve."""
    problems: list[str] = []
    path = directory / "entities.toml"
    raw = path.read_text(encoding="utf-8")
    entities: list[Entity] = loaded["entities.toml"].entity  # type: ignore[attr-defined]
    ids = {e.id for e in entities}
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for e in entities:
        line = line_of(raw, 'id = "' + e.id + '"')
        where = f'{show(path)}:{line}: entity "{e.id}"'
        if e.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(e.id)
        for alias in [e.name, *e.aliases, *e.short, *e.common_words]:
            if owner.setdefault(alias, e.id) != e.id:
                problems.append(
                    f'{where}: "{alias}" is already a name or alias of entity "{owner[alias]}"'
                )
        for ref in [*e.members, *([e.parent] if e.parent else [])]:
            if ref not in ids:
                problems.append(f'{where}: unknown entity id "{ref}" in members or parent')
    problems += unique_names(directory / "metrics.toml", "metric", loaded["metrics.toml"].metric)  # type: ignore[attr-defined]
    for lang in LANGUAGES:
        path = directory / f"messages.{lang}.toml"
        messages: MessagesFile = loaded[path.name]  # type: ignore[assignment]
        text = path.read_text(encoding="utf-8")
        if messages.lang != lang:
            problems.append(
                f'{show(path)}:{line_of(text, "lang =")}: lang "{messages.lang}" '
                f'in the file for "{lang}"'
            )
        problems += message_problems(path, text, messages)
    return problems


def _load_file(path: Path, model: type[Rule], problems: list[str]) -> Rule | None:
    raw = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{show(path)}: not valid TOML: {exc}")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(describe(path, raw, data, err))
        return None
