"""Cleaning what people type: one set of rules for comments, remarks and names, and the
one place comment text is turned into HTML.

Every write path of a comment (posting, editing, a coordinator's answer, an import) calls
`prepare()`: it stores plain text and the HTML rendered from it. Readers only ever get that
HTML, which is escaped text with paragraphs and links, passed through nh3's allow-list as a
second line of defence. Names shown next to what a person writes use `clean_name`.
"""

import re
import unicodedata

import nh3
from django.utils.html import linebreaks, urlize

# Control characters other than tab and newline; bidirectional overrides, which can
# disguise text (CVE-2021-42574 "Trojan Source"); zero-width characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Plain text as it will be stored: NFC, no invisible characters, at most one blank line."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def clean_name(name: str) -> str:
    """A first or last name as stored: cleaned like text, on one line, single spaces."""
    return _SPACES.sub(" ", clean_text(name)).strip()


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
