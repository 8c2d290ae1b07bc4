"""The README's configuration table lists every environment variable the code reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*ROOT.glob("cms/settings/*.py"), ROOT / "bin" / "serve-production", ROOT / "Makefile"]
PYTHON_READ = re.compile(
    r"""(?:env_\w+|os\.environ\.get|os\.environ\[)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)
SHELL_READ = re.compile(r"\$\{([A-Z][A-Z0-9_]+)[:}]")


def variables_read_by_the_code() -> set[str]:
    names = set()
    for path in SOURCES:
        text = path.read_text()
        names |= set(PYTHON_READ.findall(text)) | set(SHELL_READ.findall(text))
    return names


def variables_in_the_readme_table() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", table, flags=re.MULTILINE))


def test_every_environment_variable_is_documented():
    missing = variables_read_by_the_code() - variables_in_the_readme_table()

    assert missing == set()


def test_the_readme_documents_no_variable_the_code_ignores():
    read = variables_read_by_the_code() | {"DJANGO_SETTINGS_MODULE", "CHROMIUM_PATH"}

    assert variables_in_the_readme_table() - read == set()


def test_the_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]

    assert re.findall(r"^make \w+", first_block, flags=re.MULTILINE) == ["make run", "make test"]
