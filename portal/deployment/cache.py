"""The shared cache: Django's own Redis backend, answering a miss when Redis is gone.

Every public page, remembered URL and memoised cache version lives in one
Redis that all workers on all hosts share, so a page is rendered once for all of
them. Nothing kept there is the only copy of anything: when Redis cannot be
reached (stopped, restarted, the network gone) a read answers a miss and a
write is dropped, so pages are rendered from the database instead of failing.
After a failure this process leaves Redis alone for ``RETRY_SECONDS`` (a
top-level key of the ``CACHES`` entry), so an unreachable server costs one
timeout per period, not one per request. Deletions and increments — the
invalidations — are always attempted.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

FAILURES = (RedisError, OSError)

# servers → monotonic time until which this process does not try them.
_resting: dict[tuple, float] = {}


class ReusingClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per server instead of making
    one for every call (that alone cost about 60–200 µs a call here: half of a
    cached page's round trip to Redis). A ``redis.Redis`` on a connection pool is
    safe to share."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    """``RedisCache`` whose failures degrade to misses and dropped writes."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
        self._retry = float(params.get("RETRY_SECONDS", 5))
        self._name = tuple(self._servers)

    def available(self) -> bool:
        return _resting.get(self._name, 0.0) <= time.monotonic()

    def _failed(self, error: Exception) -> None:
        if self.available():
            log.warning(
                "The shared cache failed (%s); pages are rendered without it for %s s.",
                error,
                self._retry,
            )
        _resting[self._name] = time.monotonic() + self._retry

    def _try(self, fallback, call, *args, always: bool = False, **kwargs):
        if not always and not self.available():
            return fallback
        try:
            answer = call(*args, **kwargs)
        except FAILURES as error:
            self._failed(error)
            return fallback
        _resting.pop(self._name, None)
        return answer

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._try(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(False, super().touch, key, timeout, version)

    def get_many(self, keys, version=None):
        return self._try({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._try(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(list(data), super().set_many, data, timeout, version)

    def delete(self, key, version=None):
        return self._try(False, super().delete, key, version, always=True)

    def delete_many(self, keys, version=None):
        return self._try(None, super().delete_many, keys, version, always=True)

    def incr(self, key, delta=1, version=None):
        """The new value; ValueError for a missing key (as Django's); None when
        Redis could not be reached."""
        return self._try(None, super().incr, key, delta, version, always=True)

    def clear(self):
        return self._try(False, super().clear, always=True)


def reset() -> None:
    """Forget every failure (tests)."""
    _resting.clear()
