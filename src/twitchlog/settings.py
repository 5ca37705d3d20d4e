"""One settings module for every deployment, driven by the environment.

Local use needs nothing set: data (SQLite database, secret key) lives in ``./var``.
A server sets ``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``TWITCHLOG_HTTPS=1``.
Every variable read here is documented in README.md (a test keeps the two in step).
"""

import os
import secrets
from email.utils import parseaddr
from pathlib import Path

import dj_database_url


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.getenv("TWITCHLOG_DATA_DIR", "var")).resolve()


def _secret_key() -> str:
    """Use SECRET_KEY when set; otherwise make one once and keep it in the data dir.

    Keeping it on disk is only right for local, single-machine use. Several app processes
    on several machines must share one key, so a server sets SECRET_KEY.
    """
    if key := os.getenv("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("TWITCHLOG_DEBUG", "0")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Whether SITE_URL was set: `twitchlog send_reminders` (cron) warns when it was not, since its
# emailed links would point at this default, which works only on the machine itself.
SITE_URL_CONFIGURED = bool(os.getenv("SITE_URL", "").strip())

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "ninja",
    "django.contrib.postgres",
    "twitchlog.core",
    "twitchlog.knowledge",
    "twitchlog.accounts",
    "twitchlog.assessments",
    "twitchlog.diary",
    "twitchlog.insights",
    "twitchlog.experiments",
    "twitchlog.therapists",
    "twitchlog.reports",
    "twitchlog.pwa",
    "twitchlog.reminders",
    "twitchlog.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "twitchlog.core.middleware.TimezoneMiddleware",
    "twitchlog.core.middleware.PrivatePagesMiddleware",
    "twitchlog.core.middleware.ContentSecurityPolicyMiddleware",
    "twitchlog.core.busy.BusyDatabaseMiddleware",
]

ROOT_URLCONF = "twitchlog.urls"
FORM_RENDERER = "twitchlog.core.forms.Renderer"
WSGI_APPLICATION = "twitchlog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "twitchlog.core.context_processors.site",
                "twitchlog.knowledge.context_processors.care",
            ],
            # {% url %} and {% static %} that remember what they made, in every template
            # (so templates here do not {% load static %}: that would bring Django's back).
            "builtins": [
                "twitchlog.core.templatetags.remembered_urls",
                "twitchlog.core.templatetags.remembered_static",
            ],
        },
    },
]

# Databases. SQLite is tuned for a small web app: WAL lets readers run beside the one writer,
# the busy timeout waits for the lock instead of failing, and IMMEDIATE transactions take the
# write lock at BEGIN so two writers queue up instead of deadlocking on lock upgrade.
_sqlite_path = DATA_DIR / "twitchlog.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{_sqlite_path}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and envbool(
    "DB_PREPARED_STATEMENTS", "1"
):
    # Parameters sent apart from the SQL, so PostgreSQL can keep the plan of a query this
    # connection has run five times (psycopg's default) instead of parsing and planning it
    # again: the same few queries run on every request (home: 3.4 -> 2.6 ms wall,
    # bench/hot_paths.py). Django leaves this off for connection poolers in transaction mode
    # that cannot carry prepared statements (PgBouncer before 1.21): DB_PREPARED_STATEMENTS=0.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Request sizes. Form fields and JSON bodies: Django's 2.5 MB. Uploaded files (a diary CSV or
# a therapist's photo, one a request): at most MAX_UPLOAD_BYTES is kept unless the view is
# in UPLOAD_CAPS, and each form refuses a larger file in plain words (core/uploads.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 2
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# The import page and endpoint also take phone and watch exports up to this size, which are
# streamed to disk and read within their own bounds (diary/devices/limits.py); the command
# reads larger ones. Past it nothing more is kept: the start of the file still tells a CSV
# from an export, so the page refuses each in words that fit (diary/device_import.py).
DEVICE_UPLOAD_MAX_BYTES = 300 << 20
UPLOAD_CAPS = {
    "diary:import": DEVICE_UPLOAD_MAX_BYTES,
    "api:diary_imports": DEVICE_UPLOAD_MAX_BYTES,
}
FILE_UPLOAD_HANDLERS = [
    "twitchlog.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["twitchlog.accounts.backends.AccountBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:welcome"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", DATA_DIR / "static"))
# Local mode serves straight from the app folders; a server runs collectstatic and gets
# compressed, cache-busting file names instead.
WHITENOISE_USE_FINDERS = envbool("TWITCHLOG_STATIC_FINDERS", "1")
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Rescan static files on each request while developing, so an edited stylesheet is not served
# with the length it had at start-up.
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if WHITENOISE_USE_FINDERS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

# Sessions live in the database so any app process can serve any request.
SESSION_ENGINE = "twitchlog.core.sessions"  # the db engine, read with a written-out query
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Behind a TLS-terminating proxy on a server.
HTTPS = envbool("TWITCHLOG_HTTPS", "0")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "1")
# Load balancers poll /healthz straight over HTTP and count a redirect as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Email: the console locally; SMTP when EMAIL_URL (smtp://user:pass@host:port, or smtps://)
# or EMAIL_HOST is set.
# A neutral sender: an inbox shows it to anyone glancing at the screen, and the product's name
# alone would hint at a health reason.
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Notifications <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Web Push for check-in reminders: the server's key pair is made once into this file; every
# machine that serves pages or sends reminders must use the same one. The contact goes to push
# services with each push (a mailto: or https: address).
VAPID_KEY_FILE = Path(os.getenv("TWITCHLOG_VAPID_KEY_FILE", DATA_DIR / "vapid_private_key.pem"))
PUSH_CONTACT = os.getenv(
    "TWITCHLOG_PUSH_CONTACT", "mailto:" + (parseaddr(DEFAULT_FROM_EMAIL)[1] or "noreply@localhost")
)
if email_url := os.getenv("EMAIL_URL"):
    from urllib.parse import unquote, urlsplit

    _parts = urlsplit(email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _parts.hostname or "localhost"
    EMAIL_PORT = _parts.port or (465 if _parts.scheme == "smtps" else 587)
    EMAIL_HOST_USER = unquote(_parts.username or "")
    EMAIL_HOST_PASSWORD = unquote(_parts.password or "")
    EMAIL_USE_SSL = _parts.scheme == "smtps"
    EMAIL_USE_TLS = _parts.scheme == "smtp" and EMAIL_PORT == 587
elif os.getenv("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = envint("EMAIL_PORT", "587")
    EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "1")
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "0")
else:
    # The console, with signed links hidden; each whole email is saved in DATA_DIR/emails.
    EMAIL_BACKEND = "twitchlog.core.mail.EmailBackend"

# Sign-up by emailed link, so the sign-up page never says whether an address has an account
# (accounts/services.py). On by default where email really goes out (SMTP) or on a server;
# a local install, with nobody to hide that from, makes the account at once.
SIGNUP_CONFIRM_BY_EMAIL = envbool(
    "TWITCHLOG_SIGNUP_BY_EMAIL",
    "1" if HTTPS or EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend" else "0",
)

# Sign-up, login and reset throttling: at most this many tries per window; who is counted how
# is in accounts/lockout.py and the README's security section.
THROTTLE_WINDOW_SECONDS = envint("TWITCHLOG_THROTTLE_WINDOW", "900")
THROTTLE_MAX_PER_IP = envint("TWITCHLOG_THROTTLE_PER_IP", "20")
THROTTLE_MAX_PER_ACCOUNT = envint("TWITCHLOG_THROTTLE_PER_ACCOUNT", "5")
THROTTLE_MAX_PER_ACCOUNT_EVERYWHERE = envint("TWITCHLOG_THROTTLE_PER_ACCOUNT_EVERYWHERE", "50")
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
TWITCHLOG_TRUSTED_PROXIES = envint("TWITCHLOG_TRUSTED_PROXIES", "0")

# Crisis lines shown with every PHQ-9 result and with any safety alert. Keys are ISO country
# codes; "default" is used when a person's country has no entry. A deployment may replace this
# with a JSON file (TWITCHLOG_CRISIS_LINES_FILE) of the same shape.
CRISIS_LINES: dict[str, list[dict[str, str]]] = {
    "default": [
        {
            "name": "Emergency services",
            "detail": "Call your local emergency number (112 in Europe, 911 in North America)",
        },
        {
            "name": "Find a helpline",
            "detail": "findahelpline.com lists free, confidential crisis lines by country",
        },
    ],
    "US": [
        {"name": "988 Suicide & Crisis Lifeline", "detail": "Call or text 988"},
        {"name": "Emergency services", "detail": "Call 911"},
    ],
    "GB": [
        {"name": "Samaritans", "detail": "Call 116 123, free, day or night"},
        {"name": "Shout", "detail": "Text SHOUT to 85258, free, day or night"},
        {
            "name": "NHS 111",
            "detail": "Call 111 and choose the mental health option (England and Wales; in "
            "Scotland NHS 24 answers on 111). It does not cover Northern Ireland: there, call "
            "Lifeline on 0808 808 8000",
        },
        {"name": "Emergency services", "detail": "Call 999"},
    ],
    "IE": [
        {"name": "Samaritans", "detail": "Call 116 123"},
        {"name": "Emergency services", "detail": "Call 112 or 999"},
    ],
    "CA": [
        {"name": "9-8-8 Suicide Crisis Helpline", "detail": "Call or text 988"},
        {"name": "Emergency services", "detail": "Call 911"},
    ],
    "AU": [
        {"name": "Lifeline", "detail": "Call 13 11 14"},
        {"name": "Emergency services", "detail": "Call 000"},
    ],
    "NZ": [
        {"name": "Need to talk?", "detail": "Call or text 1737"},
        {"name": "Emergency services", "detail": "Call 111"},
    ],
    "DE": [
        {"name": "TelefonSeelsorge", "detail": "Call 0800 111 0 111 or 0800 111 0 222"},
        {"name": "Emergency services", "detail": "Call 112"},
    ],
}
if _crisis_file := os.getenv("TWITCHLOG_CRISIS_LINES_FILE"):
    import json

    CRISIS_LINES = json.loads(Path(_crisis_file).read_text())

# Request logs carry URLs only. Health data never goes into a URL, and the one secret that
# does (the token of a signed link) is replaced by the filter on both handlers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"signed_links": {"()": "twitchlog.core.logs.RedactSignedLinks"}},
    # Django's own server formatter: it supplies server_time to records that lack it (a
    # broken pipe's), where a plain formatter printed "--- Logging error --- KeyError".
    "formatters": {
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["signed_links"]},
        "server": {
            "class": "logging.StreamHandler",
            "filters": ["signed_links"],
            "formatter": "server",
        },
    },
    "root": {"handlers": ["console"], "level": os.getenv("TWITCHLOG_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # `twitchlog serve` logs each request line here.
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
    },
}

NINJA_PAGINATION_PER_PAGE = 100
