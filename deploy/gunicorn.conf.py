"""gunicorn settings for lddsite, read from the environment.

    gunicorn -c deploy/gunicorn.conf.py lddsite.wsgi

Variables (all optional; see .env.example):
  WEB_CONCURRENCY           worker processes (default: 2 × CPU cores + 1)
  GUNICORN_THREADS          threads per worker (default 1: sync workers; >1 switches to gthread)
  GUNICORN_BIND             address to listen on (default 127.0.0.1:8000; a unix socket: unix:/run/lddsite.sock)
  GUNICORN_TIMEOUT          seconds before a silent worker is killed and restarted (default 30)
  GUNICORN_GRACEFUL_TIMEOUT seconds a worker gets to finish its requests on restart (default 30)
  GUNICORN_KEEPALIVE        seconds to keep an idle client connection open (default 5; gthread only)
  GUNICORN_MAX_REQUESTS     recycle a worker after this many requests, 0 = never (default 20000)
  GUNICORN_FORWARDED_ALLOW_IPS  proxies whose X-Forwarded-Proto is believed (default 127.0.0.1)
  GUNICORN_ACCESS_LOG       "-" for stdout, a file path, or empty for none (default none)
  GUNICORN_LOG_LEVEL        debug, info, warning, error (default info)
  GUNICORN_CONTROL_SOCKET   path of this instance's control socket for `gunicornc` (default: none, disabled)

Nothing here keeps state between requests or workers: counters, sessions and cached
pages live in PostgreSQL and Redis, so any number of these servers can run side by side.
"""

import gc
import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, got {value!r}") from exc


wsgi_app = "lddsite.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "").strip() or "127.0.0.1:8000"]
workers = max(1, _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = max(1, _int("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests (jittered so they do not all restart at once),
# which bounds the effect of any slow memory growth. Not much more often: a busy worker answers
# hundreds of requests a second, and each replacement opens its own database and Redis connections.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = max_requests // 10
# Load Django once in the master, then fork: less memory per worker and faster restarts.
# Safe because Django opens database and Redis connections lazily, inside each worker.
preload_app = True
# Heartbeat files in memory, not on a disk that may stall (containers, slow volumes).
# (gunicorn's own advice; the files hold no data, only their modification time changes.)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# The proxy in front (nginx) sets X-Forwarded-Proto; Django reads it via SECURE_PROXY_SSL_HEADER.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "lddsite"
# gunicorn's control socket defaults to one path per user ($XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl),
# shared by every instance on the host, so stopping one removes another's. It stays off unless this
# instance is given a path of its own.
control_socket_path = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if control_socket_path:
    control_socket = control_socket_path
    control_socket_disable = False
else:
    control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    """In the master, after the preloaded app: fill Django's per-process caches that every worker would
    otherwise fill on its first requests (URL patterns, compiled public templates, the translation
    catalogue). Workers are forked from here, so each one, and each replacement, starts with them.
    Nothing here opens a database or Redis connection, which forked workers must not share.
    """
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and every view module)
    translation.activate("vi")
    for name in WARM_TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            server.log.warning("template to warm not found: %s", name)
    translation.deactivate()
    # Everything loaded so far lives as long as the process: moved out of the garbage collector's reach, so its
    # full collections, which a request building a tally of a thousand rows triggers, no longer walk the
    # hundred thousand objects of Django, the URLconf and the templates (tens of milliseconds each), and the
    # forked workers keep sharing those pages of memory instead of copying them on the collector's writes.
    gc.freeze()


WARM_TEMPLATES = [
    # Pages, then the partials they load on first use.
    "news/home.html",
    "news/category.html",
    "news/article.html",
    "news/search.html",
    "news/video_list.html",
    "initiatives/campaign_list.html",
    "initiatives/report_page.html",
    "initiatives/_unit_row.html",
    "initiatives/_at_risk_item.html",
    "initiatives/_honour_cluster.html",
    "initiatives/_week_row.html",
    "404.html",
    "news/_article_card.html",
    "news/_article_more.html",
    "news/_pager.html",
    "includes/nav.html",
    "includes/footer.html",
    "includes/sidebar_videos.html",
    "includes/sidebar_links.html",
    "includes/most_read.html",
]
