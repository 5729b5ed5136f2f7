"""The one notebook runner: execute a notebook top to bottom (optionally with parameters), nothing else.

The report, the slides and handout and ``make notebooks`` all run notebooks through :func:`execute`, in a fresh
``python3`` kernel whose working directory is the notebook's folder. Parameters are injected after the cell tagged
``parameters`` (papermill's convention). A failing cell raises :class:`NotebookFailed`, which names it in one line.
The kernel talks to us over local IPC sockets in a private temporary folder, not TCP: ipykernel warns about any
unencrypted TCP kernel, and a local run has no reason to open a network port.

Example (starts a kernel, so not run as a doctest)::

    nb = execute("notebooks/01-data-overview.ipynb", parameters={"DATA": "/abs/path/to/my-data"})
    run_in_place("notebooks/01-data-overview.ipynb")     # what ``make notebooks`` does for each notebook
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

TIMEOUT = 600  # seconds a cell may run


class NotebookFailed(RuntimeError):
    """A cell raised: ``cell`` is its 1-based number among the code cells, ``first_line`` its first line of code."""

    def __init__(self, path: Path, cell: int, first_line: str, ename: str, evalue: str):
        self.path, self.cell, self.first_line, self.ename, self.evalue = path, cell, first_line, ename, evalue
        code = f" ({first_line[:57] + '...' if len(first_line) > 60 else first_line})" if first_line else ""
        super().__init__(f"cell {cell}{code}: {ename}: {evalue}")


def _failed_cell(nb: nbformat.NotebookNode) -> tuple[int, str]:
    """(1-based number among code cells, first line of code) of the cell with an error output."""
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
            return number, first
    return 0, ""


def execute(path: str | Path, parameters: dict | None = None, timeout: int = TIMEOUT) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` in its own folder and return the executed copy (the file is not touched)."""
    path = Path(path)
    if parameters:  # papermill's reader adds the metadata its parameter injection expects
        nb = parameterize_notebook(load_notebook_node(str(path)), parameters)
    else:
        nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="framelens-kernel-") as sockets:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(nb, km=km, timeout=timeout, resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        except CellExecutionError as exc:
            cell, first = _failed_cell(nb)
            raise NotebookFailed(path, cell, first, exc.ename, exc.evalue) from None
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    return nb


def run_in_place(path: str | Path) -> None:
    """Execute a committed notebook and save it with its fresh outputs (``make notebooks``)."""
    nbformat.write(execute(path), Path(path))
