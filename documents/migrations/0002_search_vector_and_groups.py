"""Full-text search on PostgreSQL, and the editing groups' rights on documents.

`search_vector` is the same generated column as articles have (news migration
0005): strip(to_tsvector('simple', search_text)) with a GIN index, read by
news/search.py `matching()`. SQLite has neither; it matches `search_text`.

Documents go through the articles' workflow: "Biên tập viên" (news migration
0002) writes and edits drafts, "Duyệt bài" also publishes and deletes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Biên tập viên"
PUBLISHERS = "Duyệt bài"
EDITOR_PERMISSIONS = [
    "add_document", "change_document", "view_document",
    "add_documentfile", "change_documentfile", "view_documentfile", "delete_documentfile",
    "add_relation", "change_relation", "view_relation", "delete_relation",
    "view_issuer", "view_field",
]  # fmt: skip
PUBLISHER_PERMISSIONS = EDITOR_PERMISSIONS + [
    "publish_document", "delete_document",
    "add_issuer", "change_issuer", "add_field", "change_field",
]  # fmt: skip

FORWARD = [
    "ALTER TABLE documents_document ADD COLUMN IF NOT EXISTS search_vector tsvector"
    " GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, search_text))) STORED",
    "CREATE INDEX IF NOT EXISTS document_search_vector_idx ON documents_document USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS document_search_vector_idx",
    "ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector",
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
    for name, codenames in [(EDITORS, EDITOR_PERMISSIONS), (PUBLISHERS, PUBLISHER_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="documents", codename__in=codenames)
        if permissions.count() != len(codenames):
            raise RuntimeError(f"Missing documents permissions for group {name!r}")
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="documents"))


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("news", "0002_editor_groups"),
    ]

    operations = [
        migrations.RunPython(add_vector, remove_vector),
        migrations.RunPython(create_groups, remove_groups),
    ]
