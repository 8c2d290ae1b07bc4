import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import UserFactory


def _clear_cache():
    """Forget rate-limit counters between tests; on Redis only this run's keys."""
    if settings.REDIS_URL:
        client = cache._cache.get_client(write=True)
        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture
def demo_site(db):
    """The demo gmina, built the way `seed_demo` builds it, without the demo discussion."""
    from demo import gmina as demo

    demo.build(discussion=False)
    return demo


@pytest.fixture
def resident(db):
    return UserFactory(first_name="Ewa", last_name="Kamińska", email="ewa.kaminska@example.org")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last: they cannot use Django's serialized rollback (see
    tests/browser/conftest.py), so the database they leave behind is not restored."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
