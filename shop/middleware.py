from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateSessionResponseMiddleware:
    """A response built from the session (a cart, its count in the header, an order
    confirmation) is the visitor's own: it says ``Vary: Cookie`` and
    ``Cache-Control: private``, so a shared cache in front never serves it to another.

    ``SessionMiddleware`` adds only the ``Vary`` header, and only for a session marked as
    read, which is what ``shop.storefront.shopper_session_key`` does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            patch_vary_headers(response, ("Cookie",))
            patch_cache_control(response, private=True)
        return response
