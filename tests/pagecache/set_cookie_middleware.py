"""Middleware placed after the page cache in some tests: what a storefront page answered
with a cookie or a private header would look like to the cache."""

from csp.constants import NONCE


class SetCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.set_cookie("visitor", "someone")
        return response


class VaryCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Vary"] = "Cookie"
        return response


class NonceMiddleware:
    """Allows script by the response's CSP nonce and asks for it, as a page printing
    ``request.csp_nonce`` on an inline script would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        str(request.csp_nonce)
        response = self.get_response(request)
        response._csp_update = {"script-src": [NONCE]}
        return response
