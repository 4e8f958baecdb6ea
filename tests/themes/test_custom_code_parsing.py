"""How custom code is read and written out again: what the browser runs is what was hashed."""

import pytest

from themes.custom_code import csp_hash, parse_code, script_source


def test_inline_scripts_are_hashed_as_the_browser_reads_them():
    code = parse_code("<script>\r\nvar a = 1;\r\n</script>", in_head=True)

    assert code.html == "<script>\nvar a = 1;\n</script>"
    assert code.script_hashes == [csp_hash("\nvar a = 1;\n")]


def test_data_blocks_are_kept_but_not_allowed_to_run():
    block = '<script type="application/ld+json">{"@type": "Store"}</script>'

    code = parse_code(block, in_head=True)

    assert code.html == block
    assert code.script_hashes == []


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://cdn.example.com/w.js?id=1#x", "https://cdn.example.com/w.js"),
        ("https://CDN.Example.com:8443/a/b.js", "https://cdn.example.com:8443/a/b.js"),
        ("https://cdn.example.com", "https://cdn.example.com/"),
        ("http://cdn.example.com/w.js", None),
        ("//cdn.example.com/w.js", None),
        ("/static/w.js", None),
        ("javascript:alert(1)", None),
        ("https://user:pw@cdn.example.com/w.js", None),
        ("https://cdn.example.com/a;script-src *", None),
        ("https://cdn.example.com/a'b.js", None),
        ("https://*.example.com/w.js", None),
        ("https://[::1]/w.js", None),
    ],
)
def test_external_scripts_are_allowed_by_their_exact_https_address_or_left_out(url, source):
    assert script_source(url) == source
    code = parse_code(f'<script src="{url}"></script>', in_head=False)
    assert code.script_sources == ([source] if source else [])
    assert ("<script" in code.html) is bool(source)


@pytest.mark.parametrize(
    "text", ['a = "</script foo>";', 'a = "</SCRIPT\tx>";', "<!--<script>", "a = '<!--';"]
)
def test_scripts_the_browser_could_end_elsewhere_are_left_out(text):
    code = parse_code(f"<script>{text}</script><p>after</p>", in_head=False)

    assert code.script_hashes == []
    assert code.html == "<p>after</p>"


def test_a_script_ends_where_the_browser_ends_it():
    code = parse_code('<script>var s = "</script><script>x()</script>', in_head=False)

    assert code.html == '<script>var s = "</script><script>x()</script>'
    assert code.script_hashes == [csp_hash('var s = "'), csp_hash("x()")]


def test_what_could_take_over_the_page_is_left_out_and_every_element_closed():
    code = parse_code(
        '<base href="https://evil.example/"><!-- note --><div class="a" onmouseover="x()">'
        '<a href="/x" style="color: red">link<svg><script>1</script></svg><plaintext>rest',
        in_head=False,
    )

    assert code.html == '<div class="a"><a href="/x" style="color: red">link</a></div>'
    assert code.script_hashes == []


def test_head_code_keeps_only_what_belongs_in_a_head():
    code = parse_code(
        '<meta name="a" content="b"><div>body text</div>stray<link rel="preconnect" '
        'href="https://cdn.example.com"><noscript><img src="https://px.example.com/p.gif">'
        "<script>never()</script></noscript>",
        in_head=True,
    )

    assert code.html == (
        '<meta name="a" content="b"><link rel="preconnect" href="https://cdn.example.com">'
        '<noscript><img src="https://px.example.com/p.gif"></noscript>'
    )
    assert code.script_hashes == []


def test_attribute_values_and_text_are_escaped_again():
    code = parse_code(
        '<div title="&quot;&gt;<script>x()</script>">a &lt;b&gt; &amp; c</div>', in_head=False
    )

    assert code.html == (
        '<div title="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;">a &lt;b&gt; &amp; c</div>'
    )


def test_styles_in_custom_code_are_hashed():
    code = parse_code("<style>.a { color: red }</style>", in_head=True)

    assert code.style_hashes == [csp_hash(".a { color: red }")]
