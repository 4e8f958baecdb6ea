"""A store's header and footer menus, as the merchant arranges them.

One menu per store and location. Its links are a StreamField of link blocks rather than
inline rows: a header link may hold one level of sub-links, which Wagtail's inline panels
cannot nest, and a StreamField keeps the whole menu in one row (one query). The pages
chosen in it are checked to be the store's own on save (``tenancy.forms``, through the
admin form of ``StoreOwnedForm``), forged ids included. Until a store saves a menu, its
storefront shows the top-level pages (``shop.navigation``).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager, store_scope

MAX_LINKS = 12
MAX_SUB_LINKS = 10


def https_only(value):
    if value and urlsplit(value).scheme != "https":
        raise ValidationError("Enter an address starting with https://.")


class MenuLinkBlock(blocks.StructBlock):
    """A link to a page of the store or to an https:// address elsewhere."""

    page = blocks.PageChooserBlock(
        required=False, page_type=["wagtailcore.Page"], help_text="A page of this store…"
    )
    url = blocks.URLBlock(
        required=False, label="or address", help_text="…or an https:// address elsewhere."
    )
    label = blocks.CharBlock(
        required=False, max_length=60, help_text="Leave empty to use the page's title."
    )

    class Meta:
        icon = "link"
        label = "Link"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("url"):
            try:
                https_only(value["url"])
            except ValidationError as error:
                errors["url"] = error
        if value.get("page") and value.get("url"):
            errors["url"] = ValidationError("Choose a page or enter an address, not both.")
        elif not value.get("page") and not value.get("url") and not errors:
            errors["page"] = ValidationError("Choose a page or enter an address.")
        if value.get("url") and not value.get("label"):
            errors["label"] = ValidationError("Give a link to another site a label.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class HeaderLinkBlock(MenuLinkBlock):
    """A header link, with an optional list of sub-links shown under it."""

    children = blocks.ListBlock(
        MenuLinkBlock(), default=[], required=False, max_num=MAX_SUB_LINKS, label="Sub-links"
    )

    class Meta:
        icon = "link"
        label = "Link"


class StoreMenuQuerySet(StoreOwnedQuerySet):
    pass


class StoreMenu(PreviewableMixin, models.Model):
    """The links of one store's header or footer menu."""

    class Location(models.TextChoices):
        HEADER = "header", "Header"
        FOOTER = "footer", "Footer"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    location = models.CharField(max_length=8, choices=Location.choices)
    links = StreamField(
        [("link", HeaderLinkBlock())],
        blank=True,
        max_num=MAX_LINKS,
        help_text="Sub-links show in the header only.",
    )

    objects = StoreScopedManager.from_queryset(StoreMenuQuerySet)()

    panels = [FieldPanel("site"), FieldPanel("location"), FieldPanel("links")]

    class Meta:
        verbose_name = "menu"
        constraints = [
            models.UniqueConstraint(fields=["site", "location"], name="one_menu_per_location"),
        ]

    def __str__(self):
        return f"{self.get_location_display()} menu"

    def clean(self):
        super().clean()
        taken = (
            StoreMenu.objects.filter(site_id=self.site_id, location=self.location)
            .exclude(pk=self.pk)
            .exists()
        )
        if self.site_id and taken:
            raise ValidationError(
                {"location": f"This store already has a {self.location} menu: edit that one."}
            )
        if self.location == self.Location.FOOTER and any(
            link.value.get("children") for link in self.links
        ):
            raise ValidationError(
                {"links": "Footer menus have one level: remove the sub-links, or move them up."}
            )

    def get_preview_template(self, request, mode_name):
        return ""

    def serve_preview(self, request, mode_name):
        """The store's home page, showing this menu as edited (unsaved)."""
        if self.site_id is None:
            return HttpResponse("Choose the store first.", content_type="text/plain")
        with store_scope([self.site_id]):
            response = self.site.root_page.specific.serve_with_menu(request, menu=self)
            return response.render()
