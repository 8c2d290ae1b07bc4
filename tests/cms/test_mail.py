import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.test import override_settings

from cms.mail import message_from_data, message_to_data

QUEUED = {
    "EMAIL_BACKEND": "cms.mail.TaskQueueEmailBackend",
    "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


def _message():
    message = EmailMultiAlternatives(
        subject="Zaproszenie na spotkanie stolikowe",
        body="Zapraszamy 16 lipca o 16:00 do Centrum „Przystań”.",
        from_email="konsultacje@nadrzecze.example",
        to=["ewa.kaminska@example.org"],
        reply_to=["biuro.dialogu@nadrzecze.example"],
    )
    message.attach_alternative("<p>Zapraszamy 16 lipca</p>", "text/html")
    message.attach("program.txt", "Rozdział 1. Postanowienia ogólne", "text/plain")
    return message


def test_a_message_survives_the_trip_through_the_queue_unchanged():
    original = _message()

    copy = message_from_data(message_to_data(original))

    assert copy.subject == original.subject
    assert copy.body == original.body
    assert copy.to == original.to
    assert copy.reply_to == original.reply_to
    assert copy.alternatives[0][0] == "<p>Zapraszamy 16 lipca</p>"
    assert copy.attachments[0][0] == "program.txt"
    assert copy.attachments[0][1] == "Rozdział 1. Postanowienia ogólne"


@override_settings(**QUEUED)
def test_mail_sent_with_the_immediate_queue_is_delivered():
    _message().send()

    assert [message.subject for message in mail.outbox] == ["Zaproszenie na spotkanie stolikowe"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mail_with_the_database_queue_waits_for_the_worker():
    with override_settings(
        **QUEUED, TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ):
        _message().send()
        assert mail.outbox == []

        call_command("db_worker", batch=True, interval=0, verbosity=0)

    assert [message.to for message in mail.outbox] == [["ewa.kaminska@example.org"]]
