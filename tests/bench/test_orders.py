"""The order rows of ``make bench`` measure real orders: the benchmark's shoppers place
them through the live checkout, are refused once the hot variant sells out, and the
stock read back afterwards shows every unit sold and none oversold."""

import pytest

from demo.bench_catalog import seed_bench
from demo.bench_orders import hot_variant_state, stock_hot_variant
from shop.models import Order
from tenancy.scope import store_scope
from tests.bench.checkout_load import Shopper, buy_for
from tests.bench.orders import Phase, orders_table

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_initial_data"),
]


@pytest.fixture
def hot(live_server):
    seed_bench(products=30, category_products=2, other_stores=0)
    return stock_hot_variant(units=3)


def _port(live_server) -> int:
    return int(live_server.url.rsplit(":", 1)[1])


def test_a_bench_shopper_places_an_order_through_the_checkout(live_server, hot):
    shopper = Shopper(port=_port(live_server), host=f"{hot.hostname}:{_port(live_server)}")

    assert shopper.buy(hot.variant_id) == "placed"

    state = hot_variant_state(variant_id=hot.variant_id, site_id=hot.site_id, hostname=hot.hostname)
    assert (state.on_hand, state.units_sold) == (2, 1)
    assert state.ledger_sum == state.on_hand
    with store_scope([hot.site_id]):
        assert Order.objects.filter(site_id=hot.site_id, email="bench@example.com").count() == 1


@pytest.mark.postgres
@pytest.mark.usefixtures("postgresql_only")
def test_shoppers_racing_for_the_last_units_get_exactly_those_units(live_server, hot):
    port = _port(live_server)

    run = buy_for(
        port=port, host=f"{hot.hostname}:{port}", variant_id=hot.variant_id, clients=2, seconds=20
    )

    assert run.orders == 3
    assert run.refused >= 2
    assert run.errors == 0
    state = hot_variant_state(variant_id=hot.variant_id, site_id=hot.site_id, hostname=hot.hostname)
    assert (state.on_hand, state.units_sold, state.ledger_sum) == (0, 3, 0)


def test_setting_the_hot_variants_stock_again_writes_one_ledger_row_for_the_difference():
    seed_bench(products=30, category_products=2, other_stores=0)
    first = stock_hot_variant(units=10)
    again = stock_hot_variant(units=4)

    assert (first.on_hand, again.on_hand) == (10, 4)
    assert again.ledger_sum == 4
    assert again.variant_id == first.variant_id


def test_the_orders_table_flags_oversold_units_and_a_ledger_that_disagrees():
    table = orders_table(
        [
            Phase("HTTP checkout", 42.0, orders=126, refused=0, oversold=0, ledger_agrees=True),
            Phase("sell-out", 12.0, orders=50, refused=31, oversold=2, ledger_agrees=False),
            Phase("pgbench", 812.6),
        ]
    )

    lines = table.splitlines()
    assert "| HTTP checkout" in lines[2] and "|         42 |" in lines[2]
    assert "|        2 |" in lines[3] and "NO" in lines[3]
    assert "813" in lines[4] and "n/a" in lines[4]
