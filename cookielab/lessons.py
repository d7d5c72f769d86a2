"""The lesson registry: every lesson, in teaching order, as plain data.

Each lesson has its own page (a URL named after its slug in the ``cookielab`` namespace), a template under
``cookielab/lessons/<slug>.html`` and a "Check your understanding" question. ``topics`` name the
parts of the source lecture the lesson covers, so the tests can prove the lecture is fully covered.
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

    @property
    def template(self) -> str:
        return f"cookielab/lessons/{self.slug}.html"

    def get_absolute_url(self) -> str:
        """Each lesson has a view of its own, named after its slug."""
        return reverse(f"cookielab:{self.slug}")


HTTP_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="http-is-stateless",
        title="HTTP is stateless",
        summary="Each request arrives alone: the server has no memory of the one before.",
        part="Cookies",
        topics=("HTTP is stateless", "Cookies"),
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


# Lessons are defined in groups, one block each; ORDER (below) is the teaching order.
# ---- Cookie lessons -------------------------------------------------------------------------
COOKIE_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="how-cookies-are-sent",
        title="How cookies are sent",
        summary="The server sends Set-Cookie once; the browser sends Cookie back on every request after.",
        part="Cookies",
        topics=("Cookies", "How cookies are sent"),
        quiz=Quiz(
            question="A response sets a cookie. When does the server first see that cookie come back?",
            choices=(
                "In the same response that set it.",
                "On the browser's next request to a matching URL, in its Cookie header.",
                "Only after a script on the page reads it.",
                "Never: cookies stay inside the browser.",
            ),
            answer=1,
            explanation=(
                "Set-Cookie travels in a response; the browser stores the cookie and adds it to the "
                "Cookie header of every later request whose host and path match, until it expires."
            ),
        ),
    ),
    Lesson(
        slug="myths-and-facts",
        title="Myths and facts",
        summary="Check what you believe about cookies against what a cookie can really do.",
        part="Cookies",
        topics=("Myths about cookies",),
        quiz=Quiz(
            question="Which statement about cookies is accurate?",
            choices=(
                "A cookie can run code that erases files on your disk.",
                "A cookie that holds only a random id is anonymous, so privacy law ignores it.",
                "A cookie is data the browser keeps and sends back, and an id in it can follow what you do.",
                "Cookies are used only for advertising.",
            ),
            answer=2,
            explanation=(
                "Cookies are inert data, never executed. But a stable id is enough to recognise you on "
                "every visit, which is why the GDPR counts such online identifiers as personal data."
            ),
        ),
    ),
    Lesson(
        slug="reading-cookies",
        title="Reading cookies on the server",
        summary="What request.COOKIES holds, the raw Cookie header behind it, and two cookies with one name.",
        part="Cookies",
        topics=("Getting a cookie", "cookie-parser"),
        quiz=Quiz(
            question="A browser sends “Cookie: theme=dark; theme=light”. What is request.COOKIES['theme'] in Django?",
            choices=(
                '"dark"',
                '"light"',
                "A list of both values.",
                "Django refuses the request.",
            ),
            answer=1,
            explanation=(
                "Django parses the header left to right and a later pair overwrites an earlier one, so "
                "the last wins. The parser behind Express's cookie-parser keeps the first instead."
            ),
        ),
    ),
    Lesson(
        slug="expiring-cookies",
        title="Deleting means expiring",
        summary="There is no delete: send the same name, domain and path again with an expiry in the past.",
        part="Cookies",
        topics=("How long does a cookie exist", "Setting a cookie"),
        quiz=Quiz(
            question="A cookie was set with Path=/shop/. Which response header removes it?",
            choices=(
                "Set-Cookie: name=; Max-Age=0; Path=/",
                "Set-Cookie: name=; Max-Age=0; Path=/shop/",
                "Any response that simply leaves the cookie out.",
                "None: only the user can remove a cookie.",
            ),
            answer=1,
            explanation=(
                "A browser identifies a cookie by name, domain and path. An expired Set-Cookie with a "
                "different path describes a different cookie, so the original stays."
            ),
        ),
    ),
    Lesson(
        slug="session-vs-persistent",
        title="Session and persistent cookies",
        summary=(
            "No Max-Age or Expires: gone when the browser closes. With one: kept until it expires, "
            "at most 400 days in Chromium."
        ),
        part="Cookies",
        topics=("How long does a cookie exist",),
        quiz=Quiz(
            question="A server sets a cookie with Max-Age for ten years. How long does Chromium keep it at most?",
            choices=("Ten years.", "Until the browser closes.", "About 400 days.", "30 days."),
            answer=2,
            explanation=(
                "The cookie standard's current draft caps any expiry at 400 days, and Chromium clamps it "
                "when it stores the cookie. A site that wants longer must set the cookie again."
            ),
        ),
    ),
    Lesson(
        slug="where-cookies-live",
        title="Where cookies live",
        summary="In a SQLite database in your browser profile, visible in DevTools; the server never sees the jar.",
        part="Cookies",
        topics=("Where are the cookies on my computer",),
        quiz=Quiz(
            question="Where does Firefox keep persistent cookies?",
            choices=(
                "One .txt file per site in a Cookies folder.",
                "In cookies.sqlite (table moz_cookies) in the profile folder.",
                "Only in memory, never on disk.",
                "On the servers that set them.",
            ),
            answer=1,
            explanation=(
                "Firefox stores cookies in the SQLite database cookies.sqlite in your profile, table "
                "moz_cookies. Chromium uses a SQLite file called Cookies with encrypted values. The "
                "one-text-file-per-site layout belonged to Internet Explorer."
            ),
        ),
    ),
    Lesson(
        slug="cookie-use-cases",
        title="What cookies are used for",
        summary="Preferences without a flash, and why a cookie set on one host never reaches another.",
        part="Cookies",
        topics=("Cookies",),
        quiz=Quiz(
            question="You set a cookie on http://localhost:8000. Which of these also receives it?",
            choices=(
                "http://127.0.0.1:8000",
                "http://localhost:8001",
                "Both of them.",
                "Neither of them.",
            ),
            answer=1,
            explanation=(
                "Cookies are scoped by host name and path, not by port, so localhost:8001 gets it. "
                "127.0.0.1 is a different host name even though it is the same machine."
            ),
        ),
    ),
)

# ---- Cookie workbench, JavaScript, signed cookies, limits ------------------------------------

WORKBENCH_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="setting-cookies",
        title="Setting cookies",
        summary="The server sends Set-Cookie; build any cookie yourself and see whether your browser keeps it.",
        part="Cookies",
        topics=("Setting a cookie", "Cookies", "How cookies are sent"),
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
HTTPBIN_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="httpbin-api",
        title="An httpbin you can test against",
        summary="Set, read and delete cookies through httpbin's own API, here on this site, with curl or requests.",
        part="Cookies",
        topics=("Cookies", "Setting a cookie", "Getting a cookie"),
        quiz=Quiz(
            question=(
                "You run requests.get(base + '/cookies/set?flavour=oatmeal') and then "
                "requests.get(base + '/cookies'). The second answer is {\"cookies\": {}}. Why?"
            ),
            choices=(
                "The server forgot the cookie: httpbin only keeps cookies for one request.",
                "Each requests.get() starts with an empty cookie jar; a requests.Session() keeps the cookie "
                "and sends it back.",
                "/cookies/set only works in a browser, because it answers with a redirect.",
                "The cookie expired because it had no Max-Age.",
            ),
            answer=1,
            explanation=(
                "The server keeps nothing: it answered the first request with Set-Cookie, and only the "
                "client can send that cookie back. A bare requests.get() throws its jar away after the "
                "call (it did follow the redirect, carrying the cookie for that one hop); a Session keeps "
                "the jar between calls, as a browser does."
            ),
        ),
    ),
)

# ---- Session lessons: inspector, options, backends, timeout -----------------------------------
SESSION_STORE_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="what-is-a-session",
        title="What is a session",
        summary="Like a coat-check: the browser keeps a ticket (the session id), the server keeps the coat (the data).",
        part="Sessions",
        topics=("What is a session", "How a session works"),
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
SESSION_FLOW_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="counter",
        title="The page-view counter",
        summary="The lecture's counter in Django: one number in the session, one cookie that carries its key.",
        part="Sessions",
        topics=("Set and use a session", "Sessions in Express"),
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
        quiz=Quiz(
            question="Why keep the cart in the session rather than in a cookie of its own?",
            choices=(
                "Cookies cannot hold numbers.",
                "The data stays on the server: it is not sent with every request, has no 4,096-byte ceiling, "
                "and the browser cannot edit it.",
                "Sessions never expire, cookies do.",
            ),
            answer=1,
            explanation=(
                "A cookie travels with every request, is dropped if its name and value pass 4,096 bytes, and can "
                "be read and changed by its owner. A session sends only its key; the data stays where the browser "
                "cannot touch it."
            ),
        ),
    ),
    Lesson(
        slug="races",
        title="Fifty requests at once",
        summary="Fire simultaneous requests at the counter and watch the lecture's version lose views.",
        part="Sessions",
        topics=("Set and use a session",),
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
STORAGE_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="storage-lab",
        title="Browser storage lab",
        summary="Measure cookies, Web Storage, IndexedDB and the Cache API in your own browser.",
        part="Browser storage",
        topics=("Browser storage",),
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

SECURITY_LESSONS: tuple[Lesson, ...] = (
    Lesson(
        slug="cookie-flags",
        title="HttpOnly, Secure and SameSite",
        summary="Three attributes decide who may read a cookie and which requests carry it.",
        part="Security",
        topics=("Cookies", "How cookies are sent", "Cookies in JavaScript", "Session options"),
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

GROUPS: tuple[tuple[Lesson, ...], ...] = (
    HTTP_LESSONS,
    COOKIE_LESSONS,
    HTTPBIN_LESSONS,
    WORKBENCH_LESSONS,
    STORAGE_LESSONS,
    SESSION_FLOW_LESSONS,
    SESSION_STORE_LESSONS,
    SECURITY_LESSONS,
)

_DEFINED = {lesson.slug: lesson for group in GROUPS for lesson in group}
LESSONS: tuple[Lesson, ...] = tuple(_DEFINED[slug] for slug in ORDER)

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
