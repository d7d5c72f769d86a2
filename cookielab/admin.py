"""A read-only admin for Django's sessions, built to stay fast on a table of a million rows.

Django registers no admin for ``Session``. This one is registered only when the sessions app is
installed and nobody registered one before (a host that wants its own can unregister this one).
An engine built on ``db`` or ``cached_db`` that keeps its rows in a model of its own gets the same
admin for that model, and every row is decoded by the configured engine's class (its salt).
"""

from __future__ import annotations

import json
from typing import Any
from typing import cast

from django.apps import apps
from django.contrib import admin

from cookielab.core.session_stores import decode_row
from cookielab.core.session_stores import expired
from cookielab.core.session_stores import is_expired

if apps.is_installed("django.contrib.sessions"):
    from django.contrib import messages
    from django.contrib.sessions.base_session import AbstractBaseSession
    from django.contrib.sessions.models import Session
    from django.core.paginator import Paginator
    from django.db.models import QuerySet
    from django.http import HttpRequest
    from django.utils.functional import cached_property
    from django.utils.html import format_html

    # The changelist counts at most this many rows: an exact COUNT(*) of a big table is slow.
    COUNT_LIMIT = 10_000

    class CappedCountPaginator(Paginator):
        """Counts up to COUNT_LIMIT rows (``SELECT COUNT(*) FROM (... LIMIT n)``), never the whole table."""

        @cached_property
        def count(self) -> int:
            return cast(QuerySet, self.object_list).order_by()[:COUNT_LIMIT].count()

    class ExpiredFilter(admin.SimpleListFilter):
        title = "expired"
        parameter_name = "expired"

        def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
            return [("yes", "Yes"), ("no", "No")]

        def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
            if self.value() == "yes":
                return queryset.filter(expired())
            if self.value() == "no":
                return queryset.exclude(expired())
            return queryset

    def decoded_json(session: AbstractBaseSession) -> str:
        """The session's data as indented JSON (an empty object when it cannot be decoded)."""
        return json.dumps(decode_row(session), indent=2, sort_keys=True, ensure_ascii=False, default=str)

    class SessionAdmin(admin.ModelAdmin):
        list_display = ("session_key", "expire_date", "is_expired", "data_preview")
        list_filter = (ExpiredFilter,)
        search_fields = ("session_key",)
        search_help_text = "The start of a session key (the value of the session cookie)."
        # The primary key's index serves this order straight away; "-expire_date" made a million-row
        # SQLite table sort itself on every page (750 ms, measured by make bench). Click a column to re-sort.
        ordering = ("session_key",)
        fields = ("session_key", "expire_date", "is_expired", "data")
        readonly_fields = fields
        paginator = CappedCountPaginator
        show_full_result_count = False
        list_per_page = 50
        actions = ("delete_expired",)

        def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
            # A prefix match on the primary key uses its index; the default icontains would scan.
            term = search_term.strip()
            if not term:
                return queryset, False
            return queryset.filter(session_key__startswith=term), False

        @admin.display(boolean=True, description="expired")
        def is_expired(self, session: AbstractBaseSession) -> bool:
            return is_expired(session.expire_date)

        @admin.display(description="data")
        def data_preview(self, session: AbstractBaseSession) -> str:
            compact = json.dumps(decode_row(session), sort_keys=True, ensure_ascii=False, default=str)
            return compact if len(compact) <= 80 else f"{compact[:79]}…"

        @admin.display(description="decoded data")
        def data(self, session: AbstractBaseSession) -> str:
            return format_html('<pre class="cookielab-session-data">{}</pre>', decoded_json(session))

        @admin.action(description="Delete the expired ones among the selected sessions", permissions=["delete"])
        def delete_expired(self, request: HttpRequest, queryset: QuerySet) -> None:
            deleted, _ = queryset.filter(expired()).delete()
            self.message_user(request, f"Deleted {deleted} expired session(s).", messages.SUCCESS)

        def get_actions(self, request: HttpRequest, action_location: Any = None) -> dict:
            # Django 6.1 passes where the actions are shown; Django 5.2 and 6.0 have no such argument.
            where = {} if action_location is None else {"action_location": action_location}
            actions = super().get_actions(request, **where)
            # The stock action lists every object on its confirmation page: unusable on big tables.
            actions.pop("delete_selected", None)
            return actions

        def has_add_permission(self, request: HttpRequest) -> bool:
            return False

        def has_change_permission(self, request: HttpRequest, obj: AbstractBaseSession | None = None) -> bool:
            return False

    def session_models() -> list[type[AbstractBaseSession]]:
        """Django's Session, and the model of the configured engine when it keeps its rows elsewhere."""
        from cookielab.sessions.maintenance import session_model

        models: list[type[AbstractBaseSession]] = [Session]
        try:
            own = session_model()
        except ImportError:  # Django reports an engine that cannot be imported at the first request
            return models
        if own is not Session:
            models.append(own)
        return models

    for model in session_models():
        if not admin.site.is_registered(model):
            admin.site.register(model, SessionAdmin)
