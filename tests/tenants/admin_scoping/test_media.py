"""Image and document screens list, choose, edit and upload to the request's store's
collection only, and offer its own tags."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.helpers import XHR, url_patterns
from tests.tenants.admin_scoping.checks import assert_nothing_of, shown
from tests.tenants.admin_scoping.surfaces import media_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("surfaces")]


MEDIA_LISTINGS = [
    ("wagtailimages:index", {}),
    ("wagtailimages:index_results", {}),
    ("wagtailimages:index_results", {"q": "Photo"}),
    ("wagtailimages:add", {}),
    ("wagtailimages:add_multiple", {}),
    ("wagtailimages_chooser:choose", {}),
    ("wagtailimages_chooser:choose_results", {"q": "Photo"}),
    ("wagtaildocs:index", {}),
    ("wagtaildocs:index_results", {}),
    ("wagtaildocs:index_results", {"q": "Price"}),
    ("wagtaildocs:add", {}),
    ("wagtaildocs:add_multiple", {}),
    ("wagtaildocs_chooser:choose", {}),
    ("wagtaildocs_chooser:choose_results", {"q": "Price"}),
]
MEDIA_APPS = {"images": "wagtailimages", "documents": "wagtaildocs"}
MEDIA_ID_PARAMS = {"image_id", "document_id", "doc_id", "pk"}


def _listed_title(data, url_name):
    """The title by which a media listing shows the store's own item, if it lists items."""
    if "index" not in url_name and "choose" not in url_name:
        return None
    return media_of(data, "documents" if url_name.startswith("wagtaildocs") else "images").title


def _media_object_urls(kind, obj_id):
    """{view name: URL} for every image (or document) admin view taking the object's id."""
    app = MEDIA_APPS[kind]
    urls = {}
    for namespace, pattern, _ in url_patterns():
        params = set(pattern.pattern.regex.groupindex)
        if namespace not in (app, f"{app}_chooser") or not params & MEDIA_ID_PARAMS:
            continue
        kwargs = dict.fromkeys(params & MEDIA_ID_PARAMS, obj_id)
        if "filter_spec" in params:
            kwargs["filter_spec"] = "original"
        name = f"{namespace}:{pattern.name}"
        urls[name] = reverse(name, kwargs=kwargs)
    return urls


@pytest.mark.parametrize(("url_name", "query"), MEDIA_LISTINGS)
def test_media_listings_show_own_collection_only(merchant_client, alpha, beta, url_name, query):
    response = merchant_client.get(reverse(url_name), query, **XHR)

    assert response.status_code == 200
    assert_nothing_of(response, beta)
    if title := _listed_title(alpha, url_name):
        assert shown(response, title)


@pytest.mark.parametrize(("url_name", "query"), MEDIA_LISTINGS)
def test_agent_media_listings_show_the_active_stores_collection_only(
    agent_client, alpha, beta, url_name, query
):
    response = agent_client.get(reverse(url_name), query, **XHR)

    assert response.status_code == 200
    assert_nothing_of(response, alpha, known_store=True)
    if title := _listed_title(beta, url_name):
        assert shown(response, title)


@pytest.mark.parametrize("kind", MEDIA_APPS)
def test_media_listing_filtered_by_another_collection_reveals_nothing(agent_client, alpha, kind):
    url = reverse(f"{MEDIA_APPS[kind]}:index_results")

    response = agent_client.get(url, {"collection_id": alpha.store.collection.pk}, **XHR)

    assert response.status_code == 200
    assert_nothing_of(response, alpha, known_store=True)


@pytest.mark.parametrize("kind", MEDIA_APPS)
@pytest.mark.parametrize("person", ["merchant", "agent"])
def test_every_media_url_of_another_stores_object_is_refused(request, alpha, beta, kind, person):
    client = request.getfixturevalue(f"{person}_client")
    other = beta if person == "merchant" else alpha
    target = media_of(other, kind)
    urls = _media_object_urls(kind, target.pk)
    assert {name.rsplit(":", 1)[1] for name in urls} >= {"edit", "delete", "chosen"}

    for name, url in urls.items():
        responses = [client.get(url, **XHR)]
        if name.endswith((":edit", ":delete", ":edit_multiple", ":delete_multiple")):
            responses.append(client.post(url, {"title": "Hijacked"}, **XHR))
        for response in responses:
            assert response.status_code in (400, 403, 404, 405), f"{url}: {response.status_code}"
            assert_nothing_of(response, other, known_store=person == "agent")
    target.refresh_from_db()
    assert target.title != "Hijacked"


@pytest.mark.parametrize("kind", MEDIA_APPS)
def test_agent_edits_the_active_stores_media(agent_client, beta, kind):
    url = _media_object_urls(kind, media_of(beta, kind).pk)[f"{MEDIA_APPS[kind]}:edit"]

    assert agent_client.get(url).status_code == 200


@pytest.mark.parametrize("kind", MEDIA_APPS)
def test_choosing_another_stores_media_by_id_returns_nothing(agent_client, alpha, kind):
    url = reverse(f"{MEDIA_APPS[kind]}_chooser:chosen_multiple")

    response = agent_client.get(url, {"id": [media_of(alpha, kind).pk]}, **XHR)

    assert response.status_code in (200, 403, 404)
    assert_nothing_of(response, alpha, known_store=True)


def test_agent_upload_naming_the_other_stores_collection_lands_in_the_active_store(
    agent_client, alpha, beta
):
    upload = SimpleUploadedFile("rates.txt", b"Rates", content_type="text/plain")
    data = {"title": "Smuggled Rates", "file": upload, "collection": alpha.store.collection.pk}

    agent_client.post(reverse("wagtaildocs:add"), data, **XHR)

    uploaded = get_document_model().objects.filter(title="Smuggled Rates")
    assert [document.collection for document in uploaded] == [beta.store.collection]


@pytest.mark.parametrize("url_name", ["wagtailimages:index", "wagtaildocs:index"])
def test_media_listings_offer_own_popular_tags(merchant_client, alpha, beta, url_name):
    response = merchant_client.get(reverse(url_name))

    kind = "price" if url_name.startswith("wagtaildocs") else "lamp"
    assert shown(response, f"alpha-{kind}-tag")
    assert_nothing_of(response, beta)


def test_image_chooser_offers_own_popular_tags(agent_client, alpha, beta):
    response = agent_client.get(reverse("wagtailimages_chooser:choose"))

    assert shown(response, "beta-lamp-tag")
    assert_nothing_of(response, alpha, known_store=True)


@pytest.mark.parametrize(
    "url", [reverse("wagtailadmin_tag_autocomplete"), "/admin/tag-autocomplete/taggit/tag/"]
)
def test_tag_autocomplete_offers_own_tags_only(merchant_client, alpha, beta, url):
    own = merchant_client.get(url, {"term": "alpha"})
    other = merchant_client.get(url, {"term": "beta"})

    assert own.json() == ["alpha-lamp-tag", "alpha-price-tag"]
    assert other.json() == []


def test_tag_autocomplete_refuses_other_tag_models_to_merchants(merchant_client):
    url = reverse("wagtailadmin_tag_model_autocomplete", args=["wagtailimages", "image"])

    assert merchant_client.get(url, {"term": "a"}).status_code == 404


def test_platform_admin_tag_autocomplete_offers_every_stores_tags(operator_client, alpha, beta):
    response = operator_client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "b"})

    assert response.json() == ["beta-lamp-tag", "beta-price-tag"]
