"""Widgets of the shop's admin forms."""

from django import forms


class SearchableChecklist(forms.CheckboxSelectMultiple):
    """Checkboxes in a scrolling list with a box that narrows it as one types, and a count
    of what is chosen (``shop/js/searchable-checklist.js``): for a store's products and
    variants, which may be thousands. Without JavaScript it is a plain list of checkboxes.
    """

    template_name = "shop/widgets/searchable_checklist.html"

    def __init__(self, attrs=None, choices=(), *, noun="items"):
        super().__init__(attrs, choices)
        self.noun = noun

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["noun"] = self.noun
        return context

    class Media:
        js = ["shop/js/searchable-checklist.js"]
        css = {"all": ["shop/css/searchable-checklist.css"]}
