"""The shop's Celery tasks: each takes ids, opens its store's scope and calls one service."""
