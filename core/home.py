"""The home page leads with what is open now: the open consultations with their deadline
and their meetings, then the announced ones, then the recently finished ones.

The home page (cms) sits at the top of the layers: its template asks the apps through their
template tags (`{% home_consultations %}` of consultations, `{% with_meetings %}` of events).
What it needs in Python — when its copy stored for anonymous readers (core/pagecache.py)
goes stale because something opens or closes by the clock — each app registers here, in
core, from its AppConfig.ready(), since the feature apps may not import cms.
"""

from collections.abc import Callable
from datetime import datetime

_clocks: dict[str, Callable[..., list[datetime]]] = {}


def register_clock(key: str, moments: Callable[..., list[datetime]]) -> None:
    """`moments(root=home)` returns when what the home page shows of the app changes by
    the clock. Registering a key again replaces it (reloads)."""
    _clocks[key] = moments


def clock_moments(root) -> list[datetime]:
    return [moment for moments in _clocks.values() for moment in moments(root=root)]
