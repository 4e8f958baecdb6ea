"""A frontend-cache backend for tests: it records the addresses it is asked to purge, the
way a CDN's purge API would receive them, with no network."""

from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url) -> None:
        PURGED.append(url)
