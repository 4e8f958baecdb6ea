"""``manage.py export_products <store-slug> <file.csv>``: a store's products as a Shopify
product CSV, which ``import_products`` reads back unchanged."""

from django.core.management.base import BaseCommand, CommandError

from shop.product_csv import write_csv
from tenancy.scope import store_scope
from tenants.management.store_files import store_of


class Command(BaseCommand):
    help = "Export a store's products as a Shopify product CSV."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The store's slug.")
        parser.add_argument("file", help="Where to write the CSV (UTF-8).")

    def handle(self, *args, slug, file, **options):
        store = store_of(slug)
        try:
            with (
                open(file, "w", newline="", encoding="utf-8") as stream,
                store_scope([store.site_id]),
            ):
                products = write_csv(stream, site_id=store.site_id)
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error.strerror}.") from error
        self.stdout.write(self.style.SUCCESS(f"Exported {products} product(s) to {file}."))
