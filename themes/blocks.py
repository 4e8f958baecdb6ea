"""Generic StreamField blocks every preset renders. Commerce blocks live in shop.blocks.

Every block names its picker ``group``, a ``description`` and a ``preview_value`` that
needs no row of any store (block previews run in the admin, outside any store), so
Wagtail's block picker shows each one as it will look. Limits (lengths, numbers of items)
keep a page sane whatever is typed into it.
"""

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock as WagtailImageChooserBlock

from tenancy.request import store_access

from .models import StoreTheme
from .presets import HeroStyle
from .templating import ThemedBlockMixin
from .theme import Theme
from .video import parse_video_url

TEXT, MEDIA, COMMERCE, LAYOUT = "Text", "Media", "Commerce", "Layout"
PREVIEW_TEMPLATE = "themes/default/blocks/preview.html"
INLINE_FEATURES = ["bold", "italic", "link", "ol", "ul"]
SHORT_TEXT = 2_000  # characters of rich text in an answer, a column, beside an image
LONG_TEXT = 20_000  # characters of a rich text block


# The rows the blocks of the page being prepared chose, by model and id (``chosen_rows``).
_chosen: ContextVar[dict | None] = ContextVar("chosen_block_rows", default=None)


@contextmanager
def chosen_rows(rows: dict[type, dict]) -> Iterator[None]:
    """Chooser blocks converted inside this take their rows from ``rows`` (model ->
    {id: instance}, read beforehand for a whole page) instead of reading them: an id
    missing from a model's entry names no row the page may show (None, as Wagtail's own
    choosers answer for a deleted row)."""
    token = _chosen.set(rows)
    try:
        yield
    finally:
        _chosen.reset(token)


class ChosenRowsMixin:
    """A chooser block whose rows may have been read with the rest of its page's
    (``chosen_rows``); outside such a page (the admin, a block preview) it reads them as
    Wagtail's choosers do."""

    def _chosen_rows(self) -> dict | None:
        rows = _chosen.get()
        return rows.get(self.model_class) if rows is not None else None

    def _key(self, value):
        try:
            return self.model_class._meta.pk.to_python(value)
        except ValidationError:
            return None

    def to_python(self, value):
        known = self._chosen_rows()
        if known is None or value is None:
            return super().to_python(value)
        return known.get(self._key(value))

    def bulk_to_python(self, values):
        known = self._chosen_rows()
        if known is None:
            return super().bulk_to_python(values)
        seen, result = set(), []
        for value in values:
            key = self._key(value) if value is not None else None
            row = known.get(key)
            if row is not None and key in seen:
                row = copy.copy(row)  # one instance per use, as Wagtail's own does
            result.append(row)
            seen.add(key)
        return result


class ImageChooserBlock(ChosenRowsMixin, WagtailImageChooserBlock):
    """Wagtail's image chooser, whose images arrive with their renditions: a page reads the
    images of all its blocks in one query and their renditions in one more, however many
    image blocks it has (``chosen_rows``, and here when a block type is read alone)."""

    def bulk_to_python(self, values):
        if self._chosen_rows() is not None:
            return super().bulk_to_python(values)
        images = self.model_class.objects.prefetch_renditions().in_bulk(values)
        seen, result = set(), []
        for pk in values:
            image = images.get(pk)
            if image is not None and pk in seen:
                image = copy.copy(image)  # one instance per use, as Wagtail's own does
            result.append(image)
            seen.add(pk)
        return result


class PageChooserBlock(ChosenRowsMixin, blocks.PageChooserBlock):
    """Wagtail's page chooser, whose pages a storefront page reads with those of all its
    other blocks (``chosen_rows``)."""


def walk_raw(block, raw, visit: Callable[[object, object], None]) -> None:
    """Call ``visit(block, raw)`` for ``block`` and every block nested in it (struct
    fields, list items, stream children), with their stored (JSON) values: what a page's
    blocks chose can be gathered before any of them is read."""
    if raw is None:
        return
    visit(block, raw)
    if isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                walk_raw(child, item.get("value"), visit)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            walk_raw(block.child_block, item, visit)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            if name in raw:
                walk_raw(child, raw[name], visit)


def walk_values(block, value, visit: Callable[[object, object], None]) -> None:
    """Call ``visit(block, value)`` for ``block`` and every block nested in it, with their
    values (which converts every lazy stream value on the way)."""
    if value is None:
        return
    visit(block, value)
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            walk_values(child.block, child.value, visit)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            walk_values(block.child_block, item, visit)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            walk_values(child, value.get(name), visit)


class LibraryBlockMixin(ThemedBlockMixin):
    """A themed block the block picker previews in the admin's active store's theme (or
    the default preset's, for an operator), with the preview values of the block."""

    def get_preview_template(self, value, context=None):
        return PREVIEW_TEMPLATE

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context=parent_context)
        request = context.get("request")
        active = store_access(request).active if request is not None else None
        theme = Theme.for_site(active.site, request=request) if active else Theme(StoreTheme())
        return {**context, "theme": theme, "block_preview": True}


def _block_id(parent_context) -> str:
    """The id of the stream child being rendered (for element ids), or "" in a preview."""
    child = (parent_context or {}).get("block")
    return getattr(child, "id", "") or ""


class LinkBlock(blocks.StructBlock):
    """A button: a label and where it leads (a page of the store, or a URL).

    ``LinkBlock(required=False)`` may be left entirely empty (no button is shown); once
    any part is filled in, it needs both a label and a target. A draft may keep a
    half-made link, like any other required value: publishing asks for the rest.
    """

    label = blocks.CharBlock(max_length=60, required=False)
    page = PageChooserBlock(required=False)
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


def _link(label, url="#"):
    return {"label": label, "page": None, "url": url}


class HeroBlock(LibraryBlockMixin, blocks.StructBlock):
    """The banner at the top of a page. Its layout follows the theme's hero style
    (overlay, split or compact); on phones every layout keeps the picture, the heading
    and the buttons in view (a taller crop of the image, or the image above the text)."""

    heading = blocks.CharBlock(max_length=120)
    subheading = blocks.TextBlock(required=False, max_length=300, label="Text")
    image = ImageChooserBlock(
        required=False, help_text="Without an image, the background is a gradient."
    )
    gradient = blocks.ChoiceBlock(
        choices=[
            ("brand", "Primary to secondary colour"),
            ("accent", "Accent to primary colour"),
            ("soft", "Soft, in the background colour"),
        ],
        default="brand",
        label="Gradient",
        help_text="Used when there is no image.",
    )
    button = LinkBlock(required=False)
    secondary_button = LinkBlock(required=False, label="Second button")

    theme_template = "blocks/hero.html"

    class Meta:
        icon = "image"
        label = "Hero"
        group = MEDIA
        description = (
            "A large banner with a heading, a line of text and up to two buttons, over an "
            "image or a gradient. Its layout follows the theme's hero style."
        )
        preview_value = {
            "heading": "New season, new favourites",
            "subheading": "Hand-picked pieces for everyday living.",
            "gradient": "brand",
            "button": _link("Shop now"),
            "secondary_button": _link("Our story"),
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent = parent_context or {}
        theme = parent.get("theme")
        page = parent.get("page")
        loop = parent.get("forloop") or {}
        context["hero_style"] = theme.hero_style if theme is not None else HeroStyle.OVERLAY
        # The store's home page has no title of its own: its first hero is the page's h1.
        context["heading_tag"] = (
            "h1" if page is not None and page.depth == 2 and loop.get("first") else "h2"
        )
        return context


class RichTextBlock(LibraryBlockMixin, blocks.RichTextBlock):
    theme_template = "blocks/rich_text.html"

    class Meta:
        icon = "doc-full"
        label = "Rich text"
        group = TEXT
        description = "Formatted text with headings, lists and links."
        preview_value = (
            "<h2>Our story</h2><p>Made with care in small batches, by people who love what "
            "they make.</p>"
        )


class ImageTextBlock(LibraryBlockMixin, blocks.StructBlock):
    image = ImageChooserBlock()
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=INLINE_FEATURES, max_length=SHORT_TEXT)
    image_position = blocks.ChoiceBlock(
        choices=[("left", "Image on the left"), ("right", "Image on the right")], default="left"
    )
    button = LinkBlock(required=False)

    theme_template = "blocks/image_text.html"

    class Meta:
        icon = "image"
        label = "Image with text"
        group = MEDIA
        description = "An image beside a heading, a paragraph and a button."
        preview_value = {
            "heading": "Made to last",
            "text": "<p>Every piece is finished by hand and built for years of use.</p>",
            "image_position": "left",
            "button": _link("Read more"),
        }


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        max_length=200,
        required=False,
        label="Alternative text",
        help_text="What the picture shows, for people who cannot see it. "
        "Leave empty to use the image's own description.",
    )
    caption = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "image"


class GalleryBlock(LibraryBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    images = blocks.ListBlock(GalleryImageBlock(), min_num=1, max_num=12)
    layout = blocks.ChoiceBlock(
        choices=[("grid", "Even grid"), ("mosaic", "Mosaic, the first picture large")],
        default="grid",
    )

    theme_template = "blocks/gallery.html"

    class Meta:
        icon = "image"
        label = "Gallery"
        group = MEDIA
        description = "Up to 12 pictures with captions, as a grid or a mosaic."
        preview_value = {"heading": "In the studio", "images": [], "layout": "grid"}


class ColumnBlock(blocks.StructBlock):
    image = ImageChooserBlock(required=False)
    heading = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=INLINE_FEATURES, max_length=SHORT_TEXT)

    class Meta:
        icon = "doc-full"


EMPTY_COLUMN = {"image": None, "heading": "", "text": ""}


class ColumnsBlock(LibraryBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    columns = blocks.ListBlock(
        ColumnBlock(), min_num=2, max_num=4, default=[EMPTY_COLUMN, EMPTY_COLUMN]
    )

    theme_template = "blocks/columns.html"

    class Meta:
        icon = "table"
        label = "Columns"
        group = LAYOUT
        description = "Two to four columns side by side, each with text and an optional image."
        preview_value = {
            "heading": "Why shop with us",
            "columns": [
                {"heading": "Free returns", "text": "<p>30 days to change your mind.</p>"},
                {"heading": "Made by hand", "text": "<p>In small studios, in small runs.</p>"},
                {"heading": "Fast delivery", "text": "<p>Dispatched within two days.</p>"},
            ],
        }


class CallToActionBlock(LibraryBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=300)
    button = LinkBlock()

    theme_template = "blocks/call_to_action.html"

    class Meta:
        icon = "pick"
        label = "Call to action"
        group = TEXT
        description = "A coloured band with a message and one button."
        preview_value = {
            "heading": "Free shipping over 50",
            "text": "On every order, every day.",
            "button": _link("Start shopping"),
        }


class TestimonialBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=500)
    name = blocks.CharBlock(max_length=80)
    detail = blocks.CharBlock(
        max_length=80, required=False, help_text="Where they are from, or what they bought."
    )
    image = ImageChooserBlock(required=False, help_text="A portrait, shown small and round.")

    class Meta:
        icon = "openquote"


class TestimonialsBlock(LibraryBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    items = blocks.ListBlock(TestimonialBlock(), min_num=1, max_num=6, label="Testimonials")

    theme_template = "blocks/testimonials.html"

    class Meta:
        icon = "openquote"
        label = "Testimonials"
        group = TEXT
        description = "Up to six quotes from happy customers, with their names."
        preview_value = {
            "heading": "What our customers say",
            "items": [
                {"quote": "Beautifully made, and it arrived in two days.", "name": "Ingrid"},
                {"quote": "The best gift I have given this year.", "name": "Tomás"},
            ],
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=INLINE_FEATURES, max_length=SHORT_TEXT)

    class Meta:
        icon = "help"


class FAQBlock(LibraryBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    items = blocks.ListBlock(QuestionBlock(), min_num=1, max_num=20, label="Questions")

    theme_template = "blocks/faq.html"

    class Meta:
        icon = "help"
        label = "Questions and answers"
        group = TEXT
        description = "Up to 20 questions; each answer opens when the shopper picks it."
        preview_value = {
            "heading": "Questions",
            "items": [
                {"question": "When will my order arrive?", "answer": "<p>In 2 to 4 days.</p>"},
                {"question": "Can I return it?", "answer": "<p>Yes, within 30 days.</p>"},
            ],
        }


class VideoURLBlock(blocks.URLBlock):
    """The address of a YouTube or Vimeo video; any other address is refused."""

    def clean(self, value):
        value = super().clean(value)
        if value:
            parse_video_url(value)
        return value


class VideoBlock(LibraryBlockMixin, blocks.StructBlock):
    url = VideoURLBlock(
        max_length=300, label="Video address", help_text="A YouTube or Vimeo address."
    )
    title = blocks.CharBlock(
        max_length=120, help_text="What the video is about, read out to screen readers."
    )
    poster = ImageChooserBlock(
        required=False,
        help_text="Shown until the shopper plays the video. Without one, a plain poster.",
    )
    caption = blocks.CharBlock(max_length=200, required=False)

    theme_template = "blocks/video.html"

    class Meta:
        icon = "media"
        label = "Video"
        group = MEDIA
        description = (
            "A YouTube or Vimeo video. Nothing loads from the video site until the shopper "
            "presses play."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "How our pieces are made",
            "caption": "Two minutes in the studio.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        try:
            context["video"] = parse_video_url(value.get("url"))
        except ValidationError:
            context["video"] = None  # a draft may hold an address still being typed
        context["block_id"] = _block_id(parent_context)
        return context


class SpacerBlock(LibraryBlockMixin, blocks.StructBlock):
    size = blocks.ChoiceBlock(
        choices=[("small", "Small"), ("medium", "Medium"), ("large", "Large")], default="medium"
    )
    line = blocks.BooleanBlock(required=False, label="Draw a line", help_text="A thin divider.")

    theme_template = "blocks/spacer.html"

    class Meta:
        icon = "minus"
        label = "Spacer or divider"
        group = LAYOUT
        description = "Empty space between blocks, with an optional thin line."
        preview_value = {"size": "medium", "line": True}


THEME_BLOCKS = [
    ("hero", HeroBlock()),
    ("rich_text", RichTextBlock(max_length=LONG_TEXT)),
    ("image_text", ImageTextBlock()),
    ("gallery", GalleryBlock()),
    ("columns", ColumnsBlock()),
    ("call_to_action", CallToActionBlock()),
    ("testimonials", TestimonialsBlock()),
    ("faq", FAQBlock()),
    ("video", VideoBlock()),
    ("spacer", SpacerBlock()),
]
