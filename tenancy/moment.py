"""The moment the storefront is shown at: now, or the time a merchant's "as it will look at"
preview asked for (ADR 48).

Code that decides what is live by the clock (which promotions apply, when a sale ends) asks
``moment.now()`` instead of ``timezone.now()``; the preview renders inside ``as_of(when)``.
Writes never read it: orders, usages and stock always happen now.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_as_of: ContextVar[datetime | None] = ContextVar("store_moment", default=None)


def now() -> datetime:
    """The moment being shown: the preview's, else the present."""
    return _as_of.get() or timezone.now()


def previewing() -> datetime | None:
    """The preview's moment, or None when showing the present."""
    return _as_of.get()


@contextmanager
def as_of(when: datetime) -> Iterator[None]:
    """Show the store at ``when`` inside this block."""
    token = _as_of.set(when)
    try:
        yield
    finally:
        _as_of.reset(token)
