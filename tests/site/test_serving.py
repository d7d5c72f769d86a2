"""`make serve`, `make classroom` and `make bench` run granian the one way sessionsdemo/serving.py says."""

from __future__ import annotations

import re
from pathlib import Path

from bench import servers
from sessionsdemo import classroom
from sessionsdemo import serving

ROOT = Path(__file__).resolve().parents[2]


def serve_recipe() -> str:
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe is not None
    return " ".join(recipe.group(1).replace("\\\n", " ").split())


def test_make_serve_runs_granian_as_serving_says():
    options = " ".join(serving.granian_wsgi_options())
    # WORKERS=4 make serve: the recipe reads the variable, defaulting to serving.WORKERS.
    assert (
        options.replace(f"--workers {serving.WORKERS}", f"--workers $${{WORKERS:-{serving.WORKERS}}}") in serve_recipe()
    )


def test_make_classroom_and_the_bench_run_it_the_same_way(tmp_path):
    options = serving.granian_wsgi_options()
    for command in (
        classroom.granian_command(8123, serving.WORKERS, tmp_path),
        servers.django_command("granian", 8123),
    ):
        assert " ".join(options) in " ".join(command)
