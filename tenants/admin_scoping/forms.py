"""Wagtail's form pages listing with store-scoped filters.

The listing of form pages (a store's contact page, whose submissions its staff read) shows
the pages ``get_forms_for_user`` finds, which the page permission policy
(``policies.StorePagePermissionPolicy``) already narrows to the request's stores. Its
filters, Wagtail's ``PageFilterSet``, would list every site, page owner and editor: this
version offers the request's stores' ones only. The submissions views are addressed by a
page id, which ``guards`` checks like any page view's.
"""

from django.contrib.contenttypes.models import ContentType
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import MultipleContentTypeFilter
from wagtail.contrib.forms.utils import get_form_types
from wagtail.contrib.forms.views import FormPagesListView

from .pages import StorePageFilterSet


class StoreFormPageFilterSet(StorePageFilterSet):
    content_type = MultipleContentTypeFilter(
        label=_("Page type"),
        queryset=lambda request: ContentType.objects.filter(
            pk__in=[content_type.pk for content_type in get_form_types()]
        ).order_by("model"),
        widget=CheckboxSelectMultiple,
    )


class StoreFormPagesListView(FormPagesListView):
    filterset_class = StoreFormPageFilterSet
