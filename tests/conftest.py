"""Project-wide test fixtures and database-dependent marks."""

import os

import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    """`postgres` tests run only on PostgreSQL; in CI a missing server is an error, not a skip."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if on_postgres:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://… (CI runs it)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache, so cached pages or counters never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
