"""The rejection lab: cookies Django sends without complaint and browsers refuse."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse

from cookielab.core.cookies import MAX_COOKIE_BYTES

LIFETIME = 300  # seconds: the 4 KB cookie should not weigh on every request for long


@dataclass(frozen=True)
class LimitCookie:
    name: str
    value: str
    broken_rule: str
    expect_kept: bool
    secure: bool = False
    samesite: str | None = None
    own_path: bool = False  # set on the lesson's path instead of the lab's root (breaks __Host-)

    @property
    def size(self) -> int:
        return len(self.name.encode()) + len(self.value.encode())


def _sized(name: str, total: int) -> LimitCookie:
    fits = total <= MAX_COOKIE_BYTES
    rule = (
        f"Name + value exactly {total:,} bytes: the most a browser must keep."
        if fits
        else f"Name + value {total:,} bytes: one byte over 4,096, so the browser ignores the whole cookie."
    )
    return LimitCookie(name, "x" * (total - len(name)), rule, expect_kept=fits)


def limit_cookies() -> tuple[LimitCookie, ...]:
    return (
        _sized("limit_4096", MAX_COOKIE_BYTES),
        _sized("limit_4097", MAX_COOKIE_BYTES + 1),
        LimitCookie(
            "limit_samesite_none",
            "1",
            "SameSite=None without Secure: rejected.",
            expect_kept=False,
            samesite="None",
        ),
        LimitCookie(
            "__Host-limit_broken",
            "1",
            "A __Host- name, but not Secure and with a Path other than /: rejected.",
            expect_kept=False,
            own_path=True,
        ),
        LimitCookie("limit_control", "kept", "Nothing wrong: the control, so you know cookies work at all.", True),
    )


def send_all(response: HttpResponse, lab_path: str, lesson_path: str) -> None:
    for cookie in limit_cookies():
        response.set_cookie(
            cookie.name,
            cookie.value,
            max_age=LIFETIME,
            path=lesson_path if cookie.own_path else lab_path,
            secure=cookie.secure,
            samesite=cookie.samesite,
        )


def expire_all(response: HttpResponse, lab_path: str, lesson_path: str) -> None:
    for cookie in limit_cookies():
        response.delete_cookie(cookie.name, path=lesson_path if cookie.own_path else lab_path)
