from django import template
from django.template.loader import select_template

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_include(context, name, **extra):
    """Render ``name`` from the store's preset folder, or the default one, in this context.

    ``{% theme_include "includes/product_card.html" card=card %}``
    """
    theme = context.get("theme")
    names = theme.template_names(name) if theme else [f"themes/default/{name}"]
    with context.push(**extra):
        return select_template(names).template.render(context)
