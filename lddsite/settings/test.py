"""Test runs: fast hashing, in-memory cache, media in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", "") or tempfile.mkdtemp(prefix="lddsite-media-"))
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", "") or tempfile.mkdtemp(prefix="lddsite-private-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "privatefiles.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
# Tests use a per-process cache they can reason about (time is moved by hand in
# some of them, which a real Redis would not follow). Tests of the shared cache
# ask for Redis themselves (tests/test_scale_out.py starts its app servers with
# TEST_CACHE=redis; the concurrency tests override CACHES).
if env("TEST_CACHE") != "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lddsite-tests",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    # The generation is read once per test (conftest forgets it); a test says when "a second later" is
    # (caching.forget()), so the number of queries never depends on how fast the machine is.
    GENERATION_CHECK_SECONDS = 3600
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="lddsite-static-"))
# Sign-in protection counts failures of real requests; tests that sign in with `client.login()` (no
# request) would be refused by it. Its own tests turn it on (tests/security/).
AXES_ENABLED = False
TWO_FACTOR_REQUIRED = False
