"""The page cache: storefront pages that are the same for every anonymous shopper, kept
whole and served before session, CSRF and authentication work is done.

- ``frontdoor``: answers a stored page before anything else runs (in front of Django in
  ``config.wsgi``, and as the outermost middleware), or renders the page once for the
  shoppers who miss it at the same time and stores the finished answer.
- ``middleware``: records what a storefront page is rendered from and whether it may be
  shared, with the HTTP caching headers (``Cache-Control``, ``ETag``, 304) of every page.
- ``keys``: which query parameters may be cached, and the key of a page (scheme, host,
  path, the query parameters the storefront knows).
- ``tags``: what a render read (pages, products, images, the catalog, the store), recorded
  as it happens, and the time each was last changed.
- ``entries``: a stored page (status, headers, body) and the check that none of its tags
  changed since, with the copies a worker keeps in its own memory.
- ``invalidation`` and ``signal_handlers``: which change invalidates what (ADR 30), after
  commit, and the same invalidation sent to a CDN (``purge``, Wagtail's frontend cache).
"""
