"""A local Stripe API for the real ``stripe`` library: the endpoints our code calls,
answered as Stripe's API reference documents them.

Requests are form-encoded with a bearer secret key (and ``Stripe-Account`` for connected
accounts); answers are JSON objects carrying ``object`` and ids with Stripe's prefixes;
errors are ``{"error": {...}}`` with Stripe's HTTP codes. ``Idempotency-Key`` is honoured
as Stripe does: the same key replays the first answer, the same key with other parameters
is a 400 ``idempotency_error``. Every call is recorded so a test can count charges.

Test payment methods (Stripe's names): ``pm_card_visa`` succeeds,
``pm_card_chargeDeclined`` is declined, ``pm_card_authenticationRequired`` asks for 3-D
Secure (``requires_action``) until the test calls ``complete_authentication``.
"""

import contextlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


class StripeError(Exception):
    def __init__(self, status: int, type_: str, message: str, code: str = "", **extra):
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": type_, "message": message, **extra}}
        if code:
            self.body["error"]["code"] = code


def _new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def _nested(pairs) -> dict:
    """``a[b][c]=1`` pairs as nested dicts (Stripe's form encoding)."""
    result: dict = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        target = result
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    return result


@dataclass
class Call:
    method: str
    path: str
    params: dict
    account: str
    idempotency_key: str


@dataclass
class FakeStripe:
    """The state of the fake: intents and refunds by id, and every call made."""

    secret_keys: set = field(default_factory=lambda: {"sk_test_platform"})
    intents: dict = field(default_factory=dict)
    refunds: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)
    replies: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # How many create calls in a row answer 500 (a Stripe outage; the library retries).
    failing_creates: int = 0

    # --- What tests read ---------------------------------------------------------------

    def calls_to(self, method: str, path: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path == path]

    def intents_created(self) -> list[dict]:
        return list(self.intents.values())

    def charges(self) -> list[dict]:
        """Every charge made: one per succeeded payment."""
        return [i for i in self.intents.values() if i["latest_charge"]]

    def confirm_in_browser(self, intent_id: str, payment_method: str = "pm_card_visa") -> dict:
        """What Stripe.js does when the shopper presses Pay in the Payment Element."""
        with self.lock:
            intent = self.intents[intent_id]
            # A decline is kept on the intent (``last_payment_error``).
            with contextlib.suppress(StripeError):
                self._confirm(intent, {"payment_method": payment_method})
            return self.public(intent)

    def complete_authentication(self, intent_id: str, *, succeed: bool = True) -> dict:
        """The shopper passes (or fails) 3-D Secure in Stripe's frame."""
        with self.lock:
            intent = self.intents[intent_id]
            if succeed:
                self._succeed(intent)
            else:
                self._decline(intent, "authentication_required", "Authentication failed.")
            return self.public(intent)

    @staticmethod
    def public(intent: dict) -> dict:
        return {k: v for k, v in intent.items() if not k.startswith("_")}

    # --- Endpoints ---------------------------------------------------------------------

    def handle(self, method: str, path: str, params: dict, headers) -> tuple[int, dict]:
        key = (headers.get("Authorization") or "").removeprefix("Bearer ").strip()
        if key not in self.secret_keys:
            raise StripeError(401, "invalid_request_error", "Invalid API Key provided.")
        account = headers.get("Stripe-Account") or ""
        idem = headers.get("Idempotency-Key") or ""
        with self.lock:
            self.calls.append(Call(method, path, params, account, idem))
            if method == "POST" and idem:
                cached = self.replies.get((key, account, idem))
                if cached is not None:
                    if cached[0] != (path, params):
                        raise StripeError(
                            400,
                            "idempotency_error",
                            "Keys for idempotent requests can only be used with the same "
                            "parameters they were first used with.",
                        )
                    return cached[1]
            reply = self._route(method, path, params, account)
            if method == "POST" and idem:
                self.replies[(key, account, idem)] = ((path, params), reply)
            return reply

    def _route(self, method, path, params, account) -> tuple[int, dict]:
        parts = path.strip("/").split("/")
        if parts[:2] != ["v1", "payment_intents"] and parts[:2] != ["v1", "refunds"]:
            raise StripeError(404, "invalid_request_error", f"Unrecognized request URL ({path}).")
        if parts[1] == "refunds":
            if method == "POST" and len(parts) == 2:
                return 200, self._create_refund(params, account)
            if method == "GET" and len(parts) == 2:
                return 200, self._list_refunds(params, account)
            raise StripeError(404, "invalid_request_error", f"Unrecognized request URL ({path}).")
        if len(parts) == 2 and method == "POST":
            if self.failing_creates:
                self.failing_creates -= 1
                raise StripeError(500, "api_error", "Something went wrong on Stripe's end.")
            return 200, self._create_intent(params, account)
        intent = self._intent(parts[2], account)
        if len(parts) == 3 and method == "GET":
            return 200, self.public(intent)
        action = parts[3] if len(parts) == 4 and method == "POST" else ""
        if action == "confirm":
            return self._confirm(intent, params)
        if action == "cancel":
            return 200, self._cancel(intent, params)
        raise StripeError(404, "invalid_request_error", f"Unrecognized request URL ({path}).")

    def _intent(self, intent_id: str, account: str) -> dict:
        intent = self.intents.get(intent_id)
        if intent is None or intent["_account"] != account:
            raise StripeError(
                404,
                "invalid_request_error",
                f"No such payment_intent: '{intent_id}'",
                code="resource_missing",
                param="intent",
            )
        return intent

    def _create_intent(self, params, account) -> dict:
        for name in ("amount", "currency"):
            if name not in params:
                raise StripeError(
                    400, "invalid_request_error", f"Missing required param: {name}.", param=name
                )
        intent_id = _new_id("pi")
        intent = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": int(params["amount"]),
            "amount_received": 0,
            "currency": params["currency"],
            "client_secret": f"{intent_id}_secret_{secrets.token_hex(8)}",
            "created": int(time.time()),
            "description": params.get("description"),
            "last_payment_error": None,
            "latest_charge": None,
            "livemode": False,
            "metadata": params.get("metadata", {}),
            "next_action": None,
            "payment_method": None,
            "receipt_email": params.get("receipt_email"),
            "status": "requires_payment_method",
            "cancellation_reason": None,
            "_account": account,
            "_refunded": 0,
        }
        self.intents[intent_id] = intent
        return self.public(intent)

    def _confirm(self, intent, params) -> tuple[int, dict]:
        if intent["status"] not in ("requires_payment_method", "requires_confirmation"):
            raise StripeError(
                400,
                "invalid_request_error",
                f"This PaymentIntent's status is {intent['status']}: it cannot be confirmed.",
                code="payment_intent_unexpected_state",
                payment_intent=self.public(intent),
            )
        method = params.get("payment_method", "")
        intent["payment_method"] = _new_id("pm")
        if method == "pm_card_chargeDeclined":
            self._decline(intent, "card_declined", "Your card was declined.")
            raise StripeError(
                402,
                "card_error",
                "Your card was declined.",
                code="card_declined",
                decline_code="generic_decline",
                payment_intent=self.public(intent),
            )
        if method == "pm_card_authenticationRequired":
            intent["status"] = "requires_action"
            intent["next_action"] = {
                "type": "redirect_to_url",
                "redirect_to_url": {
                    "url": f"https://hooks.stripe.com/3d_secure/{intent['id']}",
                    "return_url": params.get("return_url"),
                },
            }
            return 200, self.public(intent)
        self._succeed(intent)
        return 200, self.public(intent)

    def _succeed(self, intent):
        intent.update(
            status="succeeded",
            amount_received=intent["amount"],
            latest_charge=_new_id("ch"),
            next_action=None,
            last_payment_error=None,
        )

    def _decline(self, intent, code, message):
        intent.update(
            status="requires_payment_method",
            next_action=None,
            last_payment_error={"type": "card_error", "code": code, "message": message},
        )

    def _cancel(self, intent, params) -> dict:
        if intent["status"] in ("succeeded", "canceled"):
            raise StripeError(
                400,
                "invalid_request_error",
                "You cannot cancel this PaymentIntent because it has a status of "
                f"{intent['status']}.",
                code="payment_intent_unexpected_state",
            )
        intent.update(status="canceled", cancellation_reason=params.get("cancellation_reason"))
        return self.public(intent)

    def _create_refund(self, params, account) -> dict:
        intent = self._intent(params.get("payment_intent", ""), account)
        if intent["status"] != "succeeded":
            raise StripeError(
                400, "invalid_request_error", "This PaymentIntent has no charge to refund."
            )
        left = intent["amount_received"] - intent["_refunded"]
        amount = int(params.get("amount", left))
        if amount <= 0 or amount > left:
            raise StripeError(
                400,
                "invalid_request_error",
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})",
                code="amount_too_large",
                param="amount",
            )
        intent["_refunded"] += amount
        refund = {
            "id": _new_id("re"),
            "object": "refund",
            "amount": amount,
            "currency": intent["currency"],
            "charge": intent["latest_charge"],
            "payment_intent": intent["id"],
            "metadata": params.get("metadata", {}),
            "status": "succeeded",
            "created": int(time.time()),
            "_account": account,
        }
        self.refunds[refund["id"]] = refund
        return self.public(refund)

    def _list_refunds(self, params, account) -> dict:
        found = [
            self.public(r)
            for r in self.refunds.values()
            if r["_account"] == account and r["payment_intent"] == params.get("payment_intent")
        ]
        return {"object": "list", "data": found, "has_more": False, "url": "/v1/refunds"}

    def charge_of(self, intent_id: str) -> dict:
        """The intent's charge as a ``charge.*`` event carries it."""
        intent = self.intents[intent_id]
        return {
            "id": intent["latest_charge"],
            "object": "charge",
            "amount": intent["amount_received"],
            "amount_refunded": intent["_refunded"],
            "currency": intent["currency"],
            "payment_intent": intent_id,
            "refunded": intent["_refunded"] >= intent["amount_received"],
            "status": "succeeded",
        }


class _Handler(BaseHTTPRequestHandler):
    fake: FakeStripe

    def log_message(self, format, *args):  # quiet
        pass

    def _answer(self, method: str):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        pairs = parse_qsl(body if method == "POST" else url.query, keep_blank_values=True)
        try:
            status, reply = self.fake.handle(method, url.path, _nested(pairs), self.headers)
        except StripeError as error:
            status, reply = error.status, error.body
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", _new_id("req"))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._answer("GET")

    def do_POST(self):
        self._answer("POST")


class FakeStripeServer:
    """The fake on a free local port, serving from a thread until ``stop``."""

    def __init__(self):
        self.fake = FakeStripe()
        handler = type("Handler", (_Handler,), {"fake": self.fake})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeStripeServer":
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
