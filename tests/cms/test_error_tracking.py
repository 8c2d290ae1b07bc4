"""Error tracking (SENTRY_DSN), checked in a fresh interpreter under the production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT_THE_CLIENT = """
import json, django, sentry_sdk
django.setup()
client = sentry_sdk.get_client()
print(json.dumps({"active": client.is_active(), "options": {
    key: client.options.get(key)
    for key in ("send_default_pii", "max_request_body_size", "include_local_variables")
}}))
"""


def sentry_client(**env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", REPORT_THE_CLIENT],
        cwd=ROOT,
        env={
            **{key: value for key, value in os.environ.items() if key != "SENTRY_DSN"},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "k9#Vq2!mZ7@rT4$wX8&pL1^nB6*cF3(hJ5)dG0_sA-yU+eI=oK~tR{wQ}zM",
            "ALLOWED_HOSTS": "konsultacje.nadrzecze.example",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_errors_are_not_sent_anywhere_without_a_dsn():
    assert sentry_client()["active"] is False


def test_with_a_dsn_errors_are_reported_without_personal_data():
    client = sentry_client(SENTRY_DSN="https://publiczny@bledy.nadrzecze.example/3")

    assert client == {
        "active": True,
        "options": {
            "send_default_pii": False,
            "max_request_body_size": "never",
            "include_local_variables": False,
        },
    }
