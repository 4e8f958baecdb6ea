"""The theme editor's form."""

from wagtail.admin.forms import WagtailAdminModelForm

from tenancy.forms import StoreChoicesFormMixin

from .presets import Preset
from .widgets import ColourInput


class ThemeForm(StoreChoicesFormMixin, WagtailAdminModelForm):
    """A store's theme: images chosen in it (logo, favicon, share image) must be the
    store's own, and each colour field shows the colour of the preset chosen in the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        preset = self._chosen_preset()
        for field in self.fields.values():
            if isinstance(field.widget, ColourInput):
                field.widget.preset = preset

    def _chosen_preset(self) -> str:
        if self.is_bound:
            chosen = self.data.get(self.add_prefix("preset"))
        else:
            chosen = self.initial.get("preset", self.instance.preset)
        return chosen if chosen in Preset.values else Preset.MINIMAL

    def choices_site(self):
        return self.instance.site
