"""The calendar's admin: days edited, years added, a year's schedule entered."""

from datetime import date

import pytest
from django.urls import reverse

from portal.calendar.services import calendar_set_day
from portal.models import CalendarYear, WorkingDay
from tests import factories
from tests.adminforms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = factories.user("root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def test_editing_a_day_recounts_ordinals_and_records_the_reason(client, root):
    saturday = date(2025, 3, 8)
    monday = date(2025, 3, 10)
    before = WorkingDay.objects.get(date=monday).ordinal
    day = WorkingDay.objects.get(date=saturday)
    url = _url(WorkingDay, "change", day.pk)
    data = admin_form_data(
        client.get(url),
        is_workday="true",
        note="调休上班",
        change_reason="State Council notice, adjusted workday.",
    )

    response = client.post(url, data)

    assert response.status_code == 302
    assert WorkingDay.objects.get(date=saturday).is_workday
    assert WorkingDay.objects.get(date=monday).ordinal == before + 1
    record = WorkingDay.objects.get(date=saturday).history.order_by("-history_id")[0]
    assert record.history_change_reason == "State Council notice, adjusted workday."
    assert record.history_user == root


def test_a_change_without_a_reason_is_refused(client, root):
    day = WorkingDay.objects.get(date=date(2025, 3, 8))
    url = _url(WorkingDay, "change", day.pk)
    data = admin_form_data(client.get(url), is_workday="true", change_reason="")

    response = client.post(url, data)

    assert response.status_code == 200
    assert "change_reason" in response.context["adminform"].form.errors
    assert not WorkingDay.objects.get(date=date(2025, 3, 8)).is_workday


def test_an_edit_made_on_a_stale_page_is_refused(client, root):
    day = WorkingDay.objects.get(date=date(2025, 3, 8))
    url = _url(WorkingDay, "change", day.pk)
    data = admin_form_data(client.get(url), is_workday="true", change_reason="Mine.")
    calendar_set_day(day=day.date, is_workday=False, note="改过", reason="Theirs.")

    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "在您打开后已被" in errors[0] and "您的修改未保存" in errors[0]
    assert WorkingDay.objects.get(date=day.date).note == "改过"


def test_the_next_year_is_added_and_then_confirmed(client, root):
    next_year = CalendarYear.objects.order_by("-year")[0].year + 1
    changelist = client.get(_url(CalendarYear, "changelist"))
    assert f"添加{next_year}年度" in changelist.content.decode()

    response = client.post(reverse("admin:portal_calendaryear_add_next_year"))

    assert response.status_code == 302
    year = CalendarYear.objects.get(year=next_year)
    assert not year.confirmed
    assert WorkingDay.objects.filter(date__year=next_year).count() in (365, 366)

    client.post(
        _url(CalendarYear, "changelist"),
        {"action": "confirm_years", "_selected_action": [year.pk]},
    )

    year.refresh_from_db()
    assert year.confirmed
    assert year.history.order_by("-history_id")[0].history_user == root


def test_adding_a_year_needs_a_post(client, root):
    url = reverse("admin:portal_calendaryear_add_next_year")
    assert client.get(url).status_code == 405


def test_the_schedule_page_starts_from_the_provisional_year(client, root):
    url = reverse("admin:portal_calendaryear_schedule", args=[2027])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form["rest_days"].initial.splitlines()[:2] == [
        "2027-01-01 至 2027-01-03 元旦",
        "2027-02-05 至 2027-02-08 春节",
    ]
    assert form["workdays"].initial == ""  # no 调休 is guessed


def test_a_gap_year_has_no_schedule_page(client, root):
    url = reverse("admin:portal_calendaryear_schedule", args=[2040])
    assert client.get(url).status_code == 302
    assert not CalendarYear.objects.filter(year=2040).exists()


@pytest.mark.parametrize("who", ["village_publisher", "county_editor"])
def test_staff_who_may_not_edit_read_the_calendar_and_are_sent_nowhere(
    client, demo, who
):
    client.force_login(demo[who])
    schedule = reverse("admin:portal_calendaryear_schedule", args=[2027])
    assert client.get(schedule).status_code == 403
    page = client.get(_url(CalendarYear, "changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="calendar-reminder-2027"' in text  # today is in December
    assert schedule not in text
    assert "站点管理员根据国务院办公厅的通知录入" in text


def test_the_site_admin_is_warned_with_a_link_on_both_calendar_pages(client, demo):
    client.force_login(demo["site_admin"])
    schedule = reverse("admin:portal_calendaryear_schedule", args=[2027])
    for model in (CalendarYear, WorkingDay):
        text = client.get(_url(model, "changelist")).content.decode()
        assert f'<a href="{schedule}">' in text, model
    dashboard = client.get(reverse("disclosure:dashboard", args=["41-hrss"]))
    assert f'<a href="{schedule}">' in dashboard.content.decode()
