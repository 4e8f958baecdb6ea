"""Stock alerts: ``stock_low`` once a day per variant, ``stock_out`` at zero available,
``stock_back_in`` and ``stock_replenished`` when it comes back, from the stock service's
movements once they commit."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import TestCase

from shop.data.settings import StoreSettings
from shop.models import StockLevel, StockMovement, VariantStockAlert
from shop.services import adjust_stock
from shop.services.alerts import record_stock_state
from shop.signals import stock_back_in, stock_low, stock_out, stock_replenished
from tenancy.scope import all_stores, store_scope
from tests.races import race
from tests.shop.factories import stocked_variant
from tests.tenants.factories import StoreFactory

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
SIGNALS = {
    "stock_low": stock_low,
    "stock_out": stock_out,
    "stock_back_in": stock_back_in,
    "stock_replenished": stock_replenished,
}


@pytest.fixture
def sent():
    """The alerts sent, in order, as (name, variant id, available)."""
    received = []

    def receiver_for(name):
        def receive(sender, variant, level, **kwargs):
            received.append((name, variant.pk, level.available))

        return receive

    receivers = {name: receiver_for(name) for name in SIGNALS}
    for name, signal in SIGNALS.items():
        signal.connect(receivers[name], dispatch_uid=f"test_alerts_{name}")
    yield received
    for name, signal in SIGNALS.items():
        signal.disconnect(dispatch_uid=f"test_alerts_{name}")


def _move(variant, quantity):
    """A stock movement committed, with its after-commit effects (the alerts) run."""
    with store_scope([variant.site_id]), TestCase.captureOnCommitCallbacks(execute=True):
        adjust_stock(
            variant=variant,
            quantity=quantity,
            reason=StockMovement.Reason.ADJUSTMENT,
            note="Stock take",
        )


def _names(sent):
    return [name for name, _, _ in sent]


def test_falling_to_the_stores_threshold_sends_stock_low_once(store, sent):
    variant = stocked_variant(site=store.site, stock=8)  # the store's threshold is 5

    _move(variant, -2)  # 6: above
    assert sent == []
    _move(variant, -1)  # 5: at the threshold
    _move(variant, -1)  # 4: still low

    assert sent == [("stock_low", variant.pk, 5)]


def test_the_stores_threshold_setting_decides_what_is_low(store, sent):
    settings = StoreSettings.for_site(store.site)
    settings.low_stock_threshold = 2
    settings.save()
    variant = stocked_variant(site=store.site, stock=4)

    _move(variant, -1)  # 3: above the store's 2
    assert sent == []
    _move(variant, -1)

    assert sent == [("stock_low", variant.pk, 2)]


def test_a_variants_own_threshold_wins_over_the_stores(store, sent):
    variant = stocked_variant(site=store.site, stock=20)
    with store_scope([store.site.pk]):
        StockLevel.objects.filter(variant=variant).update(low_stock_threshold=15)

    _move(variant, -5)

    assert sent == [("stock_low", variant.pk, 15)]


def test_stock_low_waits_a_day_before_it_is_sent_again(store, sent):
    variant = stocked_variant(site=store.site, stock=10)
    with time_machine.travel(NOON, tick=False) as clock:
        _move(variant, -6)  # 4: low
        _move(variant, 10)  # 14: replenished
        clock.shift(timedelta(hours=23))
        _move(variant, -10)  # 4: low again, within the day
        assert _names(sent) == ["stock_low", "stock_replenished"]

        _move(variant, 10)
        clock.shift(timedelta(hours=1, seconds=1))
        _move(variant, -10)  # a day and a second after the first

    assert _names(sent) == ["stock_low", "stock_replenished", "stock_replenished", "stock_low"]


def test_selling_the_last_unit_sends_stock_out_and_a_restock_stock_back_in(store, sent):
    variant = stocked_variant(site=store.site, stock=3)

    _move(variant, -3)
    _move(variant, 2)  # back, and low

    assert sent == [("stock_out", variant.pk, 0), ("stock_back_in", variant.pk, 2)]


def test_restocking_above_the_threshold_sends_back_in_and_replenished(store, sent):
    variant = stocked_variant(site=store.site, stock=1)
    _move(variant, -1)

    _move(variant, 30)

    assert _names(sent) == ["stock_out", "stock_back_in", "stock_replenished"]


def test_a_variant_seen_first_starts_from_its_count_before_the_movement(store, sent):
    variant = stocked_variant(site=store.site, stock=0)
    with store_scope([store.site.pk]):
        assert not VariantStockAlert.objects.exists()

    _move(variant, 12)  # from 0: it was sold out

    assert _names(sent) == ["stock_back_in", "stock_replenished"]


def test_recording_the_same_state_twice_sends_nothing_more(store, sent):
    variant = stocked_variant(site=store.site, stock=6)
    _move(variant, -6)

    with store_scope([store.site.pk]), TestCase.captureOnCommitCallbacks(execute=True):
        again = record_stock_state(variant_id=variant.pk)

    assert again.sent == ()
    assert _names(sent) == ["stock_out"]


def test_another_stores_variant_is_not_found_in_this_stores_scope(store, other_store, sent):
    theirs = stocked_variant(site=other_store.site, stock=1)
    with store_scope([other_store.site.pk]):
        StockLevel.objects.filter(variant=theirs).update(on_hand=0)

    with store_scope([store.site.pk]), TestCase.captureOnCommitCallbacks(execute=True):
        found = record_stock_state(variant_id=theirs.pk)

    assert found.sent == ()
    assert sent == []
    with all_stores():
        assert not VariantStockAlert.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("postgresql_only", "restore_initial_data")
def test_two_sales_committed_together_send_one_low_stock_alert(sent):
    store = StoreFactory(slug="alerts-race")
    variant = stocked_variant(site=store.site, stock=7)
    with store_scope([store.site.pk]):
        record_stock_state(variant_id=variant.pk)  # 7: in stock, recorded
        StockLevel.objects.filter(variant=variant).update(on_hand=3)  # two sales, committed
    sent.clear()  # the first restock's alerts

    def record(_index):
        with store_scope([store.site.pk]):
            return record_stock_state(variant_id=variant.pk).sent

    outcomes = race(record, 6)

    assert sorted(outcomes, key=len) == [(), (), (), (), (), ("stock_low",)]
    assert _names(sent) == ["stock_low"]
