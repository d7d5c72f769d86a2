"""Do first, read after; results in view: on a laptop the demo starts near the top of every lesson, and
whatever a demo form does, right or wrong, the student lands on its result, not at the top of a long page."""

from __future__ import annotations

import pytest

from cookielab.lessons import LESSONS

LAPTOP = {"width": 1366, "height": 900}
FIRST_CONTROL_MAX_Y = 700
# What a student may type: separators, a line break and 5 KB (each form must answer it, in view).
HOSTILE = "a; b=c\r\nd" + "x" * 5000

# The first control a student can use in the demo, as distance from the top of the page.
FIRST_CONTROL_Y = """() => {
  const controls = document.querySelectorAll(
    "section.demo :is(button, input:not([type=hidden]), select, textarea, a.button, summary)");
  const first = [...controls].find((element) => element.checkVisibility());
  return first ? first.getBoundingClientRect().top + window.scrollY : null;
}"""

# Where the address's #fragment points, relative to the viewport.
TARGET_BOX = """() => {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return { hash: location.hash };
  const box = target.getBoundingClientRect();
  return { hash: location.hash, top: box.top, bottom: box.bottom, height: innerHeight };
}"""

# The demo forms of the page: index, whether each has something to type into.
DEMO_FORMS = """() => [...document.querySelectorAll("section.demo form")]
  .map((form, index) => ({ index, visible: form.checkVisibility(), method: form.method,
    typed: [...form.elements].some((e) => e.matches("input[type=text], input:not([type]), textarea")) }))
  .filter((form) => form.visible)"""

FILL_AND_SEND = """([index, value]) => {
  const form = document.querySelectorAll("section.demo form")[index];
  for (const field of form.elements) {
    if (field.matches("input[type=text], input:not([type]), textarea")) {
      if (value !== null) field.value = value;
      else if (!field.value) field.value = "blue";
    }
  }
  const button = [...form.elements].find((e) => e.type === "submit" && e.checkVisibility());
  form.requestSubmit(button || undefined);
}"""


def test_every_lessons_first_demo_control_is_within_the_top_700_px_on_a_laptop(lab):
    lab.page.set_viewport_size(LAPTOP)
    too_low = {}
    for lesson in LESSONS:
        lab.goto(lesson.get_absolute_url())
        top = lab.page.evaluate(FIRST_CONTROL_Y)
        if top is None or top > FIRST_CONTROL_MAX_Y:
            too_low[lesson.slug] = top
    assert too_low == {}, f"first demo control below {FIRST_CONTROL_MAX_Y} px (None: no control): {too_low}"
    lab.watch.assert_clean()


@pytest.mark.parametrize("typed", ["plausible", "hostile"])
def test_every_demo_form_lands_on_its_result(lab, typed):
    """Every form of every lesson's demo, sent with what a student types first and with hostile input: the
    address names the result, and the result's top is on screen (a phone-sized window would only be harder)."""
    lab.page.set_viewport_size(LAPTOP)
    lost, sent = {}, 0
    for lesson in LESSONS:
        path = lesson.get_absolute_url()
        lab.page.context.clear_cookies()
        lab.goto(path)
        fresh = True
        for form in lab.page.evaluate(DEMO_FORMS):
            if typed == "hostile" and not form["typed"]:
                continue
            if not fresh:  # each form from the page a newcomer sees
                lab.page.context.clear_cookies()
                lab.goto(path)
            fresh = False
            with lab.page.expect_navigation():
                lab.page.evaluate(FILL_AND_SEND, [form["index"], HOSTILE if typed == "hostile" else None])
            lab.page.wait_for_load_state("load")
            box = lab.page.evaluate(TARGET_BOX)
            sent += 1
            if "top" not in box or not (0 <= box["top"] < box["height"]):
                lost[f"{lesson.slug} form {form['index']}"] = box
    assert sent > (25 if typed == "plausible" else 5)
    assert lost == {}, f"results not in view: {lost}"
