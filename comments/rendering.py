# ruff: noqa: E501  (one element per line reads better than wrapped markup)
"""HTML of comments, built in Python.

A discussion can hold thousands of comments, and a Django template included per comment
costs a few milliseconds each (bench/comments_page.py measured 3.7 ms, 7 s for 2 000).
This renderer does the same job in tens of microseconds: every label is translated once
per render, every value from a person is escaped here (the body was sanitised when it was
written, core/text.py), and the markup is the one place comments are drawn, for page
views and live updates alike.
"""

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from comments.models import Kind, Status


class CommentRenderer:
    def __init__(
        self,
        *,
        base: str,
        page_id: int,
        csrf_input: str = "",
        authenticated: bool = False,
        rules_url: Callable[[], str] | None = None,
    ):
        self.base = base  # the page: links to paragraphs and threads
        self.routes = reverse("comments:discussion", args=[page_id])  # comments/urls.py
        # Looked up only when a hidden comment is drawn: most pages have none.
        self._rules_url = rules_url
        self.csrf_input = csrf_input
        self.authenticated = authenticated
        self.login = reverse("account_login")
        self.max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
        # "j E Y": the month in the genitive, as Django's date format gives it, once.
        self.months = {m: date_format(datetime(2000, m, 1), "E") for m in range(1, 13)}
        self.t = {
            "reply": escape(_("Reply")),
            "deleted": escape(_("Comment deleted by its author.")),
            "reported_hidden": escape(
                _("Hidden after readers' reports until a moderator reviews it.")
            ),
            "official": escape(_("Position of the city office")),
            "remark": escape(_("Formal remark")),
            "edited": escape(_("edited")),
            "awaiting": escape(_("awaiting moderation")),
            "agree": escape(_("I agree")),
            "disagree": escape(_("I disagree")),
            "reported": escape(_("reported")),
            "report": escape(_("Report")),
            "edit": escape(_("Edit")),
            "delete": escape(_("Delete")),
            "moderate": escape(_("Moderate")),
            "block": escape(_("Block the author")),
            "rules": escape(_("Rules of the discussion")),
        }

    # --- pieces ---

    @cached_property
    def rules_url(self) -> str:
        return self._rules_url() if self._rules_url else ""

    def _hidden_reason(self, comment) -> str:
        reason = escape(
            _("Hidden by a moderator: %(reason)s") % {"reason": comment.moderation_reason}
        )
        if self.rules_url:
            reason += f' <a href="{escape(self.rules_url)}">{self.t["rules"]}</a>'
        return reason

    def _anchor(self, comment) -> str:
        state = getattr(comment, "anchor_state", "")
        if not state:
            return ""
        label = escape(comment.paragraph_label)
        number = comment.version_number or "?"
        quoted = f'<blockquote lang="pl">{linebreaks(escape(comment.paragraph_text))}</blockquote>'
        if state == "removed":
            text = escape(
                _(
                    "About %(label)s of version %(number)s, a unit the newest version no longer "
                    "has. The text commented on:"
                )
                % {"label": comment.paragraph_label, "number": number}
            )
            return f'<div class="comment__anchor"><p>{text}</p>{quoted}</div>'
        if state == "changed":
            text = _(
                'About <a href="%(base)s#p-%(pid)s">%(label)s</a>, which has changed since '
                "version %(number)s. The text commented on:"
            ) % {
                "base": self.base,
                "pid": escape(comment.paragraph_id),
                "label": label,
                "number": number,
            }
            return f'<div class="comment__anchor"><p>{text}</p>{quoted}</div>'
        text = _('About <a href="%(base)s#p-%(pid)s">%(label)s</a>') % {
            "base": self.base,
            "pid": escape(comment.paragraph_id),
            "label": label,
        }
        return f'<div class="comment__anchor"><p>{text}</p></div>'

    def _meta(self, comment, who_id) -> str:
        t = self.t
        parts = [f'<strong id="{who_id}">{escape(comment.user_name)}</strong>']
        if comment.organisation_name:
            on_behalf = _("on behalf of %(name)s") % {"name": comment.organisation_name}
            parts.append(f" <span>{escape(on_behalf)}</span>")
        if comment.is_official:
            parts.append(f' <span class="badge badge--official">{t["official"]}</span>')
        if comment.kind == Kind.REMARK:
            parts.append(f' <span class="badge badge--remark">{t["remark"]}</span>')
        moment = timezone.localtime(comment.submit_date)
        shown = f"{moment.day} {self.months[moment.month]} {moment.year}, {moment:%H:%M}"
        parts.append(
            f' <a class="comment__date" href="#k-{comment.pk}"><time datetime="{moment.isoformat()}">'
            f"{shown}</time></a>"
        )
        if comment.edited_at:
            parts.append(f' <span class="comment__edited">({t["edited"]})</span>')
        if comment.status == Status.AWAITING:
            parts.append(f' <span class="badge">{t["awaiting"]}</span>')
        elif comment.status != Status.PUBLISHED:
            note = comment.get_status_display()
            if comment.moderation_reason:
                note = f"{note}: {comment.moderation_reason}"
            parts.append(f' <span class="badge badge--hidden">{escape(note)}</span>')
        return f'<header class="comment__meta">{"".join(parts)}</header>'

    def _position(self, comment) -> str:
        if not comment.position_id:
            return ""
        return (
            '<div class="comment__position">'
            f"<p><strong>{self.t['official']}: {escape(comment.position_label)}</strong></p>"
            f'<p lang="pl">{linebreaks(escape(comment.position_justification))}</p></div>'
        )

    def _block(self, comment) -> str:
        """A moderator's link to block the comment's author (a confirmation page in the
        admin, comments.admin_views.block); none on their own comments or the city's."""
        if not comment.user_id or comment.is_official or getattr(comment, "is_mine", False):
            return ""
        url = reverse("comments_admin:block", args=[comment.user_id])
        name = escape(comment.user_name)
        return (
            f' <a href="{url}?komentarz={comment.pk}">{self.t["block"]}'
            f'<span class="visually-hidden"> ({name})</span></a>'
        )

    def _actions(self, comment) -> str:
        t, base, routes, pk = self.t, self.base, self.routes, comment.pk
        can_moderate = getattr(comment, "can_moderate", False)
        if comment.status != Status.PUBLISHED:
            if can_moderate:
                return f'<div class="comment__actions"><a href="{routes}{pk}/moderuj/">{t["moderate"]}</a>{self._block(comment)}</div>'
            return ""
        react_url = f"{routes}{pk}/reakcja/"
        agree = f'{t["agree"]} (<span data-count="agree">{comment.agree_count}</span>)'
        disagree = f'{t["disagree"]} (<span data-count="disagree">{comment.disagree_count}</span>)'
        mine = getattr(comment, "is_mine", False)
        if self.authenticated:
            reaction = getattr(comment, "my_reaction", None)
            disabled = " disabled" if mine else ""
            parts = [
                f'<form method="post" action="{react_url}" class="inline-form" data-reactions>{self.csrf_input}'
                f'<button type="submit" name="value" value="{"" if reaction == 1 else "zgadzam-sie"}" '
                f'aria-pressed="{"true" if reaction == 1 else "false"}"{disabled}>{agree}</button> '
                f'<button type="submit" name="value" value="{"" if reaction == -1 else "nie-zgadzam-sie"}" '
                f'aria-pressed="{"true" if reaction == -1 else "false"}"{disabled}>{disagree}</button></form>'
            ]
        else:
            login = f"{self.login}?next={quote(f'{base}#k-{pk}')}"
            parts = [
                f'<a class="button-link" href="{login}" data-react="zgadzam-sie" data-url="{react_url}">{agree}</a> '
                f'<a class="button-link" href="{login}" data-react="nie-zgadzam-sie" data-url="{react_url}">{disagree}</a>'
            ]
        if comment.level < self.max_level:
            to_name = escape(_("to %(name)s") % {"name": comment.user_name})
            parts.append(
                f' <a href="{base}?odpowiedz={pk}#formularz" data-reply="{pk}">{t["reply"]}'
                f'<span class="visually-hidden"> {to_name}</span></a>'
            )
        if not mine:
            if getattr(comment, "reported_by_me", False):
                parts.append(f" <span>{t['reported']}</span>")
            else:
                by_name = escape(_("the comment by %(name)s") % {"name": comment.user_name})
                parts.append(
                    f' <a href="{routes}{pk}/zglos/">{t["report"]}'
                    f'<span class="visually-hidden"> {by_name}</span></a>'
                )
        if getattr(comment, "can_edit", False):
            parts.append(f' <a href="{routes}{pk}/edytuj/">{t["edit"]}</a>')
        if mine and not comment.position_id:
            parts.append(f' <a href="{routes}{pk}/usun/">{t["delete"]}</a>')
        if can_moderate:
            parts.append(f' <a href="{routes}{pk}/moderuj/">{t["moderate"]}</a>')
            parts.append(self._block(comment))
        return f'<div class="comment__actions">{"".join(parts)}</div>'

    # --- one comment ---

    def render(self, comment) -> str:
        who_id = f"k-{comment.pk}-who"
        classes = f"comment comment--level-{comment.level}"
        if comment.is_official:
            classes += " comment--official"
        if comment.kind == Kind.REMARK:
            classes += " comment--remark"
        opening = (
            f'<article class="{classes}" id="k-{comment.pk}" data-comment="{comment.pk}" '
            f'data-thread="{comment.thread_id}" data-level="{comment.level}" '
            f'aria-labelledby="{who_id}">'
        )
        reply = f'<p class="visually-hidden">{self.t["reply"]}</p>' if comment.level else ""
        can_moderate = getattr(comment, "can_moderate", False)
        if comment.is_removed:
            inner = f'<p class="comment__placeholder" id="{who_id}">{self.t["deleted"]}</p>'
        elif comment.status == Status.HIDDEN and not can_moderate:
            inner = (
                f'<p class="comment__placeholder" id="{who_id}">{self._hidden_reason(comment)}</p>'
            )
        elif comment.status == Status.REPORTED and not can_moderate:
            inner = f'<p class="comment__placeholder" id="{who_id}">{self.t["reported_hidden"]}</p>'
        else:
            inner = (
                self._meta(comment, who_id)
                + self._anchor(comment)
                + f'<div class="comment__body" lang="pl">{comment.body_html}</div>'
                + self._position(comment)
                + self._actions(comment)
            )
        return f"{opening}{reply}{inner}</article>"
