"""Reconciliation: every stock level must equal the sums of its ledger.

``on_hand`` is the sum of the ledger's quantities and ``reserved`` the sum of its holds
(``reserved_change``). The stock service keeps both by construction; a level that
disagrees was written around it (a raw UPDATE, a restored backup) and is recorded as a
``StockDrift`` for the platform operator, once while it stays open.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ...data import StockDrift, StockLevel, StockMovement

logger = logging.getLogger(__name__)


def _ledger_sum(field: str):
    return Coalesce(
        Subquery(
            StockMovement.objects.filter(variant_id=OuterRef("variant_id"))
            .order_by()
            .values("variant_id")
            .annotate(total=Sum(field))
            .values("total")
        ),
        0,
    )


def levels_with_ledger_sums(*, site_id: int):
    """The store's levels, each with ``ledger_on_hand`` and ``ledger_reserved``."""
    return StockLevel.objects.filter(site_id=site_id).annotate(
        ledger_on_hand=_ledger_sum("quantity"), ledger_reserved=_ledger_sum("reserved_change")
    )


def reconcile_stock(*, site_id: int) -> list[StockDrift]:
    """Record a drift for each level of the store that disagrees with its ledger and has
    no open drift yet, logging an error for the operator; close open drifts whose level
    agrees again. Returns the drifts found this time. Running it twice records nothing
    twice (one open drift per variant, also in the database)."""
    levels = levels_with_ledger_sums(site_id=site_id)
    drifting = list(
        levels.exclude(on_hand=F("ledger_on_hand"), reserved=F("ledger_reserved")).select_related(
            "variant"
        )
    )
    open_drifts = StockDrift.objects.filter(site_id=site_id, resolved=False)
    StockDrift.objects.filter(
        pk__in=open_drifts.exclude(variant_id__in=[level.variant_id for level in drifting])
    ).update(resolved=True, resolved_at=timezone.now())
    already = set(open_drifts.values_list("variant_id", flat=True))
    found = []
    for level in drifting:
        if level.variant_id in already:
            continue
        try:
            with transaction.atomic():
                drift = StockDrift.objects.create(
                    site_id=site_id,
                    variant_id=level.variant_id,
                    expected_on_hand=level.ledger_on_hand,
                    actual_on_hand=level.on_hand,
                    expected_reserved=level.ledger_reserved,
                    actual_reserved=level.reserved,
                )
        except IntegrityError:  # another run recorded it a moment ago
            continue
        logger.error(
            "Stock drift in store %s: %s (SKU %s) has %s on hand and %s reserved; "
            "its ledger says %s and %s.",
            site_id,
            level.variant,
            level.variant.sku,
            level.on_hand,
            level.reserved,
            level.ledger_on_hand,
            level.ledger_reserved,
        )
        found.append(drift)
    return found


def resolve_drift(*, drift: StockDrift) -> bool:
    """Mark an open drift resolved (the operator has dealt with it). False if it was not
    open."""
    return bool(
        StockDrift.objects.filter(pk=drift.pk, resolved=False).update(
            resolved=True, resolved_at=timezone.now()
        )
    )


__all__ = ["levels_with_ledger_sums", "reconcile_stock", "resolve_drift"]
