"""Who may see the class: the holder of this run's teacher key, and the cookie that keeps them in.

The key (``COOKIELAB_TEACHER_KEY``) is made afresh for each run by ``manage.py classroom`` and
arrives once, in the teacher link's ``?key=``. Checked (in constant time), it is swapped for a cookie
(``cookielab_teacher``): signed, HttpOnly, SameSite=Strict, limited to the dashboard's path and 12
hours. The cookie carries a digest of the key, not the key, so a new run (a new key) shuts every
old cookie out. Without a key, or outside classroom mode, nobody is a teacher.
"""

from __future__ import annotations

import hashlib
import hmac

from django.core import signing
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import reverse

from cookielab.conf import conf

SALT = "cookielab.classroom.teacher"
COOKIE_AGE = 12 * 60 * 60
MIN_KEY_LENGTH = 16
_MAX_COOKIE_CHARS = 200


def teacher_key() -> str | None:
    """This run's key, or None when there is no dashboard (classroom mode off, or no usable key)."""
    key = conf.TEACHER_KEY
    if not conf.CLASSROOM or not isinstance(key, str) or len(key) < MIN_KEY_LENGTH:
        return None
    return key


def key_matches(given: str | None) -> bool:
    key = teacher_key()
    if key is None or not given or len(given) > 4 * len(key):
        return False
    return hmac.compare_digest(given.encode(), key.encode())


def _fingerprint(key: str) -> str:
    return hashlib.sha256(f"cookielab teacher {key}".encode()).hexdigest()


def cookie_path() -> str:
    return reverse("cookielab:classroom-teacher")


def admit(request: HttpRequest, response: HttpResponse) -> None:
    """Keep the teacher in: the signed cookie that the dashboard, its data and its button check."""
    key = teacher_key()
    if key is None:
        return
    response.set_cookie(
        conf.TEACHER_COOKIE_NAME,
        signing.dumps(_fingerprint(key), salt=SALT),
        max_age=COOKIE_AGE,
        path=cookie_path(),
        httponly=True,
        samesite="Strict",
        secure=request.is_secure(),
    )


def is_teacher(request: HttpRequest) -> bool:
    key = teacher_key()
    raw = request.COOKIES.get(conf.TEACHER_COOKIE_NAME, "")
    if key is None or not raw or len(raw) > _MAX_COOKIE_CHARS:
        return False
    try:
        carried = signing.loads(raw, salt=SALT, max_age=COOKIE_AGE)
    except signing.BadSignature:
        return False
    return isinstance(carried, str) and hmac.compare_digest(carried.encode(), _fingerprint(key).encode())
