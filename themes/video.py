"""Video addresses a merchant may embed: YouTube and Vimeo, read into a host and an id.

The storefront never loads anything from the video host until the shopper asks to play:
the block shows our own poster, and ``blocks.js`` swaps in the player (YouTube's
privacy-enhanced ``youtube-nocookie.com`` host, Vimeo with ``dnt=1``) on click.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
YOUTUBE_PATHS = ("/embed/", "/shorts/", "/live/", "/v/")

# Where the player comes from; the storefront's Content-Security-Policy allows these
# origins as frame sources and nothing else from the video hosts.
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")

UNSUPPORTED = "Enter the address of a YouTube or Vimeo video, such as https://youtu.be/…"


@dataclass(frozen=True)
class Video:
    host: str  # "youtube" or "vimeo"
    video_id: str

    @property
    def embed_url(self) -> str:
        if self.host == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1"

    @property
    def watch_url(self) -> str:
        if self.host == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def host_label(self) -> str:
        return "YouTube" if self.host == "youtube" else "Vimeo"


def parse_video_url(url: str) -> Video:
    """The video a YouTube or Vimeo address names; ValidationError for any other address."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https"):
        raise ValidationError(UNSUPPORTED)
    if host in YOUTUBE_HOSTS:
        video_id = _youtube_id(host, parts)
        if video_id and YOUTUBE_ID.fullmatch(video_id):
            return Video("youtube", video_id)
    elif host in VIMEO_HOSTS:
        segments = [segment for segment in parts.path.split("/") if segment]
        numeric = [segment for segment in segments if VIMEO_ID.fullmatch(segment)]
        if numeric:
            return Video("vimeo", numeric[0])
    raise ValidationError(UNSUPPORTED)


def _youtube_id(host: str, parts) -> str | None:
    if host.endswith("youtu.be"):
        return parts.path.strip("/").split("/")[0]
    if parts.path == "/watch":
        return (parse_qs(parts.query).get("v") or [None])[0]
    for prefix in YOUTUBE_PATHS:
        if parts.path.startswith(prefix):
            return parts.path[len(prefix) :].split("/")[0]
    return None
