"""The authorisation matrix: every role × every URL of the portal × own and other
organisation, allowed or denied as matrix.py and matrix_admin.py say.

The URLs are read off the URL configuration (``get_resolver()``, recursively,
the admin's generated URLs included), so a URL added anywhere fails
``test_every_url_has_an_entry`` until it is given an entry. Allowed means 200,
or a redirect somewhere other than the sign-in page; denied means 403, 404 or a
redirect to the sign-in page. State-changing views are also POSTed inside a
savepoint that is rolled back; a denied POST must leave every table's row
count as it was (every change writes history, so a change adds a row).
Public and open-data answers must never name an unpublished publication.

The demo is built once for the module; each role is one test.
"""

import json
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.template.base import Template
from django.test import override_settings
from django.test import utils as test_utils
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from disclosure.models import CorrectionEntry, Publication
from disclosure.public.rules import public_publications

from . import matrix, matrix_admin
from . import world as world_builder
from .matrix import ANON, ROLES

TABLE = {
    **matrix.PUBLIC,
    **matrix.STAFF_PAGES,
    **matrix.FILING_PAGES,
    **matrix_admin.table(),
}
PUBLIC_NAMESPACES = (
    "public:",
    "opendata:",
    "catalogs:",
    "participation:",
    "set_language",
)


def url_patterns() -> dict[str, str]:
    """key → route of every URL pattern; the key is ``namespace:name``, or the
    route for a pattern without a name."""
    found = {}

    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern, route, inner)
            elif pattern.name:
                found[":".join(filter(None, [namespace, pattern.name]))] = route
            else:
                found[route] = route

    with translation.override("zh-hans"):
        walk(get_resolver(), "", None)
    return found


def test_every_url_has_an_entry():
    patterns = url_patterns()
    missing = sorted(set(patterns) - set(TABLE))
    assert not missing, (
        "Give these URL patterns an entry in tests/security/matrix.py "
        "(matrix_admin.py for /admin/): "
    ) + ", ".join(f"{key} ({patterns[key]})" for key in missing)
    stale = sorted(set(TABLE) - set(patterns))
    assert not stale, f"These matrix entries name no URL pattern: {stale}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo and its additions, built once and rolled back after the module."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        cache.clear()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = world_builder.build()
            # The correction log names what was withdrawn after it was public.
            visible = set(public_publications().values_list("title", flat=True))
            visible |= set(
                CorrectionEntry.objects.filter(kind="withdrawal").values_list(
                    "publication__title", flat=True
                )
            )
            built["hidden titles"] = sorted(
                set(
                    Publication.objects.exclude(
                        pk__in=public_publications().values("pk")
                    ).values_list("title", flat=True)
                )
                - visible
            )
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def resolve(value, world):
    return value(world) if callable(value) else value


def url_of(key, spec, world) -> str:
    if callable(spec):
        return spec(world)
    if isinstance(spec, str):
        return spec
    if isinstance(spec, list):
        return reverse(key, args=[resolve(v, world) for v in spec])
    return reverse(key, kwargs={k: resolve(v, world) for k, v in spec.items()})


def cases(world):
    """(key, target, url, entry) for every entry and target."""
    with translation.override("zh-hans"):
        for key, entry in sorted(TABLE.items()):
            for target, spec in entry.targets.items():
                url = url_of(key, spec, world)
                if entry.query:
                    url += "?" + entry.query
                yield key, target, url, entry


def outcome(response) -> str:
    status = response.status_code
    if status in (301, 302, 303):
        location = urlparse(response["Location"]).path
        return "sign-in" if location == reverse("admin:login") else "allowed"
    if status in (403, 404, 410):  # 410: a withdrawn publication's tombstone
        return "denied"
    if status == 200:
        return "allowed"
    return f"HTTP {status}"


def fingerprint() -> dict[str, int]:
    """Rows per table (sessions aside): a change anywhere adds or removes a row."""
    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy
        }
        - {"django_session"}
    )
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def leaked(response, hidden) -> list[str]:
    if response.streaming or response.status_code != 200:
        return []
    kind = response.get("Content-Type", "")
    if "json" in kind:
        text = json.dumps(json.loads(response.content), ensure_ascii=False)
    elif kind.startswith(("text/", "application/xml", "application/atom")):
        text = response.content.decode()
    else:
        return []
    return [title for title in hidden if title in text]


def finish(response) -> None:
    """Read a streamed answer to its end: that closes it the way the test client
    expects (calling ``close()`` here would fire ``request_finished`` again and
    could close the database connection in the middle of the module's
    transaction)."""
    if response.streaming:
        b"".join(response.streaming_content)


def sign_in(client, world, role):
    client.logout()
    if role != ANON:
        client.force_login(world[f"user.{role}"])


def judge(role, key, target, method, entry, response) -> str | None:
    """A message when the answer is not what the table expects, else None."""
    got = outcome(response)
    expected = role in entry.allowed(target, method)
    if expected and got == "allowed":
        return None
    if not expected and got in ("denied", "sign-in"):
        return None
    refused = method == "post" and entry.refused_by_form
    if not expected and refused and response.status_code == 200:
        return None  # the form refused the choice; try_post checks nothing changed
    want = "allowed" if expected else "denied"
    return (
        f"{method.upper()} {key} [{target}] {response.request['PATH_INFO']}: "
        f"expected {want}, got {got} (HTTP {response.status_code})"
    )


def try_get(client, role, world, key, target, url, entry, wrong):
    try:
        response = client.get(url)
    except Exception as error:  # a server error is a finding, not a crash
        wrong.append(f"GET {key} [{target}] {url}: server error {error!r}")
        return
    message = judge(role, key, target, "get", entry, response)
    if message:
        wrong.append(message)
    if key.startswith(PUBLIC_NAMESPACES):
        for title in leaked(response, world["hidden titles"]):
            wrong.append(f"GET {key} [{target}] {url}: shows unpublished “{title}”")
    finish(response)


def try_post(client, role, world, key, target, url, entry, wrong):
    """POST in a savepoint that is always rolled back; denied must change nothing."""
    denied = role not in entry.allowed(target, "post")
    with transaction.atomic():
        try:
            before = fingerprint() if denied else None
            data = entry.post(world, target) if callable(entry.post) else entry.post
            response = client.post(url, data)
            changed = denied and fingerprint() != before
        except Exception as error:
            wrong.append(f"POST {key} [{target}] {url}: server error {error!r}")
            return
        finally:
            transaction.set_rollback(True)
    message = judge(role, key, target, "post", entry, response)
    if message:
        wrong.append(message)
    if changed:
        wrong.append(f"POST {key} [{target}] {url}: a denied POST changed data")
    finish(response)
    if entry.signs_out:
        sign_in(client, world, role)


@pytest.fixture
def plain_rendering(monkeypatch):
    """Templates render without the test instrumentation, which copies every
    context of every template for ``response.context``; nothing here reads it,
    and it costs a fifth of the time of some thousand page renders."""
    original = getattr(test_utils._TestState, "saved_data", None)
    if original is not None:
        monkeypatch.setattr(Template, "_render", original.template_render)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_authorisation_matrix(client, world, role, plain_rendering):
    assert len(world["hidden titles"]) >= 10  # the leak check has titles to look for
    sign_in(client, world, role)
    wrong, tried = [], 0
    all_cases = list(cases(world))
    for key, target, url, entry in all_cases:
        if entry.get:
            try_get(client, role, world, key, target, url, entry, wrong)
            tried += 1
    for key, target, url, entry in all_cases:
        # A POST by an allowed role is tried only where no GET shows the access.
        denied = role not in entry.allowed(target, "post")
        if entry.post is not None and (denied or not entry.get):
            try_post(client, role, world, key, target, url, entry, wrong)
            tried += 1
    assert not wrong, (
        f"{role}: {len(wrong)} of {tried} answers are wrong:\n" + "\n".join(wrong)
    )
    assert tried > 300
