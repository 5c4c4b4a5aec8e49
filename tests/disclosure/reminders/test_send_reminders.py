"""send_reminders: each body's mail through a real SMTP server, once a day."""

from datetime import date

import pytest
from django.core.management import call_command

from catalogs.demo import seed_local_catalogs
from catalogs.models import Catalog, Item
from disclosure.models import Publication, ReminderSent
from portal.models import Organisation
from tests.disclosure.reports.test_timeliness_figures import application

TODAY = "2026-01-27"  # a Tuesday; the departments' annual report is due on 31 January


@pytest.fixture
def due(demo):
    seed_local_catalogs()
    for name in ("county_publisher", "county_reviewer", "township_publisher"):
        demo[name].email = f"{name}@lankao.example.cn"
        demo[name].save()
    catalog = Catalog.objects.get(key="410225-hrss-employment")
    item = Item.objects.filter(catalog=catalog, level__gte=2).order_by("pk")[0]
    author = demo["county_publisher"]

    def draft(title, due_on, status="draft", org="410225-hrss"):
        return Publication.objects.create(
            item=item,
            organisation=Organisation.objects.get(code=org),
            level="county",
            title=title,
            formed_on=date(2026, 1, 5),
            due_on=due_on,
            status=status,
            author=author,
        )

    draft("就业补贴发放名单（逾期）", date(2026, 1, 20))
    draft("公益性岗位招聘公告（即将到期）", date(2026, 2, 2), status="in_review")
    draft("三月份培训计划（尚早）", date(2026, 3, 20))
    application("410225-hrss", received=date(2026, 1, 5), due=date(2026, 1, 29))
    return demo


def test_reminders_go_out_once_a_day(due, smtp_server, capsys):
    call_command("send_reminders", "--date", TODAY)
    assert smtp_server.messages == []  # a dry run lists, sends nothing
    assert "county_publisher@lankao.example.cn" in capsys.readouterr().out

    call_command("send_reminders", "--send", "--date", TODAY)
    (mail,) = smtp_server.messages
    assert sorted(mail.recipients) == [
        "county_publisher@lankao.example.cn",
        "county_reviewer@lankao.example.cn",
    ]
    assert "兰考县人力资源和社会保障局" in mail.subject
    text = mail.text()
    assert "就业补贴发放名单（逾期）" in text and "2026-01-20" in text
    assert "公益性岗位招聘公告（即将到期）" in text and "2026-02-02" in text
    assert "三月份培训计划" not in text
    assert "LK-2026-0001" in text and "2026-01-29" in text
    assert "2025" in text and "2026-01-31" in text  # the annual report
    assert "http://127.0.0.1:8000/staff/" in text
    overdue_part, _soon_part = text.split("公益性岗位招聘公告", 1)
    assert "就业补贴发放名单" in overdue_part

    call_command("send_reminders", "--send", "--date", TODAY)
    assert len(smtp_server.messages) == 1
    assert ReminderSent.objects.get().publications == 2
    assert ReminderSent.objects.count() == 1

    call_command("send_reminders", "--send", "--date", "2026-01-28")
    assert len(smtp_server.messages) == 2  # the next day, again


def test_a_bad_date_is_refused(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2026-13-01"):
        call_command("send_reminders", "--date", "2026-13-01")


@pytest.mark.parametrize(
    "kind, today, expected",
    [
        ("county_bureau", date(2026, 1, 20), None),  # 9 working days before
        ("county_bureau", date(2026, 1, 26), (2025, date(2026, 1, 31))),
        ("county_bureau", date(2026, 2, 2), (2025, date(2026, 1, 31))),  # overdue
        ("township_government", date(2026, 1, 27), None),
        ("township_government", date(2026, 3, 25), (2025, date(2026, 3, 31))),
        ("village_committee", date(2026, 4, 1), None),
    ],
)
def test_the_annual_report_window(db, kind, today, expected):
    from disclosure.reminders.selectors import report_due

    assert report_due(kind, today) == expected
