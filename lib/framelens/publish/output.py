"""The report folder's rules, so that nothing a user owns is lost: FrameLens writes a report beside ``--out``, then
swaps it in; it deletes or replaces only files its manifest lists; a lock stops two builds into one folder.

- ``check_out(out, data)`` refuses an empty ``--out``, one equal to, inside or containing ``--data`` (links
  resolved), and a non-empty folder that holds no FrameLens manifest (files other FrameLens commands wrote and
  recorded in ``.framelens-written``, such as slides, do not count), or a file of someone else's at a path the
  report writes.
- ``ReportFolder(out)`` is a context: it takes the lock (``.<name>.framelens-lock`` beside ``out``, naming the
  build that holds it), gives a fresh staging folder beside ``out`` to build in, and on ``commit(files)`` moves
  the new files into ``out`` (each an atomic rename), deletes the files of the previous manifest that the new
  report no longer has, and writes the new manifest. Leaving the context without ``commit`` (an error, Ctrl-C)
  removes the staging folder and leaves the previous report whole.

>>> check_out("", Path("data"))
'--out is empty; name a folder for the reports (such as reports)'
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

from framelens.safewrite import WRITTEN, written_by_framelens

MANIFEST = ".framelens-manifest.json"


class OutputRefused(Exception):
    """A report folder that FrameLens will not write into; the message says why and what to do (exit code 2)."""


def read_manifest(out: Path) -> dict | None:
    """The manifest of a report folder (None when there is none or it is unreadable)."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("files"), list) else None


def _related(a: Path, b: Path) -> bool:
    return a == b or a in b.parents or b in a.parents


def check_out(out: str | Path, data: Path, writes: list[str] | None = None) -> str | None:
    """Why ``out`` may not receive a report of ``data`` (None when it may). ``writes``: relative paths to write."""
    if not str(out).strip():
        return "--out is empty; name a folder for the reports (such as reports)"
    target, source = Path(out).resolve(), Path(data).resolve()
    if _related(target, source):
        where = "is" if target == source else ("is inside" if source in target.parents else "contains")
        return f"--out {out} {where} the dataset folder {data}; write the reports to a folder of their own"
    if target.exists() and not target.is_dir():
        return f"--out {out} is a file, not a folder"
    if not target.is_dir() or not any(target.iterdir()):
        return None
    manifest = read_manifest(target)
    if manifest is None:
        entries = sorted(p.name for p in target.iterdir() if p.name != WRITTEN and not written_by_framelens(p))
        if not entries:  # only what other FrameLens commands wrote (such as slides) and nobody changed
            return None
        shown = ", ".join(entries[:5]) + (f" and {len(entries) - 5} more" if len(entries) > 5 else "")
        return (
            f"--out {out} is not empty and was not written by FrameLens (it holds {shown}); "
            "choose a new or empty folder, so that none of these files is replaced"
        )
    ours = set(manifest["files"])
    theirs = [w for w in writes or [] if w not in ours and (target / w).exists()]
    if theirs:
        return (
            f"--out {out} holds {len(theirs)} file(s) FrameLens did not write at paths the report writes "
            f"({', '.join(theirs[:3])}); move them away or choose another folder"
        )
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class ReportFolder:
    """Lock, staging folder and swap for one build into ``out`` (see the module docstring)."""

    out: Path
    staging: Path = field(init=False)
    lock: Path = field(init=False)
    _locked: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.out = Path(self.out)
        parent, name = self.out.resolve().parent, self.out.resolve().name
        self.lock = parent / f".{name}.framelens-lock"
        self.staging = parent / f".{name}.framelens-build-{os.getpid()}"

    def __enter__(self) -> ReportFolder:
        self.lock.parent.mkdir(parents=True, exist_ok=True)  # --out a/b/new: the lock and staging live in a/b
        self._take_lock()
        if self.staging.exists():
            shutil.rmtree(self.staging)  # our own, from an earlier build by a process of this pid
        self.staging.mkdir(parents=True)
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._locked:
            self.lock.unlink(missing_ok=True)

    def _take_lock(self) -> None:
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        for _ in range(2):
            try:
                fd = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    held = json.loads(self.lock.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    held = {}
                pid = held.get("pid")
                if held.get("host") == info["host"] and isinstance(pid, int) and not _alive(pid):
                    self.lock.unlink(missing_ok=True)  # a build that died: its lock is stale
                    continue
                raise OutputRefused(
                    f"another report build is writing to {self.out} (process {pid}, started {held.get('started')}); "
                    f"wait for it, or remove {self.lock} if no build is running"
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(info, f)
            self._locked = True
            return

    def commit(self, files: list[str], meta: dict) -> None:
        """Move the staged ``files`` (relative paths) into ``out``, drop the old manifest's leftovers, write the
        manifest."""
        old = read_manifest(self.out) if self.out.is_dir() else None
        self.out.mkdir(parents=True, exist_ok=True)
        for rel in files:
            target = self.out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / rel, target)
        keep = set(files)
        for rel in (old or {}).get("files", []):
            if rel not in keep and _safe_relative(rel):
                (self.out / rel).unlink(missing_ok=True)
        for folder in sorted(
            {(self.out / r).parent for r in (old or {}).get("files", []) if _safe_relative(r)},
            key=lambda p: len(p.parts),
            reverse=True,
        ):
            if folder != self.out and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        manifest = {**meta, "files": sorted(keep)}
        (self.out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _safe_relative(rel: str) -> bool:
    """A manifest entry FrameLens may delete: relative, no '..' (a manifest edited by hand cannot reach out)."""
    path = Path(rel)
    return not path.is_absolute() and ".." not in path.parts and rel not in ("", ".", MANIFEST)
