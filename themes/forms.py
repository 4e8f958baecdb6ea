"""Admin forms of themes, and the form base that keeps chosen rows within one store."""

from collections.abc import Iterator

from django.core.exceptions import FieldDoesNotExist
from wagtail.admin.forms import WagtailAdminModelForm

from .content_choices import Choice, choices_in_field, foreign_choices


class StoreChoicesFormMixin:
    """Refuses, with an error on the field, every row of another store chosen in the form.

    Covers the form's own fields and those of its inline formsets (a product's images):
    foreign keys, StreamFields and rich text, in one check per kind of row for the whole
    form. It runs in ``is_valid()``, after the formsets are cleaned; the store is
    ``choices_site()``.
    """

    def choices_site(self):
        """The site whose rows may be chosen (None: nothing to check against)."""
        raise NotImplementedError

    def is_valid(self):
        valid = super().is_valid()
        return self._choices_are_of_this_store() and valid

    def _choices_are_of_this_store(self) -> bool:
        site = self.choices_site()
        found = list(_choices_in_form(self))
        if site is None or not found:
            return True
        foreign = set(foreign_choices([choice for _, _, choice in found], site=site))
        for form, name, choice in found:
            if choice in foreign:
                form.add_error(name, choice.describe())
        return not foreign


def _choices_in_form(form) -> Iterator[tuple[object, str, Choice]]:
    """(form, field name, choice) for every row named in the cleaned form and its formsets."""
    model = form._meta.model
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        for choice in choices_in_field(field, value):
            yield form, name, choice
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            if getattr(child, "cleaned_data", {}).get("DELETE"):
                continue
            yield from _choices_in_form(child)


class SiteSettingForm(StoreChoicesFormMixin, WagtailAdminModelForm):
    """A site setting's form: what it chooses belongs to the setting's own site."""

    def choices_site(self):
        return self.instance.site
