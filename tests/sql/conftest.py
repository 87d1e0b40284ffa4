"""Report the conformance pass rate per group (case file) at the end of the run."""

from __future__ import annotations

from collections import defaultdict

import pytest

_RESULTS: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "test_cases.py::test_case[" not in report.nodeid:
        return
    if report.when != "call" and not (report.when == "setup" and report.outcome != "passed"):
        return
    group = report.nodeid.split("[", 1)[1].split(":", 1)[0]
    outcome = "xfailed" if hasattr(report, "wasxfail") and report.skipped else report.outcome
    _RESULTS[group][outcome] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _RESULTS:
        return
    terminalreporter.section("GoogleSQL conformance by group")
    total_pass = total = 0
    for group in sorted(_RESULTS):
        counts = _RESULTS[group]
        n = sum(counts.values())
        passed = counts["passed"]
        total_pass += passed
        total += n
        terminalreporter.write_line(
            f"{group:<28} {passed:>5}/{n:<5} {100 * passed / n:5.1f}%  "
            f"(known deviations: {counts['xfailed']}, failed: {counts['failed']})"
        )
    terminalreporter.write_line(
        f"{'all':<28} {total_pass:>5}/{total:<5} {100 * total_pass / total:5.1f}%"
    )
