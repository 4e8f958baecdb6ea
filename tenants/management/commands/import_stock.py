"""``manage.py import_stock <store-slug> <file.csv> [--dry-run]``: set a store's stock on
hand from a CSV of SKU and Quantity, all of it or nothing.

Exit status 0 only when the counts were applied (or, with ``--dry-run``, would apply
cleanly); otherwise 1, with every refused row on stderr and no stock changed.
"""

from shop.product_csv import apply_stock_take, plan_stock_take
from tenants.management.store_files import CsvImportCommand


class Command(CsvImportCommand):
    help = "Set stock on hand from a CSV of SKU and Quantity (all rows or none)."
    file_help = "The CSV file: a header row SKU,Quantity."
    nothing_written = "no stock was changed"
    dry_run_message = "Dry run: the counts would apply cleanly. Nothing was written."

    def plan(self, *, site_id, text, file_name):
        return plan_stock_take(site_id=site_id, text=text, file_name=file_name)

    def apply(self, *, plan, store):
        apply_stock_take(plan=plan)

    def applied(self, *, plan, store, file):
        self.stdout.write(
            self.style.SUCCESS(f"Stock take applied: {len(plan.changes)} count(s) changed.")
        )
