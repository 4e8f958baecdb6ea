"""The themes app's admin: the theme editor (``themes.viewsets``), under Settings."""

from wagtail import hooks

from .models import StoreTheme
from .viewsets import StoreThemeViewSet

# Action menu items a theme never offers: it is neither unpublished nor deleted.
HIDDEN_THEME_ACTIONS = frozenset({"action-unpublish", "action-delete"})


@hooks.register("register_admin_viewset")
def register_theme_viewset():
    return StoreThemeViewSet()


@hooks.register("construct_snippet_action_menu")
def hide_unpublish_and_delete_of_themes(menu_items, request, context):
    if context.get("model") is StoreTheme or isinstance(context.get("instance"), StoreTheme):
        menu_items[:] = [item for item in menu_items if item.name not in HIDDEN_THEME_ACTIONS]
