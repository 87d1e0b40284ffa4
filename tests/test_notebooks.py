"""The example notebooks run top to bottom on a fresh bqhouse (nbclient, a real kernel).

Each notebook starts its own in-process bqhouse through ``%load_ext bqhouse`` on a temporary data
directory, so the ``%%bigquery`` magic, pandas-gbq and the client library are driven as a user
would. Skipped when the ``notebooks`` extra is not installed.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

NEEDED = ["nbclient", "nbformat", "ipykernel", "bigquery_magics", "pandas_gbq", "matplotlib"]
MISSING = [name for name in NEEDED if importlib.util.find_spec(name) is None]
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"notebooks extra missing: {MISSING}")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run_notebook(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Execute ``examples/<name>`` in ``tmp_path`` (its own data dir) and return its cells."""
    import nbformat
    from nbclient import NotebookClient

    for path in EXAMPLES.iterdir():
        if path.suffix in (".ipynb", ".py"):
            shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("BQHOUSE_DATA_DIR", str(tmp_path / "bqhouse-data"))
    monkeypatch.delenv("BQHOUSE_API", raising=False)
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(tmp_path / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=240,
        # jupyter_client runs the "python3" kernel with this interpreter (sys.executable).
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    return list(notebook.cells)


def text_of(cells: list[Any]) -> str:
    """Everything the code cells printed or displayed as text."""
    parts: list[str] = []
    for cell in cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output["text"])
            elif "data" in output:
                parts.append(output["data"].get("text/plain", ""))
    return "\n".join(parts)


def images(cells: list[Any]) -> int:
    return sum(
        1 for cell in cells for out in cell.get("outputs", []) if "image/png" in out.get("data", {})
    )


def test_fortune500(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(EXAMPLES))
    try:
        import make_fortune500
    finally:
        sys.path.remove(str(EXAMPLES))
    rows = make_fortune500.rows()
    missing = sum(1 for row in rows if row["profit"] == "N.A.")
    assert len(rows) == 29500 and 0 < missing < 1000

    cells = run_notebook("fortune500.ipynb", tmp_path, monkeypatch)
    text = text_of(cells)
    assert "loaded 29500 rows" in text
    assert f"non-numeric profits: {missing}; clean rows: {29500 - missing}" in text
    assert f"59 years, {29500 - missing} companies in all" in text
    assert "'year': Int64Dtype()" in text
    assert "top companies: 5" in text
    assert images(cells) == 1


def test_stackoverflow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cells = run_notebook("stackoverflow.ipynb", tmp_path, monkeypatch)
    text = text_of(cells)
    assert re.search(r"This query will process [1-9]\d* bytes", text)
    found = re.search(r"(\d+) tags, (\d+) answered questions", text)
    assert found is not None
    tags = int(found.group(1))
    assert 1 <= tags <= 10 and int(found.group(2)) > 0
    assert f"rows written back: {tags}" in text
    assert "'questions': Int64Dtype()" in text
    assert images(cells) == 1
