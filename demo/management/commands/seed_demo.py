"""``manage.py seed_demo``: the four demo stores and the demo superuser. Safe to run again."""

import time

from django.core.management.base import BaseCommand

from demo.seeding import ADMIN_PASSWORD, ADMIN_USERNAME, SeedResult, seed_demo
from tenants.addresses import platform_url, public_url


class Command(BaseCommand):
    help = (
        "Create the demo stores (fjord, aurora, heritage, maison) with catalogs, pictures and "
        "pages, and the superuser admin. Existing stores are left as they are; every run "
        "points the demo Sites at STORES_PORT."
    )

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()
        result = seed_demo()
        if verbosity:
            self._summary(result, seconds=time.monotonic() - started)

    def _summary(self, result: SeedResult, *, seconds: float) -> None:
        created = sum(item.created for item in result.stores)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready in {seconds:.1f} s: {created} store(s) created, "
                f"{len(result.stores) - created} already there."
            )
        )
        if result.admin_password_is_demo:
            admin_login = f"{ADMIN_USERNAME} / {ADMIN_PASSWORD}"
        else:
            admin_login = f"{ADMIN_USERNAME} (existing account: its password was left alone)"
        rows = [
            (
                item.store.name,
                public_url(item.store.site.hostname),
                f"{item.spec.owner_email} / {item.spec.owner_password}",
            )
            for item in result.stores
        ]
        name_width = max(len(name) for name, _, _ in rows)
        url_width = max(len(url) for _, url, _ in rows)
        self.stdout.write("")
        self.stdout.write(f"  Platform   {platform_url()}")
        self.stdout.write(f"  Admin      {platform_url()}admin/   login: {admin_login}")
        self.stdout.write("")
        for name, url, login in rows:
            self.stdout.write(f"  {name:<{name_width}}  {url:<{url_width}}  merchant: {login}")
        names = {item.store.slug: item.store.name for item in result.stores}
        if result.staff:
            self.stdout.write("")
            for spec in result.staff:
                self.stdout.write(
                    f"  {names[spec.store]:<{name_width}}  {spec.role.label.lower()}: "
                    f"{spec.email} / {spec.password}"
                )
        self.stdout.write("")
        self.stdout.write(
            "Merchants sign in at the admin address. These passwords are for this local "
            "demo only: never use them on a real deployment."
        )
