"""How far each line of an order has gone: units fulfilled, shipped, refunded and
returned. Read under the order's row lock by the fulfilment, refund and return services,
and shown line by line on the merchant's order screen."""

from dataclasses import dataclass

from django.db.models import Sum

from ..data import FulfilmentLine, Order, OrderLine, Refund, RefundLine, ReturnLine, ReturnRequest


@dataclass
class LineProgress:
    line: OrderLine
    fulfilled: int = 0
    shipped: int = 0
    refunded: int = 0
    # Units in a return asked for or approved (a declined one frees its units again).
    returned: int = 0

    @property
    def to_fulfil(self) -> int:
        """Units still to pack: neither fulfilled nor refunded."""
        return max(self.line.quantity - self.fulfilled - self.refunded, 0)

    @property
    def refundable(self) -> int:
        return max(self.line.quantity - self.refunded, 0)

    @property
    def returnable(self) -> int:
        return max(self.shipped - self.returned, 0)


def _sums(queryset, field: str) -> dict[int, int]:
    return dict(queryset.values_list("order_line").annotate(total=Sum(field)).order_by())


def line_progress(order: Order) -> dict[int, LineProgress]:
    """Every line of ``order`` by id, with its counts (four aggregate queries)."""
    progress = {line.pk: LineProgress(line) for line in order.lines.all()}
    fulfilled = FulfilmentLine.objects.filter(fulfilment__order=order)
    counts = {
        "fulfilled": _sums(fulfilled, "quantity"),
        "shipped": _sums(fulfilled.exclude(fulfilment__shipped_at=None), "quantity"),
        "refunded": _sums(
            RefundLine.objects.filter(refund__order=order, refund__status=Refund.Status.SUCCEEDED),
            "quantity",
        ),
        "returned": _sums(
            ReturnLine.objects.filter(return_request__order=order).exclude(
                return_request__status=ReturnRequest.Status.REJECTED
            ),
            "quantity",
        ),
    }
    for name, by_line in counts.items():
        for line_id, total in by_line.items():
            setattr(progress[line_id], name, total or 0)
    return progress


def all_units_settled(progress: dict[int, LineProgress]) -> bool:
    """Every unit of the order is fulfilled or refunded: nothing is left to pack."""
    return all(item.to_fulfil == 0 for item in progress.values())
