"""bin/audit-locks (`make audit`, in CI) on pip-audit's report, with pip-audit's answer faked:
the real one needs the package index's vulnerability data, which this machine cannot reach."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def audit(tmp_path, dependencies: list[dict]) -> subprocess.CompletedProcess:
    fake = tmp_path / "pip_audit"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    report = json.dumps({"dependencies": dependencies, "fixes": []})
    (fake / "__main__.py").write_text(f"print({report!r})\n")
    return subprocess.run(
        [sys.executable, "bin/audit-locks", "requirements/production.lock"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_known_vulnerability_in_a_locked_package_fails_the_audit(tmp_path):
    result = audit(
        tmp_path,
        [
            {"name": "django", "version": "5.2.19", "vulns": []},
            {
                "name": "pillow",
                "version": "12.0.0",
                "vulns": [{"id": "PYSEC-2026-1", "fix_versions": ["12.0.1"], "aliases": []}],
            },
        ],
    )

    assert result.returncode == 1
    assert "VULNERABLE pillow 12.0.0: PYSEC-2026-1 (fixed in 12.0.1)" in result.stdout


def test_an_unreachable_vulnerability_service_is_reported_as_not_audited(tmp_path):
    skipped = "Dependency not found on PyPI and could not be audited: django (5.2.19)"

    result = audit(tmp_path, [{"name": "django", "version": "5.2.19", "skip_reason": skipped}])

    assert result.returncode == 0
    assert "NOT AUDITED" in result.stdout
