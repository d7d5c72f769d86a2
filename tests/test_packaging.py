"""The wheel carries the whole app and nothing of the site, and works in a fresh startproject under /learn/.

The end-to-end test builds the wheel from a copy of the sources (so no build/ leftovers can leak
in), installs it with ``--no-deps`` into a new venv, and makes Django importable there through a
``.pth`` file that points at this venv's site-packages: installing Django from the package index
on every run would be slow and would fail offline, while the wheel itself is installed for real.
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
import urllib.error
import urllib.parse
import urllib.request
import zipfile
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


def build_wheel(workdir: Path) -> Path:
    source = workdir / "source"
    source.mkdir()
    shutil.copytree(APP, source / "cookielab", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(workdir / "dist"), str(source)]
    # Build offline with this venv's setuptools when it is recent enough (requirements.txt asks for
    # it); an older one makes `build` fetch the required setuptools into an isolated env instead.
    if version("setuptools") in SpecifierSet(">=77"):
        command.append("--no-isolation")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = (workdir / "dist").glob("django_cookielab-*.whl")
    return wheel


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


def start_host_project(workdir: Path, python: Path, env: dict[str, str]) -> Path:
    """``django-admin startproject`` plus the two lines the docs ask for (and STATIC_ROOT for collectstatic)."""
    project = workdir / "host"
    project.mkdir()
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


def test_wheel_installs_into_a_fresh_startproject_and_every_lesson_works_under_learn(tmp_path):
    wheel = build_wheel(tmp_path)

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

    python = fresh_venv_with_wheel(tmp_path, wheel)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHON", "COOKIELAB_", "REDIS_"))}
    project = start_host_project(tmp_path, python, env)
    manage = [str(python), "manage.py"]
    check = run([*manage, "check"], project, env)
    assert "cookielab." not in check.stdout + check.stderr
    run([*manage, "migrate", "--noinput"], project, env)
    run([*manage, "collectstatic", "--noinput"], project, env)

    urls = json.loads(
        run([str(python), "-c", URLS_SCRIPT], project, {**env, "DJANGO_SETTINGS_MODULE": "hostsite.settings"}).stdout
    )
    assert urls["app"].startswith(str(tmp_path / "venv")), "the installed wheel, not the source tree, was imported"
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


@pytest.mark.parametrize("path", sorted((APP / "templates").rglob("*.html")), ids=lambda p: p.name)
def test_templates_extend_only_cookielab_templates_and_hard_code_no_paths(path):
    source = path.read_text()
    for extended in re.findall(r"{%\s*extends\s+[\"']([^\"']+)[\"']", source):
        assert extended.startswith("cookielab/"), extended
    assert not re.search(r"""(?:href|action|src|data-[\w-]+)=["']/""", source), "use {% url %} / {% static %}"


@pytest.mark.parametrize("path", sorted((APP / "static").rglob("*.js")), ids=lambda p: p.name)
def test_scripts_hard_code_no_paths(path):
    assert not re.search(r"""fetch\(\s*["'`]/""", path.read_text()), "read URLs from data- attributes"
