"""What the CSV commands share: finding the store, reading the file, printing a plan, and
the plan-then-apply flow of the import commands (``CsvImportCommand``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shop.product_csv import FileRefused, ImportRefused, decode
from tenancy.scope import store_scope
from tenants.models import Store

# Rows of each list a command prints before "and N more".
SHOWN = 50


def store_of(slug: str) -> Store:
    try:
        return Store.objects.select_related("site").get(slug=slug)
    except Store.DoesNotExist:
        raise CommandError(f"No store has the slug “{slug}”.") from None


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from error


def write_report(command, report: dict) -> None:
    """The plan's summary and lists: changes on stdout, warnings on stderr."""
    summary = report["summary"]
    command.stdout.write(", ".join(f"{count} {what}" for what, count in summary.items()))
    for key in ("created", "updated"):
        entries = report.get(key, [])
        for entry in entries[:SHOWN]:
            changes = "; ".join(entry["changes"])
            command.stdout.write(f"  {key} row {entry['rows']} {entry['handle']}: {changes}")
        if len(entries) > SHOWN:
            command.stdout.write(f"  ... and {len(entries) - SHOWN} more {key}")
    for warning in report.get("warnings", []):
        command.stderr.write(f"Warning, row {warning['row']}: {warning['reason']}")


class CsvImportCommand(BaseCommand):
    """``<command> <store-slug> <file.csv> [--dry-run]``: plan the file in the store's scope,
    print the plan, and apply it all or nothing.

    Exit status 0 only when the file was applied (or, with ``--dry-run``, would apply
    cleanly); otherwise 1, with every refused row on stderr and nothing written. A
    subclass names its file, what refusal leaves unwritten, and its plan and apply steps.
    """

    file_help = ""
    nothing_written = "nothing was written"
    dry_run_message = "Dry run: the file would apply cleanly. Nothing was written."

    def plan(self, *, site_id: int, text: str, file_name: str):
        raise NotImplementedError

    def apply(self, *, plan, store) -> None:
        raise NotImplementedError

    def applied(self, *, plan, store, file: str) -> None:
        """What to say once the file is applied."""
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The store's slug.")
        parser.add_argument("file", help=self.file_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say what would change; write nothing."
        )

    def handle(self, *args, slug, file, dry_run, **options):
        store = store_of(slug)
        data = read_file(file)
        with store_scope([store.site_id]):
            try:
                plan = self.plan(site_id=store.site_id, text=decode(data), file_name=file)
            except FileRefused as error:
                raise CommandError(str(error)) from error
            write_report(self, plan.report())
            if not plan.ok:
                raise CommandError(
                    f"{len(plan.rejected)} row(s) refused: {self.nothing_written}.\n"
                    + "\n".join(plan.problems())
                )
            if dry_run:
                self.stdout.write(self.dry_run_message)
                return
            try:
                self.apply(plan=plan, store=store)
            except ImportRefused as error:
                raise CommandError(str(error)) from error
        self.applied(plan=plan, store=store, file=file)
