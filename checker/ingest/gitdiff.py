"""Which documents are new: git, asked at the edge."""

from __future__ import annotations

import subprocess
from pathlib import Path

from checker.errors import InputError


def changed_files(corpus: Path, base: str) -> list[Path]:
    """Files under `corpus` added or modified since `base` (working tree included), and
    untracked ones git does not ignore."""

    def git(*args: str) -> str:
        try:
            out = subprocess.run(
                ["git", *args],
                cwd=corpus if corpus.is_dir() else corpus.parent,
                capture_output=True,
                text=True,
                check=True,
            )
        except FileNotFoundError:
            raise InputError(
                "git is not installed", hint="use --new FILE... instead of --base"
            ) from None
        except subprocess.CalledProcessError as exc:
            message = (exc.stderr or "").strip().splitlines()[-1:] or ["git failed"]
            raise InputError(
                f"git: {message[0]}",
                hint=f"is {corpus} in a git repository, and does {base} exist?",
            ) from None
        return out.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    here = corpus.resolve()
    names = git("diff", "--name-only", "--diff-filter=AMR", base, "--", str(here)).splitlines()
    names += git(
        "ls-files", "--others", "--exclude-standard", "--full-name", "--", str(here)
    ).splitlines()
    return sorted({(top / n).resolve() for n in names if n.lower().endswith((".txt", ".md"))})
