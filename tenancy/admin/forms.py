"""The admin form base of a row owned by one store."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from tenancy.forms import StoreChoicesFormMixin


class StoreOwnedForm(StoreChoicesFormMixin, WagtailAdminModelForm):
    """A form for a row owned by one store (its panels include ``FieldPanel("site")``).

    A new row belongs to the view's active store (``store_site``, given by
    ``StoreCreateView``) and the site field is dropped; a platform operator with no active
    store picks the store. Rows being edited keep their store.

    Images, pages and other rows chosen in the form, inline ones included (a product's
    images), must be of the row's store (``tenancy.forms.StoreChoicesFormMixin``).
    """

    def __init__(self, *args, store_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.site_id is None and store_site is not None:
            self.instance.site = store_site
        if self.instance.site_id is not None:
            self.fields.pop("site", None)
        elif "site" in self.fields:
            self.fields["site"].queryset = Site.objects.filter(is_default_site=False)
            self.fields["site"].label = "Store"

    def row_site(self) -> Site | None:
        """The store's site the row belongs to: the one chosen in the form, else the row's
        own; None while neither is known."""
        chosen = getattr(self, "cleaned_data", {}).get("site")
        return chosen or (self.instance.site if self.instance.site_id else None)

    def choices_site(self):
        return self.row_site()
