"""The database router: the primary unless a public page was given a replica.

Reads go to the alias ``reading_from`` set for the current context, which only
the public page decorator (``disclosure.public.caching``) sets, and only after it
has checked that the replica has replayed the cache version the page is
validated by (``replicas.caught_up``). Everything else — staff requests, writes,
signals, commands, the cache versions themselves — reads and writes on the
primary, ``default``. A write seen while a request is watched
(``watching_writes``) is noted, so ``pinning`` can keep that browser on the
primary for a while (read-your-writes).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS

_reading: ContextVar[str] = ContextVar("portal_reading_from", default=DEFAULT_DB_ALIAS)
_writes: ContextVar[list | None] = ContextVar("portal_writes_seen", default=None)


@contextmanager
def reading_from(alias: str):
    """Send every ORM read in this block (this thread, this context) to ``alias``."""
    token = _reading.set(alias)
    try:
        yield
    finally:
        _reading.reset(token)


def current() -> str:
    return _reading.get()


@contextmanager
def watching_writes():
    """Yield a list that gets an entry for every write routed inside the block."""
    seen: list = []
    token = _writes.set(seen)
    try:
        yield seen
    finally:
        _writes.reset(token)


class PrimaryReplicaRouter:
    """Reads where ``reading_from`` says (the primary by default), writes on the
    primary, migrations on the primary only (a replica copies them)."""

    def db_for_read(self, model, **hints):
        # Always an alias, never None: Django would otherwise follow an instance
        # read on a replica back to that replica after the page was answered.
        return _reading.get()

    def db_for_write(self, model, **hints):
        seen = _writes.get()
        if seen is not None:
            seen.append(model._meta.label)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
