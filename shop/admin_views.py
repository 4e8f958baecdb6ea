"""Admin views of shop rows whose writes go through the shop's services: order
cancellation (with a refund of what was paid), stock movements, and deleting (or
archiving) products. The viewsets of ``shop.viewsets`` use them; the bulk delete and the
product tag suggestions are registered in ``shop/wagtail_hooks.py``.

A refusal from a service (``ShopError``) is shown to the merchant as a message or a form
error, never as a 500.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.snippets import DeleteView, EditView

from tenancy.request import admin_site_ids

from . import services
from .exceptions import ProductInUse, ShopError
from .models import Order, Product
from .selectors import tag_suggestions, variant_history
from .services.lifecycle import allowed_next
from .services.refunds import refundable_amount
from .templatetags.shop_tags import money


class ServiceEditView(EditView):
    """An edit view whose form saves through a shop service: the service's refusal (a race
    lost since the form was loaded) is shown on the form, and nothing is saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ShopError, ValidationError) as error:
            form.add_error(None, str(error) if isinstance(error, ShopError) else error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class OrderCancelView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then cancel an order through ``cancel_order``: its stock goes back, once."""

    permission_required = "change"
    template_name = "shop/admin/order_cancel.html"
    page_title = "Cancel order"
    header_icon = "list-ol"
    model = Order
    index_url_name = None
    edit_url_name = None
    cancel_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # The default manager returns the request's stores' orders only: another's is a 404.
        self.object = get_object_or_404(
            self.model.objects.prefetch_related("lines"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return []  # a confirmation, like Wagtail's delete page: a header naming the order

    @property
    def edit_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])

    @property
    def can_refund(self) -> bool:
        return self.user_has_permission("refund") and refundable_amount(self.object) > 0

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            order=self.object,
            can_cancel=Order.Status.CANCELLED in allowed_next(self.object),
            can_refund=self.can_refund,
            refundable=refundable_amount(self.object),
            cancel_url=reverse(self.cancel_url_name, args=[self.object.pk]),
            edit_url=self.edit_url,
        )
        return context

    def post(self, request, *args, **kwargs):
        """Cancel; then, when asked and allowed, refund what was paid (the order stays
        cancelled; a refused refund is said and can be tried again from the order)."""
        reason = request.POST.get("reason", "").strip()[:200]
        wants_refund = bool(request.POST.get("refund")) and self.can_refund
        try:
            services.cancel_order(order=self.object, user=request.user, reason=reason)
        except ShopError as error:
            messages.error(request, str(error))
            return redirect(self.edit_url)
        messages.success(request, f"{self.object} cancelled: its items are back in stock.")
        if wants_refund:
            try:
                refund = services.refund(
                    order=self.object, reason=reason or "Order cancelled", user=request.user
                )
            except ShopError as error:
                messages.error(request, f"The refund was not made: {error}")
            else:
                messages.success(request, f"{money(refund.amount, self.object)} refunded.")
        return redirect(self.edit_url)


class ProductDeleteView(DeleteView):
    """Deletes a product never stocked nor sold; one with history is refused, with an offer
    to archive it (see docs/adr/0013-...)."""

    template_name = "shop/admin/product_delete.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.history = variant_history(
            variant_ids=self.object.variants.values_list("pk", flat=True)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.history:
            context["in_use_message"] = services.in_use_message(self.object, self.history)
            context["archived"] = self.object.status == Product.Status.ARCHIVED
            context["edit_url"] = reverse(self.edit_url_name, args=[self.object.pk])
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("archive"):
            services.archive_product(product=self.object, user=request.user)
            messages.success(
                request, f"“{self.object}” archived: shoppers no longer see it; its history stays."
            )
            return redirect(self.edit_url_name, self.object.pk)
        if self.history:
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def delete_action(self):
        services.delete_product(product=self.object, user=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProductInUse as error:
            messages.error(self.request, str(error))
            return redirect(self.edit_url_name, self.object.pk)


class ProductDeleteBulkAction(DeleteBulkAction):
    """Bulk delete of products: all or nothing, refused while a chosen product has stock
    history or orders (the ledger and order lines keep it; it can be archived)."""

    models = [Product]
    template_name = "shop/admin/product_bulk_delete.html"

    @cached_property
    def in_use_messages(self) -> list[str]:
        objects = self.get_actionable_objects()[0]
        found = []
        for product in objects:
            history = variant_history(variant_ids=product.variants.values_list("pk", flat=True))
            if history:
                found.append(services.in_use_message(product, history))
        return found

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "in_use_messages": self.in_use_messages}

    def prepare_action(self, objects, objects_without_access):
        if self.in_use_messages:
            for message in self.in_use_messages:
                messages.error(self.request, message)
            return redirect(self.request.get_full_path())
        return super().prepare_action(objects, objects_without_access)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProductInUse as error:  # stocked or sold since the confirmation
            messages.error(self.request, str(error))
            return redirect(self.request.get_full_path())

    @classmethod
    def execute_action(cls, objects, **kwargs):
        user = kwargs["self"].request.user
        for product in objects:
            services.delete_product(product=product, user=user)
        return len(objects), 0


def product_tag_autocomplete(request):
    """The product form's tag suggestions: names of tags in use in the request's stores
    that start with ``?term=``, as a JSON list (what Wagtail's tag field asks for).

    ``?site=`` narrows them to the product's store; a store the request may not show
    gives nothing. Wagtail's own tag autocomplete serves taggit's global tags only.
    """
    site_ids = admin_site_ids(request)
    site = request.GET.get("site", "")
    if site.isdigit():
        site_ids = {int(site)} if site_ids is None else site_ids & {int(site)}
    return JsonResponse(
        tag_suggestions(site_ids=site_ids, term=request.GET.get("term", "")), safe=False
    )
