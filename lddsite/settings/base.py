"""Settings shared by every environment; values that differ come from the environment.

Every variable read here is listed, with its meaning, in `.env.example`.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
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
# Only the dev settings read DEBUG from the environment; production and tests never debug.
DEBUG = False
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
    "simple_history",
    "news.apps.HitCountConfig",
    "news",
    "initiatives",
    "documents",
    "legalqa",
    "about",
    "tags",
    "backups",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "security",  # after django_otp: its admin module takes back django-otp's device page
    "allauth",
    "allauth.account",
    "accounts",
]

MIDDLEWARE = [
    # First: every request's reading (news/counting/), and early answers of cached pages.
    "news.counting.middleware.ReadingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "security.csp.ContentSecurityPolicyMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.twofactor.TwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
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

# After a failure of Redis, how long each process leaves it alone (news/sharedcache.py).
REDIS_PAUSE_SECONDS = env_int("REDIS_PAUSE_MS", 1000) / 1000
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # django-redis: pooled connections, short timeouts, and a Redis that is down or slow answers
    # like an empty cache (IGNORE_EXCEPTIONS): the site keeps serving and counting from the database.
    # After a failure the process leaves Redis alone for REDIS_PAUSE_SECONDS (news/sharedcache.py).
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "lddsite"),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": env_int("REDIS_CONNECT_TIMEOUT_MS", 100) / 1000,
                "SOCKET_TIMEOUT": env_int("REDIS_TIMEOUT_MS", 250) / 1000,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    if REDIS_URL.startswith("redis://"):  # rediss:// keeps redis-py's TLS connection class
        from news.sharedcache import PausingConnection  # a plain module: no models, no app registry

        CACHES["default"]["OPTIONS"]["CONNECTION_POOL_KWARGS"] = {"connection_class": PausingConnection}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lddsite",
        }
    }

# --- Passwords (security/passwords.py) -----------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "security.passwords.SimilarityValidator"},
    {"NAME": "security.passwords.LengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "security.passwords.CommonPasswordValidator"},
    {"NAME": "security.passwords.VietnameseWordsValidator"},
    {"NAME": "security.passwords.NumericValidator"},
]

# --- Sign-in protection (django-axes; security/lockout.py) ----------------------
# Every login form that authenticates through Django's `authenticate()` is covered: axes' backend
# refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures before a lock, counted separately per account and per address.
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Minutes a lock lasts, from the failure that set it (further tries do not prolong it).
SIGNIN_LOCKOUT_MINUTES = env_int("SIGNIN_LOCKOUT_MINUTES", 15)
AXES_COOLOFF_TIME = timedelta(minutes=SIGNIN_LOCKOUT_MINUTES)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "security.lockout.client_ip"
AXES_USERNAME_CALLABLE = "security.lockout.account_of"
AXES_LOCKOUT_CALLABLE = "security.lockout.locked_out_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False
# Locks are lifted with `manage.py unlock_signin` and read in the log; axes' own admin pages speak English.
AXES_ENABLE_ADMIN = False

# --- Two-step sign-in (django-otp; security/twofactor.py) -----------------------
# Accounts that can publish or administer campaigns or users must confirm a code from an
# authenticator app after their password. Production turns this on unless told otherwise.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = env("TWO_FACTOR_ISSUER", "LĐLĐ tỉnh")

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
# Private files (initiative attachments, privatefiles/): outside MEDIA_ROOT, no URL of their own; a view checks
# who asks, then nginx sends the file from the internal location PRIVATE_MEDIA_ACCEL_PREFIX (X-Accel-Redirect).
# Empty prefix: Django streams the file itself (development).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
PRIVATE_MEDIA_ACCEL_PREFIX = env("PRIVATE_MEDIA_ACCEL_PREFIX", "")
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {
        "BACKEND": "privatefiles.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
# Hashed files (name changes with content) get a year and "immutable" from whitenoise itself;
# files without a hash in their name (e.g. CKEditor's plugin files) are kept an hour.
WHITENOISE_MAX_AGE = 3600
# Largest accepted upload (bytes) and image (pixels); see news/images.py.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
# Largest accepted MP4 video (bytes); see news/videofiles.py.
MAX_VIDEO_BYTES = env_int("MAX_VIDEO_BYTES", 200 * 1024 * 1024)
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
        "extraPlugins": "image2,uploadimage",
        "removePlugins": "image",
        # Pictures keep <figure class="image"> and <figcaption> (the caption readers see).
        "image2_captionedClass": "image",
        "versionCheck": False,
        # Vietnamese letters as they are, not as HTML entities.
        "entities": False,
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

# --- Public forms: questions and contact (spamguard/forms.py) ---------------------
# Fewest seconds between showing a form and sending it; most messages per address and day.
PUBLIC_FORM_MIN_SECONDS = env_int("PUBLIC_FORM_MIN_SECONDS", 5)
PUBLIC_FORM_DAILY_LIMIT = env_int("PUBLIC_FORM_DAILY_LIMIT", 5)
# Working days (Monday to Friday) the answerers have for a question.
LEGALQA_ANSWER_WORKING_DAYS = env_int("LEGALQA_ANSWER_WORKING_DAYS", 5)
# Where contact messages are sent; empty: they are only stored and read in the admin.
CONTACT_EMAIL = env("CONTACT_EMAIL", "")

LOGIN_URL = "admin:login"

# --- Member accounts (accounts/, django-allauth) ------------------------------
# Members sign in with their e-mail address (every login goes through Django's
# authenticate(), so the portal's login protection applies); they may sign in
# before confirming it, but submit nothing until they have. Staff keep the
# admin's login at /quan-tri/.
AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "allauth.account.auth_backends.AuthenticationBackend"]
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
}
LOGIN_REDIRECT_URL = "account_home"
ACCOUNT_LOGOUT_REDIRECT_URL = "news:home"

# --- Links in e-mails ---------------------------------------------------------
# The site's address as e-mails link to it (scheme and host, no trailing slash), e.g. https://congdoan.example.vn
SITE_URL = env("SITE_URL", "")

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
# cookie (news/counting/readers.py), so anonymous pages write no session row. With Redis
# shared by every app server, sessions are read from the cache and written
# through to the database; with the per-process local-memory cache they are read
# from the database, or a logout in one worker would not reach another's cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

# --- Counters: commit without waiting for the disk (news/counting/writes.py counter_transaction) ---
# On PostgreSQL the counters' transactions (article views, visits, presence) commit with
# `synchronous_commit` off unless this is on: a crash of the database server could lose
# the last fraction of a second of counter updates (never corrupt them); content writes
# always keep full durability.
COUNTER_SYNCHRONOUS_COMMIT = env_bool("COUNTER_SYNCHRONOUS_COMMIT", False)

# --- Page cache (news/pagecache.py) ------------------------------------------------
# How often each process reads the content generation from the database (news/caching.py): an edit
# reaches the other processes and app servers at most this much later.
GENERATION_CHECK_SECONDS = 1.0
# What each process keeps in memory (least recently used dropped first): ordinary pages up to this
# many MiB of page bodies (an article page is about 25 KB), and search result pages (kept only when
# something was found, for counted readers; never in Redis).
PAGE_CACHE_MB = env_int("PAGE_CACHE_MB", 64)
SEARCH_CACHE_ENTRIES = env_int("SEARCH_CACHE_ENTRIES", 200)
# Readers' markers each process keeps in memory ("counted", "recorded a moment ago";
# news/counting/markers.py), about 200 bytes each.
READING_MEMORY_ENTRIES = env_int("READING_MEMORY_ENTRIES", 50_000)

# --- Counters: visit counter slots (news/models/counters.py VisitCounter) -------------
# Rows each visit period is spread over, so concurrent new visits do not queue on one row.
VISIT_COUNTER_SLOTS = env_int("VISIT_COUNTER_SLOTS", 8)

# --- Content-Security-Policy (django-csp; security/csp.py) -----------------------
# Public pages run no inline script and load everything from this site, except YouTube players
# and the web images that articles may show. Style attributes stay allowed: the sanitizer keeps
# only alignment and sizes in article markup (news/sanitize.py). The admin adds what CKEditor 4
# needs (CSP_ADMIN_ADDITIONS). CSP_REPORT_ONLY=1 sends the same policy as report-only.
CSP_YOUTUBE_FRAMES = ["https://www.youtube-nocookie.com", "https://www.youtube.com"]
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    # NONCE: a response whose view used `request.csp_nonce` lists that nonce (none do on public pages).
    "script-src": ["'self'", NONCE],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "https:"],
    "media-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": CSP_YOUTUBE_FRAMES,
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Added on the admin (and CKEditor's upload and browse views) only.
CSP_ADMIN_PREFIXES = ["/quan-tri/", "/ckeditor/"]
CSP_ADMIN_ADDITIONS = {
    # CKEditor 4 builds its toolbar, menus and dialogs with inline event handlers
    # (onclick="CKEDITOR.tools.callFunction(12, this)"), whose numbers change on every page, so no
    # hash can allow them; it writes inline styles into its toolbar and editing frame, and shows
    # pasted or chosen images as data: and blob: addresses before they are uploaded.
    # (A page that also uses a nonce makes browsers ignore 'unsafe-inline': only CKEditor's upload answer does.)
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:", "blob:"],
    # The image dialog's upload tab posts into a frame of this site.
    "frame-src": ["'self'"],
}
# django-ckeditor's "browse server" page (staff only) is written with inline scripts and styles too
# (covered by the additions above).
# Pages that may be shown in a frame of this site: CKEditor's upload answer (its dialog posts into a frame).
CSP_FRAMEABLE_PREFIXES = ["/ckeditor/"]
# (Not kept as a setting named CSP_REPORT_ONLY: django-csp takes that name for its old configuration.)
_csp_report_only = env_bool("CSP_REPORT_ONLY", False)
CONTENT_SECURITY_POLICY = None if _csp_report_only else {"DIRECTIVES": CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES} if _csp_report_only else None
