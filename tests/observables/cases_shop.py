"""Shop check types (boutique, back office PrestaShop-like), each proven ✓ and ✗ on a real seat."""

from __future__ import annotations

from tests.observables.both_ways import Case

# Check types whose cases are still to write (the meta-test keeps this list honest: it only shrinks).
PENDING = {
    "credit_slip.issued", "order.created", "order.state", "product_comment.reply", "product_comment.status",
    "return.state", "thread.answered", "thread.forwarded", "thread.status",
}  # fmt: skip

CASES: list[Case] = [
    Case("product.exists", {"name": "Drap housse en lin lavé Blanc"}, True, why="seeded, found by name"),
    Case("product.exists", {"name": "Plaid Ardoise"}, False, why="no product of that name"),
    Case("product.exists", {"product": "DH-LIN-BLA"}, True, why="seeded, found by reference"),
    Case("product.exists", {"product": "LN-NOPE"}, False, why="no product of that reference"),
]
