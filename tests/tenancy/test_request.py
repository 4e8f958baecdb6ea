"""The request contract: which store a request serves, and which store an admin request
works in with which role (``tenancy.request``), as the real middleware records them."""

from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Site

from domains.middleware import HostSiteMiddleware
from tenancy.request import (
    NO_ACCESS,
    admin_site_ids,
    is_platform_request,
    request_site,
    store_access,
    store_site,
)
from tenants.middleware import AdminStoreMiddleware
from tenants.roles import Role
from tenants.store_choice import choose_store
from tests.tenants.factories import UserFactory, role_group, staff_member


def _seen_by(middleware_class, request, read):
    seen = {}

    def view(request):
        seen["value"] = read(request)
        return HttpResponse()

    middleware_class(view)(request)
    return seen["value"]


def _host_answers(request):
    return store_site(request), is_platform_request(request), request_site(request)


def test_a_store_host_serves_its_store(store, other_store):
    request = RequestFactory().get("/", HTTP_HOST=store.site.hostname)

    assert _seen_by(HostSiteMiddleware, request, _host_answers) == (
        store.site,
        False,
        store.site,
    )


def test_the_platform_host_serves_no_store(store):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    platform = Site.objects.get(is_default_site=True)

    assert _seen_by(HostSiteMiddleware, request, _host_answers) == (None, True, platform)


def test_a_request_no_host_was_recorded_for_serves_no_store(store):
    request = RequestFactory().get("/", HTTP_HOST=store.site.hostname)

    assert store_site(request) is None
    assert not is_platform_request(request)


def _admin_request(user, session=None):
    request = RequestFactory().get("/admin/")
    request.user = user
    request.session = session if session is not None else {}
    return request


def _access(request):
    access = store_access(request)
    return access, admin_site_ids(request) if access.active or access.is_operator else None


def test_a_merchant_works_in_the_chosen_store_with_the_role_held_there(store, other_store):
    person = staff_member(store, Role.OWNER)
    person.groups.add(role_group(other_store, Role.SUPPORT))
    session = {}
    chooser = _admin_request(person, session)
    choose_store(chooser, other_store)

    access, site_ids = _seen_by(AdminStoreMiddleware, _admin_request(person, session), _access)

    assert access.active == other_store
    assert access.role == Role.SUPPORT
    assert set(access.member_stores) == {store, other_store}
    assert access.other_stores == [store]
    assert site_ids == frozenset({other_store.site_id})


def test_an_operator_works_across_every_store(platform_admin, store):
    access, site_ids = _seen_by(AdminStoreMiddleware, _admin_request(platform_admin), _access)

    assert access.is_operator
    assert access.active is None
    assert site_ids is None


def test_staff_with_no_store_have_no_store_access_and_are_refused(store):
    staff = UserFactory(is_staff=True)

    access, _ = _seen_by(AdminStoreMiddleware, _admin_request(staff), _access)

    assert access.active is None and not access.member_stores
    assert access.site_ids == frozenset()


def test_a_request_outside_the_admin_has_no_store_access(merchant):
    request = RequestFactory().get("/")
    request.user = merchant

    assert _seen_by(AdminStoreMiddleware, request, store_access) is NO_ACCESS
