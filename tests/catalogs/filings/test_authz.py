"""Who may see and decide filings, tried with forged requests as well as the pages."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from catalogs.demo import seed_local_catalogs
from catalogs.filings.selectors import filings_visible_to
from catalogs.filings.services import (
    ItemComment,
    filing_accept,
    filing_record,
    filing_return,
    filing_submit,
)
from catalogs.models import Catalog, Filing, FilingStatus
from portal.models import Membership, Organisation, Role
from tests import factories


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def local_catalogs(demo):
    """The demo counties' local catalogs, without seed_demo's filings."""
    seed_local_catalogs()
    return demo


@pytest.fixture
def filed(local_catalogs):
    catalog = Catalog.objects.get(key="410225-hrss-employment")
    return filing_submit(catalog=catalog, user=user("county_editor"))


@pytest.fixture
def hubei_reviewer(demo):
    """A provincial reviewer of another province (42, 湖北省) with its own filing body."""
    factories.region("42", "湖北省")
    organisation = Organisation.objects.create(
        code="42-hrss",
        name="湖北省人力资源和社会保障厅",
        kind="provincial_department",
        region=factories.region("42"),
    )
    account = factories.user("hubei_reviewer", is_staff=True)
    Membership.objects.create(
        user=account, organisation=organisation, role=Role.PROVINCIAL_REVIEWER
    )
    return account


def forge(client, filing, action, data=None):
    return client.post(reverse(f"filings:{action}", args=[filing.pk]), data or {})


def test_anonymous_visitors_are_sent_to_sign_in(client, filed):
    for url in [
        reverse("filings:queue"),
        reverse("filings:overview"),
        reverse("filings:bundle"),
        filed.get_absolute_url(),
        reverse("filings:workbook", args=[filed.pk]),
    ]:
        answer = client.get(url)
        assert answer.status_code == 302 and "/admin/login/" in answer["Location"]
    assert forge(client, filed, "accept").status_code == 302
    assert Filing.objects.get(pk=filed.pk).status == FilingStatus.SUBMITTED


@pytest.mark.parametrize("username", ["citizen", "village_publisher"])
def test_people_without_filing_roles_are_refused(client, filed, username):
    client.force_login(user(username))
    assert client.get(reverse("filings:queue")).status_code == 403
    assert client.get(filed.get_absolute_url()).status_code == 403
    assert forge(client, filed, "accept").status_code == 403


def test_a_county_sees_only_its_own_filings(client, filed):
    qixian = user("qixian_editor")
    assert not filings_visible_to(qixian).exists()
    client.force_login(qixian)
    assert filed.reference not in client.get(reverse("filings:queue")).content.decode()
    for action in ("detail", "workbook", "print"):
        answer = client.get(reverse(f"filings:{action}", args=[filed.pk]))
        assert answer.status_code == 404
    for action in ("accept", "return", "record"):
        assert forge(client, filed, action).status_code == 404
    lankao = Catalog.objects.get(key="410225-hrss-employment")
    assert client.get(reverse("filings:file", args=[lankao.pk])).status_code == 404
    assert client.post(reverse("filings:file", args=[lankao.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        filing_submit(catalog=lankao, user=qixian)
    assert client.get(reverse("filings:bundle")).status_code == 403
    assert client.get(reverse("filings:overview")).status_code == 403
    assert [f.pk for f in filings_visible_to(user("county_editor"))] == [filed.pk]


def test_a_county_cannot_decide_its_own_filing(client, filed):
    editor = user("county_editor")
    client.force_login(editor)
    assert forge(client, filed, "accept").status_code == 403
    data = {"general": "自己退回", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"}
    assert forge(client, filed, "return", data).status_code == 403
    with pytest.raises(PermissionDenied):
        filing_accept(filing=filed, user=editor)
    with pytest.raises(PermissionDenied):
        filing_return(filing=filed, user=editor, comments=[ItemComment("", "x")])
    assert Filing.objects.get(pk=filed.pk).status == FilingStatus.SUBMITTED


def test_a_reviewer_of_another_province_reaches_nothing_here(
    client, filed, hubei_reviewer
):
    assert not filings_visible_to(hubei_reviewer).exists()
    client.force_login(hubei_reviewer)
    assert client.get(filed.get_absolute_url()).status_code == 404
    for action in ("accept", "return", "record"):
        assert forge(client, filed, action).status_code == 404
    with pytest.raises(PermissionDenied):
        filing_accept(filing=filed, user=hubei_reviewer)
    overview = client.get(reverse("filings:overview")).content.decode()
    assert "湖北省" in overview and "county-410225" not in overview
    # Asking for Henan's overview or bundle by its code is refused.
    assert (
        client.get(reverse("filings:overview"), {"province": "41"}).status_code == 403
    )
    assert client.get(reverse("filings:bundle"), {"province": "41"}).status_code == 403
    answer = client.get(reverse("filings:bundle"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content)))
    assert archive.namelist() == ["summary.xlsx"]
    assert Filing.objects.get(pk=filed.pk).status == FilingStatus.SUBMITTED


def test_forged_fields_never_reach_the_snapshot(client, filed):
    before = Filing.objects.get(pk=filed.pk).snapshot
    client.force_login(user("province_reviewer"))
    forged = {
        "comment": "同意",
        "snapshot": '{"items": []}',
        "status": "recorded",
        "round": "9",
        "filed_by": str(user("province_reviewer").pk),
    }
    assert forge(client, filed, "accept", forged).status_code == 302
    after = Filing.objects.get(pk=filed.pk)
    assert after.snapshot == before
    assert (after.status, after.round, after.filed_by) == (
        FilingStatus.ACCEPTED,
        1,
        user("county_editor"),
    )


def test_the_admin_shows_filings_read_only(client, filed):
    client.force_login(user("site_admin"))
    change = reverse("admin:catalogs_filing_change", args=[filed.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="snapshot"' not in page.content.decode()
    before = Filing.objects.get(pk=filed.pk).snapshot
    forged = {"snapshot": "{}", "status": "recorded", "round": "5", "_save": "Save"}
    assert client.post(change, forged).status_code == 403
    assert client.post(reverse("admin:catalogs_filing_add"), forged).status_code == 403
    delete = reverse("admin:catalogs_filing_delete", args=[filed.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    history = filed.history.get()
    revert = reverse(
        "admin:catalogs_filing_simple_history", args=[filed.pk, history.history_id]
    )
    assert client.post(revert, {"status": "recorded"}).status_code == 403
    after = Filing.objects.get(pk=filed.pk)
    assert (after.snapshot, after.status) == (before, FilingStatus.SUBMITTED)


def test_the_admin_lists_only_reachable_filings(client, filed, hubei_reviewer):
    listing = reverse("admin:catalogs_filing_changelist")
    client.force_login(user("province_reviewer"))
    assert "410225-employment-1" in client.get(listing).content.decode()
    client.force_login(user("qixian_editor"))
    assert "410225-employment-1" not in client.get(listing).content.decode()
    change = reverse("admin:catalogs_filing_change", args=[filed.pk])
    assert client.get(change).status_code == 404


def test_the_provincial_reviewer_decides_within_the_province(client, filed):
    reviewer = user("province_reviewer")
    filing_accept(filing=filed, user=reviewer)
    filing_record(filing=filed, user=reviewer)
    assert Filing.objects.get(pk=filed.pk).status == FilingStatus.RECORDED
