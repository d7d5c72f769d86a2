"""Redis dies, stalls and comes back: pages keep answering, nothing is lost, logout never half-happens.

Every test owns its redis-server (started here, killed or frozen here), never the shared one.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from cookielab.lessons import LESSONS
from tests.support.html import soup
from tests.support.html import text
from tests.support.redis_server import RedisServer
from tests.support.redis_server import redis_server_binary

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.redis,
    pytest.mark.skipif(redis_server_binary() is None, reason="redis-server is not installed"),
]

RESILIENT = "cookielab.sessions.backends.cached_db"
PAGES = [reverse("cookielab:index"), *[lesson.get_absolute_url() for lesson in LESSONS]]
# The pages that read the session, and so say when its cache is down. The others (the index, the cookie
# lessons: progress is a cookie of its own) never load the session at all.
READ_THE_SESSION = {
    reverse(f"cookielab:{slug}")
    for slug in (
        "what-is-a-session",
        "counter",
        "session-options",
        "session-timeout",
        "logging-in",
        "cart-and-preferences",
        "races",
        "csrf",
        "session-attacks",
    )
}


@pytest.fixture
def own_redis(settings):
    """A redis-server just for this test, as the site's only cache, with the site's short timeouts."""
    server = RedisServer().start()

    def point_at(target: RedisServer) -> None:
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": target.url,
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
            }
        }
        caches.close_all()

    point_at(server)
    server.point_at = point_at
    yield server
    caches.close_all()
    server.stop()


def store_in_session(client: Client, item: int = 0):
    """Write the session: add to the cart (progress no longer lives in the session; the cart does)."""
    product = ["recipe-book", "cookie-jar"][item]
    return client.post(reverse("cookielab:cart-add"), {"product": product, "quantity": "1"})


def cart_lines(client: Client) -> int:
    return len(soup(client.get(reverse("cookielab:cart-and-preferences"))).select("#cart-lines tbody tr"))


def test_cached_db_rides_out_a_redis_crash_and_loses_nothing(own_redis, settings):
    settings.SESSION_ENGINE = RESILIENT
    student = Client()
    assert store_in_session(student, 0).status_code == 303
    assert cart_lines(student) == 1
    key = student.cookies["sessionid"].value
    assert any(k.decode().endswith(key) for k in own_redis.client().scan_iter("*session*"))

    own_redis.kill()
    for path in PAGES:
        response = student.get(path)
        assert response.status_code == 200, path
        notice = soup(response).select_one("#cache-unavailable")
        assert (notice is not None) == (path in READ_THE_SESSION), path
    assert cart_lines(student) == 1  # read from the database
    assert store_in_session(student, 1).status_code == 303  # and saved there

    revived = RedisServer(port=own_redis.port).start()
    try:
        caches.close_all()
        response = student.get(reverse("cookielab:index"))
        assert response.status_code == 200
        assert soup(response).select_one("#cache-unavailable") is None
        assert cart_lines(student) == 2
        assert student.cookies["sessionid"].value == key
    finally:
        revived.stop()


def test_a_new_visitor_gets_a_session_while_redis_is_down(own_redis, settings):
    settings.SESSION_ENGINE = RESILIENT
    own_redis.kill()
    newcomer = Client()
    assert store_in_session(newcomer).status_code == 303
    assert cart_lines(newcomer) == 1


def test_djangos_own_cached_db_fails_a_new_visitor_while_redis_is_down(own_redis, settings):
    """Why the site has its own engine (facts 25): Django's answers 500 here."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    own_redis.kill()
    newcomer = Client(raise_request_exception=False)
    assert store_in_session(newcomer).status_code >= 500


def test_cache_sessions_with_redis_down_answer_a_clear_503(own_redis, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    own_redis.kill()
    response = store_in_session(Client(raise_request_exception=False))
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    page = text(soup(response).select_one("main"))
    assert "not answering" in page
    assert "Nothing from this request was stored" in page
    assert "start Redis again" in page
    assert "Traceback" not in response.content.decode()


def logged_in_cookie(settings) -> str:
    settings.ROOT_URLCONF = "tests.support.security_urls"
    user = get_user_model().objects.create_user("ada", password="x" * 20)
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def whoami(cookie: str) -> str:
    replay = Client()
    replay.cookies["sessionid"] = cookie
    return replay.get(reverse("cookielab:session-attacks-whoami")).content.decode()


def test_logout_while_redis_stalls_never_lets_the_old_cookie_back_in(own_redis, settings):
    settings.SESSION_ENGINE = RESILIENT
    old_cookie = logged_in_cookie(settings)
    assert "Logged in as: ada" in whoami(old_cookie)

    own_redis.pause()
    try:
        visitor = Client(raise_request_exception=False)
        visitor.cookies["sessionid"] = old_cookie
        logout = visitor.post("/test-logout/")
    finally:
        own_redis.resume()
    caches.close_all()

    if logout.status_code == 503:
        # Refused visibly, and consistently: the session is whole, and a retry really ends it.
        assert "was refused" in text(soup(logout).select_one("main"))
        assert "Logged in as: ada" in whoami(old_cookie)
        retry = Client()
        retry.cookies["sessionid"] = old_cookie
        assert retry.post("/test-logout/").status_code == 302
    else:
        assert logout.status_code == 302
    replayed = whoami(old_cookie)
    assert "ada" not in replayed
    assert "no known session" in replayed
