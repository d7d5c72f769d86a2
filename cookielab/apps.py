from django.apps import AppConfig


class CookieLabConfig(AppConfig):
    name = "cookielab"
    verbose_name = "Cookie Lab"
    default_auto_field = "django.db.models.BigAutoField"
