"""The POST data Wagtail's block editor sends, built from a block's definition.

``form_data(block, mode=..., rows=...)`` fills a block the way a merchant could:

- ``"minimal"``: every required field with a valid value, every optional field empty;
- ``"invalid"``: every field that can hold a wrong value holds one (too long, not a URL,
  not a number, not a choice, an id that names nothing), the others are left empty.

A block kind this module does not know fails loudly, so a new kind of field is never
skipped silently by the tests that use it.
"""

from dataclasses import dataclass

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.test.utils.form_data import rich_text

from themes.blocks import VideoURLBlock

MISSING_ID = "987654321"


@dataclass
class Rows:
    """Rows of the store that a valid chooser value may name."""

    pages: list
    image: object
    snippets: dict  # model -> row


def form_data(block, *, mode, rows):
    if isinstance(block, blocks.StructBlock):
        return {
            name: form_data(child, mode=mode, rows=rows)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        if mode == "minimal":
            return {"count": "0"}
        item = form_data(block.child_block, mode=mode, rows=rows)
        return {"count": "1", "0": {"value": item, "deleted": "", "order": "0", "id": ""}}
    if isinstance(block, blocks.FieldBlock):
        return _field_value(block, mode=mode, rows=rows)
    raise NotImplementedError(f"No form data for {type(block).__name__}: teach block_forms.")


def _field_value(block, *, mode, rows):
    if mode == "minimal":
        return _valid(block, rows=rows) if block.required else ""
    return _invalid(block)


def _valid(block, *, rows):
    if isinstance(block, blocks.RichTextBlock):
        return rich_text("<p>Made with care.</p>")
    if isinstance(block, blocks.PageChooserBlock):
        models = tuple(block.target_models)
        return str(next(page.pk for page in rows.pages if isinstance(page.specific, models)))
    if isinstance(block, ImageChooserBlock):
        return str(rows.image.pk)
    if isinstance(block, SnippetChooserBlock):
        return str(rows.snippets[block.model_class].pk)
    if isinstance(block, blocks.ChoiceBlock):
        return str(block.field.choices[-1][0])
    if isinstance(block, blocks.IntegerBlock):
        return str(block.field.min_value or 1)
    if isinstance(block, VideoURLBlock):
        return "https://youtu.be/aqz-KE-bpKQ"
    if isinstance(block, blocks.URLBlock):
        return "https://example.com/"
    if isinstance(block, blocks.DateTimeBlock):
        return "2030-01-01 12:00"
    if isinstance(block, blocks.BooleanBlock):
        return "on"
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return "Sample"
    raise NotImplementedError(f"No valid value for {type(block).__name__}: teach block_forms.")


def can_be_invalid(block) -> bool:
    """Whether some field of ``block`` can be sent a wrong value by the admin's editor."""
    if isinstance(block, blocks.StructBlock):
        return any(can_be_invalid(child) for child in block.child_blocks.values())
    if isinstance(block, blocks.ListBlock):
        return can_be_invalid(block.child_block)
    # The rich text editor sends well-formed content, and an empty one is an empty paragraph;
    # a checkbox is ticked or not.
    return not isinstance(block, blocks.RichTextBlock | blocks.BooleanBlock)


def _invalid(block):
    if isinstance(block, blocks.RichTextBlock):
        return rich_text("<p>Made with care.</p>")
    if isinstance(block, blocks.PageChooserBlock | ImageChooserBlock | SnippetChooserBlock):
        return MISSING_ID
    if isinstance(block, blocks.ChoiceBlock):
        return "no-such-choice"
    if isinstance(block, blocks.IntegerBlock):
        return "many"
    if isinstance(block, VideoURLBlock):
        return "https://example.com/a-video"
    if isinstance(block, blocks.URLBlock):
        return "not a web address"
    if isinstance(block, blocks.DateTimeBlock):
        return "not a date"
    if isinstance(block, blocks.BooleanBlock):
        return ""
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return "x" * ((block.field.max_length or 10_000) + 1)
    raise NotImplementedError(f"No invalid value for {type(block).__name__}: teach block_forms.")


def every_block(*, images, product, category, ends_at) -> list[tuple[str, dict | str]]:
    """A page body (``page.body = every_block(...)``) with one of each block of the
    library, filled as a merchant would: ``images`` (at least three) of the store, one of
    its products, one of its category pages, and the promo banner's end."""
    first, second, third = images[:3]
    link = {"label": "Shop the collection", "page": category, "url": ""}
    return [
        (
            "hero",
            {
                "heading": "Made slowly, kept for years",
                "subheading": "Hand-made pieces from small studios, chosen for everyday use.",
                "image": first,
                "gradient": "brand",
                "button": link,
                "secondary_button": {"label": "Our story", "page": None, "url": "/about/"},
            },
        ),
        (
            "promo_banner",
            {
                "text": "Winter sale: 20% off everything",
                "link": {"label": "Shop the sale", "page": category, "url": ""},
                "ends_at": ends_at,
                "style": "accent",
            },
        ),
        ("rich_text", "<h2>Our story</h2><p>We started with one kiln and a shared table.</p>"),
        (
            "image_text",
            {
                "image": second,
                "heading": "Made to last",
                "text": "<p>Every piece is finished by hand.</p>",
                "image_position": "left",
                "button": link,
            },
        ),
        (
            "gallery",
            {
                "heading": "In the studio",
                "layout": "grid",
                "images": [
                    {"image": image, "alt": f"Studio picture {n}", "caption": f"Caption {n}"}
                    for n, image in enumerate([first, second, third], start=1)
                ],
            },
        ),
        (
            "columns",
            {
                "heading": "Why shop with us",
                "columns": [
                    {"image": None, "heading": "Free returns", "text": "<p>30 days.</p>"},
                    {"image": None, "heading": "Made by hand", "text": "<p>Small runs.</p>"},
                    {"image": None, "heading": "Fast delivery", "text": "<p>Two days.</p>"},
                ],
            },
        ),
        (
            "call_to_action",
            {
                "heading": "Free shipping over 50",
                "text": "On every order, every day.",
                "button": link,
            },
        ),
        (
            "testimonials",
            {
                "heading": "What customers say",
                "items": [
                    {"quote": "Beautiful and sturdy.", "name": "Ingrid", "detail": "Oslo"},
                    {"quote": "The best gift this year.", "name": "Tomás", "detail": ""},
                ],
            },
        ),
        (
            "faq",
            {
                "heading": "Questions",
                "items": [
                    {"question": "When will my order arrive?", "answer": "<p>In 2 days.</p>"},
                    {"question": "Can I return it?", "answer": "<p>Within 30 days.</p>"},
                ],
            },
        ),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "title": "How our mugs are made",
                "poster": third,
                "caption": "Two minutes in the studio.",
            },
        ),
        ("spacer", {"size": "medium", "line": True}),
        (
            "product_grid",
            {
                "heading": "Bestsellers",
                "source": "picked",
                "category": None,
                "tag": "",
                "product_type": "",
                "products": [product],
                "limit": 8,
            },
        ),
        (
            "featured_product",
            {
                "product": product,
                "heading": "",
                "text": "Our favourite this season.",
                "action": "cart",
                "image_position": "right",
            },
        ),
        (
            "category_tiles",
            {"heading": "Shop by category", "tiles": [{"category": category, "title": ""}]},
        ),
        (
            "newsletter",
            {
                "heading": "Join our newsletter",
                "text": "News and offers, once a month.",
                "button_label": "Subscribe",
                "consent_text": "I agree to receive emails.",
            },
        ),
    ]
