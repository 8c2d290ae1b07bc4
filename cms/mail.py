"""E-mail goes through the background task queue, never out of a request.

`TaskQueueEmailBackend` is Django's EMAIL_BACKEND: it turns each message into plain data, gives
it its Message-ID for good, and enqueues `deliver_email`. The task worker (`manage.py
task_worker`) hands the message to EMAIL_DELIVERY_BACKEND (SMTP in production, the console in
development), one recipient at a time.

Delivery survives a killed worker and a database outage without losing or repeating e-mail:

- Every (Message-ID, recipient) has an `EmailDelivery` row, claimed and committed before the
  message goes out and marked sent right after. A task that runs again skips what was sent;
  a recipient another attempt claimed less than EMAIL_DELIVERY_TIMEOUT ago is checked again
  when that time is up (a new task), and taken over if it is still not sent.
- A temporary failure (a 4xx reply, a refused or dropped connection, a timeout, the SMTP
  server's log-in) is logged with the address, the error and the attempt, and tried again by a
  new task after EMAIL_DELIVERY_RETRY_SECONDS, doubling each time, up to
  EMAIL_DELIVERY_MAX_ATTEMPTS attempts. A permanent failure (another 5xx reply) is logged and
  not tried again.
- `requeue_interrupted_deliveries` (run by `manage.py periodic`) puts back in the queue a
  delivery task left RUNNING for EMAIL_DELIVERY_TIMEOUT by a killed worker, and one that
  failed because the database or its process went away. django-tasks-db itself leaves such a
  task RUNNING or FAILED for ever.

What remains: a worker killed after the SMTP server accepted a message and before the database
recorded it sends that message again when the task is retried. That is milliseconds, unless
the database is down at that very moment: the worker then keeps trying to record it, and only
killing it before the database is back (or a second worker taking the recipient over in the
second after the database is back, EMAIL_DELIVERY_TIMEOUT after the claim) repeats the message.
The delivery is at least once, not exactly once: a duplicate is preferred to a lost e-mail.
"""

import base64
import hashlib
import json
import logging
import smtplib
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.mime.base import MIMEBase
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

TASK_PATH = "cms.mail.deliver_email"


def message_to_data(message: EmailMultiAlternatives) -> dict:
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise ValueError("MIME attachments cannot be queued; attach (name, content, type).")
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    headers = {key: str(value) for key, value in message.extra_headers.items()}
    if not _header(headers, "Message-ID"):
        # Fixed now, not when the message is written out: every retry sends the same one,
        # and the delivery records are keyed by it.
        headers["Message-ID"] = make_msgid(domain=DNS_NAME)
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "content_subtype": message.content_subtype,
        "attachments": attachments,
    }


def message_from_data(data: dict) -> EmailMultiAlternatives:
    message = _Envelope(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


class _Envelope(EmailMultiAlternatives):
    """The message as written (headers, Message-ID), sent to one address of its envelope at
    a time when `envelope_to` is set: each recipient succeeds or fails on their own."""

    envelope_to: str | None = None

    def recipients(self):
        return [self.envelope_to] if self.envelope_to else super().recipients()


def _header(headers: dict, name: str) -> str | None:
    return next((value for key, value in headers.items() if key.lower() == name.lower()), None)


def message_id_of(data: dict) -> str:
    """The message's Message-ID; for a message queued before they were fixed at queueing, one
    derived from its content (the same for every run of its task)."""
    found = _header(data["headers"], "Message-ID")
    if found:
        return found
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:40]
    return f"<{digest}@{DNS_NAME}>"


# --- Failures -----------------------------------------------------------------------------------

# Problems of the connection or of our SMTP account, not of the recipient: worth another try.
_CONNECTION_PROBLEMS = (
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
)


def is_temporary(error: BaseException, recipient: str) -> bool:
    """A 4xx reply, a refused or dropped connection, a timeout or a log-in problem: try again.
    Any other 5xx reply (an unknown mailbox, a refused message) and any other error: do not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, _text = error.recipients.get(recipient) or next(iter(error.recipients.values()))
        return 400 <= code < 500
    if isinstance(error, _CONNECTION_PROBLEMS):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return not 500 <= error.smtp_code < 600
    return isinstance(error, (smtplib.SMTPException, OSError))


def describe(error: BaseException) -> str:
    """The error in one line: its class, and the SMTP server's reply when there is one."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = [f"{code} {_text(text)}" for code, text in error.recipients.values()]
        return f"{type(error).__name__}: {'; '.join(replies)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: {error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def _text(reply) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def retry_delay(attempt: int) -> timedelta:
    """After the `attempt`-th failure: EMAIL_DELIVERY_RETRY_SECONDS, doubling."""
    return timedelta(seconds=settings.EMAIL_DELIVERY_RETRY_SECONDS * 2 ** (attempt - 1))


# --- Claiming and recording ---------------------------------------------------------------------


@dataclass
class Outcome:
    """What one run of `deliver_email` did, per recipient (its return value)."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # done, scheduled or being sent
    deferred: list[str] = field(default_factory=list)  # a temporary failure: tried again
    failed: list[str] = field(default_factory=list)  # a permanent failure, or out of attempts
    check_again_at: datetime | None = None  # when to look again at a recipient being sent

    def later(self, moment: datetime) -> None:
        self.check_again_at = min(filter(None, [self.check_again_at, moment]))

    def as_dict(self) -> dict:
        return {
            "sent": self.sent,
            "skipped": self.skipped,
            "deferred": self.deferred,
            "failed": self.failed,
        }


def keeps_records() -> bool:
    """Whether deliveries are recorded: not with the immediate backend (development, tests),
    which runs each task once, inline, and can neither run it again nor defer a retry."""
    return not isinstance(deliver_email.get_backend(), ImmediateBackend)


def claim(message_id: str, recipient: str, outcome: Outcome):
    """The delivery row of `recipient`, claimed for this attempt (committed), or None when
    there is nothing to do now (noted in `outcome`). Unsaved without `keeps_records()`."""
    from cms.models import EmailDelivery

    Status = EmailDelivery.Status
    now = timezone.now()
    if not keeps_records():
        return EmailDelivery(
            message_id=message_id,
            recipient=recipient,
            status=Status.SENDING,
            attempts=1,
            claimed_at=now,
        )
    timeout = timedelta(seconds=settings.EMAIL_DELIVERY_TIMEOUT)
    with transaction.atomic():
        delivery, created = EmailDelivery.objects.select_for_update().get_or_create(
            message_id=message_id,
            recipient=recipient,
            defaults={"status": Status.SENDING, "attempts": 1, "claimed_at": now},
        )
        if created:
            return delivery
        if delivery.status in (Status.SENT, Status.FAILED):
            outcome.skipped.append(recipient)
            return None
        if delivery.status == Status.DEFERRED and delivery.next_attempt_at > now:
            outcome.skipped.append(recipient)  # its own retry task is scheduled
            return None
        if delivery.status == Status.SENDING and delivery.claimed_at > now - timeout:
            # Another run is sending it, or was killed doing so: look again when its time
            # is up (a new task), and take over if it is still not marked sent.
            outcome.skipped.append(recipient)
            outcome.later(delivery.claimed_at + timeout)
            return None
        if delivery.status == Status.SENDING:
            logger.warning(
                "E-mail %s to %s: the attempt started %s never finished (its worker was "
                "killed?); sending again, which may deliver it twice.",
                message_id,
                recipient,
                delivery.claimed_at.isoformat(),
            )
        delivery.status = Status.SENDING
        delivery.attempts += 1
        delivery.claimed_at = now
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "attempts", "claimed_at", "next_attempt_at"])
        return delivery


def record(delivery, **changes) -> bool:
    """Writes the result of this attempt, if the row is still this attempt's (False when
    another run has taken the recipient over). After a message went out, the database may be
    down: keep trying until it is back, as nothing else can be done meanwhile."""
    from cms.models import EmailDelivery

    if delivery.pk is None:  # not recorded (keeps_records)
        return True
    mine = EmailDelivery.objects.filter(
        pk=delivery.pk, status=EmailDelivery.Status.SENDING, attempts=delivery.attempts
    )
    while True:
        try:
            return bool(mine.update(**changes))
        except (OperationalError, InterfaceError):
            if connection.in_atomic_block:
                raise
            logger.warning(
                "E-mail %s to %s: the database is unreachable; recording the %s again in 1 s.",
                delivery.message_id,
                delivery.recipient,
                changes.get("status"),
            )
            connection.close()
            time.sleep(1)


def _can_defer() -> bool:
    return deliver_email.get_backend().supports_defer


# --- The task -----------------------------------------------------------------------------------


@task()
def deliver_email(data: dict) -> dict:
    from cms.models import EmailDelivery

    Status = EmailDelivery.Status
    message = message_from_data(data)
    message_id = message_id_of(data)
    for key in [key for key in message.extra_headers if key.lower() == "message-id"]:
        del message.extra_headers[key]
    message.extra_headers["Message-ID"] = message_id
    outcome = Outcome()
    sender = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    try:
        for recipient in dict.fromkeys(message.recipients()):
            delivery = claim(message_id, recipient, outcome)
            if delivery is None:
                continue
            message.envelope_to = recipient
            try:
                sender.open()
                sender.send_messages([message])
            except Exception as error:  # noqa: BLE001 - every failure is logged and recorded
                with suppress(Exception):  # the next recipient starts on a new connection
                    sender.close()
                _failed(data, delivery, error, outcome)
            else:
                if not record(delivery, status=Status.SENT, sent_at=timezone.now(), last_error=""):
                    logger.warning(
                        "E-mail %s to %s was sent after another run took it over: it may "
                        "arrive twice.",
                        message_id,
                        recipient,
                    )
                outcome.sent.append(recipient)
    finally:
        with suppress(Exception):
            sender.close()
    if outcome.check_again_at is not None and _can_defer():
        deliver_email.using(run_after=outcome.check_again_at).enqueue(data)
    if outcome.sent:
        logger.info("E-mail %s sent to %d recipient(s).", message_id, len(outcome.sent))
    return outcome.as_dict()


def _failed(data: dict, delivery, error: BaseException, outcome: Outcome) -> None:
    from cms.models import EmailDelivery

    Status = EmailDelivery.Status
    recipient = delivery.recipient
    attempt, most = delivery.attempts, settings.EMAIL_DELIVERY_MAX_ATTEMPTS
    reason = describe(error)
    if not is_temporary(error, recipient):
        logger.error(
            "E-mail %s to %s failed permanently on attempt %d: %s. Not tried again.",
            delivery.message_id,
            recipient,
            attempt,
            reason,
            exc_info=not isinstance(error, (smtplib.SMTPException, OSError)),
        )
    elif attempt >= most or not _can_defer():
        logger.error(
            "E-mail %s to %s failed on attempt %d of %d: %s. Giving up.",
            delivery.message_id,
            recipient,
            attempt,
            most,
            reason,
        )
    else:
        next_attempt_at = timezone.now() + retry_delay(attempt)
        logger.warning(
            "E-mail %s to %s failed on attempt %d of %d: %s. Trying again at %s.",
            delivery.message_id,
            recipient,
            attempt,
            most,
            reason,
            next_attempt_at.isoformat(timespec="seconds"),
        )
        # The row and the task that tries again are committed together.
        with transaction.atomic():
            if record(
                delivery,
                status=Status.DEFERRED,
                next_attempt_at=next_attempt_at,
                last_error=reason,
            ):
                deliver_email.using(run_after=next_attempt_at).enqueue(data)
                outcome.deferred.append(recipient)
        return
    record(delivery, status=Status.FAILED, last_error=reason)
    outcome.failed.append(recipient)


class TaskQueueEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(message_to_data(message))
            sent += 1
        return sent


# --- Interrupted deliveries ---------------------------------------------------------------------

# How a delivery task ends FAILED without anything being wrong with the e-mail: the database
# went away, or its process was stopped (a second SIGTERM to the worker). `deliver_email`
# handles every delivery error itself, so any other exception is a bug and stays FAILED.
INTERRUPTIONS = [
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
    "builtins.SystemExit",
    "builtins.KeyboardInterrupt",
]
# A task interrupted this many times is left alone (and logged): something keeps killing it.
MOST_RUNS = 10


def requeue_interrupted_deliveries(now: datetime | None = None) -> int:
    """Puts back in the queue the delivery tasks that would never finish by themselves:
    RUNNING for longer than EMAIL_DELIVERY_TIMEOUT (their worker was killed) or FAILED by an
    interruption. Their delivery rows make running them again safe. Returns how many."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = now or timezone.now()
    stalled_since = now - timedelta(seconds=settings.EMAIL_DELIVERY_TIMEOUT)
    requeued = 0
    with transaction.atomic():
        interrupted = (
            DBTaskResult.objects.filter(task_path=TASK_PATH)
            .filter(
                Q(status="RUNNING", started_at__lt=stalled_since)
                | Q(status="FAILED", exception_class_path__in=INTERRUPTIONS)
            )
            .select_for_update(skip_locked=True)
        )
        for result in interrupted:
            if len(result.worker_ids) >= MOST_RUNS:
                logger.error(
                    "E-mail task %s was interrupted %d times; not queued again.",
                    result.id,
                    len(result.worker_ids),
                )
                result.status = "FAILED"
                result.exception_class_path = "cms.mail.InterruptedTooOften"
                result.finished_at = now
                result.save(update_fields=["status", "exception_class_path", "finished_at"])
                continue
            logger.warning(
                "E-mail task %s was %s (%s); queued again.",
                result.id,
                "left running" if result.status == "RUNNING" else "interrupted",
                result.exception_class_path or f"started {result.started_at:%Y-%m-%d %H:%M:%S}",
            )
            result.status = "READY"
            result.run_after = get_date_max()
            result.finished_at = None
            result.exception_class_path = ""
            result.traceback = ""
            result.save(
                update_fields=[
                    "status",
                    "run_after",
                    "finished_at",
                    "exception_class_path",
                    "traceback",
                ]
            )
            requeued += 1
    return requeued
