class ShopError(Exception):
    """A shopper- or merchant-facing problem; ``str()`` is a message fit to show them."""


class InsufficientStock(ShopError):
    """One or more variants have fewer units on hand than asked for."""

    def __init__(self, shortages):
        # shortages: list of (variant, available) pairs
        self.shortages = list(shortages)
        parts = [
            f"{variant} (only {max(available, 0)} left)"
            if available > 0
            else f"{variant} (out of stock)"
            for variant, available in self.shortages
        ]
        super().__init__("Not enough stock for: " + "; ".join(parts) + ".")


class StockOutOfRange(ShopError):
    """A stock change would take the count past what its column can hold."""


class ProductUnavailable(ShopError):
    """The variant is not for sale in this store (wrong store, draft or archived product)."""


class EmptyCart(ShopError):
    def __init__(self):
        super().__init__("Your cart is empty.")


class ProductInUse(ShopError):
    """A product (or variant) with stock history or orders cannot be deleted: the ledger and
    the order lines refer to it. It can be archived instead."""


class InvalidTransition(ShopError):
    """An order cannot move from its status to the one asked for (cancelling it twice,
    moving it out of cancelled)."""


class CountryNotServed(ShopError):
    """The store does not ship to the chosen country."""

    def __init__(self, country: str):
        self.country = country
        super().__init__("This store does not ship to that country.")


class ShippingUnavailable(ShopError):
    """No shipping rate of the store applies to the cart and address, or the one chosen
    no longer does."""

    def __init__(self, message: str = "Choose one of the shipping options offered."):
        super().__init__(message)


class DiscountCodeRefused(ShopError):
    """A discount code that cannot even be kept on the cart (blank, too long, one too
    many)."""


class TotalChanged(ShopError):
    """The cart's total is no longer the one the checkout page showed: a promotion started
    or ended, or a code's last use went to another order. Nothing was placed."""

    def __init__(self, totals, message: str = ""):
        self.totals = totals
        super().__init__(
            message
            or "Your total changed since the page was shown. Check it and place your order again."
        )


class BulkEditRefused(ShopError):
    """A bulk edit that would leave a chosen product or variant invalid: nothing of it is
    applied, and the message names what refused."""


class PreorderLimitReached(ShopError):
    """More units asked on pre-order than the product's pre-order limit leaves."""

    def __init__(self, variant, left: int):
        self.variant = variant
        self.left = left
        if left:
            message = f"{variant} can be pre-ordered {left} more at most."
        else:
            message = f"{variant} takes no more pre-orders for now."
        super().__init__(message)


class ReasonRequired(ShopError):
    """A stock adjustment without a reason: the ledger says why every count changed."""


class PaymentProviderError(ShopError):
    """The payment provider refused or failed an operation (a card refund); the message
    says why, in the provider's words where it gave some."""


class FulfilmentRefused(ShopError):
    """Units that cannot be fulfilled, shipped or delivered as asked: more than are left,
    a line of another order, an order not paid yet."""


class RefundRefused(ShopError):
    """A refund the order cannot take: more than was paid and not yet refunded, units
    already refunded, an order not paid."""


class ReturnRefused(ShopError):
    """A return the order cannot take: outside the store's return window, units not
    shipped or already returned, or a request already decided."""


class NoteRefused(ShopError):
    """An internal note that is empty or too long."""


class CampaignRefused(ShopError):
    """A campaign that cannot be saved as asked: it ends before it starts or in the past,
    changes an object another campaign changes at an overlapping time, or has started and
    can no longer change what it touches. ``messages`` lists every reason."""

    def __init__(self, messages):
        self.messages = list(messages) if not isinstance(messages, str) else [messages]
        super().__init__(" ".join(self.messages))
