"""The store-scoped admin base that every app builds its own admin on.

- ``tenancy.admin.viewsets``: ``StoreScopedViewSet``, the snippet viewset of a store-owned
  model, listing the rows of the stores the request may show, and ``StoreCreateView``,
  which creates rows in the merchant's active store.
- ``tenancy.admin.forms``: ``StoreOwnedForm``, the admin form of a row owned by one store.
- ``tenancy.admin.policies``: permission policies for rows that people do not add, change
  or delete by hand, and ``register_permission_policies``.

Each app registers its viewsets in its own ``wagtail_hooks.py`` and its permission
policies in its ``AppConfig.ready()``, before Wagtail looks any policy up. Integer fields
of every admin form are bounded by ``tenancy.numeric_bounds``.

(A package, not an ``admin.py`` module: nothing here is for ``django.contrib.admin``.)
"""
