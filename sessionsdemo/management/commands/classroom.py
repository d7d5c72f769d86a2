"""``manage.py classroom``: serve the lab to the room and print the students' address and the teacher's link."""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from sessionsdemo import classroom
from sessionsdemo import serving


class Command(BaseCommand):
    help = (
        "Serve Cookie Lab to a classroom: granian on every interface with DEBUG off, a cache its processes share, "
        "ALLOWED_HOSTS set to this machine's names and addresses, and a teacher link with a key made for this run."
    )
    requires_system_checks: list[str] = []  # the server runs them; this only prepares and starts it

    def add_arguments(self, parser: Any) -> None:
        port = int(os.environ.get("PORT") or "8000")
        parser.add_argument("--port", type=int, default=port, help="default: PORT, else 8000")
        parser.add_argument(
            "--address",
            help="the address or name students open (default: this machine's first address on the network)",
        )
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS") or serving.WORKERS))
        parser.add_argument("--no-qr", action="store_true", help="do not draw the QR code")

    def handle(self, *args: Any, port: int, address: str | None, workers: int, no_qr: bool, **options: Any) -> None:
        if os.environ.get("DJANGO_ENV", "").strip().lower() == "production":
            raise CommandError(
                "DJANGO_ENV=production makes every cookie HTTPS-only and redirects to HTTPS, and a classroom is plain "
                "HTTP: students' browsers would drop the CSRF cookie. Unset DJANGO_ENV for `make classroom`."
            )
        if not 0 < port < 65536:
            raise CommandError(f"--port must be a TCP port, not {port}.")
        extra = [host for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
        plan = classroom.plan(port, secrets.token_urlsafe(24), address, extra)
        env = classroom.server_env(dict(os.environ), plan)
        try:
            classroom.prepare(env, settings.BASE_DIR / "manage.py")
        except RuntimeError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(classroom.banner(plan, None if no_qr else classroom.qr_code(plan.student_url)))
        self.stdout.flush()
        classroom.start(classroom.granian_command(port, workers, settings.STATIC_ROOT), env)
