"""What every benchmark needs: a throw-away database — a SQLite file, or a new database on
the PostgreSQL server when DATABASE_URL points at one — and Django on it, with the
development settings, DEBUG off and every migration applied.

    with throwaway_site():
        ...  # Django is set up; import models and measure
"""

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path[:1]:
    sys.path.insert(0, str(ROOT))  # the project's apps before this folder's scripts


def configure() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        name = f"konsultacje_bench_{os.getpid()}"
        os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
        import psycopg

        admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return name
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return ""


def drop(name: str, url: str) -> None:
    if not name:
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def throwaway_site():
    original_url = os.environ.get("DATABASE_URL", "")
    database = configure()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp())
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    try:
        setup_test_environment()
        call_command("migrate", verbosity=0)
        yield
    finally:
        drop(database, original_url)


# Words of a cooperation programme, for sample remarks and comments of realistic length.
WORDS = [
    "program",
    "współpracy",
    "organizacje",
    "pozarządowe",
    "dotacje",
    "konkurs",
    "ofert",
    "seniorzy",
    "sport",
    "kultura",
    "dzielnica",
    "wolontariat",
    "budżet",
    "środki",
    "zadanie",
    "publiczne",
    "partnerstwo",
    "konsultacje",
    "miasto",
    "rada",
    "inicjatywa",
    "lokalna",
    "komisja",
    "konkursowa",
    "sprawozdanie",
    "rozliczenie",
    "wkład",
    "własny",
    "osobowy",
    "świetlica",
    "młodzież",
    "rodzina",
    "niepełnosprawności",
    "profilaktyka",
    "ekologia",
    "zwierzęta",
    "bezdomne",
    "przejrzystość",
    "harmonogram",
    "wieloletnie",
    "umowy",
    "centrum",
    "aktywności",
    "lokalnej",
    "regulamin",
    "sale",
]


def polish_text(rng, low, high):
    """A sentence of `low` to `high` words, from `rng` (a random.Random: repeatable)."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."
