"""The loopback SMTP server the mail tests use really receives over TCP."""

from django.core.mail import EmailMultiAlternatives


def test_a_mail_sent_through_django_arrives_parsed(smtp_server):
    mail = EmailMultiAlternatives(
        "提醒：即将到期",
        "兰考县人社局：3 项将于 5 个工作日内到期。",
        to=["clerk@example.cn"],
    )
    mail.attach_alternative("<p>3 项</p>", "text/html")
    assert mail.send() == 1
    [received] = smtp_server.to("clerk@example.cn")
    assert received.subject == "提醒：即将到期"
    assert "3 项将于 5 个工作日内到期" in received.text()
    assert "<p>3 项</p>" in received.html()


def test_an_unreachable_server_is_an_error_not_a_silent_loss(settings):
    from django.core.mail import send_mail

    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    try:
        send_mail("x", "y", None, ["a@example.cn"])
    except OSError:
        return
    raise AssertionError("sending to a closed port did not fail")
