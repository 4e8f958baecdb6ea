"""Start and end the campaigns whose time has come, in every store: what the beat's
``run_campaigns_task`` does every minute (ADR 48). Running it again does nothing more."""

from django.core.management.base import BaseCommand

from shop.services.campaigns import run_campaigns


class Command(BaseCommand):
    help = "Start and end every campaign whose start or end has come."

    def handle(self, *args, **options):
        run = run_campaigns()
        self.stdout.write(
            f"{len(run.started)} campaign(s) started, {len(run.ended)} ended, "
            f"{run.failed} failed (tried again at the next run)."
        )
