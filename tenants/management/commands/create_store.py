"""``manage.py create_store <slug> --name … --owner-email … --preset …``: open a new store."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from tenants.addresses import platform_url, public_url
from tenants.exceptions import StoreError
from tenants.services import create_store
from themes.presets import Preset


class Command(BaseCommand):
    help = (
        "Create a store (Wagtail Site, home page, domain, collection, staff group, settings) "
        "and its owner's account, then print its address."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The store's subdomain: 'fjord' for fjord.<domain>.")
        parser.add_argument("--name", required=True, help="The store's display name.")
        parser.add_argument("--owner-email", required=True, help="Owner's login (new or existing).")
        parser.add_argument("--preset", required=True, choices=Preset.values, help="Theme preset.")
        parser.add_argument(
            "--owner-password", help="Password for a new owner account; omit to generate one."
        )

    def handle(self, *args, slug, name, owner_email, preset, owner_password, **options):
        try:
            validate_email(owner_email)
        except ValidationError as error:
            raise CommandError(f"“{owner_email}” is not a valid email address.") from error
        try:
            store, generated_password = create_store(
                slug=slug,
                name=name,
                owner_email=owner_email,
                preset=preset,
                owner_password=owner_password,
            )
        except StoreError as error:
            raise CommandError(str(error)) from error

        self.stdout.write(self.style.SUCCESS(f"Created store “{store.name}” ({preset})."))
        self.stdout.write(f"  Storefront: {public_url(store.site.hostname)}")
        self.stdout.write(f"  Admin:      {platform_url()}admin/")
        self.stdout.write(f"  Owner:      {owner_email.strip().lower()}")
        if generated_password:
            self.stdout.write(f"  Password:   {generated_password}  (generated; shown only once)")
