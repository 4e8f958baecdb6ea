"""The four theme presets and the defaults each brings.

A preset is a layout and a typographic voice (its own templates and stylesheet under
``themes/<preset>/``), not just a palette: merchants tune colours, fonts and layouts on top
of it. Every choice below is a closed list, so what reaches a template or a stylesheet is
always one of our own values, never free text.
"""

from dataclasses import dataclass

from django.db import models


class Preset(models.TextChoices):
    MINIMAL = "minimal", "Minimal"
    MODERN = "modern", "Modern"
    CLASSIC = "classic", "Classic"
    LUXURY = "luxury", "Luxury"


class FontPairing(models.TextChoices):
    """A heading font and a body font that read well together."""

    INTER = "inter", "Inter (clean sans serif)"
    GROTESK = "grotesk", "Space Grotesk headings, Inter text"
    MERRIWEATHER = "merriweather", "Merriweather (bookish serif)"
    PLAYFAIR_INTER = "playfair-inter", "Playfair Display headings, Inter text"
    PLAYFAIR_MERRIWEATHER = "playfair-merriweather", "Playfair Display headings, Merriweather text"
    SYSTEM_SANS = "system-sans", "System sans serif (no download)"
    SYSTEM_SERIF = "system-serif", "System serif (no download)"


class ButtonStyle(models.TextChoices):
    ROUNDED = "rounded", "Rounded"
    SHARP = "sharp", "Sharp"
    PILL = "pill", "Pill"


class HeaderLayout(models.TextChoices):
    CENTERED = "centered", "Centered: logo above the menu"
    SPLIT = "split", "Split: logo on the left, menu on the right"
    MINIMAL = "minimal", "Minimal: logo and a menu button"


class FooterStyle(models.TextChoices):
    MINIMAL = "minimal", "Minimal: one line"
    DETAILED = "detailed", "Detailed: menus, contact details and social links"


class GridLayout(models.TextChoices):
    GRID = "grid", "Grid of cards"
    LIST = "list", "List, one product per row"


class HeroStyle(models.TextChoices):
    OVERLAY = "overlay", "Text over the image"
    SPLIT = "split", "Text beside the image"
    COMPACT = "compact", "Compact band"


SANS = '"Inter", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
GROTESK = '"Space Grotesk", "Inter", system-ui, sans-serif'
SERIF = '"Merriweather", Georgia, "Times New Roman", serif'
DISPLAY = '"Playfair Display", Georgia, "Times New Roman", serif'
SYSTEM_SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
SYSTEM_SERIF = 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif'


@dataclass(frozen=True)
class Fonts:
    heading: str
    body: str


FONT_PAIRINGS = {
    FontPairing.INTER: Fonts(heading=SANS, body=SANS),
    FontPairing.GROTESK: Fonts(heading=GROTESK, body=SANS),
    FontPairing.MERRIWEATHER: Fonts(heading=SERIF, body=SERIF),
    FontPairing.PLAYFAIR_INTER: Fonts(heading=DISPLAY, body=SANS),
    FontPairing.PLAYFAIR_MERRIWEATHER: Fonts(heading=DISPLAY, body=SERIF),
    FontPairing.SYSTEM_SANS: Fonts(heading=SYSTEM_SANS, body=SYSTEM_SANS),
    FontPairing.SYSTEM_SERIF: Fonts(heading=SYSTEM_SERIF, body=SYSTEM_SERIF),
}

BUTTON_RADII = {ButtonStyle.ROUNDED: "8px", ButtonStyle.SHARP: "0", ButtonStyle.PILL: "999px"}


@dataclass(frozen=True)
class PresetDefaults:
    primary_color: str
    secondary_color: str
    accent_color: str
    background_color: str
    text_color: str
    font_pairing: str
    button_style: str
    grid_columns: int
    header_layout: str
    footer_style: str
    hero_style: str


PRESET_DEFAULTS = {
    Preset.MINIMAL: PresetDefaults(
        primary_color="#111111",
        secondary_color="#6b7280",
        accent_color="#2563eb",
        background_color="#ffffff",
        text_color="#1f2937",
        font_pairing=FontPairing.INTER,
        button_style=ButtonStyle.SHARP,
        grid_columns=3,
        header_layout=HeaderLayout.SPLIT,
        footer_style=FooterStyle.MINIMAL,
        hero_style=HeroStyle.OVERLAY,
    ),
    Preset.MODERN: PresetDefaults(
        primary_color="#7c3aed",
        secondary_color="#ec4899",
        accent_color="#f59e0b",
        background_color="#0f0a1f",
        text_color="#f5f3ff",
        font_pairing=FontPairing.GROTESK,
        button_style=ButtonStyle.PILL,
        grid_columns=4,
        header_layout=HeaderLayout.SPLIT,
        footer_style=FooterStyle.DETAILED,
        hero_style=HeroStyle.SPLIT,
    ),
    Preset.CLASSIC: PresetDefaults(
        primary_color="#1e3a5f",
        secondary_color="#8b5e34",
        accent_color="#b91c1c",
        background_color="#fbf8f3",
        text_color="#2d2a26",
        font_pairing=FontPairing.MERRIWEATHER,
        button_style=ButtonStyle.ROUNDED,
        grid_columns=3,
        header_layout=HeaderLayout.CENTERED,
        footer_style=FooterStyle.DETAILED,
        hero_style=HeroStyle.COMPACT,
    ),
    Preset.LUXURY: PresetDefaults(
        primary_color="#1a1a1a",
        secondary_color="#b08d57",
        accent_color="#b08d57",
        background_color="#f7f4ef",
        text_color="#1a1a1a",
        font_pairing=FontPairing.PLAYFAIR_INTER,
        button_style=ButtonStyle.SHARP,
        grid_columns=2,
        header_layout=HeaderLayout.CENTERED,
        footer_style=FooterStyle.DETAILED,
        hero_style=HeroStyle.OVERLAY,
    ),
}
