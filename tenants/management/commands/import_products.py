"""``manage.py import_products <store-slug> <file.csv> [--dry-run]``: import a Shopify
product CSV into a store, all of it or nothing.

Exit status 0 only when the file was applied (or, with ``--dry-run``, would apply
cleanly); otherwise 1, with every refused row on stderr and nothing written.
"""

from shop.product_csv import apply_plan, plan_products
from tenants.management.store_files import CsvImportCommand


class Command(CsvImportCommand):
    help = "Import a Shopify product CSV into a store (all rows or none)."
    file_help = "The CSV file (Shopify's product format, UTF-8)."
    nothing_written = "nothing was imported"
    dry_run_message = "Dry run: the file would import cleanly. Nothing was written."

    def plan(self, *, site_id, text, file_name):
        return plan_products(site_id=site_id, text=text, file_name=file_name)

    def apply(self, *, plan, store):
        apply_plan(plan=plan, site_id=store.site_id)

    def applied(self, *, plan, store, file):
        self.stdout.write(self.style.SUCCESS(f"Imported {file} into {store.name}."))
        if plan.created:
            self.stdout.write(
                f"{len(plan.created)} new product(s) have no product page yet: they are not "
                "in the storefront until given a page under a category."
            )
