"""Stock alerts and back-in-stock requests: the one write path for each.

``record_stock_state`` turns a stock movement into the alerts it crosses; it runs in a
task after the movement commits, so the count it reads is committed. It locks the
variant's ``VariantStockAlert`` row first: when two sales commit together, the second
waits for the first, sees the state the first recorded, and sends nothing of its own.

``request_back_in_stock`` records a shopper's request; ``notify_back_in_stock`` emails
each waiting request once, each under its own row lock, marked in the same transaction as
the email goes, so running it twice (or two workers at once) sends one email a request.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone

from ..data import BackInStockRequest, ProductVariant, StockLevel, VariantStockAlert
from ..data.settings import settings_of_store
from ..exceptions import ProductUnavailable, ShopError
from ..signals import stock_back_in, stock_low, stock_out, stock_replenished

# ``stock_low`` is sent at most once in this time for one variant.
LOW_STOCK_COOLDOWN = timedelta(hours=24)

State = VariantStockAlert.State
SIGNAL_NAMES = {
    stock_low: "stock_low",
    stock_out: "stock_out",
    stock_back_in: "stock_back_in",
    stock_replenished: "stock_replenished",
}


def stock_state(*, available: int, threshold: int) -> str:
    """Where a count of available units stands: sold out, low (at or under the
    threshold), or in stock."""
    if available <= 0:
        return State.OUT
    if available <= threshold:
        return State.LOW
    return State.IN


@dataclass(frozen=True)
class StockAlerts:
    """What ``record_stock_state`` found: the state before and now, and the signals sent."""

    before: str
    now: str
    sent: tuple[str, ...]


def _transitions(*, alert: VariantStockAlert, now_state: str, at) -> list:
    """The signals a move from ``alert.state`` to ``now_state`` sends, with the row's
    times brought up to date."""
    before, signals = alert.state, []
    if now_state == State.OUT and before != State.OUT:
        signals.append(stock_out)
        alert.out_sent_at = at
    if before == State.OUT and now_state != State.OUT:
        signals.append(stock_back_in)
    if now_state == State.LOW and before == State.IN:
        cooled = alert.low_sent_at is None or at - alert.low_sent_at >= LOW_STOCK_COOLDOWN
        if cooled:
            signals.append(stock_low)
            alert.low_sent_at = at
    if now_state == State.IN and before != State.IN:
        signals.append(stock_replenished)
    return signals


@transaction.atomic
def record_stock_state(*, variant_id: int, previous_available: int | None = None) -> StockAlerts:
    """Compare the variant's stock now with the state last recorded, record the new one,
    and send the alerts of the change after commit.

    ``previous_available`` (the count before the movement that started this) is the
    recorded state of a variant seen for the first time. Variants whose stock is not
    counted send nothing.
    """
    level = StockLevel.objects.select_related("variant__product").filter(variant_id=variant_id)
    level = level.first()
    if level is None or not level.variant.track_inventory:
        return StockAlerts(before="", now="", sent=())
    threshold = level.low_threshold
    first_seen = previous_available if previous_available is not None else level.available
    alert, _ = VariantStockAlert.objects.get_or_create(
        variant_id=variant_id,
        defaults={
            "site_id": level.site_id,
            "state": stock_state(available=first_seen, threshold=threshold),
        },
    )
    alert = VariantStockAlert.objects.select_for_update().get(pk=alert.pk)
    # Read again under the lock: a movement committed while this waited is counted.
    level.refresh_from_db(fields=["on_hand", "reserved", "low_stock_threshold"])
    now_state = stock_state(available=level.available, threshold=level.low_threshold)
    before = alert.state
    signals = _transitions(alert=alert, now_state=now_state, at=timezone.now())
    alert.state = now_state
    alert.save(update_fields=["state", "low_sent_at", "out_sent_at", "updated_at"])
    variant = level.variant
    for signal in signals:
        transaction.on_commit(
            lambda signal=signal: signal.send(sender=ProductVariant, variant=variant, level=level)
        )
    sent = tuple(SIGNAL_NAMES[signal] for signal in signals)
    return StockAlerts(before=before, now=now_state, sent=sent)


# --- Back in stock --------------------------------------------------------------------


class NotSoldOut(ShopError):
    """A shopper asked to hear about a variant that can be bought now."""


def request_back_in_stock(*, site, variant_id, email: str) -> tuple[BackInStockRequest, bool]:
    """Record that ``email`` wants to hear when the variant is back; (request, created).

    The variant must be one of this store's, of an active product, and sold out now
    (ProductUnavailable, NotSoldOut otherwise). Asking twice keeps one request; asking
    again after being told waits for the next time.
    """
    from_store = (
        ProductVariant.objects.for_site(site)
        .filter(pk=variant_id, product__status="active")
        .select_related("stock", "product")
        .first()
    )
    if from_store is None:
        raise ProductUnavailable("This product is not sold in this store.")
    if from_store.is_available:
        raise NotSoldOut("Good news: this is in stock now. You can order it straight away.")
    email = email.strip()
    with transaction.atomic():
        found = (
            BackInStockRequest.objects.for_site(site)
            .filter(variant=from_store)
            .annotate(address=Lower("email"))
            .filter(address=email.lower())
            .select_for_update()
            .first()
        )
        if found is not None:
            if found.notified_at is None:
                return found, False
            found.notified_at = None
            found.save(update_fields=["notified_at"])
            return found, True
        try:
            with transaction.atomic():
                made = BackInStockRequest.objects.create(
                    site_id=site.pk, variant=from_store, email=email
                )
        except IntegrityError:  # the same address, asked at the same moment
            return BackInStockRequest.objects.get(variant=from_store, email__iexact=email), False
        # The variant is sold out now: make sure the alerts have seen it, so that its
        # return is one (and ``stock_out`` goes, if no movement told them yet).
        record_stock_state(variant_id=from_store.pk)
    return made, True


def _product_url(variant) -> str:
    pages = [page for page in variant.product.pages.all() if page.live]
    if not pages:
        return ""
    url = pages[0].get_full_url()
    return f"{url}?variant={variant.pk}" if url else ""


def _send_back_in_stock_email(*, request: BackInStockRequest, variant, store_name, url) -> None:
    context = {
        "store_name": store_name,
        "product_title": variant.product.title,
        "options": variant.options_label,
        "url": url,
    }
    message = EmailMultiAlternatives(
        subject=f"Back in stock at {store_name}: {variant.product.title}",
        body=render_to_string("shop/email/back_in_stock.txt", context),
        to=[request.email],
    )
    contact = settings_of_store(request.site_id).contact_email
    if contact:
        message.reply_to = [contact]
    message.attach_alternative(
        render_to_string("shop/email/back_in_stock.html", context), "text/html"
    )
    message.send()


def notify_back_in_stock(*, variant_id: int) -> int:
    """Email each shopper waiting for the variant, once; the number emailed.

    Only while the variant can be bought: if it sold out again before this ran, the
    requests keep waiting for its next return. Each request is locked, emailed and marked
    in its own transaction; one whose email fails stays waiting for the next run.
    """
    variant = (
        ProductVariant.objects.filter(pk=variant_id)
        .select_related("stock", "product", "site")
        .first()
    )
    if variant is None or not variant.is_available or variant.is_preorder:
        return 0
    store_name = variant.site.site_name or variant.site.hostname
    url = _product_url(variant)
    waiting = BackInStockRequest.objects.filter(variant=variant, notified_at__isnull=True)
    sent = 0
    for request_id in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            # A run that finds the request locked waits for the other to finish with it, then
            # finds it emailed: no request is ever passed over by every run.
            request = (
                BackInStockRequest.objects.select_for_update()
                .filter(pk=request_id, notified_at__isnull=True)
                .first()
            )
            if request is None:  # emailed by another run
                continue
            _send_back_in_stock_email(
                request=request, variant=variant, store_name=store_name, url=url
            )
            request.notified_at = timezone.now()
            request.save(update_fields=["notified_at"])
            sent += 1
    return sent
