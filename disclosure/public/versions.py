"""Cache versions of the public pages, moved by every change the public can see.

Each change bumps the whole portal's scope and the scope of the county it lies
in, inside the writer's transaction, so a page's validators can never outlive
what they describe. The versions are always read on the primary: a replica's
copy of them may lag, and a page validated by a lagging version would be
served as current after a withdrawal was acknowledged. A page may still be
rendered on a replica, but only one that has replayed the version the page is
validated by (``matches_on``, used by ``caching.public_page``): a version bump
commits in the same transaction as the change it marks, so a replica that shows
the version shows the change too.

Reading costs one query, optionally memoised in the cache for
``PUBLIC_VERSION_TTL`` seconds (0 in tests: every read exact). The memo is
checked against a generation counter per scope that every writer increments in
the cache once its transaction has committed — before the write is acknowledged
— and the memo is only used when it was taken under the current generations.
Each process also keeps the memos it has seen, checked by the same rule, so a
cached page asks the cache for the generations and the page in one round trip
(``read_prefetching``). In
a cache all workers share (Redis) a change therefore moves every worker's pages
at once; in each worker's own memory, only the writer's, and the others' within
the TTL.
"""

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.utils import timezone

from ..models import PublicVersion

WHOLE = ""  # every public change: home, search, sitemap, API lists
BASE = "*"  # what every county's pages share: domains, standards, provinces


@dataclass(frozen=True)
class State:
    token: str
    changed_at: datetime | None


def scopes_for(code: str | None) -> list[str]:
    """The scopes a change at a division code moves: the portal's and its county's,
    or, for a change above the counties (or of no place), the base of them all."""
    if code and len(code) >= 6:
        return [WHOLE, code[:6]]
    return [WHOLE, BASE]


def scopes_read(county: str | None) -> list[str]:
    """The scopes a page depends on: a county's pages on it and the base only."""
    if county:
        return [BASE, county[:6]]
    return [WHOLE]


def _fresh() -> int:
    """A new version: random, so a value never comes back after a rollback or a
    restore, when the same number could otherwise name other content."""
    return secrets.randbits(62)


def _generation_key(scope: str) -> str:
    return f"public-generation:{scope}"


def _advance(scopes: list[str]) -> None:
    """Move the generation of ``scopes``: every memo taken before is ignored."""
    for scope in scopes:
        try:
            cache.incr(_generation_key(scope))
        except ValueError:
            pass  # no generation yet: the next reader starts a fresh one


def _on_commit_advance(scopes: list[str]) -> None:
    transaction.on_commit(lambda: _advance(scopes), using=DEFAULT_DB_ALIAS)


def bump(code: str | None = None) -> None:
    now = timezone.now()
    scopes = scopes_for(code)
    versions = PublicVersion.objects.using(DEFAULT_DB_ALIAS)
    for scope in scopes:
        rows = versions.filter(scope=scope).update(version=_fresh(), changed_at=now)
        if rows:
            continue
        try:
            with transaction.atomic(using=DEFAULT_DB_ALIAS):
                versions.create(scope=scope, version=_fresh(), changed_at=now)
        except IntegrityError:  # created meanwhile by another writer
            versions.filter(scope=scope).update(version=_fresh(), changed_at=now)
    _on_commit_advance(scopes)


def bump_everything() -> None:
    """Move every scope: after bulk writes that bypassed the signals."""
    versions = PublicVersion.objects.using(DEFAULT_DB_ALIAS)
    scopes = list(versions.values_list("scope", flat=True))
    for scope in scopes:
        versions.filter(scope=scope).update(version=_fresh(), changed_at=timezone.now())
    _on_commit_advance(scopes)
    bump(None)


def _state(alias: str, scopes: list[str]) -> State:
    rows = {
        row.scope: row
        for row in PublicVersion.objects.using(alias)
        .filter(scope__in=scopes)
        .only("version", "changed_at")
    }
    token = ".".join(str(rows[s].version) if s in rows else "0" for s in scopes)
    times = [row.changed_at for row in rows.values()]
    return State(token=token, changed_at=max(times) if times else None)


def _generations(scopes: list[str], found: dict) -> tuple | None:
    """The current generation of each scope (starting missing ones at random
    values, so an evicted counter never comes back to an old number), or None
    when the cache does not answer."""
    keys = [_generation_key(s) for s in scopes]
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _fresh(), timeout=None)
        found = {**found, **cache.get_many(missing)}
    if any(key not in found for key in keys):
        return None
    return tuple(found[key] for key in keys)


# memo key → (generations, state, until): this process's copies of the memos,
# valid under the same rule as the shared ones (and for no longer).
_recent: dict[str, tuple[tuple, State, float]] = {}
RECENT_ENTRIES = 10_000


def shared_cache() -> bool:
    """Whether the cache is a server other processes share (not local memory,
    which is this process's own and needs no copies of its own)."""
    return not isinstance(caches["default"], LocMemCache)


def _remember(memo_key: str, generations: tuple, state: State, ttl: int) -> None:
    if shared_cache():
        if len(_recent) >= RECENT_ENTRIES:
            _recent.clear()
        _recent[memo_key] = (generations, state, time.monotonic() + ttl)


def forget_local_copies() -> None:
    _recent.clear()


def read(county: str | None) -> State:
    """The validators' state for pages of ``county`` (or the whole portal), as
    the primary has it."""
    return read_prefetching(county)[0]


def read_prefetching(
    county: str | None, keys_for: Callable[[State], list[str]] | None = None
) -> tuple[State, dict]:
    """``read``, and the cache entries ``keys_for(state)`` names, fetched in the
    same round trip when this process already knows the state: a cached page
    then costs one request to the cache. The entries are returned only when
    the state they were named for is confirmed current."""
    scopes = scopes_read(county)
    ttl = getattr(settings, "PUBLIC_VERSION_TTL", 0)
    if not ttl:
        return _state(DEFAULT_DB_ALIAS, scopes), {}
    memo_key = "public-version:" + "|".join(scopes)
    recent = _recent.get(memo_key)
    if recent is not None and recent[2] < time.monotonic():
        recent = None
    extra = keys_for(recent[1]) if keys_for and recent is not None else []
    # Generations first, then (on a miss) the database: a memo is never newer
    # than the generations it is stored under.
    found = cache.get_many([memo_key, *(_generation_key(s) for s in scopes), *extra])
    generations = _generations(scopes, found)
    if generations is not None:
        if recent is not None and recent[0] == generations:
            return recent[1], {key: found[key] for key in extra if key in found}
        memo = found.get(memo_key)
        if memo is not None and memo[0] == generations:
            _remember(memo_key, generations, memo[1], ttl)
            return memo[1], {}
    state = _state(DEFAULT_DB_ALIAS, scopes)
    if generations is not None:
        cache.set(memo_key, (generations, state), ttl)
        _remember(memo_key, generations, state, ttl)
    return state, {}


def matches_on(alias: str, county: str | None, state: State) -> bool:
    """Whether the database ``alias`` (a replica) has replayed ``state``, the
    primary's versions for pages of ``county``."""
    return _state(alias, scopes_read(county)).token == state.token
