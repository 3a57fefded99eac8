"""Run a few cells in a real IPython kernel (nbclient) and look at their outputs."""
from __future__ import annotations

import os

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook


def run_cells(sources: list[str], *, cwd, env: dict | None = None) -> list:
    """Execute *sources* as code cells, errors allowed; return the executed cells."""
    nb = new_notebook(cells=[new_code_cell(source) for source in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    kernel_env = {k: v for k, v in os.environ.items() if not k.startswith(("CODENSOCIAL_", "JPY_SESSION"))}
    kernel_env.update(env or {})
    client = NotebookClient(nb, timeout=30, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(env=kernel_env)
    return nb.cells


def errors(cell) -> list:
    return [out for out in cell.outputs if out.output_type == "error"]


def texts(cell) -> str:
    """Everything a cell shows as text: streams, text/plain of displays, error lines."""
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type == "error":
            parts.append("\n".join(out.traceback))
        else:
            parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)
