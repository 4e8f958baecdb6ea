from django import forms

from .models import Order


class AddToCartForm(forms.Form):
    variant = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(min_value=1, max_value=999, initial=1)


class CartLineForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=999)


class CheckoutForm(forms.Form):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    name = forms.CharField(
        label="Full name", max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        max_length=40, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    address_line1 = forms.CharField(
        label="Address",
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_line2 = forms.CharField(
        label="Apartment, suite, etc.",
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    postal_code = forms.CharField(
        max_length=20, widget=forms.TextInput(attrs={"autocomplete": "postal-code"})
    )
    city = forms.CharField(
        max_length=100, widget=forms.TextInput(attrs={"autocomplete": "address-level2"})
    )
    country = forms.CharField(
        max_length=100, widget=forms.TextInput(attrs={"autocomplete": "country-name"})
    )
    note = forms.CharField(
        label="Order note",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    payment_method = forms.ChoiceField(
        choices=Order.PaymentMethod.choices,
        initial=Order.PaymentMethod.OFFLINE,
        widget=forms.RadioSelect,
    )
