"""Settings of the Cookie Lab teaching site.

Everything a classroom or a deployment changes comes from the environment (see README,
"Configuration"); the defaults need nothing installed: SQLite and the ``db`` session engine.
"""

import os
from pathlib import Path
from typing import Any

import django
from django.core.exceptions import ImproperlyConfigured

from sessionsdemo.env import dev_secret_key
from sessionsdemo.env import env_bool
from sessionsdemo.env import env_list
from sessionsdemo.env import parse_database_url
from sessionsdemo.env import session_engine
from sessionsdemo.env import sqlite_database

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = os.environ.get("DJANGO_ENV", "development").strip().lower() == "production"

if PRODUCTION:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_ENV=production needs SECRET_KEY in the environment.")
    DEBUG = False
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or dev_secret_key(BASE_DIR / ".secret_key")
    DEBUG = env_bool("DJANGO_DEBUG", True)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "cookielab",
    "sessionsdemo",  # the site's own commands: manage.py classroom
]

WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Django 6's own CSP middleware (see SECURE_CSP), outside the site's, which gives it each request's policy.
    *(["django.middleware.csp.ContentSecurityPolicyMiddleware"] if django.VERSION >= (6, 0) else []),
    "sessionsdemo.middleware.SecurityHeadersMiddleware",
    # Before anything reads cookies: a Cookie header too big to parse is refused (431).
    "cookielab.core.middleware.CookieHeaderLimitMiddleware",
    # Above SessionMiddleware, so it sees every Set-Cookie of the finished response.
    "cookielab.core.middleware.WireTapMiddleware",
    # Classroom mode only (CLASSROOM=1, `make classroom`): a student id per browser, and when it was last seen.
    "cookielab.classroom.middleware.ClassroomMiddleware",
    # Django's SessionMiddleware, plus a clear 503 page when the session store is unreachable.
    "cookielab.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's MessageMiddleware, making the message storage only when a view or template uses it.
    "sessionsdemo.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:
    # make serve / make classroom: static files (collected into STATIC_ROOT) are served through the
    # middleware above, so they carry the same security headers as pages. runserver serves its own.
    MIDDLEWARE.insert(MIDDLEWARE.index("sessionsdemo.middleware.SecurityHeadersMiddleware") + 1, WHITENOISE)

ROOT_URLCONF = "sessionsdemo.urls"
WSGI_APPLICATION = "sessionsdemo.wsgi.application"
ASGI_APPLICATION = "sessionsdemo.asgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite next to manage.py unless DATABASE_URL says otherwise.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": parse_database_url(os.environ["DATABASE_URL"], BASE_DIR)}
else:
    DATABASES = {"default": sqlite_database(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set. Sessions then go through Cookie Lab's resilient
# cached_db engine (reads and writes fall back to the database while Redis is down; logout refuses
# rather than leave a live copy in Redis). Without Redis, Cookie Lab's db engine: Django's table and
# rules, one prepared statement to load and one to save instead of the ORM's queries. SESSION_ENGINE=db
# and SESSION_ENGINE=cached_db still mean Django's own; SESSION_ENGINE=redis is Cookie Lab's lean
# engine: Redis only, two commands a request.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Classroom mode (`make classroom`, see sessionsdemo/classroom.py): several server processes answer the room,
# so the cache (the wire panel's history) must be one they share: Redis, or a table in the database.
CLASSROOM = env_bool("CLASSROOM", False)
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "PARSER_CLASS": "redis.connection._HiredisParser",
                "CONNECTION_POOL_KWARGS": {"max_connections": 50},
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    SESSION_ENGINE = session_engine(os.environ.get("SESSION_ENGINE", "cookielab.sessions.backends.cached_db"))
elif CLASSROOM:
    # make classroom: the room's worker processes share a table in the database.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cookielab_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    SESSION_ENGINE = session_engine(os.environ.get("SESSION_ENGINE", "cookielab.sessions.backends.db"))
elif DEBUG:
    # One process (runserver): a cache in its memory is shared by every request.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = session_engine(os.environ.get("SESSION_ENGINE", "cookielab.sessions.backends.db"))
else:
    # Several worker processes (make serve): a cache on disk that they all see, so
    # the wire panel and the URL-session demo find a browser's data whichever worker answers.
    CACHES = {
        "default": {
            "BACKEND": "sessionsdemo.cache.SharedFileCache",
            "LOCATION": os.environ.get("CACHE_DIR") or str(BASE_DIR / ".cache" / "django"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
    SESSION_ENGINE = session_engine(os.environ.get("SESSION_ENGINE", "cookielab.sessions.backends.db"))
if SESSION_ENGINE == "cookielab.sessions.backends.redis" and not REDIS_URL:
    raise ImproperlyConfigured("SESSION_ENGINE=redis keeps sessions in Redis: set REDIS_URL too.")

# Django's defaults, written out because the lessons teach them.
SESSION_COOKIE_NAME = "sessionid"
SESSION_COOKIE_AGE = 1_209_600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
SESSION_FILE_PATH = os.environ.get("SESSION_FILE_PATH") or None
CSRF_COOKIE_SAMESITE = "Lax"
# A 403 page that explains what CSRF protection just did, instead of Django's bare one.
CSRF_FAILURE_VIEW = "cookielab.lessons.security.csrf.csrf_failure"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
# The site's own static folder is optional (check --deploy warns about a missing one).
STATICFILES_DIRS = [folder for folder in [BASE_DIR / "static"] if folder.is_dir()]

# The Content-Security-Policy of every page, in Django 6's SECURE_CSP form (Django 5.2 ignores the name;
# sessionsdemo.middleware sends it there). Each request adds what Cookie Lab needs (cookielab.csp).
SECURE_CSP: dict[str, Any] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "upgrade-insecure-requests": PRODUCTION,
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Cookie Lab: this site exists to teach, so every demo is on, in production too.
COOKIELAB_DEMO_LOGIN = True
COOKIELAB_URL_SESSIONS_DEMO = True
COOKIELAB_SESSION_CLEANUP_DEMO = True
# Classroom mode: record each anonymous student's activity and answers for the teacher's dashboard, which opens
# with this run's key (made by `manage.py classroom` and handed over in the environment).
COOKIELAB_CLASSROOM = CLASSROOM
COOKIELAB_TEACHER_KEY = os.environ.get("COOKIELAB_TEACHER_KEY") or None
# Not session keys, though: unset (None), they are shown in full only while DEBUG is on. In production
# GET pages and the wire panel mask them; the lessons that need the whole key show it in a POST's answer.

# Warnings and errors of every logger to stderr, in production too. The "django" logger gets the
# same handler instead of Django's DEBUG-only one and does not propagate, so each line prints once
# (with both, runserver printed every line twice). Configuring "django" resets its child loggers,
# so runserver's request lines ("django.server") are set up again as Django's defaults have them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
