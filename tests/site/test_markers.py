"""`-m "not browser"` and `-m "not redis"` select by where a test lives and what it uses (tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = [
    "tests/browser/test_races.py",
    "tests/lessons/sessions/test_logging_in.py",
    "tests/lessons/sessions/test_session_backends.py",
]


def collected(marker_expression: str) -> set[str]:
    """The node ids pytest itself selects from SAMPLE with ``-m marker_expression``."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-m", marker_expression, *SAMPLE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_every_test_under_tests_browser_is_marked_browser():
    browser = collected("browser")
    assert browser and all(node.startswith("tests/browser/") for node in browser)
    others = collected("not browser")
    assert others and not any(node.startswith("tests/browser/") for node in others)


def test_tests_that_use_redis_are_marked_redis_whatever_way_they_get_it():
    without_redis = collected("not redis")
    login = "tests/lessons/sessions/test_logging_in.py::test_login_changes_the_key_keeps_the_data_and_logout_deletes_it"
    assert f"{login}[db]" in without_redis and f"{login}[file]" in without_redis
    assert f"{login}[cache]" not in without_redis  # the engine fixture fetches redis_cache at run time
    assert f"{login}[cached_db]" not in without_redis
    assert (
        "tests/browser/test_races.py::test_fifty_simultaneous_views_count_fifty_on_the_atomic_counter[db-chromium]"
        in (without_redis)
    )
    assert not [node for node in without_redis if "test_each_engine_reports_where_the_payload_landed" in node]
    assert (
        "tests/lessons/sessions/test_session_backends.py::test_the_lesson_lives_at_its_documented_path" in without_redis
    )
