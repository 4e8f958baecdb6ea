"""The invariant every stock test ends on: each level equals the sums of its ledger."""

from shop.services.stock.reconcile import levels_with_ledger_sums
from tenancy.scope import store_scope


def assert_levels_match_ledger(site_id: int) -> None:
    with store_scope([site_id]):
        levels = list(levels_with_ledger_sums(site_id=site_id))
    wrong = [
        (
            level.variant_id,
            level.on_hand,
            level.ledger_on_hand,
            level.reserved,
            level.ledger_reserved,
        )
        for level in levels
        if (level.on_hand, level.reserved) != (level.ledger_on_hand, level.ledger_reserved)
    ]
    assert not wrong, f"levels that disagree with their ledger: {wrong}"
    assert all(level.on_hand >= level.reserved >= 0 for level in levels if not level.allow_oversell)
