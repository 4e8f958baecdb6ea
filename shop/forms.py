from uuid import UUID, uuid4

import phonenumbers
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django_countries import countries

from .checkout_shipping import ShippingChoiceForm
from .data.payments import store_takes_cards
from .models import Order
from .templatetags.shop_tags import money
from .validators import no_invisible_characters, no_invisible_characters_multiline

TEXT = [no_invisible_characters]


class AddToCartForm(forms.Form):
    variant = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(min_value=1, max_value=999, initial=1)


class CartLineForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=999)


class DiscountCodeForm(forms.Form):
    code = forms.CharField(label="Discount code", max_length=100, strip=True)


def normalise_phone(raw: str, *, country: str) -> str:
    """``raw`` in E.164 form; a number without its country code is read as ``country``'s."""
    message = f"Enter a valid phone number for {countries.name(country)}, or leave it empty."
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class CountryChoiceField(forms.ChoiceField):
    """A country code among the field's choices; a country's English name or alpha-3 code,
    as some browsers' autofill and older forms send it, is read as its alpha-2 code."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value or value in dict(self.choices):
            return value
        return countries.by_name(value) or countries.alpha2(value) or value


class CheckoutForm(ShippingChoiceForm):
    """The shopper's contact, address and payment choice, for one store and one cart.

    ``checkout_token`` is issued with the form, signed for the cart: submitting the same
    form twice (a double click, a retried request) finds the order the first submission
    placed instead of placing another.
    """

    checkout_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # The total the page showed when the shopper pressed "Place order".
    quoted_total = forms.DecimalField(
        widget=forms.HiddenInput, required=False, max_digits=12, decimal_places=2
    )
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    name = forms.CharField(
        label="Full name",
        max_length=255,
        validators=TEXT,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        max_length=40, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    address_line1 = forms.CharField(
        label="Address",
        max_length=255,
        validators=TEXT,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_line2 = forms.CharField(
        label="Apartment, suite, etc.",
        max_length=255,
        required=False,
        validators=TEXT,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    postal_code = forms.CharField(
        max_length=20,
        validators=TEXT,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        max_length=100,
        validators=TEXT,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = CountryChoiceField(widget=forms.Select(attrs={"autocomplete": "country"}))
    note = forms.CharField(
        label="Order note",
        required=False,
        max_length=1000,
        validators=[no_invisible_characters_multiline],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    payment_method = forms.ChoiceField(
        choices=Order.PaymentMethod.choices,
        initial=Order.PaymentMethod.BANK_TRANSFER,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you will pay.",
            "invalid_choice": "That way of paying is not offered. Choose one of these.",
        },
    )

    def __init__(self, *args, store_settings, cart, **kwargs):
        super().__init__(*args, **kwargs)
        self.cart = cart
        choices = store_settings.country_choices
        names = ", ".join(name for _, name in choices)
        country = self.fields["country"]
        country.choices = choices
        country.initial = store_settings.default_country.code
        country.error_messages["invalid_choice"] = (
            f"This store ships only to {names}. Choose one of these countries."
        )
        payment = self.fields["payment_method"]
        payment.choices = [
            (method, Order.PaymentMethod(method).label)
            for method in self.payment_methods(store_settings)
        ]
        payment.initial = payment.choices[0][0] if payment.choices else None

    @staticmethod
    def payment_methods(store_settings) -> list[str]:
        """The ways of paying the store offers (``Order.PaymentMethod`` values): card first
        when the store can take cards (``store_takes_cards``)."""
        card = [Order.PaymentMethod.CARD.value] if store_takes_cards(store_settings.site_id) else []
        return [*card, *store_settings.offline_payment_methods]

    def _token_salt(self) -> str:
        return f"shop.checkout:{self.cart.pk}"

    def clean_checkout_token(self) -> UUID | None:
        value = self.cleaned_data["checkout_token"]
        if not value:
            return None
        try:
            return UUID(signing.loads(value, salt=self._token_salt()))
        except (signing.BadSignature, ValueError):
            raise ValidationError(
                "This checkout form has expired. Check your details and place the order again.",
                code="checkout_token",
            ) from None

    @cached_property
    def issued_token(self) -> str:
        """The signed token to send with the form: the submitted one while it is good."""
        submitted = self.data.get("checkout_token", "") if self.is_bound else ""
        if submitted and "checkout_token" not in self.errors:
            return submitted
        return signing.dumps(str(uuid4()), salt=self._token_salt())

    def clean(self):
        cleaned = super().clean()
        phone, country = cleaned.get("phone"), cleaned.get("country")
        if phone and country:
            try:
                cleaned["phone"] = normalise_phone(phone, country=country)
            except ValidationError as error:
                self.add_error("phone", error)
        return cleaned

    def shopper_email(self) -> str:
        """The email address typed, once it is a valid one: promotions for a customer (a
        first order, a newsletter code) are priced for it."""
        cleaned = getattr(self, "cleaned_data", {})
        if cleaned.get("email"):
            return cleaned["email"]
        raw = str(self.data.get("email", "")).strip()[:254] if self.is_bound else ""
        try:
            return forms.EmailField().clean(raw) if raw else ""
        except ValidationError:
            return ""

    def checkout_details(self) -> dict:
        """The cleaned fields the order service takes as ``CheckoutDetails``."""
        skip = {"checkout_token", "quoted_total"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def confirm_total(self, totals, *, country) -> bool:
        """Whether ``totals`` are what the page showed. When not (shipping to the chosen
        country costs another rate, a discount now applies or no longer does, or a price
        changed since), says so on the form."""
        quoted = self.cleaned_data.get("quoted_total")
        if quoted is None or quoted == totals.total:
            return True
        parts = [
            f"Shipping to {country.name} costs {money(totals.shipping, totals)}",
        ]
        discounts = totals.discount + totals.shipping_discount
        if discounts:
            parts.append(f"your discounts come to {money(discounts, totals)}")
        self.add_error(
            None,
            f"{', and '.join(parts)}: your total is now {money(totals.total, totals)}. "
            "Check it and place your order again.",
        )
        return False
