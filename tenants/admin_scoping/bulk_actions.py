"""Bulk actions on pages, images and documents that ignore other stores' objects.

Wagtail's bulk actions fetch the objects named in the address by id alone and list those
the user may not act on, by title, on their confirmation screen. These subclasses leave
out every object of a store the request does not show, as if its id had not been given;
when nothing is left, the answer is a 404, as for store-owned rows.
"""

from django.http import Http404
from wagtail.admin.views.pages import bulk_actions as page_actions
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.views import bulk_actions as image_actions

from .scope import request_contents


class StoreBulkActionMixin:
    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        contents = request_contents(self.request)
        if contents is None:
            return objects, extra
        objects = [obj for obj in objects if obj in contents]
        refused = [obj for obj in extra["items_with_no_access"] if obj in contents]
        if not objects and not refused:
            raise Http404
        return objects, {**extra, "items_with_no_access": refused}


class StoreDeletePagesBulkAction(StoreBulkActionMixin, page_actions.DeleteBulkAction):
    pass


class StoreMovePagesBulkAction(StoreBulkActionMixin, page_actions.MoveBulkAction):
    pass


class StorePublishPagesBulkAction(StoreBulkActionMixin, page_actions.PublishBulkAction):
    pass


class StoreUnpublishPagesBulkAction(StoreBulkActionMixin, page_actions.UnpublishBulkAction):
    pass


class StoreDeleteImagesBulkAction(StoreBulkActionMixin, image_actions.DeleteBulkAction):
    pass


class StoreTagImagesBulkAction(StoreBulkActionMixin, image_actions.AddTagsBulkAction):
    pass


class StoreCollectImagesBulkAction(StoreBulkActionMixin, image_actions.AddToCollectionBulkAction):
    pass


class StoreDeleteDocumentsBulkAction(StoreBulkActionMixin, document_actions.DeleteBulkAction):
    pass


class StoreTagDocumentsBulkAction(StoreBulkActionMixin, document_actions.AddTagsBulkAction):
    pass


class StoreCollectDocumentsBulkAction(
    StoreBulkActionMixin, document_actions.AddToCollectionBulkAction
):
    pass


# Registered after Wagtail's own (hook order 1), which they replace for the same action.
STORE_BULK_ACTIONS = [
    StoreDeletePagesBulkAction,
    StoreMovePagesBulkAction,
    StorePublishPagesBulkAction,
    StoreUnpublishPagesBulkAction,
    StoreDeleteImagesBulkAction,
    StoreTagImagesBulkAction,
    StoreCollectImagesBulkAction,
    StoreDeleteDocumentsBulkAction,
    StoreTagDocumentsBulkAction,
    StoreCollectDocumentsBulkAction,
]
