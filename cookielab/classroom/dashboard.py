"""What the teacher's dashboard shows: the class, counted from classroom mode's records.

One ``snapshot`` serves the page and its JSON endpoint alike. Counts only, per lesson and question,
and per student a nickname (or a number), what they finished and when they were last seen: never a
cookie, a session key or the digest of a student's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.db.models import Q
from django.utils import timezone

from cookielab.conf import conf
from cookielab.lessons import LESSONS
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.models import ClassroomAnswer
from cookielab.models import ClassroomCompletion
from cookielab.models import ClassroomStudent
from cookielab.sessions.maintenance import store_overview

# The dashboard's page asks its JSON endpoint this often (seconds).
REFRESH_SECONDS = 5


@dataclass
class ChoiceCount:
    index: int
    text: str
    count: int
    is_answer: bool


@dataclass
class QuestionCount:
    lesson: Lesson
    index: int
    quiz: Quiz
    answered: int = 0
    right_now: int = 0
    choices: list[ChoiceCount] = field(default_factory=list)

    @property
    def ident(self) -> str:
        return f"{self.lesson.slug}-{self.index + 1}"

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def right_first(self) -> int:
        return next(choice.count for choice in self.choices if choice.is_answer)

    @property
    def popular_wrong(self) -> ChoiceCount | None:
        """The wrong answer most students gave first, if any did."""
        wrong = [choice for choice in self.choices if not choice.is_answer and choice.count]
        return max(wrong, key=lambda choice: choice.count) if wrong else None


@dataclass
class LessonCount:
    lesson: Lesson
    number: int
    finished: int
    questions: list[QuestionCount]

    @property
    def answered(self) -> int:
        return sum(question.answered for question in self.questions)


@dataclass
class RosterEntry:
    name: str
    finished: int
    answered: int
    seen_seconds: int
    active: bool

    @property
    def seen(self) -> str:
        return seen_text(self.seen_seconds)


def seen_text(seconds: int) -> str:
    if seconds < 60:
        return "just now" if seconds < 10 else f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min ago"


@dataclass
class Snapshot:
    now: datetime
    active: int
    students: int
    lessons: list[LessonCount]
    roster: list[RosterEntry]
    store_facts: list[tuple[str, str]]

    @property
    def active_minutes(self) -> int:
        return max(1, conf.CLASSROOM_ACTIVE_SECONDS // 60)

    def as_json(self) -> dict[str, Any]:
        """The live part of the page, for the module that refreshes it."""
        return {
            "generated_at": self.now.isoformat(timespec="seconds"),
            "active": self.active,
            "students": self.students,
            "lessons": {entry.lesson.slug: entry.finished for entry in self.lessons},
            "questions": {
                question.ident: {
                    "answered": question.answered,
                    "right": question.right_now,
                    "first_choices": [choice.count for choice in question.choices],
                }
                for entry in self.lessons
                for question in entry.questions
            },
            "roster": [
                {
                    "name": student.name,
                    "finished": student.finished,
                    "answered": student.answered,
                    "seen": student.seen,
                    "active": student.active,
                }
                for student in self.roster
            ],
            "store": [[label, value] for label, value in self.store_facts],
        }


def snapshot(now: datetime | None = None) -> Snapshot:
    now = now or timezone.now()
    since = now - timedelta(seconds=conf.CLASSROOM_ACTIVE_SECONDS)
    known = {lesson.slug for lesson in LESSONS}
    finished: dict[str, int] = {
        row["lesson_slug"]: row["n"]
        for row in ClassroomCompletion.objects.values("lesson_slug").annotate(n=Count("pk"))
        if row["lesson_slug"] in known
    }
    first_choices: dict[tuple[str, int, int], int] = {}
    for row in ClassroomAnswer.objects.values("lesson_slug", "question", "first_choice").annotate(n=Count("pk")):
        first_choices[(row["lesson_slug"], row["question"], row["first_choice"])] = row["n"]
    totals: dict[tuple[str, int], tuple[int, int]] = {
        (row["lesson_slug"], row["question"]): (row["n"], row["right"])
        for row in ClassroomAnswer.objects.values("lesson_slug", "question").annotate(
            n=Count("pk"), right=Count("pk", filter=Q(correct=True))
        )
    }
    lessons = []
    for number, lesson in enumerate(LESSONS, start=1):
        questions = []
        for index, quiz in enumerate(lesson.questions):
            answered, right = totals.get((lesson.slug, index), (0, 0))
            choices = [
                ChoiceCount(choice, text, first_choices.get((lesson.slug, index, choice), 0), choice == quiz.answer)
                for choice, text in enumerate(quiz.choices)
            ]
            questions.append(QuestionCount(lesson, index, quiz, answered, right, choices))
        lessons.append(LessonCount(lesson, number, finished.get(lesson.slug, 0), questions))
    # Two grouped counts rather than one query joining both tables (students × answers × completions rows).
    done_by = dict(ClassroomCompletion.objects.values("student").annotate(n=Count("pk")).values_list("student", "n"))
    answered_by = dict(ClassroomAnswer.objects.values("student").annotate(n=Count("pk")).values_list("student", "n"))
    students = ClassroomStudent.objects.only("nickname", "joined", "last_seen").order_by("joined", "pk")
    roster = [
        RosterEntry(
            name=student.nickname or f"Student {position}",
            finished=done_by.get(student.pk, 0),
            answered=answered_by.get(student.pk, 0),
            seen_seconds=max(0, int((now - student.last_seen).total_seconds())),
            active=student.last_seen >= since,
        )
        for position, student in enumerate(students, start=1)
    ]
    return Snapshot(
        now=now,
        active=sum(entry.active for entry in roster),
        students=len(roster),
        lessons=lessons,
        roster=roster,
        store_facts=store_overview(now).facts(now),
    )
