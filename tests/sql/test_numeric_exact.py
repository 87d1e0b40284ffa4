"""The exact NUMERIC product and quotient, a vector at a time (pyarrow decimal256), agree with the
scalar Python reference on every row: random values over the whole NUMERIC range, ties, NULLs,
operands of 10^28 and more (the scalar path) and overflows (NULL, which the macros turn into the
"numeric overflow" error)."""

from __future__ import annotations

import random
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from bqhouse.sql.functions import math

NUMERIC = pa.decimal128(38, 9)


def _value(rng: random.Random) -> Decimal | None:
    if rng.random() < 0.05:
        return None
    digits = rng.randint(0, 29)
    whole = rng.randrange(10**digits) if digits else 0
    fraction = rng.choice([0, rng.randrange(10**9), 5 * 10**8, 1])
    sign = rng.choice([1, -1])
    return sign * (Decimal(whole) + Decimal(fraction).scaleb(-9))


def _vectors(seed: int, size: int = 400) -> tuple[pa.Array, pa.Array]:
    rng = random.Random(seed)
    a = [_value(rng) for _ in range(size)]
    b = [_value(rng) for _ in range(size)]
    # Ties: a product or quotient with a 5 in the tenth place.
    a += [Decimal("0.000000001"), Decimal("-0.000000003"), Decimal("1.5"), Decimal("2.5")]
    b += [Decimal("0.5"), Decimal("0.5"), Decimal("0.000000001"), Decimal("-0.000000003")]
    return pa.array(a, NUMERIC), pa.array(b, NUMERIC)


@pytest.mark.parametrize("seed", range(5))
def test_vectorized_product_is_the_exact_one(seed: int) -> None:
    a, b = _vectors(seed)
    got = math.UDFS[0].function(a, b).to_pylist()
    assert math.UDFS[0].name == "bq_numeric_mul_exact"
    want = [math.numeric_multiply(x, y) for x, y in zip(a.to_pylist(), b.to_pylist(), strict=True)]
    assert got == want


@pytest.mark.parametrize("seed", range(5))
def test_vectorized_quotient_is_the_exact_one(seed: int) -> None:
    a, b = _vectors(seed)
    nonzero = [(x, y) for x, y in zip(a.to_pylist(), b.to_pylist(), strict=True) if y != 0]
    a = pa.array([x for x, _ in nonzero], NUMERIC)
    b = pa.array([y for _, y in nonzero], NUMERIC)
    assert math.UDFS[1].name == "bq_numeric_div_exact"
    got = math.UDFS[1].function(a, b).to_pylist()
    want = [math.numeric_divide(x, y) for x, y in nonzero]
    assert got == want


def test_small_operands_take_the_vector_path() -> None:
    """Operands under 10^28 with no overflow are computed by pyarrow, not row by row."""

    def row_by_row(x: Decimal | None, y: Decimal | None) -> Decimal | None:
        raise AssertionError("the scalar path ran")

    a = pa.array([Decimal("123456789.123456789"), Decimal("-2.5"), None], NUMERIC)
    b = pa.array([Decimal("1000.000000001"), Decimal("0.000000003"), Decimal("1")], NUMERIC)
    product = math._vectorized(pc.multiply, row_by_row)(a, b)
    assert product.to_pylist() == [Decimal("123456789123.580245789"), Decimal("-0.000000008"), None]
    quotient = math._vectorized(pc.divide, row_by_row)(a, b)
    assert quotient.to_pylist() == [
        Decimal("123456.789123333"),
        Decimal("-833333333.333333333"),
        None,
    ]
