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


class ProductUnavailable(ShopError):
    """The variant is not for sale in this store (wrong store, draft or archived product)."""


class EmptyCart(ShopError):
    def __init__(self):
        super().__init__("Your cart is empty.")


class CountryNotServed(ShopError):
    """The store does not ship to the chosen country."""

    def __init__(self, country: str):
        self.country = country
        super().__init__("This store does not ship to that country.")
