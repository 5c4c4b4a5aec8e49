"""Which streaming replica may answer a public page, if any.

A replica is used for a page only when it has replayed the cache version the
page is validated by: ``caught_up(matches)`` asks each configured replica in
random order (spreading the load) whether ``matches(alias)``, and the first that
does is used. A replica that cannot be reached, or fails a query, is skipped by
this process for ``DATABASE_REPLICA_RETRY_SECONDS`` and its connection closed,
so a stopped replica costs one failed connection per retry period, not one per
request; a replica that is behind for this page is only skipped for this page.
"""

import logging
import random
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connections

log = logging.getLogger(__name__)

# alias → monotonic time until which this process leaves it alone.
_resting: dict[str, float] = {}


def configured() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


def available() -> list[str]:
    """The configured replicas not resting after a failure, in random order."""
    now = time.monotonic()
    aliases = [a for a in configured() if _resting.get(a, 0.0) <= now]
    random.shuffle(aliases)
    return aliases


def failed(alias: str, error: Exception) -> None:
    """Leave ``alias`` alone for a while after ``error``, and drop its connection."""
    retry = getattr(settings, "DATABASE_REPLICA_RETRY_SECONDS", 10)
    _resting[alias] = time.monotonic() + retry
    log.warning(
        "Replica %s skipped for %s s after an error: %s",
        alias,
        retry,
        str(error).strip().splitlines()[0] if str(error).strip() else type(error),
    )
    try:
        connections[alias].close()
    except DatabaseError:
        pass  # a connection that cannot even close is gone already


def caught_up(matches: Callable[[str], bool]) -> str | None:
    """The first available replica for which ``matches(alias)`` holds, or None."""
    for alias in available():
        try:
            if matches(alias):
                return alias
        except DatabaseError as error:
            failed(alias, error)
    return None


def reset() -> None:
    """Forget every failure (tests; a process that knows the replicas are back)."""
    _resting.clear()
