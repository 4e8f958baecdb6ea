"""Tenancy: the bottom layer every app builds on; imports no app of ours.

It holds:

- the store scope (``tenancy.scope``): which stores' rows the default managers of
  store-owned models may return, and the middleware that opens a store host's scope for
  its requests (``tenancy.middleware``);
- the request contract (``tenancy.request``): which store a request serves, and which store
  an admin request works in, with which role;
- the store-scoped admin base every app builds its own admin on (``tenancy.admin``), with
  the bounds of numeric admin inputs (``tenancy.numeric_bounds``);
- the checks that rows chosen into a store's content (pages, images, documents, products)
  are that store's (``tenancy.content_choices``), run on save by the form bases in
  ``tenancy.forms`` and ``tenancy.admin.forms``.

Every app may import it; ``make lint`` checks that it imports none of them (the import
contracts in ``pyproject.toml``).
"""
