"""The wheel carries the whole app and nothing of the site, and works in a fresh startproject under /learn/.

The end-to-end tests build the sdist from a copy of the sources (so no build/ leftovers can leak
in) and the wheel from that sdist, as ``python -m build`` does for a release; install the wheel
with ``--no-deps`` into a new venv, and make Django importable there through a ``.pth`` file that
points at this venv's site-packages: installing Django from the package index on every run would
be slow and would fail offline, while the wheel itself is installed for real.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from packaging.specifiers import SpecifierSet

from bench.servers import free_port
from bench.servers import stop_process
from bench.servers import wait_until_answering

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "cookielab"
PREFIX = "/learn/"
# Where the host serves things that are not Cookie Lab's (allowed outside the prefix).
HOST_PATHS = ("/static/", "/admin/")

URLS_SCRIPT = """
import json, django
django.setup()
import cookielab
from django.urls import reverse
from cookielab.lessons import LESSONS
print(json.dumps({
    "app": cookielab.__file__,
    "pages": [reverse("cookielab:index")] + [lesson.get_absolute_url() for lesson in LESSONS],
    "check": reverse("cookielab:check", args=[LESSONS[0].slug]),
    "answer": LESSONS[0].questions[0].answer,
}))
"""


def shipped_sources() -> list[str]:
    """Every file of the app a host needs, relative to the project root (bytecode excluded)."""
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in APP.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


# What a release build reads: the sdist is made from these (and must leave tests/ out).
SOURCE_FILES = ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "CHANGELOG.md")
SOURCE_FOLDERS = ("cookielab", "docs", "tests")


@dataclass(frozen=True)
class Build:
    sdist: Path
    wheel: Path
    output: str


def build_distributions(workdir: Path) -> Build:
    source = workdir / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in SOURCE_FOLDERS:
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in SOURCE_FILES:
        shutil.copy(ROOT / name, source / name)
    # sdist first, then the wheel from the unpacked sdist (build's default without --sdist/--wheel).
    command = [sys.executable, "-m", "build", "--outdir", str(workdir / "dist"), str(source)]
    # Build offline with this venv's setuptools when it is recent enough (requirements-test.txt asks
    # for it); an older one makes `build` fetch the required setuptools into an isolated env instead.
    if version("setuptools") in SpecifierSet(">=77"):
        command.append("--no-isolation")
    # PYTHONDONTWRITEBYTECODE makes setuptools print "byte-compiling is disabled" warnings: not the package's.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    [sdist] = (workdir / "dist").glob("django_cookielab-*.tar.gz")
    [wheel] = (workdir / "dist").glob("django_cookielab-*.whl")
    return Build(sdist=sdist, wheel=wheel, output=result.stdout + result.stderr)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Build:
    return build_distributions(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="module")
def venv_python(built, tmp_path_factory) -> Path:
    """A fresh venv with the built wheel installed (Django from this venv through a .pth file)."""
    return fresh_venv_with_wheel(tmp_path_factory.mktemp("venv"), built.wheel)


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def fresh_venv_with_wheel(workdir: Path, wheel: Path) -> Path:
    venv = workdir / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(target) / "host_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
    )
    return python


def host_env() -> dict[str, str]:
    """This environment without the site's and the test run's own Django switches."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHON", "COOKIELAB_", "REDIS_"))}


def start_host_project(workdir: Path, python: Path, env: dict[str, str]) -> Path:
    """``django-admin startproject`` plus the two lines the docs ask for (and STATIC_ROOT for collectstatic)."""
    project = workdir / "host"
    project.mkdir(exist_ok=True)
    run([str(python), "-m", "django", "startproject", "hostsite", str(project)], workdir, env)
    settings_file = project / "hostsite" / "settings.py"
    settings_text = settings_file.read_text()
    assert "django.template.context_processors.request" in settings_text  # startproject's default
    settings_text = settings_text.replace(
        "'django.contrib.staticfiles',\n", "'django.contrib.staticfiles',\n    'cookielab',\n"
    )
    assert "'cookielab'," in settings_text
    settings_file.write_text(settings_text + '\nSTATIC_ROOT = BASE_DIR / "staticfiles"\n')
    urls_file = project / "hostsite" / "urls.py"
    urls_text = urls_file.read_text().replace("from django.urls import path", "from django.urls import include, path")
    urls_text = urls_text.replace(
        "path('admin/', admin.site.urls),",
        "path('admin/', admin.site.urls),\n    path('learn/', include('cookielab.urls')),",
    )
    urls_file.write_text(urls_text)
    assert "include('cookielab.urls')" in urls_text
    return project


class Browser:
    """Just enough of a browser: a cookie jar, GET and a form POST, against the host's runserver."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.base + path, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def post_page(self, path: str, data: dict[str, str], referer: str) -> tuple[int, bytes]:
        """A form POST; the status and body of the answer, whatever the status."""
        request = urllib.request.Request(
            self.base + path, data=urllib.parse.urlencode(data).encode(), headers={"Referer": self.base + referer}
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def post(self, path: str, data: dict[str, str], referer: str) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + path, data=urllib.parse.urlencode(data).encode(), headers={"Referer": self.base + referer}
        )
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.url


def referenced_urls(page: BeautifulSoup) -> tuple[list[str], list[str]]:
    """(navigation targets, static assets) of a page, as written in its HTML."""
    links = [a["href"] for a in page.select("a[href]")] + [f["action"] for f in page.select("form[action]")]
    links += [value for tag in page.find_all(True) for name, value in tag.attrs.items() if name.endswith("-url")]
    assets = [tag["src"] for tag in page.select("script[src], img[src]")] + [
        tag["href"] for tag in page.select("link[href]")
    ]
    return links, assets


def test_the_build_is_clean_and_the_sdist_carries_licence_changelog_and_docs_but_no_tests(built):
    assert "warning" not in built.output.lower(), [
        line for line in built.output.splitlines() if "warning" in line.lower()
    ]
    root = built.sdist.name.removesuffix(".tar.gz")
    with tarfile.open(built.sdist) as sdist:
        names = {name.removeprefix(f"{root}/") for name in sdist.getnames()}
    assert {"LICENSE", "CHANGELOG.md", "README.md", "docs/install.md", "cookielab/py.typed"} <= names
    assert "cookielab/management/commands/cookielab_sessions.py" in names
    assert not [name for name in names if name.startswith(("tests/", "sessionsdemo/", "bench/"))]


def test_the_wheel_carries_its_licence_type_marker_and_support_classifiers(built):
    archive = zipfile.ZipFile(built.wheel)
    dist_info = built.wheel.name.split("-")[0] + "-" + built.wheel.name.split("-")[1] + ".dist-info"
    assert archive.read(f"{dist_info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
    assert "cookielab/py.typed" in archive.namelist()
    metadata = archive.read(f"{dist_info}/METADATA").decode()
    assert "License-Expression: BSD-3-Clause" in metadata
    assert "Requires-Dist: Django>=5.2\n" in metadata
    classifiers = {line.removeprefix("Classifier: ") for line in metadata.splitlines() if line.startswith("Classifier")}
    for python in ("3.10", "3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {python}" in classifiers
    for django_version in ("5.2", "6.0", "6.1"):
        assert f"Framework :: Django :: {django_version}" in classifiers
    assert any(classifier.startswith("Development Status :: ") for classifier in classifiers)
    assert "Typing :: Typed" in classifiers


def test_wheel_installs_into_a_fresh_startproject_and_every_lesson_works_under_learn(built, venv_python, tmp_path):
    wheel = built.wheel

    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in shipped_sources() if name not in names]
    assert missing == []
    assert any(name.startswith("cookielab/templates/cookielab/lessons/") for name in names)
    assert any(name.startswith("cookielab/static/cookielab/js/") for name in names)
    assert "cookielab/migrations/__init__.py" in names
    assert "cookielab/management/commands/cookielab_sessions.py" in names
    assert not [name for name in names if name.startswith(("sessionsdemo/", "tests/"))]
    metadata = zipfile.ZipFile(wheel).read(f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info/METADATA")
    assert b"Name: django-cookielab" in metadata
    assert b"Requires-Dist: django-redis" in metadata and b'extra == "redis"' in metadata

    python = venv_python
    env = host_env()
    project = start_host_project(tmp_path, python, env)
    manage = [str(python), "manage.py"]
    check = run([*manage, "check"], project, env)
    assert "cookielab." not in check.stdout + check.stderr
    run([*manage, "migrate", "--noinput"], project, env)
    run([*manage, "collectstatic", "--noinput"], project, env)

    urls = json.loads(
        run([str(python), "-c", URLS_SCRIPT], project, {**env, "DJANGO_SETTINGS_MODULE": "hostsite.settings"}).stdout
    )
    assert urls["app"].startswith(str(python.parent.parent)), "the installed wheel, not the source tree, was imported"
    assert all(page.startswith(PREFIX) for page in urls["pages"])

    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        if not wait_until_answering(browser.base + PREFIX, server):
            stop_process(server)
            pytest.fail(f"runserver did not start: {server.stderr.read()}")
        assets: set[str] = set()
        for page_url in urls["pages"]:
            status, body = browser.get(page_url)
            assert status == 200, (page_url, re.findall(rb"exception_value\">([^<]*)", body))
            page = BeautifulSoup(body, "html.parser")
            links, page_assets = referenced_urls(page)
            for link in links:
                target = urllib.parse.urlsplit(urllib.parse.urljoin(f"http://127.0.0.1:{port}{page_url}", link))
                if target.netloc == f"127.0.0.1:{port}":
                    assert target.path.startswith((PREFIX, *HOST_PATHS)), f"{page_url} links to {link}"
            assets.update(urllib.parse.urljoin(page_url, asset) for asset in page_assets)
        assert assets, "the pages reference no stylesheet or script"
        for asset in sorted(assets):
            if urllib.parse.urlsplit(asset).netloc:  # the two-host demo's image from the other loopback name
                assert urllib.parse.urlsplit(asset).path.startswith(PREFIX), asset
                continue
            status, body = browser.get(asset)
            assert status == 200, asset
            if asset.startswith("/static/"):
                assert (project / "staticfiles" / asset.removeprefix("/static/")).is_file(), asset
            else:  # an image the app itself draws (e.g. the two-host cookie demo) stays under the prefix
                assert asset.startswith(PREFIX), asset
            for module in re.findall(rb"""from\s+["'](\.{1,2}/[^"']+)["']""", body):
                assert browser.get(urllib.parse.urljoin(asset, module.decode()))[0] == 200, (asset, module)

        # A state change under the prefix: the quiz POST (CSRF cookie + token, session) marks a lesson done.
        first = urls["pages"][1]
        page = BeautifulSoup(browser.get(first)[1], "html.parser")
        token = page.select_one("form[action] input[name=csrfmiddlewaretoken]")["value"]
        status, landed = browser.post(
            urls["check"], {"csrfmiddlewaretoken": token, "choice": str(urls["answer"])}, first
        )
        assert status == 200 and urllib.parse.urlsplit(landed).path == first
        index = BeautifulSoup(browser.get(PREFIX)[1], "html.parser")
        assert "completed 1 of" in index.select_one("#progress").get_text()
    finally:
        stop_process(server)


# Django's documented custom user model ("A full example"): email as the username, date_of_birth required.
MY_USER_MODELS = """
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models


class MyUserManager(BaseUserManager):
    def create_user(self, email, date_of_birth, password=None):
        if not email:
            raise ValueError("Users must have an email address")
        user = self.model(email=self.normalize_email(email), date_of_birth=date_of_birth)
        user.set_password(password)
        user.save(using=self._db)
        return user


class MyUser(AbstractBaseUser):
    email = models.EmailField(verbose_name="email address", max_length=255, unique=True)
    date_of_birth = models.DateField()
    is_active = models.BooleanField(default=True)
    is_admin = models.BooleanField(default=False)

    objects = MyUserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["date_of_birth"]

    def has_perm(self, perm, obj=None):
        return True

    def has_module_perms(self, app_label):
        return True

    @property
    def is_staff(self):
        return self.is_admin
"""
# What the host writes for COOKIELAB_DEMO_USER_FACTORY (docs/install.md).
MY_DEMO_FACTORY = """
import datetime

from accounts.models import MyUser


def make_demo_user(username):
    return MyUser.objects.create_user(username, date_of_birth=datetime.date(2000, 1, 1))
"""
# The demo login POSTed in the host, with the factory switched on (Django's test client, real database).
FACTORY_LOGIN_SCRIPT = """
import json
import django
django.setup()
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from django.urls import reverse
from accounts.models import MyUser

with override_settings(COOKIELAB_DEMO_USER_FACTORY="accounts.demo.make_demo_user"):
    response = Client(HTTP_HOST="127.0.0.1").post(reverse("cookielab:demo-log-in"))
page = BeautifulSoup(response.content, "html.parser")
user = MyUser.objects.get(email="cookielab-demo")
print(json.dumps([response.status_code, page.select_one("#logged-in-as").get_text(), user.has_usable_password()]))
"""


def test_a_host_with_a_custom_user_model_that_requires_a_field_gets_a_message_or_its_factory(venv_python, tmp_path):
    python = venv_python
    env = host_env()
    project = start_host_project(tmp_path, python, env)
    accounts = project / "accounts"
    accounts.mkdir()
    (accounts / "__init__.py").write_text("")
    (accounts / "models.py").write_text(MY_USER_MODELS)
    (accounts / "demo.py").write_text(MY_DEMO_FACTORY)
    settings_file = project / "hostsite" / "settings.py"
    settings_text = settings_file.read_text().replace("    'cookielab',\n", "    'cookielab',\n    'accounts',\n")
    settings_file.write_text(settings_text + 'AUTH_USER_MODEL = "accounts.MyUser"\n')
    manage = [str(python), "manage.py"]
    run([*manage, "makemigrations", "accounts"], project, env)
    run([*manage, "migrate", "--noinput"], project, env)
    assert "cookielab." not in run([*manage, "check"], project, env).stderr

    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lesson = f"{PREFIX}lessons/logging-in/"
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        if not wait_until_answering(browser.base + PREFIX, server):
            stop_process(server)
            pytest.fail(f"runserver did not start: {server.stderr.read()}")
        status, body = browser.get(lesson)
        assert status == 200
        form = BeautifulSoup(body, "html.parser").select_one("form[action*='/login/']")
        token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
        status, body = browser.post_page(form["action"], {"csrfmiddlewaretoken": token}, lesson)
        assert status == 400, re.findall(rb"exception_value\">([^<]*)", body)
        message = BeautifulSoup(body, "html.parser").select_one("#demo-error").get_text(" ", strip=True)
        assert "accounts.MyUser" in message and "requires date_of_birth" in message
        assert "COOKIELAB_DEMO_USER_FACTORY" in message
    finally:
        stop_process(server)

    shell_env = {**env, "DJANGO_SETTINGS_MODULE": "hostsite.settings"}
    answer = json.loads(run([str(python), "-c", FACTORY_LOGIN_SCRIPT], project, shell_env).stdout)
    assert answer == [200, "yes, as cookielab-demo", False]


@pytest.mark.parametrize("path", sorted((APP / "templates").rglob("*.html")), ids=lambda p: p.name)
def test_templates_extend_only_cookielab_templates_and_hard_code_no_paths(path):
    source = path.read_text()
    for extended in re.findall(r"{%\s*extends\s+[\"']([^\"']+)[\"']", source):
        assert extended.startswith("cookielab/"), extended
    assert not re.search(r"""(?:href|action|src|data-[\w-]+)=["']/""", source), "use {% url %} / {% static %}"


@pytest.mark.parametrize("path", sorted((APP / "static").rglob("*.js")), ids=lambda p: p.name)
def test_scripts_hard_code_no_paths(path):
    assert not re.search(r"""fetch\(\s*["'`]/""", path.read_text()), "read URLs from data- attributes"
