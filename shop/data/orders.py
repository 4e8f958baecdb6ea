from decimal import Decimal

from django.db import models
from django_countries.fields import CountryField
from wagtail.search import index

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager

from ..money import quantize
from ..validators import no_invisible_characters, no_invisible_characters_multiline

TEXT = [no_invisible_characters]


def luhn_check_digit(digits: str) -> int:
    """The digit that makes ``digits`` + it pass the Luhn (mod 10) check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return (10 - total % 10) % 10


class OrderLineQuerySet(StoreOwnedQuerySet):
    site_field = "order__site"


class Order(index.Indexed, models.Model):
    """A placed order. Its lines are snapshots: later catalog edits never change it."""

    class Status(models.TextChoices):
        """Where the order stands. Which status may follow which is decided by
        ``shop.services.lifecycle`` alone (ADR 41); a partial refund leaves the status as it
        is and shows in ``refunded_total``, a full refund makes the order refunded."""

        PENDING_PAYMENT = "pending_payment", "Pending payment"
        PAID = "paid", "Paid"
        PARTIALLY_FULFILLED = "partially_fulfilled", "Partially fulfilled"
        FULFILLED = "fulfilled", "Fulfilled"
        SHIPPED = "shipped", "Shipped"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"
        REFUNDED = "refunded", "Refunded"

    class PaymentMethod(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", "Bank transfer"
        CASH_ON_DELIVERY = "cash_on_delivery", "Cash on delivery"
        CARD = "card", "Card"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT)
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    email = models.EmailField()
    name = models.CharField(max_length=255, validators=TEXT)
    phone = models.CharField(max_length=40, blank=True, help_text="In E.164 form (+4755501000).")
    address_line1 = models.CharField("address", max_length=255, validators=TEXT)
    address_line2 = models.CharField(
        "address (line 2)", max_length=255, blank=True, validators=TEXT
    )
    postal_code = models.CharField(max_length=20, validators=TEXT)
    city = models.CharField(max_length=100, validators=TEXT)
    # An ISO 3166-1 alpha-2 code. Orders placed before countries were codes keep the text
    # typed then when it named no country, hence the length.
    country = CountryField(max_length=100)
    currency = models.CharField(max_length=3)
    subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    shipping_total = models.DecimalField(max_digits=12, decimal_places=2)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    # What checkout showed (ADR 40): the rate chosen, the tax and how prices carried it,
    # and the locale amounts were written in.
    shipping_rate_name = models.CharField(max_length=100, blank=True)
    shipping_rate_kind = models.CharField(max_length=16, blank=True)
    pickup_address = models.TextField(blank=True)
    tax_total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    # What promotions took off the lines (the sum of the lines' ``discount_amount``) and
    # off the shipping; ``subtotal`` and ``shipping_total`` are before them (ADR 47).
    discount_total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    shipping_discount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    shipping_tax = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    prices_include_tax = models.BooleanField(default=True)
    locale = models.CharField(max_length=5, default="en-GB")
    note = models.TextField(blank=True, validators=[no_invisible_characters_multiline])
    # Issued with the checkout form: a second submission of the same form finds this order
    # instead of placing another one.
    checkout_token = models.UUIDField(null=True, blank=True, editable=False)
    placed_at = models.DateTimeField(auto_now_add=True)
    # When the payment was received (set once, by ``lifecycle.mark_paid``). A cash-on-
    # delivery order may be shipped before it is paid.
    paid_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The sum of the order's succeeded refunds; never more than ``total``.
    refunded_total = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal("0"), editable=False
    )

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    search_fields = [
        index.SearchField("email"),
        index.SearchField("name"),
        index.AutocompleteField("email"),
        index.AutocompleteField("name"),
        index.FilterField("site_id"),
        index.FilterField("number"),
    ]

    class Meta:
        ordering = ["-placed_at", "-pk"]
        # Giving money back is the store owner's (tenants.roles); support staff fulfil,
        # cancel unpaid orders, answer returns without a refund and write notes.
        permissions = [("refund_order", "Can refund orders")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(refunded_total__gte=0)
                & models.Q(refunded_total__lte=models.F("total")),
                name="refunds_within_order_total",
            ),
            models.UniqueConstraint(fields=["site", "number"], name="order_number_per_site"),
            models.UniqueConstraint(
                fields=["site", "checkout_token"], name="one_order_per_checkout_token"
            ),
        ]

    def __str__(self):
        return f"Order #{self.number}"

    @property
    def payment_reference(self) -> str:
        """What a shopper paying by bank transfer quotes: the order number and a Luhn check
        digit, so a mistyped reference is caught by the bank or by the merchant."""
        digits = str(self.number)
        return digits + str(luhn_check_digit(digits))

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def refund_state(self) -> str:
        """ "" (nothing refunded), "partial" or "full"."""
        if not self.refunded_total:
            return ""
        return "full" if self.refunded_total >= self.total else "partial"

    @property
    def status_label(self) -> str:
        """The status as merchants and shoppers read it: "Shipped · partially refunded"."""
        label = self.get_status_display()
        if self.refund_state == "partial":
            return f"{label} · partially refunded"
        if self.refund_state == "full" and self.status != self.Status.REFUNDED:
            return f"{label} · refunded"
        return label

    @property
    def shipping_paid(self) -> Decimal:
        """The shipping after its discount (free shipping)."""
        return self.shipping_total - self.shipping_discount

    @property
    def shipping_charged(self) -> Decimal:
        """What the shopper paid for shipping: after its discount, with its tax when prices
        were entered without it."""
        return self.shipping_paid + (0 if self.prices_include_tax else self.shipping_tax)

    @property
    def shipping_address(self) -> str:
        parts = [self.address_line1, self.address_line2, f"{self.postal_code} {self.city}"]
        country = self.country.name or self.country.code
        return "\n".join(p for p in [*parts, str(country)] if p.strip())


class OrderLine(models.Model):
    """A snapshot of one cart line at the moment the order was placed."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "shop.ProductVariant", null=True, on_delete=models.PROTECT, related_name="+"
    )
    product_title = models.CharField(max_length=255)
    variant_label = models.CharField(max_length=255, blank=True)
    sku = models.CharField("SKU", max_length=64)
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    quantity = models.PositiveIntegerField()
    preordered = models.PositiveIntegerField(
        default=0, help_text="Units ordered on pre-order, beyond the stock there was."
    )
    preorder_allocated = models.PositiveIntegerField(
        default=0, help_text="Pre-ordered units allocated since, as stock arrived."
    )
    line_total = models.DecimalField(max_digits=12, decimal_places=2)
    # What promotions took off ``line_total``.
    discount_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    # The tax rate (percent) and the tax in what the line cost after its discount (prices
    # with tax) or on it.
    tax_rate = models.DecimalField(max_digits=6, decimal_places=3, default=0)
    tax_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)

    objects = StoreScopedManager.from_queryset(OrderLineQuerySet)()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(preordered__lte=models.F("quantity"))
                & models.Q(preorder_allocated__lte=models.F("preordered")),
                name="preorder_counts_within_line",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_title}"

    @property
    def awaiting_stock(self) -> int:
        """Pre-ordered units still waiting for stock."""
        return self.preordered - self.preorder_allocated

    @property
    def discounted_total(self) -> Decimal:
        return self.line_total - self.discount_amount

    def paid_for(self, units: int) -> Decimal:
        """What the shopper paid for ``units`` of this line: after its discount, with its
        tax when prices were entered without it; a share rounded to the currency's minor
        unit. All the units together are exactly what the line cost."""
        order = self.order
        paid = self.discounted_total + (0 if order.prices_include_tax else self.tax_amount)
        if units >= self.quantity:
            return paid
        return quantize(paid * units / self.quantity, order.currency)


class OrderNumberSequence(models.Model):
    """The last order number used by one store. Its row lock serialises numbering."""

    site = models.OneToOneField("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    last_number = models.PositiveIntegerField(default=1000)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    def __str__(self):
        return f"{self.site}: {self.last_number}"
