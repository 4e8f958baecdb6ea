"""Tag names offered to a merchant come from their stores' images and documents.

Tags are shared rows (taggit's ``Tag``, used by images and documents): Wagtail's tag
autocomplete, the media listings' popular-tag filters and the image chooser's popular
tags would offer the tag names other stores wrote.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import Http404, JsonResponse
from taggit.models import Tag, TaggedItem
from wagtail.admin.views import tags as wagtail_tags
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tenancy.request import admin_site_ids

from .scope import collections_of_stores


def _tagged_in_stores(site_ids, models) -> Q:
    """Tagged items that are the stores' objects of the given models."""
    collections = collections_of_stores(site_ids)
    condition = Q(pk__in=[])
    for model in models:
        condition |= Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.filter(collection__in=collections).values("pk"),
        )
    return condition


def popular_store_tags(request, model, count=10) -> QuerySet[Tag] | None:
    """The tags most used on the request stores' objects of ``model``; None for operators."""
    site_ids = admin_site_ids(request)
    if site_ids is None:
        return None
    items = TaggedItem.objects.filter(_tagged_in_stores(site_ids, [model]))
    return (
        Tag.objects.filter(pk__in=items.values("tag_id"))
        .annotate(
            item_count=Count(
                "taggit_taggeditem_items",
                filter=Q(taggit_taggeditem_items__in=items.values("pk")),
            )
        )
        .order_by("-item_count", "name")[:count]
    )


def autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete, offering merchants their stores' tags only.

    Images and documents use taggit's ``Tag``, the only tag model a merchant may ask for.
    """
    site_ids = admin_site_ids(request)
    if site_ids is None:
        return wagtail_tags.autocomplete(request, app_name=app_name, model_name=model_name)
    if app_name and (app_name, model_name) != ("taggit", "tag"):
        raise Http404
    term = request.GET.get("term")
    if not term:
        return JsonResponse([], safe=False)
    items = TaggedItem.objects.filter(
        _tagged_in_stores(site_ids, [get_image_model(), get_document_model()])
    )
    names = (
        Tag.objects.filter(pk__in=items.values("tag_id"), name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[: wagtail_tags.TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
