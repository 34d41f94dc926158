"""Settings for fazhi, read from the environment.

Development (the default) runs on SQLite under ``var/`` with a secret key generated once and kept
there. ``FAZHI_ENV=production`` turns on the secure settings and requires ``SECRET_KEY`` and
``FAZHI_ALLOWED_HOSTS``; ``manage.py check --deploy`` is clean there (tested).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = os.environ.get("FAZHI_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when FAZHI_ENV=production.")
    # Development: generate once, keep it under var/ so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("FAZHI_DEBUG", not PRODUCTION)
ALLOWED_HOSTS = _env_list(
    "FAZHI_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("FAZHI_ALLOWED_HOSTS must be set when FAZHI_ENV=production.")
CSRF_TRUSTED_ORIGINS = _env_list("FAZHI_CSRF_TRUSTED_ORIGINS")

# Apps: django first, then libraries, then one app per mechanism (architecture.md).
FAZHI_APPS = [
    "fazhi.core",
    "fazhi.lawbase",
    "fazhi.review",
    "fazhi.consultations",
    "fazhi.normdocs",
    "fazhi.decisions",
    "fazhi.enforcement",
    "fazhi.supervision",
    "fazhi.disputes",
    "fazhi.reconsideration",
    "fazhi.litigation",
    "fazhi.evidence",
    "fazhi.learning",
    "fazhi.grassroots",
    "fazhi.services",
    "fazhi.inspections",
    "fazhi.reports",
    "fazhi.dashboards",
    "fazhi.jobs",
    "fazhi.assessment",
    "fazhi.demo",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "django_htmx",
    *FAZHI_APPS,
]

MIDDLEWARE = [
    "fazhi.core.security.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "fazhi.core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.core.security.ControlCharacterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fazhi.core.auth.PasswordExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "fazhi.core.middleware.ApplicationErrorMiddleware",
    "fazhi.core.routers.ReplicaReadsMiddleware",
    "fazhi.core.citizen.CitizenBoundaryMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.core.context_processors.navigation_context",
            ],
        },
    },
]

# Every form widget is drawn by the project's renderer ("请选择" as the empty choice).
FORM_RENDERER = "fazhi.core.forms.FormRenderer"

# Database: DATABASE_URL, SQLite under var/ by default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
        conn_max_age=int(os.environ.get("FAZHI_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two writers queue instead of
    # failing on a lock upgrade; WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Scale-out (docs/operations.md): report and dashboard reads from a streaming replica, off by
# default. core.routers sends the reads of safe requests to FAZHI_REPLICA_PATHS there.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=int(os.environ.get("FAZHI_DB_CONN_MAX_AGE", "0")),
        ),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["fazhi.core.routers.ReportReplicaRouter"]
FAZHI_REPLICA_PATHS = [
    "/reports/",
    "/dashboards/",
    "/indicators/",
    "/api/reports/",
    "/api/indicators/",
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords (core.auth): 等保 2.0 level 3 practice — length, three character classes, expiry.
FAZHI_PASSWORD_MIN_LENGTH = int(os.environ.get("FAZHI_PASSWORD_MIN_LENGTH", "10"))
FAZHI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("FAZHI_PASSWORD_MAX_AGE_DAYS", "90"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": FAZHI_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.core.auth.ComplexityValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "fazhi.core.auth.PasswordAgeRecorder"},
]
# Argon2id first; older PBKDF2 hashes still verify and are re-hashed at the next login.
PASSWORD_HASHERS = [
    "fazhi.core.auth.FazhiArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"

# Lock an account name out after this many failed logins within the window (core.services).
FAZHI_LOGIN_MAX_FAILURES = int(os.environ.get("FAZHI_LOGIN_MAX_FAILURES", "5"))
FAZHI_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("FAZHI_LOGIN_LOCKOUT_MINUTES", "15"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("FAZHI_STATIC_ROOT", VAR_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
# Outside production WhiteNoise serves straight from the apps' static folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("FAZHI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FAZHI_MAX_UPLOAD_BYTES = int(os.environ.get("FAZHI_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = FAZHI_MAX_UPLOAD_BYTES

# `fazhi serve` (gunicorn): workers default to 2 per core + 1; a request that runs longer than
# the timeout is killed (big imports and exports run as background tasks, never in a request).
FAZHI_WEB_WORKERS = int(os.environ.get("FAZHI_WEB_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
FAZHI_WEB_THREADS = int(os.environ.get("FAZHI_WEB_THREADS", "1"))
FAZHI_WEB_TIMEOUT = int(os.environ.get("FAZHI_WEB_TIMEOUT", "60"))
FAZHI_WEB_GRACEFUL_TIMEOUT = int(os.environ.get("FAZHI_WEB_GRACEFUL_TIMEOUT", "30"))
FAZHI_WEB_KEEPALIVE = int(os.environ.get("FAZHI_WEB_KEEPALIVE", "5"))
FAZHI_WEB_MAX_REQUESTS = int(os.environ.get("FAZHI_WEB_MAX_REQUESTS", "2000"))
FAZHI_WEB_ACCESS_LOG = _env_bool("FAZHI_WEB_ACCESS_LOG", True)

# Evidence log: the witness head kept outside the database (archive it after each audit), and
# whether a signing key may be created implicitly at first set-up (never in production).
FAZHI_EVIDENCE_WITNESS_PATH = Path(
    os.environ.get("FAZHI_EVIDENCE_WITNESS_PATH", VAR_DIR / "evidence" / "witness.json")
)
FAZHI_EVIDENCE_KEYGEN_ON_FIRST_USE = _env_bool("FAZHI_EVIDENCE_KEYGEN_ON_FIRST_USE", not PRODUCTION)

# Where the shared reference data (law texts, catalogs) lives: beside the checkout by default.
FAZHI_SHARED_DIR = Path(os.environ.get("FAZHI_SHARED_DIR", BASE_DIR.parent / "shared"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("FAZHI_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "fazhi.core.api_support.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "fazhi.core.openapi.FazhiAutoSchema",
    "EXCEPTION_HANDLER": "fazhi.core.api_support.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("FAZHI_ANON_RATE", "60/min"),
        "public_form": os.environ.get("FAZHI_PUBLIC_FORM_RATE", "10/hour"),
    },
    # REMOTE_ADDR is already the real client (core.security.ClientAddressMiddleware): never
    # let DRF read X-Forwarded-For itself.
    "NUM_PROXIES": 0,
    "DEFAULT_PARSER_CLASSES": [
        "fazhi.core.security.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "fazhi API",
    "DESCRIPTION": "法治政府建设平台 REST API. Errors: {code, field, detail}.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from this server (drf-spectacular-sidecar), never a CDN; the schema and the
    # docs are for logged-in users (docs/operations.md, "What is public").
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "fazhi.core.schema.document_errors",
    ],
}

# Hand-off mail (core.handoffs): the console in development, so a fresh machine sends nothing;
# SMTP in production, configured through the FAZHI_MAIL_* variables below.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "FAZHI_MAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("FAZHI_MAIL_HOST"),
                "port": int(os.environ["FAZHI_MAIL_PORT"])
                if "FAZHI_MAIL_PORT" in os.environ
                else None,
                "username": os.environ.get("FAZHI_MAIL_USER"),
                "password": os.environ.get("FAZHI_MAIL_PASSWORD"),
            }.items()
            if value is not None
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("FAZHI_MAIL_FROM", "fazhi@localhost")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if PRODUCTION
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fazhi_cache",
    }
}

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "fazhi.core.auth.LockoutModelBackend",
]

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated);
# empty: none, the peer address is the client (core.security).
FAZHI_TRUSTED_PROXIES = _env_list("FAZHI_TRUSTED_PROXIES")

# Browser policy: scripts and styles from this server only (inline styles allowed for the few
# style attributes and htmx's indicator), no framing, no plugins; features nobody uses are off.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    # Scripts from our own static files; a page's own small inline script carries the
    # request's nonce ({{ csp_nonce }}), so injected markup still cannot run script.
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
FAZHI_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# The Django admin: on in development, in production only when FAZHI_ADMIN_ENABLED is set
# (and then reachable only where the proxy lets it through).
FAZHI_ADMIN_ENABLED = _env_bool("FAZHI_ADMIN_ENABLED", not PRODUCTION)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = _env_bool("FAZHI_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("FAZHI_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600

# Object storage at scale: FAZHI_STORAGE_BACKEND names any Django storage class (e.g. an S3 one).
if os.environ.get("FAZHI_STORAGE_BACKEND"):
    STORAGES["default"] = {"BACKEND": os.environ["FAZHI_STORAGE_BACKEND"]}

VERBOSE_NAME = _("法治政府建设平台")
