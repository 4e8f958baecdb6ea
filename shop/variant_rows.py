"""The variant table of the product editor: one form per variant row, and the rows of a
saved product or of a post, laid out over the product's options
(``shop.product_options.arrange_rows``)."""

import json
from decimal import Decimal

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.utils.text import slugify

from tenancy.numeric_bounds import INTEGER_MAX, INTEGER_MIN

from .data import StockLevel
from .product_options import ROW_FIELDS, key_label, parse_key

PREFIX = "variant_rows"
# The most variants one product may have.
MAX_VARIANTS = 100
money = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0")}
POLICY_CHOICES = [("", "As the product"), *StockLevel.Policy.choices]


class VariantRowForm(forms.Form):
    """One variant: its combination of option values (``key``), what was on hand when the
    form was opened (``stock_initial``: the stock change is the difference from it), and
    every field the merchant edits in the row."""

    id = forms.CharField(required=False, widget=forms.HiddenInput)
    key = forms.CharField(required=False, widget=forms.HiddenInput)
    stock_initial = forms.IntegerField(
        required=False, min_value=INTEGER_MIN, max_value=INTEGER_MAX, widget=forms.HiddenInput
    )
    price = forms.DecimalField(
        label="Price", error_messages={"required": "Enter a price."}, **money
    )
    compare_at_price = forms.DecimalField(label="Compare-at price", required=False, **money)
    on_hand = forms.IntegerField(
        label="On hand", required=False, min_value=INTEGER_MIN, max_value=INTEGER_MAX
    )
    policy = forms.ChoiceField(label="When sold out", choices=POLICY_CHOICES, required=False)
    sku = forms.CharField(label="SKU", max_length=64, required=False)
    barcode = forms.CharField(label="Barcode", max_length=64, required=False)
    cost = forms.DecimalField(label="Cost", required=False, **money)
    weight_grams = forms.IntegerField(
        label="Weight (g)", required=False, min_value=0, max_value=INTEGER_MAX
    )
    image = forms.TypedChoiceField(label="Image", required=False, coerce=int, empty_value=None)
    track_inventory = forms.BooleanField(label="Track inventory", required=False)

    def __init__(self, *args, image_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].choices = [("", "First image"), *image_choices]
        self.fields["image"].error_messages["invalid_choice"] = (
            "Choose one of the product's images."
        )
        for name, field in self.fields.items():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = f"{field.label} of {self.label}"
                field.widget.attrs["data-field"] = name

    @property
    def combination(self) -> tuple[str, ...]:
        """The option values of this row's variant, in the options' order."""
        return parse_key(self["key"].value()) or ()

    @property
    def label(self) -> str:
        return key_label(self.combination)

    def clean(self):
        cleaned = super().clean()
        price, compare = cleaned.get("price"), cleaned.get("compare_at_price")
        if compare is not None and price is not None and compare <= price:
            self.add_error("compare_at_price", "Must be higher than the price.")
        if cleaned.get("on_hand") is None:
            cleaned["on_hand"] = cleaned.get("stock_initial") or 0
        return cleaned


VariantRowFormSet = forms.formset_factory(
    VariantRowForm, extra=0, max_num=MAX_VARIANTS, absolute_max=MAX_VARIANTS
)


def variant_row(variant, key: tuple[str, ...]) -> dict:
    """The row of a saved variant, as the form shows it."""
    try:
        level = variant.stock
    except ObjectDoesNotExist:
        level = None
    on_hand = level.on_hand if level else 0
    return {
        "id": str(variant.pk),
        "key": key,
        "stock_initial": str(on_hand),
        "sku": variant.sku,
        "barcode": variant.barcode,
        "price": _text(variant.price),
        "compare_at_price": _text(variant.compare_at_price),
        "cost": _text(variant.cost),
        "weight_grams": str(variant.weight_grams or 0),
        "image": str(variant.image_id or ""),
        "track_inventory": variant.track_inventory,
        "policy": level.policy if level else "",
        "on_hand": str(on_hand),
    }


def new_row() -> dict:
    """The one row of a new product, before it has options."""
    return {
        "id": "",
        "key": (),
        "stock_initial": "0",
        "price": "",
        "weight_grams": "0",
        "track_inventory": True,
        "policy": "",
        "on_hand": "0",
    }


def _text(value) -> str:
    return "" if value is None else str(value)


def posted_rows(data) -> list[dict]:
    """The rows of a post, as posted, with each ``key`` parsed (None when unreadable)."""
    try:
        total = int(data.get(f"{PREFIX}-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        total = 0
    rows = []
    for index in range(max(0, min(total, MAX_VARIANTS))):
        row = {name: data.get(f"{PREFIX}-{index}-{name}", "") for name in ROW_FIELDS}
        row["track_inventory"] = bool(data.get(f"{PREFIX}-{index}-track_inventory"))
        row["key"] = parse_key(row["key"])
        rows.append(row)
    return rows


def formset_data(rows: list[dict]) -> dict:
    """Post data binding ``VariantRowFormSet`` to ``rows``."""
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": str(MAX_VARIANTS),
    }
    for index, row in enumerate(rows):
        for name in ROW_FIELDS:
            value = row.get(name, "")
            if name == "key":
                value = json.dumps(list(value or ()))
            elif name == "track_inventory":
                if not value:
                    continue
                value = "on"
            data[f"{PREFIX}-{index}-{name}"] = "" if value is None else str(value)
    return data


def initial_rows(rows: list[dict]) -> list[dict]:
    """``rows`` as the initial values of an unbound formset."""
    return [{**row, "key": json.dumps(list(row.get("key") or ()))} for row in rows]


def suggested_sku(handle: str, key: tuple[str, ...]) -> str:
    """A SKU made from the handle and the option values: ``TEE-S-RED``."""
    return slugify("-".join([handle, *key]))[:64].upper() or "SKU"
