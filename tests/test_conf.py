"""Cookie Lab's settings: defaults, host overrides read at access time, and the DEBUG-following switches."""

from __future__ import annotations

import pytest

from cookielab.conf import DEFAULTS
from cookielab.conf import SWITCHES
from cookielab.conf import conf


def test_defaults_apply_when_the_host_sets_nothing(settings):
    for name in DEFAULTS:
        if hasattr(settings, f"COOKIELAB_{name}"):
            delattr(settings, f"COOKIELAB_{name}")
    assert conf.WIRE_HISTORY == 6
    assert conf.WIRE_COOKIE_NAME == "cookielab_wire"
    assert conf.PROGRESS_COOKIE_NAME == "cookielab_progress"


def test_a_host_setting_is_read_at_access_time(settings):
    settings.COOKIELAB_WIRE_HISTORY = 2
    assert conf.WIRE_HISTORY == 2
    settings.COOKIELAB_WIRE_HISTORY = 9
    assert conf.WIRE_HISTORY == 9


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="no setting 'NOPE'"):
        _ = conf.NOPE
    with pytest.raises(AttributeError, match="no switch 'WIRE_TTL'"):
        conf.enabled("WIRE_TTL")


@pytest.mark.parametrize("switch", SWITCHES)
@pytest.mark.parametrize(
    ("debug", "value", "expected"),
    [
        (True, None, True),  # unset: on while developing
        (False, None, False),  # unset: off in production, the host's sessions and data stay untouched
        (False, True, True),  # the host turns it on explicitly
        (True, False, False),  # or off, even in DEBUG
    ],
)
def test_switches_follow_debug_unless_the_host_decides(settings, switch, debug, value, expected):
    settings.DEBUG = debug
    setattr(settings, f"COOKIELAB_{switch}", value)
    assert conf.enabled(switch) is expected


def test_a_plain_startproject_in_production_has_every_demo_that_changes_data_off(settings):
    settings.DEBUG = False
    for switch in SWITCHES:
        if hasattr(settings, f"COOKIELAB_{switch}"):
            delattr(settings, f"COOKIELAB_{switch}")
    assert [switch for switch in SWITCHES if conf.enabled(switch)] == []
