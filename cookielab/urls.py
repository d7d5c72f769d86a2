from django.urls import path

from cookielab.classroom import views as classroom
from cookielab.core import wire_story
from cookielab.lessons import course
from cookielab.lessons import lesson_urlpatterns

app_name = "cookielab"

urlpatterns = [
    path("", course.index, name="index"),
    path("start-over/", course.start_over, name="start-over"),
    path("end/", course.end, name="end"),
    path("wire/", wire_story.panel_fragment, name="wire"),
    path("classroom/teacher/", classroom.teacher_dashboard, name="classroom-teacher"),
    path("classroom/teacher/data.json", classroom.teacher_data, name="classroom-data"),
    path("classroom/teacher/end/", classroom.end_class, name="classroom-end"),
    path("classroom/nickname/", classroom.nickname, name="classroom-nickname"),
    *lesson_urlpatterns(),
    path("lessons/<slug:slug>/check/", course.check_answer, name="check"),
    path("lessons/<slug:slug>/reset-lab/", course.reset_lab, name="reset-lab"),
]
