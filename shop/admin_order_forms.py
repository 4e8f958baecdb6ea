"""The forms of the merchant's order screen (``shop.admin_orders``), one per action.

They check the shape of what is posted (whole numbers within each line's units, a URL, a
row of this order); the services they call decide the rest and their refusals are shown
on the form. Line fields are named ``line_<order line id>``.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from .data import Fulfilment, ReturnRequest
from .services.fulfilment import CARRIERS
from .validators import no_invisible_characters, no_invisible_characters_multiline

MAX_AMOUNT = Decimal("9999999999.99")  # what an order's money column holds


def _line_field(item, most: int, *, initial: int = 0) -> forms.IntegerField:
    line = item.line
    label = line.product_title + (f" – {line.variant_label}" if line.variant_label else "")
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=most,
        initial=min(initial, most),
        required=False,
        widget=forms.NumberInput(attrs={"max": most, "min": 0, "class": "line-quantity"}),
        help_text=f"{line.sku} · up to {most}",
    )


class LinesMixin:
    """Adds one quantity field per line of ``progress`` that has units to give."""

    def add_line_fields(self, progress, most, *, initial=False):
        self.line_names = []
        for line_id, item in progress.items():
            units = most(item)
            if units > 0:
                name = f"line_{line_id}"
                self.fields[name] = _line_field(item, units, initial=units if initial else 0)
                self.line_names.append(name)

    def chosen_lines(self) -> dict[int, int]:
        return {
            int(name.removeprefix("line_")): self.cleaned_data[name]
            for name in self.line_names
            if self.cleaned_data.get(name)
        }

    def line_fields(self):
        return [self[name] for name in self.line_names]


class FulfilForm(LinesMixin, forms.Form):
    carrier = forms.CharField(
        max_length=100,
        required=False,
        validators=[no_invisible_characters],
        widget=forms.TextInput(attrs={"list": "carrier-presets", "autocomplete": "off"}),
        help_text="Posten, Bring, PostNord, DHL, UPS… make the tracking link from the number.",
    )
    tracking_number = forms.CharField(
        max_length=100, required=False, validators=[no_invisible_characters]
    )
    tracking_url = forms.URLField(
        label="Tracking URL",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="Leave empty for a known carrier.",
    )
    ship = forms.BooleanField(label="Handed to the carrier now", required=False, initial=True)

    carriers = sorted(CARRIERS)

    def __init__(self, *args, progress, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_line_fields(progress, lambda item: item.to_fulfil, initial=True)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.chosen_lines():
            raise forms.ValidationError("Choose at least one unit to fulfil.")
        return cleaned


class ShipForm(forms.Form):
    fulfilment = forms.ModelChoiceField(queryset=None, label="Parcel")
    carrier = forms.CharField(
        max_length=100,
        required=False,
        validators=[no_invisible_characters],
        widget=forms.TextInput(attrs={"list": "carrier-presets", "autocomplete": "off"}),
    )
    tracking_number = forms.CharField(
        max_length=100, required=False, validators=[no_invisible_characters]
    )

    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, **kwargs)
        # Another order's parcel is not a choice: a forged id is a field error.
        self.fields["fulfilment"].queryset = Fulfilment.objects.filter(order=order, shipped_at=None)
        self.fields["fulfilment"].label_from_instance = lambda parcel: (
            f"Parcel {parcel.number}: "
            + ", ".join(str(line) for line in parcel.lines.select_related("order_line"))
        )


class RefundForm(LinesMixin, forms.Form):
    FULL, AMOUNT, LINES = "full", "amount", "lines"
    how = forms.ChoiceField(
        label="Refund",
        choices=[(FULL, "Everything left"), (AMOUNT, "An amount"), (LINES, "Items")],
        initial=FULL,
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
    )
    shipping = forms.BooleanField(label="Refund the shipping too", required=False)
    restock = forms.BooleanField(label="Put the items back in stock", required=False)
    reason = forms.CharField(max_length=255, required=False, validators=[no_invisible_characters])

    def __init__(self, *args, progress, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_line_fields(progress, lambda item: item.refundable)

    def clean(self):
        cleaned = super().clean()
        how = cleaned.get("how")
        if how == self.AMOUNT and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", "Give the amount to refund.")
        if (
            how == self.LINES
            and not self.errors
            and not (self.chosen_lines() or cleaned.get("shipping"))
        ):
            raise forms.ValidationError("Choose at least one item to refund.")
        return cleaned

    def refund_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"reason": data["reason"]}
        if data["how"] == self.AMOUNT:
            kwargs["amount"] = data["amount"]
        elif data["how"] == self.LINES:
            kwargs.update(
                lines=self.chosen_lines(), shipping=data["shipping"], restock=data["restock"]
            )
        return kwargs


class ReturnDecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"
    return_request = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[(APPROVE, "Approve"), (REJECT, "Decline")])
    refund = forms.BooleanField(label="Refund the items", required=False, initial=True)
    restock = forms.BooleanField(label="Put them back in stock", required=False, initial=True)
    message = forms.CharField(
        label="Why declined (the shopper sees it)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_invisible_characters_multiline],
    )

    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["return_request"].queryset = ReturnRequest.objects.filter(
            order=order, status=ReturnRequest.Status.REQUESTED
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Internal note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Only staff see it."}),
        validators=[no_invisible_characters_multiline],
    )
