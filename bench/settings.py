"""Settings for the benchmark: the production settings, served over plain HTTP on 127.0.0.1.

Only what a load test on one machine needs differs from production:
- no HTTPS redirect (wrk talks HTTP to gunicorn directly; there is no nginx in front),
- the bare view of bench/urls.py next to the real URLs,
- 127.0.0.1 is the trusted proxy, so each simulated new visitor can bring its own
  address in X-Forwarded-For, the way nginx would pass it on.
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL come from the environment
(bench/run.py sets them); safe defaults are filled in for a local run.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-key-not-for-production-" + "x" * 32)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from lddsite.settings.prod import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
TRUSTED_PROXIES = ["127.0.0.1"]
# The one deploy-check warning production keeps (see the README's security section): not news here.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
