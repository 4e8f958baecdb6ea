"""Orders placed on one hot variant through the order service alone, no HTTP:
``python -m tests.bench.order_service VARIANT_ID SITE_ID SECONDS BUYERS`` prints JSON.

Carts of one unit each are written in bulk first; then ``BUYERS`` processes (forked, so
no interpreter lock is shared), each with its own database connection, call
``place_order`` on their share of the carts for ``SECONDS``. The figure is the orders
placed over the time it took, the ceiling the HTTP checkout can reach.
"""

import json
import multiprocessing
import sys
import time

import django

CARTS_PER_BUYER = 600


def _buyer(site_id, cart_ids, details, start, deadline, results):
    from django.db import connection

    from shop.exceptions import ShopError
    from shop.models import Cart
    from shop.services import place_order
    from tenancy.scope import store_scope

    placed = refused = 0
    with store_scope([site_id]):
        carts = list(Cart.objects.filter(pk__in=cart_ids).order_by("pk"))
        start.wait()
        while not deadline.value:  # set by the parent once every buyer is ready
            time.sleep(0.001)
        for cart in carts:
            if time.monotonic() >= deadline.value:
                break
            try:
                place_order(cart=cart, details=details)
                placed += 1
            except ShopError:
                refused += 1
    connection.close()
    results.put((placed, refused))


def main(variant_id: int, site_id: int, seconds: float, buyers: int) -> dict:
    django.setup()
    from django.db import connections

    from shop.models import Cart, CartLine, StoreSettings
    from shop.services import CheckoutDetails
    from tenancy.scope import store_scope

    stamp = time.time_ns()
    with store_scope([site_id]):
        carts = Cart.objects.bulk_create(
            [
                Cart(site_id=site_id, session_key=f"bench-{stamp}-{n}")
                for n in range(CARTS_PER_BUYER * buyers)
            ]
        )
        CartLine.objects.bulk_create(
            [CartLine(cart=cart, variant_id=variant_id, quantity=1) for cart in carts]
        )
        country = StoreSettings.objects.get(site_id=site_id).default_country.code
    details = CheckoutDetails(
        email="bench@example.com",
        name="Bench Shopper",
        address_line1="Storgata 1",
        postal_code="0155",
        city="Oslo",
        country=country,
    )
    connections.close_all()
    fork = multiprocessing.get_context("fork")
    start = fork.Barrier(buyers + 1)
    deadline = fork.Value("d", 0.0)
    results = fork.Queue()
    ids = [cart.pk for cart in carts]
    processes = [
        fork.Process(
            target=_buyer,
            args=(site_id, ids[n::buyers], details, start, deadline, results),
        )
        for n in range(buyers)
    ]
    for process in processes:
        process.start()
    start.wait()
    began = time.monotonic()
    deadline.value = began + seconds
    outcomes = [results.get(timeout=seconds + 120) for _ in processes]
    elapsed = time.monotonic() - began
    for process in processes:
        process.join()
    with store_scope([site_id]):
        Cart.objects.filter(session_key__startswith=f"bench-{stamp}-").delete()
    return {
        "orders": sum(placed for placed, _ in outcomes),
        "refused": sum(refused for _, refused in outcomes),
        "seconds": elapsed,
    }


if __name__ == "__main__":
    variant, site, duration, count = sys.argv[1:5]
    print(json.dumps(main(int(variant), int(site), float(duration), int(count))))
