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
SESSION_FLOW_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="counter",
        title="The page-view counter",
        summary="The lecture's counter in Django: one number in the session, one cookie that carries its key.",
        part="Sessions",
        topics=("Set and use a session", "Sessions in Express"),
        url_name="counter",
        quiz=Quiz(
            question="After ten visits the counter says 10. What does the sessionid cookie in your browser contain?",
            choices=(
                "The number 10, signed so that you cannot change it.",
                "A random key; the number 10 is kept on the server, filed under that key.",
                "Your IP address, which the server uses to look the number up.",
                "Nothing: the browser counts the visits itself.",
            ),
            answer=1,
            explanation=(
                "With Django's default (db) engine the cookie holds only the session key. The data, "
                "page_views included, lives in the server's store and is found again by that key on "
                "every request. (Only the signed_cookies engine puts the data itself in the cookie.)"
            ),
        ),
    ),
    Lesson(
        slug="logging-in",
        title="Logging in and out",
        summary="Login gives the session a new key and keeps its data; logout deletes it from the store.",
        part="Sessions",
        topics=("What is a session",),
        url_name="logging-in",
        quiz=Quiz(
            question="Why does Django give the session a new key when you log in?",
            choices=(
                "To make the cookie shorter.",
                "So that a key someone planted in your browser before login is useless afterwards (session fixation).",
                "Because the old session's data has to be thrown away at login.",
            ),
            answer=1,
            explanation=(
                "login() calls cycle_key(): the data moves to a fresh key and the old key is deleted. An "
                "attacker who got you to use a key they know gains nothing, because that key stops "
                "working at the moment it would have become valuable."
            ),
        ),
    ),
    Lesson(
        slug="cart-and-preferences",
        title="A cart and preferences in the session",
        summary="Keep a shopping cart and display choices on the server, with only a key in the cookie.",
        part="Sessions",
        topics=("Set and use a session",),
        url_name="cart-and-preferences",
        quiz=Quiz(
            question="Why keep the cart in the session rather than in a cookie of its own?",
            choices=(
                "Cookies cannot hold numbers.",
                "The data stays on the server: it is not sent with every request, has no 4 KB ceiling, "
                "and the browser cannot edit it.",
                "Sessions never expire, cookies do.",
            ),
            answer=1,
            explanation=(
                "A cookie travels with every request, is limited to about 4 KB and can be read and changed "
                "by its owner. A session sends only its key; the data stays where the browser cannot touch it."
            ),
        ),
    ),
    Lesson(
        slug="races",
        title="Fifty requests at once",
        summary="Fire simultaneous requests at the counter and watch the lecture's version lose views.",
        part="Sessions",
        topics=("Set and use a session",),
        url_name="races",
        quiz=Quiz(
            question="Fifty requests with the same cookie hit the lecture's counter at once and it goes up by 9. Why?",
            choices=(
                "The browser sent only 9 of the requests.",
                "Requests overlapped: each read the old number, added one and saved the whole session, "
                "so later saves overwrote earlier ones.",
                "Django refuses more than 10 requests per second from one session.",
            ),
            answer=1,
            explanation=(
                "A session is loaded at the start of a request and saved whole at the end; the last save "
                "wins. Increments made in between by other requests are lost. An atomic increment in the "
                "store (Redis INCR, UPDATE … SET views = views + 1) does not read-then-write, so it loses nothing."
            ),
        ),
    ),
    Lesson(
        slug="without-cookies",
        title="Browsers without cookies",
        summary="Test whether cookies work, and see why a session id in the URL leaks.",
        part="Sessions",
        topics=("Browsers without cookies",),
        url_name="without-cookies",
        quiz=Quiz(
            question="Why can't the server tell on the first response whether your browser accepts cookies?",
            choices=(
                "Browsers hide their settings from servers.",
                "A cookie only proves it was kept when it comes back, so the check needs a second request.",
                "The Set-Cookie header is only sent over HTTPS.",
            ),
            answer=1,
            explanation=(
                "Sending Set-Cookie tells the server nothing about what the browser did with it. Only the "
                "next request, carrying (or not carrying) the cookie, answers the question: that is why "
                "set_test_cookie() and test_cookie_worked() must run on different requests."
            ),
        ),
    ),
)

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

GROUPS: tuple[tuple[Lesson, ...], ...] = (HTTP_LESSONS, SESSION_FLOW_LESSONS)

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
