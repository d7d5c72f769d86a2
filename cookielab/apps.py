from django.apps import AppConfig


class CookieLabConfig(AppConfig):
    name = "cookielab"
    verbose_name = "Cookie Lab"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cookielab import checks  # noqa: F401  (importing registers the system checks)
