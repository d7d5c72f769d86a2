"""Cookie Lab's one table: page views counted atomically, outside the session."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone


class PageViewCounterQuerySet(models.QuerySet["PageViewCounter"]):
    def expired(self, now: datetime | None = None) -> PageViewCounterQuerySet:
        return self.filter(expire_date__lte=now or timezone.now())

    def purge_expired(self, now: datetime | None = None, batch_size: int = 10_000) -> int:
        """Delete the counters whose session has expired by ``now``, ``batch_size`` rows per DELETE.

        One cheap ``DELETE … WHERE id BETWEEN … AND expire_date <= now`` per batch, on the
        ``expire_date`` index; no signals are involved. Returns how many rows went.
        """
        now = now or timezone.now()
        expired = self.expired(now).order_by("pk")
        deleted = 0
        while True:
            ids = list(expired.values_list("pk", flat=True)[:batch_size])
            if not ids:
                return deleted
            batch, _ = expired.filter(pk__gte=ids[0], pk__lte=ids[-1]).delete()
            deleted += batch


class PageViewCounter(models.Model):
    """Views of ``/counter/atomic/`` for one session, when the default cache is not Redis.

    The row is keyed on a SHA-256 digest of the session key (fixed length, and no second copy of
    a live session key), and only ever changed by one atomic ``UPDATE … SET views = views + 1``.
    Every count also moves ``expire_date`` to the session's own expiry (now + its expiry age), so a
    counter never outlives its session by more than that: ``manage.py cookielab_sessions
    purge-expired`` and the session-timeout lesson's clean-up delete the expired rows.
    """

    session_digest = models.CharField(max_length=64, unique=True)
    views = models.PositiveIntegerField(default=0)
    expire_date = models.DateTimeField(db_index=True)

    objects = PageViewCounterQuerySet.as_manager()

    class Meta:
        verbose_name = "page view counter"

    def __str__(self) -> str:
        return f"{self.session_digest[:8]}…: {self.views}"
