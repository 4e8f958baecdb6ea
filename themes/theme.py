"""The one object templates read the theme through."""

import copy
import re
from collections.abc import Mapping

from django.db.models import Q
from django.template.loader import select_template
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from tenancy.scope import all_stores
from tenancy.store_cache import store_value

from .models import StoreTheme
from .presets import (
    BUTTON_RADII,
    FONT_PAIRINGS,
    PRESET_DEFAULTS,
    FooterStyle,
    GridLayout,
    HeaderLayout,
    HeroStyle,
    Preset,
)

DEFAULT_TEMPLATE_DIR = "themes/default"
THEME_ENTRY = "theme"
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def published_theme(site) -> StoreTheme:
    """The site's published theme (with its logo, favicon and share image), from the
    store's cache; publishing a theme, by hand or on schedule, drops it
    (``themes.signal_handlers``)."""
    return store_value(site.pk, THEME_ENTRY, lambda: StoreTheme.published_for_site(site))


def site_ids_showing_image(image) -> set[int]:
    """The stores whose published theme shows ``image`` on every page: as logo, favicon
    or share image. Asked when an image changes or is deleted, whichever store's it is."""
    with all_stores():
        return set(
            StoreTheme.objects.filter(
                Q(logo=image) | Q(favicon=image) | Q(share_image=image)
            ).values_list("site_id", flat=True)
        )


class Theme:
    """A store's resolved theme: its preset, with the merchant's settings layered on top.

    Every value a template needs is an attribute here, already resolved; templates never
    read ``StoreTheme`` directly.
    """

    def __init__(self, settings: StoreTheme):
        self.settings = settings
        self.preset = settings.preset if settings.preset in Preset.values else Preset.MINIMAL
        self.defaults = PRESET_DEFAULTS[self.preset]

    @classmethod
    def for_site(cls, site, request=None) -> "Theme":
        """The site's published theme, memoised on ``request`` when one is given.

        Drafts and scheduled revisions never show; only the theme editor's preview request
        carries an unsaved theme, which it shows instead (``StoreTheme.make_preview_request``).
        """
        if request is None:
            return cls(published_theme(site))
        memo = request.__dict__.setdefault("_themes_by_site", {})
        if site.pk not in memo:
            previewed = StoreTheme.previewed_for_site(request, site)
            memo[site.pk] = cls(previewed or published_theme(site))
        return memo[site.pk]

    def _value(self, name):
        return getattr(self.settings, name, None) or getattr(self.defaults, name)

    def _colour(self, name) -> str:
        """A merchant colour if it is a valid #RRGGBB, else the preset's."""
        value = getattr(self.settings, name, None) or ""
        return value if HEX_COLOUR.fullmatch(value) else getattr(self.defaults, name)

    @cached_property
    def primary_color(self) -> str:
        return self._colour("primary_color")

    @cached_property
    def secondary_color(self) -> str:
        return self._colour("secondary_color")

    @cached_property
    def accent_color(self) -> str:
        return self._colour("accent_color")

    @cached_property
    def background_color(self) -> str:
        return self._colour("background_color")

    @cached_property
    def text_color(self) -> str:
        return self._colour("text_color")

    def _choice(self, name, allowed):
        value = self._value(name)
        return value if value in allowed else getattr(self.defaults, name)

    @cached_property
    def font_pairing(self) -> str:
        return self._choice("font_pairing", FONT_PAIRINGS)

    @cached_property
    def button_style(self) -> str:
        return self._choice("button_style", BUTTON_RADII)

    @cached_property
    def grid_columns(self) -> int:
        return self._choice("grid_columns", (2, 3, 4))

    @cached_property
    def header_layout(self) -> str:
        return self._choice("header_layout", HeaderLayout.values)

    @cached_property
    def footer_style(self) -> str:
        return self._choice("footer_style", FooterStyle.values)

    @cached_property
    def hero_style(self) -> str:
        return self._choice("hero_style", HeroStyle.values)

    @cached_property
    def grid_layout(self) -> str:
        value = getattr(self.settings, "grid_layout", "")
        return value if value in GridLayout.values else GridLayout.GRID

    def __getattr__(self, name):
        """Toggles (``show_search``, ``show_breadcrumbs``...) and the plain settings
        (contact details, social links, SEO defaults) read straight from the settings."""
        if name.startswith("_") or name == "settings":
            raise AttributeError(name)
        return getattr(self.settings, name)

    @property
    def logo(self):
        return self.settings.logo

    @property
    def tagline(self) -> str:
        return self.settings.tagline

    @cached_property
    def css_variables(self) -> str:
        """CSS custom properties for ``:root``; the preset stylesheets use only these.

        Safe to print inside ``<style>``: colours are re-checked as #RRGGBB here and every
        other value comes from the preset tables, never from free text.
        """
        pairs = {
            "--color-primary": self.primary_color,
            "--color-secondary": self.secondary_color,
            "--color-accent": self.accent_color,
            "--color-background": self.background_color,
            "--color-text": self.text_color,
            "--font-body": FONT_PAIRINGS[self.font_pairing].body,
            "--font-heading": FONT_PAIRINGS[self.font_pairing].heading,
            "--button-radius": BUTTON_RADII[self.button_style],
            "--grid-columns": str(self.grid_columns),
        }
        return mark_safe("; ".join(f"{name}: {value}" for name, value in pairs.items()))  # noqa: S308

    def with_overrides(self, overrides: Mapping[str, str]) -> "Theme":
        """This theme with a page's overrides on top (``themes.overrides``).

        Overridable: the primary and accent colours, the hero style, the header layout and
        the footer style. An invalid or empty value keeps this theme's own, and
        ``css_variables`` is worked out again from the new values.
        """
        allowed = {
            "primary_color": None,
            "accent_color": None,
            "hero_style": HeroStyle.values,
            "header_layout": HeaderLayout.values,
            "footer_style": FooterStyle.values,
        }
        theme = copy.copy(self)
        theme.__dict__.pop("css_variables", None)
        for name, value in overrides.items():
            if name not in allowed or not value:
                continue
            choices = allowed[name]
            if (choices is None and HEX_COLOUR.fullmatch(value)) or (
                choices is not None and value in choices
            ):
                theme.__dict__[name] = value  # shadows the cached property of that name
        return theme

    def template_names(self, name: str) -> list[str]:
        """Where to look for ``name``: the preset's own template first, then the default."""
        return [f"themes/{self.preset}/{name}", f"{DEFAULT_TEMPLATE_DIR}/{name}"]

    @cached_property
    def base_template(self):
        """The preset's ``base.html`` for ``{% extends theme.base_template %}``."""
        return select_template(self.template_names("base.html")).template

    @property
    def stylesheet(self) -> str:
        return f"themes/css/{self.preset}.css"
