"""No lost updates: two people open the same record, both save, the second is refused.

Each case opens the edit page in two browsers (two clients, two people), saves in
the first, then in the second: the second answers with the form again and a
message in the user's language (Chinese here, the default) naming who changed
the record, and the first person's change is the one that stays.
"""

import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalogs.filings.services import filing_submit
from catalogs.models import Catalog, Filing, FilingStatus
from disclosure.models import Publication, PublicationStatus
from disclosure.services import publication_submit
from portal.calendar import admin as calendar_admin
from portal.models import Organisation, Role, WorkingDay
from tests import factories
from tests.adminforms import admin_form_data, form_data
from tests.disclosure.conftest import REVIEW, VILLAGE, make_draft

pytestmark = pytest.mark.django_db

EMPLOYMENT = "410225-hrss-employment"


@pytest.fixture(autouse=True)
def chinese():
    """Pages and messages in the default language (the conftest sets English)."""
    with translation.override("zh-hans"):
        yield


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def colleague(code: str, role: str, username: str):
    return factories.user(
        username,
        organisation=Organisation.objects.get(code=code),
        role=role,
        is_staff=True,
    )


def when(record) -> str:
    return timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M")


def non_field_errors(response, name="form") -> list[str]:
    form = response.context[name]
    return list(getattr(form, "form", form).non_field_errors())


# An item of a local catalog, in the admin's edit page


def test_the_second_save_of_an_item_is_refused(lankao):
    # Items are edited in a draft; the fixture's catalog is in force.
    Catalog.objects.filter(key=EMPLOYMENT).update(status="draft")
    item = Catalog.objects.get(key=EMPLOYMENT).items.get(code="1.2")
    url = reverse("admin:catalogs_item_edit", args=[item.pk])
    first = signed_in(lankao["county_editor"])
    second = signed_in(colleague("410225-hrss", Role.EDITOR, "second_editor"))
    mine = form_data(first.get(url).context["form"])
    theirs = form_data(second.get(url).context["form"])

    saved = first.post(url, {**mine, "subject": "兰考县人社局", "reason": "改主体"})
    refused = second.post(url, {**theirs, "subject": "兰考县就业中心", "reason": "改"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    latest = item.history.order_by("-history_id").first()
    assert non_field_errors(refused) == [
        gettext(
            "Item “%(item)s” was changed by %(user)s at %(when)s after you "
            "opened it. Your change was not saved; reload the item and make "
            "your change again."
        )
        % {"item": item, "user": lankao["county_editor"], "when": when(latest)}
    ]
    assert "在您打开后" in non_field_errors(refused)[0]  # translated
    item.refresh_from_db()
    assert item.subject == "兰考县人社局"
    assert latest.history_change_reason == "改主体"


# A draft publication, in the staff edit page


def test_the_second_save_of_a_draft_is_refused(lankao, dibao_item):
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    url = reverse("disclosure:publication-edit", args=[draft.pk])
    first = signed_in(lankao["village_publisher"])
    second = signed_in(colleague(VILLAGE, Role.PUBLISHER, "second_publisher"))
    mine = form_data(first.get(url).context["form"])
    theirs = form_data(second.get(url).context["form"])

    saved = first.post(
        url, {**mine, "title": "低保公示（更正）", "change_reason": "更正"}
    )
    refused = second.post(
        url, {**theirs, "title": "低保公示（二）", "change_reason": "改"}
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert non_field_errors(refused) == [
        gettext(
            "“%(title)s” was changed by %(user)s after you opened it. Your "
            "change was not saved; reload the page and make it again."
        )
        % {"title": "低保公示（更正）", "user": lankao["village_publisher"]}
    ]
    assert "您的修改未保存" in non_field_errors(refused)[0]
    assert Publication.objects.get().title == "低保公示（更正）"
    assert draft.history.count() == 2  # created, then the first save only


# A day of the working-day calendar, in the admin


def test_the_second_save_of_a_calendar_day_is_refused(demo):
    day = WorkingDay.objects.get(date=date(2025, 3, 8))
    url = reverse("admin:portal_workingday_change", args=[day.pk])
    first = signed_in(factories.user("root", is_staff=True, is_superuser=True))
    second = signed_in(factories.user("root2", is_staff=True, is_superuser=True))
    mine = admin_form_data(first.get(url), is_workday="true", note="调休上班")
    theirs = admin_form_data(second.get(url), note="休息")

    saved = first.post(url, {**mine, "change_reason": "国务院办公厅通知"})
    refused = second.post(url, {**theirs, "change_reason": "核对"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    latest = day.history.order_by("-history_id").first()
    assert non_field_errors(refused, "adminform") == [
        gettext(
            "“%(object)s” was changed by %(user)s at %(when)s after you "
            "opened it. Your change was not saved; reload the page and "
            "make your change again."
        )
        % {"object": day, "user": "root", "when": when(latest)}
    ]
    day.refresh_from_db()
    assert (day.is_workday, day.note) == (True, "调休上班")


# A publication's compliance review: two reviewers decide


def test_the_second_review_decision_is_refused(lankao, dibao_item):
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    publication_submit(publication=draft, user=lankao["village_publisher"])
    url = reverse("disclosure:review", args=[draft.pk])
    first = signed_in(lankao["mca_reviewer"])
    second = signed_in(colleague("410225-mca", Role.REVIEWER, "second_reviewer"))
    data = {**REVIEW, "filled_on": "2025-09-26"}
    assert first.get(url).status_code == second.get(url).status_code == 200

    approved = first.post(url, {**data, "action": "approve"})
    returned = second.post(url, {"action": "return", "decision_reason": "要改"})

    assert approved.status_code == returned.status_code == 302
    messages = [str(m) for m in returned.wsgi_request._messages]
    assert messages == [
        gettext("“%(title)s” is %(status)s, so it cannot be %(action)s.")
        % {
            "title": "公示",
            "status": PublicationStatus.PUBLISHED.label.lower(),
            "action": gettext("returned"),
        }
    ]
    assert Publication.objects.get().status == PublicationStatus.PUBLISHED


# A filing: two provincial reviewers decide


def test_the_second_filing_decision_is_refused(lankao):
    filing = filing_submit(
        catalog=Catalog.objects.get(key=EMPLOYMENT), user=lankao["county_editor"]
    )
    url = reverse("filings:detail", args=[filing.pk])
    first = signed_in(lankao["province_reviewer"])
    second = signed_in(colleague("41-hrss", Role.PROVINCIAL_REVIEWER, "reviewer2"))
    assert first.get(url).status_code == second.get(url).status_code == 200

    accepted = first.post(reverse("filings:accept", args=[filing.pk]), {})
    returned = second.post(
        reverse("filings:return", args=[filing.pk]),
        {
            "general": "请补充公开依据",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )

    assert accepted.status_code == 302
    assert returned.status_code == 400
    assert non_field_errors(returned, "return_form") == [
        gettext("Filing %(reference)s is %(status)s, so it cannot be %(action)s.")
        % {
            "reference": filing.reference,
            "status": FilingStatus.ACCEPTED.label.lower(),
            "action": gettext("returned"),
        }
    ]
    filing = Filing.objects.get()
    assert filing.status == FilingStatus.ACCEPTED
    assert not filing.comments.exists()


# Two saves at the same moment


def test_two_simultaneous_saves_of_a_calendar_day(transactional_db, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("Two writers at the same moment need PostgreSQL's row locks.")
    factories.load_reference_data()
    day = WorkingDay.objects.get(date=date(2025, 3, 8))
    url = reverse("admin:portal_workingday_change", args=[day.pk])
    people = [
        signed_in(factories.user(f"root{n}", is_staff=True, is_superuser=True))
        for n in (1, 2)
    ]
    forms = [admin_form_data(person.get(url)) for person in people]
    both_checked = threading.Barrier(2, timeout=10)
    write = calendar_admin.calendar_set_day

    def write_together(**kwargs):
        try:
            both_checked.wait()  # both forms have passed their check
        except threading.BrokenBarrierError:
            pass
        return write(**kwargs)

    monkeypatch.setattr(calendar_admin, "calendar_set_day", write_together)
    answers = {}

    def save(n: int, note: str):
        try:
            data = {**forms[n], "note": note, "change_reason": note}
            answers[note] = people[n].post(url, data).status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(n, note))
        for n, note in enumerate(["第一人", "第二人"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(answers.values()) == [200, 302]  # one saved, one refused
    saved = next(note for note, status in answers.items() if status == 302)
    assert WorkingDay.objects.get(pk=day.pk).note == saved
