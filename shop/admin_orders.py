"""The merchant's order screen: lines with what was fulfilled, shipped, refunded and
returned; totals with refunds; payment; parcels; returns; the timeline; and the actions the
order's status allows, each a form posted to the same address with its ``action``.

Every action calls one service; a refusal (``ShopError``) or bad input is shown on its form
with nothing changed. Refunds need the ``refund_order`` permission (store owners, ADR 43).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button

from . import services
from .admin_order_forms import FulfilForm, NoteForm, RefundForm, ReturnDecisionForm, ShipForm
from .data import Fulfilment, Invoice, Order, Refund, ReturnRequest
from .exceptions import ShopError
from .order_notes import order_links, order_notes
from .order_timeline import order_timeline
from .services.lifecycle import allowed_next
from .services.progress import line_progress
from .services.refunds import refundable_amount
from .templatetags.shop_tags import money

S = Order.Status
OFFLINE = {Order.PaymentMethod.BANK_TRANSFER, Order.PaymentMethod.CASH_ON_DELIVERY}
FULFILMENT_STATUSES = {S.PARTIALLY_FULFILLED, S.FULFILLED, S.SHIPPED}


class OrderDetailView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "change"
    template_name = "shop/admin/order_detail.html"
    header_icon = "list-ol"
    model = Order
    index_url_name = None
    edit_url_name = None
    cancel_url_name = None
    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # The default manager returns the request's stores' orders only: another's is a 404.
        self.object = get_object_or_404(Order.objects.all(), pk=kwargs["pk"])
        self.bound = {}

    # --- what the screen shows ----------------------------------------------------------

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Orders"},
            {"url": "", "label": str(self.object)},
        ]

    def get_header_more_buttons(self):
        if S.CANCELLED in allowed_next(self.object):
            url = reverse(self.cancel_url_name, args=[self.object.pk])
            return [Button("Cancel order", url=url, icon_name="cross", priority=5)]
        return []

    @property
    def edit_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])

    @cached_property
    def progress(self):
        return line_progress(self.object)

    @cached_property
    def can_refund(self) -> bool:
        return self.user_has_permission("refund")

    def actions(self) -> dict[str, bool]:
        order, progress = self.object, self.progress
        allowed = allowed_next(order)
        fulfillable = order.status == S.PARTIALLY_FULFILLED or bool(allowed & FULFILMENT_STATUSES)
        unshipped = order.fulfilments.filter(shipped_at=None).exists()
        return {
            "mark_paid": not order.is_paid
            and order.payment_method in OFFLINE
            and order.status not in (S.CANCELLED, S.REFUNDED),
            "fulfil": fulfillable and any(item.to_fulfil for item in progress.values()),
            "ship": unshipped and order.status not in (S.CANCELLED, S.REFUNDED),
            "deliver": S.DELIVERED in allowed,
            "refund": self.can_refund and refundable_amount(order) > 0,
            "cancel": S.CANCELLED in allowed,
        }

    def form(self, name, form_class, **kwargs):
        return self.bound.get(name) or form_class(**kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        notes = order_notes(order)
        context.update(
            order=order,
            progress=list(self.progress.values()),
            actions=self.actions(),
            refundable=refundable_amount(order),
            kept=order.total - order.refunded_total,
            fulfilments=Fulfilment.objects.filter(order=order).prefetch_related(
                "lines__order_line"
            ),
            refunds=Refund.objects.filter(order=order).select_related("created_by"),
            documents=Invoice.objects.filter(order=order).only("kind", "reference", "order"),
            returns=ReturnRequest.objects.filter(order=order).prefetch_related("lines__order_line"),
            timeline=order_timeline(order),
            notes=notes,
            links=order_links(notes),
            cancel_url=reverse(self.cancel_url_name, args=[order.pk]),
            fulfil_form=self.form("fulfil", FulfilForm, progress=self.progress),
            ship_form=self.form("ship", ShipForm, order=order),
            refund_form=self.form("refund", RefundForm, progress=self.progress),
            note_form=self.form("note", NoteForm),
            return_forms=self.return_forms(),
            carriers=FulfilForm.carriers,
        )
        return context

    def return_forms(self) -> list:
        forms = []
        for request in ReturnRequest.objects.filter(order=self.object, status="requested"):
            bound = self.bound.get("return")
            if bound is not None and bound.data.get("return_request") == str(request.pk):
                forms.append((request, bound))
            else:
                initial = {"return_request": request.pk, "refund": self.can_refund}
                forms.append((request, ReturnDecisionForm(order=self.object, initial=initial)))
        return forms

    # --- what the actions do --------------------------------------------------------------

    def post(self, request, *args, **kwargs):
        handler = getattr(self, f"do_{request.POST.get('action', '')}", None)
        if handler is None:
            return HttpResponseNotAllowed(["GET"])
        return handler(request.POST)

    def _done(self, message):
        messages.success(self.request, message)
        return redirect(self.edit_url)

    def _refused(self, name, form, error):
        form.add_error(None, str(error))
        self.bound[name] = form
        messages.error(self.request, f"{self.object}: nothing was changed.")
        return self.render_to_response(self.get_context_data())

    def _run(self, name, form, work, done):
        """Validate ``form``; call ``work(form)``; show ``done`` or the refusal on it."""
        if not form.is_valid():
            self.bound[name] = form
            return self.render_to_response(self.get_context_data())
        try:
            result = work(form)
        except ShopError as error:
            return self._refused(name, form, error)
        return self._done(done(result) if callable(done) else done)

    def do_mark_paid(self, data):
        if not self.actions()["mark_paid"]:
            state = "paid already" if self.object.is_paid else "not to be marked paid"
            messages.error(self.request, f"{self.object} is {state}.")
            return redirect(self.edit_url)
        services.mark_paid(
            order=self.object, user=self.request.user, via=self.object.payment_method
        )
        return self._done(f"{self.object} marked as paid.")

    def do_fulfil(self, data):
        def work(form):
            return services.fulfil(
                order=self.object,
                lines=form.chosen_lines(),
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking_number"],
                tracking_url=form.cleaned_data["tracking_url"],
                ship=form.cleaned_data["ship"],
                user=self.request.user,
            )

        form = FulfilForm(data, progress=self.progress)
        return self._run(
            "fulfil",
            form,
            work,
            lambda parcel: (
                f"{self.object}: parcel {parcel.pk} "
                + ("shipped." if parcel.shipped_at else "packed, waiting for the carrier.")
            ),
        )

    def do_ship(self, data):
        def work(form):
            return services.mark_shipped(
                fulfilment=form.cleaned_data["fulfilment"],
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking_number"],
                user=self.request.user,
            )

        form = ShipForm(data, order=self.object)
        return self._run("ship", form, work, lambda parcel: f"Parcel {parcel.number} shipped.")

    def do_deliver(self, data):
        try:
            services.mark_delivered(order=self.object, user=self.request.user)
        except ShopError as error:
            messages.error(self.request, str(error))
            return redirect(self.edit_url)
        return self._done(f"{self.object} delivered.")

    def do_refund(self, data):
        if not self.can_refund:
            raise PermissionDenied

        def work(form):
            return services.refund(
                order=self.object, user=self.request.user, **form.refund_kwargs()
            )

        form = RefundForm(data, progress=self.progress)
        return self._run(
            "refund",
            form,
            work,
            lambda refund: (
                f"{money(refund.amount, self.object)} refunded on "
                f"{self.object}" + (", items back in stock." if refund.restock else ".")
            ),
        )

    def do_return(self, data):
        form = ReturnDecisionForm(data, order=self.object)

        def work(form):
            request = form.cleaned_data["return_request"]
            if form.cleaned_data["decision"] == form.REJECT:
                return services.reject_return(
                    return_request=request,
                    message=form.cleaned_data["message"],
                    user=self.request.user,
                )
            refund = form.cleaned_data["refund"]
            if refund and not self.can_refund:
                raise PermissionDenied
            return services.approve_return(
                return_request=request,
                refund=refund,
                restock=refund and form.cleaned_data["restock"],
                user=self.request.user,
            )

        return self._run(
            "return",
            form,
            work,
            lambda request: f"Return {request.pk} {request.get_status_display().lower()}.",
        )

    def do_note(self, data):
        form = NoteForm(data)
        return self._run(
            "note",
            form,
            lambda form: services.add_note(
                order=self.object, text=form.cleaned_data["text"], user=self.request.user
            ),
            "Note added to the timeline.",
        )
