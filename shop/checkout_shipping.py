"""The checkout form's shipping choice: where the parcel goes and the rate the shopper picks.

The rates offered depend on the address and the cart, known only once the form is read, so
the choice is a plain field checked against the priced cart (``shop.pricing.Totals``) by
``confirm_shipping``, as ``confirm_total`` checks the total: a rate of another store or
zone, or one the cart no longer qualifies for, is refused beside the field.
"""

from django import forms

from .templatetags.shop_tags import money

# The submit button that asks for the rates of the address typed, without placing the
# order (the page without JavaScript; with it, checkout.js fetches them as the address
# changes).
UPDATE_SHIPPING = "update_shipping"


class ShippingChoiceForm(forms.Form):
    shipping_rate = forms.CharField(
        required=False, max_length=20, widget=forms.HiddenInput, label="Shipping method"
    )

    def destination(self, query) -> tuple[str | None, str, str | None]:
        """The country, postal code and rate key to price the cart for: the form's own
        once it is bound (cleaned where valid), else those a GET asks for (``query``),
        else the store's country."""
        data = self.data if self.is_bound else query
        cleaned = getattr(self, "cleaned_data", {})
        country = cleaned.get("country") or data.get("country", "")
        if country not in dict(self.fields["country"].choices):
            country = self.fields["country"].to_python(country)
        if country not in dict(self.fields["country"].choices):
            country = None
        postal_code = str(data.get("postal_code", ""))[:20]
        rate_key = str(data.get("shipping_rate", ""))[:20] or None
        return country, postal_code, rate_key

    def confirm_shipping(self, totals, *, country) -> bool:
        """Whether the rate the shopper chose is one ``totals`` offer, and some rate
        reaches the address; when not, says so beside the country or the rate."""
        if not totals.ships:
            self.add_error(
                "country",
                f"We have no way of shipping this order to {country.name}. "
                "Choose another country, or change your cart.",
            )
            return False
        chosen = self.cleaned_data.get("shipping_rate")
        if chosen and chosen not in {quote.key for quote in totals.quotes}:
            names = ", ".join(
                f"{quote.name} ({money(quote.price, totals)})" for quote in totals.quotes
            )
            self.add_error(
                "shipping_rate",
                f"That shipping option is not offered to {country.name}. "
                f"Choose one of these: {names}.",
            )
            return False
        return True
