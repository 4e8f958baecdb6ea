"""WSGI entry point (gunicorn ``config.wsgi``).

The page cache's front door stands in front of Django's handler: a stored storefront page
is answered from the raw request, without building Django's request or entering any
middleware (``shop.pagecache.frontdoor``, ADR 30).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

from shop.pagecache.frontdoor import FrontDoorApplication  # noqa: E402 - needs Django set up

application = FrontDoorApplication(django_application)
