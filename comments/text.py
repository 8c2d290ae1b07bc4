"""The one place comment text is cleaned and turned into HTML.

Every write path (posting, editing, a coordinator's answer, an import) calls `prepare()`:
it stores plain text and the HTML rendered from it. Readers only ever get that HTML,
which is escaped text with paragraphs and links, passed through nh3's allow-list as a
second line of defence.
"""

import nh3
from django.utils.html import linebreaks, urlize

from core.text import clean_text

ALLOWED_TAGS = {"p", "br", "a"}
LINK_REL = "nofollow ugc noopener noreferrer"


def render_html(text: str) -> str:
    """Escaped paragraphs with http(s) and e-mail addresses as links."""
    html = linebreaks(urlize(text, trim_url_limit=60, nofollow=True, autoescape=True))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
    )


def prepare(text: str) -> tuple[str, str]:
    """(stored text, HTML) for a comment body."""
    text = clean_text(text)
    return text, render_html(text)
