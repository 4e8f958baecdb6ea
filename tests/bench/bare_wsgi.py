"""The bare Django baseline: a view that returns the recorded bytes of each storefront page.

Django with no middleware, no apps and no database, under the same gunicorn settings as
the store: what Python and Django cost for those bytes, the ceiling a page cache aims at.
``BENCH_BARE_PAGES`` names a directory of ``<name>.html`` files and a ``paths.json``
mapping each request path to its file.
"""

import json
import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import path

_PAGES = Path(os.environ["BENCH_BARE_PAGES"])
_BODIES = {
    request_path: (_PAGES / file_name).read_bytes()
    for request_path, file_name in json.loads((_PAGES / "paths.json").read_text()).items()
}


def page(request, rest=""):
    body = _BODIES.get(request.path)
    if body is None:
        return HttpResponseNotFound()
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page), path("<path:rest>", page)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-view-not-a-secret",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)
application = get_wsgi_application()
