"""``python -m bqhouse``: the same as the ``bqhouse`` command."""

from __future__ import annotations

from bqhouse.cli import main

if __name__ == "__main__":
    main()
