"""A product's options and the variant rows they make, for the product editor.

A product has up to ``MAX_OPTIONS`` options, each a name and its values ("Size": S, M, L),
and a variant per combination of values. The editor posts the options and a row per
variant; ``arrange_rows`` lays the posted rows out again over the combinations of the
options as now given, so that adding a value adds rows, removing one removes them, and a
row that stays keeps what it holds (its variant, SKU, price, stock). The same rules run in
``shop/static/shop/js/product-editor.js`` while the merchant types; without JavaScript
they run when the form is posted.
"""

import itertools
import json
from dataclasses import dataclass

from .data.catalog import MAX_OPTIONS

# The fields a new row copies from the first row: a new size usually costs what the
# others cost. SKU, barcode and stock are the row's own.
COPIED_TO_NEW_ROWS = ("price", "compare_at_price", "cost", "weight_grams", "track_inventory")
ROW_FIELDS = (
    "id",
    "key",
    "stock_initial",
    "sku",
    "barcode",
    "price",
    "compare_at_price",
    "cost",
    "weight_grams",
    "image",
    "track_inventory",
    "policy",
    "on_hand",
)
# The longest option name or value.
OPTION_TEXT_MAX_LENGTH = 64


@dataclass(frozen=True)
class Option:
    name: str
    values: tuple[str, ...]


def split_values(text: str) -> tuple[str, ...]:
    """Values typed comma-separated ("S, M,L"), spaces tidied, repeats (any case) dropped."""
    seen, values = set(), []
    for value in str(text or "").split(","):
        value = " ".join(value.split())
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            values.append(value)
    return tuple(values)


# The option given to variants whose own options do not tell them apart (variants made
# before products had options): each is named by its SKU.
FALLBACK_OPTION = "Variant"


def product_options(product, variants) -> tuple[list[Option], dict[int, tuple[str, ...]]]:
    """The options of a saved product and each variant's combination (by variant id).

    The options are its ``option_names`` (then any other its variants give: a product
    saved before it had option names takes them from its variants) with the values its
    variants give, in the order they first appear. Variants that these do not tell apart
    get one more option, ``FALLBACK_OPTION``, whose values are their SKUs, so no variant
    is merged into another.
    """
    names = [str(name) for name in (product.option_names or [])]
    for variant in variants:  # options a variant gives that the product does not name
        names += [str(name) for name in (variant.options or {}) if str(name) not in names]
    names = names[:MAX_OPTIONS]
    keys = {
        variant.pk: tuple(str((variant.options or {}).get(name, "")) for name in names)
        for variant in variants
    }
    if len(set(keys.values())) < len(keys):
        names = [*names[: MAX_OPTIONS - 1], FALLBACK_OPTION]
        keys = {
            variant.pk: (*keys[variant.pk][: MAX_OPTIONS - 1], variant.sku) for variant in variants
        }
    options, kept = [], []
    for position, name in enumerate(names):
        values = []
        for key in keys.values():
            if key[position] and key[position] not in values:
                values.append(key[position])
        if values:  # an option no variant gives a value for is dropped
            options.append(Option(name, tuple(values)))
            kept.append(position)
    return options, {pk: tuple(key[p] for p in kept) for pk, key in keys.items()}


def combinations(options: list[Option]) -> list[tuple[str, ...]]:
    """Every combination of the options' values, in order; one empty one without options."""
    return list(itertools.product(*(option.values for option in options)))


def key_label(key) -> str:
    return " / ".join(key) if key else "Default"


def parse_key(raw) -> tuple[str, ...] | None:
    """A row's combination as posted (a JSON list of strings); None when unreadable."""
    try:
        key = json.loads(raw or "[]")
    except ValueError:
        return None
    if not isinstance(key, list) or not all(isinstance(value, str) for value in key):
        return None
    return tuple(key)


def _matches(row_key: tuple, combo: tuple, options: list[Option]) -> bool:
    """Whether a row made for other options becomes the row of ``combo``: an option added
    gives the existing rows its first value; an option removed merges rows into the first
    that had the remaining values."""
    if len(row_key) <= len(combo):
        head, tail = combo[: len(row_key)], combo[len(row_key) :]
        firsts = tuple(option.values[0] for option in options[len(row_key) :])
        return head == row_key and tail == firsts
    remaining = iter(row_key)
    return all(value in remaining for value in combo)


def arrange_rows(rows: list[dict], options: list[Option], *, complete: bool) -> list[dict]:
    """The rows to show and save, one per combination, each a dict of ``ROW_FIELDS``.

    ``rows`` are as posted, with ``key`` parsed. With ``complete`` (the options changed, or
    a new product) every combination gets a row: its posted row, else one made for other
    options that fits it (``_matches``), else a new one copying the first row's price,
    weight and tracking. Without it, the posted rows of known combinations are kept as
    they are (a product may lack some combinations).
    """
    combos = combinations(options)
    by_key: dict[tuple, dict] = {}
    for row in rows:
        if row.get("key") is not None and row["key"] not in by_key:
            by_key[row["key"]] = row
    if not complete:
        return [by_key[combo] for combo in combos if combo in by_key]
    used = {id(row) for combo, row in by_key.items() if combo in combos}
    template = rows[0] if rows else {}
    arranged = []
    for combo in combos:
        row = by_key.get(combo) if combo in by_key else None
        if row is None:
            row = next(
                (
                    candidate
                    for candidate in rows
                    if id(candidate) not in used
                    and candidate.get("key") is not None
                    and _matches(candidate["key"], combo, options)
                ),
                None,
            )
            if row is not None:
                used.add(id(row))
                row = {**row}
            else:
                row = {name: template.get(name, "") for name in COPIED_TO_NEW_ROWS}
                row.update(id="", sku="", barcode="", on_hand="0", stock_initial="0", image="")
        arranged.append({**row, "key": combo})
    return arranged


def removed_variant_ids(rows: list[dict], arranged: list[dict]) -> set[str]:
    """Ids of the posted rows' variants that no arranged row keeps."""
    kept = {str(row.get("id") or "") for row in arranged}
    return {str(row["id"]) for row in rows if row.get("id") and str(row["id"]) not in kept}
