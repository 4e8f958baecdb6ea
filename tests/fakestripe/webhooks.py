"""Webhook events as Stripe sends them, signed with the endpoint's secret:
``Stripe-Signature: t=<timestamp>,v1=<HMAC-SHA256(secret, "<timestamp>.<body>")>``."""

import hashlib
import hmac
import json
import secrets
import time


def event(type_: str, obj: dict, *, account: str = "", livemode: bool = False) -> dict:
    body = {
        "id": f"evt_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": "2025-01-27.acacia",
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": livemode,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": type_,
    }
    if account:
        body["account"] = account
    return body


def signature(body: bytes, secret: str, *, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def signed(payload: dict, secret: str, *, timestamp: int | None = None) -> tuple[bytes, str]:
    body = json.dumps(payload).encode()
    return body, signature(body, secret, timestamp=timestamp)
