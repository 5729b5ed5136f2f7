"""File names from data values, safe everywhere, and a check that a path stays inside its folder.

>>> safe_stem("ev-alpha")
'ev-alpha'
>>> unique_stems(["ev-alpha", "EV-ALPHA"])["EV-ALPHA"] != unique_stems(["ev-alpha", "EV-ALPHA"])["ev-alpha"]
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def safe_stem(value: str, max_bytes: int = 100) -> str:
    """``value`` as a file name stem safe on Linux, macOS and Windows, at most ``max_bytes`` in UTF-8; a short hash
    of the original is added whenever anything had to change.

    >>> safe_stem("../../etc/passwd"), safe_stem("CON"), len(safe_stem("x" * 300).encode())
    ('etc-passwd-3754d6cb', 'CON_-a3dbc4b6', 100)
    """
    text = unicodedata.normalize("NFC", str(value))
    stem = _UNSAFE.sub("-", text).strip(" .-") or "item"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = stem + "_"
    if stem != text or len(stem.encode("utf-8")) > max_bytes:
        suffix = "-" + _hash(text)
        room = max_bytes - len(suffix)
        stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .-") + suffix
    return stem


def unique_stems(values: Iterable[str], max_bytes: int = 100) -> dict[str, str]:
    """Each distinct value -> a safe stem, unique when case is ignored (macOS and Windows fold case): values whose
    stems collide each get a short hash of the original added. Deterministic: the same values give the same stems."""
    distinct = sorted(set(values))
    stems = {v: safe_stem(v, max_bytes) for v in distinct}
    folded: dict[str, list[str]] = {}
    for v, s in stems.items():
        folded.setdefault(s.casefold(), []).append(v)
    for group in folded.values():
        if len(group) > 1:
            for v in group:
                suffix = "-" + _hash(v)
                base = stems[v]
                stems[v] = base.encode("utf-8")[: max_bytes - len(suffix)].decode("utf-8", "ignore") + suffix
    return stems


def inside(path: str | Path, root: str | Path) -> bool:
    """Whether ``path`` resolves (links followed) to ``root`` or a path below it.

    >>> inside("reports/briefs/a.html", "reports"), inside("reports/../x.html", "reports")
    (True, False)
    """
    path, root = Path(path).resolve(), Path(root).resolve()
    return path == root or root in path.parents
