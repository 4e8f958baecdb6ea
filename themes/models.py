from urllib.parse import urlsplit

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager, store_scope

from .panels import THEME_EDITOR_PANELS
from .presets import (
    ButtonStyle,
    FontPairing,
    FooterStyle,
    GridLayout,
    HeaderLayout,
    HeroStyle,
    Preset,
)
from .preview import PREVIEW_MODES, preview_page, preview_unavailable

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #RRGGBB, such as #1e3a5f.")
ga4_id = RegexValidator(
    r"^G-[A-Z0-9]{4,16}$", "Enter a GA4 measurement ID such as G-AB12CD34EF (not a UA- ID)."
)
meta_pixel_id = RegexValidator(r"^[0-9]{10,20}$", "Enter a Meta Pixel ID: 10 to 20 digits.")

CUSTOM_CSS_LIMIT = 20_000
CUSTOM_CODE_LIMIT = 20_000

SOCIAL_NETWORKS = {
    "instagram": ("Instagram", ("instagram.com",)),
    "facebook": ("Facebook", ("facebook.com", "fb.com")),
    "tiktok": ("TikTok", ("tiktok.com",)),
    "pinterest": ("Pinterest", ("pinterest.com",)),
    "youtube": ("YouTube", ("youtube.com", "youtu.be")),
    "x": ("X", ("x.com", "twitter.com")),
}


@deconstructible
class SocialURLValidator:
    """An https:// address on the network's own site (a profile, not any link)."""

    def __init__(self, network):
        self.network = network

    def __call__(self, value):
        label, hosts = SOCIAL_NETWORKS[self.network]
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
        if parts.scheme != "https" or not any(
            host == allowed or host.endswith("." + allowed) for allowed in hosts
        ):
            raise ValidationError(f"Enter an https:// address on {hosts[0]} for {label}.")

    def __eq__(self, other):
        return isinstance(other, SocialURLValidator) and other.network == self.network


def no_closing_style_tag(value):
    if "</style" in value.lower():
        raise ValidationError("Custom CSS cannot contain </style>: enter CSS rules only.")


def colour_field(label):
    return models.CharField(
        label,
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text="Leave empty to use the preset's colour.",
    )


def social_field(network):
    return models.URLField(
        SOCIAL_NETWORKS[network][0], blank=True, validators=[SocialURLValidator(network)]
    )


def toggle(label, default, help_text=""):
    return models.BooleanField(label, default=default, help_text=help_text)


# The request attribute holding themes being previewed, by site id: the unsaved theme of
# the editor's form, read by ``themes.theme.Theme.for_site`` instead of the published one.
PREVIEW_THEMES_ATTR = "_theme_previews"


class StoreThemeQuerySet(StoreOwnedQuerySet):
    pass


class StoreTheme(DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """How one store looks: a preset plus the merchant's adjustments.

    Empty fields mean "the preset's default", so switching preset changes everything the
    merchant has not set on purpose. One per store, edited as a snippet with drafts,
    revisions, previews, scheduled publishing and locking: the row holds the published
    values (edits of a live theme go to revisions until published), and the storefront
    reads the row only.
    """

    # ``site.theme`` reads the row through the base manager, in no store scope: for the
    # platform's list of stores, which shows each one's published colours.
    site = models.OneToOneField(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="theme", editable=False
    )

    preset = models.CharField(max_length=16, choices=Preset.choices, default=Preset.MINIMAL)
    primary_color = colour_field("primary colour")
    secondary_color = colour_field("secondary colour")
    accent_color = colour_field("accent colour")
    background_color = colour_field("background colour")
    text_color = colour_field("text colour")
    font_pairing = models.CharField(
        "fonts",
        max_length=24,
        choices=FontPairing.choices,
        blank=True,
        help_text="Headings and text. Leave empty to use the preset's fonts.",
    )
    button_style = models.CharField(max_length=16, choices=ButtonStyle.choices, blank=True)

    header_layout = models.CharField(max_length=16, choices=HeaderLayout.choices, blank=True)
    footer_style = models.CharField(
        "footer", max_length=16, choices=FooterStyle.choices, blank=True
    )
    hero_style = models.CharField(max_length=16, choices=HeroStyle.choices, blank=True)
    grid_columns = models.PositiveSmallIntegerField(
        "product grid columns", choices=[(2, "2"), (3, "3"), (4, "4")], null=True, blank=True
    )
    grid_layout = models.CharField(
        "product listing",
        max_length=8,
        choices=GridLayout.choices,
        default=GridLayout.GRID,
    )
    show_category_sidebar = toggle(
        "category sidebar", True, "A list of the store's categories beside category pages."
    )

    show_search = toggle(
        "search box", False, "Shown in the header once storefront search is available."
    )
    show_filters = toggle("filters and sorting", True, "On category pages.")
    show_breadcrumbs = toggle("breadcrumbs", True)
    show_stock_count = toggle(
        "stock count", True, 'On product pages: "Only 3 left" when stock runs low.'
    )
    show_related_products = toggle("related products", True, "On product pages.")
    show_reviews = toggle("product reviews", False, "Shown once product reviews are available.")
    show_wishlist = toggle("wishlist", False, "Shown once wishlists are available.")

    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square image; shown in browser tabs and bookmarks.",
    )
    tagline = models.CharField(max_length=140, blank=True)

    instagram_url = social_field("instagram")
    facebook_url = social_field("facebook")
    tiktok_url = social_field("tiktok")
    pinterest_url = social_field("pinterest")
    youtube_url = social_field("youtube")
    x_url = social_field("x")

    contact_email = models.EmailField("contact email", blank=True)
    contact_phone = models.CharField("contact phone", max_length=40, blank=True)
    contact_address = models.TextField("address", max_length=300, blank=True)

    seo_title_suffix = models.CharField(
        "title suffix",
        max_length=60,
        blank=True,
        help_text="Follows each page's title in browser tabs and search results, such as "
        '"Fjord Outfitters, Oslo". Leave empty to use the store\'s name.',
    )
    seo_description = models.TextField(
        "default meta description",
        max_length=300,
        blank=True,
        help_text="Used by pages that have no search description of their own.",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page of the store is shared on social media.",
    )

    ga4_measurement_id = models.CharField(
        "Google Analytics 4 measurement ID", max_length=20, blank=True, validators=[ga4_id]
    )
    meta_pixel_id = models.CharField(
        "Meta Pixel ID", max_length=20, blank=True, validators=[meta_pixel_id]
    )

    custom_css = models.TextField(
        "custom CSS",
        blank=True,
        validators=[MaxLengthValidator(CUSTOM_CSS_LIMIT), no_closing_style_tag],
        help_text="Added after the theme's styles on storefront pages; never on cart or checkout.",
    )
    custom_head_code = models.TextField(
        "code at the end of <head>",
        blank=True,
        validators=[MaxLengthValidator(CUSTOM_CODE_LIMIT)],
        help_text="HTML for storefront pages only (never cart, checkout or account pages).",
    )
    custom_body_code = models.TextField(
        "code at the end of <body>",
        blank=True,
        validators=[MaxLengthValidator(CUSTOM_CODE_LIMIT)],
        help_text="HTML for storefront pages only (never cart, checkout or account pages).",
    )

    edit_handler = THEME_EDITOR_PANELS

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="storetheme")

    objects = StoreScopedManager.from_queryset(StoreThemeQuerySet)()

    class Meta:
        verbose_name = "theme"
        verbose_name_plural = "themes"
        permissions = [
            ("publish_storetheme", "Can publish the store's theme"),
            ("lock_storetheme", "Can lock the store's theme"),
            ("unlock_storetheme", "Can unlock the store's theme"),
        ]

    def __str__(self):
        return f"{self.site.site_name or self.site.hostname} theme"

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def published_for_site(cls, site) -> "StoreTheme":
        """The theme the site's shoppers see: its published row, or the preset defaults
        (an unsaved theme) for a site that has none, such as the platform's own.

        Opens the site's own store scope: the published theme is what the store shows
        everyone, so reading it for the site named leaks nothing.
        """
        with store_scope([site.pk]):
            theme = (
                cls.objects.filter(site=site, live=True)
                .select_related("logo", "favicon", "share_image")
                .first()
            )
        return theme or cls(site=site)

    @staticmethod
    def previewed_for_site(request, site) -> "StoreTheme | None":
        """The unsaved theme an admin preview of ``site`` shows, if this is one."""
        return getattr(request, PREVIEW_THEMES_ATTR, {}).get(site.pk)

    # --- Preview: the store's real pages with this (unsaved) theme -----------------------

    @property
    def preview_modes(self):
        return PREVIEW_MODES

    def make_preview_request(
        self, original_request=None, preview_mode=None, extra_request_attrs=None
    ):
        """Serve the store's page for ``preview_mode`` as its own preview does, with this
        theme in place of the published one."""
        page = preview_page(self.site, preview_mode or "")
        if page is None:
            return preview_unavailable(original_request, preview_mode or "")
        attrs = {**(extra_request_attrs or {}), PREVIEW_THEMES_ATTR: {self.site_id: self}}
        return page.make_preview_request(original_request, page.default_preview_mode, attrs)

    @property
    def social_links(self) -> list[tuple[str, str, str]]:
        """``(network, label, url)`` for each social link the merchant filled in."""
        return [
            (network, label, getattr(self, f"{network}_url"))
            for network, (label, _) in SOCIAL_NETWORKS.items()
            if getattr(self, f"{network}_url")
        ]


# Page-tree overrides live in their own module; Django finds the model here.
from .overrides import PageThemeOverride  # noqa: E402, F401
