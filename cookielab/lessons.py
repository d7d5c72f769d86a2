"""The lesson registry: every lesson, in teaching order, as plain data.

Each lesson has its own page (``url_name`` in the ``cookielab`` namespace), a template under
``cookielab/lessons/<slug>.html`` and a "Check your understanding" question. ``topic`` names the
part of the source lecture the lesson covers, so the tests can prove the lecture is fully covered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

# The topics of the source lecture ("Node - Express sessions and cookies"), in its order.
LECTURE_TOPICS: tuple[str, ...] = (
    "Browser storage",
    "HTTP is stateless",
    "Cookies",
    "How cookies are sent",
    "Myths about cookies",
    "How long does a cookie exist",
    "Where are the cookies on my computer",
    "Cookies in JavaScript",
    "cookie-parser",
    "Setting a cookie",
    "Getting a cookie",
    "What is a session",
    "How a session works",
    "Session timeout",
    "Browsers without cookies",
    "Sessions in Express",
    "Set and use a session",
    "Session options",
)


@dataclass(frozen=True)
class Quiz:
    question: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    explanation: str

    @property
    def answer_text(self) -> str:
        return self.choices[self.answer]


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    summary: str
    part: str
    topics: tuple[str, ...]
    quiz: Quiz
    url_name: str = "lesson"

    @property
    def template(self) -> str:
        return f"cookielab/lessons/{self.slug}.html"

    def get_absolute_url(self) -> str:
        if self.url_name == "lesson":
            return reverse("cookielab:lesson", args=[self.slug])
        return reverse(f"cookielab:{self.url_name}")


HTTP_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="http-is-stateless",
        title="HTTP is stateless",
        summary="Each request arrives alone: the server has no memory of the one before.",
        part="Cookies",
        topics=("HTTP is stateless", "Cookies"),
        url_name="http-is-stateless",
        quiz=Quiz(
            question="You told the server your name, then followed a plain link. Why did it not greet you?",
            choices=(
                "The server deleted your name after a timeout.",
                "Nothing in the second request said who you are, and HTTP keeps no memory between requests.",
                "Browsers strip names from links for privacy.",
            ),
            answer=1,
            explanation=(
                "Every HTTP request stands alone. Unless the request itself carries something that "
                "identifies you (a cookie, a header, a URL parameter), the server cannot connect it "
                "to any earlier request."
            ),
        ),
    ),
)


# Each group of lessons is defined in its own block above; ORDER is the teaching order.
# ---- Cookie lessons -------------------------------------------------------------------------

# ---- Cookie workbench, JavaScript, signed cookies, limits ------------------------------------

# ---- httpbin-compatible API lesson ------------------------------------------------------------

# ---- Session lessons: inspector, options, backends, timeout -----------------------------------

# ---- Session lessons: counter, login, cart, races, no cookies ---------------------------------

# ---- Browser storage lab ----------------------------------------------------------------------

# ---- Security lessons -------------------------------------------------------------------------

SECURITY_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="cookie-flags",
        title="HttpOnly, Secure and SameSite",
        summary="Three attributes decide who may read a cookie and which requests carry it.",
        part="Security",
        topics=("Cookies", "How cookies are sent", "Cookies in JavaScript", "Session options"),
        url_name="cookie-flags",
        quiz=Quiz(
            question="Another site links to this one and the student clicks the link. Which cookies travel?",
            choices=(
                "Only SameSite=None cookies.",
                "SameSite=Lax and SameSite=None cookies, but not SameSite=Strict ones.",
                "All of them: a click is a user action.",
                "None: cross-site requests never carry cookies.",
            ),
            answer=1,
            explanation=(
                "A top-level GET navigation from another site carries Lax and None cookies. Strict ones stay "
                "home until a request starts on the same site; a cross-site POST or image carries only None."
            ),
        ),
    ),
    Lesson(
        slug="csrf",
        title="Cross-site request forgery",
        summary="Why a form on another site could act as you, and the token that stops it.",
        part="Security",
        topics=("How cookies are sent", "Setting a cookie"),
        url_name="csrf",
        quiz=Quiz(
            question="Why does a CSRF token stop a forged form when the session cookie alone does not?",
            choices=(
                "The token is encrypted with the session cookie.",
                "The attacker's page cannot read the token from this site's pages, so it cannot put it in the form.",
                "Browsers refuse to send forms to other sites.",
            ),
            answer=1,
            explanation=(
                "The browser attaches cookies to a forged request by itself, but the token must be copied into "
                "the form by a page that can read this site's HTML, and the same-origin policy keeps other "
                "sites from reading it."
            ),
        ),
    ),
    Lesson(
        slug="session-attacks",
        title="Fixation, hijacking and replay",
        summary="What someone holding your session id can do, and what the server does about it.",
        part="Security",
        topics=("What is a session", "How a session works", "Session timeout"),
        url_name="session-attacks",
        quiz=Quiz(
            question="A site keeps sessions in signed cookies. You log out. What can someone who copied the cookie do?",
            choices=(
                "Nothing: logging out deleted the session on the server.",
                "Use it until it expires: the server keeps no record it could delete.",
                "Only read it: the signature stops it being sent again.",
            ),
            answer=1,
            explanation=(
                "A signed cookie carries the whole session; the server only checks the signature and age. "
                "Logging out clears your browser's copy, and a copy elsewhere still verifies until it expires."
            ),
        ),
    ),
)

# ----------------------------------------------------------------------------------------------

ORDER: tuple[str, ...] = (
    # Cookies
    "http-is-stateless",
    "how-cookies-are-sent",
    "myths-and-facts",
    "setting-cookies",
    "reading-cookies",
    "expiring-cookies",
    "session-vs-persistent",
    "where-cookies-live",
    "cookies-in-javascript",
    "signed-cookies",
    "cookie-limits",
    "cookie-use-cases",
    "httpbin-api",
    # Sessions
    "what-is-a-session",
    "counter",
    "session-options",
    "session-backends",
    "session-timeout",
    "logging-in",
    "cart-and-preferences",
    "races",
    "without-cookies",
    # Browser storage
    "storage-lab",
    # Security
    "cookie-flags",
    "csrf",
    "session-attacks",
)

GROUPS: tuple[tuple[Lesson, ...], ...] = (HTTP_LESSONS, SECURITY_LESSONS)

_DEFINED = {lesson.slug: lesson for group in GROUPS for lesson in group}
LESSONS: tuple[Lesson, ...] = tuple(_DEFINED[slug] for slug in ORDER if slug in _DEFINED)

_BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}


def get_lesson(slug: str) -> Lesson | None:
    return _BY_SLUG.get(slug)


def neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    """The lessons before and after ``lesson`` in teaching order."""
    index = LESSONS.index(lesson)
    before = LESSONS[index - 1] if index > 0 else None
    after = LESSONS[index + 1] if index + 1 < len(LESSONS) else None
    return before, after


def parts() -> list[tuple[str, list[Lesson]]]:
    """Lessons grouped by part, parts in the order their first lesson appears."""
    grouped: dict[str, list[Lesson]] = {}
    for lesson in LESSONS:
        grouped.setdefault(lesson.part, []).append(lesson)
    return list(grouped.items())
