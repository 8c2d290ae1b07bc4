"""Cleaning what people type: one set of rules for comments, remarks and names.

Comments build on it in comments/text.py (which also renders HTML); names shown next to
what a person writes use `clean_name`.
"""

import re
import unicodedata

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
