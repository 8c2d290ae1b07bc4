"""*Moje zgłoszenia* (`/konto/zgloszenia/`): in one place, what a resident has taken part
in — meeting registrations, topic proposals, comments, formal remarks with the city's
position, the consultations they follow — each with the link or button to act on it.

The practical overview, not the data dump: *Moje dane* (core/personal_data.py) lists every
stored field for RODO; this page shows what a person wants to check or change. The page
reads comments, events and subscriptions together, so it lives here at the top of the
layers (house style §17), and like personal_data it imports no feature app: each app
registers its sections from AppConfig.ready(), shown in INSTALLED_APPS order.

A section is a template and a `collect(user)` that returns its context; a section whose
context has `shown` false (nothing to list and nothing to invite to) is left out, except
the meetings', which always invites to register.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str  # the section's anchor on the page, e.g. "spotkania"
    title: str
    template: str
    collect: Callable[[object], dict]


_sections: dict[str, Section] = {}


def register(key: str, *, title, template: str, collect) -> None:
    """Called from an AppConfig.ready(); registering a key again replaces it (reloads)."""
    _sections[key] = Section(key=key, title=title, template=template, collect=collect)


def sections_for(user) -> list[tuple[Section, dict]]:
    """Every section that has something for `user`, with its context."""
    found = []
    for section in _sections.values():
        context = section.collect(user)
        if context.get("shown", True):
            found.append((section, context))
    return found
