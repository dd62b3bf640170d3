"""Project-wide test fixtures and database-dependent marks."""

import importlib
import os

import pytest
from django.db import connection
from django.db.models.signals import post_migrate

# Groups and their permissions are made by data migrations. Tests that run in
# real transactions end with a flush of every table, which Django follows with
# post_migrate (that is how permissions come back); the groups come back the
# same way here, so the next test finds the database as `migrate` left it.
GROUP_MIGRATIONS = [
    ("news.migrations.0002_editor_groups", "create_groups"),
    ("news.migrations.0007_workflow_and_history", "grant_publishing"),
    ("initiatives.migrations.0002_staff_groups", "create_groups"),
    ("documents.migrations.0002_search_vector_and_groups", "create_groups"),
    ("legalqa.migrations.0002_topics_answerers_search_vector", "create_groups"),
    ("legalqa.migrations.0002_topics_answerers_search_vector", "create_topics"),
    ("about.migrations.0002_groups", "create_groups"),
    ("tags.migrations.0002_groups", "create_groups"),
    ("initiatives.migrations.0005_reviewer_group", "create_groups"),
    ("initiatives.migrations.0007_cluster_permissions", "create_groups"),
]


def _restore_groups(sender, app_config=None, using="default", **kwargs):
    if app_config is None or app_config.label != "initiatives":  # once per flush, after the last app
        return
    from django.apps import apps

    # The migrations' functions flip `models_module` on the app configs they are given (meant for
    # historical apps); put the real ones back afterwards.
    saved = {config.label: config.models_module for config in apps.get_app_configs()}
    try:
        for module, function in GROUP_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)
    finally:
        for config in apps.get_app_configs():
            config.models_module = saved[config.label]


post_migrate.connect(_restore_groups, dispatch_uid="tests-restore-groups")


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
    """Every test starts with an empty cache (shared and per process), so cached pages or counters never leak between tests."""
    from django.core.cache import cache

    from news import caching, pagecache, sharedcache
    from news.counting import markers, stats

    def forget():
        cache.clear()
        caching.forget()
        pagecache.forget()
        stats.forget()
        markers.forget()
        sharedcache.pause.end()

    forget()
    yield
    forget()
