"""The API's cookies: where they live, for how long, how they are written, and how a Cookie header reads back.

Every cookie the API sets is scoped to the API's own folder (``/httpbin``, or ``/learn/httpbin``
under a prefix) and lives at most ``MAX_AGE`` seconds, whatever the client asked for. So a page on
another site that sends a visitor through ``/response-headers`` links cannot plant cookies on the
lessons' paths, nor for 400 days: at worst the API's own folder holds them, for an hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import Morsel

from django.conf import settings
from django.urls import reverse
from django.utils.http import http_date

from cookielab.conf import conf
from cookielab.core.cookies import WORKBENCH_COOKIE_NAME
from cookielab.lessons.cookies.cookie_flags import FLAG_COOKIES
from cookielab.lessons.cookies.cookie_use_cases import THEME_COOKIE
from cookielab.lessons.cookies.cookies_in_javascript import HTTPONLY_COOKIE
from cookielab.lessons.cookies.setting_cookies import LECTURE_COOKIE

MAX_AGE = 60 * 60  # one hour: the longest any cookie set through the API lives

# The HttpOnly cookies the lessons set. A Cookie header carries no attributes, so the API cannot
# see which cookies are HttpOnly: it withholds the names it knows this site sets HttpOnly.
LESSON_HTTPONLY_COOKIES = frozenset(
    {
        LECTURE_COOKIE["key"],  # the lecture's /setcookie/: username
        HTTPONLY_COOKIE,  # cookies-in-javascript
        THEME_COOKIE,  # cookie-use-cases
        *(cookie.name for cookie in FLAG_COOKIES if cookie.attributes.get("httponly")),  # cookie-flags
    }
)


def api_cookie_path() -> str:
    """The API's folder, ``/httpbin`` (``/learn/httpbin`` under a prefix): the Path of every cookie it sets.

    It is also the default path (RFC 6265, 5.1.4) a browser gives a cookie that ``/response-headers``
    sends without a Path, so such a Set-Cookie replaces or deletes the API's cookies, as on httpbin.
    """
    return reverse("cookielab:httpbin-response-headers").rsplit("/", 1)[0]


def hidden_cookie_names() -> frozenset[str]:
    """The site's own HttpOnly cookies: echoing them as JSON would hand them to page scripts."""
    names = {conf.WIRE_COOKIE_NAME, conf.PROGRESS_COOKIE_NAME, WORKBENCH_COOKIE_NAME, *LESSON_HTTPONLY_COOKIES}
    if settings.SESSION_COOKIE_HTTPONLY:
        names.add(settings.SESSION_COOKIE_NAME)
        names.add("messages")  # Django's cookie message storage follows SESSION_COOKIE_HTTPONLY
    if settings.CSRF_COOKIE_HTTPONLY:
        names.add(settings.CSRF_COOKIE_NAME)
    if settings.LANGUAGE_COOKIE_HTTPONLY:
        names.add(settings.LANGUAGE_COOKIE_NAME)
    return frozenset(names)


@dataclass(frozen=True)
class ApiCookie:
    """A cookie the API sets, already normalised: its Path and Domain are not the client's to choose."""

    name: str
    value: str  # exactly as it goes on the wire, quotes included when the client sent them
    max_age: int = MAX_AGE  # 0 expires it; never more than MAX_AGE
    secure: bool = False
    httponly: bool = False
    samesite: str = ""  # "", "Lax", "Strict" or "None"

    def morsel(self, now: float) -> Morsel[str]:
        """The Set-Cookie header as a Morsel, the value written as given (Python would quote ``a/b``)."""
        morsel: Morsel[str] = Morsel()
        morsel.set(self.name, self.value, self.value)
        morsel["path"] = api_cookie_path()
        morsel["max-age"] = self.max_age
        morsel["expires"] = "Thu, 01 Jan 1970 00:00:00 GMT" if self.max_age == 0 else http_date(now + self.max_age)
        if self.secure:
            morsel["secure"] = True
        if self.httponly:
            morsel["httponly"] = True
        if self.samesite:
            morsel["samesite"] = self.samesite
        return morsel


def cookie_pairs(header: str) -> list[tuple[str, str]]:
    """A Cookie header as (name, value) pairs in the order sent, values exactly as sent (quotes kept).

    Unlike ``request.COOKIES`` this keeps every pair: a browser sends a name twice when cookies of
    that name live at two paths (the longer path first), and it keeps the quotes of ``"bar:baz"``.
    """
    pairs = []
    for chunk in header.split(";"):
        name, has_value, value = chunk.partition("=")
        if not has_value:
            name, value = "", name
        name, value = name.strip(), value.strip()
        if name or value:
            pairs.append((name, value))
    return pairs
