"""Tenancy: the bottom layer every app builds on; imports no app of ours.

It holds:

- the store scope (``tenancy.scope``): which stores' rows the default managers of
  store-owned models may return, and the middleware that opens a store host's scope for
  its requests (``tenancy.middleware``);
- the request contract (``tenancy.request``): which store a request serves, and the admin's
  store access;
- the checks that rows chosen into a store's content (pages, images, documents, products)
  are that store's (``tenancy.content_choices``), run on save by the admin form bases in
  ``tenancy.forms``.

Every app may import it; ``make lint`` checks that it imports none of them (the import
contracts in ``pyproject.toml``).
"""
