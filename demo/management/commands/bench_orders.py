"""``manage.py bench_orders``: the hot variant ``make bench`` sells, as JSON for the runner."""

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand

from demo.bench_orders import hot_variant_state, stock_hot_variant


class Command(BaseCommand):
    help = (
        "Make the benchmark's hot variant and set its stock to UNITS through the stock "
        "service; or, with --state, print what became of its stock. Prints JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=None)
        parser.add_argument(
            "--state",
            nargs=3,
            metavar=("VARIANT_ID", "SITE_ID", "HOSTNAME"),
            help="Print the variant's on-hand count, ledger sum and units sold.",
        )

    def handle(self, *args, units=None, state=None, **options):
        if state is not None:
            variant_id, site_id, hostname = state
            found = hot_variant_state(
                variant_id=int(variant_id), site_id=int(site_id), hostname=hostname
            )
        else:
            found = stock_hot_variant(units=units if units is not None else 0)
        self.stdout.write(json.dumps(asdict(found)))
