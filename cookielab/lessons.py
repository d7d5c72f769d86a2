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
STORAGE_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="storage-lab",
        title="Browser storage lab",
        summary="Measure cookies, Web Storage, IndexedDB and the Cache API in your own browser.",
        part="Browser storage",
        topics=("Browser storage",),
        url_name="storage-lab",
        quiz=Quiz(
            question="A page writes the same marker into every store, then fetches its server. Which marker arrives?",
            choices=(
                "All of them: the browser sends its storage with every request.",
                "Only the cookie: it travels in the Cookie header; the other stores stay in the browser.",
                "The cookie and localStorage, because both are synchronous.",
                "None: nothing stored in a browser ever reaches the server.",
            ),
            answer=1,
            explanation=(
                "Only cookies are attached to requests by the browser. localStorage, sessionStorage, "
                "IndexedDB and the Cache API reach the server only if your own code reads them and sends "
                "the data, for example in a fetch() body or header."
            ),
        ),
    ),
)


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

GROUPS: tuple[tuple[Lesson, ...], ...] = (HTTP_LESSONS, STORAGE_LESSONS)

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
