"""Admin form bases that keep the rows chosen in a form within one store.

Every app's admin forms that choose pages, images, documents or store-owned rows build on
these: page types, store-owned snippets and site settings (``tenancy.content_choices``
lists and checks the chosen rows).
"""

from collections import defaultdict
from collections.abc import Iterator

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms import BoundField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import StreamBlockValidationError

from .content_choices import Choice, choices_in_field, foreign_choices, value_without


class ChoicesBoundField(BoundField):
    """Shows a field whose choices were refused without the refused rows."""

    def value(self):
        shown = getattr(self.form, "values_without_refused", {})
        return shown[self.name] if self.name in shown else super().value()


class StoreChoicesFormMixin:
    """Refuses, with an error on the field, every row of another store chosen in the form.

    Covers the form's own fields and those of its inline formsets (a product's images):
    foreign keys, StreamFields and rich text, in one check per kind of row for the whole
    form. It runs in ``is_valid()``, after the formsets are cleaned; the store is
    ``choices_site()``. The form shown again with the errors leaves the refused rows
    out, so nothing of the other store is displayed.
    """

    bound_field_class = ChoicesBoundField

    def choices_site(self):
        """The site whose rows may be chosen (None: nothing to check against)."""
        raise NotImplementedError

    def is_valid(self):
        valid = super().is_valid()
        return self._choices_are_of_this_store() and valid

    def _choices_are_of_this_store(self) -> bool:
        site = self.choices_site()
        if site is None:
            return True
        found, unreadable = [], []
        for form, name, field, value in _choice_fields(self):
            try:
                found += [(form, name, choice) for choice in choices_in_field(field, value)]
            except ValidationError as error:
                unreadable.append((form, name, error))
        foreign = set(foreign_choices([choice for _, _, choice in found], site=site))
        refused = defaultdict(list)
        for form, name, choice in found:
            if choice in foreign:
                refused[form, name].append(choice)
        keys = {choice.key for choice in foreign}
        for (form, name), choices in refused.items():
            _show_without(form, name, keys)
            form.add_error(name, _field_error(choices))
        for form, name, error in unreadable:
            form.add_error(name, error)
        return not (refused or unreadable)


def _choice_fields(form) -> Iterator[tuple[object, str, object, object]]:
    """(form, name, model field, cleaned value) for every field of the form and of its
    inline formsets' forms that is a model field."""
    model = form._meta.model
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        yield form, name, field, value
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            if getattr(child, "cleaned_data", {}).get("DELETE"):
                continue
            yield from _choice_fields(child)


def _show_without(form, name: str, refused: set) -> None:
    """Make the form show field ``name`` again without the ``refused`` rows."""
    if isinstance(form, StoreChoicesFormMixin):
        value = form.cleaned_data[name]
        field = form._meta.model._meta.get_field(name)
        if not hasattr(form, "values_without_refused"):
            form.values_without_refused = {}
        form.values_without_refused[name] = value_without(field, value, refused)
    else:
        # A form of an inline formset (a product's image): its foreign key is emptied.
        form.data = form.data.copy()
        form.data[form.add_prefix(name)] = ""


def _field_error(choices: list[Choice]) -> ValidationError:
    """One error for a field. A StreamField's is placed on the blocks holding the choices,
    where its editor shows it (the widget shows one error per field)."""
    if all(choice.block_index is None for choice in choices):
        return ValidationError(_messages(choices))
    by_block = defaultdict(list)
    for choice in choices:
        by_block[choice.block_index].append(choice)
    by_block = {index: _messages(chosen) for index, chosen in by_block.items()}
    loose = by_block.pop(None, [])
    return StreamBlockValidationError(
        block_errors={index: ValidationError(messages) for index, messages in by_block.items()},
        non_block_errors=loose,
    )


def _messages(choices: list[Choice]) -> list[str]:
    """One message per row and place, even when a block chooses the same row twice."""
    return list(dict.fromkeys(choice.describe() for choice in choices))


class SiteSettingForm(StoreChoicesFormMixin, WagtailAdminModelForm):
    """A site setting's form: what it chooses belongs to the setting's own site."""

    def choices_site(self):
        return self.instance.site
