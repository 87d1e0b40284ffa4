"""README.md and .ci/run stay true to the CLI and to each other."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from bqhouse.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/bqhouse serve"
TEST = ".venv/bin/python -m pytest -q"


def shell_commands(markdown: str) -> list[str]:
    """Command lines of the ```sh blocks, in order (continuation lines joined)."""
    commands = []
    for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", markdown, re.DOTALL):
        joined = re.sub(r"\\\n\s*", "", block)
        commands += [line.strip() for line in joined.splitlines() if line.strip()]
    return commands


def options() -> list[tuple[str, str]]:
    found = [("", opt) for param in cli.params for opt in param.opts if opt != "--help"]
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                found += [(name, opt) for opt in param.opts]
    return found


def test_readme_opens_with_install_and_test_commands() -> None:
    assert shell_commands(README)[:2] == [INSTALL, TEST]
    before_first_block = README.split("```", 1)[0]
    assert len(before_first_block.strip().splitlines()) <= 3


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert TEST in ci
    assert ci.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in ci
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"bqhouse {name}" in README


@pytest.mark.parametrize(("command", "option"), options())
def test_every_option_is_in_the_readme(command: str, option: str) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README), (command, option)
