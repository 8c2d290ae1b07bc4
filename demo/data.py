"""The demo's long texts, kept in `data/` as JSON and HTML files a city employee can edit
without reading Python: page bodies, the draft programme, the discussion, the report's
remarks, the table meeting and the directory of organisations."""

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load_json(name: str):
    """The parsed contents of `data/<name>` (read once per process; do not mutate)."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def load_text(name: str) -> str:
    """The text of `data/<name>` exactly as written (an HTML page body, say)."""
    return (DATA_DIR / name).read_text(encoding="utf-8")
