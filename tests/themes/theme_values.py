"""Setting a store's theme values in tests, in one place."""

from tenancy.scope import store_scope
from themes.models import StoreTheme
from themes.services import publish_theme


def set_theme(site, **values) -> None:
    """Give ``site``'s theme these values and publish them, as a merchant would in the
    theme editor: the storefront shows only the published theme."""
    with store_scope([site.pk]):
        theme = StoreTheme.objects.get(site=site)
        for name, value in values.items():
            setattr(theme, name, value)
        theme.full_clean()
        publish_theme(theme=theme)
