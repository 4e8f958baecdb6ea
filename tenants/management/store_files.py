"""What the CSV commands share: finding the store, reading the file, printing a plan."""

from pathlib import Path

from django.core.management.base import CommandError

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
