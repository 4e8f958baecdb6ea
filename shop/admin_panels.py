"""The product editor's panels: one screen for a product, its options and its variants
(docs/adr/0038-one-screen-product-editor.md). ``shop.viewsets.ProductViewSet`` uses
``product_edit_handler``; the form behind it is ``shop.admin_forms.ProductForm``."""

import json

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)

from .admin_forms import ProductForm
from .data.catalog import MAX_OPTIONS


class VariantsPanel(Panel):
    """Up to three options, each a name and its values, and a table of the variants they
    make, every field of a variant (stock included) editable in its row. The rows follow
    the options as they are typed (``shop/static/shop/js/product-editor.js``); without
    JavaScript they follow when the form is saved."""

    def get_form_options(self):
        # Fields of ``ProductForm``; claimed here so Wagtail does not render them again.
        names = [
            f"option{n}_{part}" for n in range(1, MAX_OPTIONS + 1) for part in ("name", "values")
        ]
        return {"fields": names}

    class BoundPanel(Panel.BoundPanel):
        template_name = "shop/admin/product_variants_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            form = self.form
            context["option_fields"] = [
                (form[f"option{number}_name"], form[f"option{number}_values"])
                for number in range(1, MAX_OPTIONS + 1)
            ]
            context["rows"] = form.variant_rows
            context["empty_row"] = form.variant_rows.empty_form
            context["saved_options"] = json.dumps(
                [[option.name, list(option.values)] for option in form.saved_options]
            )
            return context


product_edit_handler = ObjectList(
    [
        FieldPanel("site"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("handle"), FieldPanel("status")]),
        FieldPanel("description"),
        InlinePanel("images", heading="Images", label="Image"),
        VariantsPanel(heading="Options and variants"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldRowPanel([FieldPanel("vendor"), FieldPanel("product_type")]),
                # A field of ``ProductForm``: tags typed by name.
                FieldPanel("tag_names"),
            ],
            heading="Organisation",
        ),
        MultiFieldPanel(
            [
                FieldPanel("out_of_stock"),
                FieldRowPanel([FieldPanel("preorder_limit"), FieldPanel("preorder_expected_on")]),
            ],
            heading="When sold out",
        ),
        MultiFieldPanel(
            [FieldPanel("seo_title"), FieldPanel("seo_description")], heading="Search engines"
        ),
    ],
    base_form_class=ProductForm,
)
