"""A realistic discussion of the open demo consultation, written by invented people, and the
closed consultation's remarks with the city's answers and its published report.

The discussion (`data/dyskusja-2027.json`): threads on the whole draft and on single
paragraphs, replies three deep, formal remarks (some already answered), an official answer
of the city office and one comment a moderator hid. Built through comments.services, like
every real comment; the dates are then spread over the days the consultation has been open.

The report (`data/raport-2026.json`): remarks from every channel, typed in by the
coordinator unless posted online, each answered; the report is then published.
"""

from datetime import timedelta

from django.test.utils import override_settings
from django.utils import timezone

from comments.models import Channel, Comment, Kind, Outcome
from comments.services import (
    comment_hide,
    comment_post,
    position_set,
    reaction_set,
    remark_enter,
)
from demo.data import load_json
from demo.people import residents
from organisations.models import Organisation
from reporting.services import report_publish

DISCUSSION = "dyskusja-2027.json"
REPORT = "raport-2026.json"


def seed_discussion(*, page, coordinator, moderator) -> None:
    """Idempotent: does nothing when the consultation already has comments."""
    if Comment.objects.on_page(page).exists():
        return
    discussion = load_json(DISCUSSION)
    people = residents()
    voters = list(people.values())
    labels = {}
    version = page.versions.order_by("-number").first()
    for chapter in version.chapters:
        for paragraph in chapter["paragraphs"]:
            labels[paragraph["label"]] = paragraph["id"]
    created = []
    with override_settings(COMMENT_RATE_LIMIT=(10**6, 1)):

        def post(author, text, *, parent=None, label="", **fields):
            comment = comment_post(
                page=page,
                user=people[author],
                text=text,
                parent=parent,
                paragraph_id=labels.get(label, "") if parent is None else "",
                **fields,
            )
            created.append(comment)
            return comment

        def replies(parent, items):
            for reply in items:
                replies(post(reply["author"], reply["text"], parent=parent), reply["replies"])

        for thread in discussion["threads"]:
            replies(
                post(thread["author"], thread["text"], label=thread["paragraph"]),
                thread["replies"],
            )
        remarks = []
        for entry in discussion["remarks"]:
            remark = post(
                entry["author"],
                "",
                label=entry["paragraph"],
                kind=Kind.REMARK,
                proposed_wording=entry["proposed_wording"],
                justification=entry["justification"],
            )
            remarks.append((remark, entry["outcome"] and Outcome(entry["outcome"])))
        created.append(
            comment_post(
                page=page,
                user=coordinator,
                text=discussion["official_answer"],
                parent=created[0],
                official=True,
            )
        )
        hidden = discussion["hidden_comment"]
        rude = post(hidden["author"], hidden["text"], label=hidden["paragraph"])
        comment_hide(comment=rude, moderator=moderator, reason=hidden["reason"])
        for remark, outcome in remarks:
            if outcome:
                position_set(
                    remarks=[remark],
                    outcome=outcome,
                    justification=discussion["answers"][outcome.value],
                    by=coordinator,
                    notify=False,  # no mail to invented people
                )
        for index, comment in enumerate(created[:20]):
            for voter in voters[index % 4 : index % 4 + 3]:
                if voter.pk != comment.user_id:
                    reaction_set(comment=comment, user=voter, value=1 if index % 5 else -1)
    _spread_dates(page, created)


def _spread_dates(page, comments) -> None:
    """From the opening day until an hour ago, in posting order."""
    start = page.opens_at + timedelta(hours=2)
    end = timezone.now() - timedelta(hours=1)
    step = (end - start) / max(len(comments), 1)
    for index, comment in enumerate(comments):
        moment = start + step * index
        Comment.objects.filter(pk=comment.pk).update(submit_date=moment, changed_at=moment)


def seed_report(*, page, coordinator) -> None:
    """Idempotent: remarks from every channel on the closed consultation, the city's answer
    to each (identical remarks share one: the same `answer` key in the data file), and the
    published report."""
    if Comment.objects.on_page(page).exists():
        return
    report = load_json(REPORT)
    people = residents()
    version = page.versions.order_by("-number").first()
    labels = {p["label"]: p["id"] for chapter in version.chapters for p in chapter["paragraphs"]}
    organisations = {o.name: o for o in Organisation.objects.all()}
    answered: dict[str, list] = {}
    with override_settings(COMMENT_RATE_LIMIT=(10**6, 1)):
        for index, entry in enumerate(report["remarks"]):
            moment = page.opens_at + timedelta(
                days=entry["received_days_after_opening"], hours=9 + index % 8
            )
            paragraph_id = labels.get(entry["paragraph"], "")
            if entry["channel"] == Channel.ONLINE:
                remark = comment_post(
                    page=page,
                    user=people[entry["author"]],
                    kind=Kind.REMARK,
                    paragraph_id=paragraph_id,
                    proposed_wording=entry["proposed_wording"],
                    justification=entry["justification"],
                    now=moment,
                )
            else:
                remark = remark_enter(
                    page=page,
                    by=coordinator,
                    channel=Channel(entry["channel"]),
                    received_at=moment,
                    author_name=entry["author"],
                    organisation=organisations.get(entry["organisation"]),
                    organisation_name=entry["organisation"],
                    paragraph_id=paragraph_id,
                    proposed_wording=entry["proposed_wording"],
                    justification=entry["justification"],
                    formal_defect=entry["formal_defect"],
                )
            answered.setdefault(entry["answer"], []).append(remark)
    for answer, remarks in answered.items():
        position_set(
            remarks=remarks,
            outcome=Outcome(report["answers"][answer]["outcome"]),
            justification=report["answers"][answer]["justification"],
            by=coordinator,
            notify=False,  # no mail to invented people
        )
    report_publish(page=page, by=coordinator, now=page.closes_at + timedelta(days=21))
