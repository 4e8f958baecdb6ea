"""The four theme presets and the defaults each brings.

A preset is a layout and a typographic voice (its own templates and stylesheet under
``themes/<preset>/``), not just a palette: merchants tune colours on top of it.
"""

from dataclasses import dataclass

from django.db import models


class Preset(models.TextChoices):
    MINIMAL = "minimal", "Minimal"
    MODERN = "modern", "Modern"
    CLASSIC = "classic", "Classic"
    LUXURY = "luxury", "Luxury"


class FontFamily(models.TextChoices):
    SANS = "sans", "Sans serif (Inter)"
    GEOMETRIC = "geometric", "Geometric (Space Grotesk)"
    SERIF = "serif", "Serif (Merriweather)"
    DISPLAY = "display", "Display serif (Playfair Display)"


class ButtonStyle(models.TextChoices):
    ROUNDED = "rounded", "Rounded"
    SHARP = "sharp", "Sharp"
    PILL = "pill", "Pill"


FONT_STACKS = {
    FontFamily.SANS: '"Inter", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    FontFamily.GEOMETRIC: '"Space Grotesk", "Inter", system-ui, sans-serif',
    FontFamily.SERIF: '"Merriweather", Georgia, "Times New Roman", serif',
    FontFamily.DISPLAY: '"Playfair Display", Georgia, "Times New Roman", serif',
}

BUTTON_RADII = {ButtonStyle.ROUNDED: "8px", ButtonStyle.SHARP: "0", ButtonStyle.PILL: "999px"}


@dataclass(frozen=True)
class PresetDefaults:
    primary_color: str
    secondary_color: str
    accent_color: str
    background_color: str
    text_color: str
    font_family: str
    heading_font_family: str
    button_style: str
    grid_columns: int


PRESET_DEFAULTS = {
    Preset.MINIMAL: PresetDefaults(
        primary_color="#111111",
        secondary_color="#6b7280",
        accent_color="#2563eb",
        background_color="#ffffff",
        text_color="#1f2937",
        font_family=FontFamily.SANS,
        heading_font_family=FontFamily.SANS,
        button_style=ButtonStyle.SHARP,
        grid_columns=3,
    ),
    Preset.MODERN: PresetDefaults(
        primary_color="#7c3aed",
        secondary_color="#ec4899",
        accent_color="#f59e0b",
        background_color="#0f0a1f",
        text_color="#f5f3ff",
        font_family=FontFamily.GEOMETRIC,
        heading_font_family=FontFamily.GEOMETRIC,
        button_style=ButtonStyle.PILL,
        grid_columns=4,
    ),
    Preset.CLASSIC: PresetDefaults(
        primary_color="#1e3a5f",
        secondary_color="#8b5e34",
        accent_color="#b91c1c",
        background_color="#fbf8f3",
        text_color="#2d2a26",
        font_family=FontFamily.SERIF,
        heading_font_family=FontFamily.SERIF,
        button_style=ButtonStyle.ROUNDED,
        grid_columns=3,
    ),
    Preset.LUXURY: PresetDefaults(
        primary_color="#1a1a1a",
        secondary_color="#b08d57",
        accent_color="#b08d57",
        background_color="#f7f4ef",
        text_color="#1a1a1a",
        font_family=FontFamily.SANS,
        heading_font_family=FontFamily.DISPLAY,
        button_style=ButtonStyle.SHARP,
        grid_columns=2,
    ),
}
