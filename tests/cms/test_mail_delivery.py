"""E-mail delivery by the task worker: once per recipient, retried when the failure is
temporary, given up when it is permanent, and taken up again after a killed worker."""

import logging
import smtplib
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.mail import (
    TASK_PATH,
    deliver_email,
    message_id_of,
    message_to_data,
    requeue_interrupted_deliveries,
)
from cms.management.commands import task_worker
from cms.models import EmailDelivery

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {
    "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    "EMAIL_DELIVERY_BACKEND": "tests.cms.test_mail_delivery.ScriptedBackend",
    "EMAIL_DELIVERY_MAX_ATTEMPTS": 3,
    "EMAIL_DELIVERY_RETRY_SECONDS": 60,
    "EMAIL_DELIVERY_TIMEOUT": 600,
}
EWA = "ewa.kaminska@example.org"
JAN = "jan.wrobel@example.org"


class ScriptedBackend(LocmemBackend):
    """The outbox, except for addresses given an error to raise (one per attempt)."""

    failures: dict[str, list[BaseException]] = {}

    def send_messages(self, messages):
        for message in messages:
            (address,) = message.recipients()
            if self.failures.get(address):
                raise self.failures[address].pop(0)
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def scripted_failures():
    ScriptedBackend.failures = {}
    with override_settings(**DATABASE_QUEUE):
        yield ScriptedBackend.failures


def invitation(*to) -> dict:
    return message_to_data(
        EmailMessage(
            "Zaproszenie na spotkanie stolikowe",
            "Zapraszamy 16 lipca o 16:00 do Centrum „Przystań”.",
            "konsultacje@nadrzecze.example",
            list(to),
        )
    )


def queued_retries() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY"))


def refused(code: int, address: str = EWA) -> smtplib.SMTPRecipientsRefused:
    return smtplib.SMTPRecipientsRefused({address: (code, b"Mailbox unavailable")})


# --- The Message-ID ------------------------------------------------------------------------


def test_a_queued_message_gets_its_message_id_when_it_is_queued():
    data = invitation(EWA)

    assert data["headers"]["Message-ID"].startswith("<")
    assert message_id_of(data) == data["headers"]["Message-ID"]


def test_a_message_id_given_by_the_sender_is_kept():
    message = EmailMessage("Temat", "Treść", None, [EWA], headers={"Message-Id": "<ab@cd>"})

    assert message_id_of(message_to_data(message)) == "<ab@cd>"


def test_the_delivered_message_carries_the_message_id_fixed_when_queued():
    data = invitation(EWA)

    deliver_email.call(data)

    assert mail.outbox[0].message()["Message-ID"] == data["headers"]["Message-ID"]


# --- Once per recipient -------------------------------------------------------------------


def test_a_delivery_task_run_twice_sends_the_message_once():
    data = invitation(EWA)

    deliver_email.call(data)
    deliver_email.call(data)

    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.SENT


def test_the_immediate_queue_of_development_sends_without_delivery_rows():
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        deliver_email.call(invitation(EWA))

    assert len(mail.outbox) == 1
    assert not EmailDelivery.objects.exists()


def test_each_recipient_gets_the_same_message_on_their_own_envelope():
    data = invitation(EWA, JAN)

    deliver_email.call(data)

    assert [message.recipients() for message in mail.outbox] == [[EWA], [JAN]]
    assert {message.message()["Message-ID"] for message in mail.outbox} == {
        data["headers"]["Message-ID"]
    }
    assert all(message.to == [EWA, JAN] for message in mail.outbox)


def test_a_recipient_being_sent_by_another_run_is_looked_at_again_when_its_time_is_up():
    data = invitation(EWA)
    claimed_at = timezone.now() - timedelta(seconds=30)
    EmailDelivery.objects.create(
        message_id=message_id_of(data),
        recipient=EWA,
        status=EmailDelivery.Status.SENDING,
        attempts=1,
        claimed_at=claimed_at,
    )

    deliver_email.call(data)

    assert mail.outbox == []
    (check,) = queued_retries()
    assert check.run_after == claimed_at + timedelta(seconds=600)


def test_a_recipient_whose_attempt_never_finished_is_sent_again_after_the_timeout(caplog):
    data = invitation(EWA)
    EmailDelivery.objects.create(
        message_id=message_id_of(data),
        recipient=EWA,
        status=EmailDelivery.Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - timedelta(seconds=601),
    )

    deliver_email.call(data)

    assert len(mail.outbox) == 1
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.SENT, 2)
    assert "never finished" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_sent_mark_waits_for_the_database_to_come_back(monkeypatch):
    data = invitation(EWA)
    failures = [OperationalError("server closed the connection unexpectedly")]
    real_update = type(EmailDelivery.objects.all()).update

    def update_after_an_outage(queryset, **changes):
        if changes.get("status") == EmailDelivery.Status.SENT and failures:
            raise failures.pop()
        return real_update(queryset, **changes)

    monkeypatch.setattr(type(EmailDelivery.objects.all()), "update", update_after_an_outage)
    monkeypatch.setattr(time, "sleep", lambda seconds: None)

    deliver_email.call(data)

    assert failures == []
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.SENT


# --- Temporary and permanent failures --------------------------------------------------------


def test_a_temporary_failure_is_logged_and_tried_again_later(scripted_failures, caplog):
    scripted_failures[EWA] = [refused(451)]
    data = invitation(EWA)
    before = timezone.now()

    with caplog.at_level(logging.WARNING, logger="cms.mail"):
        deliver_email.call(data)

    assert mail.outbox == []
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.DEFERRED
    assert "451" in delivery.last_error
    (retry,) = queued_retries()
    assert before + timedelta(seconds=60) <= retry.run_after <= timezone.now() + timedelta(60)
    assert EWA in caplog.text
    assert "451" in caplog.text
    assert "attempt 1 of 3" in caplog.text


def test_the_retry_delivers_and_waits_twice_as_long_after_a_second_failure(scripted_failures):
    scripted_failures[EWA] = [ConnectionRefusedError(111, "Connection refused")] * 2
    data = invitation(EWA)
    deliver_email.call(data)
    EmailDelivery.objects.update(next_attempt_at=timezone.now())  # its time has come
    DBTaskResult.objects.all().delete()

    before = timezone.now()
    deliver_email.call(data)

    (retry,) = queued_retries()
    assert retry.run_after >= before + timedelta(seconds=120)
    EmailDelivery.objects.update(next_attempt_at=timezone.now())
    deliver_email.call(data)
    assert [message.recipients() for message in mail.outbox] == [[EWA]]
    assert EmailDelivery.objects.get().attempts == 3


def test_a_retry_that_is_not_due_yet_is_left_to_its_own_task(scripted_failures):
    scripted_failures[EWA] = [refused(421)]
    data = invitation(EWA)
    deliver_email.call(data)

    deliver_email.call(data)  # e.g. the first task run again by the periodic job

    assert mail.outbox == []
    assert len(queued_retries()) == 1
    assert EmailDelivery.objects.get().attempts == 1


def test_after_the_last_attempt_the_failure_is_logged_and_not_tried_again(
    scripted_failures, caplog
):
    scripted_failures[EWA] = [smtplib.SMTPServerDisconnected("Connection unexpectedly closed")]
    data = invitation(EWA)
    EmailDelivery.objects.create(
        message_id=message_id_of(data),
        recipient=EWA,
        status=EmailDelivery.Status.DEFERRED,
        attempts=2,
        next_attempt_at=timezone.now(),
    )

    deliver_email.call(data)

    assert EmailDelivery.objects.get().status == EmailDelivery.Status.FAILED
    assert queued_retries() == []
    assert "attempt 3 of 3" in caplog.text
    assert "Giving up" in caplog.text


def test_a_permanent_failure_is_logged_and_not_tried_again(scripted_failures, caplog):
    scripted_failures[EWA] = [refused(550)]
    data = invitation(EWA)

    deliver_email.call(data)

    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.FAILED
    assert "550 Mailbox unavailable" in delivery.last_error
    assert queued_retries() == []
    assert f"to {EWA} failed permanently on attempt 1" in caplog.text


def test_one_refused_recipient_does_not_stop_the_others(scripted_failures):
    scripted_failures[EWA] = [refused(550)]

    deliver_email.call(invitation(EWA, JAN))

    assert [message.recipients() for message in mail.outbox] == [[JAN]]
    statuses = dict(EmailDelivery.objects.values_list("recipient", "status"))
    assert statuses == {EWA: "failed", JAN: "sent"}


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (refused(450), True),
        (refused(550), False),
        (smtplib.SMTPDataError(554, b"Message rejected"), False),
        (smtplib.SMTPSenderRefused(451, b"Try later", "konsultacje@nadrzecze.example"), True),
        (smtplib.SMTPAuthenticationError(535, b"Bad credentials"), True),
        (smtplib.SMTPServerDisconnected("closed"), True),
        (TimeoutError("timed out"), True),
        (ValueError("bad header"), False),
    ],
)
def test_which_failures_are_tried_again(error, temporary):
    from cms.mail import is_temporary

    assert is_temporary(error, EWA) is temporary


# --- Interrupted deliveries ------------------------------------------------------------------


def interrupted_task(status: str, *, minutes_ago: int = 20, exception: str = "") -> DBTaskResult:
    result = deliver_email.enqueue(invitation(EWA))
    DBTaskResult.objects.filter(pk=result.id).update(
        status=status,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=["killed"],
        exception_class_path=exception,
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_delivery_left_running_by_a_killed_worker_is_queued_again_and_sent_once():
    task = interrupted_task("RUNNING")

    assert requeue_interrupted_deliveries() == 1
    call_command("db_worker", batch=True, interval=0, verbosity=0)

    assert len(mail.outbox) == 1
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_requeued_delivery_that_had_gone_out_is_not_sent_again():
    task = interrupted_task("RUNNING")
    EmailDelivery.objects.create(
        message_id=message_id_of(task.args_kwargs["args"][0]),
        recipient=EWA,
        status=EmailDelivery.Status.SENT,
        attempts=1,
    )

    requeue_interrupted_deliveries()
    call_command("db_worker", batch=True, interval=0, verbosity=0)

    assert mail.outbox == []


def test_a_delivery_still_within_its_timeout_is_left_running():
    interrupted_task("RUNNING", minutes_ago=5)

    assert requeue_interrupted_deliveries() == 0


@pytest.mark.parametrize(
    ("exception", "requeued"),
    [
        ("django.db.utils.OperationalError", 1),
        ("builtins.SystemExit", 1),
        ("builtins.ValueError", 0),
    ],
)
def test_a_delivery_failed_by_an_interruption_is_queued_again_but_not_one_failed_by_a_bug(
    exception, requeued
):
    interrupted_task("FAILED", exception=exception)

    assert requeue_interrupted_deliveries() == requeued


def test_a_delivery_interrupted_again_and_again_is_given_up(caplog):
    task = interrupted_task("RUNNING")
    DBTaskResult.objects.filter(pk=task.pk).update(worker_ids=["killed"] * 10)

    assert requeue_interrupted_deliveries() == 0

    task.refresh_from_db()
    assert task.status == "FAILED"
    assert "interrupted 10 times" in caplog.text


def test_the_periodic_job_queues_interrupted_deliveries_again():
    interrupted_task("RUNNING")

    call_command("requeue_interrupted_email", verbosity=0)

    assert len(queued_retries()) == 1


# --- The task worker ------------------------------------------------------------------------


def test_the_task_worker_waits_out_a_database_outage(monkeypatch, caplog):
    runs = []

    def worker_loop(self, *args, **options):
        runs.append(1)
        if len(runs) == 1:
            raise OperationalError("connection to server at 127.0.0.1 failed: refused")
        return None

    monkeypatch.setattr(task_worker.db_worker.Command, "handle", worker_loop)
    monkeypatch.setattr(task_worker.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(task_worker.db_worker, "Worker", task_worker.db_worker.Worker)

    task_worker.Command().handle()

    assert len(runs) == 2
    assert "cannot reach the database" in caplog.text


def test_a_second_stop_signal_at_once_does_not_abort_the_running_task():
    worker = task_worker.Worker(
        queue_names=["default"],
        interval=1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    worker.running_task = True

    worker.shutdown(15, None)
    worker.shutdown(15, None)  # the service manager's and serve-production's, together

    assert worker.running is False  # stops after the task, without SystemExit
