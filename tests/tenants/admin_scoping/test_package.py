"""The package's docstring lists every override of Wagtail's admin it holds."""

import pkgutil

from wagtail import hooks

from tenants import admin_scoping


def test_the_docstring_names_every_module_of_the_package():
    modules = [module.name for module in pkgutil.iter_modules(admin_scoping.__path__)]

    unlisted = [name for name in modules if f"``{name}" not in admin_scoping.__doc__]

    assert modules
    assert not unlisted, f"tenants.admin_scoping's docstring does not list {unlisted}"


def test_the_docstring_names_every_wagtail_hook_the_package_registers():
    hooks.search_for_hooks()
    registered = {
        name
        for name, entries in hooks._hooks.items()
        for fn, _order in entries
        if getattr(fn, "__module__", "").startswith("tenants.admin_scoping")
    }

    unlisted = sorted(name for name in registered if f"``{name}``" not in admin_scoping.__doc__)

    assert registered
    assert not unlisted, f"tenants.admin_scoping's docstring does not list {unlisted}"
