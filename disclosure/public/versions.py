"""Cache versions of the public pages, moved by every change the public can see.

Each change bumps the whole portal's scope and the scope of the county it lies
in, inside the writer's transaction, so a page's validators can never outlive
what they describe. Reading costs one query, optionally memoised for
``PUBLIC_VERSION_TTL`` seconds (0 in tests: every read is exact).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
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


def bump(code: str | None = None) -> None:
    now = timezone.now()
    for scope in scopes_for(code):
        rows = PublicVersion.objects.filter(scope=scope).update(
            version=_fresh(), changed_at=now
        )
        if rows:
            continue
        try:
            with transaction.atomic():
                PublicVersion.objects.create(
                    scope=scope, version=_fresh(), changed_at=now
                )
        except IntegrityError:  # created meanwhile by another writer
            PublicVersion.objects.filter(scope=scope).update(
                version=_fresh(), changed_at=now
            )


def bump_everything() -> None:
    """Move every scope: after bulk writes that bypassed the signals."""
    for scope in PublicVersion.objects.values_list("scope", flat=True):
        PublicVersion.objects.filter(scope=scope).update(
            version=_fresh(), changed_at=timezone.now()
        )
    bump(None)


def read(county: str | None) -> State:
    """The validators' state for pages of ``county`` (or the whole portal)."""
    scopes = scopes_read(county)
    ttl = getattr(settings, "PUBLIC_VERSION_TTL", 0)
    key = "public-version:" + "|".join(scopes)
    if ttl:
        state = cache.get(key)
        if state is not None:
            return state
    rows = {
        row.scope: row
        for row in PublicVersion.objects.filter(scope__in=scopes).only(
            "version", "changed_at"
        )
    }
    token = ".".join(str(rows[s].version) if s in rows else "0" for s in scopes)
    times = [row.changed_at for row in rows.values()]
    state = State(token=token, changed_at=max(times) if times else None)
    if ttl:
        cache.set(key, state, ttl)
    return state
