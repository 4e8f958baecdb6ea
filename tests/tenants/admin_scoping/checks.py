"""What an admin answer to merchant A must (not) be."""


def shown(response, text):
    return text.lower() in response.content.decode().lower()


def assert_nothing_of(response, data, *, known_store=False):
    """No title, name or email of the store appears. ``known_store``: the person works for
    that store too, so its name may appear (in a store switcher), its data may not."""
    markers = [m for m in data.markers if not (known_store and m == data.store.name)]
    leaked = [marker for marker in markers if shown(response, marker)]
    assert not leaked, f"{response.request['PATH_INFO']} shows {leaked}"


def assert_refused(response):
    assert response.status_code in (403, 404), (
        f"{response.request['PATH_INFO']} answered {response.status_code}"
    )
