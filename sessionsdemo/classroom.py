"""`make classroom`: the teacher's laptop serves the room. Which addresses, which settings, which command.

Plain functions for ``manage.py classroom`` (sessionsdemo/management/commands/classroom.py), tested on
their own. Finding this machine's addresses sends no packet: Linux lists them in /proc, elsewhere
``ip -j addr`` does, and only as a last resort is the host name resolved.

The server is the production server of ``make serve`` (granian, DEBUG off) on every interface, but
not ``DJANGO_ENV=production``: a classroom is plain HTTP on the local network, where production's
HTTPS-only cookies would be dropped by every student's browser (the lecture's ``secure: true``
trap, for the CSRF cookie too) and its redirect to HTTPS would lead nowhere.
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sessionsdemo import serving

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
TEACHER_PATH = "/classroom/teacher/"


def _parse_fib_trie(text: str) -> list[str]:
    """IPv4 addresses of this machine's interfaces from /proc/net/fib_trie: each ``/32 host LOCAL`` entry."""
    found: list[str] = []
    last = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|--"):
            last = stripped[3:].strip()
        elif stripped.startswith("/32 host LOCAL") and last and last not in found:
            found.append(last)
    return found


def _parse_if_inet6(text: str) -> list[str]:
    """IPv6 addresses from /proc/net/if_inet6: 32 hex digits, then index, prefix length, scope, flags, name."""
    found: list[str] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 4 and len(fields[0]) == 32:
            address = str(ipaddress.IPv6Address(int(fields[0], 16)))
            if address not in found:
                found.append(address)
    return found


def _parse_ip_json(text: str) -> list[str]:
    """Addresses from ``ip -j addr``."""
    found: list[str] = []
    for interface in json.loads(text or "[]"):
        for info in interface.get("addr_info", []):
            local = info.get("local")
            if local and local not in found:
                found.append(local)
    return found


def interface_addresses() -> list[str]:
    """This machine's own IP addresses, loopback included, read without sending anything."""
    proc = Path("/proc/net")
    if (proc / "fib_trie").exists():
        found = _parse_fib_trie((proc / "fib_trie").read_text())
        if (proc / "if_inet6").exists():
            found += _parse_if_inet6((proc / "if_inet6").read_text())
        if found:
            return found
    ip = shutil.which("ip")
    if ip:
        result = subprocess.run([ip, "-j", "addr"], capture_output=True, text=True, timeout=5)
        if result.returncode == 0:
            try:
                return _parse_ip_json(result.stdout)
            except ValueError:
                pass
    try:  # the last resort: may ask a name server
        infos = socket.getaddrinfo(socket.gethostname(), None)
    except OSError:
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def reachable(addresses: Iterable[str]) -> list[str]:
    """The addresses another computer could open: IPv4 (the server listens on 0.0.0.0), no loopback, no link-local."""
    return [
        address
        for address in addresses
        if (ip := _ip(address)) is not None
        and ip.version == 4
        and not (ip.is_loopback or ip.is_link_local or ip.is_unspecified)
    ]


def host_part(address: str) -> str:
    """An address as it goes in a URL's host (IPv6 in brackets)."""
    ip = _ip(address)
    return f"[{ip}]" if ip is not None and ip.version == 6 else address


def allowed_hosts(addresses: Iterable[str], hostname: str, extra: Iterable[str] = ()) -> list[str]:
    """ALLOWED_HOSTS for the classroom: this machine's names and addresses, loopback included; never ``*``."""
    hosts: list[str] = [*LOOPBACK_HOSTS]
    names = [hostname] if hostname else []
    if hostname and "." not in hostname:
        names.append(f"{hostname}.local")  # the name mDNS (Bonjour, Avahi) gives this machine on the network
    for host in [*(host_part(address) for address in addresses), *names, *extra]:
        host = host.strip().lower()
        if host and host != "*" and host not in hosts:
            hosts.append(host)
    return hosts


@dataclass(frozen=True)
class Plan:
    """What ``manage.py classroom`` is about to start, and what it tells the teacher."""

    address: str
    port: int
    key: str
    hosts: list[str]
    also: list[str]

    @property
    def student_url(self) -> str:
        return f"http://{host_part(self.address)}:{self.port}/"

    @property
    def teacher_url(self) -> str:
        return f"http://{host_part(self.address)}:{self.port}{TEACHER_PATH}?key={self.key}"


def plan(port: int, key: str, address: str | None = None, extra_hosts: Iterable[str] = ()) -> Plan:
    own = interface_addresses()
    candidates = reachable(own)
    hostname = socket.gethostname()
    chosen = address or (candidates[0] if candidates else "127.0.0.1")
    hosts = allowed_hosts([*own, chosen], hostname, extra_hosts)
    also = [f"http://{host_part(other)}:{port}/" for other in candidates if other != chosen]
    if hostname and "." not in hostname:
        also.append(f"http://{hostname}.local:{port}/ (where the network resolves .local names)")
    return Plan(address=chosen, port=port, key=key, hosts=hosts, also=also)


def server_env(base: dict[str, str], plan: Plan) -> dict[str, str]:
    """The server's environment: classroom mode, DEBUG off, this run's key, this machine's hosts."""
    env = dict(base)
    env.update(
        DJANGO_SETTINGS_MODULE=env.get("DJANGO_SETTINGS_MODULE", "sessionsdemo.settings"),
        DJANGO_ENV="development",
        DJANGO_DEBUG="0",
        CLASSROOM="1",
        COOKIELAB_TEACHER_KEY=plan.key,
        ALLOWED_HOSTS=",".join(plan.hosts),
    )
    return env


def granian_command(port: int, workers: int, static_root: Path) -> list[str]:
    """`make serve`'s server, on every interface."""
    granian = Path(sys.executable).parent / "granian"
    static = ["--static-path-route", "/static", "--static-path-mount", str(static_root)] if static_root.is_dir() else []
    return [
        str(granian if granian.exists() else shutil.which("granian") or "granian"),
        *serving.granian_wsgi_options(workers),
        *["--host", "0.0.0.0", "--port", str(port), "--log-level", "warning"],
        *static,
        "sessionsdemo.wsgi:application",
    ]


def qr_code(url: str) -> str | None:
    """``url`` as a QR code drawn with block characters, or None without segno (or a terminal that cannot draw it)."""
    try:
        import segno
    except ImportError:
        return None
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    drawing = out.getvalue()
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        drawing.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return None
    return drawing


def banner(plan: Plan, qr: str | None) -> str:
    lines = [
        "",
        "Cookie Lab is open to the classroom (plain HTTP on this network).",
        "",
        f"  Students open:  {plan.student_url}",
    ]
    if qr:
        lines += ["", *("  " + row for row in qr.rstrip("\n").splitlines())]
    else:
        lines.append("  (pip install segno draws a QR code of it here)")
    lines += [
        "",
        "  Teacher (keep this line off the projector: it opens the class's dashboard):",
        f"    {plan.teacher_url}",
        "",
    ]
    if plan.also:
        lines.append("  It also answers at " + ", ".join(plan.also) + f", and at http://127.0.0.1:{plan.port}/ here.")
    lines += [
        "  Over plain HTTP to this address, students' browsers drop Secure cookies: the lessons that set them",
        "  say so when it happens (the lecture's secure: true trap).",
        "  Stop with Ctrl-C; the key changes with every start. End the class from the dashboard.",
        "",
    ]
    return "\n".join(lines)


def prepare(env: dict[str, str], manage: Path) -> None:
    """Migrate, create the shared cache's table and collect the static files, all under the server's settings."""
    for args in (["migrate", "--noinput"], ["createcachetable"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        result = subprocess.run(
            [sys.executable, str(manage), *args], cwd=manage.parent, env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")


def start(command: list[str], env: dict[str, str]) -> None:
    """Become the server: Ctrl-C and signals reach granian itself."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, env)
