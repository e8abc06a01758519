"""One settings module for every environment, driven by environment variables.

SQLite (db.sqlite3) when DATABASE_URL is unset, PostgreSQL when it is set. Outside DEBUG the
process refuses to start without a real SECRET_KEY. Secrets may come from files: any VAR may be
given as VAR_FILE naming a file that holds the value (Docker secrets).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    """The variable's value, or the contents of the file named by NAME_FILE."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = env(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SQLITE_BUSY_SECONDS = 20  # how long a write waits for another coder's to finish


def sqlite_database(name):
    """The embedded database, set up for a working group coding at once: WAL lets readers go on
    while one coder writes; every transaction takes the write lock when it begins (IMMEDIATE),
    so two saves queue behind the busy timeout instead of failing with "database is locked"
    when a read turns into a write; synchronous=NORMAL is safe with WAL and spares an fsync per
    commit. A write still locked after the timeout is retried by the workspace's actions."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_SECONDS,
            "init_command": (f"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}; "
                             "PRAGMA synchronous=NORMAL;"),
        },
    }


def database_from_url(url):
    """postgres://user:pw@host:port/name[?host=/socket/dir]  or  sqlite:///path"""
    parts = urlparse(url)
    if parts.scheme in ("postgres", "postgresql"):
        query = parse_qs(parts.query)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": query.get("host", [parts.hostname or ""])[0],
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    if parts.scheme == "sqlite":
        return sqlite_database(parts.path or ":memory:")
    raise ImproperlyConfigured(f"Unsupported DATABASE_URL scheme {parts.scheme!r}")


DEBUG = env_bool("DEBUG", False)
# HTTPS-only cookies, HSTS and the redirect; on by default outside DEBUG. The test command
# turns it off because the browser tests talk plain HTTP to a live server on loopback.
HTTPS = env_bool("VEILEDNING_HTTPS", not DEBUG)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) outside DEBUG.")
    SECRET_KEY = "django-insecure-local-development-only-" + "x" * 20
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")):
    # The rule of Django's security.W009 check, enforced: a weak key lets anyone forge sessions.
    raise ImproperlyConfigured(
        "SECRET_KEY is weak: use at least 50 characters with at least 5 different ones, e.g. "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_tables2",
    "axes",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "veiledning.accounts",
    "surveys",
    "coding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "veiledning.middleware.HeadAsGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "veiledning.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "veiledning.middleware.IdleTimeoutMiddleware",
    "veiledning.middleware.LoginRequiredMiddleware",
    "veiledning.accounts.middleware.RequireAdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "veiledning.middleware.NoStoreMiddleware",
    "veiledning.refusals.RefusalMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "veiledning.urls"
WSGI_APPLICATION = "veiledning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "veiledning.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(env("DATABASE_URL"))
    if env("DATABASE_URL")
    else sqlite_database(BASE_DIR / "db.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "veiledning.roles.RoleBackend",  # ModelBackend that loads the user's roles in the same query
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "surveys:list"
LOGOUT_REDIRECT_URL = "login"

# Behind a reverse proxy (docker-compose's nginx) the client's address is the proxy's
# X-Forwarded-For, read by django-ipware in veiledning/clientip.py; PROXY_COUNT is the number of
# further proxies that append their address after the client's.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
PROXY_COUNT = env_int("PROXY_COUNT", 0)

# Login throttling (django-axes): five failures for one username from one client address lock
# that pair for fifteen minutes, during which the right password is refused too. Never the
# username alone or the address alone: behind the proxy every client could share an address,
# and anyone could lock out a colleague by typing their name.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "veiledning.clientip.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]  # never stored as typed

# Two-factor sign-in (veiledning/accounts/): optional for each admin, or required for every admin with
# REQUIRE_ADMIN_2FA. A wrong code is a failed login for django-axes (the pair rule above), so
# django-otp's own per-device delay, which anyone holding the password could run up, is off.
REQUIRE_ADMIN_2FA = env_bool("REQUIRE_ADMIN_2FA", False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "veiledning")
OTP_TOTP_THROTTLE_FACTOR = 0

# Sessions live in the database so web processes keep no local state. A working day long.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
# Beside that absolute lifetime, a session unused for an hour is signed out (IdleTimeoutMiddleware).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Where users report an accessibility problem (an e-mail address or a web page), shown on the
# accessibility statement; without it the statement asks them to contact whoever runs the service.
ACCESSIBILITY_CONTACT = env("ACCESSIBILITY_CONTACT", "")
# The public body responsible for this installation, named on the accessibility statement.
ACCESSIBILITY_OWNER = env("ACCESSIBILITY_OWNER", "")
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {
        "BACKEND": env("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)

# Uploads are processed in memory and never touch the local disk.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]

# Security headers. The CSP is enforced (never report-only): no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# No answer text, memo, password or session id in logs: requests are logged by status and path
# only, never bodies; a refused request (below 500) without its traceback; a failed login with a
# masked user name and the client's address (veiledning/views.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"no_traceback_below_500": {"()": "veiledning.refusals.NoTracebackBelow500"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "veiledning.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"filters": ["no_traceback_below_500"]},
        "django.security": {"filters": ["no_traceback_below_500"]},
        # WeasyPrint (the report's PDF) warns about every screen-only CSS rule it skips.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# Per-process memory: it only memoises board and dashboard counts under keys that change with
# the data (coding/stats.py data_state), so processes never disagree and need not share it.
# "shared" is a table in the database (created by a migration) for the few things every web
# process should find ready: the answer list's facts, written by the import that changes them.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "veiledning_cache"},
}

DJANGO_TABLES2_TEMPLATE = "tables/htmx_table.html"

# Background work (Django's tasks framework): tasks are rows in the database, run by
# `manage.py db_worker` (django-tasks-db) beside the web processes, so a long import or export
# never holds a web worker, and a web restart loses nothing. Each task has a surveys.Job row the
# browser polls for its progress and that keeps the finished file (surveys/jobs/).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Work above these sizes goes to the worker; below them it stays in the request, where it takes
# well under two seconds (figures in docs/benchmarks.md).
BACKGROUND_ABOVE = {
    "import_bytes": env_int("BACKGROUND_IMPORT_BYTES", 10 * 1024 * 1024),  # read the upload in the worker
    "import_cells": env_int("BACKGROUND_IMPORT_CELLS", 200_000),  # filled cells: preview and import
    "refi_bytes": env_int("BACKGROUND_REFI_BYTES", 1024 * 1024),  # a REFI-QDA project to import
    "rows": env_int("BACKGROUND_ROWS", 20_000),  # answers + codings behind a file or the Word report
}
# A running job whose worker has not been heard from for this long is reported as stopped (the
# worker died: its transaction was rolled back, so nothing was saved). Its heartbeat is written
# every JOB_HEARTBEAT_SECONDS; on SQLite it waits while the job's own save holds the database.
JOB_HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 15)
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 300)
# Finished jobs and their files (exports hold answer text) are deleted after this many hours.
JOB_KEEP_HOURS = env_int("JOB_KEEP_HOURS", 48)
