"""Failed sign-ins counted in the shared cache, so a lock-out holds on every worker.

django-axes' own cache handler keeps the counters in the cache but writes no
records; its database handler writes records but counts with a locked row per
failure. This handler takes both halves where they belong (docs/security.md):

- each failure is counted in the shared cache (``AXES_CACHE``: Redis, atomic
  ``INCR``, expiring after the cool-off), so workers on every host see one count;
- the lock-out itself is written to the database as django-axes' access attempt
  (the admin lists it; deleting it unlocks, and clears the counter too), so it
  also outlives a Redis restart;
- every sign-in and failed sign-in is recorded in the database as before
  (``AccessLog``, ``AccessFailureLog``);
- when the cache cannot be reached, failures are counted in the database by
  django-axes' database handler, and the count is the larger of the two: a
  Redis outage never lifts a lock-out nor opens the door to guessing.
"""

import logging

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_cache_timeout,
    get_client_cache_keys,
    get_client_str,
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
    get_query_str,
)
from axes.models import AccessAttempt, AccessFailureLog
from axes.signals import user_locked_out
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from .cache import FAILURES

log = logging.getLogger(__name__)


class SharedCacheHandler(AxesDatabaseHandler):
    """Counters in the shared cache; lock-outs and sign-in records in the database."""

    @property
    def cache(self):
        return caches[settings.AXES_CACHE]

    def _cached(self, request_or_attempt, credentials=None) -> int | None:
        """The cached failure count, or None when the cache cannot be reached."""
        keys = get_client_cache_keys(request_or_attempt, credentials)
        try:
            values = self.cache.get_many(keys)
        except FAILURES as error:
            log.warning("AXES: the shared cache cannot be reached (%s).", error)
            return None
        return max((int(values.get(key, 0)) for key in keys), default=0)

    def _forget(self, request_or_attempt, credentials=None) -> None:
        try:
            self.cache.delete_many(
                get_client_cache_keys(request_or_attempt, credentials)
            )
        except FAILURES as error:
            log.warning("AXES: the shared cache cannot be reached (%s).", error)

    def get_failures(self, request, credentials=None) -> int:
        cached = self._cached(request, credentials) or 0
        return max(cached, super().get_failures(request, credentials))

    def _count(self, request, credentials) -> int:
        """Add this failure to the cached counters; the highest count. Raises
        one of ``FAILURES`` when the cache cannot be reached."""
        timeout = get_cache_timeout(request)
        counts = []
        for key in get_client_cache_keys(request, credentials):
            if self.cache.add(key, 1, timeout=timeout):
                counts.append(1)
            else:
                counts.append(self.cache.incr(key))
                self.cache.touch(key, timeout=timeout)
        return max(counts)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is None:
            log.error("AXES: a failed sign-in without a request cannot be counted.")
            return
        username = get_client_username(request, credentials)
        if self.is_whitelisted(request, credentials):
            return
        if (
            get_lockout_parameters(request, credentials) == ["username"]
            and not username
        ):
            return
        try:
            counted = self._count(request, credentials)
        except FAILURES as error:
            log.warning(
                "AXES: the shared cache cannot be reached (%s); counting this failed "
                "sign-in in the database.",
                error,
            )
            return super().user_login_failed(sender, credentials, request, **kwargs)
        self.clean_expired_user_attempts(request, credentials)
        failures = max(counted, super().get_failures(request, credentials))
        request.axes_failures_since_start = failures
        if settings.AXES_LOCK_OUT_AT_FAILURE and failures >= get_failure_limit(
            request, credentials
        ):
            log.warning(
                "AXES: Locking out %s after repeated login failures.",
                get_client_str(
                    username,
                    request.axes_ip_address,
                    request.axes_user_agent,
                    request.axes_path_info,
                    request,
                ),
            )
            request.axes_locked_out = True
            request.axes_credentials = credentials
            self._record_lockout(request, username, failures)
            user_locked_out.send(
                "axes",
                request=request,
                username=username,
                ip_address=request.axes_ip_address,
            )
        if settings.AXES_ENABLE_ACCESS_FAILURE_LOG:
            AccessFailureLog.objects.create(
                username=username,
                ip_address=request.axes_ip_address,
                user_agent=request.axes_user_agent,
                http_accept=request.axes_http_accept,
                path_info=request.axes_path_info,
                attempt_time=request.axes_attempt_time,
                locked_out=request.axes_locked_out,
            )
            self.remove_out_of_limit_failure_logs(username=username)

    def _record_lockout(self, request, username, failures: int) -> None:
        """The lock-out as an access attempt: listed in the admin, deleted to unlock."""
        with transaction.atomic():
            AccessAttempt.objects.update_or_create(
                username=username,
                ip_address=request.axes_ip_address,
                user_agent=request.axes_user_agent,
                defaults={
                    "get_data": get_query_str(request.GET).replace("\0", "0x00"),
                    "post_data": get_query_str(request.POST).replace("\0", "0x00"),
                    "http_accept": request.axes_http_accept,
                    "path_info": request.axes_path_info,
                    "failures_since_start": failures,
                    "attempt_time": request.axes_attempt_time,
                },
            )

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        if settings.AXES_RESET_ON_SUCCESS:
            self._forget(request, {"username": user.get_username()})

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        """Unlock: the database's attempts, and the cached counters of every
        username and address pair that failed within the cool-off."""
        pairs = set()
        if ip_address is not None and username is not None:
            pairs.add((username, ip_address))
        elif ip_address is not None or username is not None:
            failures = AccessFailureLog.objects.all()
            cool_off = get_cool_off()
            if cool_off is not None:
                failures = failures.filter(attempt_time__gte=timezone.now() - cool_off)
            if username is not None:
                failures = failures.filter(username=username)
            if ip_address is not None:
                failures = failures.filter(ip_address=ip_address)
            pairs.update(failures.values_list("username", "ip_address").distinct())
        for name, address in pairs:
            self._forget(AccessAttempt(username=name, ip_address=address))
        count = super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )
        return max(count, len(pairs))

    def post_delete_access_attempt(self, instance, **kwargs):
        """An access attempt deleted in the admin unlocks its counters too."""
        self._forget(instance)
