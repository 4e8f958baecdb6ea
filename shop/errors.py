"""The pages shoppers see when something is missing or broken: in their store's theme.

Wired as Django's ``handler404`` and ``handler500`` in ``config.urls``. Platform hosts
(landing page, admin) keep the platform's own ``404.html`` and ``500.html``.
"""

import logging

from django.views import defaults

from tenancy.request import store_site

from .views import render_themed

logger = logging.getLogger(__name__)


def page_not_found(request, exception):
    site = store_site(request)
    if site is None:
        return defaults.page_not_found(request, exception)
    response = render_themed(request, site, "404.html", {})
    response.status_code = 404
    return response.render()


def server_error(request):
    """The store's themed error page; the plain one if the theme itself cannot be shown
    (the database may be what failed)."""
    site = store_site(request)
    if site is not None:
        try:
            response = render_themed(request, site, "500.html", {})
            response.status_code = 500
            return response.render()
        except Exception:
            logger.exception("The themed error page failed; serving the plain one.")
    return defaults.server_error(request)
