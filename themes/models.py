from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from tenancy.forms import SiteSettingForm

from .presets import ButtonStyle, FontFamily, Preset

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #RRGGBB, such as #1e3a5f.")


def colour_field(label):
    return models.CharField(
        label,
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text="Leave empty to use the preset's colour.",
    )


@register_setting(icon="image")
class ThemeSettings(BaseSiteSetting):
    """How one store looks: a preset plus the merchant's adjustments.

    Empty fields mean "the preset's default", so switching preset changes everything the
    merchant has not set on purpose.
    """

    preset = models.CharField(max_length=16, choices=Preset.choices, default=Preset.MINIMAL)
    primary_color = colour_field("primary colour")
    secondary_color = colour_field("secondary colour")
    accent_color = colour_field("accent colour")
    background_color = colour_field("background colour")
    text_color = colour_field("text colour")
    font_family = models.CharField(
        max_length=16, choices=FontFamily.choices, blank=True, help_text="Body text font."
    )
    button_style = models.CharField(max_length=16, choices=ButtonStyle.choices, blank=True)
    grid_columns = models.PositiveSmallIntegerField(
        "product grid columns", choices=[(2, "2"), (3, "3"), (4, "4")], null=True, blank=True
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tagline = models.CharField(max_length=140, blank=True)

    panels = [
        FieldPanel("preset"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("primary_color"), FieldPanel("secondary_color")]),
                FieldRowPanel([FieldPanel("accent_color"), FieldPanel("background_color")]),
                FieldPanel("text_color"),
            ],
            heading="Colours",
        ),
        MultiFieldPanel(
            [FieldPanel("font_family"), FieldPanel("button_style"), FieldPanel("grid_columns")],
            heading="Typography and layout",
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("tagline")], heading="Brand"),
    ]

    base_form_class = SiteSettingForm

    class Meta:
        verbose_name = "theme"
