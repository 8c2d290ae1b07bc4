"""The staff roles are in core/roles.py; cms/demo.py still imports them from here (the demo
app is a later step of issue 14)."""

from core.roles import *  # noqa: F403
from core.roles import COORDINATORS, MODERATORS, PLENIPOTENTIARIES, ensure_roles  # noqa: F401
