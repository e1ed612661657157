"""Shop check types (boutique, back office PrestaShop-like), proven ✓ and ✗ on a real seat.

The cases are split by domain in ``cases_shop_*.py``; this module keeps the product-existence ones.
"""

from __future__ import annotations

from tests.observables.both_ways import Case

# Shop check types whose cases are still to write: none (the meta-test fails if one is missing).
PENDING: set[str] = set()

CASES: list[Case] = [
    Case("product.exists", {"name": "Drap housse en lin lavé Blanc"}, True, why="seeded, found by name"),
    Case("product.exists", {"name": "Plaid Ardoise"}, False, why="no product of that name"),
    Case("product.exists", {"product": "DH-LIN-BLA"}, True, why="seeded, found by reference"),
    Case("product.exists", {"product": "LN-NOPE"}, False, why="no product of that reference"),
]
