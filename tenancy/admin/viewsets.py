"""The snippet viewset of a store-owned model, and the view that creates its rows.

Isolation comes from two layers: the store scope opened by
``tenants.middleware.AdminStoreMiddleware`` restricts every default-manager lookup the
views make (so another store's id is a 404), and ``get_queryset`` filters listings
explicitly, by the site ids ``tenancy.request.admin_site_ids`` gives.
"""

from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from ..request import admin_site_ids, store_access
from .forms import StoreOwnedForm


class StoreCreateView(CreateView):
    """Creates rows in the merchant's active store."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        stores = store_access(self.request).stores
        if stores and issubclass(self.get_form_class(), StoreOwnedForm):
            kwargs["store_site"] = stores[0].site
        return kwargs


class StoreScopedViewSet(SnippetViewSet):
    """A snippet viewset listing the rows of the stores an admin request may show: the
    active store's, or every store's for a platform operator."""

    add_view_class = StoreCreateView
    # Search the listed ``search_fields`` with the ORM: one store's rows are few, related
    # fields work, and the SQLite search backend cannot search named fields at all.
    search_backend_name = None

    def get_queryset(self, request):
        queryset = self.model._default_manager.all()
        site_ids = admin_site_ids(request)
        return queryset if site_ids is None else queryset.filter(site_id__in=site_ids)
