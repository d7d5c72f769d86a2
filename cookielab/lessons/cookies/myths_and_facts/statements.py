"""The statements of myths-and-facts, their answers, and how a set of answers is marked."""

from __future__ import annotations

from dataclasses import dataclass

# The registry is still loading this module when this runs: read its attributes only when a page is rendered.
from cookielab import lessons
from cookielab.lessons.base import Lesson

MYTH, FACT = "myth", "fact"


@dataclass(frozen=True)
class Statement:
    key: str
    text: str
    answer: str
    explanation: str
    proven_by: tuple[str, ...]
    lecture_note: str = ""

    def proofs(self) -> list[Lesson]:
        """The lessons that demonstrate this statement (a test checks that each slug names one)."""
        by_slug = {lesson.slug: lesson for lesson in lessons.LESSONS}
        return [by_slug[slug] for slug in self.proven_by]


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "worms",
        "Cookies are like worms or viruses: they can erase data from your disk.",
        MYTH,
        "A cookie is a name and a value the browser stores and sends back. The browser never runs it, "
        "so it cannot do anything on your computer.",
        ("how-cookies-are-sent", "reading-cookies"),
    ),
    Statement(
        "data",
        "Cookies are data, not program code.",
        FACT,
        "Every cookie is text: a name, a value and a few attributes. You can read every byte of the ones "
        "this site sets in the Cookie header beside each demo.",
        ("reading-cookies", "cookies-in-javascript"),
    ),
    Statement(
        "spyware",
        "A cookie can read your files and send your personal information to a website.",
        MYTH,
        "A cookie only holds what the site itself put in it, and goes back only to the host (and path) "
        "it belongs to. It cannot read files or anything else on your computer.",
        ("where-cookies-live", "cookie-use-cases"),
    ),
    Statement(
        "track",
        "Cookies can be used to follow what you do on a site, and across sites.",
        FACT,
        "A random id in a cookie is enough to link all your requests together. Third-party cookies from an "
        "embedded tracker did the same across every site that embedded it; browsers now restrict them.",
        ("cookie-use-cases", "what-is-a-session"),
    ),
    Statement(
        "popups",
        "Cookies make pop-ups and spam appear.",
        MYTH,
        "Pop-ups come from scripts on pages. A cookie cannot open a window or send an email; it is inert data.",
        ("cookies-in-javascript",),
    ),
    Statement(
        "anonymous",
        "Cookies are anonymous, so they are no privacy concern.",
        MYTH,
        "The lecture calls cookies “usually anonymous”. That is weak: a cookie rarely holds your name, but an "
        "id that recognises your browser on every visit is an online identifier, and the GDPR counts it as "
        "personal data. The consent banners come from another law: the ePrivacy Directive (2002/58/EC, "
        "Art. 5(3)) requires consent before a site stores or reads anything on your device that it does not "
        "strictly need, personal data or not; the GDPR supplies the definition of valid consent.",
        ("cookie-use-cases", "what-is-a-session"),
        lecture_note="The lecture lists “usually anonymous” among the facts.",
    ),
    Statement(
        "advertising",
        "Cookies are used only for advertising.",
        MYTH,
        "Most cookies keep you logged in, hold a session id, protect forms against CSRF or remember a "
        "preference. This site's own csrftoken and sessionid cookies are examples.",
        ("cookie-use-cases", "what-is-a-session", "csrf"),
    ),
    Statement(
        "no-read",
        "A cookie cannot read or erase information on your computer.",
        FACT,
        "The browser stores cookies in its own profile database and sends them back in a header. Nothing "
        "in a cookie gives a site access to the rest of your disk.",
        ("where-cookies-live",),
    ),
    Statement(
        "forever",
        "Closing the browser deletes all cookies.",
        MYTH,
        "Only session cookies (no Max-Age or Expires) go when the browser closes, and browsers that restore "
        "your last session may keep even those. Persistent cookies stay until they expire (Chromium caps that "
        "at 400 days).",
        ("session-vs-persistent", "expiring-cookies"),
    ),
)


@dataclass(frozen=True)
class Verdict:
    statement: Statement
    picked: str
    correct: bool


def check_myths(cleaned_data: dict[str, str]) -> list[Verdict]:
    return [
        Verdict(statement, cleaned_data[statement.key], cleaned_data[statement.key] == statement.answer)
        for statement in STATEMENTS
    ]
