import pytest

from domains.hostnames import normalise_host


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("shop.example.com", "shop.example.com"),
        ("Shop.Example.COM", "shop.example.com"),
        ("shop.example.com.", "shop.example.com"),
        ("shop.example.com:8000", "shop.example.com"),
        ("SHOP.example.com.:443", "shop.example.com"),
        ("  shop.example.com  ", "shop.example.com"),
        ("localhost", "localhost"),
        ("127.0.0.1:8000", "127.0.0.1"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("BÜCHER.example:8000", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("[::1]", "[::1]"),
        ("[::1]:8000", "[::1]"),
        ("[2001:DB8::1]:443", "[2001:db8::1]"),
    ],
)
def test_normalise_host_returns_canonical_hostname(raw, expected):
    assert normalise_host(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        ".",
        None,
        "shop example.com",
        "shop_example.com",
        "-shop.example.com",
        "shop-.example.com",
        "shop..example.com",
        "shop.example.com:http",
        "shop.example.com:80:80",
        "a" * 64 + ".example.com",
        "shop.example.com/evil",
        "evil.com#@shop.example.com",
        "user@shop.example.com",
        "[::1",
        "[]",
        "[not-an-address]",
        "[::1]evil.com",
        "\x00shop.example.com",
    ],
)
def test_normalise_host_rejects_garbage(raw):
    assert normalise_host(raw) == ""
