"""Image and document choosers list the request's stores' collections only.

The collection permission policy (``policies``) already narrows what a merchant may
choose; these hooks state the same rule on the chooser's queryset, from the request.
"""

from tenants.middleware import admin_site_ids

from .scope import collections_of_stores


def in_store_collections(queryset, request):
    site_ids = admin_site_ids(request)
    if site_ids is None:
        return queryset
    return queryset.filter(collection__in=collections_of_stores(site_ids))
