"""Wagtail's shared admin surfaces narrowed to the stores a request may show.

A merchant's request shows the data of ``request.admin_stores`` only (its site ids are
``tenants.middleware.admin_site_ids``, ``None`` for a platform operator, and the store
scope opened by ``AdminStoreMiddleware`` holds the same ids). Wagtail's page tree,
collections, site settings, dashboard panels and reports are global, so this package
narrows each of them:

- ``policies``: the permission policies of pages, images, documents and site settings
  keep only the permissions granted inside the current store scope;
- ``pages``: the page explorer's filters offer the stores' own sites and editors;
- ``dashboard``: the dashboard panels show only the stores' pages;
- ``reports``: the locked pages and workflow reports offer only the stores' people and
  workflows (served at Wagtail's own report addresses, see ``urls``);
- ``media``: the image and document choosers list the stores' collections only.
"""
