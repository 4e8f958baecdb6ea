"""Image and document screens that show the request's stores' collections only.

The collection permission policy (``policies``) narrows what a merchant may list, choose,
upload to and edit. On top of it:

- the chooser hooks state the same rule on the choosers' querysets, from the request;
- the listings and the image chooser offer popular tags from the stores' own objects
  (Wagtail counts every store's); these views answer Wagtail's addresses (see ``urls``).
"""

from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images import get_image_model
from wagtail.images.views.chooser import ImageChooserViewSet, ImageChooseView
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as ImageIndexView

from tenancy.request import admin_site_ids

from .scope import collections_of_stores
from .tags import popular_store_tags


def in_store_collections(queryset, request):
    site_ids = admin_site_ids(request)
    if site_ids is None:
        return queryset
    return queryset.filter(collection__in=collections_of_stores(site_ids))


class StoreTagFilterMixin:
    """Offers the stores' own popular tags in Wagtail's tag filter."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        tags = popular_store_tags(request, self._meta.model)
        if tags is None or "tag" not in self.filters:
            return
        if tags:
            self.filters["tag"].extra["choices"] = [(tag.name, tag.name) for tag in tags]
        else:
            del self.filters["tag"]


class StoreImagesFilterSet(StoreTagFilterMixin, ImagesFilterSet):
    pass


class StoreDocumentsFilterSet(StoreTagFilterMixin, DocumentsFilterSet):
    pass


class StoreImageIndexView(ImageIndexView):
    filterset_class = StoreImagesFilterSet


class StoreDocumentIndexView(DocumentIndexView):
    filterset_class = StoreDocumentsFilterSet


class StoreImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tags = popular_store_tags(self.request, self.model)
        if tags is not None:
            context["popular_tags"] = tags
        return context


class StoreImageChooserViewSet(ImageChooserViewSet):
    """Builds the image chooser's first view as Wagtail's viewset does; not registered."""

    choose_view_class = StoreImageChooseView


image_chooser = StoreImageChooserViewSet(
    "wagtailimages_chooser", model=get_image_model(), url_prefix="images/chooser"
)
