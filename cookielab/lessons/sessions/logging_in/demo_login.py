"""The demo login: a throwaway account, and proof of what login and logout do to the session key.

``login()`` calls ``cycle_key()``: the data stays, the key changes, so a key planted in a browser
before login (session fixation) is worthless after it. ``logout()`` calls ``flush()``: the data
goes and the old key is deleted from the store. ``where_the_old_key_is`` looks in the store
itself to prove it, engine by engine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from typing import cast

from django.apps import apps
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.cache import SessionStore as CacheSession
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSession
from django.contrib.sessions.backends.db import SessionStore as DbSession
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieSession
from django.core.cache import caches
from django.db import DatabaseError
from django.db import models
from django.db import transaction
from django.http import HttpRequest
from django.utils.module_loading import import_string

from cookielab.conf import conf
from cookielab.core.inspector import mask_key
from cookielab.core.session_stores import session_store_class

DEMO_USERNAME = "cookielab-demo"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Put in a brand-new session so that there is a key to change at login.
STARTED_KEY = "cookielab_demo_started"


logger = logging.getLogger(__name__)


class DemoLoginError(Exception):
    """The demo cannot log anyone in; the message says why and what the host can do."""


class DemoAccountRefused(DemoLoginError):
    """An account with the demo's name exists and is not a throwaway one: never log into it."""


class DemoAccountNotCreated(DemoLoginError):
    """The demo account could not be made: the user model needs more than a username, or the factory failed."""


@dataclass(frozen=True)
class StoreCheck:
    place: str
    found: bool


@dataclass(frozen=True)
class KeyChange:
    action: str  # "login" or "logout"
    before: str
    after: str | None
    kept: tuple[str, ...]  # data that survived the change
    checks: tuple[StoreCheck, ...]  # where the old key was looked for after the change


def unavailable_reason() -> str | None:
    if not conf.enabled("DEMO_LOGIN"):
        return (
            "The demo login is off on this site: it creates an account and logs this browser into it, "
            "which a site should allow only on purpose. Set COOKIELAB_DEMO_LOGIN = True to turn it on "
            "(it is on by default only when DEBUG is)."
        )
    if not apps.is_installed("django.contrib.auth"):
        return "The demo login needs django.contrib.auth in INSTALLED_APPS."
    return None


def shown_key(key: str | None) -> str:
    """A session key as the page may show it: in full only when COOKIELAB_REVEAL_SESSION_KEYS is on."""
    if not key:
        return "(none)"
    return key if conf.enabled("REVEAL_SESSION_KEYS") else mask_key(key)


def required_fields(user_model: type[AbstractBaseUser]) -> list[str]:
    """Fields of ``user_model`` that a bare ``user_model(username=...)`` leaves empty and the database refuses."""
    return [
        field.name
        for field in user_model._meta.concrete_fields
        if not field.null
        and not field.has_default()
        and not field.empty_strings_allowed
        and not isinstance(field, models.AutoField)
        and field.name != cast(Any, user_model).USERNAME_FIELD
    ]


def _create_with_factory(path: str, user_model: type[AbstractBaseUser]) -> AbstractBaseUser:
    try:
        user = import_string(path)(DEMO_USERNAME)
    except Exception as error:  # the host's code: whatever it raises, the page explains instead of a 500
        logger.exception("COOKIELAB_DEMO_USER_FACTORY %s failed", path)
        raise DemoAccountNotCreated(
            f"COOKIELAB_DEMO_USER_FACTORY ({path}) did not create the demo account: {type(error).__name__}: {error}"
        ) from error
    if not isinstance(user, user_model) or user.pk is None or user.get_username() != DEMO_USERNAME:
        raise DemoAccountNotCreated(
            f"COOKIELAB_DEMO_USER_FACTORY ({path}) returned {user!r}, not a saved {user_model._meta.label} "
            f"named {DEMO_USERNAME!r}."
        )
    return user


def _create_bare(user_model: type[AbstractBaseUser], lookup: dict[str, str]) -> AbstractBaseUser:
    user = user_model(**lookup)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except DatabaseError as error:
        existing = user_model._default_manager.filter(**lookup).first()
        if existing is not None:  # created by a simultaneous request
            return existing
        missing = required_fields(user_model)
        needs = f"it requires {', '.join(missing)}, which" if missing else "saving it failed, and"
        raise DemoAccountNotCreated(
            f"The demo account could not be created in your user model {user_model._meta.label}: {needs} "
            "Cookie Lab cannot fill in. Set COOKIELAB_DEMO_USER_FACTORY to the dotted path of a function that "
            f"takes the username and returns a saved user with an unusable password. ({type(error).__name__}: {error})"
        ) from error
    return user


def demo_user() -> AbstractBaseUser:
    """The demo account, created on first use with an unusable password: nobody can log in as it with one.

    COOKIELAB_DEMO_USER_FACTORY, when set, creates it (for user models with required fields).
    """
    user_model = get_user_model()
    lookup = {user_model.USERNAME_FIELD: DEMO_USERNAME}
    user: AbstractBaseUser | None = user_model._default_manager.filter(**lookup).first()
    if user is None:
        factory = conf.DEMO_USER_FACTORY
        user = _create_with_factory(factory, user_model) if factory else _create_bare(user_model, lookup)
    if user.has_usable_password() or getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        raise DemoAccountRefused(
            f"An account named {DEMO_USERNAME!r} already exists with a password or staff rights; "
            "the demo will not log anyone into it."
        )
    return user


def _existing_key(session: SessionBase) -> str:
    """This browser's session key, saving a new session first so that there is one to show change."""
    session.keys()  # loading drops a key the store does not know (forged, expired, foreign)
    if session.session_key is None:
        session[STARTED_KEY] = True
        session.save()
    key = session.session_key
    assert key is not None  # loaded, or saved just above
    return key


def _backend() -> str:
    backends = settings.AUTHENTICATION_BACKENDS
    return MODEL_BACKEND if MODEL_BACKEND in backends else backends[0]


def log_in(request: HttpRequest) -> KeyChange:
    session = request.session
    before = _existing_key(session)
    data_before = set(session.keys())
    auth.login(request, cast(Any, demo_user()), backend=_backend())  # any user model, not only auth.User
    return KeyChange(
        action="login",
        before=before,
        after=session.session_key,
        kept=tuple(sorted(data_before & set(session.keys()))),
        checks=where_the_old_key_is(before),
    )


def log_out(request: HttpRequest) -> KeyChange:
    session = request.session
    before = _existing_key(session)
    auth.logout(request)
    return KeyChange(
        action="logout",
        before=before,
        after=session.session_key,
        kept=tuple(sorted(session.keys())),
        checks=where_the_old_key_is(before),
    )


def forget_demo_user(request: HttpRequest) -> bool:
    """Log the demo account out without ending the session (the lab's reset); True if it was logged in.

    Only the demo account: a real user of the host project who happens to read this lesson stays logged in.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.get_username() != DEMO_USERNAME:
        return False
    for key in (auth.SESSION_KEY, auth.BACKEND_SESSION_KEY, auth.HASH_SESSION_KEY):
        request.session.pop(key, None)
    request.user = AnonymousUser()
    return True


def where_the_old_key_is(old_key: str) -> tuple[StoreCheck, ...]:
    """Look for ``old_key`` in the session store in use, asking each layer directly."""
    engine = settings.SESSION_ENGINE
    store = session_store_class()
    checks = [StoreCheck(f"SessionStore().exists() of {engine}", bool(store().exists(old_key)))]
    if issubclass(store, DbSession):
        model = store.get_model_class()
        found = model.objects.filter(pk=old_key).exists()
        checks.append(StoreCheck(f"a row in the {model._meta.db_table} table", found))
    if issubclass(store, (CacheSession, CachedDbSession)):
        cache_key = store.cache_key_prefix + old_key
        found = caches[settings.SESSION_CACHE_ALIAS].has_key(cache_key)
        place = f"the cache entry {store.cache_key_prefix}… in cache {settings.SESSION_CACHE_ALIAS!r}"
        checks.append(StoreCheck(place, found))
    if issubclass(store, SignedCookieSession):
        # Nothing is stored: the "key" is the signed data, so the old cookie still decodes until it expires.
        checks.append(StoreCheck("the old cookie, signed, still accepted", bool(store(old_key).load())))
    return tuple(checks)
