"""The demo login with a user model that needs more than a username: a clear message or the host's factory, never a 500.

The end-to-end case (Django's documented ``MyUser`` with a required ``date_of_birth``, in a fresh
startproject) is in test_packaging.py; here the database itself refuses the bare account.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection

from cookielab import checks
from cookielab.lessons.sessions.logging_in import demo_login
from tests.support.html import soup
from tests.support.html import text

HERE = __name__  # the factories below are named by their dotted path

pytestmark = pytest.mark.django_db

LOGIN = "/lessons/logging-in/login/"


def make_demo_user(username: str) -> AbstractBaseUser:
    """What a host's COOKIELAB_DEMO_USER_FACTORY does: fill in what its user model requires."""
    return get_user_model().objects.create_user(username, first_name="Demo", last_name="Account", password=None)


def make_user_with_a_password(username: str) -> AbstractBaseUser:
    return get_user_model().objects.create_user(username, password="a-real-password-1")


def make_nothing(username: str) -> AbstractBaseUser:
    raise ValueError("date_of_birth is required")


def make_an_unsaved_user(username: str) -> AbstractBaseUser:
    return get_user_model()(username=username)


REFUSAL = "NOT NULL constraint failed: auth_user.date_of_birth"
# A database trigger that refuses a user row without more data, as a NOT NULL column without default does.
REFUSE_BARE_USER = {
    "sqlite": [
        "CREATE TRIGGER refuse_bare_user BEFORE INSERT ON auth_user WHEN NEW.first_name = '' "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_bare_user() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF NEW.first_name = '' THEN RAISE EXCEPTION USING ERRCODE = 'not_null_violation', MESSAGE = '{REFUSAL}'; "
        "END IF; RETURN NEW; END $$",
        "CREATE TRIGGER refuse_bare_user BEFORE INSERT ON auth_user FOR EACH ROW EXECUTE FUNCTION refuse_bare_user()",
    ],
}


@pytest.fixture
def user_table_refuses_the_bare_account():
    """Inside the test's transaction: rolled back with it."""
    with connection.cursor() as cursor:
        for statement in REFUSE_BARE_USER[connection.vendor]:
            cursor.execute(statement)


def test_a_user_model_that_refuses_the_bare_account_gets_a_clear_message(client, user_table_refuses_the_bare_account):
    response = client.post(LOGIN)
    assert response.status_code == 400
    message = text(soup(response).select_one("#demo-error"))
    assert "could not be created in your user model auth.User" in message
    assert "COOKIELAB_DEMO_USER_FACTORY" in message
    assert "IntegrityError" in message
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(username=demo_login.DEMO_USERNAME).exists()


def test_the_hosts_factory_creates_the_demo_account(client, settings, user_table_refuses_the_bare_account):
    settings.COOKIELAB_DEMO_USER_FACTORY = f"{HERE}.make_demo_user"
    response = client.post(LOGIN)
    assert response.status_code == 200
    assert text(soup(response).select_one("#logged-in-as")) == "yes, as cookielab-demo"
    user = get_user_model().objects.get(username=demo_login.DEMO_USERNAME)
    assert (user.first_name, user.has_usable_password()) == ("Demo", False)
    assert client.post(LOGIN).status_code == 200  # the second time it is found, not made again


def test_a_factory_that_fails_is_explained(client, settings):
    settings.COOKIELAB_DEMO_USER_FACTORY = f"{HERE}.make_nothing"
    response = client.post(LOGIN)
    assert response.status_code == 400
    message = text(soup(response).select_one("#demo-error"))
    assert f"{HERE}.make_nothing" in message and "ValueError: date_of_birth is required" in message


def test_a_factory_that_returns_no_saved_user_is_explained(client, settings):
    settings.COOKIELAB_DEMO_USER_FACTORY = f"{HERE}.make_an_unsaved_user"
    response = client.post(LOGIN)
    assert response.status_code == 400
    assert "not a saved auth.User named 'cookielab-demo'" in text(soup(response).select_one("#demo-error"))
    assert "_auth_user_id" not in client.session


def test_a_factory_that_makes_a_real_account_is_refused(client, settings):
    settings.COOKIELAB_DEMO_USER_FACTORY = f"{HERE}.make_user_with_a_password"
    response = client.post(LOGIN)
    assert response.status_code == 400
    assert "will not log anyone into it" in text(soup(response).select_one("#demo-error"))
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (f"{HERE}.no_such_function", "None or the dotted path of a function"),
        ("pytest.__version__", "is not callable"),
        (42, "None or the dotted path of a function"),
    ],
)
def test_a_bad_factory_setting_fails_the_check(settings, value, problem):
    settings.COOKIELAB_DEMO_USER_FACTORY = value
    [error] = [message for message in checks.check_cookielab_settings() if message.id == "cookielab.E005"]
    assert "COOKIELAB_DEMO_USER_FACTORY" in error.msg and problem in error.msg


def test_a_good_factory_setting_passes_the_check(settings):
    settings.COOKIELAB_DEMO_USER_FACTORY = f"{HERE}.make_demo_user"
    assert checks.check_cookielab_settings() == []
