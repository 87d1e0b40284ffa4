"""Write a realistic synthetic Fortune 500 file: one row per company and year, 1955 to 2013.

Columns are ``year,rank,company,revenue,profit`` with revenue and profit in millions of dollars,
as in the lists Fortune published. Revenues grow with the economy and are heavy-tailed within a
year; rank 1 is the largest. About one profit in eighty is the text ``N.A.`` (the lists have
such holes, more of them in early years), so the column needs cleaning before it is a number.

    python examples/make_fortune500.py fortune500.csv
"""

from __future__ import annotations

import csv
import math
import random
import sys
from pathlib import Path

FIRST_YEAR, LAST_YEAR, PER_YEAR = 1955, 2013, 500
_STEMS = [
    "General",
    "American",
    "United",
    "National",
    "Standard",
    "Continental",
    "Pacific",
    "Atlantic",
    "Northern",
    "Southern",
    "Western",
    "Eastern",
    "Global",
    "International",
    "Consolidated",
    "Allied",
    "Federal",
    "Union",
    "Central",
    "Republic",
    "Liberty",
    "Pioneer",
    "Summit",
    "Granite",
]
_TRADES = [
    "Motors",
    "Electric",
    "Oil",
    "Steel",
    "Chemical",
    "Foods",
    "Aircraft",
    "Rubber",
    "Paper",
    "Mills",
    "Tobacco",
    "Insurance",
    "Telephone",
    "Pharmaceuticals",
    "Machinery",
    "Textiles",
    "Glass",
    "Airlines",
    "Retail",
    "Energy",
    "Semiconductor",
    "Software",
    "Logistics",
    "Media",
]
_SUFFIXES = ["Corp.", "Co.", "Inc.", "Industries", "Group", "Holdings"]


def _companies(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct company names."""
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(_STEMS)} {rng.choice(_TRADES)} {rng.choice(_SUFFIXES)}")
    return sorted(names)


def rows(seed: int = 500) -> list[dict[str, object]]:
    """All rows, the same on every call.

    >>> data = rows()
    >>> len(data), data[0]["year"], data[0]["rank"]
    (29500, 1955, 1)
    """
    rng = random.Random(seed)
    pool = _companies(rng, 1400)
    out: list[dict[str, object]] = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        # Nominal growth of about 6.5% a year; company sizes are log-normal within a year.
        scale = 150 * math.exp(0.065 * (year - FIRST_YEAR))
        revenues = sorted(
            (scale * rng.lognormvariate(0, 0.9) for _ in range(PER_YEAR)), reverse=True
        )
        missing_rate = 0.025 if year < 1980 else 0.006
        listed = zip(rng.sample(pool, PER_YEAR), revenues, strict=True)
        for rank, (company, revenue) in enumerate(listed, 1):
            margin = rng.gauss(0.05, 0.04)
            profit = "N.A." if rng.random() < missing_rate else f"{revenue * margin:.1f}"
            out.append(
                {
                    "year": year,
                    "rank": rank,
                    "company": company,
                    "revenue": round(revenue, 1),
                    "profit": profit,
                }
            )
    return out


def write_csv(path: str | Path, seed: int = 500) -> Path:
    """Write the file (with a header line) and return its path."""
    path = Path(path)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["year", "rank", "company", "revenue", "profit"])
        writer.writeheader()
        writer.writerows(rows(seed))
    return path


if __name__ == "__main__":
    print(write_csv(sys.argv[1] if len(sys.argv) > 1 else "fortune500.csv"))
