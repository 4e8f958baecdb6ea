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
