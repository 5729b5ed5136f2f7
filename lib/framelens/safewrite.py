"""May FrameLens write this file? One rule for every command that writes outside a report folder.

A command may create a file that does not exist, and may replace a file FrameLens wrote itself and nobody has
changed since. Anything else (a file of the user's, a sheet FrameLens wrote and a coder then filled in) is
refused unless ``--force``. A file that a command reads (a dataset's tables, its codebook) is never written,
even with ``--force``.

FrameLens remembers what it wrote in ``.framelens-written`` (JSON: file name -> SHA-256 of the bytes written) in
the folder of each file, so a second run may rewrite its own output.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "notes.csv").write_text("mine\\n", encoding="utf-8")
>>> print(refusal([folder / "notes.csv"], command="synth").replace(str(folder), "F").split(";")[0])
framelens synth: F/notes.csv exists and was not written by FrameLens (or was changed since)
>>> _ = (folder / "out.csv").write_text("a\\n", encoding="utf-8")
>>> record([folder / "out.csv"])
>>> refusal([folder / "out.csv"], command="synth") is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

WRITTEN = ".framelens-written"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def written_by_framelens(path: str | Path) -> bool:
    """True when ``path`` holds exactly the bytes FrameLens last wrote there (its folder's ``.framelens-written``)."""
    path = Path(path)
    recorded = _manifest(path.parent).get(path.name)
    return recorded is not None and path.is_file() and _digest(path) == recorded


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def refusal(
    targets: Iterable[str | Path], command: str, force: bool = False, inputs: Iterable[str | Path] = ()
) -> str | None:
    """Why ``command`` may not write ``targets`` (None when it may): a target that is one of ``inputs`` (never, even
    with ``force``), a folder, or, without ``force``, an existing file FrameLens did not write or that changed since.
    Every target is checked before anything is written, so a refused command writes nothing."""
    inputs = [Path(p) for p in inputs]
    targets = [Path(p) for p in targets]
    for target in targets:
        for source in inputs:
            if _same(target, source):
                alias = "" if target == source else f" (it is {source})"
                return (
                    f"framelens {command}: {target} is a file this command reads{alias}; nothing written. "
                    "Choose another place for the output"
                )
        if target.is_dir():
            return f"framelens {command}: {target} is a folder; nothing written. Name a file"
    theirs = [t for t in targets if not force and (t.exists() or t.is_symlink()) and not written_by_framelens(t)]
    if not theirs:
        return None
    shown = ", ".join(str(t) for t in theirs[:3]) + (f" and {len(theirs) - 3} more" if len(theirs) > 3 else "")
    one = len(theirs) == 1
    return (
        f"framelens {command}: {shown} {'exists' if one else 'exist'} and {'was' if one else 'were'} not written "
        f"by FrameLens (or {'was' if one else 'were'} changed since); nothing written. Move "
        f"{'it' if one else 'them'} away, choose another place, or add --force to overwrite "
        f"{'it' if one else 'them'}"
    )


def record(paths: Iterable[str | Path]) -> None:
    """Note in each file's folder that FrameLens wrote ``paths`` as they are now."""
    by_folder: dict[Path, list[Path]] = {}
    for p in map(Path, paths):
        by_folder.setdefault(p.parent, []).append(p)
    for folder, files in by_folder.items():
        manifest = _manifest(folder)
        manifest.update({p.name: _digest(p) for p in files})
        tmp = folder / f"{WRITTEN}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"files": dict(sorted(manifest.items()))}, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, folder / WRITTEN)
