"""What a numeric column can hold, the same on every database we run on.

SQLite stores any 64-bit integer in an ``integer`` column, PostgreSQL only 32 bits, so a
form that accepts what SQLite takes would fail on PostgreSQL with a 500. Every numeric
input is bounded by the ranges PostgreSQL enforces (Django's portable ranges), so a value
refused in production is refused in development too, with a form error.

``bound_admin_number_fields()`` (called from ``TenancyConfig.ready()``) makes every integer
field of every Wagtail admin form of every app (snippets, settings, pages, inline panels)
carry these bounds. Decimal fields are already bounded by their ``max_digits``. Services
that compute a number check it against the same ranges (``shop.services.stock``).
"""

from decimal import Decimal

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from wagtail.admin.forms.models import register_form_field_override

INTEGER_RANGES: dict[str, tuple[int, int]] = dict(BaseDatabaseOperations.integer_field_ranges)

# The range of an ``IntegerField`` column: stock counts and ledger quantities.
INTEGER_MIN, INTEGER_MAX = INTEGER_RANGES["IntegerField"]


def integer_range(field: models.Field) -> tuple[int, int]:
    """The values an integer model field's column holds on every supported database."""
    return INTEGER_RANGES[field.get_internal_type()]


def decimal_range(field: models.DecimalField) -> tuple[Decimal, Decimal]:
    """The values a decimal model field's column holds (``max_digits``, ``decimal_places``)."""
    step = Decimal(1).scaleb(-field.decimal_places)
    largest = Decimal(10) ** (field.max_digits - field.decimal_places) - step
    return -largest, largest


def _integer_bounds(field: models.Field) -> dict[str, int]:
    low, high = integer_range(field)
    return {"min_value": low, "max_value": high}


def bound_admin_number_fields() -> None:
    """Give every integer field of Wagtail's admin forms the bounds of its column.

    Registered on ``IntegerField``, so every subclass (small, big, positive) is covered,
    each with its own range; a field with choices keeps its choices instead.
    """
    register_form_field_override(models.IntegerField, override=_integer_bounds)
