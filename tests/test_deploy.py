"""Serving in production: the gunicorn configuration, static files, cache and sessions."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

from tests.factories import ArticleFactory, UserFactory

BASE_DIR = Path(settings.BASE_DIR)
PROD_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "PYTHONPATH": str(BASE_DIR),
    "DJANGO_SETTINGS_MODULE": "lddsite.settings.prod",
    "SECRET_KEY": "deploy-test-" + "s" * 50,
    "ALLOWED_HOSTS": "congdoan.example.vn",
    "DATABASE_URL": "postgres://lddsite@127.0.0.1:5432/lddsite",  # never connected to here
}


def python(code, env, *args, timeout=120):
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# --- gunicorn ---------------------------------------------------------------------


def gunicorn_config(**env):
    """The settings gunicorn itself reads from deploy/gunicorn.conf.py under `env`."""
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--print-config", "lddsite.wsgi"],
        env={**PROD_ENV, **env},  # preload_app: the application is loaded too
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    values = {}
    for line in result.stdout.splitlines():
        name, sep, value = line.partition("=")
        if sep:
            values[name.strip()] = value.strip()
    return result, values


def test_gunicorn_config_reads_the_environment():
    result, config = gunicorn_config(
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="4",
        GUNICORN_BIND="127.0.0.1:8123",
        GUNICORN_TIMEOUT="45",
        GUNICORN_MAX_REQUESTS="500",
    )
    assert result.returncode == 0, result.stderr
    assert config["workers"] == "3"
    assert config["threads"] == "4"
    assert config["worker_class"] == "gthread"
    assert config["bind"] == "['127.0.0.1:8123']"
    assert config["timeout"] == "45"
    assert config["max_requests"] == "500"
    assert config["max_requests_jitter"] == "50"
    assert config["preload_app"] == "True"


def test_gunicorn_config_defaults_to_sync_workers_per_core_on_localhost():
    result, config = gunicorn_config()
    assert result.returncode == 0, result.stderr
    assert config["workers"] == str((os.cpu_count() or 1) * 2 + 1)
    assert config["worker_class"] == "sync"
    assert config["bind"] == "['127.0.0.1:8000']"
    assert config["timeout"] == "30"


def test_gunicorn_control_socket_is_off_unless_an_instance_gets_its_own_path(tmp_path):
    # One shared default path would let stopping one instance remove another's socket.
    result, config = gunicorn_config()
    assert result.returncode == 0, result.stderr
    assert config["control_socket_disable"] == "True"
    own = tmp_path / "lddsite-a.ctl"
    result, config = gunicorn_config(GUNICORN_CONTROL_SOCKET=str(own))
    assert config["control_socket_disable"] == "False"
    assert config["control_socket"] == str(own)


def test_gunicorn_config_refuses_a_bad_number():
    result, _ = gunicorn_config(GUNICORN_THREADS="nhiều")
    assert result.returncode != 0
    assert "GUNICORN_THREADS must be a whole number" in result.stdout + result.stderr


# --- Static files -----------------------------------------------------------------


def test_collectstatic_under_prod_gives_hashed_compressed_files_served_for_a_year(tmp_path):
    env = {**PROD_ENV, "STATIC_ROOT": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/site.css"]
    assert hashed != "css/site.css" and hashed.startswith("css/site.") and hashed.endswith(".css")
    assert (tmp_path / hashed).exists()
    assert (tmp_path / f"{hashed}.gz").exists(), "no pre-compressed copy"

    # Ask the production WSGI application for the hashed file, as nginx would pass the request on.
    answer = python(
        "import io, json, sys\n"
        "from lddsite.wsgi import application\n"
        "seen = {}\n"
        "def start(status, headers, exc_info=None):\n"
        "    seen['status'] = status; seen['headers'] = dict(headers)\n"
        "environ = {'REQUEST_METHOD': 'GET', 'PATH_INFO': sys.argv[1], 'SERVER_NAME': 'congdoan.example.vn',\n"
        "    'SERVER_PORT': '443', 'HTTP_HOST': 'congdoan.example.vn', 'HTTP_X_FORWARDED_PROTO': 'https',\n"
        "    'HTTP_ACCEPT_ENCODING': 'gzip', 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(),\n"
        "    'wsgi.errors': sys.stderr, 'wsgi.version': (1, 0), 'wsgi.multithread': False,\n"
        "    'wsgi.multiprocess': True, 'wsgi.run_once': False, 'SERVER_PROTOCOL': 'HTTP/1.1'}\n"
        "body = b''.join(application(environ, start))\n"
        "print(json.dumps({**seen, 'length': len(body)}))\n",
        env,
        f"/static/{hashed}",
    ).splitlines()[-1]
    response = json.loads(answer)
    assert response["status"].startswith("200")
    headers = {k.lower(): v for k, v in response["headers"].items()}
    cache_control = headers["cache-control"]
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600
    assert "public" in cache_control and "immutable" in cache_control
    assert headers.get("content-encoding") == "gzip"
    assert "Accept-Encoding" in headers.get("vary", "")


# --- Cache and sessions ---------------------------------------------------------


def settings_seen(**env):
    code = (
        "import django, json\n"
        "from django.conf import settings\n"
        "from django_redis.cache import RedisCache\n"
        "from django.utils.module_loading import import_string\n"
        "django.setup()\n"
        "cache = settings.CACHES['default']\n"
        "backend = import_string(cache['BACKEND'])\n"
        "options = cache.get('OPTIONS', {})\n"
        "kind = 'redis' if issubclass(backend, RedisCache) else cache['BACKEND']\n"
        "if kind == 'redis' and not (options.get('IGNORE_EXCEPTIONS') and options.get('SOCKET_TIMEOUT', 9) <= 1):\n"
        "    kind = 'redis without short timeouts and ignored errors'\n"
        "print(json.dumps([kind, settings.SESSION_ENGINE]))\n"
    )
    return json.loads(python(code, {**PROD_ENV, **env}).splitlines()[-1])


def test_redis_cache_and_cached_sessions_when_redis_is_configured():
    backend, sessions = settings_seen(REDIS_URL="redis://127.0.0.1:6379/0")
    assert backend == "redis"  # django-redis, with short timeouts and connection errors answered as misses
    assert sessions == "django.contrib.sessions.backends.cached_db"


def test_local_memory_cache_and_database_sessions_without_redis():
    # Each process has its own local-memory cache, so sessions must be read from the database:
    # a logout in one worker would otherwise not reach another worker's cached copy.
    backend, sessions = settings_seen()
    assert backend == "django.core.cache.backends.locmem.LocMemCache"
    assert sessions == "django.contrib.sessions.backends.db"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "category", "article", "search", "videos"])
def test_anonymous_public_pages_set_no_session(client, page):
    article = ArticleFactory()
    path = {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": "/tim-kiem/?q=c%C3%B4ng+%C4%91o%C3%A0n",
        "videos": "/video/",
    }[page]
    for _ in range(2):  # a new visitor, then the same visitor returning
        response = client.get(path, HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_signed_in_staff_get_a_session(client):
    UserFactory(username="bientap", is_staff=True)
    response = client.post("/quan-tri/login/", {"username": "bientap", "password": "mat-khau-thu"})
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert Session.objects.count() == 1
