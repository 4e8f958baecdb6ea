"""The theme editor's panels: four tabs of fields, colour pickers, and a publishing
schedule with a go-live date only."""

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.admin.widgets import AdminDateTimeInput

from .forms import ThemeForm
from .widgets import ColourInput


def colour_panel(name):
    return FieldPanel(name, widget=ColourInput(name))


# Scheduling a theme: a go-live date only. A store always shows a published theme, so a
# theme never expires; the next one is scheduled instead.
class SchedulePanel(PublishingPanel):
    """Wagtail's publishing schedule, with a go-live date only."""

    class BoundPanel(PublishingPanel.BoundPanel):
        template_name = "themes/admin/schedule_panel.html"


SCHEDULE_PANEL = SchedulePanel(
    children=[
        FieldPanel(
            "go_live_at",
            heading="Go live at",
            help_text="Publish this version on its own at this date and time, such as "
            "1 December at 00:00 for the winter colours.",
            widget=AdminDateTimeInput(
                js_overlay_parent_selector="#schedule-publishing-dialog",
                attrs={
                    "data-controller": "w-action",
                    "data-action": "w-dialog:hidden->w-action#reset",
                    "data-w-dialog-target": "notify",
                },
            ),
        )
    ]
)


THEME_EDITOR_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("preset"),
                MultiFieldPanel(
                    [
                        FieldRowPanel(
                            [colour_panel("primary_color"), colour_panel("secondary_color")]
                        ),
                        FieldRowPanel(
                            [colour_panel("accent_color"), colour_panel("background_color")]
                        ),
                        colour_panel("text_color"),
                    ],
                    heading="Colours",
                ),
                MultiFieldPanel(
                    [FieldPanel("font_pairing"), FieldPanel("button_style")],
                    heading="Typography",
                ),
                MultiFieldPanel(
                    [FieldPanel("logo"), FieldPanel("favicon"), FieldPanel("tagline")],
                    heading="Brand",
                ),
                SCHEDULE_PANEL,
            ],
            heading="Style",
        ),
        ObjectList(
            [
                FieldPanel("header_layout"),
                FieldPanel("footer_style"),
                FieldPanel("hero_style"),
                FieldRowPanel([FieldPanel("grid_columns"), FieldPanel("grid_layout")]),
                FieldPanel("show_category_sidebar"),
                MultiFieldPanel(
                    [
                        FieldPanel("show_search"),
                        FieldPanel("show_filters"),
                        FieldPanel("show_breadcrumbs"),
                        FieldPanel("show_stock_count"),
                        FieldPanel("show_related_products"),
                        FieldPanel("show_reviews", read_only=True),
                        FieldPanel("show_wishlist", read_only=True),
                    ],
                    heading="Features",
                ),
            ],
            heading="Layout",
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("contact_email"),
                        FieldPanel("contact_phone"),
                        FieldPanel("contact_address"),
                    ],
                    heading="Contact details",
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("instagram_url"),
                        FieldPanel("facebook_url"),
                        FieldPanel("tiktok_url"),
                        FieldPanel("pinterest_url"),
                        FieldPanel("youtube_url"),
                        FieldPanel("x_url"),
                    ],
                    heading="Social links",
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("seo_title_suffix"),
                        FieldPanel("seo_description"),
                        FieldPanel("share_image"),
                    ],
                    heading="Search and sharing",
                ),
            ],
            heading="Contact and SEO",
        ),
        ObjectList(
            [
                FieldPanel("ga4_measurement_id"),
                FieldPanel("meta_pixel_id"),
                FieldPanel("custom_css"),
                FieldPanel("custom_head_code"),
                FieldPanel("custom_body_code"),
            ],
            heading="Analytics and code",
        ),
    ],
    base_form_class=ThemeForm,
)
