"""The HLL++ sketch behind HLL_COUNT.*: accuracy, merging and precision downgrades."""

from __future__ import annotations

import numpy as np
import pytest

from bqhouse.sql.functions.hll import Sketch


def _hashes(seed: int, n: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**64 - 1, size=n, dtype=np.uint64)


@pytest.mark.parametrize("n", [1, 10, 100, 500])
def test_sparse_is_exact_for_small_cardinalities(n: int) -> None:
    sketch = Sketch.from_hashes(1, 15, _hashes(n, n))
    assert sketch.sparse is not None
    assert sketch.estimate() == n


@pytest.mark.parametrize(("precision", "n"), [(10, 50_000), (15, 200_000), (18, 300_000)])
def test_dense_is_within_four_standard_errors(precision: int, n: int) -> None:
    sketch = Sketch.from_hashes(1, precision, _hashes(precision, n))
    assert sketch.registers is not None
    error = abs(sketch.estimate() - n) / n
    assert error < 4 * 1.04 / 2 ** (precision / 2)


def test_merge_counts_the_union_and_survives_bytes() -> None:
    everything = _hashes(7, 60_000)
    parts = [Sketch.from_hashes(1, 14, chunk) for chunk in np.array_split(everything, 6)]
    parts.append(Sketch.from_hashes(1, 14, everything[:100]))  # duplicates change nothing
    merged = Sketch.merged([Sketch.from_bytes(p.to_bytes(), "test") for p in parts])
    direct = Sketch.from_hashes(1, 14, everything)
    assert merged.estimate() == direct.estimate()


def test_merge_downgrades_to_the_lowest_precision() -> None:
    values = _hashes(3, 20_000)
    merged = Sketch.merged([Sketch.from_hashes(1, 12, values), Sketch.from_hashes(1, 20, values)])
    assert merged.precision == 12
    assert abs(merged.estimate() - 20_000) / 20_000 < 4 * 1.04 / 2**6


def test_merge_of_different_input_types_is_an_error() -> None:
    with pytest.raises(ValueError, match="different input types"):
        Sketch.merged(
            [Sketch.from_hashes(1, 15, _hashes(1, 3)), Sketch.from_hashes(4, 15, _hashes(2, 3))]
        )
