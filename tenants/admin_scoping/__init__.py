"""Wagtail's shared admin surfaces narrowed to the stores a request may show.

A merchant's request shows the data of its active store only (its site ids are
``tenancy.request.admin_site_ids``, ``None`` for a platform operator, and the store
scope opened by ``AdminStoreMiddleware`` holds the same ids). Wagtail's page tree,
collections, site settings, dashboard panels and reports are global, so this package
narrows each of them:

- ``policies``: the permission policies of pages, images, documents and site settings
  keep only the permissions granted inside the current store scope;
- ``pages``: the page explorer's filters offer the stores' own sites and editors, and
  workflow actions act only on the task state of the page they name;
- ``dashboard``: the dashboard panels show only the stores' pages;
- ``reports``: the locked pages and workflow reports offer only the stores' people and
  workflows;
- ``media`` and ``tags``: image and document screens list the stores' collections and
  offer the stores' own tags.

Views that no hook reaches are served at Wagtail's own admin addresses (see ``urls``).
Bulk actions naming any object outside the request's stores are refused, whatever their
model, by ``AdminStoreMiddleware``.
"""
