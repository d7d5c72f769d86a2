"""Cookie Lab's one table: page views counted atomically, outside the session."""

from __future__ import annotations

from django.db import models


class PageViewCounter(models.Model):
    """Views of ``/counter/atomic/`` for one session, when the default cache is not Redis.

    The row is keyed on a SHA-256 digest of the session key (fixed length, and no second copy of
    a live session key), and only ever changed by one atomic ``UPDATE … SET views = views + 1``.
    """

    session_digest = models.CharField(max_length=64, unique=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "page view counter"

    def __str__(self) -> str:
        return f"{self.session_digest[:8]}…: {self.views}"
