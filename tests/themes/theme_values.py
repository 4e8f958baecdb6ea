"""Setting a store's theme values in tests, in one place."""

from themes.models import ThemeSettings


def set_theme(site, **values) -> None:
    """Give ``site``'s theme these values, as a merchant saving the theme would."""
    settings = ThemeSettings.for_site(site)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
