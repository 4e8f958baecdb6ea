"""Two submissions of one cart's checkout form at the same moment, on a SQLite file.

Run by ``test_sqlite_writers.py`` in a process of its own, with ``DATABASE_URL`` naming a
migrated SQLite file: the test suite's own SQLite database lives in memory, where threads
share one cache and fail at once instead of waiting for each other's locks. Prints what
happened as JSON.
"""

import json
import os
import sys
import threading

import django


def main() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from shop.models import Order, StockLevel
    from tenancy.scope import store_scope
    from tests.shop.checkout_helpers import issued_checkout_token
    from tests.shop.factories import stocked_variant
    from tests.shop.test_views import CHECKOUT_FORM
    from tests.tenants.factories import StoreFactory

    store = StoreFactory(slug="sqlite-race")
    variant = stocked_variant(site=store.site, stock=5, title="Desk lamp")
    shopper = Client(HTTP_HOST=store.site.hostname)
    shopper.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 2})
    form = {**CHECKOUT_FORM, "checkout_token": issued_checkout_token(shopper)}
    cookie = shopper.cookies[settings.SESSION_COOKIE_NAME].value
    barrier = threading.Barrier(2, timeout=30)
    outcomes = [None, None]

    def submit(index):
        tab = Client(HTTP_HOST=store.site.hostname)
        tab.cookies[settings.SESSION_COOKIE_NAME] = cookie
        try:
            barrier.wait()
            response = tab.post(reverse("shop:checkout"), form)
            outcomes[index] = [response.status_code, response.get("Location", "")]
        except Exception as error:  # reported, and asserted on by the test
            outcomes[index] = [repr(error), ""]
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with store_scope([store.site.pk]):
        return {
            "options": connection.settings_dict["OPTIONS"],
            "outcomes": outcomes,
            "orders": Order.objects.count(),
            "on_hand": StockLevel.objects.get(variant=variant).on_hand,
        }


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main()) + "\n")
