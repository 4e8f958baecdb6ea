"""Reading one cell: money, counts and barcodes as Shopify files (and the spreadsheets they
pass through) write them, and descriptions as safe rich text.

Each reader returns the value or raises ``CellError`` with the sentence a merchant reads.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import nh3

from tenancy.numeric_bounds import INTEGER_MAX

CENT = Decimal("0.01")
# The highest price a variant's column holds (12 digits, 2 of them decimals).
MAX_PRICE = Decimal("9999999999.99")
# A weight or count in a positive integer column.
MAX_COUNT = INTEGER_MAX

_SCIENTIFIC = re.compile(r"^\s*[+-]?(\d+)(?:[.,](\d*))?[eE]([+-]?\d+)\s*$")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class CellError(ValueError):
    """A cell that cannot be read; its message names the column and why."""


def _number(text: str, column: str) -> Decimal:
    cleaned = text.strip().replace(" ", "")
    # A decimal comma from a European spreadsheet ("12,50"), when there is no dot.
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"{column} “{text}” is not a number.") from None
    if not value.is_finite():
        raise CellError(f"{column} “{text}” is not a number.")
    return value


def read_money(text: str, column: str) -> Decimal:
    """A price: "15", "15.00", "1.5E+1" (15.00). Refused: negative, above ``MAX_PRICE``,
    or with fractions of a cent (nothing is rounded away)."""
    value = _number(text, column)
    if value < 0:
        raise CellError(f"{column} “{text}” is negative.")
    if value > MAX_PRICE:
        raise CellError(f"{column} “{text}” is above the highest price, {MAX_PRICE:,}.")
    if value != value.quantize(CENT):
        raise CellError(f"{column} “{text}” has fractions of a cent.")
    return value.quantize(CENT)


def read_count(text: str, column: str, *, allow_negative: bool = False) -> int:
    """A whole number of units or grams: "12", "12.0", "1.2E+1". Refused: fractions,
    negatives (unless allowed) and counts no column holds."""
    value = _number(text, column)
    if value != value.to_integral_value():
        raise CellError(f"{column} “{text}” is not a whole number.")
    if value < 0 and not allow_negative:
        raise CellError(f"{column} “{text}” is negative.")
    if abs(value) > MAX_COUNT:
        raise CellError(f"{column} “{text}” is larger than {MAX_COUNT:,}.")
    return int(value)


def read_grams(text: str, column: str) -> int:
    """A weight in grams, rounded to the gram ("250.4" is 250)."""
    value = _number(text, column)
    if value < 0:
        raise CellError(f"{column} “{text}” is negative.")
    if value > MAX_COUNT:
        raise CellError(f"{column} “{text}” is larger than {MAX_COUNT:,}.")
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def read_barcode(text: str) -> tuple[str, bool]:
    """The barcode's digits, and whether they are exact.

    A spreadsheet shows a long barcode in scientific notation and, saved that way, keeps
    only the digits it showed: "8.71E+12" stands for 13 digits of which 10 are lost. Such a
    barcode is not exact (the caller keeps the variant's barcode and says why). One whose
    mantissa carries every digit ("8.712345678901E+12") is written out in full.
    """
    text = text.strip()
    match = _SCIENTIFIC.match(text)
    if not match:
        return text, True
    whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
    digits = len(whole) + len(fraction)
    if exponent < 0 or len(fraction) > exponent or digits - len(whole) != exponent:
        return text, False
    return whole + fraction, True


def read_bool(text: str, column: str) -> bool | None:
    """TRUE / FALSE (any case, or yes / no); None when empty."""
    value = text.strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(f"{column} “{text}” is neither TRUE nor FALSE.")


# What a product description may hold: the product editor's rich-text features.
_TAGS = {"p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em"}
_TAGS |= {"ul", "ol", "li", "a"}
_RENAMES = [
    (re.compile(r"<(/?)strong>"), r"<\1b>"),
    (re.compile(r"<(/?)em>"), r"<\1i>"),
    (re.compile(r"<(/?)h[1-6]>"), r"<\1h3>"),
]


def clean_description(html: str) -> str:
    """The description as safe rich text: the editor's features only (paragraphs, one level
    of heading, bold, italic, lists, links to web and mail addresses); scripts, styles,
    event handlers, images and frames removed. Plain text becomes one paragraph."""
    html = html.strip()
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    ).strip()
    for pattern, replacement in _RENAMES:
        cleaned = pattern.sub(replacement, cleaned)
    if cleaned and not cleaned.startswith("<"):
        cleaned = f"<p>{cleaned}</p>"
    return cleaned
