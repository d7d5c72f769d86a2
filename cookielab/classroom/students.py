"""What classroom mode records about each anonymous student, and the cookie that tells students apart.

A student is a random id in a cookie of its own (``cookielab_student``: HttpOnly, SameSite=Lax, the
app's path, one day), given with the first page a browser loads. The server keeps only a SHA-256
digest of it. A row is created when the cookie comes back (a client that keeps no cookies is never
counted), at most ``COOKIELAB_CLASSROOM_MAX_STUDENTS`` of them; each student then has one answer row
per question and one completion row per lesson, updated in place. Nothing here ever fails a
student's request: a record that cannot be written is logged and skipped.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from datetime import datetime

from django.db import DatabaseError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils import timezone

from cookielab.conf import conf
from cookielab.core.paths import app_root_path
from cookielab.models import ClassroomAnswer
from cookielab.models import ClassroomCompletion
from cookielab.models import ClassroomStudent

logger = logging.getLogger(__name__)

COOKIE_AGE = 24 * 60 * 60  # a class, not a term: the next class starts from new ids
NICKNAME_MAX_LENGTH = 30
# last_seen is written at most this often per student and process: a page view is not a database write.
TOUCH_INTERVAL = 20.0
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22,64}")
_REQUEST_TOKEN = "_cookielab_student_token"

_touched: dict[str, float] = {}
_touched_lock = threading.Lock()
_MAX_TOUCHED = 5000


def enabled() -> bool:
    return bool(conf.CLASSROOM)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_of(request: HttpRequest) -> str | None:
    """The student id this browser sent (or was given during this request), if it has the right shape."""
    given: str | None = getattr(request, _REQUEST_TOKEN, None)
    if given:
        return given
    value = request.COOKIES.get(conf.STUDENT_COOKIE_NAME, "")
    return value if _TOKEN.fullmatch(value) else None


def give_cookie(request: HttpRequest, response: HttpResponse) -> str:
    """Give this browser a new student id, unless it has one: the id it now has."""
    token = token_of(request)
    if token is not None:
        return token
    token = secrets.token_urlsafe(16)
    setattr(request, _REQUEST_TOKEN, token)
    response.set_cookie(
        conf.STUDENT_COOKIE_NAME,
        token,
        max_age=COOKIE_AGE,
        path=app_root_path(),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return token


def _student(token: str, now: datetime, *, create: bool = True) -> ClassroomStudent | None:
    """The row of the student with this id; created unless the class is full (then None)."""
    key = digest(token)
    found = ClassroomStudent.objects.filter(key_digest=key).first()
    if found is not None or not create:
        return found
    if ClassroomStudent.objects.count() >= conf.CLASSROOM_MAX_STUDENTS:
        return None
    try:
        with transaction.atomic():
            return ClassroomStudent.objects.create(key_digest=key, joined=now, last_seen=now)
    except IntegrityError:  # the same student's other request created it first
        return ClassroomStudent.objects.filter(key_digest=key).first()


def _due(token: str) -> bool:
    """Whether this process should write the student's last_seen now (at most every TOUCH_INTERVAL s)."""
    now = time.monotonic()
    with _touched_lock:
        last = _touched.get(token)
        if last is not None and now - last < TOUCH_INTERVAL:
            return False
        if len(_touched) >= _MAX_TOUCHED:
            for old in [t for t, at in _touched.items() if now - at >= TOUCH_INTERVAL]:
                del _touched[old]
            if len(_touched) >= _MAX_TOUCHED:
                _touched.clear()
        _touched[token] = now
        return True


def touch(request: HttpRequest) -> None:
    """Note that this student is here (their row's last_seen), creating the row on their second request."""
    token = token_of(request)
    if token is None or not _due(token):
        return
    now = timezone.now()
    try:
        if not ClassroomStudent.objects.filter(key_digest=digest(token)).update(last_seen=now):
            _student(token, now)
    except DatabaseError:
        logger.warning("classroom: could not record a student's visit", exc_info=True)


def record_answer(
    request: HttpRequest,
    response: HttpResponse,
    *,
    lesson_slug: str,
    question: int,
    choice: int,
    correct: bool,
    lesson_complete: bool,
) -> None:
    """Record a quiz answer for this student (the course's quiz calls it); a no-op outside classroom mode.

    One row per (student, lesson, question): the first answer stays in ``first_choice``, the latest in
    ``choice`` and ``correct``. ``lesson_complete`` (every question of the lesson right, as the progress
    cookie says) adds the lesson to what the student finished.
    """
    if not enabled():
        return
    token = give_cookie(request, response)
    now = timezone.now()
    try:
        with transaction.atomic():
            student = _student(token, now)
            if student is None:
                return
            ClassroomStudent.objects.filter(pk=student.pk).update(last_seen=now)
            answers = ClassroomAnswer.objects.filter(student=student, lesson_slug=lesson_slug, question=question)
            change = {"choice": choice, "correct": correct, "answered_at": now}
            if not answers.update(tries=F("tries") + 1, **change):
                try:
                    with transaction.atomic():
                        ClassroomAnswer.objects.create(
                            student=student, lesson_slug=lesson_slug, question=question, first_choice=choice, **change
                        )
                except IntegrityError:  # a second submit of the same form raced this one
                    answers.update(tries=F("tries") + 1, **change)
            if lesson_complete:
                ClassroomCompletion.objects.get_or_create(
                    student=student, lesson_slug=lesson_slug, defaults={"completed_at": now}
                )
    except DatabaseError:
        logger.warning("classroom: could not record an answer", exc_info=True)


def current(request: HttpRequest) -> ClassroomStudent | None:
    """This browser's student row, if classroom mode is on and it has one."""
    token = token_of(request)
    if not enabled() or token is None:
        return None
    try:
        return _student(token, timezone.now(), create=False)
    except DatabaseError:
        return None


def clean_nickname(raw: str) -> str:
    """A nickname as shown: printable characters only, spaces collapsed, at most NICKNAME_MAX_LENGTH."""
    printable = "".join(char if char.isprintable() else " " for char in raw)
    return " ".join(printable.split())[:NICKNAME_MAX_LENGTH]


def set_nickname(request: HttpRequest, response: HttpResponse, nickname: str) -> bool:
    """Give this student a nickname ("" takes it away); False when the class is full or the store fails."""
    token = give_cookie(request, response)
    now = timezone.now()
    try:
        student = _student(token, now)
        if student is None:
            return False
        ClassroomStudent.objects.filter(pk=student.pk).update(nickname=clean_nickname(nickname), last_seen=now)
    except DatabaseError:
        logger.warning("classroom: could not save a nickname", exc_info=True)
        return False
    return True


def end_class() -> int:
    """Delete every classroom record (students, their answers and completions); how many students went.

    Nothing else is touched: not the sessions, not any cookie. A student who comes back is counted anew.
    """
    with transaction.atomic():
        count = ClassroomStudent.objects.count()
        ClassroomCompletion.objects.all().delete()
        ClassroomAnswer.objects.all().delete()
        ClassroomStudent.objects.all().delete()
    with _touched_lock:
        _touched.clear()
    return count
