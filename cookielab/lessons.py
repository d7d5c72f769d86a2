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
SESSION_STORE_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="what-is-a-session",
        title="What is a session",
        summary="Like a coat-check: the browser keeps a ticket (the session id), the server keeps the coat (the data).",
        part="Sessions",
        topics=("What is a session", "How a session works"),
        url_name="what-is-a-session",
        quiz=Quiz(
            question="Your browser's sessionid cookie was copied to another computer. What can that computer do?",
            choices=(
                "Nothing: the session data never leaves the server, so the id alone is useless.",
                "Read the session data directly out of the cookie.",
                "Present the same ticket: the server hands it the same session, as if it were you.",
                "Only log out, because ids are tied to the IP address that created them.",
            ),
            answer=2,
            explanation=(
                "The id is the only thing that links a request to its session. Django does not tie it to an IP "
                "address or a browser, so whoever presents the ticket gets the coat: that is why session cookies "
                "are HttpOnly, should be Secure, and are replaced at login."
            ),
        ),
    ),
    Lesson(
        slug="session-options",
        title="Session options, Express and Django",
        summary="express-session's secret, resave, saveUninitialized and cookie options, as live Django settings.",
        part="Sessions",
        topics=("Session options", "Sessions in Express"),
        url_name="session-options",
        quiz=Quiz(
            question="With Django's defaults, a logged-in user only reads pages for two weeks. What happens?",
            choices=(
                "Every read extends the session, so it never expires.",
                "The session expires two weeks after it was last saved: reading does not move the expiry.",
                "Django saves the session on every request because saveUninitialized is true.",
            ),
            answer=1,
            explanation=(
                "SESSION_SAVE_EVERY_REQUEST is off by default, so only a request that changes the session saves "
                "it, and the expiry counts from that save. Turn the setting on (like express-session's rolling) to "
                "make every request extend the session."
            ),
        ),
    ),
    Lesson(
        slug="session-backends",
        title="Where sessions are stored",
        summary="The database, Redis, files or the cookie itself: the same session through each engine, timed.",
        part="Sessions",
        topics=("How a session works", "Sessions in Express"),
        url_name="session-backends",
        quiz=Quiz(
            question="Which engine cannot end a session on the server, so a copied cookie keeps working after logout?",
            choices=("db", "cache", "file", "signed_cookies"),
            answer=3,
            explanation=(
                "signed_cookies keeps the data in the cookie itself; the server stores nothing it could delete. "
                "A copy of the cookie stays valid until its signature is older than SESSION_COOKIE_AGE."
            ),
        ),
    ),
    Lesson(
        slug="session-timeout",
        title="Session timeout",
        summary="Short lifetimes, idle versus absolute timeouts, and who cleans up the sessions nobody ended.",
        part="Sessions",
        topics=("Session timeout",),
        url_name="session-timeout",
        quiz=Quiz(
            question="Expired sessions keep piling up in django_session. Why?",
            choices=(
                "Django deletes them only when the same browser comes back.",
                "Nothing deletes them until someone runs clearsessions (or its equivalent) on a schedule.",
                "The database deletes rows whose expire_date has passed.",
            ),
            answer=1,
            explanation=(
                "An expired row is ignored, but Django never removes it by itself: run manage.py clearsessions "
                "from cron or a scheduler. Redis is different: a session key with a TTL disappears on its own."
            ),
        ),
    ),
)

# ---- Session lessons: counter, login, cart, races, no cookies ---------------------------------

# ---- Browser storage lab ----------------------------------------------------------------------

# ---- Security lessons -------------------------------------------------------------------------

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

GROUPS: tuple[tuple[Lesson, ...], ...] = (HTTP_LESSONS, SESSION_STORE_LESSONS)

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
