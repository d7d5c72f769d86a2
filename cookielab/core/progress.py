"""A student's progress through the course, kept in a signed cookie of its own — not in the session.

Several lessons end the session on purpose (collecting the coat on what-is-a-session, logging out,
a session given a short lifetime). Progress kept in the session would go with it, silently; in a
cookie of its own it survives every one of those demos, which is itself a lesson: what a cookie
holds and what a session holds end in different ways.

The value is readable text, signed so that the student can look but not award themselves lessons::

    1|http-is-stateless.2~setting-cookies.212|setting-cookies.c~logging-in.el:<signature>

- ``slug.states``: one digit per question of the lesson: 0 not tried, 1 tried but not yet right,
  2 answered right. A lesson is complete when all its questions are 2.
- ``slug.marks``: what the student did in that lesson's demo, one letter each (``MARKS``): the
  server set cookies (c), something was stored in the session (s), a session was ended (e)…
  A mark is written once, the first time: later demos send no new progress cookie.

Its size is bounded by construction (at most ``MAX_LESSONS`` lessons of ``MAX_QUESTIONS`` questions
and ``len(MARKS)`` marks each, slugs of at most ``MAX_SLUG_LENGTH`` characters), below the 4,096
bytes a browser keeps. A forged, truncated or malformed cookie counts as no progress at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field

from django.core import signing
from django.http import HttpRequest
from django.http import HttpResponse

from cookielab.conf import conf
from cookielab.core.cookies import MAX_AGE_LIMIT
from cookielab.core.paths import app_root_path

SALT = "cookielab.progress"
FORMAT = "1"
MAX_AGE = MAX_AGE_LIMIT  # 400 days, the longest any browser keeps a cookie

NOT_TRIED, TRIED, RIGHT = 0, 1, 2

# What a lesson's demo can mark: one letter each, in this order.
COOKIES_SET = "c"
SESSION_WRITE = "s"
SESSION_ENDED = "e"
LOGIN = "l"
TAMPERED = "t"
ATTACK = "a"
MARKS = COOKIES_SET + SESSION_WRITE + SESSION_ENDED + LOGIN + TAMPERED + ATTACK

MAX_LESSONS = 40
MAX_QUESTIONS = 5
MAX_SLUG_LENGTH = 32
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STATES = re.compile(rf"[012]{{1,{MAX_QUESTIONS}}}")
_MARKS = re.compile(rf"[{MARKS}]{{1,{len(MARKS)}}}")
# The longest value the rules above allow, signature included: what "bounded" means in bytes.
MAX_VALUE_BYTES = (
    len(FORMAT)
    + 2
    + MAX_LESSONS * (MAX_SLUG_LENGTH + 1 + MAX_QUESTIONS + 1)
    + MAX_LESSONS * (MAX_SLUG_LENGTH + 1 + len(MARKS) + 1)
    + 1
    + 43  # the signature: base64 of a SHA-256 HMAC
)

_REQUEST_ATTRIBUTE = "_cookielab_progress"


def _valid_slug(slug: str) -> bool:
    return len(slug) <= MAX_SLUG_LENGTH and _SLUG.fullmatch(slug) is not None


@dataclass
class Progress:
    """What the cookie says: the state of every question tried, and what each lesson's demo marked."""

    answers: dict[str, str] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)

    def question_state(self, slug: str, index: int) -> int:
        states = self.answers.get(slug, "")
        return int(states[index]) if index < len(states) else NOT_TRIED

    def is_complete(self, slug: str, question_count: int) -> bool:
        return all(self.question_state(slug, index) == RIGHT for index in range(question_count))

    def right_count(self, slug: str) -> int:
        return self.answers.get(slug, "").count(str(RIGHT))

    def record_answer(self, slug: str, index: int, question_count: int, *, correct: bool) -> None:
        """Note an answer to question ``index``: a right answer stays right, whatever follows it."""
        if not _valid_slug(slug) or not 0 <= index < question_count <= MAX_QUESTIONS:
            raise ValueError(f"no question {index} of {question_count} in a lesson {slug!r}")
        if slug not in self.answers and len(self.answers) >= MAX_LESSONS:
            return  # full: a course of more lessons than this needs a new format
        states = [self.question_state(slug, i) for i in range(question_count)]
        states[index] = RIGHT if correct or states[index] == RIGHT else TRIED
        self.answers[slug] = "".join(map(str, states))

    def has_mark(self, slug: str, mark: str) -> bool:
        return mark in self.marks.get(slug, "")

    def add_mark(self, slug: str, mark: str) -> bool:
        """Mark that the student did ``mark`` in the lesson ``slug``; False when it was marked already."""
        if not _valid_slug(slug) or len(mark) != 1 or mark not in MARKS:
            raise ValueError(f"cannot mark {mark!r} for a lesson {slug!r}")
        if self.has_mark(slug, mark) or (slug not in self.marks and len(self.marks) >= MAX_LESSONS):
            return False
        self.marks[slug] = "".join(letter for letter in MARKS if letter in self.marks.get(slug, "") + mark)
        return True

    def keep_only(self, slugs: set[str]) -> None:
        """Forget lessons the course no longer has (a renamed or removed lesson)."""
        self.answers = {slug: states for slug, states in self.answers.items() if slug in slugs}
        self.marks = {slug: marks for slug, marks in self.marks.items() if slug in slugs}

    def is_empty(self) -> bool:
        return not self.answers and not self.marks

    def encode(self) -> str:
        answers = "~".join(f"{slug}.{states}" for slug, states in sorted(self.answers.items()))
        marks = "~".join(f"{slug}.{letters}" for slug, letters in sorted(self.marks.items()))
        return f"{FORMAT}|{answers}|{marks}"

    @classmethod
    def decode(cls, text: str) -> Progress | None:
        """The progress ``text`` describes, or None when it breaks any rule (then it counts as none)."""
        version, _, rest = text.partition("|")
        answers_text, separator, marks_text = rest.partition("|")
        if version != FORMAT or not separator:
            return None
        progress = cls()
        for section, pattern, target in (
            (answers_text, _STATES, progress.answers),
            (marks_text, _MARKS, progress.marks),
        ):
            for item in filter(None, section.split("~")):
                slug, _, value = item.partition(".")
                if not _valid_slug(slug) or not pattern.fullmatch(value):
                    return None
                target[slug] = value
        if len(progress.answers) > MAX_LESSONS or len(progress.marks) > MAX_LESSONS:
            return None
        return progress


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def signed_value(progress: Progress) -> str:
    return _signer().sign(progress.encode())


def from_cookie(raw: str | None) -> Progress:
    """The progress a cookie value carries; an unsigned, forged or malformed value is no progress."""
    if not raw or len(raw) > MAX_VALUE_BYTES:
        return Progress()
    try:
        text = _signer().unsign(raw)
    except signing.BadSignature:
        return Progress()
    return Progress.decode(text) or Progress()


def read(request: HttpRequest) -> Progress:
    """This browser's progress; changes made during the request (``save``) are seen by later reads."""
    cached: Progress | None = getattr(request, _REQUEST_ATTRIBUTE, None)
    if cached is None:
        cached = from_cookie(request.COOKIES.get(conf.PROGRESS_COOKIE_NAME))
        setattr(request, _REQUEST_ATTRIBUTE, cached)
    return cached


def save(request: HttpRequest, response: HttpResponse, progress: Progress) -> None:
    """Send the progress cookie: the app's path, HttpOnly, SameSite=Lax, kept for 400 days."""
    setattr(request, _REQUEST_ATTRIBUTE, progress)
    if progress.is_empty():
        forget(request, response)
        return
    response.set_cookie(
        conf.PROGRESS_COOKIE_NAME,
        signed_value(progress),
        max_age=MAX_AGE,
        path=app_root_path(),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def mark(request: HttpRequest, response: HttpResponse, slug: str, what: str) -> None:
    """Mark what the student did in a lesson's demo; the cookie is sent only when the mark is new."""
    progress = read(request)
    if progress.add_mark(slug, what):
        save(request, response, progress)


def forget(request: HttpRequest, response: HttpResponse) -> None:
    """Expire the progress cookie: the student starts over."""
    setattr(request, _REQUEST_ATTRIBUTE, Progress())
    response.delete_cookie(conf.PROGRESS_COOKIE_NAME, path=app_root_path(), samesite="Lax")
