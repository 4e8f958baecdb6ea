"""WCAG 2 contrast between two colours, as the theme editor warns about it.

The same formula runs in the editor's script (``themes/static/themes/js/theme-editor.js``)
so the warning shows while the merchant types, and here for the warning after saving.
"""

import math

# WCAG 2.x success criterion 1.4.3 (AA) for body text.
AA_NORMAL_TEXT = 4.5


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of a ``#rrggbb`` colour, from 0 (black) to 1 (white)."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(foreground: str, background: str) -> float:
    """The contrast ratio of two ``#rrggbb`` colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def contrast_warning(text: str, background: str) -> str | None:
    """A sentence for the merchant when ``text`` on ``background`` fails WCAG AA, else None.

    The ratio shown is rounded down, so a failing pair never reads as 4.5:1.
    """
    ratio = contrast_ratio(text, background)
    if ratio >= AA_NORMAL_TEXT:
        return None
    shown = math.floor(ratio * 10) / 10
    return (
        f"Text colour {text} on background colour {background} has a contrast of only "
        f"{shown:.1f}:1. WCAG AA asks for at least 4.5:1: some shoppers will find the text "
        "hard to read. Choose a darker text or a lighter background (or the reverse)."
    )
