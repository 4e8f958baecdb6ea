"""``manage.py import_stock <store-slug> <file.csv> [--dry-run]``: a stock take (columns
SKU and Quantity) setting what is on hand, all of it or nothing.

Exit status 0 only when the counts were applied (or, with ``--dry-run``, would apply
cleanly); otherwise 1, with every refused row (unknown SKUs...) on stderr.
"""

from django.core.management.base import BaseCommand, CommandError

from shop.product_csv import FileRefused, ImportRefused, apply_stock_take, decode, plan_stock_take
from tenancy.scope import store_scope
from tenants.management.store_files import read_file, store_of, write_report


class Command(BaseCommand):
    help = "Set stock on hand from a CSV of SKU and Quantity (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The store's slug.")
        parser.add_argument("file", help="The CSV file: a header row SKU,Quantity.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say what would change; write nothing."
        )

    def handle(self, *args, slug, file, dry_run, **options):
        store = store_of(slug)
        data = read_file(file)
        with store_scope([store.site_id]):
            try:
                plan = plan_stock_take(site_id=store.site_id, text=decode(data), file_name=file)
            except FileRefused as error:
                raise CommandError(str(error)) from error
            write_report(self, plan.report())
            if not plan.ok:
                raise CommandError(
                    f"{len(plan.rejected)} row(s) refused: no stock was changed.\n"
                    + "\n".join(plan.problems())
                )
            if dry_run:
                self.stdout.write("Dry run: the counts would apply cleanly. Nothing was written.")
                return
            try:
                apply_stock_take(plan=plan)
            except ImportRefused as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Stock take applied: {len(plan.changes)} count(s) changed.")
        )
