"""The page cache: storefront pages that are the same for every anonymous shopper, kept
whole and served before session, CSRF and authentication work is done.

- ``middleware``: serves a page from the cache, or stores what the storefront rendered,
  with the HTTP caching headers (``Cache-Control``, ``ETag``, 304) of both.
- ``keys``: which requests may be cached, and under which key (host, path, the query
  parameters the storefront knows).
- ``tags``: what a render read (pages, products, images, the catalog, the store), recorded
  as it happens, and the time each was last changed.
- ``entries``: a stored page and the check that none of its tags changed since.
- ``invalidation`` and ``signal_handlers``: which change invalidates what (ADR 30), after
  commit, and the same invalidation sent to a CDN (``purge``, Wagtail's frontend cache).
"""
