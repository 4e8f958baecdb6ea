"""The theme editor's colour field: a native colour picker beside the hex text.

An empty field means "the preset's colour": the picker and the text's placeholder show the
colour of the preset chosen in the form, and follow the preset select as it changes
(``themes/static/themes/js/theme-editor.js``, with every preset's colour for the field in
``data-preset-colours``). Only the text input has a name, so only it is submitted.
"""

import json
import re

from django import forms

from .presets import PRESET_DEFAULTS, Preset

HEX = re.compile(r"#[0-9a-fA-F]{6}")


class ColourInput(forms.TextInput):
    """A ``#rrggbb`` text input with a colour picker, for the theme field ``role``."""

    template_name = "themes/admin/widgets/colour_input.html"

    def __init__(self, role: str, attrs=None):
        self.role = role
        # The preset whose colour an empty field stands for; the form sets it.
        self.preset = Preset.MINIMAL
        super().__init__(
            attrs={
                "class": "theme-colour__hex",
                "spellcheck": "false",
                "autocomplete": "off",
                "data-theme-colour-hex": "",
                **(attrs or {}),
            }
        )

    class Media:
        js = ["themes/js/theme-editor.js"]
        css = {"all": ["themes/css/theme-editor.css"]}

    def preset_colours(self) -> dict[str, str]:
        return {
            preset: getattr(defaults, self.role) for preset, defaults in PRESET_DEFAULTS.items()
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        colours = self.preset_colours()
        preset_colour = colours.get(self.preset, colours[Preset.MINIMAL])
        value = (value or "").strip()
        context["widget"]["attrs"]["placeholder"] = preset_colour
        context["widget"].update(
            role=self.role,
            preset_colour=preset_colour,
            preset_colours_json=json.dumps(colours),
            picker_value=value.lower() if HEX.fullmatch(value) else preset_colour,
            uses_preset=not value,
            picker_label=f"Pick the {self.role.removesuffix('_color')} colour",
            label_id=f"{context['widget']['attrs'].get('id', name)}-picker",
        )
        return context
