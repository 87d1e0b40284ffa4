"""Known deviations live in one file, each with its reason, in step with the case files."""

from __future__ import annotations

from pathlib import Path

from tests.sql.test_cases import CASES_DIR, _parse_file

DEVIATIONS = Path(__file__).parent / "DEVIATIONS.md"


def test_every_notimpl_row_is_listed_with_its_reason() -> None:
    expected = {
        f"- {path.stem}: {case.meta['title']} — {case.meta['notimpl']}"
        for path in sorted(CASES_DIR.glob("*.sql"))
        for case in _parse_file(path)
        if "notimpl" in case.meta
    }
    listed = {line for line in DEVIATIONS.read_text().splitlines() if line.startswith("- ")}
    assert expected == listed
