import time

from django.db import migrations, models
from django.utils import timezone


def first_generation(apps, schema_editor):
    """The row news/caching.py moves on; numbered from the current time, like every later generation.

    Its next move is due at the earliest future publish time of any article: a scheduled one among them
    then comes out on time (an extra move for a draft dated in the future is harmless).
    """
    Article = apps.get_model("news", "Article")
    upcoming = Article.objects.filter(published_at__gt=timezone.now()).order_by("published_at").first()
    apps.get_model("news", "Generation").objects.create(
        name="news", number=int(time.time() * 1000), next_publish=upcoming.published_at if upcoming else None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_reading_function"),
    ]

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                ("name", models.CharField(max_length=32, primary_key=True, serialize=False, verbose_name="tên")),
                ("number", models.BigIntegerField(verbose_name="số thế hệ")),
                (
                    "next_publish",
                    models.DateTimeField(blank=True, null=True, verbose_name="bài hẹn giờ sớm nhất"),
                ),
            ],
            options={
                "verbose_name": "thế hệ nội dung",
                "verbose_name_plural": "thế hệ nội dung",
            },
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
    ]
