"""The package carries its data: a wheel holds every rules file and every seed, and the
package finds them both in a checkout and when imported from the built wheel."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from checker.pipeline import default_corpus
from checker.ruleset import package_folder

# What a wheel is built from (as in a fresh clone: no build/ or egg-info left over).
SOURCES = ["pyproject.toml", "README.md", "checker", "rules", "seeds"]
DATA = {"rules": ROOT / "rules", "seeds": ROOT / "seeds"}


def _data_files(folder: Path) -> list[Path]:
    """The files people edit in a data folder (its __init__.py makes it a package)."""
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix != ".pyc" and p.name != ".gitignore"
    )


def _offline_build_possible() -> bool:
    """setuptools (68 or later, as pyproject.toml asks) and wheel are installed, so the
    wheel builds without fetching its build requirements."""
    if importlib.util.find_spec("wheel") is None:
        return False
    import setuptools

    return int(setuptools.__version__.split(".")[0]) >= 68


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            src.mkdir(exist_ok=True)
            shutil.copy2(path, src / name)
    isolation = ["--no-build-isolation"] if _offline_build_possible() else []
    command = [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w"]
    subprocess.run([*command, str(tmp / "dist"), *isolation], check=True, cwd=tmp)
    (built,) = (tmp / "dist").glob("crosscheck-*.whl")
    return built


@pytest.mark.parametrize("folder", sorted(DATA))
def test_packaging_wheel_holds_every_data_file(wheel: Path, folder: str) -> None:
    files = _data_files(DATA[folder])
    assert any(p.suffix in (".toml", ".txt") for p in files)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        missing = [p.name for p in files if f"checker/{folder}/{p.name}" not in names]
        assert not missing, f"not in the wheel under checker/{folder}: {missing}"
        for p in files:  # shipped as they are in the repository, byte for byte
            assert zf.read(f"checker/{folder}/{p.name}") == p.read_bytes(), p.name


def test_packaging_wheel_finds_its_data_when_imported(wheel: Path, tmp_path: Path) -> None:
    """Imported from the unpacked wheel (nothing installed), from an unrelated folder."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    probe = (
        "import checker; from checker.ruleset import package_folder, load_ruleset; "
        "from checker.pipeline import default_corpus; "
        "print(checker.__file__); print(package_folder('rules')); print(default_corpus()); "
        "print(len(load_ruleset().metrics.metric))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", probe],
        check=False,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    module, rules, corpus, metrics = out.stdout.splitlines()
    assert Path(module).is_relative_to(site)
    assert Path(rules) == site / "checker" / "rules"
    assert Path(corpus) == site / "checker" / "seeds"
    assert int(metrics) > 0


@pytest.mark.parametrize("folder", sorted(DATA))
def test_packaging_checkout_reads_the_top_level_folders(folder: str) -> None:
    """In a checkout the package reads the folders people edit: one source of truth."""
    found = package_folder(folder) if folder == "rules" else default_corpus()
    assert found.resolve() == DATA[folder].resolve()
