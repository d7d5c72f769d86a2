from django.urls import path

from cookielab.core import wire_story
from cookielab.lessons import course
from cookielab.lessons import lesson_urlpatterns

app_name = "cookielab"

urlpatterns = [
    path("", course.index, name="index"),
    path("start-over/", course.start_over, name="start-over"),
    path("end/", course.end, name="end"),
    path("wire/", wire_story.panel_fragment, name="wire"),
    *lesson_urlpatterns(),
    path("lessons/<slug:slug>/check/", course.check_answer, name="check"),
    path("lessons/<slug:slug>/reset-lab/", course.reset_lab, name="reset-lab"),
]
