"""The two editing groups.

"Biên tập viên" writes and edits drafts; "Duyệt bài" may also publish and delete.
Permissions are created here (post_migrate would only create them after every
migration has run), so the groups are complete on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Biên tập viên"
PUBLISHERS = "Duyệt bài"

EDITOR_PERMISSIONS = [
    "add_article",
    "change_article",
    "view_article",
    "view_category",
    "add_video",
    "change_video",
    "view_video",
    "add_weblink",
    "change_weblink",
    "view_weblink",
]
PUBLISHER_PERMISSIONS = EDITOR_PERMISSIONS + [
    "publish_article",
    "delete_article",
    "delete_video",
    "delete_weblink",
]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [(EDITORS, EDITOR_PERMISSIONS), (PUBLISHERS, PUBLISHER_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        if permissions.count() != len(codenames):
            raise RuntimeError(f"Missing news permissions for group {name!r}")
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
