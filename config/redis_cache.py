"""Django's Redis cache, keeping one client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call.
Building one fills its table of response callbacks, several hundred dictionary writes, and
a storefront request makes several cache calls (its host, its store's status, the stored
page and its tags): measured with ``make bench``'s catalog, building clients was about a
quarter of the time of a page served from the page cache. The clients share their pool's
connections and are safe to share between threads, as the pool is; Django already keeps
one cache backend, and so one of these, per thread.

Keys are not checked for memcached's rules (``validate_key``): Redis takes any key.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def validate_key(self, key):
        """Nothing to check: Django's check warns of keys memcached would refuse (spaces,
        control characters, over 250 characters), which Redis takes as they are. It reads
        every character of every key, a tenth of a page served from the page cache."""
