"""Settings shared by every environment; values that differ come from the environment.

Every variable read here is listed, with its meaning, in `.env.example`.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from exc


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "news.apps.HitCountConfig",
    "news",
    "initiatives",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "news.middleware.VisitMiddleware",
]

ROOT_URLCONF = "lddsite.urls"
WSGI_APPLICATION = "lddsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "news.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "lddsite"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lddsite",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Vietnamese first -------------------------------------------------------
# Source strings are written in Vietnamese and marked for gettext, so another
# language can be added with `makemessages` without touching templates.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's `vi` format module sets the separators but not the grouping, so
# thousands are grouped here: 11.799.553, 282,2.
USE_THOUSAND_SEPARATOR = True
NUMBER_GROUPING = 3
FORMAT_MODULE_PATH = ["formats"]

# --- Static and media files -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed files (name changes with content) get a year and "immutable" from whitenoise itself;
# files without a hash in their name (e.g. CKEditor's plugin files) are kept an hour.
WHITENOISE_MAX_AGE = 3600
# Largest accepted upload (bytes) and image (pixels); see news/images.py.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Rich text --------------------------------------------------------------
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_IMAGE_BACKEND = "pillow"
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["JustifyLeft", "JustifyCenter", "JustifyRight"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Source", "Maximize"],
        ],
        "height": 420,
        "width": "100%",
        "extraPlugins": "image2",
        "removePlugins": "image",
    }
}

# --- Counters ---------------------------------------------------------------
# One counted article view per visitor per this many minutes.
HITCOUNT_KEEP_HIT_ACTIVE = {"minutes": env_int("HIT_WINDOW_MINUTES", 24 * 60)}
# How long hits are kept before `prune_hits` deletes them (totals stay).
HITCOUNT_KEEP_HIT_IN_DATABASE = {"days": env_int("HIT_RETENTION_DAYS", 30)}
# Proxies whose X-Forwarded-For is believed (addresses or CIDR networks).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Visits carried over from the old site, added to "Tất cả".
VISIT_STARTING_TOTAL = env_int("VISIT_STARTING_TOTAL", 0)

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
MIGRATION_MODULES = {"hitcount": "news.hitcount_migrations"}

# --- Counters: room in the local-memory cache ----------------------------------
# Without Redis the counters keep one small key per visitor (and per article
# viewed) in the local-memory cache; at Django's default of 300 entries visitors
# would be evicted inside their 30-minute visit and counted again.
if not REDIS_URL:
    CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = 100_000

# --- Demo data (news/demo.py) --------------------------------------------------
# Password of the demo accounts quantri, bientap and duyetbai (news/demo.py) and
# sangkien_tinh, sangkien_vinhchau (initiatives/demo/) that `seed_demo`
# creates when they are missing. Never run seed_demo on a production database.
DEMO_PASSWORD = env("DEMO_PASSWORD", "lddsite-demo-2024")

# An initiative waiting in "đã nộp" or "đang xét" for longer than this many days is flagged in the review backlog.
INITIATIVES_REVIEW_AGED_DAYS = int(env("INITIATIVES_REVIEW_AGED_DAYS", "30"))

# --- Sessions (serving and scale-out, deploy/) ----------------------------------
# Only signed-in staff have sessions: readers are told apart by the signed `lv`
# cookie (news/visitors.py), so anonymous pages write no session row. With Redis
# shared by every app server, sessions are read from the cache and written
# through to the database; with the per-process local-memory cache they are read
# from the database, or a logout in one worker would not reach another's cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

# --- Counters: commit without waiting for the disk (news/visits.py counter_transaction) ---
# On PostgreSQL the counters' transactions (article views, visits, presence) commit with
# `synchronous_commit` off unless this is on: a crash of the database server could lose
# the last fraction of a second of counter updates (never corrupt them); content writes
# always keep full durability.
COUNTER_SYNCHRONOUS_COMMIT = env_bool("COUNTER_SYNCHRONOUS_COMMIT", False)

# --- Cache backend (news/caching.py) ---------------------------------------------
# Django's Redis backend with one client object per connection pool: Django's own
# builds a new client for every cache call, which costs more than the round trip.
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "news.caching.RedisCache"
