"""Sign-in controls: lock-out, sign-in records, idle timeout, password rules."""

import re
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import path, reverse
from django.utils import translation

from portal.access.signin import client_ip
from portal.demo import DEMO_PASSWORD
from portal.middleware import LAST_SEEN_KEY, StaffIdleTimeoutMiddleware
from portal.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-42"  # tests.factories.user's password
LOCKED = (
    "Too many failed sign-ins: this account is locked for sign-in from your "
    "address for 30 minutes. Try again later, or ask a site administrator to "
    "unlock it."
)


def login_url():
    with translation.override("en"):
        return reverse("admin:login")


def sign_in(client, username, password, address="127.0.0.1"):
    return client.post(
        login_url(),
        {"username": username, "password": password, "next": "/en/admin/"},
        REMOTE_ADDR=address,
    )


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request to an /en/ address leaves English active in this thread; the
    next test must start in the default language again."""
    yield
    translation.deactivate()


@pytest.fixture
def clerk():
    return factories.user("clerk", is_staff=True)


def test_five_failures_lock_the_username_out_from_that_address_for_30_minutes(
    client, clerk
):
    for _attempt in range(4):
        response = sign_in(client, "clerk", "wrong-password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text

    fifth = sign_in(client, "clerk", "wrong-password")
    assert fifth.status_code == 429
    assert LOCKED in fifth.text

    # Locked: even the right password does not sign in from that address.
    right = sign_in(client, "clerk", PASSWORD)
    assert right.status_code == 429
    assert LOCKED in right.text
    assert SESSION_KEY not in client.session

    # Another address is not locked out (username and address together).
    elsewhere = Client()
    assert sign_in(elsewhere, "clerk", PASSWORD, address="10.0.0.2").status_code == 302

    # Once 30 minutes have passed since the last failure, the lock is gone.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31)
    )
    later = sign_in(client, "clerk", PASSWORD)
    assert later.status_code == 302
    assert client.session[SESSION_KEY] == str(clerk.pk)


def test_the_lock_out_settings_are_five_failures_by_username_and_address():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=30)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_the_lock_out_page_follows_the_language(client, clerk):
    for _attempt in range(5):
        response = sign_in(client, "clerk", "wrong-password")
    assert response.status_code == 429
    with translation.override("zh-hans"):
        chinese = client.post(
            reverse("admin:login"), {"username": "clerk", "password": PASSWORD}
        )
    assert chinese.status_code == 429
    assert 'lang="zh-hans"' in chinese.text
    assert 'id="locked-out-message"' in chinese.text


def test_sign_ins_and_failed_sign_ins_are_recorded(client, clerk):
    sign_in(client, "clerk", "wrong-password", address="192.0.2.7")
    sign_in(client, "clerk", PASSWORD, address="192.0.2.7")

    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == ("clerk", "192.0.2.7")
    assert failure.locked_out is False
    success = AccessLog.objects.get()
    assert (success.username, success.ip_address) == ("clerk", "192.0.2.7")
    assert success.logout_time is None

    client.post(reverse("admin:logout"))
    success.refresh_from_db()
    assert success.logout_time is not None


def test_a_lock_out_is_recorded_on_the_failed_sign_in(client, clerk):
    for _attempt in range(6):
        sign_in(client, "clerk", "wrong-password")
    assert list(
        AccessFailureLog.objects.order_by("attempt_time", "pk").values_list(
            "locked_out", flat=True
        )
    ) == [False, False, False, False, True, True]


def test_sign_in_records_are_read_only_in_the_admin(client, clerk):
    sign_in(client, "clerk", "wrong-password")
    sign_in(client, "clerk", PASSWORD)
    root = factories.user("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    for model in (AccessLog, AccessFailureLog):
        record = model.objects.order_by("pk").first()
        name = f"admin:axes_{model._meta.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 200
        view = client.get(reverse(f"{name}_change", args=[record.pk]))
        assert view.status_code == 200
        assert 'name="_save"' not in view.text
        change = client.post(reverse(f"{name}_change", args=[record.pk]), {})
        assert change.status_code == 403
        assert client.get(reverse(f"{name}_add")).status_code == 403
        delete = client.post(
            reverse(f"{name}_delete", args=[record.pk]), {"post": "yes"}
        )
        assert delete.status_code == 403
        assert model.objects.filter(pk=record.pk).exists()


def test_a_site_admin_unlocks_by_deleting_the_access_attempt(client, clerk):
    for _attempt in range(5):
        sign_in(client, "clerk", "wrong-password")
    attempt = AccessAttempt.objects.get()
    admin = Client()
    admin.force_login(factories.user("root", is_staff=True, is_superuser=True))
    response = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert sign_in(client, "clerk", PASSWORD).status_code == 302
    # The failures themselves stay in the record.
    assert AccessFailureLog.objects.filter(username="clerk").count() == 5


def test_the_role_backend_still_grants_a_signed_in_editor_permissions(client):
    organisation = factories.organisation("410225")
    editor = factories.user(
        "editor", organisation=organisation, role=Role.EDITOR, is_staff=True
    )
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert client.get(reverse("admin:catalogs_catalog_changelist")).status_code == 200
    editor = get_user_model().objects.get(pk=editor.pk)
    assert editor.has_perm("catalogs.change_catalog")
    assert not editor.has_perm("catalogs.review_filing")


# Idle timeout ---------------------------------------------------------------


def _age_session(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_a_staff_session_ends_after_30_minutes_without_a_request(client, clerk):
    client.force_login(clerk)
    with translation.override("en"):
        admin_index = reverse("admin:index")
    assert client.get(admin_index).status_code == 200
    assert isinstance(client.session[LAST_SEEN_KEY], int)

    _age_session(client, 29 * 60)
    assert client.get(admin_index).status_code == 200  # still active

    _age_session(client, 31 * 60)
    response = client.get(admin_index, follow=True)
    assert response.redirect_chain[0][0].startswith(login_url())
    assert SESSION_KEY not in client.session
    assert [str(m) for m in response.context["messages"]] == [
        "You were signed out after 30 minutes without activity. Please sign in again."
    ]


def test_the_idle_sign_out_is_recorded_as_a_logout(client, clerk):
    sign_in(client, "clerk", PASSWORD)
    _age_session(client, 31 * 60)
    client.get(reverse("admin:index"))
    assert AccessLog.objects.get(username="clerk").logout_time is not None


def test_a_citizen_session_has_no_idle_timeout(client):
    citizen = factories.user("citizen")
    client.force_login(citizen)
    _age_session(client, 3 * 3600)
    client.get(reverse("admin:login"))
    assert client.session[SESSION_KEY] == str(citizen.pk)


def test_the_idle_timeout_is_30_minutes():
    assert settings.STAFF_SESSION_IDLE_SECONDS == 30 * 60


class _Untouchable:
    def __getattr__(self, name):
        raise AssertionError(f"the middleware read request.{name} without a cookie")


def test_without_the_session_cookie_the_middleware_reads_no_session():
    request = RequestFactory().get("/catalogs/")
    request.session = _Untouchable()
    request.user = _Untouchable()
    response = StaffIdleTimeoutMiddleware(lambda r: HttpResponse("ok"))(request)
    assert response.content == b"ok"


def _plain_view(request):
    return HttpResponse("a page that reads neither the user nor the session")


# The whole middleware stack in front of a view that touches nothing: whatever
# sets a cookie or ``Vary: Cookie`` here is middleware.
urlpatterns = [path("plain/", _plain_view)]


@pytest.mark.urls(__name__)
def test_an_anonymous_request_gets_no_cookie_and_no_vary_cookie(client):
    response = client.get("/plain/")
    assert response.status_code == 200
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    assert settings.SESSION_COOKIE_NAME not in client.cookies


# Password change ends the other sessions -------------------------------------


def test_changing_the_password_ends_the_users_other_sessions(clerk):
    here, elsewhere = Client(), Client()
    here.force_login(clerk)
    elsewhere.force_login(clerk)
    admin_index = reverse("admin:index")
    assert elsewhere.get(admin_index).status_code == 200

    response = here.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Another-Horse-2026",
            "new_password2": "Another-Horse-2026",
        },
    )
    assert response.status_code == 302

    assert here.get(admin_index).status_code == 200  # the changing session stays
    ended = elsewhere.get(admin_index)
    assert ended.status_code == 302
    assert ended.url.startswith(reverse("admin:login"))


# Password rules --------------------------------------------------------------


def _problems(password, user=None):
    with translation.override("en"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return error.messages
    return []


def test_the_demo_password_passes_the_rules():
    user = get_user_model()(username="county_editor")
    assert _problems(DEMO_PASSWORD, user) == []


@pytest.mark.parametrize(
    "password, problem",
    [
        (
            "Ab1-short",
            "This password is too short. It must contain at least 12 characters.",
        ),
        (
            "lowercaseonlyletters",
            "Your password must contain at least 3 of these four kinds of "
            "character: upper-case letters, lower-case letters, digits and symbols.",
        ),
        (
            "Password1234",
            "This password is too common.",
        ),
        (
            "438219476503",
            "This password is entirely numeric.",
        ),
    ],
)
def test_a_weak_password_is_refused_with_a_clear_message(password, problem):
    assert problem in _problems(password)


def test_a_password_like_the_username_is_refused():
    user = get_user_model()(username="zhangweiming")
    assert _problems("Zhangweiming-1", user) == [
        "The password is too similar to the username."
    ]


def test_the_admin_password_form_applies_the_rules(client, clerk):
    client.force_login(clerk)
    with translation.override("en"):
        url = reverse("admin:password_change")
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "onlylowercaseletters",
            "new_password2": "onlylowercaseletters",
        },
    )
    assert response.status_code == 200
    assert "at least 3 of these four kinds of character" in response.text
    clerk.refresh_from_db()
    assert clerk.check_password(PASSWORD)


# The client's address behind a proxy -----------------------------------------


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        # No proxy configured: the header is the client's own words.
        ([], "127.0.0.1", "203.0.113.9", "127.0.0.1"),
        (["10.0.0.2"], "10.0.0.2", "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (
            ["10.0.0.0/24"],
            "10.0.0.2",
            "198.51.100.1, 203.0.113.9, 10.0.0.5",
            "203.0.113.9",
        ),
        (["10.0.0.2"], "10.0.0.2", "not-an-address", "10.0.0.2"),
        (["10.0.0.2"], "10.0.0.2", "", "10.0.0.2"),
        # Reached directly (issue 15): a rotated or forged header is ignored.
        (["10.0.0.2"], "198.51.100.7", "203.0.113.9", "198.51.100.7"),
        (["10.0.0.2"], "198.51.100.7", "10.0.0.2", "198.51.100.7"),
    ],
)
def test_the_client_address_trusts_only_the_proxies_entries(
    settings, proxies, remote, forwarded, expected
):
    settings.PORTAL_TRUSTED_PROXIES = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip(request) == expected


@pytest.mark.parametrize(
    "username, landing",
    [
        ("county_editor", "/staff/"),
        ("county_reviewer", "/staff/"),
        ("site_admin", "/staff/"),
        ("province_reviewer", "/filings/"),
    ],
)
def test_staff_land_where_they_work_after_signing_in(client, username, landing):
    from portal.demo import seed_regions_and_accounts

    seed_regions_and_accounts()
    form = client.get(reverse("admin:login")).content.decode()
    next_url = re.search(r'name="next" value="([^"]*)"', form).group(1)
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": DEMO_PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == landing


def test_an_explicit_next_is_kept_after_signing_in(client):
    from portal.demo import seed_regions_and_accounts

    seed_regions_and_accounts()
    response = client.post(
        reverse("admin:login"),
        {
            "username": "county_editor",
            "password": DEMO_PASSWORD,
            "next": "/admin/catalogs/catalog/",
        },
    )
    assert response["Location"] == "/admin/catalogs/catalog/"
