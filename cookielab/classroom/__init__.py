"""Classroom mode: the teacher's laptop serves the room, and the class can see how it is doing.

On (``COOKIELAB_CLASSROOM = True``, ``make classroom``), every anonymous student gets a random cookie
of their own (``cookielab_student``, not the session: several demos end the session on purpose) and
the server records, per student, when they were last seen, the lessons they finished and their
quiz answers (``students``). The teacher opens a link with a secret key made for the run
(``COOKIELAB_TEACHER_KEY``) and sees the class live (``teacher``, ``dashboard``, ``views``). "End the
class" deletes those records and nothing else.

``students`` and ``teacher`` never import a lesson: the course (``cookielab.lessons.course``) calls
``students.record_answer`` from its quiz view. ``dashboard`` and ``views`` read the course.
"""
