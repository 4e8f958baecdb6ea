"""Generic StreamField blocks every preset renders. Commerce blocks live in shop.blocks."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .templating import ThemedBlockMixin


class LinkBlock(blocks.StructBlock):
    """A button: a label and where it leads (a page of the store, or a URL).

    ``LinkBlock(required=False)`` may be left entirely empty (no button is shown); once
    any part is filled in, it needs both a label and a target. A draft may keep a
    half-made link, like any other required value: publishing asks for the rest.
    """

    label = blocks.CharBlock(max_length=60, required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"
        required = True

    @property
    def required(self):
        return self.meta.required

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        has_target = bool(value.get("page") or value.get("url"))
        if not self.required and not has_target and not value.get("label"):
            return value
        errors = {}
        if not value.get("label"):
            errors["label"] = ValidationError("Give the button a label.")
        if not has_target:
            errors["page"] = ValidationError("Choose a page or a URL.")
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class HeroBlock(ThemedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    subheading = blocks.TextBlock(required=False, max_length=300)
    image = ImageChooserBlock(required=False)
    button = LinkBlock(required=False)

    theme_template = "blocks/hero.html"

    class Meta:
        icon = "image"
        label = "Hero"
        description = "A large banner with a heading, a line of text and a button."
        preview_value = {
            "heading": "New season, new favourites",
            "subheading": "Hand-picked pieces for everyday living.",
            "button": {"label": "Shop now", "url": "/"},
        }


class RichTextBlock(ThemedBlockMixin, blocks.RichTextBlock):
    theme_template = "blocks/rich_text.html"

    class Meta:
        icon = "doc-full"
        label = "Rich text"
        description = "Formatted text with headings, lists and links."
        preview_value = "<h2>Our story</h2><p>Made with care in small batches.</p>"


class ImageTextBlock(ThemedBlockMixin, blocks.StructBlock):
    image = ImageChooserBlock()
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    image_position = blocks.ChoiceBlock(
        choices=[("left", "Image on the left"), ("right", "Image on the right")], default="left"
    )
    button = LinkBlock(required=False)

    theme_template = "blocks/image_text.html"

    class Meta:
        icon = "image"
        label = "Image with text"
        description = "An image beside a heading and a paragraph."


class CallToActionBlock(ThemedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=300)
    button = LinkBlock()

    theme_template = "blocks/call_to_action.html"

    class Meta:
        icon = "pick"
        label = "Call to action"
        description = "A coloured band with a message and one button."
        preview_value = {
            "heading": "Free shipping over 50",
            "text": "On every order, every day.",
            "button": {"label": "Start shopping", "url": "/"},
        }


THEME_BLOCKS = [
    ("hero", HeroBlock()),
    ("rich_text", RichTextBlock()),
    ("image_text", ImageTextBlock()),
    ("call_to_action", CallToActionBlock()),
]
