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

WORKBENCH_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="setting-cookies",
        title="Setting cookies",
        summary="The server sends Set-Cookie; build any cookie yourself and see whether your browser keeps it.",
        part="Cookies",
        topics=("Setting a cookie", "Cookies", "How cookies are sent"),
        url_name="setting-cookies",
        quiz=Quiz(
            question="The server answers with Set-Cookie: theme=dark; Path=/; Max-Age=900. What happens next?",
            choices=(
                "The browser stores it and sends Cookie: theme=dark with its requests to this site for 15 minutes.",
                "The browser sends the cookie back at once, in a second request.",
                "The server keeps theme=dark and looks it up on every request.",
                "The browser sends Path=/ and Max-Age=900 back with every request too.",
            ),
            answer=0,
            explanation=(
                "Set-Cookie asks the browser to store a name and value; the attributes only tell it for how long "
                "and for which requests. On later requests the browser sends just name=value in the Cookie header, "
                "never the attributes."
            ),
        ),
    ),
    Lesson(
        slug="cookies-in-javascript",
        title="Cookies in JavaScript",
        summary="document.cookie and cookieStore read and write cookies, except the HttpOnly ones.",
        part="Cookies",
        topics=("Cookies in JavaScript",),
        url_name="cookies-in-javascript",
        quiz=Quiz(
            question="How does JavaScript remove a cookie?",
            choices=(
                "document.cookie.delete(name)",
                "It writes the same name, path and domain again with an expiry in the past (or max-age=0).",
                "It cannot: only the server can remove cookies.",
            ),
            answer=1,
            explanation=(
                "There is no delete operation in the cookie model. Writing the cookie again with an expiry in the "
                "past makes the browser throw it away, and that works for any cookie JavaScript may write — "
                "HttpOnly cookies excepted."
            ),
        ),
    ),
    Lesson(
        slug="signed-cookies",
        title="Signed cookies",
        summary="A signature lets the server notice a cookie the client has changed; it does not hide the value.",
        part="Cookies",
        topics=("cookie-parser", "Setting a cookie"),
        url_name="signed-cookies",
        quiz=Quiz(
            question=(
                "A user edits the value part of a cookie set with set_signed_cookie. What does get_signed_cookie do?"
            ),
            choices=(
                "Returns the edited value: signing only encrypts it.",
                "Raises BadSignature (or returns the default you gave), because the signature no longer matches.",
                "Recomputes the signature and accepts the new value.",
            ),
            answer=1,
            explanation=(
                "The signature is an HMAC of the value (and timestamp) with the SECRET_KEY. Without the key nobody "
                "can make a matching signature for a new value, so Django refuses it. The value itself stays "
                "readable by anyone: signing is not encryption."
            ),
        ),
    ),
    Lesson(
        slug="cookie-limits",
        title="Cookie limits",
        summary="Browsers silently drop cookies that break the rules; Django sends them anyway.",
        part="Cookies",
        topics=("Cookies",),
        url_name="cookie-limits",
        quiz=Quiz(
            question="A server sends a cookie whose name and value add up to 5,000 bytes. What does the browser do?",
            choices=(
                "Keeps the first 4,096 bytes.",
                "Ignores the whole cookie, without telling the server.",
                "Splits it into two cookies.",
                "Returns 400 Bad Request to the server.",
            ),
            answer=1,
            explanation=(
                "Over 4,096 bytes of name plus value, the browser drops the whole cookie. The server is not told; "
                "it only notices that the cookie never comes back."
            ),
        ),
    ),
)

# ---- httpbin-compatible API lesson ------------------------------------------------------------

# ---- Session lessons: inspector, options, backends, timeout -----------------------------------

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

GROUPS: tuple[tuple[Lesson, ...], ...] = (HTTP_LESSONS, WORKBENCH_LESSONS)

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
