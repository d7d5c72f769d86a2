"""Cookie Lab's tables: page views counted atomically outside the session, and classroom mode's records.

The classroom tables (``ClassroomStudent``, ``ClassroomAnswer``, ``ClassroomCompletion``) are written only
while ``COOKIELAB_CLASSROOM`` is on, and are all that "End the class" deletes (``cookielab.classroom``).
Their size is bounded: at most ``COOKIELAB_CLASSROOM_MAX_STUDENTS`` students, and per student one answer
row per question and one completion row per lesson of the course.
"""

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


class ClassroomStudent(models.Model):
    """One anonymous student of the class running now, known by a random cookie of its own.

    ``key_digest`` is a SHA-256 digest of that cookie's value (``cookielab_student``): not the session
    key, which several demos end on purpose, and never the cookie itself, so the table holds nothing a
    browser could present. Nobody is named: the nickname is optional and chosen by the student.
    """

    key_digest = models.CharField(max_length=64, unique=True)
    nickname = models.CharField(max_length=30, blank=True)
    joined = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "classroom student"

    def __str__(self) -> str:
        return self.nickname or f"student {self.pk}"


class ClassroomAnswer(models.Model):
    """A student's answers to one quiz question, kept in one row updated in place.

    ``first_choice`` is what the student thought first (what the dashboard counts: popular wrong
    answers show up there); ``choice`` and ``correct`` are the latest answer; ``tries`` counts them.
    """

    student = models.ForeignKey(ClassroomStudent, on_delete=models.CASCADE, related_name="answers")
    lesson_slug = models.CharField(max_length=32)
    question = models.PositiveSmallIntegerField()
    first_choice = models.PositiveSmallIntegerField()
    choice = models.PositiveSmallIntegerField()
    correct = models.BooleanField()
    tries = models.PositiveIntegerField(default=1)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "classroom answer"
        constraints = [
            models.UniqueConstraint(
                fields=["student", "lesson_slug", "question"], name="cookielab_classroom_one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson_slug} question {self.question + 1}: {self.choice}"


class ClassroomCompletion(models.Model):
    """A lesson a student finished (every question answered right), once per lesson."""

    student = models.ForeignKey(ClassroomStudent, on_delete=models.CASCADE, related_name="completions")
    lesson_slug = models.CharField(max_length=32)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "classroom completion"
        constraints = [
            models.UniqueConstraint(fields=["student", "lesson_slug"], name="cookielab_classroom_one_completion")
        ]

    def __str__(self) -> str:
        return self.lesson_slug
