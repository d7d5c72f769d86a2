"""Settings of the Cookie Lab teaching site.

Everything a classroom or a deployment changes comes from the environment (see README,
"Configuration"); the defaults need nothing installed: SQLite and the ``db`` session engine.
"""

import os
from pathlib import Path

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sessionsdemo.middleware.SecurityHeadersMiddleware",
    # Above SessionMiddleware, so it sees every Set-Cookie of the finished response.
    "cookielab.middleware.WireTapMiddleware",
    # Django's SessionMiddleware, plus a clear 503 page when the session store is unreachable.
    "cookielab.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's MessageMiddleware, making the message storage only when a view or template uses it.
    "sessionsdemo.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sessionsdemo.urls"
WSGI_APPLICATION = "sessionsdemo.wsgi.application"
ASGI_APPLICATION = "sessionsdemo.asgi.application"

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
# rather than leave a live copy in Redis). SESSION_ENGINE=cached_db still means Django's own;
# SESSION_ENGINE=redis is Cookie Lab's lean engine: Redis only, two commands a request.
REDIS_URL = os.environ.get("REDIS_URL", "")
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
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = session_engine(os.environ.get("SESSION_ENGINE", "db"))
    if SESSION_ENGINE == "cookielab.sessions.backends.redis":
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
CSRF_FAILURE_VIEW = "cookielab.views.security.csrf_failure"

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
STATIC_ROOT = BASE_DIR / "staticfiles"
# The site's own static folder is optional (check --deploy warns about a missing one).
STATICFILES_DIRS = [folder for folder in [BASE_DIR / "static"] if folder.is_dir()]

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
COOKIELAB_REVEAL_SESSION_KEYS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
