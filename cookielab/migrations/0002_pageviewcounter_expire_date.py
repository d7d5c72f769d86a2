import django.utils.timezone
from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    """Counters expire with their session (issue #17). Rows from before cannot be tied to a session's
    expiry: they get "now", so the next purge-expired removes them unless their session counts again first."""

    dependencies = [
        ("cookielab", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="pageviewcounter",
            name="expire_date",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
