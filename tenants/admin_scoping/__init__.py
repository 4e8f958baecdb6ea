"""Wagtail's shared admin screens narrowed to the store a request works in.

A merchant's admin request works in its active store (``tenancy.request.store_access``;
its site ids are ``admin_site_ids``, ``None`` for a platform operator, and the store scope
opened by ``tenants.middleware.AdminStoreMiddleware`` holds the same ids). Wagtail's page
tree, collections, site settings, tags, dashboard, reports and bulk actions are global, so
this package overrides each of them; platform operators (superusers) get Wagtail's own
behaviour. Every override of Wagtail's admin is in this package, and the one line outside
it that wires each is named in brackets:

- ``policies`` (``TenantsConfig.ready``): permission policies for ``Page``, the image and
  document models, and ``StoreSettings`` (the store's theme is a store-owned snippet,
  scoped as the catalog is: ``themes.viewsets``). Wagtail reads page,
  collection and site permissions through them almost everywhere (explorer, page search,
  edit screens, report rows, media listings, choosers, uploads, settings); inside a store
  scope they keep only the permissions granted on that store's tree, collection and site.
- ``backends.StoreRoleBackend`` (``AUTHENTICATION_BACKENDS``; ``AdminStoreMiddleware``
  makes the store active): Django's model permissions are global; only the active store's
  role group counts, so a person on two stores' staff is never owner in both.
- ``guards.AdminViewGuardMiddleware`` (``MIDDLEWARE``, right after
  ``AdminStoreMiddleware``): views no policy, hook or view of ours can scope. Site
  history, page-type usage, the admin API's media, workflows and the store list are
  refused; page (form submissions included), site-settings and bulk-action addresses
  naming another store's objects are a 404; the explorer's root opens the store's home
  page.
- ``urls`` (``config/urls.py`` includes it before Wagtail's admin): store versions of the
  locked pages, workflow and workflow tasks reports (``reports``), the image and document
  listings and the image chooser (``media``), tag autocomplete (``tags``) and the form
  pages listing (``forms``) answer Wagtail's own addresses. Their filters and popular
  tags listed every store's people, workflows and tags, and no hook reaches them.
- ``pages.StorePageViewSet`` (``register_admin_viewset``, in ``tenants.wagtail_hooks``):
  replaces Wagtail's default page viewset. Its explorer filters listed every site, owner
  and editor; its workflow actions found a task state by id alone; privacy offered every
  group.
- ``wagtail_hooks`` (imported by ``tenants.wagtail_hooks``):
  ``construct_page_chooser_queryset`` and ``construct_explorer_page_queryset`` list the
  active store's pages only, even for people with page permissions in several stores;
  ``construct_reports_menu`` hides the two reports the guard refuses;
  ``construct_homepage_panels`` swaps the dashboard's panels, which pick rows by person,
  not by page permission, for versions that drop other stores' rows (``dashboard``);
  ``construct_image_chooser_queryset`` and ``construct_document_chooser_queryset`` list
  the store's collections only (``media``).
- ``tenants/templates/wagtailadmin/base.html`` (``tenants`` before ``wagtail.admin`` in
  ``INSTALLED_APPS``): every admin screen shows the store bar (active store, role,
  switcher, suspension notice) at the top of Wagtail's furniture, where no hook renders.
- ``time_zones`` (``TenantsConfig.ready``): Wagtail's admin views run in the person's own
  time zone; they keep the store's, which ``shop.middleware.StoreTimeZoneMiddleware``
  activates, so go-live and expiry dates are entered and shown in the store's time.
- ``checks`` (``TenantsConfig.ready``): the overrides wired by settings fail loudly when a
  settings change loses them: the template (tenants.E001), the guard (tenants.E002), the
  backend (tenants.E003).

``scope`` says which pages, collections and rows belong to a set of stores; the modules
above ask it. ``urls`` also serves the staff invitation page (``accept_invitation``),
tenants' own view rather than an override: it sits under ``/admin/`` outside Wagtail's
admin-access check.
"""
