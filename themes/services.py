"""Writes to a store's theme outside its editor: the first theme, and published changes."""

from django.db import transaction
from wagtail.models import Revision

from .models import StoreTheme
from .presets import Preset


@transaction.atomic
def create_theme(*, site, preset: str = Preset.MINIMAL, user=None) -> StoreTheme:
    """The store's theme, published from the start (its first revision), so the storefront
    always has a live theme. Call it inside the store's scope."""
    theme = StoreTheme(site=site, preset=preset, live=False)
    theme.save()
    publish_theme(theme=theme, user=user)
    return theme


@transaction.atomic
def publish_theme(*, theme: StoreTheme, user=None) -> Revision:
    """Publish the theme's values as they are on ``theme`` now, as a new revision, so its
    history and the storefront agree. Call it inside the store's scope."""
    revision = theme.save_revision(user=user, log_action=True)
    revision.publish(user=user, log_action=True)
    theme.refresh_from_db()
    return revision
