"""Middleware placed after the page cache in the stampede test: while the first visit
renders the page, other shoppers ask for it through the WSGI front door."""

import threading
import time

# (host, path, number of visits) to send while the page renders; set by the test.
CONCURRENT = {}
renders = []
answers = []
visitors = []


def send_visits_while_rendering(host: str, path: str, count: int) -> None:
    from config.wsgi import application

    from .wsgi import wsgi_get

    def visit():
        answers.append(wsgi_get(application, host=host, path=path))

    for _ in range(count):
        thread = threading.Thread(target=visit)
        visitors.append(thread)
        thread.start()


class SlowRenderMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        renders.append(request.path)
        if CONCURRENT:
            send_visits_while_rendering(**CONCURRENT)
            # Long enough for every visitor to find the page being rendered.
            time.sleep(0.3)
        return self.get_response(request)
