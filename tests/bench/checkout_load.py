"""Shoppers buying one hot variant through the storefront's HTTP checkout, as browsers do.

Each of ``clients`` threads plays shoppers one after another: a fresh session adds one
unit to its cart (the same-origin POST of the product page), opens the checkout page
(its CSRF token, checkout token and quoted total) and places the order with the offline
payment method. An order counts when the checkout answers with the order's confirmation
address; a refusal (sold out) when it sends the shopper back to the cart.
"""

import re
import threading
import time
from dataclasses import dataclass

import requests

from .servers import LOOPBACK

HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
SELECTED_COUNTRY = re.compile(r'<option value="([A-Z]{2})" selected>')
REQUEST_SECONDS = 30


@dataclass(frozen=True)
class CheckoutRun:
    orders: int
    refused: int
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.orders / self.seconds if self.seconds else 0.0


# What the checkout page says when the units are gone: on entering it (the hold fell
# short) or on placing the order.
SHORTAGES = "checkout__shortages"
NOT_ENOUGH_STOCK = "Not enough stock for:"


class Shopper:
    """One shopper's browser: its own cookies, the store's Host and Origin."""

    def __init__(self, *, port: int, host: str):
        self.base = f"http://{LOOPBACK}:{port}"
        self.session = requests.Session()
        self.session.headers.update({"Host": host, "Origin": f"http://{host}"})

    def buy(self, variant_id: int) -> str:
        """ "placed", "refused" or "error"."""
        added = self._post("/cart/add/", {"variant": variant_id, "quantity": 1})
        if added.status_code != 302:
            return "error"
        page = self.session.get(
            f"{self.base}/checkout/", allow_redirects=False, timeout=REQUEST_SECONDS
        )
        if page.status_code != 200:
            return "refused" if page.status_code == 302 else "error"
        if SHORTAGES in page.text:  # the hold found the last units gone
            return "refused"
        fields = dict(HIDDEN_INPUT.findall(page.text))
        country = SELECTED_COUNTRY.search(page.text)
        fields.update(
            email="bench@example.com",
            name="Bench Shopper",
            address_line1="Storgata 1",
            postal_code="0155",
            city="Oslo",
            country=country.group(1) if country else "NO",
            payment_method="bank_transfer",
        )
        done = self._post("/checkout/", fields)
        location = done.headers.get("Location", "")
        if done.status_code == 302 and "/checkout/complete/" in location:
            return "placed"
        # The checkout page again with the reason (sold out); any other answer is an error.
        refused = done.status_code == 200 and NOT_ENOUGH_STOCK in done.text
        return "refused" if refused or done.status_code == 302 else "error"

    def _post(self, path: str, data: dict):
        return self.session.post(
            f"{self.base}{path}", data=data, allow_redirects=False, timeout=REQUEST_SECONDS
        )


def buy_for(*, port: int, host: str, variant_id: int, clients: int, seconds: float):
    """Shoppers buying for ``seconds`` (or until every client has been refused twice in a
    row, the variant having sold out): what they got."""
    counts = {"placed": 0, "refused": 0, "error": 0}
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client() -> None:
        start.wait()
        refusals_in_a_row = 0
        while time.monotonic() < deadline[0] and refusals_in_a_row < 2:
            try:
                outcome = Shopper(port=port, host=host).buy(variant_id)
            except requests.RequestException:
                outcome = "error"
            refusals_in_a_row = refusals_in_a_row + 1 if outcome == "refused" else 0
            with lock:
                counts[outcome] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join(timeout=seconds + 2 * REQUEST_SECONDS)
    return CheckoutRun(
        orders=counts["placed"],
        refused=counts["refused"],
        errors=counts["error"],
        seconds=time.monotonic() - began,
    )
