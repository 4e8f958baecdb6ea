"""``manage.py seed_bench``: the catalog ``make bench`` measures. Safe to run again."""

import json as json_module
import time
from dataclasses import asdict

from django.core.management.base import BaseCommand

from demo.bench_catalog import seed_bench


class Command(BaseCommand):
    help = (
        "Create the benchmark catalog: Fjord Living with an everyday category and PRODUCTS "
        "products in all, and OTHER_STORES further stores. Adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=2000)
        parser.add_argument("--category-products", type=int, default=24)
        parser.add_argument("--other-stores", type=int, default=1000)
        parser.add_argument(
            "--json", action="store_true", help="Print what to request as JSON (for the runner)."
        )

    def handle(self, *args, products, category_products, other_stores, json=False, **options):
        started = time.monotonic()
        catalog = seed_bench(
            products=products, category_products=category_products, other_stores=other_stores
        )
        if json:
            self.stdout.write(_dumps(asdict(catalog)))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Benchmark catalog ready in {time.monotonic() - started:.1f} s: "
                f"{catalog.products} products at {catalog.hostname}, {catalog.stores} stores."
            )
        )


def _dumps(data) -> str:
    return json_module.dumps(data)
