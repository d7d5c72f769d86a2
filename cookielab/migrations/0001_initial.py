from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PageViewCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("session_digest", models.CharField(max_length=64, unique=True)),
                ("views", models.PositiveIntegerField(default=0)),
            ],
            options={"verbose_name": "page view counter"},
        ),
    ]
