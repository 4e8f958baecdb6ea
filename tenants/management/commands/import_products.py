"""``manage.py import_products <store-slug> <file.csv> [--dry-run]``: import a Shopify
product CSV into a store, all of it or nothing.

Exit status 0 only when the file was applied (or, with ``--dry-run``, would apply
cleanly); otherwise 1, with every refused row on stderr and nothing written.
"""

from django.core.management.base import BaseCommand, CommandError

from shop.product_csv import FileRefused, ImportRefused, apply_plan, decode, plan_products
from tenancy.scope import store_scope
from tenants.management.store_files import read_file, store_of, write_report


class Command(BaseCommand):
    help = "Import a Shopify product CSV into a store (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The store's slug.")
        parser.add_argument("file", help="The CSV file (Shopify's product format, UTF-8).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say what would change; write nothing."
        )

    def handle(self, *args, slug, file, dry_run, **options):
        store = store_of(slug)
        data = read_file(file)
        with store_scope([store.site_id]):
            try:
                plan = plan_products(site_id=store.site_id, text=decode(data), file_name=file)
            except FileRefused as error:
                raise CommandError(str(error)) from error
            write_report(self, plan.report())
            if not plan.ok:
                raise CommandError(
                    f"{len(plan.rejected)} row(s) refused: nothing was imported.\n"
                    + "\n".join(plan.problems())
                )
            if dry_run:
                self.stdout.write("Dry run: the file would import cleanly. Nothing was written.")
                return
            try:
                apply_plan(plan=plan, site_id=store.site_id)
            except ImportRefused as error:
                raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {file} into {store.name}."))
        if plan.created:
            self.stdout.write(
                f"{len(plan.created)} new product(s) have no product page yet: they are not "
                "in the storefront until given a page under a category."
            )
