"""The two worlds the initiatives tests share.

- `world`: a small union tree, a two-phase campaign and one account per staff role (`fixtures/world.py`), made
  afresh for each test; for the admin, scopes, importing and command tests.
- `province`: the Sóc Trăng province in phase 1 of "1 triệu sáng kiến" with its published figures
  (`tests.factories.province_campaign`, written through the bulk service), built once per module and rolled
  back after it; for tests that only read it (pages, downloads).
"""

import pytest
from django.db import transaction

from tests.factories import province_campaign

from .fixtures.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield province_campaign()
        transaction.set_rollback(True)
