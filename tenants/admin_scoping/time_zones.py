"""Wagtail's admin views keep the time zone of the request's store.

Wagtail runs every admin view in the person's own time zone (``UserProfile.current_time_zone``,
or ``TIME_ZONE``), through ``wagtail.admin.auth.get_localized_response``, which its
``require_admin_access`` decorator calls. A store's dates are entered and shown in the
store's zone (``shop.middleware.StoreTimeZoneMiddleware`` activates it): "go live at
00:00" means midnight where the store is, for each of its staff wherever they sit. So the
view and the rendering of its template response run in the zone active when the admin
view was reached; the person's language is still theirs. ``WAGTAIL_USER_TIME_ZONES = []``
takes the time zone choice, which would have no effect, off their account page.
"""

import functools

from django.utils import timezone
from wagtail.admin import auth

_wagtails_localized_response = auth.get_localized_response


def _in_zone(view_func, zone):
    @functools.wraps(view_func)
    def view(request, *args, **kwargs):
        with timezone.override(zone):
            response = view_func(request, *args, **kwargs)
        if hasattr(response, "render"):
            render = response.render

            def render_in_zone():
                with timezone.override(zone):
                    return render()

            response.render = render_in_zone
        return response

    return view


def localized_response_in_request_zone(view_func, request, *args, **kwargs):
    """Wagtail's ``get_localized_response``, with the view in the request's time zone."""
    zone = timezone.get_current_timezone()
    return _wagtails_localized_response(_in_zone(view_func, zone), request, *args, **kwargs)


def keep_request_time_zone_in_admin() -> None:
    """Have ``require_admin_access`` call the version above (``TenantsConfig.ready``)."""
    auth.get_localized_response = localized_response_in_request_zone
