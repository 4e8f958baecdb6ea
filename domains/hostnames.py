"""Hostname normalisation shared by the middleware, the Domain model and the services."""

import ipaddress
import re

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_PORT = re.compile(r"^:[0-9]*$")


def normalise_host(raw: str) -> str:
    """Return a Host header's hostname in canonical form, or "" if it is not a hostname.

    Lower case, no port, no trailing dot, IDNA (punycode) for international names.
    """
    host = (raw or "").strip().lower()
    if host.startswith("["):  # IPv6 literal, with or without a port
        address, bracket, rest = host[1:].partition("]")
        if not bracket or (rest and not _PORT.match(rest)):
            return ""
        try:
            return f"[{ipaddress.IPv6Address(address).compressed}]"
        except ValueError:
            return ""
    if host.count(":") == 1:
        host, _, port = host.partition(":")
        if port and not port.isdigit():
            return ""
    host = host.rstrip(".")
    if not host:
        return ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    if not all(_LABEL.match(label) for label in host.split(".")):
        return ""
    return host
