"""Finding ids: stable across runs, line moves and edits elsewhere in a file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def finding_id(signature: Iterable[str]) -> str:
    """`F-` and 8 hex digits of a hash of what identifies the finding (never offsets)."""
    digest = hashlib.sha1("\x1f".join(signature).encode("utf-8")).hexdigest()
    return f"F-{digest[:8]}"
