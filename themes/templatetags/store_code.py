"""Tags for the theme's inline style and the store's own code (``themes.custom_code``)."""

from django import template
from django.utils.safestring import mark_safe

from ..custom_code import theme_style as build_theme_style

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_style(context) -> str:
    """The text of the theme's ``<style>``: exactly what a page's policy hashes when the
    store's own CSS needs ``style-src-elem``. Colours are re-checked #RRGGBB values and
    every other value comes from the preset tables (``Theme.css_variables``)."""
    theme = context.get("theme")
    return mark_safe(build_theme_style(theme)) if theme else ""  # noqa: S308
