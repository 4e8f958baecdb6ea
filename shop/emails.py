"""Emails the shop sends its shoppers, each as plain text with an HTML alternative."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_preorder_allocated_email(*, allocation) -> None:
    """Units of a shopper's pre-order have arrived and are set aside for their order."""
    line = allocation.order_line
    order = line.order
    context = {
        "store_name": order.site.site_name or order.site.hostname,
        "order": order,
        "line": line,
        "allocation": allocation,
        "still_waiting": line.preordered - line.preorder_allocated,
    }
    message = EmailMultiAlternatives(
        subject=f"Your pre-order is in stock – {order} at {context['store_name']}",
        body=render_to_string("shop/email/preorder_allocated.txt", context),
        to=[order.email],
    )
    message.attach_alternative(
        render_to_string("shop/email/preorder_allocated.html", context), "text/html"
    )
    message.send()
