"""The project's URLs plus one storefront address that fails, for the error page tests."""

from django.urls import path

from config.urls import handler404, handler500, urlpatterns


def fail(request):
    raise RuntimeError("A bug in a storefront view.")


urlpatterns = [path("fails/", fail), *urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
