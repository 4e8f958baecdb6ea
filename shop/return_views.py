"""The shopper's return request: a page of the store opened with the order's access link
(``shop.order_access``), listing the shipped items to choose from.

The page is the shopper's own (never cached), so its form carries a CSRF token; the post
must also come from this store's host, and each client address may post
``ATTEMPTS_PER_WINDOW`` times per store in ``WINDOW_SECONDS``. A token of another store,
forged or expired, is a 404 like an unknown page.
"""

from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .exceptions import ReturnRefused
from .order_access import order_for_token
from .services.progress import line_progress
from .services.returns import REASON_MAX, can_request_return, request_return, return_deadline
from .shared_forms import FOREIGN, TOO_MANY, client_address, is_same_origin, take_attempt
from .validators import no_invisible_characters_multiline
from .views import render_themed, store_view

ATTEMPTS_PER_WINDOW = 6
WINDOW_SECONDS = 10 * 60


class ReturnRequestForm(forms.Form):
    reason = forms.CharField(
        label="Why are you returning them?",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[no_invisible_characters_multiline],
    )

    def __init__(self, *args, progress, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_names = []
        for line_id, item in progress.items():
            most = item.returnable if not item.returned else 0
            if most:
                name = f"line_{line_id}"
                self.fields[name] = forms.TypedChoiceField(
                    label=item.line.product_title
                    + (f" – {item.line.variant_label}" if item.line.variant_label else ""),
                    choices=[(n, str(n)) for n in range(most + 1)],
                    coerce=int,
                    initial=0,
                )
                self.line_names.append(name)

    def chosen_lines(self):
        return {
            int(name.removeprefix("line_")): self.cleaned_data[name]
            for name in self.line_names
            if self.cleaned_data.get(name)
        }

    def line_fields(self):
        return [self[name] for name in self.line_names]


@never_cache
@require_http_methods(["GET", "POST"])
@store_view
def order_return(request, token, *, site):
    order = order_for_token(site, token)
    if order is None:
        raise Http404("No such order.")
    progress = line_progress(order)
    form = ReturnRequestForm(request.POST or None, progress=progress)
    error, status = "", 200
    if request.method == "POST":
        if not is_same_origin(request):
            error, status = FOREIGN, 403
        elif not take_attempt(
            f"return-attempts:{site.pk}:{client_address(request)}",
            limit=ATTEMPTS_PER_WINDOW,
            window_seconds=WINDOW_SECONDS,
        ):
            error, status = TOO_MANY, 429
        elif form.is_valid():
            try:
                request_return(
                    order=order, lines=form.chosen_lines(), reason=form.cleaned_data["reason"]
                )
            except ReturnRefused as refused:
                error, status = str(refused), 400
            else:
                return redirect(reverse("shop:order-return", args=[token]) + "?sent=1")
        else:
            status = 400
    return render_themed(
        request,
        site,
        "shop/order_return.html",
        {
            "order": order,
            "form": form,
            "error": error,
            "open": can_request_return(order) and bool(form.line_names),
            "deadline": return_deadline(order),
            "returns": order.returns.prefetch_related("lines__order_line"),
            "sent": request.GET.get("sent") == "1",
        },
        shopper_page=True,
        status=status,
    )
