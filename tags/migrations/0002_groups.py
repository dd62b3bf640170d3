"""Who manages tags: "Biên tập viên" adds and renames them, "Duyệt bài" also deletes them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Biên tập viên"
PUBLISHERS = "Duyệt bài"
EDITOR_PERMISSIONS = ["add_tag", "change_tag", "view_tag"]
PUBLISHER_PERMISSIONS = EDITOR_PERMISSIONS + ["delete_tag"]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [(EDITORS, EDITOR_PERMISSIONS), (PUBLISHERS, PUBLISHER_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="tags", codename__in=codenames)
        if permissions.count() != len(codenames):
            raise RuntimeError(f"Missing tags permissions for group {name!r}")
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="tags"))


class Migration(migrations.Migration):
    dependencies = [
        ("tags", "0001_initial"),
        ("news", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
