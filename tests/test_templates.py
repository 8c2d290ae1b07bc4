"""Template source checks that no page test would notice until a reader does."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["cms", "comments", "consultations", "events", "organisations", "subscriptions"]
TEMPLATES = sorted(
    path for app in APPS for path in (ROOT / app / "templates").rglob("*") if path.is_file()
)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_comment_spans_lines(path):
    """Django's {# #} ends at the line's end: a longer note is printed to the reader (and,
    in the report's article, stored in the official record). Use {% comment %} instead."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "{#" in line:
            assert "#}" in line.split("{#", 1)[1], f"{path.name}:{number}: {{# without #}}"
