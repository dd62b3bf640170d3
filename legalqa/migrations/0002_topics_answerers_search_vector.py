"""The topics a worker chooses from, the answerers' group, and full-text search on PostgreSQL.

"Tư vấn pháp luật" answers questions (view, change, answer) and may read the
documents library to cite it. `search_vector` is the same generated column as
articles have (news migration 0005), read by news/search.py `matching()`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ANSWERERS = "Tư vấn pháp luật"
ANSWERER_PERMISSIONS = {
    "legalqa": ["view_question", "change_question", "answer_question", "view_topic"],
    "documents": ["view_document"],
}
TOPICS = [
    ("Tiền lương", "tien-luong"),
    ("Bảo hiểm xã hội", "bao-hiem-xa-hoi"),
    ("Hợp đồng lao động", "hop-dong-lao-dong"),
    ("Thời giờ làm việc, nghỉ ngơi", "thoi-gio-lam-viec"),
    ("An toàn, vệ sinh lao động", "an-toan-ve-sinh-lao-dong"),
    ("Công đoàn", "cong-doan"),
    ("Vấn đề khác", "khac"),
]

FORWARD = [
    "ALTER TABLE legalqa_question ADD COLUMN IF NOT EXISTS search_vector tsvector"
    " GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, search_text))) STORED",
    "CREATE INDEX IF NOT EXISTS question_search_vector_idx ON legalqa_question USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS question_search_vector_idx",
    "ALTER TABLE legalqa_question DROP COLUMN IF EXISTS search_vector",
]


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def remove_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ANSWERERS)
    for app_label, codenames in ANSWERER_PERMISSIONS.items():
        permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        if permissions.count() != len(codenames):
            raise RuntimeError(f"Missing {app_label} permissions for group {ANSWERERS!r}")
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ANSWERERS).delete()


def create_topics(apps, schema_editor):
    Topic = apps.get_model("legalqa", "Topic")
    for order, (name, slug) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("legalqa", "0001_initial"),
        ("documents", "0002_search_vector_and_groups"),
    ]

    operations = [
        migrations.RunPython(add_vector, remove_vector),
        migrations.RunPython(create_groups, remove_groups),
        migrations.RunPython(create_topics, migrations.RunPython.noop),
    ]
