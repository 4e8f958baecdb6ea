"""Requests sent to a WSGI application as gunicorn sends them (no test client between)."""

import io
from dataclasses import dataclass


@dataclass
class WsgiAnswer:
    status: str
    headers: dict[str, str]
    body: bytes


def wsgi_get(application, *, host: str, path: str, method: str = "GET", **extra) -> WsgiAnswer:
    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        **extra,
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = status
        started["headers"] = dict(headers)

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return WsgiAnswer(status=started["status"], headers=started["headers"], body=body)
