from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from shop import urls as shop_urls
from tenants.admin_scoping import urls as store_admin_urls

urlpatterns = [
    # The admin answers on platform hosts only (domains.middleware.HostSiteMiddleware).
    # Store-scoped versions of some Wagtail admin views, at Wagtail's own paths: first match
    # (tenants/admin_scoping/urls.py; every override of Wagtail's admin: tenants.admin_scoping).
    path("admin/", include(store_admin_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Cart and checkout: the views in shop/views.py, over shop/services and shop/selectors.py.
    path("", include(shop_urls)),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Every other storefront address is a page of the store's tree, served by Wagtail: the page
# types (home, category, product, content page) are in shop/pages.py, each page's
# get_context() reading shop/selectors.py. Which store a host serves: domains.middleware.
urlpatterns += [path("", include(wagtail_urls))]

# Shoppers get their store's themed error pages; platform hosts get templates/404.html, 500.html.
handler404 = "shop.errors.page_not_found"
handler500 = "shop.errors.server_error"
