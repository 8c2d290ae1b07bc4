"""The lock files install what pyproject.toml asks for, and servers get no development tools."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, flags=re.MULTILINE)
    }


def unlocked(requirements: list[str], locked: dict[str, str]) -> list[str]:
    """Requirements the lock leaves out or pins outside their range."""
    missing = []
    for line in requirements:
        requirement = Requirement(line)
        version = locked.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            missing.append(line)
    return missing


def test_the_production_lock_pins_every_runtime_dependency_within_its_range():
    extras = PYPROJECT["project"]["optional-dependencies"]
    wanted = [*PYPROJECT["project"]["dependencies"], *extras["sentry"]]

    assert unlocked(wanted, pins("production.lock")) == []


def test_the_test_lock_pins_the_runtime_development_and_test_dependencies():
    extras = PYPROJECT["project"]["optional-dependencies"]
    wanted = [*PYPROJECT["project"]["dependencies"], *extras["dev"], *extras["test"]]
    wanted += extras["sentry"]

    assert unlocked(wanted, pins("test.lock")) == []


def test_both_locks_pin_the_same_version_of_every_runtime_package():
    production, test = pins("production.lock"), pins("test.lock")

    assert {
        name: (version, test.get(name))
        for name, version in production.items()
        if test.get(name) != version
    } == {}


def test_servers_install_no_development_server_or_test_tools():
    production = pins("production.lock")

    assert {"daphne", "twisted", "pytest", "playwright", "ruff"} & production.keys() == set()
